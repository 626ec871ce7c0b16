#!/bin/bash
# The packages on a clean Debian 13: installs the built .debs with apt into a
# fresh minimal root, starts the stock system bus and polkitd there, and as
# the unprivileged user tester mounts a mirror with the packaged
# passmirrorctl, sees its counters move, unmounts; then purges both packages
# and checks that nothing of them is left: no file dpkg listed, no mount, no
# /run/passmirror, no process, no path named passmirror anywhere the run
# wrote (the overlay's upper directory holds exactly what changed). A second
# mirror stays mounted across the purge: removing the package must end it.
#
#   install-test.sh PACKAGE_DIR
#
# The minimal root is made once with mmdebstrap and cached in
# $PASSMIRROR_INSTALL_BASE (./dev sets it to a cache beside its roots; default /var/cache/passmirror-install-base,
# inside the development root), keyed by a hash of its recipe; every run
# starts from a fresh overlay of it whose changes live in a private /tmp.
# Nothing from the build tree goes into the root: only the .debs, via apt.
set -euo pipefail

packages=$(cd "${1:?usage: install-test.sh PACKAGE_DIR}" && pwd)
cache=${PASSMIRROR_INSTALL_BASE:-/var/cache/passmirror-install-base}
suite=trixie
mirror=${PASSMIRROR_DEV_MIRROR:-http://deb.debian.org/debian}
# Changing these options makes a new base root. apt's lists stay in it so that
# a run needs no `apt-get update`; a base older than a week is remade, so
# the lists never lag the archive by much.
base_options=(--variant=apt --skip=cleanup/apt/lists)
max_base_age_days=7

say() { printf '[%(%T)T] %s\n' -1 "$*"; }
fail() {
    echo "install-test: FAIL: $*" >&2
    exit 1
}

debs=()
for name in passmirror-daemon passmirror; do
    deb=$(compgen -G "$packages/${name}_*.deb" | head -1) || true
    [[ -n $deb ]] || fail "no ${name}_*.deb in $packages (run ./dev package)"
    debs+=("$deb")
done

ensure_base() {
    local key base
    key=$(printf '%s\n' "${base_options[@]}" "$suite" | sha256sum | cut -c1-16)
    base=$cache/$suite-$key
    mkdir -p "$cache"
    exec 8>"$cache/.lock"
    flock 8
    if [[ -f $base/.complete ]] && [[ -z $(find "$base/.complete" -mtime +"$max_base_age_days") ]]; then
        flock -u 8
        echo "$base"
        return
    fi
    say "Making the minimal Debian 13 root $base (once)" >&2
    rm -rf "$base" "$base.partial"
    mmdebstrap "${base_options[@]}" "$suite" "$base.partial" "$mirror" >"$cache/mmdebstrap.log" 2>&1 ||
        fail "mmdebstrap failed: $(tail -5 "$cache/mmdebstrap.log")"
    # Roots made earlier with other recipes are of no more use.
    find "$cache" -mindepth 1 -maxdepth 1 -type d -name "$suite-*" ! -name "$suite-$key*" -exec rm -rf {} +
    touch "$base.partial/.complete"
    mv "$base.partial" "$base"
    mkdir -p "$cache/archives/partial"
    flock -u 8
    echo "$base"
}

base=$(ensure_base)
mkdir -p "$cache/archives/partial"

# Everything below runs in its own mount and PID namespace: the overlay, the
# bind mounts and every process started in the root end with this script.
if [[ ${PASSMIRROR_INSTALL_TEST_INNER:-} != 1 ]]; then
    export PASSMIRROR_INSTALL_TEST_INNER=1
    # (--propagation unchanged: inside the development root's chroot, / is
    # not a mount point, and ./dev already made every mount private.)
    exec unshare --mount --propagation unchanged --pid --fork --kill-child --mount-proc "$0" "$@"
fi

scratch=$(mktemp -d /tmp/passmirror-install.XXXXXX)
root=$scratch/root
cleanup() {
    # PID 1 of this namespace: end every process started in the root first,
    # so that nothing holds the mounts.
    kill -KILL -1 2>/dev/null || true
    umount -R "$root" 2>/dev/null || umount -Rl "$root" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT
mkdir -p "$scratch/upper" "$scratch/work" "$root"
mount -t overlay overlay -o "lowerdir=$base,upperdir=$scratch/upper,workdir=$scratch/work" "$root"
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount -t tmpfs -o mode=0755,nosuid,nodev run "$root/run"
mount -t tmpfs -o mode=1777,nosuid,nodev tmp "$root/tmp"
# apt's download cache is shared between runs, like a local proxy: it only
# saves downloading the same dependencies again.
mount --bind "$cache/archives" "$root/var/cache/apt/archives"
mkdir -p "$root/debs"
mount --bind -o ro "$packages" "$root/debs"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
as_tester() {
    chroot "$root" /usr/sbin/runuser -u tester -- /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/tester \
        LANG=C.UTF-8 DBUS_SYSTEM_BUS_ADDRESS=unix:path=/run/dbus/system_bus_socket "$@"
}

SECONDS=0
say "Installing $(printf '%s ' "${debs[@]##*/}")with apt"
# (unsafe-io: no fsync per file; the root is thrown away after the run)
in_root apt-get install -y -q -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-unsafe-io "${debs[@]/#$packages//debs}" >"$scratch/apt-install.log" 2>&1 ||
    fail "apt-get install failed: $(tail -15 "$scratch/apt-install.log")"
say "Installed in ${SECONDS} s: $(grep -c '^Setting up' "$scratch/apt-install.log") packages set up"

# What the packages own, for the purge check.
in_root dpkg -L passmirror-daemon passmirror | LC_ALL=C sort -u >"$scratch/package-files"
grep -q '/kauth/libexec/passmirror_helper$' "$scratch/package-files" || fail "the helper is not in the package"

# A person at the desk: tester, with polkit granting PassMirror's actions as
# a site administrator's rule would (a chroot has no logind session).
echo 'tester:x:1000:1000::/home/tester:/bin/sh' >>"$root/etc/passwd"
echo 'tester:x:1000:' >>"$root/etc/group"
echo 'tester:!:20000::::::' >>"$root/etc/shadow"
install -d -o 1000 -g 1000 "$root/home/tester"
cat >"$root/etc/polkit-1/rules.d/60-install-test.rules" <<'RULE'
polkit.addRule(function(action, subject) {
    if (action.id.indexOf("org.passmirror.") === 0 && subject.user === "tester") {
        return polkit.Result.YES;
    }
});
RULE

# The stock system bus (Debian's system.conf, the packaged bus policy and
# .service file, dbus-daemon-launch-helper) and polkitd.
# (what systemd would do at first boot: a minimal root has no machine id)
if ! grep -qE '^[0-9a-f]{32}$' "$root/etc/machine-id" 2>/dev/null; then
    rm -f "$root/etc/machine-id"
    in_root dbus-uuidgen --ensure=/etc/machine-id
fi
mkdir -p "$root/run/dbus"
in_root dbus-daemon --system --fork || fail "the system bus did not start"
in_root setsid /usr/lib/polkit-1/polkitd --no-debug </dev/null >"$scratch/polkitd.log" 2>&1 &
disown
for _ in $(seq 200); do
    if in_root dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.PolicyKit1 2>/dev/null | grep -q 'boolean true'; then
        break
    fi
    sleep 0.05
done
in_root dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.PolicyKit1 | grep -q 'boolean true' ||
    fail "polkitd did not come up: $(tail -5 "$scratch/polkitd.log")"

say "Mounting a mirror as tester with passmirrorctl"
as_tester mkdir -p /home/tester/source /home/tester/mirror
as_tester sh -c 'echo hello >/home/tester/source/file.txt'
as_tester passmirrorctl mount /home/tester/source /home/tester/mirror ||
    fail "passmirrorctl mount failed"
# Mount points in this namespace's mountinfo carry the root's path in front.
grep -qF " $root/home/tester/mirror " /proc/self/mountinfo || fail "no mount at /home/tester/mirror after mount"

counts() {
    as_tester passmirrorctl stats /home/tester/mirror --json |
        python3 -c 'import json, sys; s = json.load(sys.stdin); o = s["operations"]; print(o["open"]["requests"], o["flush"]["requests"], o["release"]["requests"])'
}
read -r open0 flush0 release0 < <(counts) || fail "passmirrorctl stats --json gave no counters"
rounds=20
for _ in $(seq "$rounds"); do
    as_tester cat /home/tester/mirror/file.txt >/dev/null
done
[[ $(as_tester cat /home/tester/mirror/file.txt) == hello ]] || fail "the mirror does not show the source's file"
# RELEASE is asynchronous: give it a moment to arrive.
for _ in $(seq 40); do
    read -r open1 flush1 release1 < <(counts)
    ((release1 - release0 >= rounds)) && break
    sleep 0.05
done
say "Counters: open $open0 -> $open1, flush $flush0 -> $flush1, release $release0 -> $release1 after $((rounds + 1)) reads"
((open1 - open0 >= rounds)) || fail "open counted $((open1 - open0)) of $rounds opens"
((flush1 - flush0 >= rounds)) || fail "flush counted $((flush1 - flush0)) of $rounds closes"
((release1 - release0 >= rounds)) || fail "release counted $((release1 - release0)) of $rounds closes"

as_tester passmirrorctl unmount /home/tester/mirror || fail "passmirrorctl unmount failed"
! grep -qF " $root/home/tester/mirror " /proc/self/mountinfo || fail "the mirror is still mounted after unmount"

# A mirror still mounted at removal: the package must end it (prerm).
as_tester mkdir -p /home/tester/mirror2
as_tester passmirrorctl mount /home/tester/source /home/tester/mirror2 || fail "passmirrorctl mount (second mirror) failed"
grep -qF " $root/home/tester/mirror2 " /proc/self/mountinfo || fail "no mount at /home/tester/mirror2 after mount"

say "Purging the packages with /home/tester/mirror2 still mounted"
in_root apt-get purge -y -q -o Dpkg::Use-Pty=0 -o Dpkg::Options::=--force-unsafe-io passmirror passmirror-daemon >"$scratch/apt-purge.log" 2>&1 ||
    fail "apt-get purge failed: $(tail -15 "$scratch/apt-purge.log")"

leftovers=()
# Files: nothing the packages listed, except folders other packages own too.
while IFS= read -r path; do
    [[ -z $path || $path == /. ]] && continue
    if [[ -d $root$path && ! -L $root$path ]]; then
        in_root dpkg -S "$path" >/dev/null 2>&1 || leftovers+=("folder $path")
    elif [[ -e $root$path || -L $root$path ]]; then
        leftovers+=("file $path")
    fi
done <"$scratch/package-files"
# Anything named passmirror the run created, outside tester's home and the
# test's own files (the overlay's upper directory is every change).
while IFS= read -r path; do
    leftovers+=("created $path")
done < <(cd "$scratch/upper" && find . -path ./home/tester -prune -o -iname '*passmirror*' -print | sed 's|^\.||')
[[ ! -e $root/run/passmirror ]] || leftovers+=("run $(find "$root/run/passmirror" | sed "s|^$root||" | tr '\n' ' ')")
# (passmirrord's mounts have the type fuse.passmirror)
if grep -E ' - fuse\.passmirror |'" $root/home/tester/mirror2? " /proc/self/mountinfo >"$scratch/mounts"; then
    leftovers+=("mount $(tr '\n' ' ' <"$scratch/mounts")")
fi
# The helper exits about 10 s after its last action (KAuth); wait for that,
# then no process may run a program of the packages.
package_process() {
    local exe pid
    for exe in /proc/[0-9]*/exe; do
        pid=${exe#/proc/}
        pid=${pid%/exe}
        local target
        target=$(readlink "$exe" 2>/dev/null) || continue
        target=${target% (deleted)}
        target=${target#"$root"}
        if grep -qxF "$target" "$scratch/package-files"; then
            echo "$pid $target"
        fi
    done
}
for _ in $(seq 300); do
    [[ -z $(package_process) ]] && break
    sleep 0.05
done
while IFS= read -r line; do
    [[ -n $line ]] && leftovers+=("process $line")
done < <(package_process)

if [[ ${#leftovers[@]} -gt 0 ]]; then
    printf 'left after purge: %s\n' "${leftovers[@]}" >&2
    fail "${#leftovers[@]} thing(s) left after apt-get purge"
fi
say "Purge left nothing: $(wc -l <"$scratch/package-files") package paths checked, no mount, no /run/passmirror, no process"
say "PASS in ${SECONDS} s"
