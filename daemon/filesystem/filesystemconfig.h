// SPDX-License-Identifier: GPL-2.0-or-later
// What the process layer (options, mount, supervisor) hands the filesystem.
#pragma once

#include "activitylayout.h"
#include "statslayout.h"
#include "uniquefd.h"

#include <cstddef>
#include <sys/types.h>
#include <vector>

namespace PassMirror
{

struct FilesystemConfig {
    // The source root, opened O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC by
    // the process layer; every backing path is resolved beneath it.
    UniqueFd source;

    // The person the mirror is for. The whole server process runs as them
    // (dropServerPrivileges, before serving); without `shared` every backing
    // operation runs with these credentials.
    uid_t ownerUid = 0;
    gid_t ownerGid = 0;
    std::vector<gid_t> ownerGroups;

    // allow_other: the operations done as the caller (AsCaller::Yes) switch
    // the worker's effective and fs uid and gid and its supplementary groups
    // to the calling process's for the request; real and saved ids stay the
    // owner's.
    bool shared = false;
    bool readOnly = false;

    Stats::PassthroughMode passthrough = Stats::PassthroughMode::Auto;

    // Watch the source for changes made behind the mirror's back and push
    // them to the kernel, so it may cache names and attributes long
    // (sourcewatch.h); where that is not possible, or false, it keeps them 1 s.
    bool sourceWatch = true;

    // Never null: the mapped stats file, or private memory when there is none.
    Stats::Layout *stats = nullptr;

    // The activity ring (base/activitylayout.h) every answered request is
    // recorded in; null: none (--no-activity).
    Activity::Header *activity = nullptr;

    // Cap on O_PATH fds held for inodes the kernel knows; beyond it the
    // filesystem reopens by file handle or name (see inode table).
    std::size_t maxInodeFds = 0; // 0: derived from RLIMIT_NOFILE

    // Log every request to stderr (for --debug).
    bool debug = false;
};

} // namespace PassMirror
