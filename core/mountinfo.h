// SPDX-License-Identifier: GPL-2.0-or-later
// The mounts of this process's namespace, from /proc/self/mountinfo.
#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace PassMirror
{

inline constexpr char MirrorFsType[] = "fuse.passmirror";

struct MountEntry {
    quint64 id = 0;
    quint64 parentId = 0;
    QByteArray mountPoint; // unescaped
    QByteArray fsType;
    QByteArray mountSource;
    QByteArray superOptions; // e.g. "rw,user_id=1000,group_id=1000,default_permissions"

    // FUSE's user_id= option: whom the kernel lets in (without allow_other); -1 if absent.
    [[nodiscard]] qint64 fuseUserId() const;
    // FUSE's group_id= option; -1 if absent.
    [[nodiscard]] qint64 fuseGroupId() const;

    [[nodiscard]] bool isMirror() const
    {
        return fsType == MirrorFsType;
    }
};

// Parses the text of a mountinfo file; lines it cannot read are skipped.
[[nodiscard]] QList<MountEntry> parseMountInfo(const QByteArray &text);
[[nodiscard]] QList<MountEntry> readMountInfo(const char *path = "/proc/self/mountinfo");
// The topmost mount at `mountPoint`, if any.
[[nodiscard]] std::optional<MountEntry> mountAt(const QList<MountEntry> &mounts, const QByteArray &mountPoint);
// The mount id of the mount an fd is on (statx STATX_MNT_ID); 0 when unknown.
[[nodiscard]] quint64 mountIdOf(int fd);

} // namespace PassMirror
