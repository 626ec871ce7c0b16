// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorprocess.h"

#include "mountinfo.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#ifndef PASSMIRRORD_PATH
#error "PASSMIRRORD_PATH must be defined (the built passmirrord)"
#endif

namespace PassMirror::Test
{

namespace
{

pid_t spawn(const std::string &program,
            const std::vector<std::string> &arguments,
            int readyFd,
            int outputFd = -1,
            unsigned long fileLimit = 0,
            unsigned long fileSoftLimit = 0)
{
    std::vector<std::string> argv{program};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    std::vector<char *> raw;
    for (auto &argument : argv) {
        raw.push_back(argument.data());
    }
    raw.push_back(nullptr);

    const pid_t pid = ::fork();
    if (pid != 0) {
        return pid;
    }
    const int devNull = ::open("/dev/null", O_RDONLY);
    if (devNull >= 0) {
        ::dup2(devNull, STDIN_FILENO);
    }
    if (outputFd >= 0) {
        ::dup2(outputFd, STDOUT_FILENO);
        ::dup2(outputFd, STDERR_FILENO);
    }
    if (readyFd >= 0) {
        if (readyFd == 3) {
            ::fcntl(3, F_SETFD, 0);
        } else {
            ::dup2(readyFd, 3);
        }
    }
    ::close_range(readyFd >= 0 ? 4 : 3, ~0U, 0);
    if (fileLimit > 0) {
        const rlimit limit{fileSoftLimit > 0 ? fileSoftLimit : fileLimit, fileLimit};
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    // Tests run with signals in odd states sometimes; give the daemon defaults.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execv(program.c_str(), raw.data());
    if (readyFd >= 0) {
        const std::string line = "error 127 cannot execute " + program + ": " + std::strerror(errno) + "\n";
        [[maybe_unused]] const auto ignored = ::write(3, line.data(), line.size());
    }
    ::_exit(127);
}

ExitStatus waitFor(pid_t pid, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t result = ::waitpid(pid, &status, WNOHANG);
        if (result == pid) {
            ExitStatus exit;
            if (WIFEXITED(status)) {
                exit.exited = true;
                exit.code = WEXITSTATUS(status);
            } else if (WIFSIGNALED(status)) {
                exit.signal = WTERMSIG(status);
            }
            return exit;
        }
        if (result < 0 && errno != EINTR) {
            ExitStatus gone;
            gone.code = -2; // not our child any more
            return gone;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return {};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

bool processAlive(pid_t pid)
{
    return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM);
}

} // namespace

std::string daemonPath()
{
    const char *path = std::getenv("PASSMIRRORD");
    return (path && *path) ? std::string(path) : std::string(PASSMIRRORD_PATH);
}

std::string ExitStatus::describe() const
{
    if (exited) {
        return "exited with code " + std::to_string(code);
    }
    if (signal != 0) {
        return "killed by signal " + std::to_string(signal) + " (" + ::sigabbrev_np(signal) + ")";
    }
    return code == -2 ? "not a child process" : "still running";
}

ExitStatus runProgram(const std::string &program, const std::vector<std::string> &arguments, std::chrono::milliseconds timeout, std::string *output)
{
    int outputFd = -1;
    if (output) {
        outputFd = ::memfd_create("output", MFD_CLOEXEC);
    }
    const pid_t pid = spawn(program, arguments, -1, outputFd);
    if (pid < 0) {
        if (outputFd >= 0) {
            ::close(outputFd);
        }
        return {};
    }
    ExitStatus status = waitFor(pid, timeout);
    if (!status.exited && status.signal == 0) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
    }
    if (outputFd >= 0) {
        output->clear();
        char buffer[4096];
        ssize_t got = 0;
        off_t offset = 0;
        while ((got = ::pread(outputFd, buffer, sizeof(buffer), offset)) > 0) {
            output->append(buffer, static_cast<std::size_t>(got));
            offset += got;
        }
        ::close(outputFd);
    }
    return status;
}

MirrorProcess::MirrorProcess(MirrorOptions options)
    : m_options(std::move(options))
    , m_scratch("mirror")
{
    if (!m_scratch.isValid()) {
        m_error = "cannot create a scratch directory under " + scratchBase();
        return;
    }
    // Parents of nested names are root's.
    for (const std::string *name : {&m_options.sourceName, &m_options.mountPointName}) {
        for (std::size_t slash = name->find('/'); slash != std::string::npos; slash = name->find('/', slash + 1)) {
            ::mkdir((m_scratch.path() + '/' + name->substr(0, slash)).c_str(), 0755);
        }
    }
    m_source = m_scratch.makeDirectory(m_options.sourceName, m_options.owner);
    m_mountPoint = m_scratch.makeDirectory(m_options.mountPointName, m_options.owner);
    if (m_options.statsFile) {
        m_statsPath = m_scratch.path() + "/stats";
    }
}

MirrorProcess::~MirrorProcess()
{
    stop();
}

pid_t MirrorProcess::serverPid() const
{
    if (m_stats.isOpen()) {
        return static_cast<pid_t>(m_stats.sample().daemonPid);
    }
    return m_serverPid;
}

bool MirrorProcess::isMounted() const
{
    return !m_mountPoint.empty() && isMountPoint(m_mountPoint);
}

bool MirrorProcess::start()
{
    if (m_source.empty() || m_mountPoint.empty()) {
        if (m_error.empty()) {
            m_error = "cannot create source and mount point under " + m_scratch.path();
        }
        return false;
    }
    const std::string &source = m_options.sourceOverride.empty() ? m_source : m_options.sourceOverride;
    std::vector<std::string> arguments{source,
                                       m_mountPoint,
                                       "--owner=" + (m_options.ownerArgument.empty() ? std::to_string(m_options.owner.uid) : m_options.ownerArgument),
                                       "--passthrough=" + m_options.passthrough};
    if (m_options.arguments) {
        arguments = *m_options.arguments;
    }
    arguments.emplace_back("--foreground");
    arguments.emplace_back("--ready-fd=3");
    if (m_options.shared) {
        arguments.emplace_back("--shared");
    }
    if (m_options.readOnly) {
        arguments.emplace_back("--read-only");
    }
    if (!m_statsPath.empty()) {
        arguments.push_back("--stats-file=" + m_statsPath);
    }
    arguments.insert(arguments.end(), m_options.extraArguments.begin(), m_options.extraArguments.end());

    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        m_error = std::string("pipe: ") + std::strerror(errno);
        return false;
    }
    m_pid = spawn(daemonPath(), arguments, fds[1], -1, m_options.fileLimit, m_options.fileSoftLimit);
    ::close(fds[1]);
    if (m_pid < 0) {
        ::close(fds[0]);
        m_error = std::string("fork: ") + std::strerror(errno);
        return false;
    }

    std::string received;
    const auto deadline = std::chrono::steady_clock::now() + m_options.readyTimeout;
    bool eof = false;
    while (received.find('\n') == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            break;
        }
        pollfd pfd{fds[0], POLLIN, 0};
        if (::poll(&pfd, 1, static_cast<int>(left)) <= 0) {
            continue;
        }
        char buffer[512];
        const ssize_t got = ::read(fds[0], buffer, sizeof(buffer));
        if (got <= 0) {
            if (got < 0 && errno == EINTR) {
                continue;
            }
            eof = true;
            break;
        }
        received.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fds[0]);

    const std::string line = received.substr(0, received.find('\n'));
    if (line != "ready") {
        if (line.starts_with("error ")) {
            m_reportedError = std::atoi(line.c_str() + 6);
            m_error = daemonPath() + " reported: " + line;
        } else if (eof) {
            const ExitStatus status = waitForExit(std::chrono::seconds(2));
            m_error = daemonPath() + " closed the ready fd without a line (" + status.describe() + "); got \"" + received + "\"";
        } else {
            m_error = daemonPath() + " did not report ready within " + std::to_string(m_options.readyTimeout.count()) + " ms; got \"" + received + "\"";
        }
        return false;
    }
    if (!isMounted()) {
        m_error = "passmirrord reported ready but " + m_mountPoint + " is not a mount point in /proc/self/mountinfo";
        return false;
    }
    if (!m_statsPath.empty()) {
        if (!m_stats.open(m_statsPath)) {
            m_error = "passmirrord is ready but its stats file is unusable: " + m_stats.errorString();
            return false;
        }
        m_serverPid = static_cast<pid_t>(m_stats.sample().daemonPid);
    }
    return true;
}

void MirrorProcess::signal(int signal) const
{
    if (m_pid > 0) { // never -1: that would signal every process
        ::kill(m_pid, signal);
    }
}

ExitStatus MirrorProcess::waitForExit(std::chrono::milliseconds timeout)
{
    if (m_pid <= 0) {
        ExitStatus none;
        none.code = -2;
        return none;
    }
    const ExitStatus status = waitFor(m_pid, timeout);
    if (status.exited || status.signal != 0 || status.code == -2) {
        m_pid = -1;
    }
    return status;
}

ExitStatus MirrorProcess::terminate(std::chrono::milliseconds timeout)
{
    signal(SIGTERM);
    return waitForExit(timeout);
}

void MirrorProcess::stop()
{
    if (m_pid > 0) {
        const ExitStatus status = terminate(std::chrono::seconds(5));
        if (m_pid > 0 && !status.exited && status.signal == 0) { // still running
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
        }
        m_pid = -1;
    }
    // The FUSE server may outlive a supervisor that misbehaved.
    if (m_serverPid > 0 && processAlive(m_serverPid)) {
        ::kill(m_serverPid, SIGKILL);
    }
    if (!m_mountPoint.empty() && isMountPoint(m_mountPoint)) {
        ::umount2(m_mountPoint.c_str(), MNT_DETACH);
    }
}

} // namespace PassMirror::Test
