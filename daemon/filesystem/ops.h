// SPDX-License-Identifier: GPL-2.0-or-later
// The FUSE low-level operations, one group per file:
//   ops_entry.cpp  lookup, forget, attributes, names (mknod .. rename, link), statfs, access
//   ops_file.cpp   open, create, tmpfile, read, write, flush, release, fsync, fallocate,
//                  copy_file_range, lseek, ioctl, poll
//   ops_dir.cpp    opendir, readdir, readdirplus, releasedir, fsyncdir
//   ops_xattr.cpp  setxattr, getxattr, listxattr, removexattr
//   ops_lock.cpp   getlk, setlk, flock
// mirrorfilesystem.cpp has init/destroy and fills fuse_lowlevel_ops from these.
#pragma once

#include <fuse_lowlevel.h>

namespace PassMirror::Fs::Ops
{

void lookup(fuse_req_t req, fuse_ino_t parent, const char *name);
void forget(fuse_req_t req, fuse_ino_t ino, uint64_t nlookup);
void forgetMulti(fuse_req_t req, size_t count, fuse_forget_data *forgets);
void getattr(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi);
void setattr(fuse_req_t req, fuse_ino_t ino, struct stat *attr, int valid, fuse_file_info *fi);
void readlink(fuse_req_t req, fuse_ino_t ino);
void mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, dev_t rdev);
void mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode);
void unlink(fuse_req_t req, fuse_ino_t parent, const char *name);
void rmdir(fuse_req_t req, fuse_ino_t parent, const char *name);
void symlink(fuse_req_t req, const char *link, fuse_ino_t parent, const char *name);
void rename(fuse_req_t req, fuse_ino_t parent, const char *name, fuse_ino_t newparent, const char *newname, unsigned int flags);
void link(fuse_req_t req, fuse_ino_t ino, fuse_ino_t newparent, const char *newname);
void statfs(fuse_req_t req, fuse_ino_t ino);
void access(fuse_req_t req, fuse_ino_t ino, int mask);

void open(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi);
void create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, fuse_file_info *fi);
void tmpfile(fuse_req_t req, fuse_ino_t parent, mode_t mode, fuse_file_info *fi);
void read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, fuse_file_info *fi);
void writeBuf(fuse_req_t req, fuse_ino_t ino, fuse_bufvec *bufv, off_t off, fuse_file_info *fi);
void flush(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi);
void release(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi);
void fsync(fuse_req_t req, fuse_ino_t ino, int datasync, fuse_file_info *fi);
void fallocate(fuse_req_t req, fuse_ino_t ino, int mode, off_t offset, off_t length, fuse_file_info *fi);
void copyFileRange(fuse_req_t req,
                   fuse_ino_t inoIn,
                   off_t offIn,
                   fuse_file_info *fiIn,
                   fuse_ino_t inoOut,
                   off_t offOut,
                   fuse_file_info *fiOut,
                   size_t len,
                   int flags);
void lseek(fuse_req_t req, fuse_ino_t ino, off_t off, int whence, fuse_file_info *fi);
void ioctl(fuse_req_t req,
           fuse_ino_t ino,
           unsigned int cmd,
           void *arg,
           fuse_file_info *fi,
           unsigned flags,
           const void *inBuf,
           size_t inBufSize,
           size_t outBufSize);
void poll(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi, fuse_pollhandle *ph);

void opendir(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi);
void readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, fuse_file_info *fi);
void readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t off, fuse_file_info *fi);
void releasedir(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi);
void fsyncdir(fuse_req_t req, fuse_ino_t ino, int datasync, fuse_file_info *fi);

void setxattr(fuse_req_t req, fuse_ino_t ino, const char *name, const char *value, size_t size, int flags);
void getxattr(fuse_req_t req, fuse_ino_t ino, const char *name, size_t size);
void listxattr(fuse_req_t req, fuse_ino_t ino, size_t size);
void removexattr(fuse_req_t req, fuse_ino_t ino, const char *name);

void getlk(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi, struct flock *lock);
void setlk(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi, struct flock *lock, int sleep);
void flock(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi, int op);

} // namespace PassMirror::Fs::Ops
