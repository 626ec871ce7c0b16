// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorwatcher.h"
#include "mountinfo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <fcntl.h>
#include <unistd.h>

namespace PassMirror
{

MirrorWatcher::MirrorWatcher(QObject *parent, const QString &registryDirectory)
    : QObject(parent)
    , m_registry(registryDirectory)
{
    connect(&m_directoryWatcher, &QFileSystemWatcher::directoryChanged, this, &MirrorWatcher::rescan);
    connect(&m_sampler, &QTimer::timeout, this, &MirrorWatcher::sample);
}

MirrorWatcher::~MirrorWatcher() = default;

void MirrorWatcher::start()
{
    m_mountInfo.reset(::open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC));
    if (m_mountInfo.isValid()) {
        m_notifier = new QSocketNotifier(m_mountInfo.get(), QSocketNotifier::Exception, this);
        connect(m_notifier, &QSocketNotifier::activated, this, [this]() {
            // Reading to the end re-arms the notification on older kernels.
            char buffer[4096];
            ::lseek(m_mountInfo.get(), 0, SEEK_SET);
            while (::read(m_mountInfo.get(), buffer, sizeof buffer) > 0) {
            }
            rescan();
        });
    }
    // The registry folder may not exist yet: watch the run folder until it does.
    if (QDir(m_registry.directory()).exists()) {
        m_directoryWatcher.addPath(m_registry.directory());
    } else {
        const QString parent = QFileInfo(m_registry.directory()).path();
        if (QDir(parent).exists()) {
            m_directoryWatcher.addPath(parent);
        }
    }
    rescan();
}

void MirrorWatcher::setSampleInterval(std::chrono::milliseconds interval)
{
    if (interval.count() <= 0) {
        m_sampler.stop();
        return;
    }
    m_sampler.start(interval);
}

void MirrorWatcher::rescan()
{
    if (!m_directoryWatcher.directories().contains(m_registry.directory()) && QDir(m_registry.directory()).exists()) {
        m_directoryWatcher.addPath(m_registry.directory());
    }
    const auto mounts = readMountInfo();
    const QString bootId = currentBootId();
    QSet<QString> live;
    for (MirrorEntry &entry : m_registry.readableEntries()) {
        if (livenessOf(entry, mounts, bootId) != Liveness::Live) {
            continue;
        }
        live.insert(entry.id);
        if (!m_mirrors.contains(entry.id)) {
            Watched watched;
            watched.entry = entry;
            watched.reader = std::make_shared<Stats::StatsReader>();
            if (!watched.reader->open(QFile::encodeName(entry.statsPath).toStdString())) {
                watched.reader.reset();
            }
            const QByteArray mountPoint = entry.mountPoint;
            m_mirrors.insert(entry.id, std::move(watched));
            Q_EMIT mirrorAdded(entry.id, mountPoint);
        }
    }
    for (auto it = m_mirrors.begin(); it != m_mirrors.end();) {
        if (!live.contains(it.key())) {
            const QString id = it.key();
            const QByteArray mountPoint = it->entry.mountPoint;
            it = m_mirrors.erase(it);
            Q_EMIT mirrorRemoved(id, mountPoint);
        } else {
            ++it;
        }
    }
}

void MirrorWatcher::sample()
{
    for (auto it = m_mirrors.begin(); it != m_mirrors.end(); ++it) {
        if (it->reader) {
            it->last = it->reader->sample();
            Q_EMIT statsSampled(it.key());
        }
    }
}

QList<MirrorEntry> MirrorWatcher::mirrors() const
{
    QList<MirrorEntry> list;
    for (const auto &watched : m_mirrors) {
        list.append(watched.entry);
    }
    return list;
}

std::optional<Stats::Snapshot> MirrorWatcher::lastSample(const QString &id) const
{
    const auto it = m_mirrors.constFind(id);
    return it == m_mirrors.cend() ? std::nullopt : it->last;
}

} // namespace PassMirror
