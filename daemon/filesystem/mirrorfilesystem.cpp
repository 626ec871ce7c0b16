// SPDX-License-Identifier: GPL-2.0-or-later
// MirrorFilesystem: the session-wide part (init, destroy) and the table of
// operations. The operations themselves are in ops_*.cpp.
#include "mirrorfilesystem.h"

#include "credentials.h"
#include "mirrorfilesystemprivate.h"
#include "ops.h"

#include <algorithm>
#include <cstdio>
#include <linux/capability.h>
#include <linux/magic.h>
#include <sys/resource.h>
#include <sys/vfs.h>

namespace PassMirror
{

using Stats::Operation;

namespace
{
constexpr auto relaxed = std::memory_order_relaxed;

std::size_t defaultFdCap()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) {
        return 1u << 19;
    }
    // Half the soft limit: the other half is for open files, directories and
    // whatever else the daemon needs.
    return std::max<std::size_t>(static_cast<std::size_t>(limit.rlim_cur) / 2, 16);
}

Stats::Layout &statsOf(FilesystemConfig &config, std::unique_ptr<Stats::Layout> &own)
{
    if (config.stats == nullptr) {
        own = std::make_unique<Stats::Layout>();
        config.stats = own.get();
    }
    return *config.stats;
}

// Whether the source lives on a stacked filesystem, so backing files need one
// more level of stacking below the FUSE passthrough layer.
bool sourceIsStacked(int fd)
{
    struct statfs st{};
    if (fstatfs(fd, &st) != 0) {
        return false;
    }
    switch (static_cast<unsigned long>(st.f_type)) {
    case OVERLAYFS_SUPER_MAGIC:
    case FUSE_SUPER_MAGIC:
    case ECRYPTFS_SUPER_MAGIC:
        return true;
    default:
        return false;
    }
}

void refuse(MirrorFilesystem::Private &d, fuse_conn_info *conn, MirrorError error, std::string message)
{
    std::fprintf(stderr, "passmirrord: %s\n", message.c_str());
    {
        std::lock_guard lock(d.startupMutex);
        d.startupError = error;
        d.startupErrorMessage = std::move(message);
    }
    if (d.session != nullptr) {
        fuse_session_exit(d.session);
    } else {
        // No session to end: ask for a capability the kernel lacks, which
        // makes libfuse fail the INIT handshake (EPROTO) and end the session.
        const std::uint64_t missing = ~conn->capable_ext & (~(~conn->capable_ext) + 1);
        conn->want_ext |= missing != 0 ? missing : FUSE_CAP_PASSTHROUGH;
    }
}

void init(void *userdata, fuse_conn_info *conn)
{
    auto &d = static_cast<MirrorFilesystem *>(userdata)->privateData();
    d.stats.counters(Operation::Init).requests.fetch_add(1, relaxed);

    // Never the writeback cache: it refuses passthrough opens, and it would
    // make the kernel, not the source, the judge of sizes and times.
    fuse_unset_feature_flag(conn, FUSE_CAP_WRITEBACK_CACHE);
    fuse_set_feature_flag(conn, FUSE_CAP_READDIRPLUS);
    fuse_set_feature_flag(conn, FUSE_CAP_ATOMIC_O_TRUNC);
    fuse_set_feature_flag(conn, FUSE_CAP_FLOCK_LOCKS);
    fuse_set_feature_flag(conn, FUSE_CAP_POSIX_LOCKS);
    // Replies to READ are spliced from the backing fd. Requests are not read
    // through a pipe (SPLICE_READ): that costs every small request (OPEN,
    // FLUSH, GETATTR) a splice and a read instead of one read.
    fuse_set_feature_flag(conn, FUSE_CAP_SPLICE_WRITE);
    fuse_unset_feature_flag(conn, FUSE_CAP_SPLICE_MOVE);
    fuse_unset_feature_flag(conn, FUSE_CAP_SPLICE_READ);
    // Userspace-fallback opens are direct I/O; let them be mapped shared.
    fuse_set_feature_flag(conn, FUSE_CAP_DIRECT_IO_ALLOW_MMAP);
    // The kernel checks ACLs (it implies default_permissions); the backing
    // filesystem stores them and keeps the mode in sync.
    fuse_set_feature_flag(conn, FUSE_CAP_POSIX_ACL);
    // The caller's umask comes separately, so the backing filesystem can let a
    // default ACL take precedence over it, as natively.
    d.dontMask = fuse_set_feature_flag(conn, FUSE_CAP_DONT_MASK);
    // Set-id bits and security.capability are cleared by the backing
    // filesystem itself, exactly as natively: writes, truncates and chowns
    // run with the caller's identity and no CAP_FSETID unless the caller has
    // it (credentials.h), and a passthrough open's kernel I/O with the
    // credentials registered for it. Without this flag the kernel would
    // instead send a SETATTR(mode) with the writer's ids, which a writer
    // who does not own the file may not do (the write would fail), and a
    // GETATTR before it.
    fuse_set_feature_flag(conn, FUSE_CAP_HANDLE_KILLPRIV_V2);

    const bool wanted = d.config.passthrough != Stats::PassthroughMode::Off;
    const bool offered = (conn->capable_ext & FUSE_CAP_PASSTHROUGH) != 0;
    // Raised around each registration only (passthrough.cpp).
    const bool privileged = threadHasPermittedCapability(CAP_SYS_ADMIN);
    d.stats.passthroughAvailable.store(offered && privileged ? 1 : 0, relaxed);
    if (wanted && offered && privileged) {
        d.passthrough = fuse_set_feature_flag(conn, FUSE_CAP_PASSTHROUGH);
        conn->max_backing_stack_depth = sourceIsStacked(d.inodes.root().path->get()) ? FUSE_BACKING_STACKED_OVER : FUSE_BACKING_STACKED_UNDER;
    } else if (d.config.passthrough == Stats::PassthroughMode::On) {
        refuse(d,
               conn,
               MirrorError::PassthroughUnavailable,
               !offered ? "--passthrough=on, but the kernel does not offer FUSE passthrough (it needs Linux 6.9 or later with CONFIG_FUSE_PASSTHROUGH)"
                        : "--passthrough=on, but the daemon lacks CAP_SYS_ADMIN, which FUSE passthrough needs");
        return;
    }

    // What a root caller may have raised for its requests: the filesystem
    // capabilities this server holds (shared mode, or a mirror of root's).
    d.identity.raisableForRoot = threadPermittedCapabilities() & Fs::rootCallerCapabilities();
    if (currentFsuid() != d.config.ownerUid || threadEffectiveCapabilities() != 0) {
        std::fprintf(stderr,
                     "passmirrord: warning: serving as fsuid %u with effective capabilities %llx, not as uid %u with none\n",
                     static_cast<unsigned>(currentFsuid()),
                     static_cast<unsigned long long>(threadEffectiveCapabilities()),
                     static_cast<unsigned>(d.config.ownerUid));
    }

    d.activity.start();
    d.watch.reportNameChangesTo(&d.activity.namesEpoch());

    // Last: the watch's thread may send invalidations as soon as it runs.
    if (d.config.sourceWatch) {
        std::string why;
        if (!d.watch.start(d.session, d.inodes.root(), conn->proto_minor, why)) {
            std::fprintf(stderr, "passmirrord: note: not watching the source (%s); names and attributes are cached for 1 s\n", why.c_str());
        }
    }

    const bool canReopen = threadHasPermittedCapability(CAP_DAC_READ_SEARCH);
    d.inodes.setHandleReopenAvailable(canReopen);
    if (!canReopen) {
        std::fprintf(stderr,
                     "passmirrord: note: without CAP_DAC_READ_SEARCH inode fds cannot be dropped and reopened; "
                     "the cap of %zu inode fds is not enforced\n",
                     d.inodes.maxFds());
    }
}

void destroy(void *userdata)
{
    auto &d = static_cast<MirrorFilesystem *>(userdata)->privateData();
    d.stats.counters(Operation::Destroy).requests.fetch_add(1, relaxed);
    // Nothing may be sent to the session once libfuse frees it.
    d.watch.stop();
}

fuse_lowlevel_ops makeOperations()
{
    using namespace Fs::Ops;
    fuse_lowlevel_ops ops{};
    ops.init = init;
    ops.destroy = destroy;
    ops.lookup = lookup;
    ops.forget = forget;
    ops.forget_multi = forgetMulti;
    ops.getattr = getattr;
    ops.setattr = setattr;
    ops.readlink = readlink;
    ops.mknod = mknod;
    ops.mkdir = mkdir;
    ops.unlink = unlink;
    ops.rmdir = rmdir;
    ops.symlink = symlink;
    ops.rename = rename;
    ops.link = link;
    ops.open = open;
    ops.read = read;
    ops.write_buf = writeBuf;
    ops.flush = flush;
    ops.release = release;
    ops.fsync = fsync;
    ops.opendir = opendir;
    ops.readdir = readdir;
    ops.readdirplus = readdirplus;
    ops.releasedir = releasedir;
    ops.fsyncdir = fsyncdir;
    ops.statfs = statfs;
    ops.setxattr = setxattr;
    ops.getxattr = getxattr;
    ops.listxattr = listxattr;
    ops.removexattr = removexattr;
    ops.access = access;
    ops.create = create;
    ops.getlk = getlk;
    ops.setlk = setlk;
    ops.flock = flock;
    ops.ioctl = ioctl;
    ops.poll = poll;
    ops.fallocate = fallocate;
    ops.copy_file_range = copyFileRange;
    ops.lseek = lseek;
    ops.tmpfile = tmpfile;
    return ops;
}

} // namespace

MirrorFilesystem::Private::Private(FilesystemConfig c)
    : config(std::move(c))
    , stats(statsOf(config, ownStats))
    , inodes(stats, std::move(config.source), config.maxInodeFds != 0 ? config.maxInodeFds : defaultFdCap())
    , watch(stats)
    , activity(config.activity, inodes, config.ownerUid, config.shared)
{
    identity.owner.uid = config.ownerUid;
    identity.owner.gid = config.ownerGid;
    identity.owner.groups = config.ownerGroups;
    identity.sortedOwnerGroups = config.ownerGroups;
    std::sort(identity.sortedOwnerGroups.begin(), identity.sortedOwnerGroups.end());
    identity.sortedOwnerGroups.erase(std::unique(identity.sortedOwnerGroups.begin(), identity.sortedOwnerGroups.end()), identity.sortedOwnerGroups.end());
    identity.shared = config.shared;
}

MirrorFilesystem::Private &MirrorFilesystem::Private::of(fuse_req_t req) noexcept
{
    return static_cast<MirrorFilesystem *>(fuse_req_userdata(req))->privateData();
}

MirrorFilesystem::MirrorFilesystem(FilesystemConfig config)
    : d(std::make_unique<Private>(std::move(config)))
{
}

MirrorFilesystem::~MirrorFilesystem() = default;

const fuse_lowlevel_ops &MirrorFilesystem::operations()
{
    static const fuse_lowlevel_ops ops = makeOperations();
    return ops;
}

MirrorError MirrorFilesystem::startupError() const
{
    std::lock_guard lock(d->startupMutex);
    return d->startupError;
}

std::string MirrorFilesystem::startupErrorMessage() const
{
    std::lock_guard lock(d->startupMutex);
    return d->startupErrorMessage;
}

void MirrorFilesystem::setSession(fuse_session *session) noexcept
{
    d->session = session;
}

MirrorFilesystem::Private &MirrorFilesystem::privateData() noexcept
{
    return *d;
}

} // namespace PassMirror
