// SPDX-License-Identifier: GPL-2.0-or-later
#include "runas.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace PassMirror::Test
{

namespace
{

bool writeAll(int fd, const void *data, std::size_t size)
{
    const char *bytes = static_cast<const char *>(data);
    while (size > 0) {
        const ssize_t written = ::write(fd, bytes, size);
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        bytes += written;
        size -= static_cast<std::size_t>(written);
    }
    return true;
}

// Reads until EOF or the deadline; false on timeout.
bool readAllUntil(int fd, std::string &out, std::chrono::steady_clock::time_point deadline)
{
    char buffer[65536];
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            return false;
        }
        pollfd pfd{fd, POLLIN, 0};
        const int ready = ::poll(&pfd, 1, static_cast<int>(left));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return ready == 0 ? false : true;
        }
        const ssize_t got = ::read(fd, buffer, sizeof(buffer));
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return true;
        }
        out.append(buffer, static_cast<std::size_t>(got));
    }
}

} // namespace

Outcome Outcome::of(long long returned)
{
    Outcome outcome;
    outcome.value = returned;
    outcome.error = returned < 0 ? errno : 0;
    return outcome;
}

Outcome Outcome::failure(std::string message, int error)
{
    Outcome outcome;
    outcome.value = -1;
    outcome.error = error;
    outcome.data = std::move(message);
    return outcome;
}

Outcome Outcome::success(std::string data)
{
    Outcome outcome;
    outcome.data = std::move(data);
    return outcome;
}

std::string Outcome::describe() const
{
    std::string text = "value=" + std::to_string(value);
    if (error != 0) {
        text += " errno=" + errnoName(error) + " (" + std::strerror(error) + ")";
    }
    if (!data.empty()) {
        text += " data=" + (data.size() > 400 ? data.substr(0, 400) + "..." : data);
    }
    return text;
}

std::string errnoName(int error)
{
    const char *name = ::strerrorname_np(error);
    return name ? std::string(name) : std::to_string(error);
}

ChildProcess::~ChildProcess()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    if (m_resultFd >= 0) {
        ::close(m_resultFd);
    }
}

bool ChildProcess::start(Credentials who, const std::function<Outcome()> &body, const std::vector<gid_t> &supplementary)
{
    return launch(&who, body, supplementary);
}

bool ChildProcess::startAsCaller(const std::function<Outcome()> &body)
{
    return launch(nullptr, body);
}

bool ChildProcess::launch(const Credentials *who, const std::function<Outcome()> &body, const std::vector<gid_t> &supplementary)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        return false;
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        return false;
    }
    if (pid == 0) {
        ::close(fds[0]);
        Outcome outcome;
        if (who && !dropPrivilegesTo(*who, supplementary)) {
            outcome = Outcome::failure("cannot drop privileges to uid " + std::to_string(who->uid), errno);
        } else {
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            if (::getppid() != parent) {
                ::_exit(120);
            }
            outcome = body();
        }
        const std::uint64_t size = outcome.data.size();
        const bool ok = writeAll(fds[1], &outcome.value, sizeof(outcome.value)) && writeAll(fds[1], &outcome.error, sizeof(outcome.error))
            && writeAll(fds[1], &size, sizeof(size)) && writeAll(fds[1], outcome.data.data(), outcome.data.size());
        ::_exit(ok ? 0 : 121);
    }
    ::close(fds[1]);
    m_pid = pid;
    m_resultFd = fds[0];
    return true;
}

Outcome ChildProcess::wait(std::chrono::milliseconds timeout)
{
    if (m_pid <= 0) {
        return Outcome::failure("no child was started");
    }
    std::string raw;
    const bool finished = readAllUntil(m_resultFd, raw, std::chrono::steady_clock::now() + timeout);
    ::close(m_resultFd);
    m_resultFd = -1;
    if (!finished) {
        ::kill(m_pid, SIGKILL);
    }
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    const pid_t pid = m_pid;
    m_pid = -1;
    if (!finished) {
        return Outcome::failure("child " + std::to_string(pid) + " timed out after " + std::to_string(timeout.count()) + " ms and was killed");
    }
    if (WIFSIGNALED(status)) {
        return Outcome::failure("child " + std::to_string(pid) + " died of signal " + std::to_string(WTERMSIG(status)));
    }
    constexpr std::size_t header = sizeof(Outcome::value) + sizeof(Outcome::error) + sizeof(std::uint64_t);
    if (raw.size() < header) {
        return Outcome::failure("child " + std::to_string(pid) + " exited with status " + std::to_string(WEXITSTATUS(status)) + " without an outcome");
    }
    Outcome outcome;
    std::memcpy(&outcome.value, raw.data(), sizeof(outcome.value));
    std::memcpy(&outcome.error, raw.data() + sizeof(outcome.value), sizeof(outcome.error));
    std::uint64_t size = 0;
    std::memcpy(&size, raw.data() + sizeof(outcome.value) + sizeof(outcome.error), sizeof(size));
    outcome.data = raw.substr(header, size);
    return outcome;
}

void ChildProcess::kill(int signal)
{
    if (m_pid > 0) {
        ::kill(m_pid, signal);
    }
}

Outcome runAs(Credentials who, const std::function<Outcome()> &body, std::chrono::milliseconds timeout)
{
    return runAsWithGroups(who, {}, body, timeout);
}

Outcome runAsWithGroups(Credentials who, const std::vector<gid_t> &supplementary, const std::function<Outcome()> &body, std::chrono::milliseconds timeout)
{
    ChildProcess child;
    if (!child.start(who, body, supplementary)) {
        return Outcome::failure("cannot fork", errno);
    }
    return child.wait(timeout);
}

} // namespace PassMirror::Test
