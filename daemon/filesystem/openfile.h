// SPDX-License-Identifier: GPL-2.0-or-later
// What fi->fh points to: the backing file of one FUSE open (or directory open).
// The backing file belongs to the open file, not the inode: every FUSE open
// gets its own backing fd, closed at release, so locks taken through it
// (flock, OFD locks) belong to that open file and die with it.
#pragma once

#include "activityrecorder.h"
#include "inodetable.h"
#include "uniquefd.h"

#include <atomic>
#include <cstdint>
#include <dirent.h>
#include <fuse_lowlevel.h>
#include <memory>
#include <mutex>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Fs
{

enum class IoPath : std::uint8_t {
    Passthrough, // the kernel reads and writes the backing file itself
    Userspace, // READ/WRITE reach the daemon (page cache or direct I/O)
};

struct OpenFile {
    std::shared_ptr<Inode> inode; // keeps the inode alive past a racing forget
    Caller opener; // who opened it (activity records of requests with no caller)
    UniqueFd fd;
    IoPath ioPath = IoPath::Userspace;

    // POSIX lock owners that took OFD locks through this open; their locks
    // are dropped when they flush (close) it, as close(2) would natively.
    std::mutex lockOwnersMutex;
    std::vector<std::uint64_t> lockOwners;
    // The process that last took a lock through this open (F_GETLK reports it).
    std::atomic<pid_t> lockPid{0};

    [[nodiscard]] static OpenFile &of(const fuse_file_info *fi) noexcept
    {
        return *reinterpret_cast<OpenFile *>(fi->fh);
    }
};

struct DirCloser {
    void operator()(DIR *dir) const noexcept
    {
        closedir(dir);
    }
};

struct OpenDirectory {
    std::shared_ptr<Inode> inode;
    Caller opener; // who opened it (activity records of requests with no caller)
    std::unique_ptr<DIR, DirCloser> dir;
    std::mutex mutex; // guards the stream position below
    off_t offset = 0; // the d_off of the last entry returned
    struct dirent *pending = nullptr; // read but not yet sent (did not fit)
    // The backing directory's change times when this handle's listing began
    // at offset 0 (see readdir in ops_dir.cpp); valid while `listing`.
    bool listing = false;
    struct timespec listingMtime{};
    struct timespec listingCtime{};

    [[nodiscard]] static OpenDirectory &of(const fuse_file_info *fi) noexcept
    {
        return *reinterpret_cast<OpenDirectory *>(fi->fh);
    }
};

} // namespace PassMirror::Fs
