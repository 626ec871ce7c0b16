// SPDX-License-Identifier: GPL-2.0-or-later
// The registry of live mirrors, kept by the helper under /run/passmirror.
//
//   /run/passmirror/mirrors/           root:root 0755 — anyone may list the names
//   /run/passmirror/mirrors/<id>.json  root:root 0600 + ACL user:<owner>:r-- (ls: 0640)
//
// <id> is 32 random hex digits: a name reveals nothing about its owner. Only
// root writes (the directory is not writable by others, the files are root's),
// so an owner can read but never forge an entry; others cannot read it. A
// client lists without privilege by reading every entry it is allowed to open.
// An entry is written as "starting" before passmirrord runs and made "live"
// once the mount is confirmed, so a helper killed in between leaves a marker
// the next helper call cleans up (with the mount, if one appeared).
#pragma once

#include "mirrorresult.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <sys/types.h>

namespace PassMirror
{

struct MountEntry;

struct MirrorEntry {
    enum class State {
        Starting,
        Live
    };

    QString id;
    State state = State::Starting;
    QByteArray source;
    QByteArray mountPoint;
    uid_t ownerUid = 0;
    bool readOnly = false;
    bool shared = false;
    QString passthrough = QStringLiteral("auto");
    QString statsPath;
    qint64 supervisorPid = 0; // from passmirrord's mount record (base/mountrecord.h)
    quint64 supervisorStart = 0; // its start time there (0: unknown, pid alone decides)
    qint64 daemonPid = 0;
    qint64 helperPid = 0; // the helper that wrote a Starting entry
    quint64 mountId = 0;
    quint64 uniqueMountId = 0; // never reused (0: the kernel has none)
    QDateTime startTime;
    QString bootId;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static std::optional<MirrorEntry> fromJson(const QJsonObject &object);
};

// Why an entry does not describe a live mirror; Live when it does.
enum class Liveness {
    Live,
    Starting,
    OtherBoot,
    MountGone,
    SupervisorGone
};
[[nodiscard]] Liveness livenessOf(const MirrorEntry &entry, const QList<MountEntry> &mounts, const QString &bootId);
[[nodiscard]] QString currentBootId();

class MirrorRegistry
{
public:
    explicit MirrorRegistry(const QString &directory = defaultDirectory());
    [[nodiscard]] static QString defaultDirectory();
    [[nodiscard]] static QString defaultStatsDirectory();

    [[nodiscard]] const QString &directory() const
    {
        return m_directory;
    }

    // Every entry this process may read (its own; all of them for root).
    [[nodiscard]] QList<MirrorEntry> readableEntries() const;
    [[nodiscard]] std::optional<MirrorEntry> entry(const QString &id) const;
    // The entries of `owner` whose mirror is live now (livenessOf, against
    // one reading of the mount table): for a one-off question; a window or
    // passmirrorctl --watch follows them with MirrorWatcher instead.
    [[nodiscard]] QList<MirrorEntry> liveEntriesOf(uid_t owner) const;

    // --- Root only (the helper).
    [[nodiscard]] MirrorResult ensureDirectory() const;
    // Atomically (temporary file + rename), root:root 0600 + ACL for the owner.
    [[nodiscard]] MirrorResult write(const MirrorEntry &entry) const;
    bool remove(const QString &id) const;

private:
    QString m_directory;
};

} // namespace PassMirror
