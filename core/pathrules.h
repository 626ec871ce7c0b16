// SPDX-License-Identifier: GPL-2.0-or-later
// The rules a source folder and a mount point must pass before a mirror is
// made. Each rule is one named function so a data-driven test can call it on
// its own; the helper runs them all (validateForMount) with the caller's file
// system credentials, the clients run the syntax rules to refuse early.
//
// Every rule after the syntax ones works on an fd opened once without
// following any symlink, never on the path string again. Messages name the
// role ("the mount point"), never the path: the helper's replies are seen by
// every client on the bus, so clients add the paths they asked about.
#pragma once

#include "mirrorresult.h"
#include "uniquefd.h"

#include <QByteArray>
#include <QList>
#include <QVariant>

#include <sys/stat.h>
#include <sys/types.h>
#include <variant>

namespace PassMirror::PathRules
{

enum class Role { Source, MountPoint };

inline constexpr int MaxPathBytes = 4095; // PATH_MAX without the terminating NUL
inline constexpr int MaxNameBytes = 255; // NAME_MAX

// --- Syntax: no system access.
[[nodiscard]] MirrorResult checkNotEmpty(const QByteArray &path, Role role);
[[nodiscard]] MirrorResult checkNoNul(const QByteArray &path, Role role);
[[nodiscard]] MirrorResult checkValidUtf8(const QByteArray &path, Role role);
[[nodiscard]] MirrorResult checkAbsolute(const QByteArray &path, Role role);
[[nodiscard]] MirrorResult checkLength(const QByteArray &path, Role role);
[[nodiscard]] MirrorResult checkNoDotComponents(const QByteArray &path, Role role);
// All syntax rules above, in that order.
[[nodiscard]] MirrorResult checkSyntax(const QByteArray &path, Role role);
// Repeated slashes collapsed, no trailing slash (except "/"). Needs an absolute path.
[[nodiscard]] QByteArray normalize(const QByteArray &path);

// A path as it crosses D-Bus: a QString (must be valid UTF-16) or a QByteArray
// (raw bytes, checked as UTF-8 later). Anything else is a Usage error.
[[nodiscard]] std::variant<QByteArray, MirrorResult> pathFromVariant(const QVariant &value, Role role);

// --- Who the checks run as.
struct Credentials {
    uid_t uid = 0;
    gid_t gid = 0;
    QList<gid_t> groups; // supplementary groups, the primary one included
};
// OwnerUnknown when the uid has no passwd entry.
[[nodiscard]] std::variant<Credentials, MirrorResult> lookupCredentials(uid_t uid);

// While alive, this thread's fsuid, fsgid and groups are those of `who`
// (raw syscalls: glibc's wrappers would change every thread). Root only.
class ScopedFsCredentials
{
public:
    explicit ScopedFsCredentials(const Credentials &who);
    ~ScopedFsCredentials();
    ScopedFsCredentials(const ScopedFsCredentials &) = delete;
    ScopedFsCredentials &operator=(const ScopedFsCredentials &) = delete;
    [[nodiscard]] bool isActive() const
    {
        return m_active;
    }

private:
    QList<gid_t> m_savedGroups;
    uid_t m_savedUid = 0;
    gid_t m_savedGid = 0;
    bool m_active = false;
};

// --- File system rules, on fds.
struct OpenedPath {
    QByteArray path; // normalised
    UniqueFd fd; // O_PATH, opened with RESOLVE_NO_SYMLINKS
    struct stat st {
    };
};

// Not inside a FUSE mount that every user may enter and a user other than
// root serves (base/mounttable.h): the helper would wait for that server
// while every other caller waits for the helper. PathInvalid (with the role).
// From the mount table only: nothing of the path is looked up.
[[nodiscard]] MirrorResult checkNotInsideUserServedSharedFuse(const QByteArray &path, Role role);

// Opens `path` (syntax already checked) without following any symlink, with
// the credentials in force on this thread. A symlink anywhere is PathInvalid.
[[nodiscard]] std::variant<OpenedPath, MirrorResult> openWithoutSymlinks(const QByteArray &path, Role role);

[[nodiscard]] MirrorResult checkSourceIsDirectory(const OpenedPath &source);
// Not on a pseudo-filesystem (/proc, /sys, ...), and none mounted at or
// below it (base/filesystemkind.h says why): SourcePseudoFilesystem.
[[nodiscard]] MirrorResult checkSourceNotPseudoFilesystem(const OpenedPath &source);
// Run with the caller's credentials: the caller can list the source.
[[nodiscard]] MirrorResult checkSourceReadable(const OpenedPath &source);
[[nodiscard]] MirrorResult checkMountPointIsDirectory(const OpenedPath &mountPoint);
[[nodiscard]] MirrorResult checkMountPointOwnedBy(const OpenedPath &mountPoint, uid_t uid);
[[nodiscard]] MirrorResult checkMountPointEmpty(const OpenedPath &mountPoint);
// Compares (st_dev, st_ino) of each with every ancestor of the other.
// The same folder for both counts as MountPointInsideSource.
[[nodiscard]] MirrorResult checkNotNested(const OpenedPath &source, const OpenedPath &mountPoint);

struct ValidatedPaths {
    OpenedPath source;
    OpenedPath mountPoint;
};

// Every rule in order, as `caller` (this process must be root); the first failure wins.
[[nodiscard]] std::variant<ValidatedPaths, MirrorResult>
validateForMount(const QByteArray &source, const QByteArray &mountPoint, const Credentials &caller);

} // namespace PassMirror::PathRules
