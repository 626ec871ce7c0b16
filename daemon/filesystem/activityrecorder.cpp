// SPDX-License-Identifier: GPL-2.0-or-later
#include "activityrecorder.h"

#include "inodetable.h"
#include "procfdpath.h"

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace PassMirror::Fs
{

namespace
{

// Cache ages are read from CLOCK_MONOTONIC_COARSE (a few ms coarse, and
// a plain load where a precise clock costs a vDSO call with rdtsc).
constexpr std::int64_t UnwatchedPathLifetimeNs = 1'000'000'000; // as long as the kernel caches an unwatched name
constexpr std::int64_t CommandLifetimeNs = 1'000'000'000;
constexpr std::string_view DeletedSuffix = " (deleted)";

std::int64_t nanoseconds(clockid_t clock)
{
    timespec now{};
    clock_gettime(clock, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// The command names of the last callers of this worker thread. Plain data,
// no destructor: libfuse may end a worker thread at any point of its own.
struct CommandCache {
    struct Slot {
        pid_t pid = 0;
        std::int64_t readNs = 0;
        std::array<char, Activity::CommandSize> command{};
    };
    std::array<Slot, 16> slots{};
    unsigned next = 0;
};
thread_local CommandCache t_commands;

std::array<char, Activity::CommandSize> commandOf(pid_t pid)
{
    if (pid <= 0) {
        return {};
    }
    const std::int64_t now = nanoseconds(CLOCK_MONOTONIC_COARSE);
    for (const auto &slot : t_commands.slots) {
        if (slot.pid == pid && now - slot.readNs < CommandLifetimeNs) {
            return slot.command;
        }
    }
    std::array<char, Activity::CommandSize> command{};
    char path[32];
    std::snprintf(path, sizeof(path), "/proc/%d/comm", static_cast<int>(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        // The name (at most 15 bytes) and the kernel's newline after it. A
        // newline inside is the process's own: it is kept, as any byte a
        // process names itself with, and readers show it.
        char text[Activity::CommandSize + 1];
        ssize_t length = ::read(fd, text, sizeof text);
        ::close(fd);
        if (length > 0 && text[length - 1] == '\n') {
            --length;
        }
        if (length > 0) {
            std::memcpy(command.data(), text, std::min(static_cast<std::size_t>(length), command.size() - 1));
        }
    }
    auto &slot = t_commands.slots[t_commands.next++ % t_commands.slots.size()];
    slot = {pid, now, command};
    return command;
}

// Copies `text` into `room` bytes; when it does not fit, its end (the
// file's own name, the part a person needs) is kept.
std::size_t copyTail(std::string_view text, char *room, std::size_t size, bool &truncated)
{
    truncated = text.size() > size;
    if (truncated) {
        text.remove_prefix(text.size() - size);
    }
    std::memcpy(room, text.data(), text.size());
    return text.size();
}

} // namespace

ActivityRecorder::ActivityRecorder(Activity::Header *ring, InodeTable &inodes, uid_t ownerUid, bool shared)
    : m_inodes(inodes)
    , m_ownerUid(ownerUid)
    , m_shared(shared)
{
    if (ring != nullptr) {
        m_writer.emplace(ring);
    }
}

void ActivityRecorder::start()
{
    if (!enabled()) {
        return;
    }
    const PathResult root = m_inodes.pathOf(m_inodes.root());
    char buffer[PATH_MAX];
    const ssize_t length = root ? readlink(ProcFdPath("fd", root.get()).c_str(), buffer, sizeof(buffer)) : -1;
    m_rootPath = length > 0 ? std::string(buffer, static_cast<std::size_t>(length)) : std::string();
}

Caller ActivityRecorder::callerOf(fuse_req_t req)
{
    const fuse_ctx *context = fuse_req_ctx(req);
    Caller caller;
    caller.pid = context->pid;
    caller.uid = context->uid;
    caller.command = commandOf(context->pid);
    return caller;
}

PendingRecord ActivityRecorder::begin(fuse_req_t req, const About &about) const
{
    PendingRecord pending;
    pending.timeUnixNs = static_cast<std::uint64_t>(nanoseconds(CLOCK_REALTIME));
    if (fuse_req_ctx(req)->pid == 0 && about.opener != nullptr) {
        pending.caller = *about.opener;
        pending.callerFromOpener = true;
    } else {
        // Now, not after the reply: a process that exits right after it
        // (cat, the shell's redirections) would leave no name to read.
        pending.caller = callerOf(req);
    }
    // The inodes are alive now (the kernel holds them until this reply) and
    // must stay so until the record is written after it.
    if (about.node != 0) {
        pending.node = m_inodes.get(about.node).shared_from_this();
    }
    if (about.name != nullptr) {
        pending.name.emplace(about.name);
    }
    if (about.targetNode != 0) {
        pending.targetNode = m_inodes.get(about.targetNode).shared_from_this();
    }
    if (about.targetName != nullptr) {
        pending.targetName.emplace(about.targetName);
    }
    return pending;
}

ActivityRecorder::ResolvedPath ActivityRecorder::resolve(int pathFd) const
{
    char buffer[PATH_MAX];
    const ssize_t length = readlink(ProcFdPath("fd", pathFd).c_str(), buffer, sizeof(buffer));
    if (length <= 0 || m_rootPath.empty()) {
        return {{}, Activity::PathUnknown};
    }
    std::string_view absolute(buffer, static_cast<std::size_t>(length));
    ResolvedPath resolved;
    if (absolute.ends_with(DeletedSuffix)) {
        // Also the name of a file called "x (deleted)": only no link left says which.
        struct stat st{};
        if (fstat(pathFd, &st) == 0 && st.st_nlink == 0) {
            absolute.remove_suffix(DeletedSuffix.size());
            resolved.flags |= Activity::PathDeleted;
        }
    }
    const std::string_view root = m_rootPath;
    if (absolute == root) {
        return resolved;
    }
    const bool rootIsSlash = root == "/";
    if (!absolute.starts_with(root) || (!rootIsSlash && (absolute.size() <= root.size() || absolute[root.size()] != '/'))) {
        // Moved out of the source behind the mirror's back.
        return {{}, Activity::PathUnknown};
    }
    absolute.remove_prefix(rootIsSlash ? 1 : root.size() + 1);
    resolved.path.assign(absolute);
    return resolved;
}

ActivityRecorder::ResolvedPath ActivityRecorder::pathOf(Inode &inode) const
{
    // Read before the path: a name moving meanwhile makes this read stale at once.
    const std::uint64_t epoch = m_namesEpoch.load(std::memory_order_acquire);
    const std::int64_t now = nanoseconds(CLOCK_MONOTONIC_COARSE);
    PathFd fd;
    {
        std::lock_guard lock(inode.mutex);
        if (inode.activityPathEpoch == epoch && (inode.watched.load(std::memory_order_relaxed) || now - inode.activityPathReadNs < UnwatchedPathLifetimeNs)) {
            return {inode.activityPath, inode.activityPathFlags};
        }
        fd = inode.path;
    }
    if (!fd) {
        PathResult reopened = m_inodes.pathOf(inode); // dropped under the fd cap
        fd = reopened.fd;
    }
    ResolvedPath resolved = fd ? resolve(fd->get()) : ResolvedPath{{}, Activity::PathUnknown};
    std::lock_guard lock(inode.mutex);
    inode.activityPath = resolved.path;
    inode.activityPathFlags = resolved.flags;
    inode.activityPathEpoch = epoch;
    inode.activityPathReadNs = now;
    return resolved;
}

bool ActivityRecorder::ownerMayList(std::string_view directory) const
{
    const PathResult root = m_inodes.pathOf(m_inodes.root());
    if (!root) {
        return false;
    }
    // The worker runs as the owner again once the request is answered.
    constexpr int flags = AT_EACCESS | AT_SYMLINK_NOFOLLOW;
    if (directory.empty()) {
        return faccessat(root.get(), ".", R_OK | X_OK, AT_EACCESS) == 0;
    }
    if (faccessat(root.get(), ".", X_OK, AT_EACCESS) != 0) {
        return false;
    }
    std::string prefix;
    std::size_t start = 0;
    while (start <= directory.size()) {
        const std::size_t slash = std::min(directory.find('/', start), directory.size());
        prefix.assign(directory.substr(0, slash));
        if (faccessat(root.get(), prefix.c_str(), X_OK, flags) != 0) {
            return false;
        }
        start = slash + 1;
    }
    return faccessat(root.get(), prefix.c_str(), R_OK, flags) == 0;
}

bool ActivityRecorder::ownerMaySee(Inode &inode, const ResolvedPath &path, bool asFolder) const
{
    if (path.flags & Activity::PathUnknown) {
        return false;
    }
    const std::uint64_t epoch = m_namesEpoch.load(std::memory_order_acquire);
    const std::int64_t now = nanoseconds(CLOCK_MONOTONIC_COARSE);
    {
        std::lock_guard lock(inode.mutex);
        if (inode.ownerVisibilityEpoch != epoch || now - inode.ownerVisibilityReadNs >= UnwatchedPathLifetimeNs) {
            inode.ownerSeesPath = 0;
            inode.ownerListsNames = 0;
            inode.ownerVisibilityEpoch = epoch;
            inode.ownerVisibilityReadNs = now;
        }
        const std::uint8_t known = asFolder ? inode.ownerListsNames : inode.ownerSeesPath;
        if (known != 0) {
            return known == 1;
        }
    }
    // A path is seen in the listing of its folder; the root is always seen.
    const std::string_view full = path.path;
    bool visible = true;
    if (asFolder) {
        visible = ownerMayList(full);
    } else if (!full.empty()) {
        const std::size_t slash = full.rfind('/');
        visible = ownerMayList(slash == std::string_view::npos ? std::string_view() : full.substr(0, slash));
    }
    std::lock_guard lock(inode.mutex);
    if (inode.ownerVisibilityEpoch == epoch) {
        (asFolder ? inode.ownerListsNames : inode.ownerSeesPath) = visible ? 1 : 2;
    }
    return visible;
}

void ActivityRecorder::finish(const PendingRecord &pending, Stats::Operation operation, int error) noexcept
{
    if (!m_writer) {
        return;
    }
    try {
        ResolvedPath path;
        if (pending.node) {
            path = pathOf(*pending.node);
            if (pending.name && !(path.flags & Activity::PathUnknown)) {
                path.path = path.path.empty() ? *pending.name : path.path + "/" + *pending.name;
                path.flags &= static_cast<std::uint8_t>(~Activity::PathDeleted); // the name, not its folder
            }
        }
        ResolvedPath target;
        if (pending.targetNode) {
            target = pathOf(*pending.targetNode);
            if (pending.targetName && !(target.flags & Activity::PathUnknown)) {
                target.path = target.path.empty() ? *pending.targetName : target.path + "/" + *pending.targetName;
            }
        }
        const Caller &caller = pending.caller;
        // Another user's request in a shared mirror: keep only what the owner could see.
        if (m_shared && m_ownerUid != 0 && caller.uid != m_ownerUid) {
            if (pending.node && !ownerMaySee(*pending.node, pathOf(*pending.node), pending.name.has_value())) {
                path = {{}, Activity::PathHidden};
            }
            if (pending.targetNode && !ownerMaySee(*pending.targetNode, pathOf(*pending.targetNode), pending.targetName.has_value())) {
                target = {};
            }
        }

        const Activity::RingWriter::Slot slot = m_writer->claim();
        if (slot.record == nullptr) {
            return;
        }
        Activity::Record &record = *slot.record;
        record.timeUnixNs = pending.timeUnixNs;
        record.operation = static_cast<std::uint32_t>(operation);
        record.error = error;
        record.pid = caller.pid;
        record.uid = caller.uid;
        record.bytes = pending.bytes;
        record.nodeId = pending.node && !pending.name ? pending.node->nodeId : 0;
        std::memcpy(record.command, caller.command.data(), Activity::CommandSize);
        bool pathTruncated = false;
        bool targetTruncated = false;
        // The path first; the target gets what room is left, at least a quarter.
        const std::size_t targetRoom =
            pending.targetNode ? std::max(Activity::PathCapacity / 4, Activity::PathCapacity - std::min(path.path.size(), Activity::PathCapacity)) : 0;
        const std::size_t pathLength = copyTail(path.path, record.path, Activity::PathCapacity - targetRoom, pathTruncated);
        const std::size_t targetLength = pending.targetNode
            ? copyTail(target.path, record.path + pathLength, std::min(targetRoom, Activity::PathCapacity - pathLength), targetTruncated)
            : 0;
        record.pathLength = static_cast<std::uint16_t>(pathLength);
        record.targetLength = static_cast<std::uint16_t>(targetLength);
        record.flags = static_cast<std::uint8_t>(path.flags | (pathTruncated ? Activity::PathTruncated : 0) | (targetTruncated ? Activity::TargetTruncated : 0)
                                                 | (pending.callerFromOpener ? Activity::CallerFromOpen : 0));
        Activity::RingWriter::commit(slot);
    } catch (...) {
        // Out of memory for a path: the record is lost, the request was answered.
    }
}

} // namespace PassMirror::Fs
