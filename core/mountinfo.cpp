// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountinfo.h"

#include "mounttable.h"

namespace PassMirror
{

namespace
{
QByteArray bytes(const std::string &text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QList<MountEntry> converted(const std::vector<MountTableEntry> &table)
{
    QList<MountEntry> mounts;
    mounts.reserve(static_cast<qsizetype>(table.size()));
    for (const MountTableEntry &entry : table) {
        mounts.append(MountEntry::from(entry));
    }
    return mounts;
}
} // namespace

MountEntry MountEntry::from(const MountTableEntry &entry)
{
    return MountEntry{entry.id, entry.parentId, bytes(entry.mountPoint), bytes(entry.fsType), bytes(entry.source), bytes(entry.superOptions)};
}

qint64 MountEntry::fuseUserId() const
{
    return numericOption(std::string_view(superOptions.constData(), static_cast<std::size_t>(superOptions.size())), "user_id");
}

qint64 MountEntry::fuseGroupId() const
{
    return numericOption(std::string_view(superOptions.constData(), static_cast<std::size_t>(superOptions.size())), "group_id");
}

QList<MountEntry> parseMountInfo(const QByteArray &text)
{
    return converted(parseMountTable(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))));
}

QList<MountEntry> readMountInfo(const char *path)
{
    return converted(readMountTable(path));
}

std::optional<MountEntry> mountAt(const QList<MountEntry> &mounts, const QByteArray &mountPoint)
{
    // Later lines are mounted on top of earlier ones.
    for (auto it = mounts.crbegin(); it != mounts.crend(); ++it) {
        if (it->mountPoint == mountPoint) {
            return *it;
        }
    }
    return std::nullopt;
}

} // namespace PassMirror
