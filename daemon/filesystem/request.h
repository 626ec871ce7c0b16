// SPDX-License-Identifier: GPL-2.0-or-later
// One FUSE request: counts itself in the stats, makes sure exactly one reply
// is sent, and runs the operation's body with the caller's credentials when
// the mirror is shared.
//
// Every operation is written as
//     serve(req, Operation::X, AsCaller::Yes, About{.node = ino}, [&](Request &r) { ... return r.entry(e); });
// serve() counts the request, catches std::bad_alloc (ENOMEM) and any other
// exception (EIO), and answers EIO if a body returned without replying, so no
// path can forget the reply or the counters. `About` says what the request
// is about for its record in the activity ring (activityrecorder.h), which
// is written once the reply is out.
#pragma once

#include "mirrorfilesystemprivate.h"

#include <fuse_lowlevel.h>
#include <optional>
#include <sys/stat.h>
#include <sys/statvfs.h>

struct flock;

namespace PassMirror::Fs
{

class Request
{
public:
    Request(fuse_req_t req, Stats::Operation operation, const About &about);
    ~Request();
    Request(const Request &) = delete;
    Request &operator=(const Request &) = delete;

    [[nodiscard]] fuse_req_t handle() const noexcept
    {
        return m_req;
    }
    [[nodiscard]] MirrorFilesystem::Private &fs() const noexcept
    {
        return m_fs;
    }
    [[nodiscard]] bool replied() const noexcept
    {
        return m_replied;
    }

    // Each reply returns void so a body can `return r.error(e);`.
    void error(int err); // 0 is success for ops that answer with an errno only
    void entry(const fuse_entry_param &entry);
    // "No such name" in `parent` as an entry with node id 0 and the entry
    // timeout: the kernel keeps the negative dentry that long, so asking
    // again for a name that is not there costs no request (an ENOENT reply
    // is never cached). A name made through the mirror replaces it at once;
    // one made in the source directly is pushed to the kernel by the source
    // watch, or shows within the short timeout where the parent is not
    // watched. Counted as the ENOENT it stands for.
    void noEntry(const Inode &parent);
    void create(const fuse_entry_param &entry, const fuse_file_info &fi);
    void attr(const struct stat &st, const Inode &inode);
    void readlink(const char *target);
    void open(const fuse_file_info &fi);
    void write(std::size_t count);
    void buffer(const char *data, std::size_t size);
    // True when the data went out (for byte counters).
    bool data(fuse_bufvec &buffer, fuse_buf_copy_flags flags);
    void statfs(const struct statvfs &st);
    void xattr(std::size_t size);
    void lock(const struct flock &lock);
    void lseek(off_t offset);
    void poll(unsigned events);
    void none(); // forget, forget_multi

    // Bytes read or written through the daemon, for the activity record.
    void moved(std::uint64_t bytes) noexcept
    {
        if (m_record) {
            m_record->bytes = bytes;
        }
    }
    // Who sent it, with the command name, when the activity ring is kept
    // (an open file remembers it as its opener); empty otherwise.
    [[nodiscard]] Caller caller() const
    {
        return m_record ? m_record->caller : Caller{};
    }

private:
    void sent(int err);

    fuse_req_t m_req;
    MirrorFilesystem::Private &m_fs;
    Stats::OperationCounters &m_counters;
    Stats::Operation m_operation;
    bool m_replied = false;
    int m_error = 0;
    std::optional<PendingRecord> m_record; // only while the activity ring is kept
};

enum class AsCaller : bool {
    No = false, // no check depends on who asks (stat, read, flush, release, forget)
    Yes = true, // run as the caller (credentials.h): shared mode, root callers
};

// Runs `body(Request &)` for one request (see the file comment).
template<typename Body>
void serve(fuse_req_t req, Stats::Operation operation, AsCaller asCaller, const About &about, Body &&body) noexcept;

// Implementation detail of serve(): the part that needs no template.
void runGuarded(Request &request, AsCaller asCaller, void (*thunk)(void *, Request &), void *body) noexcept;

template<typename Body>
void serve(fuse_req_t req, Stats::Operation operation, AsCaller asCaller, const About &about, Body &&body) noexcept
{
    Request request(req, operation, about);
    runGuarded(
        request,
        asCaller,
        [](void *opaque, Request &r) {
            (*static_cast<std::remove_reference_t<Body> *>(opaque))(r);
        },
        &body);
}

// The umask a create-type call (create, mkdir, mknod, tmpfile) runs with:
// the caller's when the kernel sends it separately (FUSE_CAP_DONT_MASK, so a
// default ACL of the parent takes precedence, as natively), else none (the
// kernel applied it to the mode already). Applied with ScopedUmask, whose
// failure must fail the create.
[[nodiscard]] mode_t createUmask(const Request &request) noexcept;

// The entry reply for `inode`, which the table just remembered under a name
// in `parent`.
[[nodiscard]] fuse_entry_param makeEntry(const MirrorFilesystem::Private &fs, const Inode &parent, const Inode &inode, const struct stat &st);

} // namespace PassMirror::Fs
