#!/bin/bash
# Builds the Debian packages from the working tree with packaging/debian and
# checks them with lintian. `./dev package` runs it as root in the Debian 13
# root; the packaging tests run it as a ctest fixture.
#
#   tools/dev-package.sh [--if-needed] [--out DIR]
#
# The packages, .changes and .buildinfo land in DIR (default build/packages),
# never in the parent of the checkout. --if-needed skips the build when the
# .debs in DIR were made from exactly the current tree (a hash of every file
# that goes into the source package). Prints the packages with their sizes,
# the build time and lintian's output; fails on any lintian error.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out_dir=$source_dir/build/packages
if_needed=no
while [[ $# -gt 0 ]]; do
    case $1 in
    --if-needed) if_needed=yes ;;
    --out)
        [[ $# -ge 2 ]] || { echo "dev-package: --out needs a directory" >&2; exit 2; }
        out_dir=$2
        shift
        ;;
    *)
        echo "dev-package: unknown argument '$1' (--if-needed, --out DIR)" >&2
        exit 2
        ;;
    esac
    shift
done

say() { printf '==> %s\n' "$*" >&2; }

mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
# One build at a time per output directory: ./dev package and a test run
# may both want the packages.
exec 9>"$out_dir/.lock"
if ! flock -n 9; then
    say "Waiting for another package build in $out_dir"
    flock 9
fi

version=$(dpkg-parsechangelog -l "$source_dir/packaging/debian/changelog" -S Version)
upstream=${version%-*}

# What goes into the package: every file of the tree but build output and git.
tree_files() {
    (cd "$source_dir" && find . \( -path ./build -o -path ./.git \) -prune -o -type f -print | LC_ALL=C sort)
}
# The binary packages do not depend on the tests or the docs (they are built
# with BUILD_TESTING=OFF): leave them out of the up-to-date check.
tree_hash() {
    (cd "$source_dir" && tree_files | grep -v -e '^\./tests/' -e '^\./docs/' |
        xargs -d '\n' sha256sum | sha256sum | cut -c1-32)
}

print_packages() {
    local deb
    printf '%-60s %10s %16s\n' "package file" "size" "installed size" >&2
    for deb in "$out_dir"/*_"$version"_*.deb; do
        printf '%-60s %10s %13s KiB\n' "$(basename "$deb")" "$(stat -c %s "$deb")" \
            "$(dpkg-deb -f "$deb" Installed-Size)" >&2
    done
}

hash=$(tree_hash)
if [[ $if_needed == yes && -f $out_dir/.tree-hash && $(<"$out_dir/.tree-hash") == "$hash" ]] &&
    compgen -G "$out_dir/*_${version}_*.deb" >/dev/null; then
    say "Packages in $out_dir are up to date with the tree ($hash)"
    print_packages
    exit 0
fi

# Start clean: no package of an older tree may be mistaken for this one.
rm -f "$out_dir/.tree-hash" "$out_dir"/*.deb "$out_dir"/*.ddeb "$out_dir"/*.changes \
    "$out_dir"/*.buildinfo "$out_dir"/lintian.txt
work=$out_dir/passmirror-$upstream
rm -rf "$work"
mkdir -p "$work"
(cd "$source_dir" && tree_files | tar -cf - --no-recursion -T -) | tar -xf - -C "$work"
rm -rf "$work/debian"
cp -a "$source_dir/packaging/debian" "$work/debian"

# debhelper (compat 13) points HOME at a scratch directory for the build, so
# name ccache's directory explicitly to keep sharing the root's cache.
if command -v ccache >/dev/null; then
    export CCACHE_DIR=${CCACHE_DIR:-${HOME:-/root}/.cache/ccache}
    export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$source_dir}
fi
export DEB_BUILD_OPTIONS="nocheck parallel=$(nproc) ${DEB_BUILD_OPTIONS:-}"

say "Building passmirror $version in $work"
SECONDS=0
(cd "$work" && dpkg-buildpackage --build=binary --no-sign) >"$out_dir/build.log" 2>&1 || {
    tail -40 "$out_dir/build.log" >&2
    echo "dev-package: dpkg-buildpackage failed; full log: $out_dir/build.log" >&2
    exit 1
}
build_seconds=$SECONDS
rm -rf "$work"
echo "deb build time: $build_seconds s" >&2

print_packages
changes=$(echo "$out_dir"/passmirror_"$version"_*.changes)
say "lintian $(basename "$changes")"
lintian_status=0
lintian --display-info --pedantic --tag-display-limit 0 "$changes" >"$out_dir/lintian.txt" 2>&1 || lintian_status=$?
cat "$out_dir/lintian.txt" >&2
errors=$(grep -c '^E: ' "$out_dir/lintian.txt" || true)
warnings=$(grep -c '^W: ' "$out_dir/lintian.txt" || true)
echo "lintian: $errors error(s), $warnings warning(s), exit status $lintian_status" >&2
if [[ $errors -gt 0 ]]; then
    echo "dev-package: lintian reports errors" >&2
    exit 1
fi
echo "$hash" >"$out_dir/.tree-hash"
