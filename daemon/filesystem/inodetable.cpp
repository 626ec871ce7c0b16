// SPDX-License-Identifier: GPL-2.0-or-later
#include "inodetable.h"

#include "threadcapabilities.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <time.h>

namespace PassMirror::Fs
{

namespace
{
constexpr auto relaxed = std::memory_order_relaxed;

// Room for any struct file_handle the kernel hands out.
constexpr std::size_t HandleBufferSize = sizeof(file_handle) + MAX_HANDLE_SZ;

// How long after an ESTALE answer files are kept until FORGET instead of
// let go early (InodeTable::m_lastStaleAnswerNs). The VFS retries at once;
// two seconds covers a retry's lookup and open on a loaded machine.
constexpr std::int64_t StaleAnswerQuietNs = 2'000'000'000;

// CLOCK_MONOTONIC_COARSE in ns (a few ms coarse, and the cheapest clock);
// never 0 once the machine has been up for a moment.
std::int64_t monotonicNs() noexcept
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}
} // namespace

Inode::Inode(dev_t dev_, ino_t ino_, mode_t type_, std::uint64_t generation_)
    : dev(dev_)
    , ino(ino_)
    , type(type_)
    , generation(generation_)
{
}

InodeTable::InodeTable(Stats::Layout &stats, UniqueFd root, std::size_t maxFds)
    : m_stats(stats)
    , m_maxFds(maxFds)
{
    struct stat st{};
    if (root.isValid() && fstatat(root.get(), "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0) {
        std::fprintf(stderr, "passmirrord: cannot stat the source directory: %s\n", std::strerror(errno));
    }
    m_root = std::make_shared<Inode>(st.st_dev, st.st_ino, st.st_mode & S_IFMT, 0);
    m_root->nodeId = FUSE_ROOT_ID;
    m_root->nlookup = 1; // never forgotten
    m_mountFd.reset(openat(root.get(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    m_root->path = makePathFd(std::move(root));
    m_inodes.emplace(Key{st.st_dev, st.st_ino}, m_root);
}

InodeTable::~InodeTable() = default;

Inode &InodeTable::get(fuse_ino_t nodeId) noexcept
{
    if (nodeId == FUSE_ROOT_ID) {
        return *m_root;
    }
    return *reinterpret_cast<Inode *>(nodeId);
}

bool InodeTable::stillNames(Inode &inode, int fd, const struct stat &st)
{
    std::lock_guard lock(inode.mutex);
    if (inode.path || inode.handle.empty()) {
        return true; // its fd pins the backing inode: the number cannot name another file
    }
    if ((st.st_mode & S_IFMT) != inode.type) {
        return false;
    }
    std::vector<unsigned char> buffer(sizeof(file_handle) + MAX_HANDLE_SZ);
    auto *handle = reinterpret_cast<file_handle *>(buffer.data());
    handle->handle_bytes = MAX_HANDLE_SZ;
    int mountId = 0;
    if (name_to_handle_at(fd, "", handle, &mountId, AT_EMPTY_PATH) != 0) {
        return false; // cannot tell: a new inode is the safe answer
    }
    buffer.resize(sizeof(file_handle) + handle->handle_bytes);
    return buffer == inode.handle;
}

std::shared_ptr<Inode> InodeTable::remember(UniqueFd fd, const struct stat &st)
{
    const Key key{st.st_dev, st.st_ino};
    std::shared_ptr<Inode> inode;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_inodes.find(key);
        if (it != m_inodes.end() && fd.isValid() && !stillNames(*it->second, fd.get(), st)) {
            // The file the table knew by this number was removed behind the
            // mirror's back while its fd was dropped under the cap, and the
            // source gave the number to a new file (ext4 does at once). The
            // old inode leaves its key, as an unlinked one does: it answers
            // ESTALE until the kernel forgets it, and the new file gets an
            // inode of its own (a new node id and generation).
            Inode &stale = *it->second;
            {
                std::lock_guard staleLock(stale.mutex);
                stale.handle.clear();
            }
            m_detached.emplace(&stale, std::move(it->second));
            m_inodes.erase(it);
            it = m_inodes.end();
        }
        if (it != m_inodes.end()) {
            inode = it->second;
            ++inode->nlookup;
        } else {
            inode = std::make_shared<Inode>(st.st_dev, st.st_ino, st.st_mode & S_IFMT, m_generation.fetch_add(1, relaxed));
            inode->nodeId = reinterpret_cast<fuse_ino_t>(inode.get());
            inode->nlookup = 1;
            m_inodes.emplace(key, inode);
            m_stats.inodesKnown.fetch_add(1, relaxed);
        }
    }
    if (fd.isValid()) {
        bool gotFd = false;
        {
            std::lock_guard lock(inode->mutex);
            if (!inode->path) {
                inode->path = makePathFd(std::move(fd));
                gotFd = true;
            }
        }
        if (gotFd) {
            enqueueFdHolder(inode);
        }
    }
    touch(*inode);
    trimIfNeeded();
    return inode;
}

std::shared_ptr<Inode> InodeTable::rememberHeld(const struct stat &st)
{
    std::shared_ptr<Inode> inode;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_inodes.find(Key{st.st_dev, st.st_ino});
        if (it == m_inodes.end()) {
            return nullptr;
        }
        std::lock_guard inodeLock(it->second->mutex);
        if (!it->second->path) {
            return nullptr; // dropped under the fd cap: reopen by name
        }
        inode = it->second;
        ++inode->nlookup;
    }
    touch(*inode);
    return inode;
}

std::shared_ptr<Inode> InodeTable::find(dev_t dev, ino_t ino)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_inodes.find(Key{dev, ino});
    return it == m_inodes.end() ? nullptr : it->second;
}

bool InodeTable::detachUnlinked(Inode &inode)
{
    const auto hasNoNameNorOpen = [&inode] {
        if (inode.passthroughOpens != 0 || inode.userspaceOpens != 0 || !inode.path) {
            return false;
        }
        struct stat st{};
        return fstatat(inode.path->get(), "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) == 0 && st.st_nlink == 0;
    };
    if (!inode.isRegular() || &inode == m_root.get()) {
        return false;
    }
    if (const std::int64_t last = m_lastStaleAnswerNs.load(relaxed); last != 0 && monotonicNs() - last < StaleAnswerQuietNs) {
        return false; // racing path walks are being retried; see m_lastStaleAnswerNs
    }
    {
        // The common case (a named file, or one still open) without the table's lock.
        std::lock_guard lock(inode.mutex);
        if (!hasNoNameNorOpen()) {
            return false;
        }
    }
    std::lock_guard tableLock(m_mutex);
    std::lock_guard lock(inode.mutex);
    // A name comes back only through an open (linkat of an O_TMPFILE), so
    // with no open now it cannot; but an open may have started meanwhile.
    if (!hasNoNameNorOpen()) {
        return false;
    }
    const auto it = m_inodes.find(Key{inode.dev, inode.ino});
    if (it == m_inodes.end() || it->second.get() != &inode) {
        return false;
    }
    m_detached.emplace(&inode, std::move(it->second));
    m_inodes.erase(it);
    inode.path.reset(); // closes once no request still pins it
    inode.handle.clear(); // nothing to reopen it by
    return true;
}

std::shared_ptr<Inode> InodeTable::forget(fuse_ino_t nodeId, std::uint64_t count) noexcept
{
    if (nodeId == FUSE_ROOT_ID) {
        return nullptr;
    }
    std::shared_ptr<Inode> leaving; // handed out after the lock is released
    {
        std::lock_guard lock(m_mutex);
        Inode &inode = get(nodeId);
        if (inode.nlookup < count) {
            std::fprintf(stderr,
                         "passmirrord: forget of %llu more lookups than known for inode %llu\n",
                         static_cast<unsigned long long>(count - inode.nlookup),
                         static_cast<unsigned long long>(inode.ino));
            count = inode.nlookup;
        }
        inode.nlookup -= count;
        if (inode.nlookup == 0) {
            auto it = m_inodes.find(Key{inode.dev, inode.ino});
            if (it != m_inodes.end() && it->second.get() == &inode) {
                leaving = std::move(it->second);
                m_inodes.erase(it);
                m_stats.inodesKnown.fetch_sub(1, relaxed);
            } else if (auto detached = m_detached.find(&inode); detached != m_detached.end()) {
                leaving = std::move(detached->second);
                m_detached.erase(detached);
                m_stats.inodesKnown.fetch_sub(1, relaxed);
            }
        }
    }
    return leaving;
}

PathFd InodeTable::makePathFd(UniqueFd fd)
{
    Stats::Layout *stats = &m_stats;
    std::atomic<std::size_t> *held = &m_fdsHeld;
    PathFd result(new UniqueFd(std::move(fd)), [stats, held](const UniqueFd *owned) {
        delete owned;
        held->fetch_sub(1, relaxed);
        stats->inodeFdsHeld.fetch_sub(1, relaxed);
    });
    m_fdsHeld.fetch_add(1, relaxed);
    m_stats.inodeFdsHeld.fetch_add(1, relaxed);
    return result;
}

void InodeTable::touch(Inode &inode) noexcept
{
    // A plain store only when needed: no cache line bouncing between the
    // workers for inodes that are used over and over.
    if (!inode.recentlyUsed.load(relaxed)) {
        inode.recentlyUsed.store(true, relaxed);
    }
}

bool InodeTable::mayDropFdOf(const Inode &inode) const noexcept
{
    return m_maxFds != 0 && m_canReopen && &inode != m_root.get() && !inode.isDirectory() && inode.dev == m_root->dev;
}

void InodeTable::enqueueFdHolder(const std::shared_ptr<Inode> &inode)
{
    if (!mayDropFdOf(*inode)) {
        return;
    }
    std::lock_guard lock(m_clockMutex);
    // Forgotten inodes leave expired entries; keep them from piling up while
    // the table stays below its cap and never trims.
    if (m_fdHolders.size() > 2 * m_fdsHeld.load(relaxed) + 1024) {
        std::erase_if(m_fdHolders, [](const std::weak_ptr<Inode> &entry) {
            return entry.expired();
        });
    }
    m_fdHolders.push_back(inode);
}

PathResult InodeTable::pathOf(Inode &inode)
{
    PathResult result = pathOfLocked(inode);
    if (!result && (result.error == EMFILE || result.error == ENFILE) && relieveFdShortage()) {
        result = pathOfLocked(inode); // once more, with fds freed (not holding inode.mutex)
    }
    if (!result && result.error == ESTALE) {
        m_lastStaleAnswerNs.store(monotonicNs(), relaxed);
    }
    touch(inode);
    if (result.reopened) {
        enqueueFdHolder(inode.shared_from_this());
        trimIfNeeded();
    }
    return result;
}

PathResult InodeTable::pathOfLocked(Inode &inode)
{
    PathResult result;
    std::lock_guard lock(inode.mutex);
    if (inode.path) {
        result.fd = inode.path;
        return result;
    }
    if (inode.handle.empty() || !m_canReopen) {
        result.error = ESTALE;
        return result;
    }
    auto *handle = reinterpret_cast<file_handle *>(inode.handle.data());
    int fd = -1;
    {
        const ScopedCapabilities readSearch{CAP_DAC_READ_SEARCH};
        fd = open_by_handle_at(m_mountFd.get(), handle, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    }
    UniqueFd reopenedFd(fd);
    struct stat st{};
    if (!reopenedFd) {
        result.error = errno == ENOENT ? ESTALE : errno;
    } else if (fstatat(reopenedFd.get(), "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0) {
        result.error = errno;
    } else if (st.st_dev != inode.dev || st.st_ino != inode.ino) {
        result.error = ESTALE;
    } else {
        inode.path = makePathFd(std::move(reopenedFd));
        result.fd = inode.path;
        result.reopened = true;
    }
    return result;
}

void InodeTable::trimIfNeeded()
{
    // At the cap already (not only beyond it), so the count never exceeds it
    // when the next fd comes.
    if (m_maxFds == 0 || !m_canReopen || m_fdsHeld.load(relaxed) < m_maxFds) {
        return;
    }
    trimTo(m_maxFds - m_maxFds / 10);
}

bool InodeTable::relieveFdShortage()
{
    if (!m_canReopen) {
        return false;
    }
    return trimTo(m_fdsHeld.load(relaxed) / 2) > 0;
}

std::size_t InodeTable::trimTo(std::size_t target)
{
    std::unique_lock trimming(m_trimMutex, std::try_to_lock);
    if (!trimming) {
        return 0; // another thread is trimming already
    }
    const auto takeOldest = [this]() -> std::shared_ptr<Inode> {
        std::lock_guard lock(m_clockMutex);
        while (!m_fdHolders.empty()) {
            std::shared_ptr<Inode> inode = m_fdHolders.front().lock();
            m_fdHolders.pop_front();
            if (inode) {
                return inode;
            }
        }
        return nullptr;
    };
    const auto requeue = [this](const std::shared_ptr<Inode> &inode) {
        std::lock_guard lock(m_clockMutex);
        m_fdHolders.push_back(inode);
    };

    std::size_t dropped = 0;
    // Two passes of the hand at most: the first clears every second chance.
    std::size_t budget = 0;
    {
        std::lock_guard lock(m_clockMutex);
        budget = 2 * m_fdHolders.size();
    }
    std::vector<unsigned char> buffer(HandleBufferSize);
    while (m_fdsHeld.load(relaxed) > target && budget-- > 0) {
        const std::shared_ptr<Inode> inode = takeOldest();
        if (!inode) {
            break;
        }
        std::unique_lock lock(inode->mutex, std::try_to_lock);
        if (!lock) {
            requeue(inode); // busy right now: not a candidate this round
            continue;
        }
        if (!inode->path) {
            continue; // dropped already; queued again when it is reopened
        }
        // An idle kernel backing id does not need the fd: the kernel holds its
        // own reference to the path.
        if (inode->passthroughOpens + inode->userspaceOpens != 0 || inode->recentlyUsed.exchange(false, relaxed)) {
            requeue(inode);
            continue;
        }
        struct stat st{};
        if (fstatat(inode->path->get(), "", &st, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH) != 0 || st.st_nlink == 0) {
            continue; // an unlinked inode could not be found again by handle: it keeps its fd
        }
        if (inode->handle.empty()) {
            auto *handle = reinterpret_cast<file_handle *>(buffer.data());
            handle->handle_bytes = MAX_HANDLE_SZ;
            int mountId = 0;
            if (name_to_handle_at(inode->path->get(), "", handle, &mountId, AT_EMPTY_PATH) != 0) {
                continue; // the backing filesystem has no handles: keep the fd
            }
            inode->handle.assign(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(sizeof(file_handle) + handle->handle_bytes));
        }
        inode->path.reset();
        ++dropped;
    }
    return dropped;
}

} // namespace PassMirror::Fs
