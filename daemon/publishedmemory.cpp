// SPDX-License-Identifier: GPL-2.0-or-later
#include "publishedmemory.h"

#include "pathrules.h"
#include "posixacl.h"
#include "rootdirectory.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace PassMirror
{

std::variant<PublishedMemory, Failure> PublishedMemory::create(const PublishedMemoryRequest &request, const std::function<void(void *memory)> &fill)
{
    const auto problem = [&request](const std::string &what, int error) {
        return failure(MirrorError::Internal, withErrno(request.what + ": " + what, error));
    };
    if (auto why = PathRules::syntaxProblem(request.path)) {
        return failure(MirrorError::PathInvalid, request.what + " path " + request.path + " " + *why);
    }
    const std::string path = PathRules::normalize(request.path);
    const std::size_t slash = path.rfind('/');
    const std::string directoryPath = slash == 0 ? std::string("/") : path.substr(0, slash);
    const std::string name = path.substr(slash + 1);
    if (name.empty()) {
        return failure(MirrorError::PathInvalid, request.what + " path " + path + " names no file");
    }

    PublishedMemory file;
    if (request.directoryFd >= 0) {
        file.m_directoryFd = request.directoryFd;
    } else {
        auto directory = openRootDirectory(directoryPath, request.what + " directory", request.makeDirectory ? std::optional<mode_t>(0755) : std::nullopt);
        if (auto *failed = std::get_if<Failure>(&directory)) {
            return *failed;
        }
        file.m_ownDirectory = UniqueFd(openat(std::get<UniqueFd>(directory).get(), ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!file.m_ownDirectory) {
            return problem("cannot open " + directoryPath, errno);
        }
        file.m_directoryFd = file.m_ownDirectory.get();
    }

    std::string temporaryName;
    for (int attempt = 0; attempt < 100 && !file.m_file; ++attempt) {
        temporaryName = "." + name + "." + std::to_string(getpid()) + "." + std::to_string(attempt) + ".tmp";
        file.m_file = UniqueFd(openat(file.m_directoryFd, temporaryName.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (!file.m_file && errno != EEXIST) {
            return problem("cannot create a file in " + directoryPath, errno);
        }
    }
    if (!file.m_file) {
        return problem("cannot create a file in " + directoryPath, EEXIST);
    }
    // From here any failure must not leave the temporary name behind.
    const auto discard = [&file, &temporaryName] {
        unlinkat(file.m_directoryFd, temporaryName.c_str(), 0);
    };

    if (ftruncate(file.m_file.get(), static_cast<off_t>(request.size)) != 0) {
        const int error = errno;
        discard();
        return problem("cannot size " + path, error);
    }
    void *memory = mmap(nullptr, request.size, PROT_READ | PROT_WRITE, MAP_SHARED, file.m_file.get(), 0);
    if (memory == MAP_FAILED) {
        const int error = errno;
        discard();
        return problem("cannot map " + path, error);
    }
    file.m_memory = memory;
    file.m_size = request.size;
    fill(memory);

    // Root's, writable by nobody but this daemon (which holds it mapped), and
    // readable by the owner through an ACL.
    if (fchmod(file.m_file.get(), 0600) != 0) {
        const int error = errno;
        discard();
        return problem("cannot set the mode of " + path, error);
    }
    if (request.owner.uid != 0 && !grantReadAccess(file.m_file.get(), request.owner.uid)) {
        const int error = errno;
        discard();
        return failure(error == EOPNOTSUPP ? MirrorError::PathInvalid : MirrorError::Internal,
                       withErrno(request.what + ": cannot let its owner read " + path + " (the directory's filesystem needs POSIX ACLs)", error));
    }

    struct stat existing{};
    if (fstatat(file.m_directoryFd, name.c_str(), &existing, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(existing.st_mode)) {
        discard();
        return failure(MirrorError::PathInvalid, request.what + " " + path + " exists and is not a regular file");
    }
    if (renameat(file.m_directoryFd, temporaryName.c_str(), file.m_directoryFd, name.c_str()) != 0) {
        const int error = errno;
        discard();
        return problem("cannot publish " + path, error);
    }
    file.m_name = name;
    file.m_path = path;
    file.m_creator = getpid();
    return file;
}

PublishedMemory::PublishedMemory(PublishedMemory &&other) noexcept
    : m_ownDirectory(std::move(other.m_ownDirectory))
    , m_directoryFd(std::exchange(other.m_directoryFd, -1))
    , m_file(std::move(other.m_file))
    , m_name(std::move(other.m_name))
    , m_path(std::move(other.m_path))
    , m_memory(std::exchange(other.m_memory, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_creator(std::exchange(other.m_creator, -1))
    , m_removed(other.m_removed)
{
}

PublishedMemory::~PublishedMemory()
{
    if (m_creator == getpid()) {
        remove();
    }
    if (m_memory) {
        munmap(m_memory, m_size);
    }
}

void PublishedMemory::remove()
{
    if (m_removed || m_directoryFd < 0 || !m_file || m_name.empty()) {
        return;
    }
    m_removed = true;
    unlinkIfStillOurs(m_directoryFd, m_name, m_file.get());
}

} // namespace PassMirror
