// SPDX-License-Identifier: GPL-2.0-or-later
#include "pathrules.h"

#include "filesystemkind.h"
#include "mounttable.h"

#include <QByteArrayView>
#include <QMetaType>

#include <algorithm>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/openat2.h>
#include <pwd.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace PassMirror::PathRules
{

namespace
{
QString roleName(Role role)
{
    return role == Role::Source ? QStringLiteral("source") : QStringLiteral("mount point");
}

ErrorRole errorRole(Role role)
{
    return role == Role::Source ? ErrorRole::Source : ErrorRole::MountPoint;
}

MirrorResult invalid(Role role, const QString &why)
{
    return MirrorResult::failure(MirrorError::PathInvalid, QStringLiteral("The %1 path %2").arg(roleName(role), why), errorRole(role));
}

MirrorError missingError(Role role)
{
    return role == Role::Source ? MirrorError::SourceMissing : MirrorError::MountPointMissing;
}

QList<QByteArrayView> components(const QByteArray &path)
{
    QList<QByteArrayView> parts;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= path.size(); ++i) {
        if (i == path.size() || path.at(i) == '/') {
            if (i > start) {
                parts.append(QByteArrayView(path).sliced(start, i - start));
            }
            start = i + 1;
        }
    }
    return parts;
}

QString errnoText(int error)
{
    return QString::fromLocal8Bit(strerror(error));
}
} // namespace

MirrorResult checkNotEmpty(const QByteArray &path, Role role)
{
    return path.isEmpty() ? invalid(role, QStringLiteral("is empty")) : MirrorResult::success();
}

MirrorResult checkNoNul(const QByteArray &path, Role role)
{
    return path.contains('\0') ? invalid(role, QStringLiteral("contains a NUL character")) : MirrorResult::success();
}

MirrorResult checkValidUtf8(const QByteArray &path, Role role)
{
    return QByteArrayView(path).isValidUtf8() ? MirrorResult::success() : invalid(role, QStringLiteral("is not valid UTF-8"));
}

MirrorResult checkAbsolute(const QByteArray &path, Role role)
{
    return path.startsWith('/') ? MirrorResult::success() : invalid(role, QStringLiteral("is not absolute"));
}

MirrorResult checkLength(const QByteArray &path, Role role)
{
    if (path.size() > MaxPathBytes) {
        return invalid(role, QStringLiteral("is longer than %1 bytes").arg(MaxPathBytes));
    }
    for (const auto part : components(path)) {
        if (part.size() > MaxNameBytes) {
            return invalid(role, QStringLiteral("has a name longer than %1 bytes").arg(MaxNameBytes));
        }
    }
    return MirrorResult::success();
}

MirrorResult checkNoDotComponents(const QByteArray &path, Role role)
{
    for (const auto part : components(path)) {
        if (part == "." || part == "..") {
            return invalid(role, QStringLiteral("contains \".\" or \"..\""));
        }
    }
    return MirrorResult::success();
}

MirrorResult checkSyntax(const QByteArray &path, Role role)
{
    for (const auto rule : {checkNotEmpty, checkNoNul, checkValidUtf8, checkAbsolute, checkLength, checkNoDotComponents}) {
        if (auto result = rule(path, role); !result.ok()) {
            return result;
        }
    }
    return MirrorResult::success();
}

QByteArray normalize(const QByteArray &path)
{
    QByteArray out = "/";
    for (const auto part : components(path)) {
        if (!out.endsWith('/')) {
            out += '/';
        }
        out += part;
    }
    return out;
}

std::variant<QByteArray, MirrorResult> pathFromVariant(const QVariant &value, Role role)
{
    const auto type = value.metaType().id();
    if (type == QMetaType::QByteArray) {
        return value.toByteArray();
    }
    if (type == QMetaType::QString) {
        const QString text = value.toString();
        if (!text.isValidUtf16()) {
            return invalid(role, QStringLiteral("is not valid Unicode"));
        }
        return text.toUtf8();
    }
    return MirrorResult::failure(MirrorError::Usage, QStringLiteral("The %1 must be a string").arg(roleName(role)), errorRole(role));
}

std::variant<Credentials, MirrorResult> lookupCredentials(uid_t uid)
{
    long size = sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
    passwd entry{};
    passwd *found = nullptr;
    if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
        return MirrorResult::failure(MirrorError::OwnerUnknown, QStringLiteral("User %1 has no account on this system").arg(uid));
    }
    Credentials credentials;
    credentials.uid = uid;
    credentials.gid = entry.pw_gid;
    int count = 32;
    std::vector<gid_t> groups(static_cast<std::size_t>(count));
    while (getgrouplist(entry.pw_name, entry.pw_gid, groups.data(), &count) < 0) {
        groups.resize(static_cast<std::size_t>(count) * 2);
        count = static_cast<int>(groups.size());
    }
    groups.resize(static_cast<std::size_t>(count));
    credentials.groups = QList<gid_t>(groups.begin(), groups.end());
    return credentials;
}

ScopedFsCredentials::ScopedFsCredentials(const Credentials &who)
{
    const long count = syscall(SYS_getgroups, 0, nullptr);
    if (count < 0) {
        return;
    }
    m_savedGroups.resize(count);
    if (syscall(SYS_getgroups, count, m_savedGroups.data()) != count) {
        return;
    }
    m_savedUid = static_cast<uid_t>(syscall(SYS_setfsuid, -1));
    m_savedGid = static_cast<gid_t>(syscall(SYS_setfsgid, -1));
    if (syscall(SYS_setgroups, who.groups.size(), who.groups.constData()) != 0) {
        return;
    }
    syscall(SYS_setfsgid, who.gid);
    syscall(SYS_setfsuid, who.uid);
    // setfs[ug]id report the previous value; ask again to know they took.
    m_active = static_cast<uid_t>(syscall(SYS_setfsuid, -1)) == who.uid && static_cast<gid_t>(syscall(SYS_setfsgid, -1)) == who.gid;
}

ScopedFsCredentials::~ScopedFsCredentials()
{
    syscall(SYS_setfsuid, m_savedUid);
    syscall(SYS_setfsgid, m_savedGid);
    syscall(SYS_setgroups, m_savedGroups.size(), m_savedGroups.constData());
}

std::variant<OpenedPath, MirrorResult> openWithoutSymlinks(const QByteArray &path, Role role)
{
    OpenedPath opened;
    opened.path = normalize(path);
    open_how how{};
    // No O_NOFOLLOW: with it a final symlink would be opened itself instead
    // of failing with ELOOP under RESOLVE_NO_SYMLINKS.
    how.flags = O_PATH | O_CLOEXEC;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    const long fd = syscall(SYS_openat2, AT_FDCWD, opened.path.constData(), &how, sizeof how);
    if (fd < 0) {
        const int error = errno;
        switch (error) {
        case ENOENT:
        case ENOTDIR:
            return MirrorResult::failure(missingError(role), QStringLiteral("The %1 does not exist").arg(roleName(role)), errorRole(role));
        case ELOOP:
            return invalid(role, QStringLiteral("contains a symbolic link; give the real path"));
        case EACCES:
            return MirrorResult::failure(role == Role::Source ? MirrorError::SourceNotReadable : MirrorError::MountPointNotOwned,
                                         QStringLiteral("You cannot reach the %1 (permission denied on a parent folder)").arg(roleName(role)));
        case ENAMETOOLONG:
            return invalid(role, QStringLiteral("is too long"));
        default:
            return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Opening the %1 failed: %2").arg(roleName(role), errnoText(error)), errorRole(role));
        }
    }
    opened.fd.reset(static_cast<int>(fd));
    if (fstat(opened.fd.get(), &opened.st) != 0) {
        return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Reading the %1 failed: %2").arg(roleName(role), errnoText(errno)));
    }
    return opened;
}

MirrorResult checkSourceIsDirectory(const OpenedPath &source)
{
    return S_ISDIR(source.st.st_mode) ? MirrorResult::success()
                                      : MirrorResult::failure(MirrorError::SourceNotDirectory, QStringLiteral("The source is not a folder"));
}

MirrorResult checkNotInsideUserServedSharedFuse(const QByteArray &path, Role role)
{
    if (userServedSharedFuseMountAtOrAbove(readMountTable(), normalize(path).toStdString())) {
        return invalid(role, QStringLiteral("lies inside a FUSE file system that every user may enter and a user serves; the helper does not look inside those"));
    }
    return MirrorResult::success();
}

MirrorResult checkSourceNotPseudoFilesystem(const OpenedPath &source)
{
    if (pseudoFilesystemOf(source.fd.get()) || pseudoFilesystemMountAtOrBelow(readMountTable(), source.path.toStdString())) {
        return MirrorResult::failure(MirrorError::SourcePseudoFilesystem,
                                     QStringLiteral("The source is, or contains, a system folder of the kernel (such as /proc or /sys), which cannot be mirrored"));
    }
    return MirrorResult::success();
}

MirrorResult checkSourceReadable(const OpenedPath &source)
{
    UniqueFd listing(openat(source.fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!listing.isValid()) {
        return MirrorResult::failure(MirrorError::SourceNotReadable,
                                     QStringLiteral("You cannot read the source folder: %1").arg(errnoText(errno)));
    }
    return MirrorResult::success();
}

MirrorResult checkMountPointIsDirectory(const OpenedPath &mountPoint)
{
    return S_ISDIR(mountPoint.st.st_mode) ? MirrorResult::success()
                                          : MirrorResult::failure(MirrorError::MountPointNotDirectory, QStringLiteral("The mount point is not a folder"));
}

MirrorResult checkMountPointOwnedBy(const OpenedPath &mountPoint, uid_t uid)
{
    return mountPoint.st.st_uid == uid
        ? MirrorResult::success()
        : MirrorResult::failure(MirrorError::MountPointNotOwned, QStringLiteral("The mount point belongs to someone else; use an empty folder of your own"));
}

MirrorResult checkMountPointEmpty(const OpenedPath &mountPoint)
{
    UniqueFd listing(openat(mountPoint.fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!listing.isValid()) {
        return MirrorResult::failure(MirrorError::MountPointNotEmpty, QStringLiteral("The mount point cannot be listed: %1").arg(errnoText(errno)));
    }
    DIR *dir = fdopendir(listing.get());
    if (!dir) {
        return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Listing the mount point failed: %1").arg(errnoText(errno)));
    }
    (void)listing.release(); // closedir owns it now
    bool empty = true;
    while (const dirent *entry = readdir(dir)) {
        if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0) {
            empty = false;
            break;
        }
    }
    closedir(dir);
    return empty ? MirrorResult::success()
                 : MirrorResult::failure(MirrorError::MountPointNotEmpty, QStringLiteral("The mount point is not empty; use an empty folder"));
}

namespace
{
struct Identity {
    dev_t dev;
    ino_t ino;
    bool operator==(const Identity &) const = default;
};

// The folder itself first, then each parent up to "/".
std::vector<Identity> selfAndAncestors(const OpenedPath &opened)
{
    std::vector<Identity> chain{{opened.st.st_dev, opened.st.st_ino}};
    UniqueFd current(fcntl(opened.fd.get(), F_DUPFD_CLOEXEC, 3));
    for (int depth = 0; current.isValid() && depth < MaxPathBytes; ++depth) {
        UniqueFd parent(openat(current.get(), "..", O_PATH | O_DIRECTORY | O_CLOEXEC));
        struct stat st {
        };
        if (!parent.isValid() || fstat(parent.get(), &st) != 0) {
            break;
        }
        const Identity identity{st.st_dev, st.st_ino};
        if (identity == chain.back()) {
            break; // "/" is its own parent
        }
        chain.push_back(identity);
        current = std::move(parent);
    }
    return chain;
}

bool contains(const std::vector<Identity> &chain, const Identity &identity)
{
    return std::find(chain.begin(), chain.end(), identity) != chain.end();
}
} // namespace

MirrorResult checkNotNested(const OpenedPath &source, const OpenedPath &mountPoint)
{
    const Identity sourceId{source.st.st_dev, source.st.st_ino};
    const Identity mountId{mountPoint.st.st_dev, mountPoint.st.st_ino};
    if (contains(selfAndAncestors(mountPoint), sourceId)) {
        return MirrorResult::failure(MirrorError::MountPointInsideSource,
                                     QStringLiteral("The mount point is inside the source folder; the mirror would contain itself"));
    }
    if (contains(selfAndAncestors(source), mountId)) {
        return MirrorResult::failure(MirrorError::SourceInsideMountPoint, QStringLiteral("The source folder is inside the mount point"));
    }
    return MirrorResult::success();
}

std::variant<ValidatedPaths, MirrorResult> validateForMount(const QByteArray &source, const QByteArray &mountPoint, const Credentials &caller)
{
    if (auto result = checkSyntax(source, Role::Source); !result.ok()) {
        return result;
    }
    if (auto result = checkSyntax(mountPoint, Role::MountPoint); !result.ok()) {
        return result;
    }
    // Before any path is walked: a hung server there would hold the helper.
    if (auto result = checkNotInsideUserServedSharedFuse(source, Role::Source); !result.ok()) {
        return result;
    }
    if (auto result = checkNotInsideUserServedSharedFuse(mountPoint, Role::MountPoint); !result.ok()) {
        return result;
    }
    ScopedFsCredentials asCaller(caller);
    if (!asCaller.isActive()) {
        return MirrorResult::failure(MirrorError::NotPermitted, QStringLiteral("The helper could not take on your credentials"));
    }
    auto openedSource = openWithoutSymlinks(source, Role::Source);
    if (auto *failure = std::get_if<MirrorResult>(&openedSource)) {
        return *failure;
    }
    auto openedMount = openWithoutSymlinks(mountPoint, Role::MountPoint);
    if (auto *failure = std::get_if<MirrorResult>(&openedMount)) {
        return *failure;
    }
    ValidatedPaths paths{std::move(std::get<OpenedPath>(openedSource)), std::move(std::get<OpenedPath>(openedMount))};
    for (auto result : {checkSourceIsDirectory(paths.source),
                        checkSourceNotPseudoFilesystem(paths.source),
                        checkSourceReadable(paths.source),
                        checkMountPointIsDirectory(paths.mountPoint),
                        checkMountPointOwnedBy(paths.mountPoint, caller.uid)}) {
        if (!result.ok()) {
            return result;
        }
    }
    // Nesting before emptiness: a source inside the mount point makes it
    // non-empty too, and nesting is the more useful thing to say.
    if (auto result = checkNotNested(paths.source, paths.mountPoint); !result.ok()) {
        return result;
    }
    if (auto result = checkMountPointEmpty(paths.mountPoint); !result.ok()) {
        return result;
    }
    return paths;
}

} // namespace PassMirror::PathRules
