// SPDX-License-Identifier: GPL-2.0-or-later
// The FUSE inodes the kernel knows, each bound to one backing inode.
//
// An Inode is keyed by the backing (st_dev, st_ino), so every hard link of a
// file is one FUSE inode and attributes of all its names agree at once. The
// FUSE node id is the Inode's address (the root is FUSE_ROOT_ID); because an
// address can be reused after a forget, every Inode gets a fresh generation
// number, so (node id, generation) never names two different inodes.
//
// While the table holds an inode's fd, the backing inode cannot be freed, so
// its (dev, ino) cannot name another file: an inode whose fd the table lets
// go of with no name left (detachUnlinked) leaves its key at the same time.
// An fd dropped under the cap (below) pins nothing: if the file is then
// removed behind the mirror's back, the source may give its number to a new
// file, so remember() checks a dropped inode's file handle against the new
// fd and, when they differ, detaches the old inode and makes a new one.
//
// Each Inode holds its backing inode as an O_PATH | O_NOFOLLOW fd. Beyond the
// fd cap, the table drops the O_PATH fds of non-directory inodes that no open
// file uses and that were not used lately (a clock, or second-chance, queue of
// the inodes holding droppable fds: each trim costs what it drops, not a sort
// of every inode), after recording a file handle
// (name_to_handle_at); pathOf() reopens them with open_by_handle_at (with
// CAP_DAC_READ_SEARCH raised on the calling thread only) and checks (dev, ino).
//
// Lock order: (OpenDirectory::mutex →) InodeTable::m_trimMutex →
// InodeTable::m_mutex → Inode::mutex. Code holding an Inode::mutex never takes
// a table mutex; trimTo() only try_locks m_trimMutex and the inodes.
// InodeTable::m_clockMutex is a leaf: nothing is locked while it is held.
#pragma once

#include "credentials.h"
#include "statslayout.h"
#include "uniquefd.h"

#include <atomic>
#include <cstdint>
#include <deque>
#include <fuse_lowlevel.h>
#include <memory>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <unordered_map>
#include <vector>

namespace PassMirror::Fs
{

struct OpenFile;

// A pinned O_PATH fd: it stays open while a copy lives, even if the table
// drops it from the inode meanwhile.
using PathFd = std::shared_ptr<const UniqueFd>;

class Inode : public std::enable_shared_from_this<Inode>
{
public:
    Inode(dev_t dev, ino_t ino, mode_t type, std::uint64_t generation);
    Inode(const Inode &) = delete;
    Inode &operator=(const Inode &) = delete;

    const dev_t dev;
    const ino_t ino;
    const mode_t type; // S_IFMT bits of the backing inode
    const std::uint64_t generation;
    fuse_ino_t nodeId = 0; // set once when the inode enters the table

    [[nodiscard]] bool isDirectory() const noexcept
    {
        return S_ISDIR(type);
    }
    [[nodiscard]] bool isRegular() const noexcept
    {
        return S_ISREG(type);
    }

    // Guarded by InodeTable::m_mutex.
    std::uint64_t nlookup = 0;

    // Guarded by `mutex`.
    std::mutex mutex;
    PathFd path; // null while dropped under the fd cap
    std::vector<unsigned char> handle; // struct file_handle bytes, filled before a drop
    int backingId = 0; // kernel passthrough backing id, shared by all passthrough opens
    Identity backingIdentity; // the credentials the id carries (the kernel's I/O runs with them)
    unsigned passthroughOpens = 0; // opens using backingId
    unsigned userspaceOpens = 0; // opens served through the daemon
    std::vector<OpenFile *> lockingOpens; // opens that took POSIX (OFD) locks, for F_GETLK's pid

    // Set on every use, cleared by the trim's clock hand: an inode used since
    // the hand last passed keeps its fd for one more round (second chance).
    std::atomic<bool> recentlyUsed{true};

    // A name of this file went through the mirror (unlink, rename over it) or
    // it never had one (O_TMPFILE): its last release checks whether it has
    // any left (letGoIfUnlinked). Spares every other release an fstat.
    std::atomic<bool> nameMayBeGone{false};

    // The source watch (sourcewatch.h): changes made in the source to this
    // inode (and, for a directory, to its names) are pushed to the kernel,
    // so replies let the kernel cache it long. watchKey (its file handle)
    // is guarded by the watch's mutex.
    std::atomic<bool> watched{false};
    std::string watchKey;

    // The activity recorder's cached path of this inode
    // (activityrecorder.h). Guarded by `mutex`.
    std::string activityPath;
    std::uint64_t activityPathEpoch = 0; // the recorder's names epoch it was read in; 0: none
    std::int64_t activityPathReadNs = 0; // CLOCK_MONOTONIC_COARSE when it was read
    std::uint8_t activityPathFlags = 0;
    // Shared mirrors: whether the owner may see this inode's path, and
    // list the names in it (a directory), checked as the owner; read at
    // most 1 s ago in the same names epoch. 0 unknown, 1 yes, 2 no.
    std::uint8_t ownerSeesPath = 0;
    std::uint8_t ownerListsNames = 0;
    std::int64_t ownerVisibilityReadNs = 0;
    std::uint64_t ownerVisibilityEpoch = 0;
};

// The result of pathOf(): a pinned fd, or the errno why there is none.
struct PathResult {
    PathFd fd;
    int error = 0;
    bool reopened = false; // by file handle, just now

    [[nodiscard]] int get() const noexcept
    {
        return fd ? fd->get() : -1;
    }
    explicit operator bool() const noexcept
    {
        return static_cast<bool>(fd);
    }
};

class InodeTable
{
public:
    // `root` is the source directory, O_PATH. `maxFds` 0 means no cap.
    InodeTable(Stats::Layout &stats, UniqueFd root, std::size_t maxFds);
    ~InodeTable();
    InodeTable(const InodeTable &) = delete;
    InodeTable &operator=(const InodeTable &) = delete;

    [[nodiscard]] Inode &root() noexcept
    {
        return *m_root;
    }
    // The Inode for a node id the kernel gave us (it only gives ids it looked up).
    [[nodiscard]] Inode &get(fuse_ino_t nodeId) noexcept;

    // The Inode for the backing inode `fd` (O_PATH) with attributes `st`:
    // found or inserted, its lookup count raised by one. The fd is kept if the
    // inode has none. Throws std::bad_alloc.
    std::shared_ptr<Inode> remember(UniqueFd fd, const struct stat &st);

    // Lowers the lookup count; at zero the inode leaves the table (and its fd
    // closes once no open file pins it) and is returned, so its kernel
    // backing id can be closed.
    std::shared_ptr<Inode> forget(fuse_ino_t nodeId, std::uint64_t count) noexcept;

    // The Inode for attributes `st` (from fstatat of a name) if the table
    // already holds that backing inode with its fd open, its lookup count
    // raised by one; null otherwise. While the table holds the fd, the
    // backing inode cannot be freed, so (dev, ino) cannot name another file.
    std::shared_ptr<Inode> rememberHeld(const struct stat &st);

    // The Inode the table holds for backing (dev, ino), lookup count unchanged;
    // null when it holds none.
    [[nodiscard]] std::shared_ptr<Inode> find(dev_t dev, ino_t ino);

    // A regular file with no name left in the source and no open through the
    // mirror: closes its O_PATH fd now (so its space comes back) and takes it
    // off its (dev, ino) key, which the source may give to a new file at once.
    // The Inode lives on, unreachable by key, until the kernel forgets it;
    // pathOf() then answers ESTALE. False (nothing done) when it still has a
    // name, an open, or no fd, and while racing opens are being answered
    // ESTALE (see m_lastStaleAnswerNs). Takes m_mutex, then Inode::mutex.
    bool detachUnlinked(Inode &inode);

    // The inode's O_PATH fd, reopened by file handle when it was dropped.
    [[nodiscard]] PathResult pathOf(Inode &inode);

    // The process ran out of fds (EMFILE/ENFILE): drop droppable inode fds
    // not used lately until at most half as many inode fds as now are held.
    // True when some were dropped, so a retry may succeed.
    bool relieveFdShortage();

    // Wraps an fd so its closing is counted in inodeFdsHeld.
    [[nodiscard]] PathFd makePathFd(UniqueFd fd);

    // Whether dropped fds can be reopened (CAP_DAC_READ_SEARCH permitted).
    void setHandleReopenAvailable(bool available) noexcept
    {
        m_canReopen = available && m_mountFd.isValid();
    }
    [[nodiscard]] std::size_t maxFds() const noexcept
    {
        return m_maxFds;
    }

private:
    struct Key {
        dev_t dev;
        ino_t ino;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key &key) const noexcept
        {
            return std::hash<std::uint64_t>{}(static_cast<std::uint64_t>(key.ino) * 0x9e3779b97f4a7c15ull ^ static_cast<std::uint64_t>(key.dev));
        }
    };

    void trimIfNeeded();
    PathResult pathOfLocked(Inode &inode);
    // Drops droppable fds not used lately until at most `target` are held.
    // Returns how many were dropped. Takes m_trimMutex, then inode mutexes.
    std::size_t trimTo(std::size_t target);
    void touch(Inode &inode) noexcept;
    // Puts an inode that just got its fd on the clock queue, if its fd may
    // ever be dropped. Takes m_clockMutex only.
    void enqueueFdHolder(const std::shared_ptr<Inode> &inode);
    [[nodiscard]] bool mayDropFdOf(const Inode &inode) const noexcept;

    Stats::Layout &m_stats;
    std::size_t m_maxFds;
    bool m_canReopen = false;
    std::atomic<std::uint64_t> m_generation{1};
    std::atomic<std::size_t> m_fdsHeld{0};
    std::shared_ptr<Inode> m_root;
    // The source root opened for reading: open_by_handle_at refuses O_PATH
    // fds as its mount fd. Invalid when it could not be opened.
    UniqueFd m_mountFd;

    // Whether `inode` (found by the key of `st`) is still the file `fd` is
    // open on: always while its fd is held; after a drop, by file handle.
    // Called with m_mutex held; takes inode.mutex.
    [[nodiscard]] static bool stillNames(Inode &inode, int fd, const struct stat &st);

    // When pathOf() last answered ESTALE (CLOCK_MONOTONIC ns). A request for
    // a let-go inode comes from a path walk that reached it before its name
    // went: the VFS retries such a call once, with a fresh lookup, and that
    // retry must find what the name holds now. While names are removed and
    // reached concurrently, a let-go right between the retry's lookup and its
    // open would hand the program ESTALE (natively it opens the file), so for
    // a moment after an ESTALE answer no file is let go early: they go at
    // FORGET, as in passthrough_hp.
    std::atomic<std::int64_t> m_lastStaleAnswerNs{0};

    std::mutex m_mutex; // first in the lock order; guards m_inodes, m_detached, Inode::nlookup
    std::unordered_map<Key, std::shared_ptr<Inode>, KeyHash> m_inodes;
    // Inodes detachUnlinked() took off their key, until the kernel forgets them.
    std::unordered_map<const Inode *, std::shared_ptr<Inode>> m_detached;
    std::mutex m_trimMutex; // one trim at a time; taken before m_mutex
    std::mutex m_clockMutex; // a leaf; guards m_fdHolders
    // Inodes that got a droppable fd, oldest first; entries of inodes
    // forgotten since are skipped (and compacted away as the queue grows).
    std::deque<std::weak_ptr<Inode>> m_fdHolders;
};

} // namespace PassMirror::Fs
