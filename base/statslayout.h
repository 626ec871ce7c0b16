// SPDX-License-Identifier: GPL-2.0-or-later
// The shared-memory stats file that passmirrord writes and readers map.
//
// One file per mount, created by the daemon in /run/passmirror/stats/ (or
// where --stats-file says). It stays root's, mode 0640 with a POSIX ACL that
// lets the mount's owner read it (0600 and no ACL when the owner is root):
// an owner who could write it could feed every reader, the helper among
// them, false pids and states. The daemon maps it read-write; a reader maps
// it read-only once and samples it without a syscall. Every counter is a
// naturally aligned 64-bit std::atomic, which is lock-free on every platform
// we build for, so a sample never sees a torn value. Counters only grow while
// the daemon lives; `state` tells whether they are final.
//
// The layout is versioned: a reader checks `magic`, `version` and
// `headerSize`, and must ignore operations at indices >= its own
// Operation::Count (new operations are only ever appended). The format is
// documented in docs/STATS-FORMAT.md; change both together.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace PassMirror::Stats
{

inline constexpr std::uint32_t Magic = 0x54534d50; // "PMST" little-endian
inline constexpr std::uint32_t Version = 1;

// Every FUSE request the daemon can see. Append only: the index is the ABI.
enum class Operation : std::uint32_t {
    Init,
    Destroy,
    Lookup,
    Forget,
    BatchForget,
    Getattr,
    Setattr,
    Readlink,
    Mknod,
    Mkdir,
    Unlink,
    Rmdir,
    Symlink,
    Rename,
    Link,
    Open,
    Read,
    Write,
    Flush,
    Release,
    Fsync,
    Opendir,
    Readdir,
    Readdirplus,
    Releasedir,
    Fsyncdir,
    Statfs,
    Setxattr,
    Getxattr,
    Listxattr,
    Removexattr,
    Access,
    Create,
    Getlk,
    Setlk,
    Flock,
    Ioctl,
    Poll,
    Fallocate,
    CopyFileRange,
    Lseek,
    Tmpfile,
    Count
};

inline constexpr std::size_t OperationCount = static_cast<std::size_t>(Operation::Count);

// Stable, lower-case names used by passmirrorctl --json and the window.
inline constexpr std::array<std::string_view, OperationCount> OperationNames = {
    "init",    "destroy",     "lookup",     "forget",   "batch_forget", "getattr",   "setattr",         "readlink",  "mknod",       "mkdir",  "unlink",
    "rmdir",   "symlink",     "rename",     "link",     "open",         "read",      "write",           "flush",     "release",     "fsync",  "opendir",
    "readdir", "readdirplus", "releasedir", "fsyncdir", "statfs",       "setxattr",  "getxattr",        "listxattr", "removexattr", "access", "create",
    "getlk",   "setlk",       "flock",      "ioctl",    "poll",         "fallocate", "copy_file_range", "lseek",     "tmpfile",
};

[[nodiscard]] constexpr std::string_view operationName(Operation operation)
{
    return OperationNames[static_cast<std::size_t>(operation)];
}

// What the daemon is doing; readers show it and know counters are final at Stopped.
enum class DaemonState : std::uint32_t {
    Starting = 0,
    Mounted = 1,
    Stopping = 2,
    Stopped = 3, // clean exit: unmounted
    Died = 4, // the daemon process died; the supervisor detached the mount
};

// How requests reach the daemon.
enum class Transport : std::uint32_t {
    Unknown = 0,
    DevFuse = 1,
    IoUring = 2,
};

// Whether changes made to the source behind the mirror's back are pushed to
// the kernel (daemon/filesystem/sourcewatch.h), so names and attributes are
// cached long, or the kernel keeps them for 1 s.
enum class SourceWatchState : std::uint32_t {
    Off = 0, // not asked for, or not possible here (1 s caching)
    Active = 1,
    Failed = 2, // it broke while mounted: 1 s caching from then on
};

// What the person asked for with --passthrough, and what the kernel granted.
enum class PassthroughMode : std::uint32_t {
    Auto = 0,
    On = 1,
    Off = 2,
};

struct alignas(16) OperationCounters {
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> errors{0}; // replies with a negative errno
};

struct alignas(64) Layout {
    // Written once before the file is published (renamed into place).
    std::uint32_t magic = Magic;
    std::uint32_t version = Version;
    std::uint32_t headerSize = sizeof(Layout);
    std::uint32_t operationCount = OperationCount;
    std::int64_t daemonPid = 0; // the FUSE server process
    std::int64_t supervisorPid = 0; // the process that cleans up after it
    std::uint64_t startTimeUnixNs = 0; // CLOCK_REALTIME at mount
    std::uint32_t ownerUid = 0;
    std::uint32_t flags = 0; // FlagShared | FlagReadOnly
    PassthroughMode requestedPassthrough = PassthroughMode::Auto;
    std::uint32_t reserved0 = 0;

    // Changing while the daemon lives.
    std::atomic<std::uint32_t> state{static_cast<std::uint32_t>(DaemonState::Starting)};
    std::atomic<std::uint32_t> transport{static_cast<std::uint32_t>(Transport::Unknown)};
    std::atomic<std::uint32_t> passthroughAvailable{0}; // kernel and privileges allow it
    std::atomic<std::uint32_t> sourceWatch{static_cast<std::uint32_t>(SourceWatchState::Off)};

    std::atomic<std::uint64_t> bytesRead{0}; // userspace data path only
    std::atomic<std::uint64_t> bytesWritten{0}; // userspace data path only
    std::atomic<std::uint64_t> openFiles{0}; // FUSE file handles open now (files)
    std::atomic<std::uint64_t> openDirectories{0}; // directory handles open now
    std::atomic<std::uint64_t> passthroughOpens{0}; // opens served by kernel passthrough
    std::atomic<std::uint64_t> userspaceOpens{0}; // opens served through the daemon
    std::atomic<std::uint64_t> passthroughFallbacks{0}; // auto mode: passthrough refused, fell back
    std::atomic<std::uint64_t> inodesKnown{0}; // inodes the kernel holds references to
    std::atomic<std::uint64_t> inodeFdsHeld{0}; // O_PATH fds the daemon keeps now
    std::atomic<std::uint64_t> inodesWatched{0}; // inodes whose changes in the source are pushed to the kernel
    std::atomic<std::uint64_t> sourceInvalidations{0}; // invalidations sent for changes made behind the mirror's back
    std::atomic<std::uint64_t> sourceOverflows{0}; // times events were lost and every cached name and attribute dropped
    std::atomic<std::uint64_t> reserved2[4]{};

    OperationCounters operations[OperationCount];

    [[nodiscard]] OperationCounters &counters(Operation operation)
    {
        return operations[static_cast<std::size_t>(operation)];
    }
    [[nodiscard]] const OperationCounters &counters(Operation operation) const
    {
        return operations[static_cast<std::size_t>(operation)];
    }
};

inline constexpr std::uint32_t FlagShared = 1u << 0;
inline constexpr std::uint32_t FlagReadOnly = 1u << 1;

// The byte offsets are the file format (docs/STATS-FORMAT.md): readers in
// other languages rely on them, so a change here must bump Version.
static_assert(std::is_standard_layout_v<Layout>);
static_assert(offsetof(Layout, state) == 56);
static_assert(offsetof(Layout, bytesRead) == 72);
static_assert(offsetof(Layout, operations) == 208);
static_assert(sizeof(OperationCounters) == 16);
static_assert(sizeof(Layout) == 896);

static_assert(std::atomic<std::uint64_t>::is_always_lock_free, "stats counters must never tear");
static_assert(std::atomic<std::uint32_t>::is_always_lock_free, "stats fields must never tear");

} // namespace PassMirror::Stats
