#!/bin/bash
# Makes the private system bus of the desktop-services fixture able to start
# org.passmirror.helper (this build's test helper), and polkitd know its
# actions. Only in the disposable development root (PASSMIRROR_DEV_ROOT=1):
# it writes /usr/share/polkit-1/actions and adds user tester3 (uid 1002),
# whom no polkit rule grants anything, and tester4 (uid 1003), who gets what
# a person at an active local session gets by the actions' defaults: mount,
# mountshared (asking), unmount and unmountall without a password, the rest
# (unmountany, setiouring, confirmshared) only with administrator
# authentication - except that a rule, as an administrator could write one
# by the details the helper passes, approves sharing a folder named
# approved-src at a mount point named approved-mnt.
# (tester4 rather than tester: an overlapping test run still needs tester's
# full grant.)
#
#   helper-services.sh install STATE_DIR HELPER_BINARY POLICY_FILE
#   helper-services.sh remove STATE_DIR
#
# Under ASan the tests set PASSMIRROR_HELPER_LEAK_DIR (TestFixtures.cmake),
# where the helper writes its LeakSanitizer reports: remove then waits for
# the helper to end by itself, which runs the leak check, and fails on any
# report.
set -euo pipefail

action=${1:?usage: helper-services.sh install|remove STATE_DIR ...}
state=${2:?usage: helper-services.sh install|remove STATE_DIR ...}
policy_target=/usr/share/polkit-1/actions/org.passmirror.helper.policy
# Test runs of several build trees may overlap in one root: each leaves a
# marker while it needs the policy, and the last one out removes it. The same
# holds for our own copy of the test users' polkit rule: the desktop-services
# fixture of an overlapping run removes its rule when it stops.
rule_target=/etc/polkit-1/rules.d/48-passmirror-helper-tests.rules
limited_rule_target=/etc/polkit-1/rules.d/47-passmirror-limited-tests.rules
users_dir=/var/lib/passmirror-tests/policy-users
# The marker is named by a random id kept in the state dir, not by the state
# dir's path: every checkout's build tree is /src/build/... inside its own
# ./dev command, so a name derived from the path was the same for two
# checkouts sharing the root, and one run's remove took the other's marker.
marker_id_file=$state/policy-marker-id
service_file=$state/system-services/org.passmirror.helper.service

fail() {
    echo "helper-services: $*" >&2
    exit 1
}

case $action in
install)
    helper=${3:?helper binary}
    policy=${4:?policy file}
    [[ ${PASSMIRROR_DEV_ROOT:-0} == 1 ]] || fail "needs the disposable development root (run through ./dev test)"
    [[ -f $state/env ]] || fail "the desktop-services fixture did not run"
    [[ -x $helper ]] || fail "no helper at $helper"
    # shellcheck source=/dev/null
    . "$state/env"
    export DBUS_SYSTEM_BUS_ADDRESS

    if ! id tester3 >/dev/null 2>&1; then
        groupadd --gid 1002 tester3 2>/dev/null || true
        useradd --uid 1002 --gid 1002 --create-home --shell /bin/bash tester3
    fi
    if ! id tester4 >/dev/null 2>&1; then
        groupadd --gid 1003 tester4 2>/dev/null || true
        useradd --uid 1003 --gid 1003 --create-home --shell /bin/bash tester4
    fi

    if [[ -n ${PASSMIRROR_HELPER_LEAK_DIR:-} ]]; then
        rm -rf "$PASSMIRROR_HELPER_LEAK_DIR"
        mkdir -p "$PASSMIRROR_HELPER_LEAK_DIR"
    fi
    mkdir -p "$users_dir"
    # A run that never removed its marker (killed) left its id here: drop
    # that marker so it cannot keep the policy installed forever.
    if [[ -f $marker_id_file ]]; then
        old_id=$(<"$marker_id_file")
        [[ $old_id =~ ^[0-9a-f]{32}$ ]] && rm -f "${users_dir:?}/$old_id"
    fi
    marker_id=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    [[ $marker_id =~ ^[0-9a-f]{32}$ ]] || fail "could not make a random marker id"
    printf '%s\n' "$marker_id" >"$marker_id_file.tmp"
    mv "$marker_id_file.tmp" "$marker_id_file"
    touch "$users_dir/$marker_id"
    install -m 0644 "$policy" "$policy_target"
    cat >"$rule_target.tmp" <<'RULE'
polkit.addRule(function(action, subject) {
    if (action.id.indexOf("org.passmirror.") === 0 &&
        (subject.user === "tester" || subject.user === "tester2")) {
        return polkit.Result.YES;
    }
});
RULE
    mv "$rule_target.tmp" "$rule_target"
    cat >"$limited_rule_target.tmp" <<'RULE'
polkit.addRule(function(action, subject) {
    if (subject.user !== "tester4" || action.id.indexOf("org.passmirror.") !== 0) {
        return polkit.Result.NOT_HANDLED;
    }
    if (action.id === "org.passmirror.helper.mount" || action.id === "org.passmirror.helper.unmount" ||
        action.id === "org.passmirror.helper.unmountall" || action.id === "org.passmirror.helper.mountshared") {
        return polkit.Result.YES;
    }
    if (action.id === "org.passmirror.helper.confirmshared") {
        var source = action.lookup("source"), mountPoint = action.lookup("mountPoint");
        if (source && mountPoint && /\/approved-src$/.test(source) && /\/approved-mnt$/.test(mountPoint)) {
            return polkit.Result.YES;
        }
    }
    return polkit.Result.AUTH_ADMIN;
});
RULE
    mv "$limited_rule_target.tmp" "$limited_rule_target"
    mkdir -p "$state/system-services"
    printf '[D-BUS Service]\nName=org.passmirror.helper\nExec=%s\nUser=root\n' "$helper" >"$service_file"
    dbus-send --system --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.ReloadConfig >/dev/null || fail "the system bus did not reload its configuration"

    # polkitd watches its actions folder; wait until it knows ours.
    for _ in $(seq 100); do
        if pkaction --action-id org.passmirror.helper.mount >/dev/null 2>&1; then
            exit 0
        fi
        sleep 0.05
    done
    fail "polkitd did not pick up $policy_target"
    ;;
remove)
    rm -f "$service_file"
    # Only our own marker: without the id this run installed nothing (or its
    # state is gone), and another run's markers are not ours to touch.
    if [[ -f $marker_id_file ]]; then
        marker_id=$(<"$marker_id_file")
        [[ $marker_id =~ ^[0-9a-f]{32}$ ]] || fail "$marker_id_file does not hold a marker id"
        rm -f "${users_dir:?}/$marker_id" "$marker_id_file"
    fi
    if [[ -d $users_dir ]] && [[ -z $(ls -A "$users_dir") ]]; then
        rm -f "$policy_target" "$rule_target" "$limited_rule_target"
    fi
    # A helper still running would keep serving; it exits when idle, but end
    # it now - unless its leaks are checked, which only a normal exit does.
    if [[ -f $state/env ]]; then
        # shellcheck source=/dev/null
        . "$state/env"
        pid=$(DBUS_SYSTEM_BUS_ADDRESS=$DBUS_SYSTEM_BUS_ADDRESS dbus-send --system --print-reply --dest=org.freedesktop.DBus \
            /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID string:org.passmirror.helper 2>/dev/null |
            awk '/uint32/ {print $2}') || true
        if [[ -n ${pid:-} && -n ${PASSMIRROR_HELPER_LEAK_DIR:-} ]]; then
            for _ in $(seq 300); do
                kill -0 "$pid" 2>/dev/null || break
                sleep 0.05
            done
        fi
        if [[ -n ${pid:-} ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
        fi
    fi
    if [[ -n ${PASSMIRROR_HELPER_LEAK_DIR:-} ]]; then
        reports=$(find "$PASSMIRROR_HELPER_LEAK_DIR" -type f -name 'helper.*' 2>/dev/null | sort)
        if [[ -n $reports ]]; then
            for report in $reports; do
                echo "helper-services: the helper's sanitizer report $report:" >&2
                cat "$report" >&2
            done
            exit 1
        fi
    fi
    ;;
*)
    fail "unknown action '$action'"
    ;;
esac
