// SPDX-License-Identifier: GPL-2.0-or-later
#include "statsfile.h"

#include "pathchecks.h"
#include "posixacl.h"
#include "rundirectory.h"

#include <cerrno>
#include <ctime>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{

Failure statsFailure(const std::string &what, int error)
{
    return failure(MirrorError::Internal, withErrno("stats file: " + what, error));
}

// Opens the directory `path` from "/", one component at a time, creating
// missing ones (root-owned, 0755) when `create` is set, checking each.
std::variant<FileDescriptor, Failure> openStatsDirectory(const std::string &path, bool create)
{
    FileDescriptor current(open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!current) {
        return statsFailure("cannot open /", errno);
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
        if (create && mkdirat(current.get(), name.c_str(), 0755) == 0) {
            // Explicit mode: the umask must not decide who may read stats.
            FileDescriptor made(openat(current.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!made || fchmod(made.get(), 0755) != 0) {
                return statsFailure("cannot set the mode of " + prefix, errno);
            }
        }
        FileDescriptor next(openat(current.get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!next) {
            return failure(errno == ENOENT ? MirrorError::PathInvalid : MirrorError::Internal,
                           withErrno("stats file directory " + prefix, errno));
        }
        const bool isLast = start > path.size();
        if (auto problem = checkStatsDirectory(next.get(), prefix, isLast)) {
            return *problem;
        }
        current = std::move(next);
    }
    return current;
}

} // namespace

CheckResult checkStatsDirectory(int directoryFd, const std::string &path, bool isLast)
{
    struct stat st {
    };
    if (fstat(directoryFd, &st) != 0) {
        return statsFailure("cannot stat " + path, errno);
    }
    if (S_ISLNK(st.st_mode)) {
        return failure(MirrorError::PathInvalid, "stats file directory " + path + " is a symbolic link; give the real path");
    }
    if (!S_ISDIR(st.st_mode)) {
        return failure(MirrorError::PathInvalid, "stats file directory " + path + " is not a directory");
    }
    if (st.st_uid != 0) {
        return failure(MirrorError::PathInvalid, "stats file directory " + path + " is not owned by root");
    }
    const bool othersMayWrite = (st.st_mode & S_IWOTH) != 0;
    const bool groupMayWrite = (st.st_mode & S_IWGRP) != 0;
    if ((isLast && (othersMayWrite || groupMayWrite)) || (!isLast && othersMayWrite && !(st.st_mode & S_ISVTX))) {
        return failure(MirrorError::PathInvalid, "stats file directory " + path + " is writable by other users");
    }
    return std::nullopt;
}

std::variant<StatsFile, Failure> StatsFile::create(const StatsFileRequest &request)
{
    std::string path = request.path ? *request.path : statsDirectory() + "/"
            + std::to_string(request.supervisorPid) + ".stats";
    if (auto problem = checkPathSyntax(path, "stats file")) {
        return *problem;
    }
    path = normalizePath(path);
    const std::size_t slash = path.rfind('/');
    const std::string directoryPath = slash == 0 ? std::string("/") : path.substr(0, slash);
    const std::string name = path.substr(slash + 1);
    if (name.empty()) {
        return failure(MirrorError::PathInvalid, "stats file path " + path + " names no file");
    }

    auto directory = openStatsDirectory(directoryPath, !request.path.has_value());
    if (auto *problem = std::get_if<Failure>(&directory)) {
        return *problem;
    }

    StatsFile stats;
    stats.m_directory = FileDescriptor(openat(std::get<FileDescriptor>(directory).get(), ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!stats.m_directory) {
        return statsFailure("cannot open " + directoryPath, errno);
    }

    std::string temporaryName;
    for (int attempt = 0; attempt < 100 && !stats.m_file; ++attempt) {
        temporaryName = "." + name + "." + std::to_string(getpid()) + "." + std::to_string(attempt) + ".tmp";
        stats.m_file = FileDescriptor(openat(stats.m_directory.get(), temporaryName.c_str(),
                                             O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!stats.m_file && errno != EEXIST) {
            return statsFailure("cannot create a file in " + directoryPath, errno);
        }
    }
    if (!stats.m_file) {
        return statsFailure("cannot create a file in " + directoryPath, EEXIST);
    }
    // From here any failure must not leave the temporary name behind.
    const auto discard = [&stats, &temporaryName] {
        unlinkat(stats.m_directory.get(), temporaryName.c_str(), 0);
    };

    if (ftruncate(stats.m_file.get(), sizeof(Stats::Layout)) != 0) {
        const int error = errno;
        discard();
        return statsFailure("cannot size " + path, error);
    }
    void *memory = mmap(nullptr, sizeof(Stats::Layout), PROT_READ | PROT_WRITE, MAP_SHARED, stats.m_file.get(), 0);
    if (memory == MAP_FAILED) {
        const int error = errno;
        discard();
        return statsFailure("cannot map " + path, error);
    }
    stats.m_layout = new (memory) Stats::Layout();
    stats.m_layout->supervisorPid = request.supervisorPid;
    stats.m_layout->ownerUid = request.owner.uid;
    stats.m_layout->flags = request.flags;
    stats.m_layout->requestedPassthrough = request.requestedPassthrough;
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    stats.m_layout->startTimeUnixNs = static_cast<std::uint64_t>(now.tv_sec) * 1000000000u + static_cast<std::uint64_t>(now.tv_nsec);

    // Root's, writable by nobody but this daemon (which holds it mapped), and
    // readable by the owner through an ACL: an owner who could write it could
    // feed every reader (the helper among them) false pids and states, or
    // truncate it under them.
    if (fchmod(stats.m_file.get(), 0600) != 0) {
        const int error = errno;
        discard();
        return statsFailure("cannot set the mode of " + path, error);
    }
    if (request.owner.uid != 0 && !grantReadAccess(stats.m_file.get(), request.owner.uid)) {
        const int error = errno;
        discard();
        return failure(error == EOPNOTSUPP ? MirrorError::PathInvalid : MirrorError::Internal,
                       withErrno("stats file: cannot let its owner read " + path + " (the directory's filesystem needs POSIX ACLs)", error));
    }

    struct stat existing {
    };
    if (fstatat(stats.m_directory.get(), name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(existing.st_mode)) {
        discard();
        return failure(MirrorError::PathInvalid, "stats file " + path + " exists and is not a regular file");
    }
    if (renameat(stats.m_directory.get(), temporaryName.c_str(), stats.m_directory.get(), name.c_str()) != 0) {
        const int error = errno;
        discard();
        return statsFailure("cannot publish " + path, error);
    }
    stats.m_name = name;
    stats.m_path = path;
    stats.m_creator = getpid();
    return stats;
}

StatsFile::StatsFile(StatsFile &&other) noexcept
    : m_directory(std::move(other.m_directory))
    , m_file(std::move(other.m_file))
    , m_name(std::move(other.m_name))
    , m_path(std::move(other.m_path))
    , m_layout(std::exchange(other.m_layout, nullptr))
    , m_creator(std::exchange(other.m_creator, -1))
    , m_removed(other.m_removed)
{
}

StatsFile::~StatsFile()
{
    if (m_creator == getpid()) {
        remove();
    }
    if (m_layout) {
        munmap(m_layout, sizeof(Stats::Layout));
    }
}

void StatsFile::setState(Stats::DaemonState state)
{
    if (m_layout) {
        m_layout->state.store(static_cast<std::uint32_t>(state));
    }
}

void StatsFile::remove()
{
    if (m_removed || !m_directory || !m_file) {
        return;
    }
    m_removed = true;
    struct stat ours {
    };
    struct stat published {
    };
    if (fstat(m_file.get(), &ours) == 0 && fstatat(m_directory.get(), m_name.c_str(), &published, AT_SYMLINK_NOFOLLOW) == 0
        && ours.st_dev == published.st_dev && ours.st_ino == published.st_ino) {
        unlinkat(m_directory.get(), m_name.c_str(), 0);
    }
}

} // namespace PassMirror
