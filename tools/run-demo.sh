#!/bin/bash
# What `./dev run` runs inside the development root, as root: installs the
# build, starts what a desktop session has (system bus with polkitd, session
# bus, Xvfb when there is no display), lets that bus start the installed
# KAuth helper, mounts an example mirror for user tester through the real
# helper (passmirrorctl), and opens the PassMirror window as tester; a small
# workload keeps the counters moving. On a headless machine it writes a
# screenshot of the screen to build/screenshot.png.
#
# Runs until Ctrl-C, or for PASSMIRROR_DEMO_SECONDS (default: 15 when stdin is
# not a terminal). Leaves no mount and no process behind: ./dev runs it in its
# own mount and PID namespaces, and the trap below also unmounts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=${PASSMIRROR_BUILD_DIR:-build/dev}
state=/run/passmirror-demo
sample=/home/tester/PassMirror-sample
mountpoint=/home/tester/Mirrors/sample
screenshot=build/screenshot.png
prefix=/usr
seconds=${PASSMIRROR_DEMO_SECONDS:-}
[[ -n $seconds || -t 0 ]] || seconds=15

# setpriv execs the command as tester, and a background job (the window)
# execs setpriv: $! is then the program itself, so a signal reaches it
# (runuser would stand between, and answers SIGTERM with "Session
# terminated, killing shell...").
as_tester() {
    local run=()
    [[ $BASHPID == "$$" ]] || run=(exec)
    "${run[@]}" setpriv --reuid=tester --regid=tester --init-groups \
        env USER=tester LOGNAME=tester DBUS_SYSTEM_BUS_ADDRESS="$DBUS_SYSTEM_BUS_ADDRESS" \
        DBUS_SESSION_BUS_ADDRESS="$DBUS_SESSION_BUS_ADDRESS" DISPLAY="${DISPLAY:-}" \
        HOME=/home/tester XDG_RUNTIME_DIR="$state/tester-runtime" LANG="${PASSMIRROR_DEMO_LANG:-C.UTF-8}" \
        "$@"
}

# The window ends first, on SIGTERM, like at the end of a session: it quits
# its event loop and closes while the X server and the buses still run.
stop_window() {
    [[ -n ${window_pid:-} ]] || return 0
    kill -TERM "$window_pid" 2>/dev/null
    (sleep 10 && kill -KILL "$window_pid" 2>/dev/null && echo "run-demo: the window did not end within 10 s of SIGTERM" >&2) &
    local watchdog=$!
    wait "$window_pid"
    local status=$?
    kill "$watchdog" 2>/dev/null
    wait "$watchdog" 2>/dev/null
    window_pid=
    [[ $status == 0 ]] || echo "run-demo: the window ended with status $status" >&2
    return "$status"
}

cleanup() {
    local status=$?
    set +e
    if [[ -n ${workload_pid:-} ]]; then
        kill "$workload_pid" 2>/dev/null
        wait "$workload_pid" 2>/dev/null
    fi
    stop_window || status=1
    if grep -q " $mountpoint " /proc/self/mountinfo; then
        as_tester "$prefix/bin/passmirrorctl" unmount --force "$mountpoint" >/dev/null 2>&1 ||
            umount "$mountpoint" 2>/dev/null || umount -l "$mountpoint"
    fi
    tests/helper/helper-services.sh remove "$state" 2>/dev/null
    tests/fixtures/desktop-services.sh stop "$state"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The configured prefix (/usr): the helper starts the passmirrord path compiled into it.
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
echo "==> Installing into the root ($prefix)"
cmake --install "$build" >/dev/null

echo "==> Starting the system bus, polkitd, the session bus and Xvfb"
headless=no
[[ -z ${DISPLAY:-} ]] && headless=yes
if [[ $headless == yes ]]; then
    tests/fixtures/desktop-services.sh start "$state"
else
    tests/fixtures/desktop-services.sh start "$state" --no-display # the window goes to $DISPLAY
fi
set -a
# shellcheck source=/dev/null
. "$state/env"
set +a
install -d -o tester -g tester -m 0700 "$state/tester-runtime"

echo "==> Letting the system bus start the installed helper"
helper=$(find "$prefix/lib" "$prefix/libexec" -type f -name passmirror_helper -perm -u+x 2>/dev/null | head -1)
[[ -n $helper ]] || { echo "run-demo: the helper was not installed" >&2; exit 1; }
tests/helper/helper-services.sh install "$state" "$helper" "$build/helper/org.passmirror.helper.policy"

echo "==> Making the sample folder $sample"
install -d -o tester -g tester "$sample/docs" "$sample/photos" "$(dirname "$mountpoint")" "$mountpoint"
for i in $(seq 1 20); do
    head -c $((i * 4096)) /dev/urandom >"$sample/photos/picture-$i.raw"
    echo "Note $i: written by the PassMirror demo" >"$sample/docs/note-$i.txt"
done
chown -R tester:tester "$sample"

echo "==> Mounting $sample at $mountpoint as tester, through the helper"
as_tester "$prefix/bin/passmirrorctl" mount "$sample" "$mountpoint"

# A person at work in the mirror: reading, writing, listing.
setpriv --reuid=tester --regid=tester --init-groups bash -c '
    cd "$1"
    while true; do
        cat docs/*.txt >/dev/null
        cat photos/picture-1.raw >/dev/null
        date >>docs/journal.txt
        ls -lR >/dev/null
        sleep 0.2
    done' workload "$mountpoint" &
workload_pid=$!

echo "==> Opening the PassMirror window as tester"
mkdir -p /home/tester/.local/share/knotifications6
install -o tester -g tester -m 0644 app/passmirror.notifyrc /home/tester/.local/share/knotifications6/
as_tester "$prefix/bin/passmirror" &
window_pid=$!

if [[ $headless == yes ]]; then
    # Let the window adopt the mirror and the plot gather some seconds.
    sleep 15
    kill -0 "$window_pid" 2>/dev/null || { echo "run-demo: the window exited" >&2; exit 1; }
    # Select the mirror so the details panel and plot show it.
    if command -v xdotool >/dev/null; then
        xdotool search --name PassMirror windowactivate --sync key Down >/dev/null 2>&1 || true
    fi
    import -window root "$screenshot"
    chown --reference=. "$screenshot" 2>/dev/null || true
    echo "==> Screenshot of the window: $screenshot"
fi

echo "==> PassMirror is running (Ctrl-C to stop)"
if [[ -n $seconds ]]; then
    sleep "$seconds"
else
    window_status=0
    wait "$window_pid" || window_status=$?
    window_pid=
    exit "$window_status"
fi
