// SPDX-License-Identifier: GPL-2.0-or-later
#include "sourceavailability.h"

#include <QDir>
#include <QFile>

#include <pwd.h>
#include <unistd.h>

namespace PassMirror::SourceAvailability
{

namespace
{
// "/a/b" is at or below "/a"; "/ab" is not.
bool isAtOrBelow(const QString &path, const QString &folder)
{
    if (folder == QLatin1String("/")) {
        return path.startsWith(QLatin1Char('/'));
    }
    return path == folder || path.startsWith(folder + QLatin1Char('/'));
}
} // namespace

QString currentUserName()
{
    if (const QString fromSession = qEnvironmentVariable("USER"); !fromSession.isEmpty()) {
        return fromSession;
    }
    const passwd *entry = ::getpwuid(::getuid());
    return entry != nullptr ? QString::fromLocal8Bit(entry->pw_name) : QString();
}

QString volumeOf(const QString &source, const QString &recorded, const QString &userName)
{
    const QString path = QDir::cleanPath(source);
    // The folders udisks (and the desktops on top of it) mount drives in:
    // /media/USER/LABEL (Debian, Ubuntu) and /run/media/USER/LABEL (Fedora, Arch).
    for (const QLatin1StringView base : {QLatin1StringView("/media/"), QLatin1StringView("/run/media/")}) {
        if (!path.startsWith(base)) {
            continue;
        }
        const QStringList parts = path.mid(base.size()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (parts.size() >= 2 && !userName.isEmpty() && parts.at(0) == userName) {
            return base + parts.at(0) + QLatin1Char('/') + parts.at(1);
        }
    }
    if (!recorded.isEmpty() && recorded != QLatin1String("/") && isAtOrBelow(path, QDir::cleanPath(recorded))) {
        return QDir::cleanPath(recorded);
    }
    return {};
}

QString mountContaining(const QString &path, const QList<MountEntry> &mounts)
{
    const QString clean = QDir::cleanPath(path);
    QString best = QStringLiteral("/");
    for (const MountEntry &mount : mounts) {
        const QString point = QFile::decodeName(mount.mountPoint);
        if (point.size() > best.size() && isAtOrBelow(clean, point)) {
            best = point;
        }
    }
    return best;
}

Status check(const QString &source, const QString &volume, const QList<MountEntry> &mounts, uid_t owner, const FolderLook &folder)
{
    const QString path = QDir::cleanPath(source);
    if (!volume.isEmpty() && !mountAt(mounts, QFile::encodeName(volume))) {
        return {false, volume};
    }
    if (!folder.answered) {
        return {false, path, false, true};
    }
    if (!folder.isDirectory) {
        return {false, path};
    }
    if (folder.owner != owner && folder.owner != 0) {
        return {false, path, true};
    }
    return {true, {}};
}

Status check(const QString &source, const QString &volume, const QList<MountEntry> &mounts, uid_t owner)
{
    return check(source, volume, mounts, owner, FolderLook::of(source));
}

QStringList foldersToWatch(const QString &source)
{
    return FolderLook::of(source).foldersToWatch;
}

} // namespace PassMirror::SourceAvailability
