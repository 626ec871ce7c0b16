// SPDX-License-Identifier: GPL-2.0-or-later
// Keeps the kernel's caches of the mirror true to the source when the source
// changes behind the mirror's back, so that names and attributes of watched
// inodes may be cached for an hour instead of a second.
//
// Every backing inode the kernel knows through the mirror carries a fanotify
// inode mark of one unprivileged group (created as the owner, with no
// capability: inode marks only, on the mirror's own inodes, never a mark on
// the whole filesystem or mount, so no event about any other file reaches
// the daemon; a mark needs read permission, for which CAP_DAC_READ_SEARCH
// is raised where the daemon holds it for reopening by handle anyway). An event caused by
// another process becomes the invalidation the kernel needs:
// FUSE_NOTIFY_INVAL_ENTRY for a name created, removed or moved in a watched
// directory (and INVAL_INODE for that directory, its listing and times),
// FUSE_NOTIFY_INVAL_INODE for a watched inode's attributes, ACLs and cached
// data. Events caused by this process are skipped: they are the changes
// made through the mirror, which the kernel knows of already (its own
// requests carry them). Data written through a passthrough open is written
// by the caller's process, so it comes back as an event.
//
// Fails closed:
//  - an inode that cannot be marked (not readable by the owner, on another
//    filesystem below the source, the marks budget spent) keeps the short
//    timeouts, and so do names in a directory that cannot be marked;
//  - a lost event (the queue overflowed) or a broken watch invalidates every
//    name (FUSE_NOTIFY_INC_EPOCH) and every inode's attributes; after a
//    broken watch every reply uses the short timeouts again;
//  - the watch is used only where all of that is possible: a kernel with
//    FUSE_NOTIFY_INC_EPOCH (FUSE 7.44, Linux 6.16) and a source filesystem
//    whose file handles fanotify reports as name_to_handle_at gives them
//    (ext4, xfs, btrfs, tmpfs, f2fs); a network filesystem's remote changes
//    would make no event at all.
//
// Race with a reply in flight: an event for an inode the kernel is only just
// being given (its first LOOKUP or READDIRPLUS reply is on its way) finds no
// kernel inode to invalidate (ENOENT); such invalidations are tried again a
// few times over about a second. Names need no retry: the kernel invalidates
// a name under its directory's lock, which a lookup in flight holds.
#pragma once

#include "statslayout.h"
#include "uniquefd.h"

#include <atomic>
#include <chrono>
#include <fuse_lowlevel.h>
#include <map>
#include <mutex>
#include <string>
#include <sys/types.h>
#include <thread>
#include <unordered_map>
#include <vector>

namespace PassMirror::Fs
{

class Inode;

// How long the kernel may keep names and attributes.
inline constexpr double ShortCacheTimeout = 1.0; // unwatched: the coherence bound
inline constexpr double WatchedCacheTimeout = 3600.0; // watched: changes are pushed

class SourceWatch
{
public:
    // A mark placed on a backing inode before its attributes are read for
    // a reply, to be handed to the Inode the table gives for it (adopt).
    struct Ticket {
        std::string key; // struct file_handle bytes; empty: not watched
        mode_t type = 0;
    };

    explicit SourceWatch(Stats::Layout &stats);
    ~SourceWatch();
    SourceWatch(const SourceWatch &) = delete;
    SourceWatch &operator=(const SourceWatch &) = delete;

    // Opens the fanotify group, marks the root and starts the thread that
    // turns events into invalidations. Called from the session's init (as
    // the owner); false, with the reason in `why`, when the mirror must
    // keep the short timeouts.
    bool start(fuse_session *session, Inode &root, unsigned protoMinor, std::string &why);
    // Ends the thread; from then on nothing is sent to the session.
    void stop() noexcept;

    // Marks the backing inode `pathFd` (O_PATH) is open on, if it is on the
    // source's mount. Call before reading the attributes that go into the
    // reply, so no change after that read can go unseen.
    // `type` (S_IFMT bits) decides which events: a ticket for another type
    // than the Inode's is not adopted.
    [[nodiscard]] Ticket prepare(int pathFd, mode_t type);
    // `inode` is the table's Inode for the ticket's backing inode.
    void adopt(Inode &inode, Ticket &&ticket);
    // The kernel forgot `inode`: its mark goes (`pathFd` is its O_PATH fd,
    // or -1 when it has none any more).
    void release(Inode &inode, int pathFd) noexcept;

    // Every event that may have moved or removed a name (or lost events)
    // increments `*counter`: the activity recorder's cached paths are stale.
    void reportNameChangesTo(std::atomic<std::uint64_t> *counter) noexcept
    {
        m_nameChanges = counter;
    }

    // The entry timeout of a name in `parent`, the attribute timeout of
    // `inode`.
    [[nodiscard]] double timeoutOf(const Inode &inode) const noexcept;

private:
    struct Entry {
        Inode *inode = nullptr; // null between prepare and adopt
        mode_t type = 0;
        bool changedBeforeAdopt = false;
    };
    struct Retry {
        fuse_ino_t nodeId;
        int attempt;
    };

    bool mark(int pathFd, mode_t type, bool add) noexcept;
    void run();
    void handleEvents(const char *buffer, std::size_t length);
    // `attempt` counts earlier tries that found no kernel inode.
    void invalidateInode(fuse_ino_t nodeId, int attempt);
    void invalidateEntry(fuse_ino_t parent, const char *name);
    void invalidateEverything() noexcept;
    void noteNameChange() noexcept;
    void fail(const char *what, int err) noexcept;
    [[nodiscard]] fuse_ino_t nodeOf(const std::string &key, bool deletedSelf);
    void runRetries();

    Stats::Layout &m_stats;
    std::atomic<std::uint64_t> *m_nameChanges = nullptr; // set before start()
    fuse_session *m_session = nullptr;
    UniqueFd m_group; // the fanotify fd
    UniqueFd m_wake; // eventfd: stop()
    int m_mountId = -1; // the source root's mount: only its inodes are marked
    std::atomic<bool> m_healthy{false};
    std::atomic<bool> m_stopping{false};
    std::thread m_thread;

    std::mutex m_mutex; // guards m_entries and Inode::watchKey; syscalls on marks happen under it
    std::unordered_map<std::string, Entry> m_entries;

    // The thread's own: invalidations to try again, by when.
    std::multimap<std::chrono::steady_clock::time_point, Retry> m_retries;
    // Handed to the thread by adopt().
    std::mutex m_retryMutex;
    std::vector<fuse_ino_t> m_pendingRetries;
};

} // namespace PassMirror::Fs
