// SPDX-License-Identifier: GPL-2.0-or-later
#include "fileutil.h"

#include <algorithm>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace PassMirror::Test
{

Fd::~Fd()
{
    close();
}

Fd &Fd::operator=(Fd &&other) noexcept
{
    if (this != &other) {
        close();
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

int Fd::close()
{
    if (m_fd < 0) {
        return 0;
    }
    return ::close(std::exchange(m_fd, -1));
}

std::string pattern(std::uint64_t seed, std::size_t size)
{
    std::string data(size, '\0');
    std::uint64_t state = seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
    for (std::size_t i = 0; i < size; ++i) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        data[i] = static_cast<char>(state & 0xff);
    }
    return data;
}

int writeFile(const std::string &path, const std::string &data, mode_t mode, int extraFlags)
{
    Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | extraFlags, mode));
    if (!fd.isValid()) {
        return errno;
    }
    if (const int error = pwriteAll(fd.get(), data, 0)) {
        return error;
    }
    if (fd.close() != 0) {
        return errno;
    }
    return 0;
}

std::optional<std::string> readFile(const std::string &path)
{
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd.isValid()) {
        return std::nullopt;
    }
    std::string data;
    char buffer[65536];
    while (true) {
        const ssize_t got = ::read(fd.get(), buffer, sizeof(buffer));
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return std::nullopt;
        }
        if (got == 0) {
            return data;
        }
        data.append(buffer, static_cast<std::size_t>(got));
    }
}

std::optional<std::string> preadAll(int fd, off_t offset, std::size_t size)
{
    std::string data(size, '\0');
    std::size_t done = 0;
    while (done < size) {
        const ssize_t got = ::pread(fd, data.data() + done, size - done, offset + static_cast<off_t>(done));
        if (got < 0) {
            if (errno == EINTR) {
                continue;
            }
            return std::nullopt;
        }
        if (got == 0) {
            break;
        }
        done += static_cast<std::size_t>(got);
    }
    data.resize(done);
    return data;
}

int pwriteAll(int fd, const std::string &data, off_t offset)
{
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t written = ::pwrite(fd, data.data() + done, data.size() - done, offset + static_cast<off_t>(done));
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return errno;
        }
        done += static_cast<std::size_t>(written);
    }
    return 0;
}

std::vector<std::pair<off_t, off_t>> dataExtents(int fd)
{
    std::vector<std::pair<off_t, off_t>> extents;
    off_t position = 0;
    while (true) {
        const off_t data = ::lseek(fd, position, SEEK_DATA);
        if (data < 0) {
            break;
        }
        const off_t hole = ::lseek(fd, data, SEEK_HOLE);
        if (hole < 0) {
            break;
        }
        extents.emplace_back(data, hole);
        position = hole;
    }
    return extents;
}

std::optional<std::vector<std::string>> listDirectory(const std::string &path)
{
    DIR *dir = ::opendir(path.c_str());
    if (!dir) {
        return std::nullopt;
    }
    std::vector<std::string> names;
    errno = 0;
    while (const dirent *entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name != "." && name != "..") {
            names.push_back(name);
        }
    }
    const int error = errno;
    ::closedir(dir);
    if (error != 0) {
        errno = error;
        return std::nullopt;
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string join(const std::vector<std::string> &items)
{
    std::string result;
    for (const auto &item : items) {
        if (!result.empty()) {
            result += ", ";
        }
        result += item;
    }
    return result;
}

} // namespace PassMirror::Test
