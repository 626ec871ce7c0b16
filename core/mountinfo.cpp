// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountinfo.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>

namespace PassMirror
{

namespace
{
// mountinfo escapes space, tab, newline and backslash as \ooo.
QByteArray unescape(const QByteArray &field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            const QByteArray digits = field.mid(i + 1, 3);
            bool ok = false;
            const int value = digits.toInt(&ok, 8);
            if (ok && digits.size() == 3) {
                out += static_cast<char>(value);
                i += 3;
                continue;
            }
        }
        out += field[i];
    }
    return out;
}
} // namespace

QList<MountEntry> parseMountInfo(const QByteArray &text)
{
    QList<MountEntry> mounts;
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        const qsizetype separator = fields.indexOf("-");
        if (fields.size() < 10 || separator < 6 || separator + 2 >= fields.size()) {
            continue;
        }
        MountEntry entry;
        bool idOk = false;
        bool parentOk = false;
        entry.id = fields[0].toULongLong(&idOk);
        entry.parentId = fields[1].toULongLong(&parentOk);
        if (!idOk || !parentOk) {
            continue;
        }
        entry.mountPoint = unescape(fields[4]);
        entry.fsType = unescape(fields[separator + 1]);
        entry.mountSource = unescape(fields[separator + 2]);
        entry.superOptions = separator + 3 < fields.size() ? fields[separator + 3] : QByteArray();
        mounts.append(entry);
    }
    return mounts;
}

namespace
{
qint64 numericOption(const QByteArray &superOptions, const QByteArray &prefix)
{
    for (const QByteArray &option : superOptions.split(',')) {
        if (option.startsWith(prefix)) {
            bool ok = false;
            const qint64 value = option.mid(prefix.size()).toLongLong(&ok);
            return ok ? value : -1;
        }
    }
    return -1;
}
} // namespace

qint64 MountEntry::fuseUserId() const
{
    return numericOption(superOptions, QByteArrayLiteral("user_id="));
}

qint64 MountEntry::fuseGroupId() const
{
    return numericOption(superOptions, QByteArrayLiteral("group_id="));
}

QList<MountEntry> readMountInfo(const char *path)
{
    QFile file(QString::fromLocal8Bit(path));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return parseMountInfo(file.readAll());
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

quint64 mountIdOf(int fd)
{
    struct statx stx {
    };
    if (statx(fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_MNT_ID, &stx) != 0 || !(stx.stx_mask & STATX_MNT_ID)) {
        return 0;
    }
    return stx.stx_mnt_id;
}

} // namespace PassMirror
