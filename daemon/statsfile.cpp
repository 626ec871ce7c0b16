// SPDX-License-Identifier: GPL-2.0-or-later
#include "statsfile.h"

#include "pathrules.h"
#include "posixacl.h"
#include "rootdirectory.h"
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

} // namespace

std::variant<StatsFile, Failure> StatsFile::create(const StatsFileRequest &request)
{
    std::string path = request.path ? *request.path : statsDirectory() + "/" + std::to_string(request.supervisorPid) + ".stats";
    if (auto why = PathRules::syntaxProblem(path)) {
        return failure(MirrorError::PathInvalid, "stats file path " + path + " " + *why);
    }
    path = PathRules::normalize(path);
    const std::size_t slash = path.rfind('/');
    const std::string directoryPath = slash == 0 ? std::string("/") : path.substr(0, slash);
    const std::string name = path.substr(slash + 1);
    if (name.empty()) {
        return failure(MirrorError::PathInvalid, "stats file path " + path + " names no file");
    }

    // The default directory is made when missing; a given one must exist.
    auto directory = openRootDirectory(directoryPath, "stats file directory", request.path ? std::nullopt : std::optional<mode_t>(0755));
    if (auto *problem = std::get_if<Failure>(&directory)) {
        return *problem;
    }

    StatsFile stats;
    stats.m_directory = UniqueFd(openat(std::get<UniqueFd>(directory).get(), ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!stats.m_directory) {
        return statsFailure("cannot open " + directoryPath, errno);
    }

    std::string temporaryName;
    for (int attempt = 0; attempt < 100 && !stats.m_file; ++attempt) {
        temporaryName = "." + name + "." + std::to_string(getpid()) + "." + std::to_string(attempt) + ".tmp";
        stats.m_file = UniqueFd(openat(stats.m_directory.get(), temporaryName.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
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

    struct stat existing{};
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
    unlinkIfStillOurs(m_directory.get(), m_name, m_file.get());
}

} // namespace PassMirror
