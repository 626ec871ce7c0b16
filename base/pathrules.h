// SPDX-License-Identifier: GPL-2.0-or-later
// The rules a source folder and a mount point must pass before a mirror is
// made, written once for every process: the helper runs them as the caller,
// passmirrord again as the owner (it trusts none of the helper's checks), the
// window's dialog and passmirrorctl as the person, to refuse early.
//
// Each file system rule is one named function, so a test can call it on its
// own; a syntax problem says which rule it broke. Every rule after the
// syntax ones works on fds opened once, one
// component at a time without following any symlink, never on the path
// string again. A Problem names the role ("the mount point"), never the
// path: the helper's replies are seen by every client on the bus, and whoever
// shows a problem adds the path it asked about.
#pragma once

#include "mirrorerror.h"
#include "uniquefd.h"
#include "useridentity.h"

#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <variant>
#include <vector>

namespace PassMirror::PathRules
{

enum class Role {
    Source,
    MountPoint
};
[[nodiscard]] const char *roleName(Role role) noexcept; // "source", "mount point"

inline constexpr std::size_t MaxPathBytes = 4095; // PATH_MAX without the terminating NUL
inline constexpr std::size_t MaxNameBytes = 255; // NAME_MAX

// Which rule a PathInvalid broke, so a client can say it in its own words.
enum class Invalid {
    Empty,
    ContainsNul,
    NotUtf8,
    ControlCharacter,
    NotAbsolute,
    TooLong,
    NameTooLong,
    DotComponent,
    Symlink,
    InsideUserServedFuse,
};
[[nodiscard]] std::string describe(Invalid why); // "is not absolute"

struct Problem {
    MirrorError error = MirrorError::Internal;
    Role role = Role::Source;
    std::string message; // a sentence about the role, without any path
    std::optional<Invalid> invalid; // set with PathInvalid
    // For a private log only, it may name paths: what was found ("proc
    // mounted at /home/a/src/p"). Empty when the message says it all.
    std::string detail;
};
using Check = std::optional<Problem>;

// --- Syntax: no system access. The rules, in this order: not empty, no
// NUL, valid UTF-8, no control character (printable.h: U+0001–U+001F, DEL,
// U+0080–U+009F), absolute, not longer than MaxPathBytes nor any name than
// MaxNameBytes, no "." or ".." names. The first one broken wins, and
// Problem::invalid says which.
[[nodiscard]] Check checkSyntax(std::string_view path, Role role);
// The same for any other path (passmirrord's stats file, say): what is
// wrong with it ("is not absolute"), nullopt when nothing is.
[[nodiscard]] std::optional<std::string> syntaxProblem(std::string_view path);

// The names between the slashes, empty ones left out.
[[nodiscard]] std::vector<std::string_view> components(std::string_view path);
// Repeated slashes collapsed, no trailing slash (except "/"). Needs an absolute path.
[[nodiscard]] std::string normalize(std::string_view absolutePath);

// --- File system rules, on fds.
struct OpenedPath {
    std::string path; // normalised
    UniqueFd parent; // O_PATH; invalid for "/"
    std::string name; // the last component; empty for "/"
    UniqueFd fd; // O_PATH, the path itself
    struct stat st{};
};

// Opens `path` (syntax checked) from "/", one component at a time with
// O_PATH | O_NOFOLLOW, with the file system identity in force on this
// thread (so search permission on every parent is checked). A symlink
// anywhere is PathInvalid, a missing component Source/MountPointMissing, a
// parent the identity may not search SourceNotReadable/MountPointNotOwned,
// a component that cannot even be examined (another user's or a dead FUSE
// mount) SourceNotReadable/Busy.
[[nodiscard]] std::variant<OpenedPath, Problem> openWithoutSymlinks(std::string_view path, Role role);

[[nodiscard]] Check checkSourceIsDirectory(const OpenedPath &source);
// Not on a pseudo-filesystem (/proc, /sys, ...), and none mounted at or
// below it (filesystemkind.h says why): SourcePseudoFilesystem.
[[nodiscard]] Check checkSourceNotPseudoFilesystem(const OpenedPath &source);
// With the identity in force: the source may be listed and entered.
[[nodiscard]] Check checkSourceReadable(const OpenedPath &source);
[[nodiscard]] Check checkMountPointIsDirectory(const OpenedPath &mountPoint);
// The mount point belongs to `uid` (root included: no one mounts on another's folder).
[[nodiscard]] Check checkMountPointOwnedBy(const OpenedPath &mountPoint, uid_t uid);
[[nodiscard]] Check checkMountPointEmpty(const OpenedPath &mountPoint);
// Compares (st_dev, st_ino) of each with every ancestor of the other, as
// ".." reaches them (crossing mounts as a path would). The same folder for
// both counts as MountPointInsideSource.
[[nodiscard]] Check checkNotNested(const OpenedPath &source, const OpenedPath &mountPoint);
// Not inside a FUSE mount that every user may enter and a user other than
// root serves (mounttable.h): a privileged process walking into it would
// wait for that user's server. From the mount table only: nothing of the
// path is looked up. PathInvalid.
[[nodiscard]] Check checkNotInsideUserServedSharedFuse(std::string_view path, Role role);

// One path's own rules, with the identity in force on this thread: syntax,
// opened without symlinks, then what its role asks of it alone. A source is
// a folder, on no pseudo-filesystem, that may be listed and entered.
[[nodiscard]] std::variant<OpenedPath, Problem> openSource(std::string_view path);
// A mount point is a folder. Whose it is and whether it is empty are
// checkMountPointOwnedBy and checkMountPointEmpty: the window does not ask
// them of the mount point of a mirror that is mounted.
[[nodiscard]] std::variant<OpenedPath, Problem> openMountPoint(std::string_view path);

struct ValidatedPaths {
    OpenedPath source;
    OpenedPath mountPoint;
};

// Whether validate() walks into a FUSE mount every user may enter and a user
// serves. The helper, which every user waits on, refuses such paths before
// it walks them; passmirrord, started for one mirror and bounded by the
// helper's deadline, may mirror a shared mirror when root starts it by hand.
enum class UserServedFuse {
    Refuse,
    Enter
};

// Every rule in order, the file system ones as `who` (fs ids and groups on
// this thread; the process must be root); the first problem wins.
[[nodiscard]] std::variant<ValidatedPaths, Problem>
validate(std::string_view source, std::string_view mountPoint, const UserIdentity &who, UserServedFuse userServedFuse = UserServedFuse::Refuse);

} // namespace PassMirror::PathRules
