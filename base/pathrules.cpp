// SPDX-License-Identifier: GPL-2.0-or-later
#include "pathrules.h"

#include "filesystemkind.h"
#include "mounttable.h"
#include "printable.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror::PathRules
{

namespace
{

Problem problem(MirrorError error, Role role, std::string message)
{
    return Problem{error, role, std::move(message), std::nullopt, {}};
}

std::string the(Role role)
{
    return std::string("The ") + roleName(role);
}

Problem invalid(Role role, Invalid why)
{
    Problem found = problem(MirrorError::PathInvalid, role, the(role) + " path " + describe(why));
    found.invalid = why;
    return found;
}

MirrorError missingError(Role role)
{
    return role == Role::Source ? MirrorError::SourceMissing : MirrorError::MountPointMissing;
}

std::string errnoText(int error)
{
    return std::strerror(error);
}

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
    for (std::size_t depth = 0; current.isValid() && depth < MaxPathBytes; ++depth) {
        UniqueFd parent(openat(current.get(), "..", O_PATH | O_DIRECTORY | O_CLOEXEC));
        struct stat st{};
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

const char *roleName(Role role) noexcept
{
    return role == Role::Source ? "source" : "mount point";
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

std::string normalize(std::string_view absolutePath)
{
    std::string result;
    for (const std::string_view part : components(absolutePath)) {
        result += '/';
        result += part;
    }
    return result.empty() ? std::string("/") : result;
}

namespace
{
// Each syntax rule says which way a path breaks it, or nothing.
using Broken = std::optional<Invalid>;

Broken emptyRule(std::string_view path)
{
    return path.empty() ? Broken(Invalid::Empty) : std::nullopt;
}

Broken nulRule(std::string_view path)
{
    return path.find('\0') != std::string_view::npos ? Broken(Invalid::ContainsNul) : std::nullopt;
}

Broken utf8Rule(std::string_view path)
{
    return isValidUtf8(path) ? std::nullopt : Broken(Invalid::NotUtf8);
}

// A newline, a tab, an escape: a folder's path is shown in every list of
// mirrors, in the mount table every user reads, in the window, in the
// administrator's approval of a shared mirror and in logs, and a control
// character there starts a fake line or drives a terminal. No one needs one
// in a folder's name; file names inside a mirror are another matter
// (printable.h shows them).
Broken controlRule(std::string_view path)
{
    std::uint32_t codePoint = 0;
    for (std::size_t i = 0; i < path.size();) {
        const std::size_t length = utf8SequenceAt(path, i, codePoint);
        if (length == 0) {
            return Invalid::NotUtf8;
        }
        if (isControlCharacter(codePoint)) {
            return Invalid::ControlCharacter;
        }
        i += length;
    }
    return std::nullopt;
}

Broken absoluteRule(std::string_view path)
{
    return !path.empty() && path.front() == '/' ? std::nullopt : Broken(Invalid::NotAbsolute);
}

Broken lengthRule(std::string_view path)
{
    if (path.size() > MaxPathBytes) {
        return Invalid::TooLong;
    }
    for (const std::string_view part : components(path)) {
        if (part.size() > MaxNameBytes) {
            return Invalid::NameTooLong;
        }
    }
    return std::nullopt;
}

Broken dotRule(std::string_view path)
{
    for (const std::string_view part : components(path)) {
        if (part == "." || part == "..") {
            return Invalid::DotComponent;
        }
    }
    return std::nullopt;
}

Broken firstBroken(std::string_view path)
{
    for (const auto rule : {emptyRule, nulRule, utf8Rule, controlRule, absoluteRule, lengthRule, dotRule}) {
        if (auto broken = rule(path)) {
            return broken;
        }
    }
    return std::nullopt;
}

Check asCheck(Role role, Broken broken)
{
    return broken ? Check(invalid(role, *broken)) : std::nullopt;
}
} // namespace

std::string describe(Invalid why)
{
    switch (why) {
    case Invalid::Empty:
        return "is empty";
    case Invalid::ContainsNul:
        return "contains a NUL character";
    case Invalid::NotUtf8:
        return "is not valid UTF-8";
    case Invalid::ControlCharacter:
        return "contains a control character (such as a line break, a tab or an escape)";
    case Invalid::NotAbsolute:
        return "is not absolute";
    case Invalid::TooLong:
        return "is longer than " + std::to_string(MaxPathBytes) + " bytes";
    case Invalid::NameTooLong:
        return "has a name longer than " + std::to_string(MaxNameBytes) + " bytes";
    case Invalid::DotComponent:
        return "contains \".\" or \"..\"";
    case Invalid::Symlink:
        return "contains a symbolic link; give the real path";
    case Invalid::InsideUserServedFuse:
        return "lies inside a FUSE file system that every user may enter and a user serves; it is not looked into";
    }
    return "is invalid";
}

std::optional<std::string> syntaxProblem(std::string_view path)
{
    if (auto broken = firstBroken(path)) {
        return describe(*broken);
    }
    return std::nullopt;
}

Check checkSyntax(std::string_view path, Role role)
{
    return asCheck(role, firstBroken(path));
}

std::variant<OpenedPath, Problem> openWithoutSymlinks(std::string_view path, Role role)
{
    OpenedPath opened;
    opened.path = normalize(path);
    opened.fd = UniqueFd(open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!opened.fd) {
        return problem(MirrorError::Internal, role, "Cannot open /: " + errnoText(errno));
    }
    const auto parts = components(opened.path);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::string name(parts[i]);
        UniqueFd next(openat(opened.fd.get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!next) {
            switch (const int error = errno) {
            case ENOENT:
            case ENOTDIR:
                return problem(missingError(role), role, the(role) + " does not exist");
            case EACCES:
                return problem(role == Role::Source ? MirrorError::SourceNotReadable : MirrorError::MountPointNotOwned,
                               role,
                               "You cannot reach the " + std::string(roleName(role)) + " (permission denied on a parent folder)");
            case ENAMETOOLONG:
                return invalid(role, Invalid::NameTooLong);
            default:
                return problem(MirrorError::Internal, role, "Opening the " + std::string(roleName(role)) + " failed: " + errnoText(error));
            }
        }
        struct stat st{};
        if (fstat(next.get(), &st) != 0) {
            const int error = errno;
            // Typically another user's FUSE mount (root may not enter one
            // without allow_other) or one whose server died.
            if (error == EACCES || error == ENOTCONN || error == EPERM) {
                return problem(role == Role::Source ? MirrorError::SourceNotReadable : MirrorError::Busy,
                               role,
                               the(role) + " cannot be examined (" + errnoText(error) + "); is another FUSE mount there?");
            }
            return problem(MirrorError::Internal, role, "Reading the " + std::string(roleName(role)) + " failed: " + errnoText(error));
        }
        if (S_ISLNK(st.st_mode)) {
            return invalid(role, Invalid::Symlink);
        }
        if (i + 1 < parts.size() && !S_ISDIR(st.st_mode)) {
            return problem(missingError(role), role, the(role) + " does not exist (a folder on its way is not a folder)");
        }
        opened.parent = std::move(opened.fd);
        opened.fd = std::move(next);
        opened.name = name;
    }
    if (fstat(opened.fd.get(), &opened.st) != 0) {
        return problem(MirrorError::Internal, role, "Reading the " + std::string(roleName(role)) + " failed: " + errnoText(errno));
    }
    return opened;
}

Check checkSourceIsDirectory(const OpenedPath &source)
{
    return S_ISDIR(source.st.st_mode) ? std::nullopt : Check(problem(MirrorError::SourceNotDirectory, Role::Source, "The source is not a folder"));
}

Check checkSourceNotPseudoFilesystem(const OpenedPath &source)
{
    std::string found;
    if (const auto kind = pseudoFilesystemOf(source.fd.get())) {
        found = "it is on " + std::string(*kind);
    } else if (const auto below = pseudoFilesystemMountAtOrBelow(readMountTable(), source.path)) {
        found = below->fsType + " is mounted at " + below->mountPoint;
    } else {
        return std::nullopt;
    }
    Problem refused = problem(MirrorError::SourcePseudoFilesystem,
                              Role::Source,
                              "The source is, or contains, a system folder of the kernel (such as /proc or /sys), which cannot be mirrored");
    refused.detail = std::move(found);
    return refused;
}

Check checkSourceReadable(const OpenedPath &source)
{
    // AT_EACCESS: the fs ids in force, not the real uid.
    if (syscall(SYS_faccessat2, source.fd.get(), "", R_OK | X_OK, AT_EACCESS | AT_EMPTY_PATH) != 0) {
        return problem(MirrorError::SourceNotReadable, Role::Source, "You cannot read the source folder: " + errnoText(errno));
    }
    return std::nullopt;
}

Check checkMountPointIsDirectory(const OpenedPath &mountPoint)
{
    return S_ISDIR(mountPoint.st.st_mode) ? std::nullopt
                                          : Check(problem(MirrorError::MountPointNotDirectory, Role::MountPoint, "The mount point is not a folder"));
}

Check checkMountPointOwnedBy(const OpenedPath &mountPoint, uid_t uid)
{
    return mountPoint.st.st_uid == uid
        ? std::nullopt
        : Check(problem(MirrorError::MountPointNotOwned, Role::MountPoint, "The mount point belongs to someone else; use an empty folder of your own"));
}

Check checkMountPointEmpty(const OpenedPath &mountPoint)
{
    // A fresh open of the fd we hold, not of the path: the same directory.
    const UniqueFd directory(openat(mountPoint.fd.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!directory) {
        return problem(MirrorError::MountPointNotEmpty, Role::MountPoint, "The mount point cannot be listed: " + errnoText(errno));
    }
    alignas(8) char buffer[4096];
    for (;;) {
        const long size = syscall(SYS_getdents64, directory.get(), buffer, sizeof buffer);
        if (size < 0) {
            return problem(MirrorError::Internal, Role::MountPoint, "Listing the mount point failed: " + errnoText(errno));
        }
        if (size == 0) {
            return std::nullopt;
        }
        for (long offset = 0; offset < size;) {
            const auto *entry = reinterpret_cast<const struct dirent64 *>(buffer + offset);
            const std::string_view name(entry->d_name);
            if (name != "." && name != "..") {
                return problem(MirrorError::MountPointNotEmpty, Role::MountPoint, "The mount point is not empty; use an empty folder");
            }
            offset += entry->d_reclen;
        }
    }
}

Check checkNotNested(const OpenedPath &source, const OpenedPath &mountPoint)
{
    if (contains(selfAndAncestors(mountPoint), Identity{source.st.st_dev, source.st.st_ino})) {
        return problem(MirrorError::MountPointInsideSource, Role::MountPoint, "The mount point is inside the source folder; the mirror would contain itself");
    }
    if (contains(selfAndAncestors(source), Identity{mountPoint.st.st_dev, mountPoint.st.st_ino})) {
        return problem(MirrorError::SourceInsideMountPoint, Role::Source, "The source folder is inside the mount point");
    }
    return std::nullopt;
}

Check checkNotInsideUserServedSharedFuse(std::string_view path, Role role)
{
    if (userServedSharedFuseMountAtOrAbove(readMountTable(), normalize(path))) {
        return invalid(role, Invalid::InsideUserServedFuse);
    }
    return std::nullopt;
}

std::variant<OpenedPath, Problem> openSource(std::string_view path)
{
    if (auto found = checkSyntax(path, Role::Source)) {
        return *found;
    }
    auto opened = openWithoutSymlinks(path, Role::Source);
    if (auto *source = std::get_if<OpenedPath>(&opened)) {
        for (const auto rule : {checkSourceIsDirectory, checkSourceNotPseudoFilesystem, checkSourceReadable}) {
            if (auto found = rule(*source)) {
                return *found;
            }
        }
    }
    return opened;
}

std::variant<OpenedPath, Problem> openMountPoint(std::string_view path)
{
    if (auto found = checkSyntax(path, Role::MountPoint)) {
        return *found;
    }
    auto opened = openWithoutSymlinks(path, Role::MountPoint);
    if (auto *mountPoint = std::get_if<OpenedPath>(&opened)) {
        if (auto found = checkMountPointIsDirectory(*mountPoint)) {
            return *found;
        }
    }
    return opened;
}

std::variant<ValidatedPaths, Problem> validate(std::string_view source, std::string_view mountPoint, const UserIdentity &who, UserServedFuse userServedFuse)
{
    for (const auto &[path, role] : {std::pair{source, Role::Source}, std::pair{mountPoint, Role::MountPoint}}) {
        if (auto found = checkSyntax(path, role)) {
            return *found;
        }
    }
    // Before any path is walked: a hung server there would hold us.
    for (const auto &[path, role] : {std::pair{source, Role::Source}, std::pair{mountPoint, Role::MountPoint}}) {
        if (userServedFuse == UserServedFuse::Refuse) {
            if (auto found = checkNotInsideUserServedSharedFuse(path, role)) {
                return *found;
            }
        }
    }
    const ScopedFsIdentity as(who);
    if (!as.isActive()) {
        return problem(MirrorError::NotPermitted, Role::Source, "Could not take on the credentials of " + who.describe());
    }
    auto openedSource = openSource(source);
    if (auto *found = std::get_if<Problem>(&openedSource)) {
        return *found;
    }
    auto openedMountPoint = openMountPoint(mountPoint);
    if (auto *found = std::get_if<Problem>(&openedMountPoint)) {
        return *found;
    }
    ValidatedPaths paths{std::move(std::get<OpenedPath>(openedSource)), std::move(std::get<OpenedPath>(openedMountPoint))};
    if (auto found = checkMountPointOwnedBy(paths.mountPoint, who.uid)) {
        return *found;
    }
    // Nesting before emptiness: a source inside the mount point makes it
    // non-empty too, and nesting is the more useful thing to say.
    if (auto found = checkNotNested(paths.source, paths.mountPoint)) {
        return *found;
    }
    if (auto found = checkMountPointEmpty(paths.mountPoint)) {
        return *found;
    }
    return paths;
}

} // namespace PassMirror::PathRules
