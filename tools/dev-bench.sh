#!/bin/bash
# Runs passmirror-bench from the release build tree (what `./dev bench ARGS`
# calls, as root inside the development root, from the checkout at /src).
# With no arguments: the full run (5 rounds, about 10-15 minutes on 2 cores),
# JSON and table kept in build/<tree>/bench/. Any arguments go to the bench
# as they are (see `./dev bench --help`), for example:
#   ./dev bench --quick
#   ./dev bench --scale=1000000
#   ./dev bench --daemon-arg=--io-uring=on --floor-arg=--io-uring=on
set -euo pipefail
cd "$(dirname "$0")/.."

# The release tree of this root: the Debian testing root builds into
# build/testing-release (./dev's naming), recognisable by its libfuse >= 3.18.
tree=${PASSMIRROR_BENCH_BUILD:-}
if [[ -z $tree ]]; then
    fuse_version=$(pkg-config --modversion fuse3 2>/dev/null || echo 0)
    if [[ -d build/testing-release ]] && dpkg --compare-versions "$fuse_version" ge 3.18; then
        tree=build/testing-release
    else
        tree=build/release
    fi
fi
bench=$tree/bin/passmirror-bench
[[ -x $bench ]] || { echo "dev-bench: $bench is missing (build the release preset first)" >&2; exit 1; }

if [[ $# -gt 0 ]]; then
    exec "$bench" "$@"
fi

out=$tree/bench
stamp=$(date -u +%Y%m%dT%H%M%SZ)
echo "dev-bench: full run; table in $out/bench-$stamp.md, JSON in $out/bench-$stamp.json" >&2
"$bench" --json="$out/bench-$stamp.json" | tee "$out/bench-$stamp.md"
