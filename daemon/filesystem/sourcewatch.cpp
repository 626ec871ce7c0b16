// SPDX-License-Identifier: GPL-2.0-or-later
#include "sourcewatch.h"

#include "inodetable.h"
#include "threadcapabilities.h"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/magic.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/fanotify.h>
#include <sys/vfs.h>
#include <unistd.h>

namespace PassMirror::Fs
{

namespace
{
constexpr auto relaxed = std::memory_order_relaxed;

// FUSE_NOTIFY_INC_EPOCH (FUSE 7.44): every name the kernel caches for the
// connection becomes invalid. libfuse 3.17 has no call for it, so the
// notification is written to the session's fd as libfuse writes its own.
constexpr std::int32_t NotifyIncrementEpoch = 8;
constexpr unsigned EpochProtocolMinor = 44;

constexpr std::uint64_t DirectoryEvents = FAN_CREATE | FAN_DELETE | FAN_MOVED_FROM | FAN_MOVED_TO;
constexpr std::uint64_t SelfEvents = FAN_ATTRIB | FAN_MODIFY | FAN_DELETE_SELF | FAN_MOVE_SELF;
constexpr std::uint64_t DirectoryMask = DirectoryEvents | FAN_ATTRIB | FAN_DELETE_SELF | FAN_MOVE_SELF | FAN_ONDIR;
constexpr std::uint64_t FileMask = SelfEvents;

// Invalidations of an inode the kernel does not hold yet (its reply is on
// the way) are tried again after these delays, then given up: by then the
// kernel has it, or has forgotten it again.
constexpr std::chrono::milliseconds RetryDelays[] = {std::chrono::milliseconds(5),
                                                     std::chrono::milliseconds(50),
                                                     std::chrono::milliseconds(300),
                                                     std::chrono::milliseconds(1000)};

// Filesystems whose changes all happen on this machine, so each one makes an
// event, and whose fanotify file ids are their name_to_handle_at handles.
bool isWatchableFilesystem(int fd, std::string &why)
{
    struct statfs st{};
    if (fstatfs(fd, &st) != 0) {
        why = std::string("cannot read the source's filesystem: ") + std::strerror(errno);
        return false;
    }
    switch (static_cast<unsigned long>(st.f_type)) {
    case EXT4_SUPER_MAGIC: // ext2 and ext3 too
    case XFS_SUPER_MAGIC:
    case BTRFS_SUPER_MAGIC:
    case TMPFS_MAGIC:
    case F2FS_SUPER_MAGIC:
        return true;
    default:
        char magic[32];
        std::snprintf(magic, sizeof magic, "%#lx", static_cast<unsigned long>(st.f_type));
        why = std::string("the source's filesystem (magic ") + magic + ") is not one whose every change is seen here";
        return false;
    }
}

// The file handle of `fd` (O_PATH) as a key, and its mount id.
bool handleOf(int fd, std::string &key, int &mountId)
{
    alignas(file_handle) unsigned char buffer[sizeof(file_handle) + MAX_HANDLE_SZ];
    auto *handle = reinterpret_cast<file_handle *>(buffer);
    handle->handle_bytes = MAX_HANDLE_SZ;
    if (name_to_handle_at(fd, "", handle, &mountId, AT_EMPTY_PATH) != 0) {
        return false;
    }
    key.assign(reinterpret_cast<const char *>(buffer), sizeof(file_handle) + handle->handle_bytes);
    return true;
}

std::uint64_t markMaskFor(mode_t type)
{
    return S_ISDIR(type) ? DirectoryMask : FileMask;
}

} // namespace

SourceWatch::SourceWatch(Stats::Layout &stats)
    : m_stats(stats)
{
}

SourceWatch::~SourceWatch()
{
    stop();
}

bool SourceWatch::start(fuse_session *session, Inode &root, unsigned protoMinor, std::string &why)
{
    if (session == nullptr) {
        why = "no session to send invalidations to";
        return false;
    }
    if (protoMinor < EpochProtocolMinor) {
        why = "the kernel's FUSE (7." + std::to_string(protoMinor) + ") cannot invalidate every name at once (needs 7.44, Linux 6.16)";
        return false;
    }
    const PathFd rootFd = root.path;
    if (!rootFd || !isWatchableFilesystem(rootFd->get(), why)) {
        if (why.empty()) {
            why = "the source root has no fd";
        }
        return false;
    }
    std::string rootKey;
    if (!handleOf(rootFd->get(), rootKey, m_mountId)) {
        why = std::string("the source has no file handles: ") + std::strerror(errno);
        return false;
    }
    // Unprivileged on purpose (no capability is effective here): inode
    // marks only, on what the owner can read; the events of other
    // processes carry no pid.
    m_group.reset(fanotify_init(FAN_CLASS_NOTIF | FAN_CLOEXEC | FAN_NONBLOCK | FAN_REPORT_DFID_NAME_TARGET, O_RDONLY | O_CLOEXEC));
    if (!m_group) {
        why = std::string("fanotify_init: ") + std::strerror(errno);
        return false;
    }
    m_wake.reset(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (!m_wake) {
        why = std::string("eventfd: ") + std::strerror(errno);
        m_group.reset();
        return false;
    }
    m_session = session;
    {
        std::lock_guard lock(m_mutex);
        if (!mark(rootFd->get(), root.type, true)) {
            why = std::string("cannot watch the source root: ") + std::strerror(errno);
            m_group.reset();
            m_wake.reset();
            return false;
        }
        m_entries[rootKey] = Entry{&root, root.type, false};
        root.watchKey = rootKey;
    }
    m_healthy.store(true);
    root.watched.store(true);
    m_stats.inodesWatched.store(1, relaxed);
    m_stats.sourceWatch.store(static_cast<std::uint32_t>(Stats::SourceWatchState::Active), relaxed);
    m_thread = std::thread([this] {
        run();
    });
    return true;
}

void SourceWatch::stop() noexcept
{
    if (!m_thread.joinable()) {
        return;
    }
    m_stopping.store(true);
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(m_wake.get(), &one, sizeof one);
    m_thread.join();
    m_session = nullptr;
}

bool SourceWatch::mark(int pathFd, mode_t type, bool add) noexcept
{
    // fanotify_mark refuses O_PATH fds as its object, so the magic link.
    char path[40];
    std::snprintf(path, sizeof path, "/proc/self/fd/%d", pathFd);
    const unsigned flags = add ? FAN_MARK_ADD : FAN_MARK_REMOVE;
    if (fanotify_mark(m_group.get(), flags, markMaskFor(type), AT_FDCWD, path) == 0) {
        return true;
    }
    if (errno != EACCES) {
        return false;
    }
    // The mark needs read permission on the inode (a caller's in shared
    // mode, the owner's at a forget). The daemon holds CAP_DAC_READ_SEARCH
    // to reopen inodes by handle anyway, so the names a mark on a folder
    // it could not list reports are names it could read already; they
    // only ever become invalidations.
    const ScopedCapabilities readSearch{CAP_DAC_READ_SEARCH};
    if (!readSearch.raised()) {
        errno = EACCES;
        return false;
    }
    return fanotify_mark(m_group.get(), flags, markMaskFor(type), AT_FDCWD, path) == 0;
}

SourceWatch::Ticket SourceWatch::prepare(int pathFd, mode_t type)
{
    Ticket ticket;
    if (!m_healthy.load(relaxed)) {
        return ticket;
    }
    std::string key;
    int mountId = -1;
    if (!handleOf(pathFd, key, mountId) || mountId != m_mountId) {
        return ticket; // no handle, or below another mount: the short timeouts
    }
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (!mark(pathFd, type, true)) {
            // Said once: the budget of marks spent (ENOSPC) is worth knowing.
            static std::atomic<bool> said{false};
            if (errno != EACCES && !said.exchange(true)) {
                std::fprintf(stderr,
                             "passmirrord: note: cannot watch an inode of the source (%s); it is cached for %g s\n",
                             std::strerror(errno),
                             ShortCacheTimeout);
            }
            return ticket;
        }
        m_entries.emplace(key, Entry{nullptr, type, false});
    } else if (it->second.type != type) {
        return ticket;
    }
    ticket.key = std::move(key);
    ticket.type = type;
    return ticket;
}

void SourceWatch::adopt(Inode &inode, Ticket &&ticket)
{
    if (ticket.key.empty() || inode.type != ticket.type) {
        return;
    }
    bool changed = false;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_entries.find(ticket.key);
        if (it == m_entries.end()) {
            // Released (its last holder forgotten) or deleted since prepare:
            // the mark may be gone, so this inode keeps the short timeouts.
            return;
        }
        Entry &entry = it->second;
        if (entry.inode == &inode) {
            return; // the inode had it already
        }
        if (entry.inode != nullptr || inode.watched.load(relaxed)) {
            return; // another Inode for the same file, or this one watched by another key: cannot happen; stay short
        }
        entry.inode = &inode;
        changed = entry.changedBeforeAdopt;
        entry.changedBeforeAdopt = false;
        inode.watchKey = ticket.key;
        inode.watched.store(true, relaxed);
    }
    m_stats.inodesWatched.fetch_add(1, relaxed);
    if (changed) {
        // An event came between the mark and now: the attributes about to be
        // sent may be older than it. Invalidate once the kernel has the inode.
        std::lock_guard lock(m_retryMutex);
        m_pendingRetries.push_back(inode.nodeId);
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(m_wake.get(), &one, sizeof one);
    }
}

void SourceWatch::release(Inode &inode, int pathFd) noexcept
{
    if (!inode.watched.load(relaxed)) {
        return;
    }
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(inode.watchKey);
    if (it == m_entries.end() || it->second.inode != &inode) {
        return;
    }
    // Without an fd (dropped under the cap and not reopenable, or the file
    // is gone) the mark cannot be named: it stays until the group closes,
    // or goes with the inode when its last link is removed.
    if (pathFd >= 0) {
        (void)mark(pathFd, inode.type, false);
    }
    m_entries.erase(it);
    inode.watched.store(false, relaxed);
    m_stats.inodesWatched.fetch_sub(1, relaxed);
}

double SourceWatch::timeoutOf(const Inode &inode) const noexcept
{
    return inode.watched.load(relaxed) && m_healthy.load(relaxed) ? WatchedCacheTimeout : ShortCacheTimeout;
}

fuse_ino_t SourceWatch::nodeOf(const std::string &key, bool deletedSelf)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        return 0;
    }
    Inode *inode = it->second.inode;
    if (inode == nullptr) {
        it->second.changedBeforeAdopt = true;
        return 0;
    }
    const fuse_ino_t nodeId = inode->nodeId;
    if (deletedSelf) {
        // The kernel took the mark away with the inode's last link: nothing
        // more will be heard of it, so it is answered briefly from now on.
        inode->watched.store(false, relaxed);
        m_entries.erase(it);
        m_stats.inodesWatched.fetch_sub(1, relaxed);
    }
    return nodeId;
}

void SourceWatch::invalidateInode(fuse_ino_t nodeId, int attempt)
{
    // Offset 0, length 0: attributes, ACLs and every cached page (a listing
    // for a directory; data for an open without passthrough).
    const int err = fuse_lowlevel_notify_inval_inode(m_session, nodeId, 0, 0);
    m_stats.sourceInvalidations.fetch_add(1, relaxed);
    if (err == -ENOENT && attempt < static_cast<int>(std::size(RetryDelays))) {
        m_retries.emplace(std::chrono::steady_clock::now() + RetryDelays[attempt], Retry{nodeId, attempt + 1});
    }
}

void SourceWatch::invalidateEntry(fuse_ino_t parent, const char *name)
{
    // ENOENT (the kernel has no such name cached) is the common answer.
    (void)fuse_lowlevel_notify_inval_entry(m_session, parent, name, std::strlen(name));
    m_stats.sourceInvalidations.fetch_add(1, relaxed);
}

void SourceWatch::invalidateEverything() noexcept
{
    struct {
        std::uint32_t len;
        std::int32_t error;
        std::uint64_t unique;
    } header{16, NotifyIncrementEpoch, 0};
    static_assert(sizeof header == 16);
    if (::write(fuse_session_fd(m_session), &header, sizeof header) != static_cast<ssize_t>(sizeof header)) {
        std::fprintf(stderr, "passmirrord: cannot invalidate the kernel's cached names: %s\n", std::strerror(errno));
    }
    std::vector<fuse_ino_t> nodes;
    try {
        std::lock_guard lock(m_mutex);
        nodes.reserve(m_entries.size());
        for (auto &[key, entry] : m_entries) {
            if (entry.inode != nullptr) {
                nodes.push_back(entry.inode->nodeId);
            } else {
                entry.changedBeforeAdopt = true;
            }
        }
    } catch (const std::bad_alloc &) {
        fail("no memory to list the watched inodes", ENOMEM);
        return;
    }
    for (const fuse_ino_t node : nodes) {
        (void)fuse_lowlevel_notify_inval_inode(m_session, node, 0, 0);
    }
    m_stats.sourceInvalidations.fetch_add(nodes.size() + 1, relaxed);
}

void SourceWatch::fail(const char *what, int err) noexcept
{
    std::fprintf(stderr,
                 "passmirrord: the watch of the source failed (%s: %s); names and attributes are cached for %g s from now on\n",
                 what,
                 std::strerror(err),
                 ShortCacheTimeout);
    m_healthy.store(false);
    m_stats.sourceWatch.store(static_cast<std::uint32_t>(Stats::SourceWatchState::Failed), relaxed);
}

void SourceWatch::noteNameChange() noexcept
{
    if (m_nameChanges != nullptr) {
        m_nameChanges->fetch_add(1, std::memory_order_acq_rel);
    }
}

void SourceWatch::handleEvents(const char *buffer, std::size_t length)
{
    const pid_t self = getpid();
    // Inodes whose attributes (or listing, or pages) changed: each once per
    // read, however many events named it (a folder filled behind the
    // mirror's back names itself with every file).
    std::vector<fuse_ino_t> changedInodes;
    const auto invalidateChanged = [&] {
        std::sort(changedInodes.begin(), changedInodes.end());
        changedInodes.erase(std::unique(changedInodes.begin(), changedInodes.end()), changedInodes.end());
        for (const fuse_ino_t node : changedInodes) {
            invalidateInode(node, 0);
        }
        changedInodes.clear();
    };
    // Events are packed at 4-byte boundaries (a name pads its record to 4),
    // so every structure is copied out before it is read, never cast in place.
    std::size_t offset = 0;
    while (length - offset >= sizeof(fanotify_event_metadata)) {
        fanotify_event_metadata event;
        std::memcpy(&event, buffer + offset, sizeof event);
        if (event.event_len < sizeof event || event.event_len > length - offset) {
            break;
        }
        const char *const begin = buffer + offset;
        const char *const end = begin + event.event_len;
        offset += event.event_len;
        if (event.vers != FANOTIFY_METADATA_VERSION) {
            fail("unknown fanotify event format", EPROTO);
            invalidateEverything();
            return;
        }
        if (event.mask & FAN_Q_OVERFLOW) {
            // Events were lost: any cached name or attribute may be stale.
            m_stats.sourceOverflows.fetch_add(1, relaxed);
            noteNameChange();
            changedInodes.clear();
            invalidateEverything();
            continue;
        }
        if (event.pid == self) {
            continue; // made through the mirror: the kernel knows
        }
        std::string objectKey;
        std::string directoryKey;
        const char *name = nullptr;
        const char *record = begin + std::min<std::size_t>(event.metadata_len, event.event_len);
        while (static_cast<std::size_t>(end - record) >= sizeof(fanotify_event_info_header)) {
            fanotify_event_info_header header;
            std::memcpy(&header, record, sizeof header);
            if (header.len < sizeof(fanotify_event_info_fid) + sizeof(file_handle) || header.len > static_cast<std::size_t>(end - record)) {
                break;
            }
            const char *const handle = record + offsetof(fanotify_event_info_fid, handle);
            std::uint32_t handleBytes = 0;
            std::memcpy(&handleBytes, handle + offsetof(file_handle, handle_bytes), sizeof handleBytes);
            const std::size_t keyLength = sizeof(file_handle) + handleBytes;
            if (handleBytes <= header.len && handle + keyLength <= record + header.len) {
                std::string key(handle, keyLength);
                if (header.info_type == FAN_EVENT_INFO_TYPE_FID) {
                    objectKey = std::move(key);
                } else if (header.info_type == FAN_EVENT_INFO_TYPE_DFID_NAME || header.info_type == FAN_EVENT_INFO_TYPE_DFID) {
                    directoryKey = std::move(key);
                    if (header.info_type == FAN_EVENT_INFO_TYPE_DFID_NAME) {
                        name = handle + keyLength;
                    }
                }
            }
            record += header.len;
        }

        if (event.mask & (FAN_DELETE | FAN_MOVED_FROM | FAN_MOVED_TO | FAN_DELETE_SELF | FAN_MOVE_SELF)) {
            noteNameChange();
        }
        if (event.mask & DirectoryEvents) {
            // A name came, went or moved in a watched directory.
            if (const fuse_ino_t directory = nodeOf(directoryKey, false)) {
                if (name != nullptr && std::memchr(name, '\0', static_cast<std::size_t>(end - name)) != nullptr) {
                    invalidateEntry(directory, name);
                }
                changedInodes.push_back(directory);
            }
            // Its link count and change time moved.
            if (const fuse_ino_t child = nodeOf(objectKey, false)) {
                changedInodes.push_back(child);
            }
        } else if (event.mask & SelfEvents) {
            // A directory's own event names it in the directory record
            // (with the name "."), and comes with no object record.
            const std::string &key = objectKey.empty() && (event.mask & FAN_ONDIR) ? directoryKey : objectKey;
            if (const fuse_ino_t node = nodeOf(key, (event.mask & FAN_DELETE_SELF) != 0)) {
                changedInodes.push_back(node);
            }
        }
    }
    invalidateChanged();
}

void SourceWatch::runRetries()
{
    {
        std::lock_guard lock(m_retryMutex);
        for (const fuse_ino_t node : m_pendingRetries) {
            m_retries.emplace(std::chrono::steady_clock::now() + RetryDelays[0], Retry{node, 1});
        }
        m_pendingRetries.clear();
    }
    const auto now = std::chrono::steady_clock::now();
    while (!m_retries.empty() && m_retries.begin()->first <= now) {
        const Retry retry = m_retries.begin()->second;
        m_retries.erase(m_retries.begin());
        invalidateInode(retry.nodeId, retry.attempt);
    }
}

void SourceWatch::run()
{
    alignas(fanotify_event_metadata) static thread_local char buffer[64 * 1024];
    for (;;) {
        int timeout = -1;
        if (!m_retries.empty()) {
            const auto wait = std::chrono::ceil<std::chrono::milliseconds>(m_retries.begin()->first - std::chrono::steady_clock::now());
            timeout = static_cast<int>(std::max<std::chrono::milliseconds::rep>(0, wait.count()));
        }
        pollfd fds[2] = {{m_group.get(), POLLIN, 0}, {m_wake.get(), POLLIN, 0}};
        if (poll(fds, 2, timeout) < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("poll", errno);
            invalidateEverything();
            return;
        }
        if (fds[1].revents != 0) {
            std::uint64_t count = 0;
            [[maybe_unused]] const auto got = ::read(m_wake.get(), &count, sizeof count);
            if (m_stopping.load()) {
                return;
            }
        }
        while (fds[0].revents != 0) {
            const ssize_t length = ::read(m_group.get(), buffer, sizeof buffer);
            if (length < 0) {
                if (errno == EAGAIN || errno == EINTR) {
                    break;
                }
                fail("reading events", errno);
                invalidateEverything();
                return;
            }
            try {
                handleEvents(buffer, static_cast<std::size_t>(length));
            } catch (const std::bad_alloc &) {
                fail("no memory for an event", ENOMEM);
                invalidateEverything();
                return;
            }
        }
        try {
            runRetries();
        } catch (const std::bad_alloc &) {
            fail("no memory for a retry", ENOMEM);
            invalidateEverything();
            return;
        }
    }
}

} // namespace PassMirror::Fs
