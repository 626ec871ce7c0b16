// SPDX-License-Identifier: GPL-2.0-or-later
// Names and attributes: lookup, forget, getattr, setattr, readlink, mknod,
// mkdir, unlink, rmdir, symlink, rename, link, statfs, access.
#include "ops.h"

#include "credentials.h"
#include "errnohelpers.h"
#include "lookup.h"
#include "openfile.h"
#include "passthrough.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace PassMirror::Fs::Ops
{

using Stats::Operation;

namespace
{

// Replies with the entry for `name` in `parent` after a create-type call.
void replyLookedUp(Request &r, Inode &parent, const char *name)
{
    fuse_entry_param entry{};
    if (const int err = lookupEntry(r.fs(), parent, name, entry)) {
        return r.error(err);
    }
    r.entry(entry);
}

int chmodInode(const Inode &inode, int fd, mode_t mode)
{
    if (syscall(SYS_fchmodat2, fd, "", mode, AT_EMPTY_PATH) == 0) {
        return 0;
    }
    if (errno != ENOSYS && errno != EINVAL) {
        return lastError();
    }
    if (!inode.isRegular() && !inode.isDirectory()) {
        return EOPNOTSUPP;
    }
    return errnoOf(chmod(procFdPath(fd).c_str(), mode)); // chmod does not open the file
}

int truncateInode(const Inode &inode, int fd, off_t size)
{
    if (inode.isDirectory()) {
        return EISDIR;
    }
    if (!inode.isRegular()) {
        return EINVAL;
    }
    UniqueFd writable(::open(procFdPath(fd).c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!writable) {
        return lastError();
    }
    return errnoOf(ftruncate(writable.get(), size));
}

} // namespace

void lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    serve(req, Operation::Lookup, AsCaller::Yes, About{.node = parent, .name = name}, [&](Request &r) {
        fuse_entry_param entry{};
        if (const int err = lookupEntry(r.fs(), r.fs().inodes.get(parent), name, entry)) {
            return err == ENOENT ? r.noEntry(r.fs().inodes.get(parent)) : r.error(err);
        }
        r.entry(entry);
    });
}

void forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup)
{
    serve(req, Operation::Forget, AsCaller::No, About::nothing(), [&](Request &r) {
        if (const auto gone = r.fs().inodes.forget(ino, nlookup)) {
            letGo(r.fs(), req, *gone);
        }
        r.none();
    });
}

void forgetMulti(fuse_req_t req, size_t count, fuse_forget_data *forgets)
{
    serve(req, Operation::BatchForget, AsCaller::No, About::nothing(), [&](Request &r) {
        for (size_t i = 0; i < count; ++i) {
            if (const auto gone = r.fs().inodes.forget(forgets[i].ino, forgets[i].nlookup)) {
                letGo(r.fs(), req, *gone);
            }
        }
        r.none();
    });
}

void getattr(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    serve(req, Operation::Getattr, AsCaller::No, About{.node = ino}, [&](Request &r) {
        struct stat st{};
        // Only regular files carry an OpenFile in fh (a directory's fh is an
        // OpenDirectory); the kernel sends a handle only for regular files.
        if (fi != nullptr && fi->fh != 0 && r.fs().inodes.get(ino).isRegular()) {
            if (const int err = statFd(OpenFile::of(fi).fd.get(), st)) {
                return r.error(err);
            }
            return r.attr(st, r.fs().inodes.get(ino));
        }
        Inode &inode = r.fs().inodes.get(ino);
        const PathResult path = r.fs().inodes.pathOf(inode);
        if (!path) {
            return r.error(path.error);
        }
        if (const int err = statFd(path.get(), st)) {
            return r.error(err);
        }
        r.attr(st, inode);
    });
}

void setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int valid, fuse_file_info *fi)
{
    serve(req, Operation::Setattr, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        Inode &inode = r.fs().inodes.get(ino);
        const PathResult path = r.fs().inodes.pathOf(inode);
        if (!path) {
            return r.error(path.error);
        }
        const int openFd = (fi != nullptr && fi->fh != 0 && inode.isRegular()) ? OpenFile::of(fi).fd.get() : -1;

        // Size first and times last, so a truncate cannot overwrite the times
        // asked for; owner before mode, so chown's clearing of set-id bits
        // cannot undo an explicit mode.
        if (valid & FUSE_SET_ATTR_SIZE) {
            const int err = openFd >= 0 ? errnoOf(ftruncate(openFd, attr->st_size)) : truncateInode(inode, path.get(), attr->st_size);
            if (err) {
                return r.error(err);
            }
        }
        constexpr int Changes = FUSE_SET_ATTR_SIZE | FUSE_SET_ATTR_UID | FUSE_SET_ATTR_GID | FUSE_SET_ATTR_MODE | FUSE_SET_ATTR_ATIME | FUSE_SET_ATTR_MTIME
            | FUSE_SET_ATTR_ATIME_NOW | FUSE_SET_ATTR_MTIME_NOW;
        if (valid & (FUSE_SET_ATTR_UID | FUSE_SET_ATTR_GID)) {
            const uid_t uid = (valid & FUSE_SET_ATTR_UID) ? attr->st_uid : static_cast<uid_t>(-1);
            const gid_t gid = (valid & FUSE_SET_ATTR_GID) ? attr->st_gid : static_cast<gid_t>(-1);
            if (fchownat(path.get(), "", uid, gid, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0) {
                return r.error(lastError());
            }
        } else if ((valid & Changes) == 0) {
            // A SETATTR that names no attribute is chown(path, -1, -1) (the
            // kernel forwards its ctime only with the writeback cache, and
            // leaves killing set-id bits and file capabilities to us under
            // handle_killpriv_v2), or a write's removal of privileges from a
            // page-cache open. The same chown as the caller has the backing
            // filesystem do exactly what it does natively: ctime, S_ISUID,
            // S_ISGID with group execute, security.capability. A non-owner
            // gets EPERM there when there is something to kill; natively a
            // write by a non-owner still succeeds (the kernel kills with
            // ATTR_FORCE), and the backing write as the caller kills the bits
            // itself, so EPERM is not passed on: nothing was changed.
            if (fchownat(path.get(), "", static_cast<uid_t>(-1), static_cast<gid_t>(-1), AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0 && errno != EPERM) {
                return r.error(lastError());
            }
        }
        if (valid & FUSE_SET_ATTR_MODE) {
            const int err = openFd >= 0 ? errnoOf(fchmod(openFd, attr->st_mode)) : chmodInode(inode, path.get(), attr->st_mode);
            if (err) {
                return r.error(err);
            }
        }
        if (valid & (FUSE_SET_ATTR_ATIME | FUSE_SET_ATTR_MTIME | FUSE_SET_ATTR_ATIME_NOW | FUSE_SET_ATTR_MTIME_NOW)) {
            // Exactly what was asked: a time not mentioned stays (UTIME_OMIT).
            struct timespec times[2];
            times[0].tv_sec = 0;
            times[0].tv_nsec = UTIME_OMIT;
            times[1] = times[0];
            if (valid & FUSE_SET_ATTR_ATIME_NOW) {
                times[0].tv_nsec = UTIME_NOW;
            } else if (valid & FUSE_SET_ATTR_ATIME) {
                times[0] = attr->st_atim;
            }
            if (valid & FUSE_SET_ATTR_MTIME_NOW) {
                times[1].tv_nsec = UTIME_NOW;
            } else if (valid & FUSE_SET_ATTR_MTIME) {
                times[1] = attr->st_mtim;
            }
            if (utimensat(path.get(), "", times, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0) {
                return r.error(lastError());
            }
        }
        struct stat st{};
        if (const int err = statFd(path.get(), st)) {
            return r.error(err);
        }
        r.attr(st, inode);
    });
}

void readlink(fuse_req_t req, fuse_ino_t ino)
{
    serve(req, Operation::Readlink, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        const PathResult path = r.fs().inodes.pathOf(r.fs().inodes.get(ino));
        if (!path) {
            return r.error(path.error);
        }
        std::vector<char> buffer(256);
        for (;;) {
            const ssize_t length = readlinkat(path.get(), "", buffer.data(), buffer.size());
            if (length < 0) {
                return r.error(lastError());
            }
            if (static_cast<size_t>(length) < buffer.size()) {
                buffer[static_cast<size_t>(length)] = '\0';
                return r.readlink(buffer.data());
            }
            if (buffer.size() > 1u << 20) {
                return r.error(ENAMETOOLONG);
            }
            buffer.resize(buffer.size() * 4);
        }
    });
}

void mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, dev_t rdev)
{
    serve(req, Operation::Mknod, AsCaller::Yes, About{.node = parent, .name = name}, [&](Request &r) {
        if (const int err = nameError(name)) {
            return r.error(err);
        }
        // Device nodes: the backing mknodat decides, with CAP_MKNOD effective
        // only for a root caller whose process has it (credentials.h).
        if (!S_ISCHR(mode) && !S_ISBLK(mode) && !S_ISFIFO(mode) && !S_ISSOCK(mode) && !S_ISREG(mode)) {
            return r.error(EINVAL);
        }
        Inode &dir = r.fs().inodes.get(parent);
        const PathResult dirFd = r.fs().inodes.pathOf(dir);
        if (!dirFd) {
            return r.error(dirFd.error);
        }
        {
            ScopedUmask umask(createUmask(r));
            if (umask.error() != 0) {
                return r.error(EPERM);
            }
            if (mknodat(dirFd.get(), name, mode, rdev) != 0) {
                return r.error(lastError());
            }
        }
        replyLookedUp(r, dir, name);
    });
}

void mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)
{
    serve(req, Operation::Mkdir, AsCaller::Yes, About{.node = parent, .name = name}, [&](Request &r) {
        if (const int err = nameError(name)) {
            return r.error(err);
        }
        Inode &dir = r.fs().inodes.get(parent);
        const PathResult dirFd = r.fs().inodes.pathOf(dir);
        if (!dirFd) {
            return r.error(dirFd.error);
        }
        {
            ScopedUmask umask(createUmask(r));
            if (umask.error() != 0) {
                return r.error(EPERM);
            }
            if (mkdirat(dirFd.get(), name, mode) != 0) {
                return r.error(lastError());
            }
        }
        replyLookedUp(r, dir, name);
    });
}

void symlink(fuse_req_t req, const char *link, fuse_ino_t parent, const char *name)
{
    serve(req, Operation::Symlink, AsCaller::Yes, About{.node = parent, .name = name}, [&](Request &r) {
        if (const int err = nameError(name)) {
            return r.error(err);
        }
        Inode &dir = r.fs().inodes.get(parent);
        const PathResult dirFd = r.fs().inodes.pathOf(dir);
        if (!dirFd) {
            return r.error(dirFd.error);
        }
        if (symlinkat(link, dirFd.get(), name) != 0) {
            return r.error(lastError());
        }
        replyLookedUp(r, dir, name);
    });
}

namespace
{
// The file `name` in `dirFd` names now, if the table holds it: after an
// unlink or a rename over it, it may have no name left (letGoIfUnlinked).
std::shared_ptr<Inode> heldFileNamed(MirrorFilesystem::Private &fs, int dirFd, const char *name)
{
    struct stat st{};
    if (fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode)) {
        return nullptr;
    }
    return fs.inodes.find(st.st_dev, st.st_ino);
}

void removeEntry(Request &r, fuse_ino_t parent, const char *name, int flags)
{
    if (const int err = nameError(name)) {
        return r.error(err);
    }
    const PathResult dirFd = r.fs().inodes.pathOf(r.fs().inodes.get(parent));
    if (!dirFd) {
        return r.error(dirFd.error);
    }
    const std::shared_ptr<Inode> file = flags == 0 ? heldFileNamed(r.fs(), dirFd.get(), name) : nullptr;
    const int err = errnoOf(unlinkat(dirFd.get(), name, flags));
    if (err == 0 && file) {
        file->nameMayBeGone.store(true, std::memory_order_relaxed);
        letGoIfUnlinked(r.handle(), r.fs().inodes, *file);
    }
    r.error(err);
}
} // namespace

void unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    serve(req, Operation::Unlink, AsCaller::Yes, About{.node = parent, .name = name}, [&](Request &r) {
        removeEntry(r, parent, name, 0);
    });
}

void rmdir(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    serve(req, Operation::Rmdir, AsCaller::Yes, About{.node = parent, .name = name}, [&](Request &r) {
        removeEntry(r, parent, name, AT_REMOVEDIR);
    });
}

void rename(fuse_req_t req, fuse_ino_t parent, const char *name, fuse_ino_t newparent, const char *newname, unsigned int flags)
{
    serve(req, Operation::Rename, AsCaller::Yes, About{.node = parent, .name = name, .targetNode = newparent, .targetName = newname}, [&](Request &r) {
        if (const int err = nameError(name) ? nameError(name) : nameError(newname)) {
            return r.error(err);
        }
        if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) != 0) {
            return r.error(EINVAL); // RENAME_WHITEOUT is for overlayfs, not for mirrors
        }
        auto &inodes = r.fs().inodes;
        const PathResult from = inodes.pathOf(inodes.get(parent));
        const PathResult to = inodes.pathOf(inodes.get(newparent));
        if (!from || !to) {
            return r.error(!from ? from.error : to.error);
        }
        // The table is keyed by (dev, ino), which a rename does not change;
        // moving a directory into its own subtree is refused with EINVAL by
        // the VFS (ours and the backing one). A file renamed over loses a name.
        const std::shared_ptr<Inode> replaced = (flags & RENAME_EXCHANGE) == 0 ? heldFileNamed(r.fs(), to.get(), newname) : nullptr;
        const int err = errnoOf(renameat2(from.get(), name, to.get(), newname, flags));
        if (err == 0 && replaced) {
            replaced->nameMayBeGone.store(true, std::memory_order_relaxed);
            letGoIfUnlinked(r.handle(), r.fs().inodes, *replaced);
        }
        r.error(err);
    });
}

void link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t newparent, const char *newname)
{
    serve(req, Operation::Link, AsCaller::Yes, About{.node = ino, .targetNode = newparent, .targetName = newname}, [&](Request &r) {
        if (const int err = nameError(newname)) {
            return r.error(err);
        }
        auto &inodes = r.fs().inodes;
        Inode &inode = inodes.get(ino);
        const PathResult path = inodes.pathOf(inode);
        const PathResult dir = inodes.pathOf(inodes.get(newparent));
        if (!path || !dir) {
            return r.error(!path ? path.error : dir.error);
        }
        // linkat(fd, "", AT_EMPTY_PATH) needs CAP_DAC_READ_SEARCH; the /proc
        // magic link names the same inode (symlinks included) and opens nothing.
        if (linkat(AT_FDCWD, procFdPath(path.get()).c_str(), dir.get(), newname, AT_SYMLINK_FOLLOW) != 0) {
            return r.error(lastError());
        }
        struct stat st{};
        if (const int err = statFd(path.get(), st)) {
            return r.error(err);
        }
        // Same (dev, ino): the same FUSE inode, one more lookup. The fresh
        // attributes (nlink, ctime) in the reply apply to every name at once.
        const std::shared_ptr<Inode> same = inodes.remember(UniqueFd(), st);
        r.entry(makeEntry(r.fs(), inodes.get(newparent), *same, st));
    });
}

void statfs(fuse_req_t req, fuse_ino_t ino)
{
    serve(req, Operation::Statfs, AsCaller::No, About{.node = ino}, [&](Request &r) {
        const PathResult path = r.fs().inodes.pathOf(r.fs().inodes.get(ino));
        if (!path) {
            return r.error(path.error);
        }
        struct statvfs st{};
        if (fstatvfs(path.get(), &st) != 0) {
            return r.error(lastError());
        }
        r.statfs(st);
    });
}

void access(fuse_req_t req, fuse_ino_t ino, int mask)
{
    serve(req, Operation::Access, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        const PathResult path = r.fs().inodes.pathOf(r.fs().inodes.get(ino));
        if (!path) {
            return r.error(path.error);
        }
        // AT_EACCESS: check with the fs ids in place (the caller's or the
        // owner's), not the daemon's real uid.
        r.error(errnoOf(faccessat(path.get(), "", mask, AT_EACCESS | AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)));
    });
}

} // namespace PassMirror::Fs::Ops
