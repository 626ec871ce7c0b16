// SPDX-License-Identifier: GPL-2.0-or-later
// Open files: open, create, tmpfile, read, write_buf, flush, release, fsync,
// fallocate, copy_file_range, lseek, ioctl, poll.
#include "ops.h"

#include "credentials.h"
#include "errnohelpers.h"
#include "locks.h"
#include "lookup.h"
#include "passthrough.h"

#include <algorithm>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace PassMirror::Fs::Ops
{

using Stats::Operation;

namespace
{
constexpr auto relaxed = std::memory_order_relaxed;

// The flags for this open's own backing fd. O_CREAT/O_EXCL/O_NOCTTY were the
// kernel's business; O_DIRECT is left out because the daemon's fd serves
// buffered userspace I/O, flush and locks (a passthrough open's I/O goes
// through the kernel's own backing file, opened with the caller's flags).
int backingFlags(int fuseFlags)
{
    return (fuseFlags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_NOFOLLOW | O_DIRECT | O_TMPFILE)) | O_CLOEXEC;
}

// Hands a new open file to the kernel: decides passthrough or userspace and
// stores it in fi->fh. Returns the OpenFile now owned by fi.
OpenFile &adopt(Request &r, std::unique_ptr<OpenFile> file, fuse_file_info &fi)
{
    attachIoPath(r, *file, fi);
    file->opener = r.caller();
    fi.fh = reinterpret_cast<uint64_t>(file.get());
    r.fs().stats.openFiles.fetch_add(1, relaxed);
    return *file.release();
}

// After create/tmpfile: the open file, the inode (lookup +1) and the reply.
// `name` in `dirFd` is what was created (null for tmpfile).
void replyCreated(Request &r, const Inode &parent, UniqueFd fd, fuse_file_info &fi, int dirFd = -1, const char *name = nullptr)
{
    fuse_entry_param entry{};
    std::shared_ptr<Inode> inode;
    if (const int err = rememberOpened(r.fs(), parent, fd.get(), entry, inode, dirFd, name)) {
        return r.error(err);
    }
    if (name == nullptr) {
        // O_TMPFILE: no name from birth; its last release lets go of it
        // unless a link gave it one meanwhile.
        inode->nameMayBeGone.store(true, relaxed);
    }
    auto file = std::make_unique<OpenFile>();
    file->inode = std::move(inode);
    file->fd = std::move(fd);
    adopt(r, std::move(file), fi);
    r.create(entry, fi);
}

} // namespace

void open(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    serve(req, Operation::Open, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        Inode &inode = r.fs().inodes.get(ino);
        if (inode.isDirectory()) {
            return r.error(EISDIR);
        }
        if (!inode.isRegular()) {
            // FIFOs, sockets and devices are opened by the kernel itself; a
            // backing one must never be reopened through /proc (CVE-2020-35517).
            return r.error(EIO);
        }
        const PathResult path = r.fs().inodes.pathOf(inode);
        if (!path) {
            return r.error(path.error);
        }
        const std::string proc = procFdPath(path.get());
        UniqueFd fd(openWithFdRelief(r.fs(), [&] {
            return ::open(proc.c_str(), backingFlags(fi->flags));
        }));
        if (!fd) {
            return r.error(lastError());
        }
        // No type check needed: the O_PATH fd pins the (regular) inode the
        // table recorded, and the magic link resolves to exactly that inode.
        auto file = std::make_unique<OpenFile>();
        file->inode = inode.shared_from_this();
        file->fd = std::move(fd);
        adopt(r, std::move(file), *fi);
        r.open(*fi);
    });
}

void create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, fuse_file_info *fi)
{
    serve(req, Operation::Create, AsCaller::Yes, About{.node = parent, .name = name}, [&](Request &r) {
        if (const int err = nameError(name)) {
            return r.error(err);
        }
        const PathResult dir = r.fs().inodes.pathOf(r.fs().inodes.get(parent));
        if (!dir) {
            return r.error(dir.error);
        }
        UniqueFd fd;
        {
            // With the caller's fs ids in place: the file is theirs from the start.
            ScopedUmask umask(createUmask(r));
            if (umask.error() != 0) {
                return r.error(EPERM);
            }
            const int flags = backingFlags(fi->flags) | O_CREAT | O_NOFOLLOW | (fi->flags & O_EXCL);
            fd.reset(openWithFdRelief(r.fs(), [&] {
                return openat(dir.get(), name, flags, mode);
            }));
        }
        if (!fd) {
            return r.error(lastError());
        }
        replyCreated(r, r.fs().inodes.get(parent), std::move(fd), *fi, dir.get(), name);
    });
}

void tmpfile(fuse_req_t req, fuse_ino_t parent, mode_t mode, fuse_file_info *fi)
{
    serve(req, Operation::Tmpfile, AsCaller::Yes, About{.node = parent}, [&](Request &r) {
        const PathResult dir = r.fs().inodes.pathOf(r.fs().inodes.get(parent));
        if (!dir) {
            return r.error(dir.error);
        }
        UniqueFd fd;
        {
            ScopedUmask umask(createUmask(r));
            if (umask.error() != 0) {
                return r.error(EPERM);
            }
            const int flags = backingFlags(fi->flags) | O_TMPFILE | (fi->flags & O_EXCL);
            fd.reset(openWithFdRelief(r.fs(), [&] {
                return openat(dir.get(), ".", flags, mode);
            }));
        }
        if (!fd) {
            return r.error(lastError()); // EOPNOTSUPP where the source has no O_TMPFILE
        }
        replyCreated(r, r.fs().inodes.get(parent), std::move(fd), *fi);
    });
}

void read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, fuse_file_info *fi)
{
    serve(req, Operation::Read, AsCaller::No, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        const int fd = OpenFile::of(fi).fd.get();
        // The count for the stats: fuse_reply_data does not say how much it sent.
        struct stat st{};
        size_t expected = 0;
        if (fstat(fd, &st) == 0 && st.st_size > off) {
            expected = std::min(size, static_cast<size_t>(st.st_size - off));
        }
        fuse_bufvec buffer = FUSE_BUFVEC_INIT(size);
        buffer.buf[0].flags = static_cast<fuse_buf_flags>(FUSE_BUF_IS_FD | FUSE_BUF_FD_SEEK);
        buffer.buf[0].fd = fd;
        buffer.buf[0].pos = off;
        if (r.data(buffer, FUSE_BUF_SPLICE_MOVE)) {
            r.fs().stats.bytesRead.fetch_add(expected, relaxed);
            r.moved(expected);
        }
    });
}

void writeBuf(fuse_req_t req, fuse_ino_t ino, fuse_bufvec *bufv, off_t off, fuse_file_info *fi)
{
    serve(req, Operation::Write, AsCaller::Yes, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        fuse_bufvec out = FUSE_BUFVEC_INIT(fuse_buf_size(bufv));
        out.buf[0].flags = static_cast<fuse_buf_flags>(FUSE_BUF_IS_FD | FUSE_BUF_FD_SEEK);
        out.buf[0].fd = OpenFile::of(fi).fd.get();
        out.buf[0].pos = off;
        const ssize_t written = fuse_buf_copy(&out, bufv, static_cast<fuse_buf_copy_flags>(0));
        if (written < 0) {
            return r.error(static_cast<int>(-written));
        }
        r.fs().stats.bytesWritten.fetch_add(static_cast<std::uint64_t>(written), relaxed);
        r.moved(static_cast<std::uint64_t>(written));
        r.write(static_cast<size_t>(written));
    });
}

void flush(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    serve(req, Operation::Flush, AsCaller::No, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        OpenFile &file = OpenFile::of(fi);
        releaseOwnerLocks(file, fi->lock_owner);
        // What close(2) of one fd would do to the backing file (e.g. NFS
        // writes back and reports errors), without closing the open file.
        const int copy = openWithFdRelief(r.fs(), [&] {
            return dup(file.fd.get());
        });
        if (copy < 0) {
            // Out of fds: the open file itself stays intact and is closed at
            // release; failing close(2) in the caller for our shortage would
            // be worse than skipping this flush.
            return r.error(errno == EMFILE || errno == ENFILE ? 0 : lastError());
        }
        r.error(errnoOf(close(copy)));
    });
}

void release(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    serve(req, Operation::Release, AsCaller::No, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        std::unique_ptr<OpenFile> file(&OpenFile::of(fi));
        fi->fh = 0;
        detachIoPath(*file);
        forgetLockingOpen(*file);
        const std::shared_ptr<Inode> inode = file->inode;
        file.reset(); // closes the backing fd: its flock and OFD locks end here
        if (inode->nameMayBeGone.load(relaxed)) {
            letGoIfUnlinked(req, r.fs().inodes, *inode);
        }
        r.fs().stats.openFiles.fetch_sub(1, relaxed);
        r.error(0);
    });
}

void fsync(fuse_req_t req, fuse_ino_t ino, int datasync, fuse_file_info *fi)
{
    serve(req, Operation::Fsync, AsCaller::No, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        const int fd = OpenFile::of(fi).fd.get();
        r.error(errnoOf(datasync ? fdatasync(fd) : ::fsync(fd)));
    });
}

void fallocate(fuse_req_t req, fuse_ino_t ino, int mode, off_t offset, off_t length, fuse_file_info *fi)
{
    serve(req, Operation::Fallocate, AsCaller::Yes, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        // Every mode (punch hole, zero range, collapse, insert, ...) as asked.
        r.error(errnoOf(::fallocate(OpenFile::of(fi).fd.get(), mode, offset, length)));
    });
}

void copyFileRange(fuse_req_t req,
                   fuse_ino_t inoIn,
                   off_t offIn,
                   fuse_file_info *fiIn,
                   fuse_ino_t inoOut,
                   off_t offOut,
                   fuse_file_info *fiOut,
                   size_t len,
                   int flags)
{
    serve(req, Operation::CopyFileRange, AsCaller::Yes, About{.node = inoIn, .targetNode = inoOut, .opener = &OpenFile::of(fiIn).opener}, [&](Request &r) {
        loff_t in = offIn;
        loff_t out = offOut;
        const ssize_t copied = copy_file_range(OpenFile::of(fiIn).fd.get(), &in, OpenFile::of(fiOut).fd.get(), &out, len, static_cast<unsigned>(flags));
        if (copied < 0) {
            return r.error(lastError());
        }
        r.write(static_cast<size_t>(copied));
    });
}

void lseek(fuse_req_t req, fuse_ino_t ino, off_t off, int whence, fuse_file_info *fi)
{
    serve(req, Operation::Lseek, AsCaller::No, About{.node = ino, .opener = &OpenFile::of(fi).opener}, [&](Request &r) {
        // SEEK_DATA / SEEK_HOLE answered by the backing filesystem.
        const off_t result = ::lseek(OpenFile::of(fi).fd.get(), off, whence);
        if (result < 0) {
            return r.error(lastError());
        }
        r.lseek(result);
    });
}

void ioctl(fuse_req_t req, fuse_ino_t ino, unsigned int, void *, fuse_file_info *, unsigned, const void *, size_t, size_t)
{
    serve(req, Operation::Ioctl, AsCaller::No, About{.node = ino}, [&](Request &r) {
        r.error(ENOTTY); // no ioctl is forwarded to the backing file
    });
}

void poll(fuse_req_t req, fuse_ino_t ino, fuse_file_info *, fuse_pollhandle *ph)
{
    serve(req, Operation::Poll, AsCaller::No, About{.node = ino}, [&](Request &r) {
        if (ph != nullptr) {
            fuse_pollhandle_destroy(ph); // regular files are always ready
        }
        r.poll(POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM);
    });
}

} // namespace PassMirror::Fs::Ops
