// SPDX-License-Identifier: GPL-2.0-or-later
// Which data path one open of a regular file takes, and the kernel backing ids.
//
// The kernel binds a FUSE inode to at most one backing object, so all
// passthrough opens of an inode share one backing id. It is registered from the
// inode's O_PATH fd (the kernel opens a backing file of its own for every
// FUSE open) and kept from the first passthrough open until the kernel forgets
// the inode, or until an open by another caller, whose credentials the kernel
// must use instead. An inode must never be open for cached
// (page-cache) I/O and for passthrough at once (the kernel refuses the second
// kind with EIO), so:
//  - with passthrough negotiated, opens that cannot get a backing id are served
//    in userspace with FOPEN_DIRECT_IO (which takes no inode io mode), and an
//    inode that has such opens does not start passthrough until they are all
//    released (mmap of a direct-io open enters cached mode in the kernel);
//  - without passthrough (mode Off or not offered) every open uses the page
//    cache in userspace, with FOPEN_KEEP_CACHE.
#pragma once

#include "openfile.h"
#include "request.h"

namespace PassMirror::Fs
{

// Decides the data path of a new open whose backing fd is `file.fd`, fills
// `fi` (backing_id, direct_io, keep_cache) and counts it in the stats.
// Call with the caller's credentials in place: the kernel captures them for
// its later I/O on the backing file. Takes Inode::mutex (and pathOf before it).
void attachIoPath(Request &request, OpenFile &file, fuse_file_info &fi);

// Undoes attachIoPath at release: drops the open from the inode. The backing
// id stays registered for the inode's next open.
void detachIoPath(OpenFile &file) noexcept;

// Closes the inode's backing id, if it has one and no open uses it: when the
// kernel forgets the inode. Takes Inode::mutex.
void releaseBackingId(fuse_req_t req, Inode &inode) noexcept;

// Closes the inode's backing id; call with Inode::mutex held.
void closeBackingId(fuse_req_t req, Inode &inode) noexcept;

// A regular file with no name left in the source (unlinked, or replaced by
// a rename) and no open through the mirror is kept only by the daemon's
// O_PATH fd and backing id until the kernel forgets the inode, which may be
// much later. Lets go of both now (InodeTable::detachUnlinked), so its space
// comes back when the last close or the unlink happens, as natively; later
// requests for it get ESTALE (only an open file could still reach it, and
// none is left; the VFS retries a path walk's call with a fresh lookup, see
// InodeTable::detachUnlinked). Called after a RELEASE, an UNLINK and a RENAME
// over a file.
// Takes the table's lock, then Inode::mutex.
void letGoIfUnlinked(fuse_req_t req, InodeTable &table, Inode &inode) noexcept;

} // namespace PassMirror::Fs
