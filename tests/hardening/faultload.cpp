// SPDX-License-Identifier: GPL-2.0-or-later
#include "faultload.h"

#include "fileutil.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace PassMirror::Test
{

namespace
{

std::string journalPath(const std::string &directory, int writer)
{
    return directory + "/journal-" + std::to_string(writer);
}

// xorshift: cheap, deterministic per writer.
std::uint64_t next(std::uint64_t &state)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

bool writeAll(int fd, const std::string &data)
{
    std::size_t done = 0;
    while (done < data.size()) {
        // Chunks of at most 64 KiB, so a kill can land between two writes.
        const std::size_t chunk = std::min<std::size_t>(data.size() - done, 65536);
        const ssize_t written = ::write(fd, data.data() + done, chunk);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return false;
        }
        done += static_cast<std::size_t>(written);
    }
    return true;
}

// The writer's body: returns only when the mirror fails it.
[[noreturn]] void runWriter(const std::string &mountPoint, const std::string &journal, int writer, std::uint64_t seed)
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    const int root = ::open(mountPoint.c_str(), O_DIRECTORY | O_RDONLY | O_CLOEXEC);
    const int log = ::open(journal.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (root < 0 || log < 0) {
        ::_exit(2);
    }
    std::uint64_t state = seed * 2654435761u + static_cast<std::uint64_t>(writer) + 1;
    std::uint64_t operations = 0;
    const std::string scratch = "scratch-" + std::to_string(writer);
    const std::string renamed = scratch + ".moved";
    const std::string directory = "dir-" + std::to_string(writer);
    for (std::uint64_t n = 0;; ++n) {
        // A committed file: 1 B .. 256 KiB.
        const std::string name = "w" + std::to_string(writer) + "-" + std::to_string(n);
        const std::uint64_t fileSeed = next(state);
        const std::size_t size = 1 + next(state) % (256 * 1024);
        const std::string data = pattern(fileSeed, size);
        const int fd = ::openat(root, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
        if (fd < 0 || !writeAll(fd, data) || ::fsync(fd) != 0 || ::close(fd) != 0) {
            break;
        }
        operations += 4;
        const std::string record = name + " " + std::to_string(fileSeed) + " " + std::to_string(size) + " " + std::to_string(operations) + "\n";
        if (::write(log, record.data(), record.size()) != static_cast<ssize_t>(record.size())) {
            break;
        }
        // Unsynced churn: overwrite, rename, remove.
        const int churn = ::openat(root, scratch.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (churn < 0 || !writeAll(churn, pattern(n, 4096 + n % 8192)) || ::close(churn) != 0) {
            break;
        }
        if (::renameat(root, scratch.c_str(), root, renamed.c_str()) != 0 || ::unlinkat(root, renamed.c_str(), 0) != 0) {
            break;
        }
        // Metadata: a directory made, looked at, removed.
        struct stat status{};
        if (::mkdirat(root, directory.c_str(), 0755) != 0 || ::fstatat(root, directory.c_str(), &status, 0) != 0
            || ::unlinkat(root, directory.c_str(), AT_REMOVEDIR) != 0) {
            break;
        }
        operations += 9;
    }
    ::_exit(0);
}

} // namespace

WriterLoad::WriterLoad(std::string mountPoint, std::string journalDirectory, Credentials owner, std::uint64_t seed)
    : m_mountPoint(std::move(mountPoint))
    , m_journals(std::move(journalDirectory))
    , m_owner(owner)
    , m_seed(seed)
{
}

WriterLoad::~WriterLoad()
{
    stop();
}

bool WriterLoad::start(int count)
{
    for (int writer = 0; writer < count; ++writer) {
        const std::string journal = journalPath(m_journals, static_cast<int>(m_writers.size()));
        const int index = static_cast<int>(m_writers.size());
        const pid_t pid = ::fork();
        if (pid < 0) {
            return false;
        }
        if (pid == 0) {
            if (!dropPrivilegesTo(m_owner)) {
                ::_exit(3);
            }
            runWriter(m_mountPoint, journal, index, m_seed);
        }
        m_writers.push_back(pid);
    }
    return true;
}

void WriterLoad::stop()
{
    for (const pid_t pid : m_writers) {
        ::kill(pid, SIGKILL);
    }
    for (const pid_t pid : m_writers) {
        ::waitpid(pid, nullptr, 0);
    }
    m_writers.clear();
}

namespace
{

struct Record {
    std::string name;
    std::uint64_t seed = 0;
    std::size_t size = 0;
    std::uint64_t operations = 0;
};

// Complete lines only: a writer killed mid-line committed nothing more.
std::vector<Record> readJournal(const std::string &path)
{
    std::vector<Record> records;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (in.eof()) {
            break; // no newline: torn
        }
        std::istringstream fields(line);
        Record record;
        if (fields >> record.name >> record.seed >> record.size >> record.operations) {
            records.push_back(record);
        }
    }
    return records;
}

std::vector<std::string> journals(const std::string &directory)
{
    std::vector<std::string> paths;
    if (DIR *dir = ::opendir(directory.c_str())) {
        while (const dirent *entry = ::readdir(dir)) {
            if (std::strncmp(entry->d_name, "journal-", 8) == 0) {
                paths.push_back(directory + "/" + entry->d_name);
            }
        }
        ::closedir(dir);
    }
    return paths;
}

} // namespace

LoadFigures WriterLoad::figures() const
{
    LoadFigures figures;
    for (const std::string &path : journals(m_journals)) {
        const auto records = readJournal(path);
        figures.filesCommitted += records.size();
        if (!records.empty()) {
            figures.operations += records.back().operations;
        }
    }
    return figures;
}

VerifyFigures WriterLoad::verify(const std::string &sourcePath) const
{
    VerifyFigures result;
    for (const std::string &path : journals(m_journals)) {
        for (const Record &record : readJournal(path)) {
            const auto content = readFile(sourcePath + "/" + record.name);
            if (!content) {
                result.problems.push_back(record.name + ": " + std::strerror(errno));
            } else if (*content != pattern(record.seed, record.size)) {
                result.problems.push_back(record.name + ": " + std::to_string(content->size()) + " bytes differ from the " + std::to_string(record.size)
                                          + " written");
            } else {
                ++result.files;
                result.bytes += record.size;
            }
        }
    }
    return result;
}

} // namespace PassMirror::Test
