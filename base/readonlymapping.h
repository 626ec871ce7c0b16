// SPDX-License-Identifier: GPL-2.0-or-later
// A read-only shared mapping of a file that someone else may truncate.
//
// Touching a page of a mapping beyond the end of its (truncated) file raises
// SIGBUS, which kills a reader by default. Readers of the stats file must
// survive that whoever truncates it: a process-wide SIGBUS handler, installed
// once, replaces a guarded mapping that faulted with zero-filled pages (the
// faulting read is retried and reads zeros) and marks it damaged; a SIGBUS
// anywhere else goes to the handler that was there before (or kills as
// usual). Up to 256 guarded mappings may exist at once in a process.
#pragma once

#include <cstddef>
#include <string>

namespace PassMirror
{

class ReadOnlyMapping
{
public:
    ReadOnlyMapping() = default;
    ~ReadOnlyMapping();
    ReadOnlyMapping(ReadOnlyMapping &&other) noexcept;
    ReadOnlyMapping &operator=(ReadOnlyMapping &&other) noexcept;
    ReadOnlyMapping(const ReadOnlyMapping &) = delete;
    ReadOnlyMapping &operator=(const ReadOnlyMapping &) = delete;

    // Maps `size` bytes of `fd` read-only and shared; false with errno set
    // when it cannot (or no guard slot is free: EMFILE).
    [[nodiscard]] bool map(int fd, std::size_t size);
    // Opens `path` (no symlink followed) and maps all of it; at least
    // `minimumSize` bytes of a regular file. The empty string on success,
    // else why not ("PATH: not a WHAT (too small or not a regular file)").
    [[nodiscard]] std::string mapFile(const std::string &path, std::size_t minimumSize, const char *what);
    void unmap() noexcept;

    [[nodiscard]] const void *data() const noexcept
    {
        return m_data;
    }
    [[nodiscard]] std::size_t size() const noexcept
    {
        return m_size;
    }
    // True once a read touched a part of the file that had been truncated
    // away: the mapping reads zeros from then on.
    [[nodiscard]] bool damaged() const noexcept;

private:
    void *m_data = nullptr;
    std::size_t m_size = 0;
    int m_slot = -1;
};

} // namespace PassMirror
