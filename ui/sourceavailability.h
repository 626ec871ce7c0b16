// SPDX-License-Identifier: GPL-2.0-or-later
// Whether the source of a "mount when available" mirror is there: its folder
// exists, and the drive or share it lives on is mounted. A removable drive's
// mount point under /media/USER or /run/media/USER may be left behind empty,
// and a share's folder in /mnt exists whether or not the share is mounted, so
// the folder alone is not enough: the volume must be mounted too.
#pragma once

#include "folderlooker.h"
#include "mountinfo.h"

#include <QList>
#include <QString>

#include <sys/types.h>

namespace PassMirror::SourceAvailability
{

struct Status {
    bool available = false;
    // What the mirror waits for when not available: the volume's mount point
    // if that is what is missing, else the source folder.
    QString waitingFor;
    // The folder is there but someone else's: not mounted, and said so.
    bool foreignOwner = false;
    // Its folder did not answer (a hung share): neither there nor gone.
    bool notAnswering = false;
};

// The mount point the source must be on: a removable drive's by the desktop's
// convention (/media/USER/NAME, /run/media/USER/NAME, USER being `userName`:
// /media/data on its own is an fstab mount, not a drive), else `recorded`
// (the filesystem the source was seen on last), else empty (any will do).
[[nodiscard]] QString volumeOf(const QString &source, const QString &recorded, const QString &userName);

// The person's login name, as the session says it ($USER), else the
// password database's name of the real user id.
[[nodiscard]] QString currentUserName();

// The deepest mount point at or above `path` (lexically), "/" at worst.
[[nodiscard]] QString mountContaining(const QString &path, const QList<MountEntry> &mounts);

// `volume` as volumeOf() gives it; `mounts` the current mount table. A
// source folder that appears must belong to `owner` or root: in a folder
// others may write to (/tmp), anyone could make the folder a mirror waits
// for, and the person's programs would then read and write theirs.
// `folder` is what a FolderLook of the source found (folderlooker.h).
[[nodiscard]] Status check(const QString &source, const QString &volume, const QList<MountEntry> &mounts, uid_t owner, const FolderLook &folder);
// The same, looking at the folder on the calling thread.
[[nodiscard]] Status check(const QString &source, const QString &volume, const QList<MountEntry> &mounts, uid_t owner);

// The folders whose changes may make the source appear or go: the source
// and its parent when it exists, else its nearest existing ancestor.
[[nodiscard]] QStringList foldersToWatch(const QString &source);

} // namespace PassMirror::SourceAvailability
