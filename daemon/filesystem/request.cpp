// SPDX-License-Identifier: GPL-2.0-or-later
#include "request.h"

#include "credentials.h"

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <optional>

namespace PassMirror::Fs
{

namespace
{
constexpr auto relaxed = std::memory_order_relaxed;

// Counting every request and error; compiled out (-DPASSMIRROR_COUNTERS=OFF)
// only to measure what counting costs (docs/PERFORMANCE.md).
inline void count(std::atomic<std::uint64_t> &counter)
{
#ifdef PASSMIRROR_NO_COUNTERS
    (void)counter;
#else
    counter.fetch_add(1, relaxed);
#endif
}
}

Request::Request(fuse_req_t req, Stats::Operation operation, const About &about)
    : m_req(req)
    , m_fs(MirrorFilesystem::Private::of(req))
    , m_counters(m_fs.stats.counters(operation))
    , m_operation(operation)
{
    count(m_counters.requests);
    if (m_fs.activity.enabled() && about.recorded) {
        try {
            m_record.emplace(m_fs.activity.begin(req, about));
        } catch (...) {
            // No memory for the record: the request is served without one.
        }
    }
}

Request::~Request()
{
    if (!m_replied) {
        // A body that returned without answering: answer, never leave the caller hanging.
        std::fprintf(stderr, "passmirrord: %s returned without a reply; answering EIO\n", Stats::operationName(m_operation).data());
        error(EIO);
    }
    if (m_record) {
        m_fs.activity.finish(*m_record, m_operation, m_error);
    }
}

void Request::sent(int err)
{
    m_replied = true;
    m_error = err;
    // Names moved or went through the mirror: paths the activity recorder
    // cached may be stale. Before the reply, or the caller's next request
    // could be recorded with a path that no longer is.
    if (m_record && err == 0
        && (m_operation == Stats::Operation::Rename || m_operation == Stats::Operation::Unlink || m_operation == Stats::Operation::Rmdir)) {
        m_fs.activity.namesChanged();
    }
    if (err != 0) {
        count(m_counters.errors);
    }
    if (m_fs.config.debug) {
        std::fprintf(stderr, "passmirrord: %s -> %s\n", Stats::operationName(m_operation).data(), err == 0 ? "ok" : std::strerror(err));
    }
}

void Request::error(int err)
{
    sent(err);
    fuse_reply_err(m_req, err);
}

void Request::entry(const fuse_entry_param &entry)
{
    sent(0);
    fuse_reply_entry(m_req, &entry);
}

void Request::noEntry(const Inode &parent)
{
    sent(ENOENT);
    fuse_entry_param entry{};
    entry.ino = 0;
    entry.entry_timeout = m_fs.entryTimeoutIn(parent);
    fuse_reply_entry(m_req, &entry);
}

void Request::create(const fuse_entry_param &entry, const fuse_file_info &fi)
{
    sent(0);
    fuse_reply_create(m_req, &entry, &fi);
}

void Request::attr(const struct stat &st, const Inode &inode)
{
    sent(0);
    fuse_reply_attr(m_req, &st, m_fs.attrTimeoutOf(inode));
}

void Request::readlink(const char *target)
{
    sent(0);
    fuse_reply_readlink(m_req, target);
}

void Request::open(const fuse_file_info &fi)
{
    sent(0);
    fuse_reply_open(m_req, &fi);
}

void Request::write(std::size_t count)
{
    sent(0);
    fuse_reply_write(m_req, count);
}

void Request::buffer(const char *data, std::size_t size)
{
    sent(0);
    fuse_reply_buf(m_req, data, size);
}

bool Request::data(fuse_bufvec &buffer, fuse_buf_copy_flags flags)
{
    // fuse_reply_data answers with an error itself when reading the fd fails.
    m_replied = true;
    const int result = fuse_reply_data(m_req, &buffer, flags);
    if (result < 0 && result != -ENOENT) { // -ENOENT: the request was interrupted
        count(m_counters.errors);
    }
    if (result < 0) {
        m_error = -result;
    }
    return result == 0;
}

void Request::statfs(const struct statvfs &st)
{
    sent(0);
    fuse_reply_statfs(m_req, &st);
}

void Request::xattr(std::size_t size)
{
    sent(0);
    fuse_reply_xattr(m_req, size);
}

void Request::lock(const struct flock &lock)
{
    sent(0);
    fuse_reply_lock(m_req, &lock);
}

void Request::lseek(off_t offset)
{
    sent(0);
    fuse_reply_lseek(m_req, offset);
}

void Request::poll(unsigned events)
{
    sent(0);
    fuse_reply_poll(m_req, events);
}

void Request::none()
{
    m_replied = true;
    fuse_reply_none(m_req);
}

void runGuarded(Request &request, AsCaller asCaller, void (*thunk)(void *, Request &), void *body) noexcept
{
    try {
        auto &fs = request.fs();
        // Destroyed before the catch blocks run: the thread is the owner's
        // again whichever way the body ends.
        std::optional<ScopedCallerIdentity> caller;
        if (asCaller == AsCaller::Yes && (fs.identity.shared || fs.identity.owner.uid == 0)) {
            caller.emplace(request.handle(), fs.identity);
            if (caller->error() != 0) {
                return request.error(caller->error());
            }
        }
        thunk(body, request);
    } catch (const std::bad_alloc &) {
        if (!request.replied()) {
            request.error(ENOMEM);
        }
    } catch (...) {
        if (!request.replied()) {
            request.error(EIO);
        }
    }
}

mode_t createUmask(const Request &request) noexcept
{
    return request.fs().dontMask ? fuse_req_ctx(request.handle())->umask : 0;
}

fuse_entry_param makeEntry(const MirrorFilesystem::Private &fs, const Inode &parent, const Inode &inode, const struct stat &st)
{
    fuse_entry_param entry{};
    entry.ino = inode.nodeId;
    entry.generation = inode.generation;
    entry.attr = st;
    entry.attr_timeout = fs.attrTimeoutOf(inode);
    entry.entry_timeout = fs.entryTimeoutIn(parent);
    return entry;
}

} // namespace PassMirror::Fs
