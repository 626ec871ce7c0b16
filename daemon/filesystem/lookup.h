// SPDX-License-Identifier: GPL-2.0-or-later
// Finding a child of a directory inode and handing it to the kernel.
#pragma once

#include "request.h"

#include <string>

namespace PassMirror::Fs
{

// Opens `name` in `parent` (O_PATH | O_NOFOLLOW, never following a symlink),
// remembers it in the inode table (lookup count +1) and fills `entry`.
// Returns 0 or an errno.
[[nodiscard]] int lookupEntry(MirrorFilesystem::Private &fs, Inode &parent, const char *name, fuse_entry_param &entry);

// EACCES when `fd` (with attributes `st`), a child of `parent`, is the root of
// a pseudo-filesystem mounted below the source (/proc, /sys, ...: see
// base/filesystemkind.h), else 0. The mirror never steps into one.
[[nodiscard]] int refuseCrossingIntoPseudoFilesystem(const Inode &parent, int fd, const struct stat &st) noexcept;

// The same for a backing file already open as `fd` (any open mode), e.g. from
// create or tmpfile: its O_PATH fd is `name` in `dirFd` when that is still the
// same file (dev, ino), else it comes from the fd itself, so a rename racing
// with us cannot swap the file. `name` null: from the fd only.
[[nodiscard]] int rememberOpened(MirrorFilesystem::Private &fs,
                                 const Inode &parent,
                                 int fd,
                                 fuse_entry_param &entry,
                                 std::shared_ptr<Inode> &inode,
                                 int dirFd = -1,
                                 const char *name = nullptr);

// The kernel forgot `gone` (it left the table): its backing id and its
// source watch go.
void letGo(MirrorFilesystem::Private &fs, fuse_req_t req, Inode &gone) noexcept;

// Runs `open` (returning an fd or -1 with errno) and, if the process is out
// of fds, drops inode fds (InodeTable::relieveFdShortage) and tries once more.
// A caller still out of fds then gets EMFILE/ENFILE, never a hang.
template<typename Open>
[[nodiscard]] int openWithFdRelief(MirrorFilesystem::Private &fs, Open open)
{
    int fd = open();
    if (fd < 0 && (errno == EMFILE || errno == ENFILE) && fs.inodes.relieveFdShortage()) {
        fd = open();
    }
    return fd;
}

// fstatat(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW); 0 or an errno.
[[nodiscard]] int statFd(int fd, struct stat &st) noexcept;

// "/proc/self/fd/<fd>": only ever opened for regular files and directories
// (reopening FIFOs or devices this way was CVE-2020-35517), or passed to
// calls that do not open (xattrs, linkat).
[[nodiscard]] std::string procFdPath(int fd);

} // namespace PassMirror::Fs
