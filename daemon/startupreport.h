// SPDX-License-Identifier: GPL-2.0-or-later
// Telling whoever waits that the mount is live, or why it is not.
//
// One line on a pipe or on --ready-fd: "ready\n", or "error CODE MESSAGE\n"
// with CODE a MirrorError value. The same line format carries the FUSE
// server's startup refusal to the supervisor.
#pragma once

#include "failure.h"
#include "uniquefd.h"

#include <optional>
#include <string>
#include <variant>

namespace PassMirror
{

struct Ready {
};
using StatusLine = std::variant<Ready, Failure>;

[[nodiscard]] std::string formatStatusLine(const StatusLine &status);
// nullopt when the text is not one complete status line.
[[nodiscard]] std::optional<StatusLine> parseStatusLine(const std::string &text);

// Writes the whole line; errors are ignored (the reader may be gone).
void writeStatusLine(int fd, const StatusLine &status);
// Reads up to a newline or end of file. nullopt on EOF without a line.
[[nodiscard]] std::optional<StatusLine> readStatusLine(int fd);

class StartupReporter
{
public:
    explicit StartupReporter(int readyFd);

    // After daemonizing: the original process reads this end.
    void setParentPipe(UniqueFd pipe)
    {
        m_parent = std::move(pipe);
    }
    [[nodiscard]] bool hasReported() const
    {
        return m_reported;
    }

    void ready();
    // Logs the message, tells every waiter. Does not exit.
    void fail(const Failure &failure);

private:
    void send(const StatusLine &status);

    UniqueFd m_readyFd;
    UniqueFd m_parent;
    bool m_reported = false;
};

// Forks. The original process waits for the supervisor's status line, prints
// any failure and exits with its code (0 once ready); the call returns only in
// the new supervisor, which starts its own session with stdio on /dev/null
// (stderr kept with --debug).
void daemonize(StartupReporter &reporter, bool keepStderr);

} // namespace PassMirror
