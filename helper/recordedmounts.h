// SPDX-License-Identifier: GPL-2.0-or-later
// The mounts passmirrord recorded (base/mountrecord.h), as the helper sees
// them: where each one is mounted now, and whether its processes still run.
//
// The helper judges only recorded mounts, and only by the mount table, the
// kernel's mount ids and /proc: it never sends anything to a FUSE server and
// never starts a process, so no mount (a forged "fuse.passmirror" one that
// never answers, say) can stall it.
#pragma once

#include "mountinfo.h"
#include "mountrecord.h"

#include <QList>
#include <QString>

#include <optional>

namespace PassMirror
{

struct RecordedMount {
    QString name; // the record's file name
    MountRecord record;
    // Where the recorded mount is now; nullopt when it is gone (checked by
    // mountinfo id and, where the kernel has one, the never reused unique id).
    std::optional<MountEntry> mount;

    // Neither its supervisor nor its server runs any more: nobody will
    // detach the mount or answer its requests.
    [[nodiscard]] bool abandoned() const;
};

// Every record (at most `limit`), each with its mount looked up in `mounts`.
[[nodiscard]] QList<RecordedMount> recordedMounts(const QList<MountEntry> &mounts, qsizetype limit = 4096);
// The record of the passmirrord started with stats file `statsPath`.
[[nodiscard]] std::optional<RecordedMount> recordedMountFor(const QString &statsPath, const QList<MountEntry> &mounts);
// Removes a record whose mount is gone or abandoned (root only); when its
// processes are gone, also the files its passmirrord published in the stats
// directory (stats file and activity ring): a supervisor killed with SIGKILL
// never removes them, and they would pile up in /run until the next boot.
bool removeRecord(const RecordedMount &recorded);

} // namespace PassMirror
