// SPDX-License-Identifier: GPL-2.0-or-later
// Running a piece of a test as another user: fork, drop to the user for good,
// run a function, hand its outcome back through a pipe.
#pragma once

#include "credentials.h"

#include <chrono>
#include <functional>
#include <string>
#include <sys/types.h>

namespace PassMirror::Test
{

// What a function run in a child reports: a value (a syscall's return),
// the errno that went with it, and free text (read data, a failure message).
struct Outcome {
    long long value = 0;
    int error = 0;
    std::string data;

    // value < 0 means failure; error is then the errno.
    [[nodiscard]] static Outcome of(long long returned);
    [[nodiscard]] static Outcome failure(std::string message, int error = 0);
    [[nodiscard]] static Outcome success(std::string data = {});
    [[nodiscard]] bool succeeded() const
    {
        return value >= 0;
    }
    // "value=… errno=ENOENT (No such file or directory) data=…" for messages.
    [[nodiscard]] std::string describe() const;
};

// A forked child running `body` as `who` (or as the caller when `who` is
// nullptr-like: use startAsCaller). Killed (SIGKILL) on destruction if still
// running; dies with the parent.
class ChildProcess
{
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    // Starts `body` in a child that first drops to `who` (with extra
    // supplementary groups, if any).
    [[nodiscard]] bool start(Credentials who, const std::function<Outcome()> &body, const std::vector<gid_t> &supplementary = {});
    // Starts `body` in a child with the caller's credentials.
    [[nodiscard]] bool startAsCaller(const std::function<Outcome()> &body);

    [[nodiscard]] pid_t pid() const
    {
        return m_pid;
    }
    // Waits for the child's outcome; a child that died, crashed or timed out
    // gives value -1 and a message saying so.
    [[nodiscard]] Outcome wait(std::chrono::milliseconds timeout = std::chrono::seconds(60));
    void kill(int signal = 9);

private:
    bool launch(const Credentials *who, const std::function<Outcome()> &body, const std::vector<gid_t> &supplementary = {});
    pid_t m_pid = -1;
    int m_resultFd = -1;
};

// Runs `body` as `who` in a child and returns its outcome.
Outcome runAs(Credentials who, const std::function<Outcome()> &body, std::chrono::milliseconds timeout = std::chrono::seconds(60));
// The same with extra supplementary groups.
Outcome runAsWithGroups(Credentials who,
                        const std::vector<gid_t> &supplementary,
                        const std::function<Outcome()> &body,
                        std::chrono::milliseconds timeout = std::chrono::seconds(60));

// errno name for messages: "ENOENT".
[[nodiscard]] std::string errnoName(int error);

} // namespace PassMirror::Test
