// SPDX-License-Identifier: GPL-2.0-or-later
// What the bench measures on each variant: the same tree in every variant's
// root, and one function per figure. Workloads run in threads that take the
// mirror owner's uid/gid/groups for themselves only (raw syscalls), so the
// bench stays root (to drop caches and mount) while every file operation is
// the owner's, as a person's would be.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Bench
{

enum class Workload {
    SeqReadCold,
    SeqReadWarm,
    SeqWriteFsync,
    RandRead4k,
    RandWrite4k,
    OpenClose,
    Stat,
    CreateUnlink,
    Readdir,
    Rename,
};

struct WorkloadInfo {
    Workload workload;
    std::string_view name;
    std::string_view unit;
    bool metadata; // compared with the floor daemon
};

[[nodiscard]] const std::vector<WorkloadInfo> &allWorkloads();

struct TreeShape {
    int directories = 8; // one per thread at most
    int filesPerDirectory = 1000;
    std::size_t dataBytes = 64u << 20; // seq.dat and rand.dat
};

struct RunSettings {
    uid_t uid = 0;
    gid_t gid = 0;
    TreeShape shape;
    double seconds = 0.4; // how long each time-bounded workload runs
};

// Creates the tree below `root` as the owner. `sparseData`: data files are
// sized with ftruncate (the floor daemon keeps no contents), otherwise
// written. Returns an error text, empty on success.
[[nodiscard]] std::string createTree(const std::string &root, const RunSettings &settings, bool sparseData);

// One measurement: `threads` workers on the tree below `root`. Returns the
// figure in the workload's unit, or a negative value with `error` set.
[[nodiscard]] double measure(Workload workload, const std::string &root, int threads, const RunSettings &settings, std::string &error);

// Writes dirty data and drops the page, dentry and inode caches (root only).
bool dropCaches();

// Takes uid/gid (no supplementary groups) for the calling thread only.
bool becomeOwnerInThisThread(uid_t uid, gid_t gid);

} // namespace PassMirror::Bench
