#!/bin/bash
# What `./dev run` runs inside the development root, as root: installs the
# build, starts what a desktop session has, and mounts an example mirror of a
# sample folder for user tester, with a small workload so the counters move.
# Until the window exists, the live counters are printed here.
#
# Runs until Ctrl-C, or for PASSMIRROR_DEMO_SECONDS (default: 15 when stdin is
# not a terminal). Leaves no mount and no process behind: ./dev runs it in its
# own mount and PID namespaces, and the trap below also unmounts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build=build/dev
state=/run/passmirror-demo
sample=/home/tester/PassMirror-sample
mountpoint=/home/tester/Mirrors/sample
stats=/run/passmirror/stats/demo.stats
seconds=${PASSMIRROR_DEMO_SECONDS:-}
[[ -n $seconds || -t 0 ]] || seconds=15

cleanup() {
    set +e
    [[ -n ${workload_pid:-} ]] && kill "$workload_pid" 2>/dev/null
    if grep -q " $mountpoint " /proc/self/mountinfo; then
        umount "$mountpoint" 2>/dev/null || umount -l "$mountpoint"
    fi
    tests/fixtures/desktop-services.sh stop "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "==> Installing into the root (/usr/local)"
cmake --install "$build" --prefix /usr/local >/dev/null

echo "==> Starting the system bus, polkitd, the session bus and Xvfb"
tests/fixtures/desktop-services.sh start "$state"

echo "==> Making the sample folder $sample"
install -d -o tester -g tester "$sample/docs" "$sample/photos" "$(dirname "$mountpoint")" "$mountpoint"
for i in $(seq 1 20); do
    head -c $((i * 4096)) /dev/urandom >"$sample/photos/picture-$i.raw"
    echo "Note $i: written by the PassMirror demo" >"$sample/docs/note-$i.txt"
done
chown -R tester:tester "$sample"

echo "==> Mounting $sample at $mountpoint for tester (passthrough auto)"
passmirrord "$sample" "$mountpoint" --owner=tester --stats-file="$stats"

# A person at work in the mirror: reading, writing, listing.
runuser -u tester -- bash -c '
    cd "$1"
    while true; do
        cat docs/*.txt >/dev/null
        cat photos/picture-1.raw >/dev/null
        date >>docs/journal.txt
        ls -lR >/dev/null
        sleep 0.2
    done' workload "$mountpoint" &
workload_pid=$!

echo "==> Live counters (Ctrl-C to stop)"
python3 tools/print-stats.py "$stats" ${seconds:+--seconds "$seconds"}
