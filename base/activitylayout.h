// SPDX-License-Identifier: GPL-2.0-or-later
// The activity ring: who did what on one mirror, record by record.
//
// A second shared-memory file beside the stats file (statslayout.h), made the
// same way: root's, readable by the mirror's owner through an ACL, written by
// passmirrord alone. It holds a header and a ring of fixed-size records; the
// daemon's worker threads append records concurrently and readers (the
// window, passmirrorctl, the tests) copy them out without a system call.
//
// How a record is written and read without tearing (the sequence protocol):
// - A writer claims the next sequence number n with one fetch_add on
//   `head`; its slot is n % capacity.
// - It takes the slot with a compare-and-swap of the slot's `sequence` from
//   the value the previous lap left (even) to 2n+1 ("being written"). If the
//   slot is still being written by a writer one lap behind (only possible
//   when the ring wraps during one record), it gives up and counts the
//   record in `dropped`: one writer per slot, always.
// - It writes the fields, then stores 2n+2 ("record n complete") with
//   release order.
// - A reader wanting record n loads `sequence` (acquire); only 2n+2 means
//   record n is there. It copies the record, then loads `sequence` again: if
//   it changed, a writer of a later lap overwrote it meanwhile and the copy
//   is thrown away. A value above 2n+2 means n was overwritten (missed); a
//   value below means it is not written yet (or was dropped).
// Records therefore never tear, and a reader that keeps its next wanted
// sequence number knows exactly how many it missed: head tells how many were
// ever claimed.
//
// The format is versioned and documented in docs/ACTIVITY-FORMAT.md; change
// both together.
#pragma once

#include "statslayout.h"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace PassMirror::Activity
{

inline constexpr std::uint32_t Magic = 0x43414d50; // "PMAC" little-endian
inline constexpr std::uint32_t Version = 1;

inline constexpr std::uint64_t DefaultCapacity = 65536;
inline constexpr std::uint64_t MinimumCapacity = 16;
inline constexpr std::uint64_t MaximumCapacity = 1u << 22; // 4 Mi records, 1 GiB

// Record::flags
inline constexpr std::uint8_t PathTruncated = 1u << 0; // only the end of the path fit
inline constexpr std::uint8_t TargetTruncated = 1u << 1; // only the end of the target fit
inline constexpr std::uint8_t PathDeleted = 1u << 2; // the file has no name left in the source
inline constexpr std::uint8_t PathUnknown = 1u << 3; // the daemon could not tell the path
inline constexpr std::uint8_t CallerFromOpen = 1u << 4; // pid/uid/command are the opener's (the kernel sent none)
inline constexpr std::uint8_t PathHidden = 1u << 5; // another user's file in a folder the owner may not list: no path kept

inline constexpr std::size_t CommandSize = 16; // TASK_COMM_LEN
inline constexpr std::size_t PathCapacity = 184; // path and target share it

struct alignas(64) Record {
    // 0 never written; 2n+1 record n being written; 2n+2 record n complete.
    std::atomic<std::uint64_t> sequence{0};
    std::uint64_t timeUnixNs = 0; // CLOCK_REALTIME when the request arrived
    std::uint32_t operation = 0; // Stats::Operation
    std::int32_t error = 0; // 0, or the errno the request was answered with
    std::int32_t pid = 0; // the calling process (0: the kernel's own request)
    std::uint32_t uid = 0; // its fs uid
    std::uint64_t bytes = 0; // read and write through the daemon: bytes moved
    std::uint64_t nodeId = 0; // the FUSE node the path belongs to (0: a name not found)
    char command[CommandSize] = {}; // the caller's /proc/PID/comm, NUL-padded
    std::uint16_t pathLength = 0; // bytes of path[] that are the path
    std::uint16_t targetLength = 0; // then this many bytes of target (rename, link, copy_file_range)
    std::uint8_t flags = 0;
    std::uint8_t reserved[3] = {};
    char path[PathCapacity] = {}; // relative to the mirror, no leading '/'; "" is the mirror itself
};

struct alignas(64) Header {
    // Written once before the file is published.
    std::uint32_t magic = Magic;
    std::uint32_t version = Version;
    std::uint32_t headerSize = sizeof(Header);
    std::uint32_t recordSize = sizeof(Record);
    std::uint64_t capacity = 0; // records, a power of two
    std::int64_t daemonPid = 0;
    std::uint64_t startTimeUnixNs = 0;
    std::uint32_t ownerUid = 0;
    std::uint32_t reserved0 = 0;

    // Changing while the daemon lives.
    std::atomic<std::uint64_t> head{0}; // sequence numbers claimed so far
    std::atomic<std::uint64_t> dropped{0}; // records given up (slot busy one lap behind)
    std::uint64_t reserved1[8] = {};
};

static_assert(std::is_standard_layout_v<Record>);
static_assert(std::is_standard_layout_v<Header>);
static_assert(sizeof(Record) == 256);
static_assert(offsetof(Record, command) == 48);
static_assert(offsetof(Record, pathLength) == 64);
static_assert(offsetof(Record, path) == 72);
static_assert(sizeof(Header) == 128);
static_assert(offsetof(Header, head) == 48);
static_assert(std::atomic<std::uint64_t>::is_always_lock_free);

[[nodiscard]] constexpr std::size_t fileSize(std::uint64_t capacity)
{
    return sizeof(Header) + static_cast<std::size_t>(capacity) * sizeof(Record);
}

// The records follow the header.
[[nodiscard]] inline Record *records(Header *header)
{
    return reinterpret_cast<Record *>(reinterpret_cast<char *>(header) + sizeof(Header));
}
[[nodiscard]] inline const Record *records(const Header *header)
{
    return reinterpret_cast<const Record *>(reinterpret_cast<const char *>(header) + sizeof(Header));
}

// A capacity a ring can have: a power of two within the limits, rounded up.
[[nodiscard]] constexpr std::uint64_t roundCapacity(std::uint64_t wanted)
{
    std::uint64_t capacity = MinimumCapacity;
    while (capacity < wanted && capacity < MaximumCapacity) {
        capacity <<= 1;
    }
    return capacity;
}

} // namespace PassMirror::Activity
