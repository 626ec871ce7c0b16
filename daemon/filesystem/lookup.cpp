// SPDX-License-Identifier: GPL-2.0-or-later
#include "lookup.h"

#include "errnohelpers.h"
#include "filesystemkind.h"
#include "passthrough.h"

#include <atomic>
#include <cstdio>
#include <fcntl.h>

namespace PassMirror::Fs
{

int statFd(int fd, struct stat &st) noexcept
{
    return errnoOf(fstatat(fd, "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
}

std::string procFdPath(int fd)
{
    return "/proc/self/fd/" + std::to_string(fd);
}

int refuseCrossingIntoPseudoFilesystem(const Inode &parent, int fd, const struct stat &st) noexcept
{
    // Only a mount point has another device than its parent directory; the
    // table holds every inode it let in, so this runs once per crossing.
    if (st.st_dev == parent.dev) {
        return 0;
    }
    const auto pseudo = pseudoFilesystemOf(fd);
    if (!pseudo) {
        return 0;
    }
    static std::atomic<bool> said{false};
    if (!said.exchange(true)) {
        std::fprintf(stderr,
                     "passmirrord: refusing to enter a %.*s mount below the source (a system pseudo-filesystem is never mirrored)\n",
                     static_cast<int>(pseudo->size()),
                     pseudo->data());
    }
    return EACCES;
}

int lookupEntry(MirrorFilesystem::Private &fs, Inode &parent, const char *name, fuse_entry_param &entry)
{
    if (const int err = nameError(name)) {
        return err;
    }
    const PathResult parentFd = fs.inodes.pathOf(parent);
    if (!parentFd) {
        return parentFd.error;
    }
    // The common case, a name whose inode the table already holds (again
    // after the kernel's entry timeout, every readdirplus entry): one fstatat
    // instead of open, fstat and close.
    struct stat named{};
    if (fstatat(parentFd.get(), name, &named, AT_SYMLINK_NOFOLLOW) != 0) {
        return lastError();
    }
    if (const std::shared_ptr<Inode> known = fs.inodes.rememberHeld(named)) {
        entry = makeEntry(fs, parent, *known, named);
        return 0;
    }
    UniqueFd fd(openWithFdRelief(fs, [&] {
        return openat(parentFd.get(), name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    }));
    if (!fd) {
        return lastError();
    }
    // Watched before its attributes are read, so no later change goes
    // unseen. The type is the name's a moment ago; a file swapped in
    // meanwhile has another, and its ticket is not adopted.
    SourceWatch::Ticket ticket = fs.watch.prepare(fd.get(), named.st_mode & S_IFMT);
    struct stat st{};
    if (const int err = statFd(fd.get(), st)) {
        return err;
    }
    if (const int err = refuseCrossingIntoPseudoFilesystem(parent, fd.get(), st)) {
        return err;
    }
    const std::shared_ptr<Inode> inode = fs.inodes.remember(std::move(fd), st);
    fs.watch.adopt(*inode, std::move(ticket));
    entry = makeEntry(fs, parent, *inode, st);
    return 0;
}

int rememberOpened(MirrorFilesystem::Private &fs,
                   const Inode &parent,
                   int fd,
                   fuse_entry_param &entry,
                   std::shared_ptr<Inode> &inode,
                   int dirFd,
                   const char *name)
{
    struct stat st{};
    if (const int err = statFd(fd, st)) {
        return err;
    }
    if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        return EIO; // create and tmpfile only ever make regular files
    }
    // The name just created, if it still is that file: one component to
    // resolve instead of the /proc magic link. A rename or unlink in between
    // shows as another (dev, ino) or an error, and the magic link is used.
    // The attributes sent are read after the watch's mark is in place.
    if (name != nullptr) {
        UniqueFd named(openat(dirFd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC));
        SourceWatch::Ticket ticket;
        if (named) {
            ticket = fs.watch.prepare(named.get(), st.st_mode & S_IFMT);
        }
        struct stat check{};
        if (named && statFd(named.get(), check) == 0 && check.st_dev == st.st_dev && check.st_ino == st.st_ino) {
            inode = fs.inodes.remember(std::move(named), check);
            fs.watch.adopt(*inode, std::move(ticket));
            entry = makeEntry(fs, parent, *inode, check);
            return 0;
        }
    }
    // Not O_NOFOLLOW: that would give an O_PATH fd of the /proc magic link
    // itself. Following it lands on `fd`'s own (regular) file, checked below.
    const std::string proc = procFdPath(fd);
    UniqueFd pathFd(openWithFdRelief(fs, [&] {
        return open(proc.c_str(), O_PATH | O_CLOEXEC);
    }));
    if (!pathFd) {
        return lastError();
    }
    SourceWatch::Ticket ticket = fs.watch.prepare(pathFd.get(), st.st_mode & S_IFMT);
    struct stat check{};
    if (const int err = statFd(pathFd.get(), check)) {
        return err;
    }
    if (check.st_dev != st.st_dev || check.st_ino != st.st_ino) {
        return EIO;
    }
    inode = fs.inodes.remember(std::move(pathFd), check);
    fs.watch.adopt(*inode, std::move(ticket));
    entry = makeEntry(fs, parent, *inode, check);
    return 0;
}

void letGo(MirrorFilesystem::Private &fs, fuse_req_t req, Inode &gone) noexcept
{
    releaseBackingId(req, gone);
    if (!gone.watched.load(std::memory_order_relaxed)) {
        return;
    }
    // The mark is named by a path, so an fd dropped under the cap is
    // reopened by handle for it; a file that is gone took its mark along.
    int fd = -1;
    PathResult path;
    try {
        path = fs.inodes.pathOf(gone);
        fd = path.get();
    } catch (const std::bad_alloc &) {
        fd = -1;
    }
    fs.watch.release(gone, fd);
}

} // namespace PassMirror::Fs
