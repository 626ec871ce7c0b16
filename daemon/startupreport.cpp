// SPDX-License-Identifier: GPL-2.0-or-later
#include "startupreport.h"

#include "log.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace PassMirror
{

std::string formatStatusLine(const StatusLine &status)
{
    if (std::holds_alternative<Ready>(status)) {
        return "ready\n";
    }
    const Failure &problem = std::get<Failure>(status);
    std::string message = problem.message;
    for (char &c : message) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return "error " + std::to_string(static_cast<int>(problem.error)) + " " + message + "\n";
}

std::optional<StatusLine> parseStatusLine(const std::string &text)
{
    std::string_view line = text;
    if (!line.ends_with('\n')) {
        return std::nullopt;
    }
    line.remove_suffix(1);
    if (line.find('\n') != std::string_view::npos) {
        return std::nullopt; // more than one line
    }
    if (line == "ready") {
        return Ready{};
    }
    if (!line.starts_with("error ")) {
        return std::nullopt;
    }
    line.remove_prefix(6);
    int code = 0;
    const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), code);
    if (error != std::errc() || code <= 0 || code > 255) {
        return std::nullopt;
    }
    line.remove_prefix(static_cast<std::size_t>(end - line.data()));
    // The code ends at the line's end or at the space before the message:
    // "error 2x ..." is no status line.
    if (!line.empty()) {
        if (line.front() != ' ') {
            return std::nullopt;
        }
        line.remove_prefix(1);
    }
    return Failure{static_cast<MirrorError>(code), std::string(line)};
}

void writeStatusLine(int fd, const StatusLine &status)
{
    const std::string line = formatStatusLine(status);
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t size = write(fd, line.data() + done, line.size() - done);
        if (size < 0 && errno == EINTR) {
            continue;
        }
        if (size <= 0) {
            return;
        }
        done += static_cast<std::size_t>(size);
    }
}

std::optional<StatusLine> readStatusLine(int fd)
{
    std::string text;
    char c;
    for (;;) {
        const ssize_t size = read(fd, &c, 1);
        if (size < 0 && errno == EINTR) {
            continue;
        }
        if (size <= 0) {
            return std::nullopt;
        }
        text += c;
        if (c == '\n' || text.size() > 4096) {
            return parseStatusLine(text);
        }
    }
}

StartupReporter::StartupReporter(int readyFd)
    : m_readyFd(readyFd)
{
    if (m_readyFd) {
        // Not for the FUSE server or anything it might start.
        fcntl(m_readyFd.get(), F_SETFD, FD_CLOEXEC);
    }
}

void StartupReporter::send(const StatusLine &status)
{
    if (m_reported) {
        return;
    }
    m_reported = true;
    for (UniqueFd *fd : {&m_readyFd, &m_parent}) {
        if (*fd) {
            writeStatusLine(fd->get(), status);
            fd->reset();
        }
    }
}

void StartupReporter::ready()
{
    logDebug("mount is live");
    send(Ready{});
}

void StartupReporter::fail(const Failure &problem)
{
    logError(problem.message);
    send(problem);
}

void daemonize(StartupReporter &reporter, bool keepStderr)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        reporter.fail(failure(MirrorError::Internal, withErrno("cannot create a pipe", errno)));
        std::exit(static_cast<int>(MirrorError::Internal));
    }
    UniqueFd readEnd(fds[0]);
    UniqueFd writeEnd(fds[1]);
    const pid_t child = fork();
    if (child < 0) {
        reporter.fail(failure(MirrorError::Internal, withErrno("cannot fork", errno)));
        std::exit(static_cast<int>(MirrorError::Internal));
    }
    if (child > 0) {
        writeEnd.reset();
        const auto status = readStatusLine(readEnd.get());
        if (!status) {
            logError("the supervisor ended before the mount was ready");
            _exit(static_cast<int>(MirrorError::Internal));
        }
        if (const auto *problem = std::get_if<Failure>(&*status)) {
            // Without --debug the supervisor logged it to /dev/null.
            if (!keepStderr) {
                logError(problem->message);
            }
            _exit(static_cast<int>(problem->error));
        }
        _exit(0);
    }
    readEnd.reset();
    setsid();
    UniqueFd null(open("/dev/null", O_RDWR | O_CLOEXEC));
    if (null) {
        dup2(null.get(), STDIN_FILENO);
        dup2(null.get(), STDOUT_FILENO);
        if (!keepStderr) {
            dup2(null.get(), STDERR_FILENO);
        }
    }
    reporter.setParentPipe(std::move(writeEnd));
}

} // namespace PassMirror
