// SPDX-License-Identifier: GPL-2.0-or-later
// Directories, served in userspace: opendir, readdir, readdirplus,
// releasedir, fsyncdir.
#include "ops.h"

#include "errnohelpers.h"
#include "lookup.h"
#include "openfile.h"
#include "passthrough.h"
#include "request.h"

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace PassMirror::Fs::Ops
{

using Stats::Operation;

namespace
{
constexpr auto relaxed = std::memory_order_relaxed;

bool isDotOrDotDot(const char *name)
{
    const std::string_view view(name);
    return view == "." || view == "..";
}

bool sameTime(const struct timespec &a, const struct timespec &b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

// The kernel's readdir cache (cache_readdir + keep_cache) has a race: a
// listing whose entries were read here before a change to the directory can
// still complete the cache after a later listing has started it afresh with
// the new change counter, and is then served as current. The kernel adds a
// listing's entries to the cache before it asks for the next part, so when
// the empty reply that completes the cache is asked for, every entry of this
// listing is in the cache: if the backing directory changed since the listing
// began, its cached pages are dropped (FUSE_NOTIFY_INVAL_INODE) before the
// reply, and the next listing finds them gone and starts over. Change times
// are fine-grained where they are queried (multigrain timestamps, Linux 6.13).
struct ListingCheck {
    bool dropCache = false;
};

void noteListingStart(OpenDirectory &dir)
{
    struct stat st{};
    dir.listing = ::fstat(dirfd(dir.dir.get()), &st) == 0;
    dir.listingMtime = st.st_mtim;
    dir.listingCtime = st.st_ctim;
}

ListingCheck checkListingEnd(OpenDirectory &dir)
{
    ListingCheck check;
    if (!dir.listing) {
        return check;
    }
    dir.listing = false;
    struct stat st{};
    check.dropCache = ::fstat(dirfd(dir.dir.get()), &st) != 0 || !sameTime(st.st_mtim, dir.listingMtime) || !sameTime(st.st_ctim, dir.listingCtime);
    return check;
}

// Drops the kernel's cached listing of directory `ino`.
void dropCachedListing(Request &r, fuse_ino_t ino)
{
    if (r.fs().session == nullptr) {
        return;
    }
    const int err = fuse_lowlevel_notify_inval_inode(r.fs().session, ino, 0, 0);
    if (err != 0 && err != -ENOENT) {
        std::fprintf(stderr, "passmirrord: dropping the cached listing of inode %llu failed: %s\n", static_cast<unsigned long long>(ino), std::strerror(-err));
    }
}

// Fills `buffer` with entries from the directory stream; returns the bytes
// used, or -errno. Runs under the handle's mutex; the caller replies after
// releasing it, because once the kernel has the reply the handle may be
// released (and freed) by another worker at any moment.
long fillEntries(Request &r, Inode &dirInode, OpenDirectory &dir, std::vector<char> &buffer, off_t off, bool plus, ListingCheck &check)
{
    std::lock_guard lock(dir.mutex);
    if (off != dir.offset) {
        seekdir(dir.dir.get(), off);
        dir.offset = off;
        dir.pending = nullptr;
    }
    if (off == 0) {
        noteListingStart(dir); // before the first getdents of this listing
    }

    const size_t size = buffer.size();
    size_t used = 0;
    for (;;) {
        struct dirent *entry = dir.pending;
        dir.pending = nullptr;
        if (entry == nullptr) {
            errno = 0;
            entry = ::readdir(dir.dir.get());
            if (entry == nullptr) {
                if (errno != 0 && used == 0) {
                    return -lastError();
                }
                break; // end of directory (or an error after some entries)
            }
        }
        const size_t room = size - used;
        size_t needed = 0;
        if (plus) {
            fuse_entry_param param{};
            bool remembered = false;
            if (!isDotOrDotDot(entry->d_name)) {
                remembered = lookupEntry(r.fs(), dirInode, entry->d_name, param) == 0;
            }
            if (!remembered) {
                // No inode for the kernel (node id 0): a plain entry it will look up itself.
                param = fuse_entry_param{};
                param.attr.st_ino = entry->d_ino;
                param.attr.st_mode = static_cast<mode_t>(DTTOIF(entry->d_type));
            }
            needed = fuse_add_direntry_plus(r.handle(), buffer.data() + used, room, entry->d_name, &param, entry->d_off);
            if (needed > room && remembered) {
                if (const auto gone = r.fs().inodes.forget(param.ino, 1)) { // not sent: undo its lookup
                    letGo(r.fs(), r.handle(), *gone);
                }
            }
        } else {
            struct stat st{};
            st.st_ino = entry->d_ino;
            st.st_mode = static_cast<mode_t>(DTTOIF(entry->d_type));
            needed = fuse_add_direntry(r.handle(), buffer.data() + used, room, entry->d_name, &st, entry->d_off);
        }
        if (needed > room) {
            dir.pending = entry; // the first entry of the next call
            break;
        }
        used += needed;
        dir.offset = entry->d_off;
    }
    if (used == 0) {
        check = checkListingEnd(dir);
    }
    return static_cast<long>(used);
}

void readDirectory(Request &r, fuse_ino_t ino, size_t size, off_t off, fuse_file_info *fi, bool plus)
{
    std::vector<char> buffer(size);
    ListingCheck check;
    const long used = fillEntries(r, r.fs().inodes.get(ino), OpenDirectory::of(fi), buffer, off, plus, check);
    if (used < 0) {
        return r.error(static_cast<int>(-used));
    }
    if (check.dropCache) {
        dropCachedListing(r, ino);
    }
    // Nothing of the handle is touched from here on.
    r.buffer(buffer.data(), static_cast<size_t>(used));
}

} // namespace

void opendir(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    serve(req, Operation::Opendir, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        Inode &inode = r.fs().inodes.get(ino);
        if (!inode.isDirectory()) {
            return r.error(ENOTDIR);
        }
        const PathResult path = r.fs().inodes.pathOf(inode);
        if (!path) {
            return r.error(path.error);
        }
        // The /proc magic link reopens the directory the O_PATH fd holds with
        // only read permission checked, as open(2) of its path would. "."
        // relative to the fd would need search permission too, and refuse a
        // directory its caller may list but not enter (mode 0600 for its
        // owner). Safe for directories (the /proc reopen is never used for
        // FIFOs or devices: CVE-2020-35517).
        const std::string proc = procFdPath(path.get());
        UniqueFd fd(openWithFdRelief(r.fs(), [&] {
            return ::open(proc.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        }));
        if (!fd) {
            return r.error(lastError());
        }
        auto dir = std::make_unique<OpenDirectory>();
        dir->inode = inode.shared_from_this();
        dir->opener = r.caller();
        dir->dir.reset(fdopendir(fd.get()));
        if (!dir->dir) {
            return r.error(lastError());
        }
        (void)fd.release(); // the DIR owns it now
        fi->fh = reinterpret_cast<uint64_t>(dir.release());
        // Listings stay in the kernel's cache, checked against the directory's
        // change counter and mtime at every listing from the start; a listing
        // that raced with a change is dropped (see checkListingEnd).
        fi->cache_readdir = 1;
        fi->keep_cache = 1;
        r.fs().stats.openDirectories.fetch_add(1, relaxed);
        r.open(*fi);
    });
}

void readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, fuse_file_info *fi)
{
    serve(req, Operation::Readdir, AsCaller::No, About{.node = ino, .opener = &OpenDirectory::of(fi).opener}, [&](Request &r) {
        readDirectory(r, ino, size, off, fi, false);
    });
}

void readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, fuse_file_info *fi)
{
    // As the caller: the lookups need search permission on the directory.
    serve(req, Operation::Readdirplus, AsCaller::Yes, About{.node = ino, .opener = &OpenDirectory::of(fi).opener}, [&](Request &r) {
        readDirectory(r, ino, size, off, fi, true);
    });
}

void releasedir(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    serve(req, Operation::Releasedir, AsCaller::No, About{.node = ino, .opener = &OpenDirectory::of(fi).opener}, [&](Request &r) {
        std::unique_ptr<OpenDirectory> dir(&OpenDirectory::of(fi));
        fi->fh = 0;
        // A listing closed before its end may have put entries in the cache
        // that another listing then completed: the same check as at the end.
        // (No other worker uses the handle once RELEASEDIR is sent.)
        if (checkListingEnd(*dir).dropCache) {
            dropCachedListing(r, ino);
        }
        dir.reset();
        r.fs().stats.openDirectories.fetch_sub(1, relaxed);
        r.error(0);
    });
}

void fsyncdir(fuse_req_t req, fuse_ino_t ino, int datasync, fuse_file_info *fi)
{
    serve(req, Operation::Fsyncdir, AsCaller::No, About{.node = ino, .opener = &OpenDirectory::of(fi).opener}, [&](Request &r) {
        const int fd = dirfd(OpenDirectory::of(fi).dir.get());
        r.error(errnoOf(datasync ? fdatasync(fd) : ::fsync(fd)));
    });
}

} // namespace PassMirror::Fs::Ops
