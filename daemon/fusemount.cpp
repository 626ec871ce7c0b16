// SPDX-License-Identifier: GPL-2.0-or-later
#include "fusemount.h"

#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <linux/mount.h>
#include <string_view>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <vector>

namespace PassMirror
{

namespace
{

// The kernel explains fsconfig/fsmount refusals as "e message" lines on the
// context fd; a person needs that text, not just EINVAL.
std::string contextMessages(int fsFd)
{
    std::string messages;
    char buffer[512];
    for (;;) {
        const ssize_t size = read(fsFd, buffer, sizeof buffer - 1);
        if (size <= 0) {
            break;
        }
        std::string_view line(buffer, static_cast<std::size_t>(size));
        if (line.size() > 2 && line[1] == ' ') {
            line.remove_prefix(2);
        }
        while (!line.empty() && line.back() == '\n') {
            line.remove_suffix(1);
        }
        messages += messages.empty() ? "" : "; ";
        messages += line;
    }
    return messages;
}

Failure mountFailure(const std::string &step, int error, int fsFd)
{
    std::string message = withErrno("cannot mount: " + step, error);
    if (fsFd >= 0) {
        const std::string details = contextMessages(fsFd);
        if (!details.empty()) {
            message += " (" + details + ")";
        }
    }
    return failure(error == EPERM ? MirrorError::NotPermitted : MirrorError::MountFailed, message);
}

bool setString(int fsFd, const char *key, const std::string &value)
{
    return fsconfig(fsFd, FSCONFIG_SET_STRING, key, value.c_str(), 0) == 0;
}

bool setFlag(int fsFd, const char *key)
{
    return fsconfig(fsFd, FSCONFIG_SET_FLAG, key, nullptr, 0) == 0;
}

} // namespace

std::string mountSourceLabel(const std::string &sourcePath)
{
    constexpr std::size_t Limit = 255;
    if (sourcePath.size() <= Limit) {
        return sourcePath;
    }
    const std::string ellipsis = "\u2026";
    std::size_t start = sourcePath.size() - (Limit - ellipsis.size());
    const std::size_t slash = sourcePath.find('/', start);
    if (slash != std::string::npos) {
        start = slash;
    } else {
        while (start < sourcePath.size() && (static_cast<unsigned char>(sourcePath[start]) & 0xC0) == 0x80) {
            ++start; // not in the middle of a UTF-8 sequence
        }
    }
    return ellipsis + sourcePath.substr(start);
}

std::variant<FuseMount, Failure> FuseMount::mount(const MountRequest &request, const PathRules::OpenedPath &mountPoint)
{
    if (!mountPoint.parent || mountPoint.name.empty()) {
        return failure(MirrorError::MountFailed, "cannot mount on /");
    }
    UniqueFd fs(fsopen("fuse", FSOPEN_CLOEXEC));
    if (!fs) {
        return mountFailure("fsopen(fuse)", errno, -1);
    }
    // rootmode is octal text: S_IFDIR without permission bits, as the kernel
    // expects; default_permissions makes the kernel check modes itself. The
    // root has this mode (and uid 0) until the kernel keeps a GETATTR answer,
    // which the supervisor waits for before it says ready.
    const struct {
        const char *key;
        std::string value;
    } strings[] = {
        {"source", mountSourceLabel(request.source)},
        {"subtype", "passmirror"},
        {"fd", std::to_string(request.fuseFd)},
        {"rootmode", "40000"},
        {"user_id", std::to_string(request.ownerUid)},
        {"group_id", std::to_string(request.ownerGid)},
    };
    for (const auto &[key, value] : strings) {
        if (!setString(fs.get(), key, value)) {
            return mountFailure(std::string("fsconfig ") + key, errno, fs.get());
        }
    }
    if (!setFlag(fs.get(), "default_permissions")) {
        return mountFailure("fsconfig default_permissions", errno, fs.get());
    }
    if (request.shared && !setFlag(fs.get(), "allow_other")) {
        return mountFailure("fsconfig allow_other", errno, fs.get());
    }
    if (fsconfig(fs.get(), FSCONFIG_CMD_CREATE, nullptr, nullptr, 0) != 0) {
        return mountFailure("creating the superblock", errno, fs.get());
    }
    unsigned int attributes = MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV;
    if (request.readOnly) {
        attributes |= MOUNT_ATTR_RDONLY;
    }
    UniqueFd root(fsmount(fs.get(), FSMOUNT_CLOEXEC, attributes));
    if (!root) {
        return mountFailure("fsmount", errno, fs.get());
    }
    const std::uint64_t mountId = mountIdOfFd(root.get());
    if (mountId == 0) {
        return failure(MirrorError::Internal, "cannot read the new mount's id from /proc/self/fdinfo");
    }

    FuseMount result;
    result.m_parent = UniqueFd(fcntl(mountPoint.parent.get(), F_DUPFD_CLOEXEC, 0));
    if (!result.m_parent) {
        return failure(MirrorError::Internal, withErrno("cannot duplicate the mount point's parent fd", errno));
    }
    if (move_mount(root.get(), "", mountPoint.fd.get(), "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) != 0) {
        // Not attached yet: closing `root` and `fs` drops the mount entirely.
        return mountFailure("move_mount onto " + mountPoint.path, errno, -1);
    }
    result.m_root = std::move(root);
    result.m_name = mountPoint.name;
    result.m_mountId = mountId;
    // Attached now, so listmount sees it. Unknown (0) before Linux 6.8.
    result.m_uniqueId = uniqueMountIdOf(mountId).value_or(0);
    result.m_mounter = getpid();
    return result;
}

FuseMount::FuseMount(FuseMount &&other) noexcept
    : m_root(std::move(other.m_root))
    , m_parent(std::move(other.m_parent))
    , m_name(std::move(other.m_name))
    , m_mountId(other.m_mountId)
    , m_uniqueId(other.m_uniqueId)
    , m_mounter(other.m_mounter)
    , m_released(std::exchange(other.m_released, true))
{
}

FuseMount::~FuseMount()
{
    if (!m_released && m_mounter == getpid()) {
        detach();
    }
}

bool FuseMount::isOurs(int fd) const
{
    return isStillMount(fd, m_mountId, m_uniqueId);
}

UniqueFd FuseMount::openMountPoint() const
{
    // Looking up the name in the parent and stepping onto the mount on top
    // sends nothing to the FUSE server, so this works on a dead connection.
    return UniqueFd(openat(m_parent.get(), m_name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
}

bool FuseMount::isAttached() const
{
    if (!m_parent) {
        return false;
    }
    const UniqueFd top = openMountPoint();
    return top && isOurs(top.get());
}

bool FuseMount::detach()
{
    m_root.reset();
    if (!m_parent) {
        return true;
    }
    const UniqueFd top = openMountPoint();
    if (!top || !isOurs(top.get())) {
        // Someone unmounted it already (or replaced the mount point): leave
        // whatever is there now alone.
        return true;
    }
    // The magic link names exactly the mount we checked; a path string could
    // have been swapped by then.
    const std::string path = "/proc/self/fd/" + std::to_string(top.get());
    if (umount2(path.c_str(), MNT_DETACH) != 0) {
        return false;
    }
    m_released = true;
    return true;
}

} // namespace PassMirror
