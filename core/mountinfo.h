// SPDX-License-Identifier: GPL-2.0-or-later
// The mounts of this process's namespace for the Qt processes: the mount
// table as base/mounttable.h reads it, in Qt's types.
#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace PassMirror
{

struct MountTableEntry;

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

    [[nodiscard]] static MountEntry from(const MountTableEntry &entry);
};

// Parses the text of a mountinfo file; lines it cannot read are skipped.
[[nodiscard]] QList<MountEntry> parseMountInfo(const QByteArray &text);
[[nodiscard]] QList<MountEntry> readMountInfo(const char *path = "/proc/self/mountinfo");
// The topmost mount at `mountPoint`, if any.
[[nodiscard]] std::optional<MountEntry> mountAt(const QList<MountEntry> &mounts, const QByteArray &mountPoint);

} // namespace PassMirror
