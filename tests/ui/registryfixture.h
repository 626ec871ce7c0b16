// SPDX-License-Identifier: GPL-2.0-or-later
// A registry folder and a mount table written by a test, for the window's
// own MirrorWatcher (Application::Options::registryDirectory and
// mountInfoPath). An entry added here is live the way the helper's are:
// of this boot, its mount in the table, its supervisor running (this
// process), all without mounting anything. The watcher then samples the
// entry's stats file (a FakeStats) as it samples a daemon's.
#pragma once

#include "mirrorregistry.h"
#include "mirrorwatcher.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QString>

#include <unistd.h>

namespace PassMirror
{

class RegistryFixture
{
public:
    explicit RegistryFixture(const QString &directory)
        : m_directory(directory + QStringLiteral("/mirrors"))
        , m_mountInfo(QFile::encodeName(directory + QStringLiteral("/mountinfo")))
    {
        QDir().mkpath(m_directory);
        writeMountInfo();
    }

    [[nodiscard]] const QString &registryDirectory() const
    {
        return m_directory;
    }
    [[nodiscard]] const QByteArray &mountInfoPath() const
    {
        return m_mountInfo;
    }

    // A live mirror of this user at `mountPoint`; returns its id. The mount
    // table line comes first: writing the entry wakes the watcher.
    QString addLive(const QString &source, const QString &mountPoint, const QString &statsPath)
    {
        ++m_count;
        MirrorEntry entry;
        entry.id = QStringLiteral("%1").arg(m_count, 32, 10, QLatin1Char('0'));
        entry.state = MirrorEntry::State::Live;
        entry.source = QFile::encodeName(source);
        entry.mountPoint = QFile::encodeName(mountPoint);
        entry.ownerUid = getuid();
        entry.statsPath = statsPath;
        entry.supervisorPid = getpid();
        entry.mountId = 1000 + static_cast<quint64>(m_count);
        entry.startTime = QDateTime::currentDateTimeUtc();
        entry.bootId = currentBootId();
        m_mounts += QByteArray::number(entry.mountId) + " 1 0:" + QByteArray::number(m_count) + " / " + escaped(entry.mountPoint)
            + " rw,nosuid,nodev - fuse.passmirror " + escaped(entry.source) + " rw,user_id=" + QByteArray::number(getuid())
            + ",group_id=" + QByteArray::number(getgid()) + "\n";
        writeMountInfo();
        QSaveFile file(m_directory + QLatin1Char('/') + entry.id + QStringLiteral(".json"));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(entry.toJson()).toJson()) < 0 || !file.commit()) {
            qFatal("cannot write the registry entry %s", qPrintable(file.fileName()));
        }
        return entry.id;
    }

private:
    static QByteArray escaped(QByteArray path)
    {
        return path.replace('\\', "\\134").replace(' ', "\\040").replace('\t', "\\011").replace('\n', "\\012");
    }

    void writeMountInfo() const
    {
        QSaveFile file(QFile::decodeName(m_mountInfo));
        if (!file.open(QIODevice::WriteOnly) || file.write(m_mounts) < 0 || !file.commit()) {
            qFatal("cannot write %s", m_mountInfo.constData());
        }
    }

    QString m_directory;
    QByteArray m_mountInfo;
    QByteArray m_mounts;
    int m_count = 0;
};

} // namespace PassMirror
