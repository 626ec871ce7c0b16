// SPDX-License-Identifier: GPL-2.0-or-later
// Mounting a FUSE connection on an opened mount point with the fd-based mount
// API, and finding that exact mount again to detach it.
#pragma once

#include "failure.h"
#include "mounttable.h"
#include "pathrules.h"
#include "uniquefd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>

namespace PassMirror
{

struct MountRequest {
    int fuseFd = -1; // an open /dev/fuse
    std::string source; // shown as the mount's source in mountinfo
    uid_t ownerUid = 0;
    gid_t ownerGid = 0;
    bool shared = false; // allow_other
    bool readOnly = false;
};

// What mountinfo shows as the source: the path, or for one the kernel would
// refuse (fsconfig strings end at 255 bytes) "…" and its tail, cut at a "/"
// (or else at a character boundary). Only a label: nothing reads it back.
[[nodiscard]] std::string mountSourceLabel(const std::string &sourcePath);

// One mounted mirror. Detaches it on destruction unless released, and only in
// the process that mounted it (a forked child inherits a copy of this object).
class FuseMount
{
public:
    // fsopen("fuse") .. move_mount onto mountPoint.fd: nothing is attached
    // unless every step succeeds. Keeps a dup of mountPoint.parent and the
    // name to find the mount again.
    [[nodiscard]] static std::variant<FuseMount, Failure> mount(const MountRequest &request, const PathRules::OpenedPath &mountPoint);

    FuseMount(FuseMount &&other) noexcept;
    FuseMount &operator=(FuseMount &&other) = delete;
    FuseMount(const FuseMount &) = delete;
    FuseMount &operator=(const FuseMount &) = delete;
    ~FuseMount();

    // The fsmount() fd: the mount's root. fstat on it waits for the daemon to
    // answer INIT and GETATTR. Close it once ready: held, it keeps the mount
    // busy for umount and alive after an outside lazy unmount.
    [[nodiscard]] int rootFd() const
    {
        return m_root.get();
    }
    void closeRootFd()
    {
        m_root.reset();
    }

    [[nodiscard]] std::uint64_t mountId() const
    {
        return m_mountId;
    }
    // 0 when the kernel has no statmount (before 6.8).
    [[nodiscard]] std::uint64_t uniqueMountId() const
    {
        return m_uniqueId;
    }
    // The mount point's parent (O_PATH) and the mount point's name in it.
    [[nodiscard]] int parentFd() const
    {
        return m_parent.get();
    }
    [[nodiscard]] const std::string &name() const
    {
        return m_name;
    }

    // Lazily detaches the mount if the mount point still has it on top. Works
    // when the daemon is dead: no request reaches the filesystem. Returns
    // false with errno set when the umount itself failed; true when detached
    // or already gone.
    bool detach();
    [[nodiscard]] bool isAttached() const; // our mount is still on the mount point
    void release()
    {
        m_released = true;
    }

private:
    FuseMount() = default;
    UniqueFd openMountPoint() const;
    [[nodiscard]] bool isOurs(int fd) const; // fd is on our mount

    UniqueFd m_root;
    UniqueFd m_parent;
    std::string m_name;
    std::uint64_t m_mountId = 0;
    std::uint64_t m_uniqueId = 0;
    pid_t m_mounter = -1;
    bool m_released = false;
};

} // namespace PassMirror
