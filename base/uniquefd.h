// SPDX-License-Identifier: GPL-2.0-or-later
// A move-only owner of one file descriptor; closes it on destruction. Every
// process uses this one, so no early return can leak an fd.
#pragma once

#include <unistd.h>
#include <utility>

namespace PassMirror
{

class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) noexcept
        : m_fd(fd)
    {
    }
    ~UniqueFd()
    {
        reset();
    }
    UniqueFd(UniqueFd &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }
    UniqueFd &operator=(UniqueFd &&other) noexcept
    {
        if (this != &other) {
            reset(std::exchange(other.m_fd, -1));
        }
        return *this;
    }
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;

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
