// SPDX-License-Identifier: GPL-2.0-or-later
#include "process.h"

#include "mounttable.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace PassMirror::Bench
{

namespace
{

using Clock = std::chrono::steady_clock;

// Reads up to the first newline from `fd` before `deadline`.
std::optional<std::string> readLine(int fd, Clock::time_point deadline)
{
    std::string line;
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            return std::nullopt;
        }
        pollfd waiter{fd, POLLIN, 0};
        const int ready = ::poll(&waiter, 1, static_cast<int>(left));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return std::nullopt;
        }
        char c = 0;
        const ssize_t got = ::read(fd, &c, 1);
        if (got <= 0) {
            return line.empty() ? std::nullopt : std::optional(line);
        }
        if (c == '\n') {
            return line;
        }
        line.push_back(c);
    }
}

std::optional<int> waitExit(pid_t pid, Clock::time_point deadline)
{
    while (Clock::now() < deadline) {
        int status = 0;
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid) {
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        if (done < 0 && errno != EINTR) {
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return std::nullopt;
}

} // namespace

Started startProgram(const std::vector<std::string> &argv, bool readyOnFd3, bool waitForReady, std::chrono::milliseconds timeout)
{
    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        return {-1, std::string("pipe: ") + std::strerror(errno)};
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        return {-1, std::string("fork: ") + std::strerror(errno)};
    }
    if (pid == 0) {
        const int null = ::open("/dev/null", O_RDWR);
        ::dup2(null, 0);
        if (waitForReady) {
            const int target = readyOnFd3 ? 3 : 1;
            if (pipeFds[1] == target) {
                ::fcntl(target, F_SETFD, 0);
            } else {
                ::dup2(pipeFds[1], target);
            }
        } else {
            ::dup2(null, 1);
        }
        if (!readyOnFd3) {
            ::close_range(3, ~0U, 0);
        } else {
            ::close_range(4, ~0U, 0);
        }
        std::vector<char *> raw;
        for (const std::string &argument : argv) {
            raw.push_back(const_cast<char *>(argument.c_str()));
        }
        raw.push_back(nullptr);
        ::execv(raw[0], raw.data());
        std::fprintf(stderr, "passmirror-bench: cannot execute %s: %s\n", raw[0], std::strerror(errno));
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    const auto deadline = Clock::now() + timeout;
    Started result{pid, {}};
    if (waitForReady) {
        const auto line = readLine(pipeFds[0], deadline);
        if (!line || *line != "ready") {
            result.error = argv[0] + (line ? " reported \"" + *line + "\"" : std::string(" did not report ready"));
        }
    } else {
        const auto code = waitExit(pid, deadline);
        if (!code || *code != 0) {
            result.error = argv[0] + (code ? " exited with " + std::to_string(*code) : std::string(" did not return in time"));
        }
        if (code) {
            result.pid = -1;
        }
    }
    ::close(pipeFds[0]);
    if (!result.error.empty() && result.pid > 0) {
        stopProgram(result.pid, std::chrono::seconds(2));
        result.pid = -1;
    }
    return result;
}

void stopProgram(pid_t pid, std::chrono::milliseconds grace)
{
    if (pid <= 0) {
        return;
    }
    ::kill(pid, SIGTERM);
    if (!waitExit(pid, Clock::now() + grace)) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
}

bool isMountPoint(const std::string &path)
{
    // From the mount table, not stat(2): root may not enter a FUSE mount
    // made for another user without allow_other (EACCES).
    return mountAt(readMountTable(), path).has_value();
}

void unmountIfMounted(const std::string &path)
{
    for (int attempt = 0; attempt < 50 && isMountPoint(path); ++attempt) {
        if (::umount2(path.c_str(), 0) == 0) {
            continue;
        }
        if (errno == EBUSY && attempt < 49) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        ::umount2(path.c_str(), MNT_DETACH);
    }
}

std::optional<std::string> findInPath(const std::string &program)
{
    const char *path = std::getenv("PATH");
    std::string directories = path != nullptr ? path : "/usr/bin:/bin:/usr/sbin:/sbin";
    std::size_t start = 0;
    while (start <= directories.size()) {
        const std::size_t end = std::min(directories.find(':', start), directories.size());
        const std::string candidate = directories.substr(start, end - start) + "/" + program;
        if (::access(candidate.c_str(), X_OK) == 0) {
            return candidate;
        }
        start = end + 1;
    }
    return std::nullopt;
}

} // namespace PassMirror::Bench
