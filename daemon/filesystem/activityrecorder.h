// SPDX-License-Identifier: GPL-2.0-or-later
// Writes one record per answered request into the activity ring
// (base/activitylayout.h): when, which operation, its result, who asked
// (pid, uid, command name) and the path it was about, relative to the
// mirror.
//
// The record is written after the reply went out (Request's destructor), so
// the caller never waits for it. What it costs the daemon is kept small:
// - Paths come from the kernel (readlink of the inode's O_PATH fd in
//   /proc/self/fd), cached per inode and valid until a name anywhere may
//   have moved or gone: a rename, unlink or rmdir through the mirror, or
//   such an event of the source watch (namesChanged()); an inode the watch
//   does not cover keeps its cached path 1 s.
//   A hard-linked file is one inode with one path: the name through which
//   the mirror first reached it (as /proc/PID/fd shows it). A file with no
//   name left is shown with the path it had and flagged deleted.
// - Command names come from /proc/PID/comm, read before the reply (a
//   process may exit right after it), cached per worker thread for 1 s.
// - Requests the kernel sends on no process's behalf (release, writeback,
//   readahead: pid 0) are shown as the process that opened the file.
// - The ring is the owner's to read, and the mirror must not show anyone
//   more than they could see directly: in a shared mirror, the path of
//   another user's request is kept only if the owner may reach it and list
//   the folder it is in (checked as the owner, faccessat, cached per inode
//   for 1 s); otherwise the record says "hidden" and keeps no path.
#pragma once

#include "activitylayout.h"
#include "activitywriter.h"

#include <array>
#include <atomic>
#include <cstdint>
#include <fuse_lowlevel.h>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>

namespace PassMirror::Fs
{

class Inode;
class InodeTable;

// Who sent a request.
struct Caller {
    pid_t pid = 0;
    uid_t uid = 0;
    std::array<char, Activity::CommandSize> command{}; // NUL-padded
};

// What a request is about, as serve() is told: an inode, or a name in a
// directory, and for rename, link and copy_file_range a second one.
struct About {
    fuse_ino_t node = 0;
    const char *name = nullptr; // a name in `node`
    fuse_ino_t targetNode = 0;
    const char *targetName = nullptr;
    // The open file's (or directory's) opener: stands in for a request the
    // kernel sends without a caller.
    const Caller *opener = nullptr;
    bool recorded = true; // false: forget, init, destroy (no caller, no file)

    [[nodiscard]] static About nothing()
    {
        About about;
        about.recorded = false;
        return about;
    }
};

// A request's record until its reply is out. The names are copied: after
// the reply the request's buffer may carry the next request (FUSE over
// io_uring hands the entry back to the kernel at the reply).
struct PendingRecord {
    std::uint64_t timeUnixNs = 0;
    Caller caller;
    bool callerFromOpener = false;
    std::shared_ptr<Inode> node;
    std::optional<std::string> name;
    std::shared_ptr<Inode> targetNode;
    std::optional<std::string> targetName;
    std::uint64_t bytes = 0;
};

class ActivityRecorder
{
public:
    // `ring` null: recording is off and costs nothing. `shared`: other
    // users' requests reach the mirror (see hidden paths above).
    ActivityRecorder(Activity::Header *ring, InodeTable &inodes, uid_t ownerUid, bool shared);

    [[nodiscard]] bool enabled() const noexcept
    {
        return m_writer.has_value();
    }
    // Reads where the source root is (in this process's view); from the
    // session's init, after the server's confinement.
    void start();

    // Takes what must be read before the reply (the request and perhaps
    // its caller are gone after it). `req` is the request being served.
    [[nodiscard]] PendingRecord begin(fuse_req_t req, const About &about) const;
    // The caller of a request, its command name included: what an open
    // file remembers as its opener.
    [[nodiscard]] static Caller callerOf(fuse_req_t req);
    // Writes the record of an answered request.
    void finish(const PendingRecord &pending, Stats::Operation operation, int error) noexcept;

    // A name may have moved or gone: cached paths are stale.
    void namesChanged() noexcept
    {
        m_namesEpoch.fetch_add(1, std::memory_order_acq_rel);
    }
    [[nodiscard]] std::atomic<std::uint64_t> &namesEpoch() noexcept
    {
        return m_namesEpoch;
    }

private:
    struct ResolvedPath {
        std::string path; // relative to the source root
        std::uint8_t flags = 0; // Activity::PathDeleted, Activity::PathUnknown
    };
    [[nodiscard]] ResolvedPath pathOf(Inode &inode) const;
    [[nodiscard]] ResolvedPath resolve(int pathFd) const;
    // As the owner: may they search every folder down to `directory`
    // (relative to the source root) and list it?
    [[nodiscard]] bool ownerMayList(std::string_view directory) const;
    // Whether the owner may see the path of `inode` (`asFolder`: the
    // names in it), `path` being its path.
    [[nodiscard]] bool ownerMaySee(Inode &inode, const ResolvedPath &path, bool asFolder) const;

    std::optional<Activity::RingWriter> m_writer;
    InodeTable &m_inodes;
    const uid_t m_ownerUid;
    const bool m_shared;
    std::string m_rootPath; // readlink of the source root; "" until start()
    std::atomic<std::uint64_t> m_namesEpoch{1};
};

} // namespace PassMirror::Fs
