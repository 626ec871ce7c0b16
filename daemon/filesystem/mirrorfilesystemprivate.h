// SPDX-License-Identifier: GPL-2.0-or-later
// The state every operation shares. Operations reach it through
// fuse_req_userdata (the MirrorFilesystem the process layer passed as userdata).
#pragma once

#include "activityrecorder.h"
#include "credentials.h"
#include "inodetable.h"
#include "mirrorfilesystem.h"
#include "sourcewatch.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

namespace PassMirror
{

class MirrorFilesystem::Private
{
public:
    explicit Private(FilesystemConfig config);

    std::unique_ptr<Stats::Layout> ownStats; // only when config.stats was null
    FilesystemConfig config; // config.source is moved into the inode table
    Stats::Layout &stats;
    Fs::InodeTable inodes;
    // Who requests run as (raisableForRoot is settled in init()).
    Fs::ServerIdentity identity;

    // Pushes changes made in the source behind the mirror's back to the
    // kernel; decides how long the kernel may cache each name and inode.
    Fs::SourceWatch watch;

    // Records every answered request in the activity ring, if one is kept.
    Fs::ActivityRecorder activity;

    [[nodiscard]] double entryTimeoutIn(const Fs::Inode &parent) const noexcept
    {
        return watch.timeoutOf(parent);
    }
    [[nodiscard]] double attrTimeoutOf(const Fs::Inode &inode) const noexcept
    {
        return watch.timeoutOf(inode);
    }

    // Decided in init() (before any other request), read-only afterwards.
    bool passthrough = false; // kernel passthrough negotiated for this session
    bool dontMask = false; // the kernel sends the caller's umask separately

    fuse_session *session = nullptr;
    std::mutex startupMutex;
    MirrorError startupError = MirrorError::None;
    std::string startupErrorMessage;

    [[nodiscard]] static Private &of(fuse_req_t req) noexcept;
};

} // namespace PassMirror
