// SPDX-License-Identifier: GPL-2.0-or-later
// Reads a passmirrord activity ring (activitylayout.h,
// docs/ACTIVITY-FORMAT.md): maps it read-only once and copies out the
// records that are new since the last read, never a torn one, counting the
// ones it missed (overwritten before it came to them, or given up by a
// writer). Plain C++ for the window, passmirrorctl and the tests.
//
// Like the stats reader it survives the file being truncated under it
// (base/readonlymapping.h): the reader closes.
#pragma once

#include "activitylayout.h"
#include "readonlymapping.h"

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace PassMirror::Activity
{

// "open" for Stats::Operation::Open; "unknown" for an index this reader does not know.
[[nodiscard]] std::string_view operationName(std::uint32_t operation);

// One record, decoded. Paths are bytes, as the filesystem has them.
struct Event {
    std::uint64_t sequence = 0; // its number in the ring: consecutive unless some were missed
    std::uint64_t timeUnixNs = 0;
    std::uint32_t operation = 0; // Stats::Operation; may be one this reader does not know
    int error = 0; // 0 or an errno
    int pid = 0;
    std::uint32_t uid = 0;
    std::uint64_t bytes = 0;
    std::uint64_t nodeId = 0;
    std::uint8_t flags = 0;
    std::string command;
    std::string path; // relative to the mirror; "" is the mirror's root
    std::string target; // the second path of rename, link and copy_file_range

    [[nodiscard]] std::string_view operationName() const;
    // The path for a person: "/" + path, "…" in front when truncated,
    // " (deleted)" after when the file has no name left, "?" when unknown,
    // "(hidden)" when the owner may not see it.
    [[nodiscard]] std::string displayPath() const;
    [[nodiscard]] std::string displayTarget() const;
};

struct ReadResult {
    std::size_t received = 0;
    std::uint64_t missed = 0; // records lost since the last read
};

class ActivityReader
{
public:
    ActivityReader() = default;
    ActivityReader(ActivityReader &&other) noexcept = default;
    ActivityReader &operator=(ActivityReader &&other) noexcept = default;
    ActivityReader(const ActivityReader &) = delete;
    ActivityReader &operator=(const ActivityReader &) = delete;

    // Maps `path` read-only and starts at the oldest record it holds; false
    // with errorString() set when it is not an activity ring of this version.
    [[nodiscard]] bool open(const std::string &path);
    void close();
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] const std::string &errorString() const
    {
        return m_error;
    }

    [[nodiscard]] std::uint64_t capacity() const;
    [[nodiscard]] std::uint32_t ownerUid() const;
    // Records ever claimed by writers (the next sequence number).
    [[nodiscard]] std::uint64_t written() const;
    // Records writers gave up on (their slot was still being written a lap behind).
    [[nodiscard]] std::uint64_t dropped() const;

    // Where the next read starts: the oldest record held, or only records
    // written from now on.
    void startAtOldest();
    void startAtNewest();

    // Appends the complete records after the last one read to `events` (at
    // most `limit`), in sequence order. A record whose slot is still being
    // written stops the read there; one that stays so for a second (its
    // writer gave it up) is counted missed.
    ReadResult read(std::vector<Event> &events, std::size_t limit = std::numeric_limits<std::size_t>::max());
    // Records missed since open().
    [[nodiscard]] std::uint64_t missedTotal() const
    {
        return m_missedTotal;
    }

private:
    ReadOnlyMapping m_mapping;
    const Header *m_header = nullptr;
    std::string m_error;
    std::uint64_t m_next = 0; // the sequence number wanted next
    std::uint64_t m_missedTotal = 0;
    std::chrono::steady_clock::time_point m_waitingSince{};
};

// Derived from the stats file's: "<name>.stats" → "<name>.activity" beside
// it (a name without ".stats" gets ".activity" appended).
[[nodiscard]] std::string ringPathFor(const std::string &statsPath);

// --- aggregates over events the reader read

struct ProcessActivity {
    int pid = 0;
    std::string command;
    std::uint32_t uid = 0;
    std::uint64_t operations = 0;
    std::uint64_t errors = 0;
    std::uint64_t bytes = 0;
};

struct FileActivity {
    std::string path; // Event::displayPath()
    std::uint64_t operations = 0;
    std::uint64_t errors = 0;
    std::uint64_t bytes = 0;
};

struct OperationErrors {
    std::uint32_t operation = 0;
    int error = 0;
    std::uint64_t count = 0;
};

struct Summary {
    std::uint64_t events = 0; // events in the window
    std::uint64_t fromUnixNs = 0; // the window: [from, to]
    std::uint64_t toUnixNs = 0;
    std::vector<ProcessActivity> processes; // most operations first
    std::vector<FileActivity> files; // most operations first
    std::vector<OperationErrors> errors; // most first
};

// Top processes and files by operations, and errors by operation and errno,
// over the events at or after `sinceUnixNs`; at most `top` of each list.
[[nodiscard]] Summary summarize(const std::vector<Event> &events, std::uint64_t sinceUnixNs, std::size_t top);

} // namespace PassMirror::Activity
