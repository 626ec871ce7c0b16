#!/usr/bin/env bash
# ./dev soak MINUTES: run as root inside the development root after the dev
# preset is built. Mixed write load on mirror after mirror, each ended by a
# fault (daemon kills, a full source, SIGTERM); prints operations done,
# faults injected, mounts recovered and bytes verified.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
minutes=${1:?usage: dev-soak.sh MINUTES}
[[ $minutes =~ ^[0-9]+$ && $minutes -ge 1 ]] || { echo "dev-soak.sh: MINUTES must be a whole number >= 1" >&2; exit 2; }
soak=build/dev/bin/passmirror-soak
[[ -x $soak ]] || { echo "dev-soak.sh: $soak is missing (build the dev preset)" >&2; exit 2; }
exec "$soak" $((minutes * 60))
