// SPDX-License-Identifier: GPL-2.0-or-later
// The mapped stats file: created privately, filled, then renamed into place so
// a reader never sees a half-written header; removed when the mirror ends.
// It stays root's, mode 0640 with an ACL that lets the owner read it (0600
// and no ACL when the owner is root): only passmirrord, which maps it before
// it drops privileges, writes it.
#pragma once

#include "failure.h"
#include "ownercredentials.h"
#include "statslayout.h"
#include "uniquefd.h"

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

    StatsFile(StatsFile &&other) noexcept;
    StatsFile &operator=(StatsFile &&) = delete;
    StatsFile(const StatsFile &) = delete;
    StatsFile &operator=(const StatsFile &) = delete;
    // Unmaps; removes the file only in the process that created it.
    ~StatsFile();

    // MAP_SHARED: a forked server writes into the same pages.
    [[nodiscard]] Stats::Layout *layout() const
    {
        return m_layout;
    }
    [[nodiscard]] const std::string &path() const
    {
        return m_path;
    }
    // The directory the file is published in (O_PATH): one of the two where
    // the supervisor's system call filter allows unlinkat (the mount record's
    // is the other).
    [[nodiscard]] int directoryFd() const
    {
        return m_directory.get();
    }
    void setState(Stats::DaemonState state);

    // Unlinks the published name if it still is this file.
    void remove();

private:
    StatsFile() = default;

    UniqueFd m_directory;
    UniqueFd m_file;
    std::string m_name;
    std::string m_path;
    Stats::Layout *m_layout = nullptr;
    pid_t m_creator = -1;
    bool m_removed = false;
};

} // namespace PassMirror
