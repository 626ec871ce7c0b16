// SPDX-License-Identifier: GPL-2.0-or-later
// The mapped stats file (statslayout.h), published as publishedmemory.h
// says: root's, readable by the owner, written by passmirrord alone.
#pragma once

#include "failure.h"
#include "ownercredentials.h"
#include "publishedmemory.h"
#include "statslayout.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>

namespace PassMirror
{

struct StatsFileRequest {
    std::optional<std::string> path; // nullopt: statsDirectory()/<supervisor pid>.stats (rundirectory.h)
    pid_t supervisorPid = 0;
    UserIdentity owner;
    std::uint32_t flags = 0; // Stats::FlagShared | Stats::FlagReadOnly
    Stats::PassthroughMode requestedPassthrough = Stats::PassthroughMode::Auto;
};

class StatsFile
{
public:
    [[nodiscard]] static std::variant<StatsFile, Failure> create(const StatsFileRequest &request);

    // MAP_SHARED: a forked server writes into the same pages.
    [[nodiscard]] Stats::Layout *layout() const
    {
        return static_cast<Stats::Layout *>(m_file.memory());
    }
    [[nodiscard]] const std::string &path() const
    {
        return m_file.path();
    }
    // The directory the file is published in (O_PATH): one of the two where
    // the supervisor's system call filter allows unlinkat (the mount record's
    // is the other). The activity ring (activityfile.h) is published there too.
    [[nodiscard]] int directoryFd() const
    {
        return m_file.directoryFd();
    }
    void setState(Stats::DaemonState state);

    // Unlinks the published name if it still is this file.
    void remove()
    {
        m_file.remove();
    }

private:
    explicit StatsFile(PublishedMemory file)
        : m_file(std::move(file))
    {
    }

    PublishedMemory m_file;
};

} // namespace PassMirror
