// SPDX-License-Identifier: GPL-2.0-or-later
// The record passmirrord keeps of the mount it made, for the helper.
//
// The supervisor (root) writes it once the mount is live, in
// mountRecordDirectory() (root's, 0700), named by the mount's never reused
// unique id, and removes it when it has detached the mount. If supervisor and
// server are killed together, the record outlives them: the helper's sweep
// then finds a mount whose processes are gone and detaches it. The helper
// looks at recorded mounts only, never at other "fuse.passmirror" mounts
// (anyone may make one) and never through the mount itself, so no FUSE server
// can stall it.
//
// Format: one "key value" per line, text after the first space; the stats
// path is the last line and may hold any byte but a newline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace PassMirror
{

struct MountRecord {
    std::uint64_t uniqueMountId = 0; // 0: the kernel has none (before Linux 6.8)
    std::uint64_t mountId = 0; // mountinfo's id, reused once the mount is gone
    uid_t ownerUid = 0;
    pid_t supervisorPid = 0;
    std::uint64_t supervisorStart = 0; // processStartTime() when written
    pid_t serverPid = 0;
    std::uint64_t serverStart = 0;
    std::string statsPath;

    bool operator==(const MountRecord &) const = default;
};

[[nodiscard]] std::string formatMountRecord(const MountRecord &record);
// nullopt when `text` is not a complete record of this version.
[[nodiscard]] std::optional<MountRecord> parseMountRecord(std::string_view text);
// The file name of a record: the unique mount id ("mount-<old id>-<pid>"
// on kernels without one).
[[nodiscard]] std::string mountRecordName(const MountRecord &record);

// Every record in mountRecordDirectory() (at most `limit`, file name first),
// skipping what does not parse.
[[nodiscard]] std::vector<std::pair<std::string, MountRecord>> readMountRecords(std::size_t limit = 4096);

// When `pid` started (clock ticks after boot, /proc/PID/stat field 22);
// nullopt when there is no such process.
[[nodiscard]] std::optional<std::uint64_t> processStartTime(pid_t pid);
// `pid` is the process that started at `startTime` and has not exited (a
// zombie has exited).
[[nodiscard]] bool processRunning(pid_t pid, std::uint64_t startTime);

} // namespace PassMirror
