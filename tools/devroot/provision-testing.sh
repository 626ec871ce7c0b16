#!/bin/bash
# Runs once inside a freshly made Debian testing root, after provision.sh.
# Debian builds libfuse3 (3.18.x) without liburing, so its -o io_uring only
# ever logs "failed to start io-uring: ... -95" and serves /dev/fuse. This
# rebuilds Debian's own fuse3 source with liburing and libnuma and installs
# the library under /usr/local, which pkg-config and ld.so search first.
set -euo pipefail

echo 'deb-src http://deb.debian.org/debian testing main' >/etc/apt/sources.list.d/passmirror-src.list
apt-get update -q
work=$(mktemp -d /var/tmp/fuse3-source.XXXXXX)
cd "$work"
# _apt cannot write here; a root download is fine in a throwaway root.
apt-get source -q -o APT::Sandbox::User=root fuse3
cd fuse3-*/
meson setup build --prefix=/usr/local --libdir=lib/x86_64-linux-gnu \
    -Dexamples=false -Dtests=false -Dutils=false
ninja -C build
ninja -C build install
ldconfig
cd /
rm -rf "$work"

# Fail the setup rather than give a root that cannot do what it is for.
readelf -d /usr/local/lib/x86_64-linux-gnu/libfuse3.so | grep -q 'liburing' ||
    { echo "provision-testing: the rebuilt libfuse3 does not use liburing" >&2; exit 1; }
