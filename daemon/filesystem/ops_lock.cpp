// SPDX-License-Identifier: GPL-2.0-or-later
// Locks: getlk, setlk (POSIX locks as OFD locks, see locks.h), flock.
#include "ops.h"

#include "errnohelpers.h"
#include "locks.h"
#include "request.h"

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <sys/file.h>
#include <thread>

namespace PassMirror::Fs
{

namespace
{

// Retries `attempt` (returning 0, or an errno) while it reports "busy", until
// it succeeds, fails otherwise, or the request is interrupted.
template<typename Attempt>
int waitFor(fuse_req_t req, Attempt attempt, int busy1, int busy2)
{
    auto delay = std::chrono::milliseconds(1);
    for (;;) {
        const int err = attempt();
        if (err != busy1 && err != busy2) {
            return err;
        }
        if (fuse_req_interrupted(req)) {
            return EINTR;
        }
        std::this_thread::sleep_for(delay);
        delay = std::min(delay * 2, std::chrono::milliseconds(50));
    }
}

} // namespace

void releaseOwnerLocks(OpenFile &file, std::uint64_t owner) noexcept
{
    std::lock_guard lock(file.lockOwnersMutex);
    auto it = std::find(file.lockOwners.begin(), file.lockOwners.end(), owner);
    if (it == file.lockOwners.end()) {
        return;
    }
    file.lockOwners.erase(it);
    struct flock all{};
    all.l_type = F_UNLCK;
    all.l_whence = SEEK_SET;
    fcntl(file.fd.get(), F_OFD_SETLK, &all);
}

void forgetLockingOpen(OpenFile &file) noexcept
{
    Inode &inode = *file.inode;
    std::lock_guard lock(inode.mutex);
    std::erase(inode.lockingOpens, &file);
}

namespace
{

void rememberLockingOpen(OpenFile &file, pid_t pid)
{
    file.lockPid.store(pid, std::memory_order_relaxed);
    Inode &inode = *file.inode;
    std::lock_guard lock(inode.mutex);
    if (std::find(inode.lockingOpens.begin(), inode.lockingOpens.end(), &file) == inode.lockingOpens.end()) {
        inode.lockingOpens.push_back(&file);
    }
}

// The pid of the process whose lock `conflict` is: an OFD query through the
// open file that holds it does not see it (a lock never conflicts with its
// own open file). 0 when no open of the mirror holds it.
pid_t holderOf(OpenFile &asking, const struct flock &query, const struct flock &conflict)
{
    Inode &inode = *asking.inode;
    std::lock_guard lock(inode.mutex);
    for (OpenFile *other : inode.lockingOpens) {
        if (other == &asking) {
            continue;
        }
        struct flock probe = query;
        probe.l_pid = 0;
        if (fcntl(other->fd.get(), F_OFD_GETLK, &probe) != 0) {
            continue;
        }
        const bool sameConflict = probe.l_type == conflict.l_type && probe.l_start == conflict.l_start && probe.l_len == conflict.l_len;
        if (!sameConflict) {
            return other->lockPid.load(std::memory_order_relaxed);
        }
    }
    return 0;
}

} // namespace

namespace Ops
{

using Stats::Operation;

void getlk(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi, struct flock *lock)
{
    serve(req, Operation::Getlk, AsCaller::No, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        OpenFile &file = OpenFile::of(fi);
        struct flock probe = *lock;
        probe.l_pid = 0; // required by F_OFD_GETLK
        if (fcntl(file.fd.get(), F_OFD_GETLK, &probe) != 0) {
            return r.error(lastError());
        }
        probe.l_pid = probe.l_type == F_UNLCK ? 0 : holderOf(file, *lock, probe);
        r.lock(probe);
    });
}

void setlk(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi, struct flock *lock, int sleep)
{
    serve(req, Operation::Setlk, AsCaller::No, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        OpenFile &file = OpenFile::of(fi);
        struct flock request = *lock;
        request.l_pid = 0;
        const auto attempt = [&] {
            struct flock copy = request;
            return errnoOf(fcntl(file.fd.get(), F_OFD_SETLK, &copy));
        };
        const int err = sleep ? waitFor(req, attempt, EAGAIN, EACCES) : attempt();
        if (err == 0 && request.l_type != F_UNLCK) {
            {
                std::lock_guard guard(file.lockOwnersMutex);
                if (std::find(file.lockOwners.begin(), file.lockOwners.end(), fi->lock_owner) == file.lockOwners.end()) {
                    file.lockOwners.push_back(fi->lock_owner);
                }
            }
            rememberLockingOpen(file, fuse_req_ctx(req)->pid);
        }
        r.error(err);
    });
}

void flock(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi, int op)
{
    serve(req, Operation::Flock, AsCaller::No, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        // On this open's own backing fd: the lock belongs to the open file
        // and goes away with it at release.
        const int fd = OpenFile::of(fi).fd.get();
        if ((op & (LOCK_NB | LOCK_UN)) != 0) {
            return r.error(errnoOf(::flock(fd, op)));
        }
        r.error(waitFor(
            req,
            [&] {
                return errnoOf(::flock(fd, op | LOCK_NB));
            },
            EWOULDBLOCK,
            EAGAIN));
    });
}

} // namespace Ops
} // namespace PassMirror::Fs
