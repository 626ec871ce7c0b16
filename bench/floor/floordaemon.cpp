// SPDX-License-Identifier: GPL-2.0-or-later
// passmirror-floor: the smallest FUSE daemon that can serve the bench's
// workloads. Everything lives in memory and every request is answered at
// once, so what it reaches is the cost of FUSE itself (the request round
// trips), the "floor" each metadata figure of the mirror is compared with.
//
// It runs with what passmirrord uses: mounted with fsopen/fsconfig/fsmount
// (default_permissions, nosuid, nodev, user_id/group_id of the owner), the
// multithreaded loop with clone_fd, the same entry and attribute timeouts,
// readdirplus, cached listings, no writeback cache. File contents are not
// kept: reads return zeros up to the file's size, writes only move the size.
//
// Usage: passmirror-floor MOUNTPOINT --owner=UID:GID [--io-uring=auto|on|off]
// It prints "ready" on stdout once mounted and ends (unmounting) on SIGTERM.
#include "floortree.h"

#include <fuse_lowlevel.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <linux/mount.h>
#include <memory>
#include <string>
#include <string_view>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace
{

using PassMirror::Bench::FloorTree;

// Those of passmirrord (daemon/filesystem/mirrorfilesystemprivate.h).
constexpr double EntryTimeout = 1.0;
constexpr double AttrTimeout = 1.0;

FloorTree &tree(fuse_req_t req)
{
    return *static_cast<FloorTree *>(fuse_req_userdata(req));
}

void replyEntry(fuse_req_t req, const struct stat &attributes)
{
    fuse_entry_param entry{};
    entry.ino = attributes.st_ino;
    entry.generation = 1;
    entry.attr = attributes;
    entry.attr_timeout = AttrTimeout;
    entry.entry_timeout = EntryTimeout;
    fuse_reply_entry(req, &entry);
}

void replyEntryOrError(fuse_req_t req, int error, const struct stat &attributes)
{
    if (error != 0) {
        fuse_reply_err(req, error);
    } else {
        replyEntry(req, attributes);
    }
}

void init(void *, fuse_conn_info *conn)
{
    fuse_unset_feature_flag(conn, FUSE_CAP_WRITEBACK_CACHE);
    fuse_set_feature_flag(conn, FUSE_CAP_READDIRPLUS);
    fuse_set_feature_flag(conn, FUSE_CAP_ATOMIC_O_TRUNC);
    fuse_unset_feature_flag(conn, FUSE_CAP_SPLICE_READ);
}

void lookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    struct stat attributes{};
    const int error = tree(req).lookup(parent, name, attributes);
    replyEntryOrError(req, error, attributes);
}

void getattr(fuse_req_t req, fuse_ino_t ino, fuse_file_info *)
{
    struct stat attributes{};
    if (const int error = tree(req).getattr(ino, attributes)) {
        fuse_reply_err(req, error);
        return;
    }
    fuse_reply_attr(req, &attributes, AttrTimeout);
}

void setattr(fuse_req_t req, fuse_ino_t ino, struct stat *changes, int toSet, fuse_file_info *)
{
    struct stat attributes{};
    if (const int error = tree(req).setattr(ino, *changes, toSet, attributes)) {
        fuse_reply_err(req, error);
        return;
    }
    fuse_reply_attr(req, &attributes, AttrTimeout);
}

void mknodOrMkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)
{
    const fuse_ctx *context = fuse_req_ctx(req);
    struct stat attributes{};
    const int error = tree(req).create(parent, name, mode, context->uid, context->gid, attributes);
    replyEntryOrError(req, error, attributes);
}

void mknod(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, dev_t)
{
    if (!S_ISREG(mode)) {
        fuse_reply_err(req, EPERM);
        return;
    }
    mknodOrMkdir(req, parent, name, mode);
}

void mkdir(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode)
{
    mknodOrMkdir(req, parent, name, S_IFDIR | (mode & 07777));
}

void unlink(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    fuse_reply_err(req, tree(req).remove(parent, name, false));
}

void rmdir(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    fuse_reply_err(req, tree(req).remove(parent, name, true));
}

void rename(fuse_req_t req, fuse_ino_t parent, const char *name, fuse_ino_t newParent, const char *newName, unsigned int flags)
{
    fuse_reply_err(req, flags != 0 ? EINVAL : tree(req).rename(parent, name, newParent, newName));
}

void forget(fuse_req_t req, fuse_ino_t, uint64_t)
{
    fuse_reply_none(req);
}

void open(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    struct stat attributes{};
    if (const int error = tree(req).getattr(ino, attributes)) {
        fuse_reply_err(req, error);
        return;
    }
    if ((fi->flags & O_TRUNC) != 0) {
        struct stat changes{};
        (void)tree(req).setattr(ino, changes, FUSE_SET_ATTR_SIZE, attributes);
    }
    fuse_reply_open(req, fi);
}

void create(fuse_req_t req, fuse_ino_t parent, const char *name, mode_t mode, fuse_file_info *fi)
{
    const fuse_ctx *context = fuse_req_ctx(req);
    struct stat attributes{};
    if (const int error = tree(req).create(parent, name, S_IFREG | (mode & 07777), context->uid, context->gid, attributes)) {
        fuse_reply_err(req, error);
        return;
    }
    fuse_entry_param entry{};
    entry.ino = attributes.st_ino;
    entry.generation = 1;
    entry.attr = attributes;
    entry.attr_timeout = AttrTimeout;
    entry.entry_timeout = EntryTimeout;
    fuse_reply_create(req, &entry, fi);
}

void read(fuse_req_t req, fuse_ino_t ino, size_t size, off_t offset, fuse_file_info *)
{
    static const std::vector<char> zeros(1 << 20, '\0');
    struct stat attributes{};
    if (const int error = tree(req).getattr(ino, attributes)) {
        fuse_reply_err(req, error);
        return;
    }
    const off_t available = offset < attributes.st_size ? attributes.st_size - offset : 0;
    const size_t count = std::min({size, static_cast<size_t>(available), zeros.size()});
    fuse_reply_buf(req, zeros.data(), count);
}

void write(fuse_req_t req, fuse_ino_t ino, const char *, size_t size, off_t offset, fuse_file_info *)
{
    tree(req).extend(ino, offset + static_cast<off_t>(size));
    fuse_reply_write(req, size);
}

void flush(fuse_req_t req, fuse_ino_t, fuse_file_info *)
{
    fuse_reply_err(req, 0);
}

void release(fuse_req_t req, fuse_ino_t, fuse_file_info *)
{
    fuse_reply_err(req, 0);
}

void fsync(fuse_req_t req, fuse_ino_t, int, fuse_file_info *)
{
    fuse_reply_err(req, 0);
}

void opendir(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    struct stat attributes{};
    if (const int error = tree(req).getattr(ino, attributes)) {
        fuse_reply_err(req, error);
        return;
    }
    // As passmirrord's opendir: no kernel readdir cache (cache_readdir), so
    // every listing is a round trip, as it is for the mirror.
    fuse_reply_open(req, fi);
}

void readdirAny(fuse_req_t req, fuse_ino_t ino, size_t size, off_t offset, bool plus)
{
    std::vector<char> buffer(size);
    size_t used = 0;
    const int error = tree(req).forEachChild(ino, offset, [&](const std::string &name, const struct stat &attributes, off_t next) {
        size_t needed = 0;
        if (plus) {
            fuse_entry_param entry{};
            entry.ino = attributes.st_ino;
            entry.generation = 1;
            entry.attr = attributes;
            entry.attr_timeout = AttrTimeout;
            entry.entry_timeout = EntryTimeout;
            needed = fuse_add_direntry_plus(req, buffer.data() + used, size - used, name.c_str(), &entry, next);
        } else {
            needed = fuse_add_direntry(req, buffer.data() + used, size - used, name.c_str(), &attributes, next);
        }
        if (needed > size - used) {
            return false;
        }
        used += needed;
        return true;
    });
    if (error != 0) {
        fuse_reply_err(req, error);
        return;
    }
    fuse_reply_buf(req, buffer.data(), used);
}

void readdir(fuse_req_t req, fuse_ino_t ino, size_t size, off_t offset, fuse_file_info *)
{
    readdirAny(req, ino, size, offset, false);
}

void readdirplus(fuse_req_t req, fuse_ino_t ino, size_t size, off_t offset, fuse_file_info *)
{
    readdirAny(req, ino, size, offset, true);
}

void releasedir(fuse_req_t req, fuse_ino_t, fuse_file_info *)
{
    fuse_reply_err(req, 0);
}

void statfs(fuse_req_t req, fuse_ino_t)
{
    struct statvfs result{};
    result.f_bsize = 4096;
    result.f_frsize = 4096;
    result.f_blocks = result.f_bfree = result.f_bavail = 1 << 20;
    result.f_files = result.f_ffree = 1 << 20;
    result.f_namemax = 255;
    fuse_reply_statfs(req, &result);
}

fuse_lowlevel_ops operations()
{
    fuse_lowlevel_ops ops{};
    ops.init = init;
    ops.lookup = lookup;
    ops.forget = forget;
    ops.getattr = getattr;
    ops.setattr = setattr;
    ops.mknod = mknod;
    ops.mkdir = mkdir;
    ops.unlink = unlink;
    ops.rmdir = rmdir;
    ops.rename = rename;
    ops.open = open;
    ops.create = create;
    ops.read = read;
    ops.write = write;
    ops.flush = flush;
    ops.release = release;
    ops.fsync = fsync;
    ops.opendir = opendir;
    ops.readdir = readdir;
    ops.readdirplus = readdirplus;
    ops.releasedir = releasedir;
    ops.statfs = statfs;
    return ops;
}

struct Fd {
    int fd = -1;
    explicit Fd(int value)
        : fd(value)
    {
    }
    ~Fd()
    {
        if (fd >= 0) {
            ::close(fd);
        }
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
};

// Mounts as passmirrord does (daemon/fusemount.cpp); returns an error text or "".
std::string mountAt(const std::string &mountPoint, int fuseFd, unsigned uid, unsigned gid)
{
    Fd fs(static_cast<int>(syscall(SYS_fsopen, "fuse", FSOPEN_CLOEXEC)));
    if (fs.fd < 0) {
        return std::string("fsopen: ") + std::strerror(errno);
    }
    const std::pair<const char *, std::string> strings[] = {
        {"source", "passmirror-floor"},
        {"subtype", "passmirror-floor"},
        {"fd", std::to_string(fuseFd)},
        {"rootmode", "40000"},
        {"user_id", std::to_string(uid)},
        {"group_id", std::to_string(gid)},
    };
    for (const auto &[key, value] : strings) {
        if (syscall(SYS_fsconfig, fs.fd, FSCONFIG_SET_STRING, key, value.c_str(), 0) != 0) {
            return std::string("fsconfig ") + key + ": " + std::strerror(errno);
        }
    }
    if (syscall(SYS_fsconfig, fs.fd, FSCONFIG_SET_FLAG, "default_permissions", nullptr, 0) != 0
        || syscall(SYS_fsconfig, fs.fd, FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) != 0) {
        return std::string("fsconfig: ") + std::strerror(errno);
    }
    Fd root(static_cast<int>(syscall(SYS_fsmount, fs.fd, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV)));
    if (root.fd < 0) {
        return std::string("fsmount: ") + std::strerror(errno);
    }
    if (syscall(SYS_move_mount, root.fd, "", AT_FDCWD, mountPoint.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0) {
        return "move_mount onto " + mountPoint + ": " + std::strerror(errno);
    }
    return {};
}

int usage(const std::string &problem)
{
    std::fprintf(stderr, "passmirror-floor: %s\nUsage: passmirror-floor MOUNTPOINT --owner=UID:GID [--io-uring=auto|on|off]\n", problem.c_str());
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    std::string mountPoint;
    unsigned uid = 0;
    unsigned gid = 0;
    bool haveOwner = false;
    std::string ioUring = "off";
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument.starts_with("--owner=")) {
            if (std::sscanf(argv[i] + 8, "%u:%u", &uid, &gid) != 2) {
                return usage("--owner needs UID:GID");
            }
            haveOwner = true;
        } else if (argument.starts_with("--io-uring=")) {
            ioUring = std::string(argument.substr(11));
            if (ioUring != "auto" && ioUring != "on" && ioUring != "off") {
                return usage("--io-uring must be auto, on or off");
            }
        } else if (!argument.starts_with("-") && mountPoint.empty()) {
            mountPoint = std::string(argument);
        } else {
            return usage("unexpected argument " + std::string(argument));
        }
    }
    if (mountPoint.empty() || !haveOwner) {
        return usage("MOUNTPOINT and --owner are required");
    }

    // The transport hook (issue #12 part B): libfuse >= 3.18 takes "-o io_uring"
    // as a session option and falls back to /dev/fuse when the ring cannot start.
    std::vector<std::string> argumentStrings = {"passmirror-floor"};
#if FUSE_MAJOR_VERSION > 3 || (FUSE_MAJOR_VERSION == 3 && FUSE_MINOR_VERSION >= 18)
    if (ioUring != "off") {
        argumentStrings.emplace_back("-o");
        argumentStrings.emplace_back("io_uring");
    }
#else
    if (ioUring == "on") {
        return usage("--io-uring=on needs libfuse 3.18 or later at build time");
    }
#endif
    std::vector<char *> rawArguments;
    for (std::string &argument : argumentStrings) {
        rawArguments.push_back(argument.data());
    }
    rawArguments.push_back(nullptr);
    fuse_args arguments = FUSE_ARGS_INIT(static_cast<int>(argumentStrings.size()), rawArguments.data());

    const int fuseFd = ::open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fuseFd < 0) {
        std::fprintf(stderr, "passmirror-floor: /dev/fuse: %s\n", std::strerror(errno));
        return 1;
    }
    if (const std::string problem = mountAt(mountPoint, fuseFd, uid, gid); !problem.empty()) {
        std::fprintf(stderr, "passmirror-floor: %s\n", problem.c_str());
        ::close(fuseFd);
        return 1;
    }

    FloorTree floorTree(uid, gid);
    const fuse_lowlevel_ops ops = operations();
    fuse_session *session = fuse_session_new(&arguments, &ops, sizeof ops, &floorTree);
    const std::string devicePath = "/dev/fd/" + std::to_string(fuseFd);
    if (session == nullptr || fuse_session_mount(session, devicePath.c_str()) != 0) {
        std::fprintf(stderr, "passmirror-floor: cannot start the FUSE session\n");
        umount2(mountPoint.c_str(), MNT_DETACH);
        return 1;
    }
    fuse_set_signal_handlers(session);
    std::printf("ready\n");
    std::fflush(stdout);

    fuse_loop_config *loopConfig = fuse_loop_cfg_create();
    fuse_loop_cfg_set_clone_fd(loopConfig, 1);
    fuse_loop_cfg_set_max_threads(loopConfig, 16);
    const int result = fuse_session_loop_mt(session, loopConfig);
    fuse_loop_cfg_destroy(loopConfig);
    fuse_remove_signal_handlers(session);
    fuse_session_destroy(session);
    umount2(mountPoint.c_str(), MNT_DETACH);
    return result < 0 ? 1 : 0;
}
