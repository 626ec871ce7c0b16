// SPDX-License-Identifier: GPL-2.0-or-later
// Extended attributes (POSIX ACLs included): setxattr, getxattr, listxattr,
// removexattr. An O_PATH fd cannot be used with f*xattr, so these go through
// /proc/self/fd/N, which resolves to the inode itself (a symlink too) and
// opens nothing, so it is safe for FIFOs and devices as well.
#include "ops.h"

#include "errnohelpers.h"
#include "lookup.h"
#include "request.h"

#include <sys/xattr.h>
#include <vector>

namespace PassMirror::Fs::Ops
{

using Stats::Operation;

namespace
{

// Answers a get/list call: the size when the kernel asked for it (size 0),
// else the value.
template<typename Call>
void replyXattrValue(Request &r, size_t size, Call call)
{
    if (size == 0) {
        const ssize_t needed = call(nullptr, 0);
        if (needed < 0) {
            return r.error(lastError());
        }
        return r.xattr(static_cast<size_t>(needed));
    }
    std::vector<char> value(size);
    const ssize_t length = call(value.data(), size);
    if (length < 0) {
        return r.error(lastError());
    }
    r.buffer(value.data(), static_cast<size_t>(length));
}

} // namespace

void setxattr(fuse_req_t req, fuse_ino_t ino, const char *name, const char *value, size_t size, int flags)
{
    serve(req, Operation::Setxattr, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        const PathResult path = r.fs().inodes.pathOf(r.fs().inodes.get(ino));
        if (!path) {
            return r.error(path.error);
        }
        r.error(errnoOf(::setxattr(procFdPath(path.get()).c_str(), name, value, size, flags)));
    });
}

void getxattr(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size)
{
    serve(req, Operation::Getxattr, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        const PathResult path = r.fs().inodes.pathOf(r.fs().inodes.get(ino));
        if (!path) {
            return r.error(path.error);
        }
        const std::string proc = procFdPath(path.get());
        replyXattrValue(r, size, [&](char *buffer, size_t length) {
            return ::getxattr(proc.c_str(), name, buffer, length);
        });
    });
}

void listxattr(fuse_req_t req, fuse_ino_t ino, size_t size)
{
    serve(req, Operation::Listxattr, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        const PathResult path = r.fs().inodes.pathOf(r.fs().inodes.get(ino));
        if (!path) {
            return r.error(path.error);
        }
        const std::string proc = procFdPath(path.get());
        replyXattrValue(r, size, [&](char *buffer, size_t length) {
            return ::listxattr(proc.c_str(), buffer, length);
        });
    });
}

void removexattr(fuse_req_t req, fuse_ino_t ino, const char *name)
{
    serve(req, Operation::Removexattr, AsCaller::Yes, About{.node = ino}, [&](Request &r) {
        const PathResult path = r.fs().inodes.pathOf(r.fs().inodes.get(ino));
        if (!path) {
            return r.error(path.error);
        }
        r.error(errnoOf(::removexattr(procFdPath(path.get()).c_str(), name)));
    });
}

} // namespace PassMirror::Fs::Ops
