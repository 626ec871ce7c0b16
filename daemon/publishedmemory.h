// SPDX-License-Identifier: GPL-2.0-or-later
// A file of shared memory that passmirrord writes and the mirror's owner
// reads: the stats file (statsfile.h) and the activity ring (activityfile.h).
//
// Made privately under a temporary name, sized, mapped and filled, then
// renamed into place, so a reader never sees a half-written header; removed
// when the mirror ends. It stays root's, mode 0600 with a POSIX ACL
// `user:<owner>:r--` (no ACL when the owner is root): only passmirrord,
// which maps it before it drops privileges, writes it; an owner who could
// write it could feed every reader false pids and states or truncate it
// under them.
#pragma once

#include "failure.h"
#include "uniquefd.h"
#include "useridentity.h"

#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>

namespace PassMirror
{

struct PublishedMemoryRequest {
    std::string path; // absolute
    bool makeDirectory = false; // create a missing parent directory (0755, root's)
    // The parent directory already open (O_PATH) by another published file,
    // used as it is: the supervisor's system call filter lets it unlink
    // files only through that very descriptor. -1: open the parent.
    int directoryFd = -1;
    std::size_t size = 0;
    UserIdentity owner;
    std::string what; // "stats file", "activity ring": for messages
};

class PublishedMemory
{
public:
    // `fill` initialises the mapped memory before the file is published.
    [[nodiscard]] static std::variant<PublishedMemory, Failure> create(const PublishedMemoryRequest &request, const std::function<void(void *memory)> &fill);

    PublishedMemory(PublishedMemory &&other) noexcept;
    PublishedMemory &operator=(PublishedMemory &&) = delete;
    PublishedMemory(const PublishedMemory &) = delete;
    PublishedMemory &operator=(const PublishedMemory &) = delete;
    // Unmaps; removes the file only in the process that created it.
    ~PublishedMemory();

    // MAP_SHARED: a forked server writes into the same pages.
    [[nodiscard]] void *memory() const
    {
        return m_memory;
    }
    [[nodiscard]] const std::string &path() const
    {
        return m_path;
    }
    // The directory it is published in (O_PATH).
    [[nodiscard]] int directoryFd() const
    {
        return m_directoryFd;
    }

    // Unlinks the published name if it still is this file.
    void remove();

private:
    PublishedMemory() = default;

    UniqueFd m_ownDirectory; // unless the request gave one
    int m_directoryFd = -1;
    UniqueFd m_file;
    std::string m_name;
    std::string m_path;
    void *m_memory = nullptr;
    std::size_t m_size = 0;
    pid_t m_creator = -1;
    bool m_removed = false;
};

} // namespace PassMirror
