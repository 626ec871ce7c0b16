// SPDX-License-Identifier: GPL-2.0-or-later
#include "pathchecks.h"

#include "filesystemkind.h"
#include "mounttable.h"

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace PassMirror
{

namespace
{

std::string describe(std::string_view role, std::string_view path)
{
    return std::string(role) + " " + std::string(path);
}

std::vector<std::string_view> components(std::string_view path)
{
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (start < path.size()) {
        const std::size_t slash = path.find('/', start);
        const std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start) {
            parts.push_back(path.substr(start, end - start));
        }
        start = end + 1;
    }
    return parts;
}

bool sameInode(const struct stat &a, const struct stat &b)
{
    return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

// True when `target` is `start` or one of its ancestors up to "/". ".." on a
// mount root goes to the parent mount, so this crosses mounts as a path would.
std::variant<bool, Failure> isSelfOrAncestor(int start, const struct stat &target)
{
    UniqueFd current(fcntl(start, F_DUPFD_CLOEXEC, 0));
    if (!current) {
        return failure(MirrorError::Internal, withErrno("cannot duplicate a directory fd", errno));
    }
    for (int depth = 0; depth < PATH_MAX; ++depth) {
        struct stat st {
        };
        if (fstat(current.get(), &st) != 0) {
            return failure(MirrorError::Internal, withErrno("cannot stat a parent directory", errno));
        }
        if (sameInode(st, target)) {
            return true;
        }
        UniqueFd parent(openat(current.get(), "..", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!parent) {
            return failure(MirrorError::Internal, withErrno("cannot open a parent directory", errno));
        }
        struct stat parentSt {
        };
        if (fstat(parent.get(), &parentSt) != 0) {
            return failure(MirrorError::Internal, withErrno("cannot stat a parent directory", errno));
        }
        if (sameInode(parentSt, st)) {
            return false; // "/" is its own parent
        }
        current = std::move(parent);
    }
    return failure(MirrorError::Internal, "directory tree too deep");
}

} // namespace

bool isValidUtf8(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const auto byte = static_cast<std::uint8_t>(text[i]);
        std::size_t length = 0;
        std::uint32_t codePoint = 0;
        if (byte < 0x80) {
            ++i;
            continue;
        } else if ((byte & 0xE0) == 0xC0) {
            length = 2;
            codePoint = byte & 0x1F;
        } else if ((byte & 0xF0) == 0xE0) {
            length = 3;
            codePoint = byte & 0x0F;
        } else if ((byte & 0xF8) == 0xF0) {
            length = 4;
            codePoint = byte & 0x07;
        } else {
            return false;
        }
        if (i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<std::uint8_t>(text[i + k]);
            if ((next & 0xC0) != 0x80) {
                return false;
            }
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (codePoint < smallest[length] || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            return false; // overlong, out of range, or a surrogate
        }
        i += length;
    }
    return true;
}

std::string normalizePath(std::string_view absolutePath)
{
    std::string result;
    for (const std::string_view part : components(absolutePath)) {
        result += '/';
        result += part;
    }
    return result.empty() ? std::string("/") : result;
}

CheckResult checkAbsolute(std::string_view path, std::string_view role)
{
    if (path.empty() || path.front() != '/') {
        return failure(MirrorError::PathInvalid, describe(role, path) + " is not an absolute path");
    }
    return std::nullopt;
}

CheckResult checkValidUtf8(std::string_view path, std::string_view role)
{
    if (!isValidUtf8(path)) {
        return failure(MirrorError::PathInvalid, std::string(role) + " path is not valid UTF-8");
    }
    return std::nullopt;
}

CheckResult checkShorterThanPathMax(std::string_view path, std::string_view role)
{
    if (path.size() >= PATH_MAX) {
        return failure(MirrorError::PathInvalid,
                       std::string(role) + " path is " + std::to_string(path.size()) + " bytes long; the limit is "
                           + std::to_string(PATH_MAX - 1));
    }
    return std::nullopt;
}

CheckResult checkNoDotComponents(std::string_view path, std::string_view role)
{
    for (const std::string_view part : components(path)) {
        if (part == "." || part == "..") {
            return failure(MirrorError::PathInvalid, describe(role, path) + " contains \".\" or \"..\"; give the plain path");
        }
    }
    return std::nullopt;
}

CheckResult checkPathSyntax(std::string_view path, std::string_view role)
{
    // UTF-8 first: later messages print the path.
    for (const auto rule : {checkValidUtf8, checkShorterThanPathMax, checkAbsolute, checkNoDotComponents}) {
        if (auto result = rule(path, role)) {
            return result;
        }
    }
    return std::nullopt;
}

std::variant<OpenedPath, Failure> openWithoutSymlinks(std::string_view path, std::string_view role, MirrorError missing, MirrorError inaccessible)
{
    OpenedPath opened;
    opened.path = normalizePath(path);
    opened.fd = UniqueFd(open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!opened.fd) {
        return failure(MirrorError::Internal, withErrno("cannot open /", errno));
    }
    std::string prefix;
    const auto parts = components(opened.path);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string name(parts[i]);
        prefix += '/';
        prefix += name;
        UniqueFd next(openat(opened.fd.get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!next) {
            const int error = errno;
            if (error == ENOENT) {
                return failure(missing,
                               describe(role, opened.path) + " does not exist"
                                   + (i + 1 < parts.size() ? " (" + prefix + " is missing)" : std::string()));
            }
            if (error == ENAMETOOLONG) {
                return failure(MirrorError::PathInvalid, describe(role, opened.path) + " has a name that is too long");
            }
            return failure(MirrorError::Internal, withErrno("cannot open " + prefix, error));
        }
        struct stat st {
        };
        if (fstat(next.get(), &st) != 0) {
            const int error = errno;
            // Typically another user's FUSE mount (root may not enter one
            // without allow_other) or one whose server died.
            if (error == EACCES || error == ENOTCONN || error == EPERM) {
                return failure(inaccessible, describe(role, opened.path) + ": " + prefix + " cannot be examined ("
                                                 + std::strerror(error) + "); is another FUSE mount there?");
            }
            return failure(MirrorError::Internal, withErrno("cannot stat " + prefix, error));
        }
        if (S_ISLNK(st.st_mode)) {
            return failure(MirrorError::PathInvalid,
                           describe(role, opened.path) + ": " + prefix + " is a symbolic link; give the real path");
        }
        if (i + 1 < parts.size() && !S_ISDIR(st.st_mode)) {
            return failure(missing, describe(role, opened.path) + " does not exist (" + prefix + " is not a directory)");
        }
        opened.parent = std::move(opened.fd);
        opened.fd = std::move(next);
        opened.name = name;
    }
    if (fstat(opened.fd.get(), &opened.st) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot stat " + opened.path, errno));
    }
    return opened;
}

CheckResult checkSourceIsDirectory(const OpenedPath &source)
{
    if (!S_ISDIR(source.st.st_mode)) {
        return failure(MirrorError::SourceNotDirectory, "source " + source.path + " is not a directory");
    }
    return std::nullopt;
}

CheckResult checkSourceNotPseudoFilesystem(const OpenedPath &source)
{
    if (const auto pseudo = pseudoFilesystemOf(source.fd.get())) {
        return failure(MirrorError::SourcePseudoFilesystem, "source " + source.path + " is on " + std::string(*pseudo)
                                                                 + ", a system pseudo-filesystem, which cannot be mirrored");
    }
    if (const auto below = pseudoFilesystemMountAtOrBelow(readMountTable(), source.path)) {
        return failure(MirrorError::SourcePseudoFilesystem, "source " + source.path + " contains " + below->mountPoint + " (" + below->fsType
                                                                 + "), a system pseudo-filesystem, which cannot be mirrored");
    }
    return std::nullopt;
}

CheckResult checkSourceReadableByOwner(const OpenedPath &source, const OwnerCredentials &owner)
{
    const std::string who = owner.name.empty() ? "uid " + std::to_string(owner.uid) : owner.name;
    ScopedOwnerFsCredentials asOwner(owner);
    if (!asOwner.isActive()) {
        return failure(MirrorError::NotPermitted, withErrno("cannot take the credentials of " + who, errno));
    }
    // Resolving the path again as the owner checks search permission on every
    // parent: a readable directory inside a private one must not leak out.
    open_how how{};
    how.flags = O_PATH | O_DIRECTORY | O_CLOEXEC;
    how.resolve = RESOLVE_NO_SYMLINKS;
    UniqueFd asSeen(static_cast<int>(syscall(SYS_openat2, AT_FDCWD, source.path.c_str(), &how, sizeof how)));
    if (!asSeen) {
        return failure(MirrorError::SourceNotReadable, "source " + source.path + " is not reachable by " + who + " ("
                                                           + std::strerror(errno) + ")");
    }
    struct stat st {
    };
    if (fstat(asSeen.get(), &st) != 0 || !sameInode(st, source.st)) {
        return failure(MirrorError::PathInvalid, "source " + source.path + " changed while it was being checked");
    }
    if (syscall(SYS_faccessat2, asSeen.get(), "", R_OK | X_OK, AT_EACCESS | AT_EMPTY_PATH) != 0) {
        return failure(MirrorError::SourceNotReadable, "source " + source.path + " is not readable by " + who);
    }
    return std::nullopt;
}

CheckResult checkMountPointIsDirectory(const OpenedPath &mountPoint)
{
    if (!S_ISDIR(mountPoint.st.st_mode)) {
        return failure(MirrorError::MountPointNotDirectory, "mount point " + mountPoint.path + " is not a directory");
    }
    return std::nullopt;
}

CheckResult checkMountPointEmpty(const OpenedPath &mountPoint)
{
    // A fresh open of the fd we hold, not of the path: the same directory.
    UniqueFd directory(openat(mountPoint.fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!directory) {
        return failure(MirrorError::Internal, withErrno("cannot read mount point " + mountPoint.path, errno));
    }
    alignas(8) char buffer[4096];
    for (;;) {
        const long size = syscall(SYS_getdents64, directory.get(), buffer, sizeof buffer);
        if (size < 0) {
            return failure(MirrorError::Internal, withErrno("cannot read mount point " + mountPoint.path, errno));
        }
        if (size == 0) {
            return std::nullopt;
        }
        for (long offset = 0; offset < size;) {
            const auto *entry = reinterpret_cast<const struct dirent64 *>(buffer + offset);
            const std::string_view name(entry->d_name);
            if (name != "." && name != "..") {
                return failure(MirrorError::MountPointNotEmpty, "mount point " + mountPoint.path + " is not empty");
            }
            offset += entry->d_reclen;
        }
    }
}

CheckResult checkMountPointOwnedBy(const OpenedPath &mountPoint, const OwnerCredentials &owner)
{
    if (owner.uid != 0 && mountPoint.st.st_uid != owner.uid) {
        const std::string who = owner.name.empty() ? "uid " + std::to_string(owner.uid) : owner.name;
        return failure(MirrorError::MountPointNotOwned, "mount point " + mountPoint.path + " is not owned by " + who);
    }
    return std::nullopt;
}

CheckResult checkNotNested(const OpenedPath &source, const OpenedPath &mountPoint)
{
    auto mountInSource = isSelfOrAncestor(mountPoint.fd.get(), source.st);
    if (auto *error = std::get_if<Failure>(&mountInSource)) {
        return *error;
    }
    if (std::get<bool>(mountInSource)) {
        return failure(MirrorError::MountPointInsideSource,
                       "mount point " + mountPoint.path + " is inside the source " + source.path);
    }
    auto sourceInMount = isSelfOrAncestor(source.fd.get(), mountPoint.st);
    if (auto *error = std::get_if<Failure>(&sourceInMount)) {
        return *error;
    }
    if (std::get<bool>(sourceInMount)) {
        return failure(MirrorError::SourceInsideMountPoint,
                       "source " + source.path + " is inside the mount point " + mountPoint.path);
    }
    return std::nullopt;
}

std::variant<ValidatedPaths, Failure> validatePaths(std::string_view source, std::string_view mountPoint, const OwnerCredentials &owner)
{
    if (auto result = checkPathSyntax(source, "source")) {
        return *result;
    }
    if (auto result = checkPathSyntax(mountPoint, "mount point")) {
        return *result;
    }
    auto openedSource = openWithoutSymlinks(source, "source", MirrorError::SourceMissing, MirrorError::SourceNotReadable);
    if (auto *error = std::get_if<Failure>(&openedSource)) {
        return *error;
    }
    auto openedMountPoint = openWithoutSymlinks(mountPoint, "mount point", MirrorError::MountPointMissing, MirrorError::Busy);
    if (auto *error = std::get_if<Failure>(&openedMountPoint)) {
        return *error;
    }
    ValidatedPaths paths{std::move(std::get<OpenedPath>(openedSource)), std::move(std::get<OpenedPath>(openedMountPoint))};

    if (auto result = checkSourceIsDirectory(paths.source)) {
        return *result;
    }
    if (auto result = checkSourceNotPseudoFilesystem(paths.source)) {
        return *result;
    }
    if (auto result = checkMountPointIsDirectory(paths.mountPoint)) {
        return *result;
    }
    if (auto result = checkSourceReadableByOwner(paths.source, owner)) {
        return *result;
    }
    if (auto result = checkMountPointOwnedBy(paths.mountPoint, owner)) {
        return *result;
    }
    if (auto result = checkNotNested(paths.source, paths.mountPoint)) {
        return *result;
    }
    if (auto result = checkMountPointEmpty(paths.mountPoint)) {
        return *result;
    }
    return paths;
}

} // namespace PassMirror
