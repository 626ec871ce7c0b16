// SPDX-License-Identifier: GPL-2.0-or-later
#include "rootdirectory.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace PassMirror
{

CheckResult checkRootDirectory(int directoryFd, const std::string &path, bool isLast, const std::string &what)
{
    struct stat st{};
    if (fstat(directoryFd, &st) != 0) {
        return failure(MirrorError::Internal, withErrno(what + ": cannot stat " + path, errno));
    }
    if (S_ISLNK(st.st_mode)) {
        return failure(MirrorError::PathInvalid, what + " " + path + " is a symbolic link; give the real path");
    }
    if (!S_ISDIR(st.st_mode)) {
        return failure(MirrorError::PathInvalid, what + " " + path + " is not a directory");
    }
    if (st.st_uid != 0) {
        return failure(MirrorError::PathInvalid, what + " " + path + " is not owned by root");
    }
    const bool othersMayWrite = (st.st_mode & S_IWOTH) != 0;
    const bool groupMayWrite = (st.st_mode & S_IWGRP) != 0;
    if ((isLast && (othersMayWrite || groupMayWrite)) || (!isLast && othersMayWrite && !(st.st_mode & S_ISVTX))) {
        return failure(MirrorError::PathInvalid, what + " " + path + " is writable by other users");
    }
    return std::nullopt;
}

std::variant<UniqueFd, Failure> openRootDirectory(const std::string &path, const std::string &what, std::optional<mode_t> lastMode)
{
    UniqueFd current(open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!current) {
        return failure(MirrorError::Internal, withErrno(what + ": cannot open /", errno));
    }
    std::string prefix;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) {
            end = path.size();
        }
        const std::string name = path.substr(start, end - start);
        start = end + 1;
        if (name.empty()) {
            continue;
        }
        prefix += "/" + name;
        const bool isLast = start > path.size();
        const mode_t mode = isLast && lastMode ? *lastMode : 0755;
        if (lastMode && mkdirat(current.get(), name.c_str(), mode) == 0) {
            UniqueFd made(openat(current.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!made || fchmod(made.get(), mode) != 0) {
                return failure(MirrorError::Internal, withErrno(what + ": cannot set the mode of " + prefix, errno));
            }
        }
        UniqueFd next(openat(current.get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!next) {
            return failure(errno == ENOENT ? MirrorError::PathInvalid : MirrorError::Internal, withErrno(what + " " + prefix, errno));
        }
        if (auto problem = checkRootDirectory(next.get(), prefix, isLast, what)) {
            return *problem;
        }
        current = std::move(next);
    }
    return current;
}

void unlinkIfStillOurs(int directoryFd, const std::string &name, int fd)
{
    struct stat ours{};
    struct stat published{};
    if (fstat(fd, &ours) == 0 && fstatat(directoryFd, name.c_str(), &published, AT_SYMLINK_NOFOLLOW) == 0 && ours.st_dev == published.st_dev
        && ours.st_ino == published.st_ino) {
        unlinkat(directoryFd, name.c_str(), 0);
    }
}

} // namespace PassMirror
