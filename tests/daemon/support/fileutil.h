// SPDX-License-Identifier: GPL-2.0-or-later
// Small file helpers the daemon tests share. They return errno-style results
// instead of throwing, so they work the same in forked children.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace PassMirror::Test
{

// A move-only fd that closes itself.
class Fd
{
public:
    Fd() = default;
    explicit Fd(int fd)
        : m_fd(fd)
    {
    }
    ~Fd();
    Fd(Fd &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }
    Fd &operator=(Fd &&other) noexcept;
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    [[nodiscard]] int get() const
    {
        return m_fd;
    }
    [[nodiscard]] bool isValid() const
    {
        return m_fd >= 0;
    }
    // close(2) now, returning its result (close can fail on a FUSE file).
    int close();

private:
    int m_fd = -1;
};

// Deterministic bytes: the same (seed, size) always gives the same data.
[[nodiscard]] std::string pattern(std::uint64_t seed, std::size_t size);

// 0 or errno.
[[nodiscard]] int writeFile(const std::string &path, const std::string &data, mode_t mode = 0644, int extraFlags = 0);
// Whole content, or nullopt with errno set.
[[nodiscard]] std::optional<std::string> readFile(const std::string &path);
// Reads [offset, offset+size) with pread through `fd`; short at EOF.
[[nodiscard]] std::optional<std::string> preadAll(int fd, off_t offset, std::size_t size);
// Writes all of `data` at `offset`; 0 or errno.
[[nodiscard]] int pwriteAll(int fd, const std::string &data, off_t offset);

// The list of [start, end) data extents by SEEK_DATA/SEEK_HOLE.
[[nodiscard]] std::vector<std::pair<off_t, off_t>> dataExtents(int fd);

// Names in a directory (without . and ..), sorted; nullopt with errno set.
[[nodiscard]] std::optional<std::vector<std::string>> listDirectory(const std::string &path);

// "a, b, c" for messages.
[[nodiscard]] std::string join(const std::vector<std::string> &items);

} // namespace PassMirror::Test
