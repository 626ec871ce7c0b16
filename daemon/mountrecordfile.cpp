// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountrecordfile.h"

#include "rootdirectory.h"
#include "rundirectory.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace PassMirror
{

namespace
{

Failure recordFailure(const std::string &what, int error)
{
    return failure(MirrorError::Internal, withErrno("mount record: " + what, error));
}

} // namespace

std::variant<MountRecordFile, Failure> MountRecordFile::create(const MountRecord &record)
{
    const std::string directory = mountRecordDirectory();
    auto opened = openRootDirectory(directory, "mount record directory", 0700);
    if (auto *problem = std::get_if<Failure>(&opened)) {
        return *problem;
    }
    MountRecordFile file;
    file.m_directory = std::move(std::get<UniqueFd>(opened));
    file.m_name = mountRecordName(record);
    const std::string temporary = "." + file.m_name + "." + std::to_string(getpid()) + ".tmp";
    file.m_file = UniqueFd(openat(file.m_directory.get(), temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    if (!file.m_file) {
        return recordFailure("cannot create a file in " + directory, errno);
    }
    const std::string text = formatMountRecord(record);
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t result = write(file.m_file.get(), text.data() + written, text.size() - written);
        if (result < 0 && errno == EINTR) {
            continue;
        }
        if (result <= 0) {
            const int error = result < 0 ? errno : EIO;
            unlinkat(file.m_directory.get(), temporary.c_str(), 0);
            return recordFailure("cannot write " + directory + "/" + temporary, error);
        }
        written += static_cast<std::size_t>(result);
    }
    if (fchmod(file.m_file.get(), 0600) != 0 || renameat(file.m_directory.get(), temporary.c_str(), file.m_directory.get(), file.m_name.c_str()) != 0) {
        const int error = errno;
        unlinkat(file.m_directory.get(), temporary.c_str(), 0);
        return recordFailure("cannot publish " + directory + "/" + file.m_name, error);
    }
    file.m_creator = getpid();
    return file;
}

MountRecordFile::MountRecordFile(MountRecordFile &&other) noexcept
    : m_directory(std::move(other.m_directory))
    , m_file(std::move(other.m_file))
    , m_name(std::move(other.m_name))
    , m_creator(std::exchange(other.m_creator, -1))
    , m_removed(other.m_removed)
{
}

MountRecordFile::~MountRecordFile()
{
    if (m_creator == getpid()) {
        remove();
    }
}

void MountRecordFile::remove()
{
    if (m_removed || !m_directory || !m_file) {
        return;
    }
    m_removed = true;
    unlinkIfStillOurs(m_directory.get(), m_name, m_file.get());
}

} // namespace PassMirror
