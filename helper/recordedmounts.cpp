// SPDX-License-Identifier: GPL-2.0-or-later
#include "recordedmounts.h"

#include "activityreader.h"
#include "mounttable.h"
#include "rundirectory.h"

#include <QFile>

#include <unistd.h>

namespace PassMirror
{

namespace
{

std::optional<MountEntry> mountOf(const MountRecord &record, const QList<MountEntry> &mounts)
{
    // The old id is reused as soon as a mount is gone; the unique id is not.
    if (record.uniqueMountId != 0 && oldIdOfUniqueMount(record.uniqueMountId) != record.mountId) {
        return std::nullopt;
    }
    for (const MountEntry &mount : mounts) {
        if (mount.id == record.mountId && mount.isMirror()) {
            return mount;
        }
    }
    return std::nullopt;
}

RecordedMount recorded(const std::string &name, const MountRecord &record, const QList<MountEntry> &mounts)
{
    return RecordedMount{QString::fromStdString(name), record, mountOf(record, mounts)};
}

} // namespace

bool RecordedMount::abandoned() const
{
    return !processRunning(record.supervisorPid, record.supervisorStart) && !processRunning(record.serverPid, record.serverStart);
}

QList<RecordedMount> recordedMounts(const QList<MountEntry> &mounts, qsizetype limit)
{
    QList<RecordedMount> found;
    for (const auto &[name, record] : readMountRecords(static_cast<std::size_t>(limit))) {
        found.append(recorded(name, record, mounts));
    }
    return found;
}

std::optional<RecordedMount> recordedMountFor(const QString &statsPath, const QList<MountEntry> &mounts)
{
    const std::string wanted = QFile::encodeName(statsPath).toStdString();
    for (const auto &[name, record] : readMountRecords()) {
        if (record.statsPath == wanted) {
            return recorded(name, record, mounts);
        }
    }
    return std::nullopt;
}

bool removeRecord(const RecordedMount &recorded)
{
    const QString &name = recorded.name;
    if (name.isEmpty() || name.startsWith(QLatin1Char('.')) || name.contains(QLatin1Char('/'))) {
        return false;
    }
    // Only once neither of its processes runs (a supervisor still running
    // removes its own files, and a record read while its mount was still
    // being made must not cost a live mirror its stats), and only a plain
    // name directly in the stats directory, as passmirrord makes them
    // (--stats-file elsewhere, by hand, is not ours to remove); unlink never
    // follows a symbolic link.
    const std::string &stats = recorded.record.statsPath;
    const std::string statsFolder = statsDirectory() + "/";
    if (recorded.abandoned() && stats.starts_with(statsFolder)) {
        const std::string file = stats.substr(statsFolder.size());
        if (!file.empty() && file.front() != '.' && file.find('/') == std::string::npos) {
            unlink(stats.c_str());
            unlink(Activity::ringPathFor(stats).c_str());
        }
    }
    const std::string path = mountRecordDirectory() + "/" + QFile::encodeName(name).toStdString();
    return unlink(path.c_str()) == 0;
}

} // namespace PassMirror
