// SPDX-License-Identifier: GPL-2.0-or-later
// A move-only owner of one file descriptor: every fd the daemon opens lives in
// one of these, so no early return can leak it.
#pragma once

#include <unistd.h>
#include <utility>

namespace PassMirror
{

class FileDescriptor
{
public:
    FileDescriptor() = default;
    explicit FileDescriptor(int fd) noexcept
        : m_fd(fd)
    {
    }
    ~FileDescriptor()
    {
        reset();
    }
    FileDescriptor(FileDescriptor &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }
    FileDescriptor &operator=(FileDescriptor &&other) noexcept
    {
        if (this != &other) {
            reset(std::exchange(other.m_fd, -1));
        }
        return *this;
    }
    FileDescriptor(const FileDescriptor &) = delete;
    FileDescriptor &operator=(const FileDescriptor &) = delete;

    [[nodiscard]] int get() const noexcept
    {
        return m_fd;
    }
    [[nodiscard]] bool isValid() const noexcept
    {
        return m_fd >= 0;
    }
    explicit operator bool() const noexcept
    {
        return isValid();
    }
    // Gives up ownership without closing.
    [[nodiscard]] int release() noexcept
    {
        return std::exchange(m_fd, -1);
    }
    void reset(int fd = -1) noexcept
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = fd;
    }

private:
    int m_fd = -1;
};

} // namespace PassMirror
