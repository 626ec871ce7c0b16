#!/bin/bash
# What `./dev shell [--user USER]` runs inside the development root, as root:
# a private system bus with real polkitd and a session bus, the bus able to
# start this build's KAuth helper (which starts this build's passmirrord),
# a polkit rule granting org.passmirror.* to tester and tester2, and then an
# interactive shell as USER with DBUS_SYSTEM_BUS_ADDRESS set and passmirrorctl
# on PATH. Everything (services, mounts, the helper's policy) ends with the
# shell: ./dev runs this in its own mount and PID namespaces, and the trap
# below removes what was written into the root.
#
#   tools/dev-shell.sh USER        (PASSMIRROR_BUILD_DIR: default build/dev)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

user=${1:?usage: dev-shell.sh USER}
build=${PASSMIRROR_BUILD_DIR:-build/dev}
state=/run/passmirror-shell
source_dir=$PWD

home=/root
[[ $user == root ]] || home=$(getent passwd "$user" | cut -d: -f6)
[[ -n $home ]] || { echo "dev-shell: no user '$user' in the build environment" >&2; exit 2; }

note() { printf '\033[1m%s\033[0m\n' "$*" >&2; }

# Mounts of the shell's user made through the helper: detach them so the
# helper's registry and polkit files leave nothing behind in the root.
cleanup() {
    set +e
    if [[ -S $state/system_bus_socket && $user != root ]]; then
        runuser -u "$user" -- env DBUS_SYSTEM_BUS_ADDRESS="unix:path=$state/system_bus_socket" \
            "$build/bin/passmirrorctl" unmount --all --force >/dev/null 2>&1
    fi
    tests/helper/helper-services.sh remove "$state" 2>/dev/null
    tests/fixtures/desktop-services.sh stop "$state" 2>/dev/null
}

services=no
if [[ ${PASSMIRROR_DEV_ROOT:-0} != 1 ]]; then
    note "No development root (the host has every package): no private system bus or helper; passmirrorctl needs the real ones."
elif [[ ! -x $build/bin/passmirror_helper_test || ! -f $build/helper/org.passmirror.helper.policy ]]; then
    note "No helper in $build (the build failed?): no system bus or helper in this shell; fix the build and start it again."
else
    trap cleanup EXIT
    trap 'exit 130' INT TERM HUP
    tests/fixtures/desktop-services.sh start "$state" --no-display >/dev/null
    tests/helper/helper-services.sh install "$state" "$source_dir/$build/bin/passmirror_helper_test" \
        "$build/helper/org.passmirror.helper.policy"
    services=yes
fi

env_args=(HOME="$home" USER="$user" LOGNAME="$user" SHELL=/bin/bash
    TERM="${TERM:-dumb}" LANG="${LANG:-C.UTF-8}" PASSMIRROR_DEV=1 PASSMIRROR_DEV_ROOT="${PASSMIRROR_DEV_ROOT:-0}"
    CCACHE_BASEDIR="${CCACHE_BASEDIR:-}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-}"
    PATH="$source_dir/$build/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
if [[ $services == yes ]]; then
    # shellcheck source=/dev/null
    . "$state/env"
    runtime=$state/runtime-$user
    install -d -o "$user" -g "$(id -g "$user")" -m 0700 "$runtime"
    env_args+=(DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SYSTEM_BUS_ADDRESS" DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS"
        XDG_RUNTIME_DIR="$runtime")
    cat >&2 <<EOF
This is a DEVELOPMENT shell. Its system bus is private, with a real polkitd;
a polkit rule grants every org.passmirror.* action to tester and tester2
without a password, and the bus starts this build's helper ($build), which
starts this build's passmirrord. Try, as tester:
    mkdir -p ~/src ~/mnt && echo hello >~/src/file
    passmirrorctl mount ~/src ~/mnt && cat ~/mnt/file
    passmirrorctl list
    passmirrorctl stats ~/mnt --watch      (Ctrl-C to stop)
    passmirrorctl unmount ~/mnt
Mounts, the bus and polkitd end when this shell exits.
EOF
fi

# Not exec: the trap above must run when the shell ends.
status=0
cd "$source_dir"
if [[ $user == root ]]; then
    env -i "${env_args[@]}" bash -i || status=$?
else
    runuser -u "$user" -- env -i "${env_args[@]}" bash -i || status=$?
fi
exit "$status"
