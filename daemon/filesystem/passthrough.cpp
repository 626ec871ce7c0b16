// SPDX-License-Identifier: GPL-2.0-or-later
#include "passthrough.h"
#include "threadcapabilities.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <mutex>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <vector>

namespace PassMirror::Fs
{

namespace
{
constexpr auto relaxed = std::memory_order_relaxed;

// Backing filesystems (by st_dev) where the kernel refused a backing file for
// a reason that holds for every file there (stacking too deep, no privilege):
// later opens there go straight to userspace instead of asking (and libfuse
// logging the refusal) again for every open.
std::mutex s_refusedMutex;
std::vector<dev_t> s_refusedDevices;

bool refusedBefore(dev_t dev)
{
    std::lock_guard lock(s_refusedMutex);
    return std::find(s_refusedDevices.begin(), s_refusedDevices.end(), dev) != s_refusedDevices.end();
}

void rememberRefusal(dev_t dev, int err)
{
    std::fprintf(stderr,
                 "passmirrord: the kernel refuses passthrough for files on device %u:%u (%s); serving them in userspace\n",
                 major(dev),
                 minor(dev),
                 std::strerror(err));
    std::lock_guard lock(s_refusedMutex);
    s_refusedDevices.push_back(dev);
}
} // namespace

void attachIoPath(Request &request, OpenFile &file, fuse_file_info &fi)
{
    auto &fs = request.fs();
    auto &stats = fs.stats;
    Inode &inode = *file.inode;
    fi.backing_id = 0;
    fi.keep_cache = 0;
    fi.noflush = 0; // every close must reach us as a FLUSH

    if (!fs.passthrough) {
        // Page cache in userspace; nothing can conflict with passthrough here.
        std::lock_guard lock(inode.mutex);
        ++inode.userspaceOpens;
        file.ioPath = IoPath::Userspace;
        fi.keep_cache = 1;
        stats.userspaceOpens.fetch_add(1, relaxed);
        return;
    }

    // The backing object is registered from the inode's O_PATH fd, never from
    // this open's fd: the kernel keeps a reference to the struct file it is
    // given for as long as the backing id lives (across other opens), and a
    // flock or OFD lock on that open file would live on with it.
    // The kernel does every passthrough open's I/O with the credentials
    // captured when the inode's backing id was registered: ids, groups and
    // effective capabilities (a write clears set-id bits unless they hold
    // CAP_FSETID). So an id is shared only by opens of the same identity.
    const Identity &caller = currentIdentity(fs.identity);
    std::unique_lock lock(inode.mutex);
    const bool otherIdentity = inode.backingId > 0 && inode.backingIdentity != caller;
    if (otherIdentity && inode.passthroughOpens == 0) {
        // Kept from earlier opens (see detachIoPath): register it anew.
        closeBackingId(request.handle(), inode);
    }
    PathResult path;
    if (inode.backingId == 0 && inode.userspaceOpens == 0 && !refusedBefore(inode.dev)) {
        lock.unlock(); // pathOf takes the inode's mutex itself
        path = fs.inodes.pathOf(inode);
        lock.lock();
    }
    if (inode.backingId == 0 && inode.userspaceOpens == 0 && path && !refusedBefore(inode.dev)) {
        errno = 0;
        int id = 0;
        {
            // The kernel demands CAP_SYS_ADMIN for the registration and
            // captures this thread's credentials with it; raised for this
            // call only.
            const ScopedCapabilities admin{CAP_SYS_ADMIN};
            id = admin.raised() ? fuse_passthrough_open(request.handle(), path.get()) : (errno = EPERM, -1);
        }
        const int err = errno;
        if (id > 0) {
            inode.backingId = id;
            inode.backingIdentity = caller;
        } else if (err == ELOOP || err == EPERM) {
            rememberRefusal(inode.dev, err);
        } else if (fs.config.debug) {
            std::fprintf(stderr,
                         "passmirrord: passthrough refused for inode %llu (%s); serving this open in userspace\n",
                         static_cast<unsigned long long>(inode.ino),
                         std::strerror(err));
        }
    }
    // Still another identity's (its opens are in use): this open's I/O goes
    // through the daemon, with this caller's credentials.
    if (inode.backingId > 0 && inode.backingIdentity == caller) {
        ++inode.passthroughOpens;
        file.ioPath = IoPath::Passthrough;
        fi.backing_id = inode.backingId;
        fi.direct_io = 0;
        stats.passthroughOpens.fetch_add(1, relaxed);
    } else {
        // Direct I/O takes no inode io mode in the kernel, so it never blocks
        // a later passthrough open of the same inode.
        ++inode.userspaceOpens;
        file.ioPath = IoPath::Userspace;
        fi.direct_io = 1;
        fi.parallel_direct_writes = 1; // the kernel still serialises appends
        stats.userspaceOpens.fetch_add(1, relaxed);
        stats.passthroughFallbacks.fetch_add(1, relaxed);
    }
}

void detachIoPath(OpenFile &file) noexcept
{
    Inode &inode = *file.inode;
    std::lock_guard lock(inode.mutex);
    if (file.ioPath == IoPath::Userspace) {
        if (inode.userspaceOpens > 0) {
            --inode.userspaceOpens;
        }
        return;
    }
    if (inode.passthroughOpens > 0) {
        --inode.passthroughOpens;
    }
    // The backing id outlives its last open: the next open of the inode needs
    // no registration round (two ioctls per open+close). It is closed when the
    // kernel forgets the inode (releaseBackingId) or another caller opens it.
    // The id names the inode's path only: every open still gets its own
    // backing file in the kernel, closed when the user closes it.
}

void closeBackingId(fuse_req_t req, Inode &inode) noexcept
{
    if (inode.backingId <= 0) {
        return;
    }
    const ScopedCapabilities admin{CAP_SYS_ADMIN};
    if (fuse_passthrough_close(req, inode.backingId) < 0) {
        std::fprintf(stderr,
                     "passmirrord: closing backing id %d of inode %llu failed: %s\n",
                     inode.backingId,
                     static_cast<unsigned long long>(inode.ino),
                     std::strerror(errno));
    }
    inode.backingId = 0;
}

void letGoIfUnlinked(fuse_req_t req, InodeTable &table, Inode &inode) noexcept
{
    if (!table.detachUnlinked(inode)) {
        return;
    }
    // No open uses it, so no passthrough open does: unless one started
    // meanwhile through a pinned fd, the backing id goes too.
    std::lock_guard lock(inode.mutex);
    if (inode.passthroughOpens == 0) {
        closeBackingId(req, inode);
    }
}

void releaseBackingId(fuse_req_t req, Inode &inode) noexcept
{
    std::lock_guard lock(inode.mutex);
    if (inode.passthroughOpens == 0) {
        closeBackingId(req, inode);
    }
}

} // namespace PassMirror::Fs
