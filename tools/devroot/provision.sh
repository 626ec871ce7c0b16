#!/bin/bash
# Runs once inside a freshly made development root (as root, chrooted) to give
# it what the tests expect besides packages: two unprivileged users, a machine
# id, a UTF-8 locale and the directories that system services want.
set -euo pipefail

# tester is the person at the desk; tester2 is the second user of the
# many-clients tests. Fixed uids keep file ownership stable across roots.
for entry in tester:1000 tester2:1001; do
    name=${entry%%:*}
    uid=${entry##*:}
    if ! id "$name" >/dev/null 2>&1; then
        groupadd --gid "$uid" "$name"
        useradd --uid "$uid" --gid "$uid" --create-home --shell /bin/bash "$name"
    fi
done

# dbus-daemon and polkitd refuse to start without a machine id.
dbus-uuidgen --ensure=/etc/machine-id
dbus-uuidgen --ensure

# Non-root users may mount FUSE filesystems with allow_other only when
# fuse.conf says so; the daemon mounts as root, but bindfs/mergerfs peers in
# the benchmarks run the same way, so keep the stock file.
mkdir -p /run/dbus /var/lib/polkit-1
