// SPDX-License-Identifier: GPL-2.0-or-later
// A forked helper process (same credentials) that a test talks to in single
// bytes, for things that need a second process: lock holders, a process that
// exits while holding something. Killed on destruction if still running.
#pragma once

#include <chrono>
#include <functional>
#include <sys/types.h>

namespace PassMirror::Test
{

class Companion
{
public:
    // Both ends of the conversation.
    class Channel
    {
    public:
        Channel(int readFd, int writeFd)
            : m_read(readFd)
            , m_write(writeFd)
        {
        }
        bool send(char byte) const;
        // The next byte, or 0 on EOF, error or timeout.
        char receive(std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;

    private:
        int m_read;
        int m_write;
    };

    // Forks; the child runs `body` and _exits with its return value.
    explicit Companion(const std::function<int(const Channel &)> &body);
    ~Companion();
    Companion(const Companion &) = delete;
    Companion &operator=(const Companion &) = delete;

    [[nodiscard]] bool isRunning() const
    {
        return m_pid > 0;
    }
    [[nodiscard]] pid_t pid() const
    {
        return m_pid;
    }
    [[nodiscard]] const Channel &channel() const
    {
        return m_channel;
    }
    bool send(char byte) const
    {
        return m_channel.send(byte);
    }
    char receive(std::chrono::milliseconds timeout = std::chrono::seconds(10)) const
    {
        return m_channel.receive(timeout);
    }
    // The child's exit code, or -1 if it was killed or timed out (then killed).
    int wait(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // SIGKILL now and reap.
    void kill();

private:
    pid_t m_pid = -1;
    int m_toChild = -1;
    int m_fromChild = -1;
    Channel m_channel{-1, -1};
};

} // namespace PassMirror::Test
