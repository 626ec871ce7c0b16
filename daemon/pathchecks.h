// SPDX-License-Identifier: GPL-2.0-or-later
// The rules SOURCE and MOUNTPOINT must pass, one named function each, so a
// data-driven test can call every rule on its own. Every rule after the
// syntax ones works on fds opened once, never on a path string again.
#pragma once

#include "uniquefd.h"
#include "failure.h"
#include "ownercredentials.h"

#include <string>
#include <string_view>
#include <sys/stat.h>
#include <variant>

namespace PassMirror
{

// One path, opened without following any symlink, with its parent kept so the
// mount can later be found again without a path a user could swap.
struct OpenedPath {
    std::string path; // normalised: no repeated or trailing slashes
    UniqueFd parent; // O_PATH; invalid for "/"
    std::string name; // the last component; empty for "/"
    UniqueFd fd; // O_PATH | O_NOFOLLOW
    struct stat st {
    };
};

// --- Syntax (no system access). `role` is "source" or "mount point".
[[nodiscard]] CheckResult checkAbsolute(std::string_view path, std::string_view role);
[[nodiscard]] CheckResult checkValidUtf8(std::string_view path, std::string_view role);
[[nodiscard]] CheckResult checkShorterThanPathMax(std::string_view path, std::string_view role);
[[nodiscard]] CheckResult checkNoDotComponents(std::string_view path, std::string_view role);
[[nodiscard]] CheckResult checkPathSyntax(std::string_view path, std::string_view role); // all of the above
[[nodiscard]] bool isValidUtf8(std::string_view text);
[[nodiscard]] std::string normalizePath(std::string_view absolutePath);

// Opens `path` one component at a time with O_PATH | O_NOFOLLOW from "/", so
// no component may be a symlink (PathInvalid). A missing component gives
// `missing` (SourceMissing or MountPointMissing); one root cannot even stat
// (another user's or a dead FUSE mount) gives `inaccessible`
// (SourceNotReadable or Busy).
[[nodiscard]] std::variant<OpenedPath, Failure>
openWithoutSymlinks(std::string_view path, std::string_view role, MirrorError missing, MirrorError inaccessible);

// --- Source rules.
[[nodiscard]] CheckResult checkSourceIsDirectory(const OpenedPath &source);
// Not on a pseudo-filesystem (/proc, /sys, ...), and none mounted at or
// below it (base/filesystemkind.h says why): SourcePseudoFilesystem.
[[nodiscard]] CheckResult checkSourceNotPseudoFilesystem(const OpenedPath &source);
// The owner must reach the source by its path (search on every parent) and be
// able to list it, checked with the owner's fs credentials on this thread.
[[nodiscard]] CheckResult checkSourceReadableByOwner(const OpenedPath &source, const OwnerCredentials &owner);

// --- Mount point rules.
[[nodiscard]] CheckResult checkMountPointIsDirectory(const OpenedPath &mountPoint);
[[nodiscard]] CheckResult checkMountPointEmpty(const OpenedPath &mountPoint);
[[nodiscard]] CheckResult checkMountPointOwnedBy(const OpenedPath &mountPoint, const OwnerCredentials &owner);

// --- Both. Compares (st_dev, st_ino) of each and of every ancestor reached by
// "..": a mirror of its own mount point would recurse. Identical paths count
// as MountPointInsideSource.
[[nodiscard]] CheckResult checkNotNested(const OpenedPath &source, const OpenedPath &mountPoint);

struct ValidatedPaths {
    OpenedPath source;
    OpenedPath mountPoint;
};

// Every rule above in order; the first failure wins.
[[nodiscard]] std::variant<ValidatedPaths, Failure>
validatePaths(std::string_view source, std::string_view mountPoint, const OwnerCredentials &owner);

} // namespace PassMirror
