// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorwatcher.h"

#include "mountinfo.h"
#include "passmirrorcore_debug.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace PassMirror
{

MirrorWatcher::MirrorWatcher(QObject *parent, const QString &registryDirectory, const QByteArray &mountInfoPath)
    : QObject(parent)
    , m_registry(registryDirectory)
    , m_mountInfoPath(mountInfoPath)
{
    connect(&m_directoryWatcher, &QFileSystemWatcher::directoryChanged, this, &MirrorWatcher::rescan);
    connect(&m_sampler, &QTimer::timeout, this, &MirrorWatcher::sample);
}

MirrorWatcher::~MirrorWatcher() = default;

void MirrorWatcher::setOwner(uid_t owner)
{
    m_owner = owner;
}

void MirrorWatcher::start()
{
    m_mountInfo.reset(::open(m_mountInfoPath.constData(), O_RDONLY | O_CLOEXEC));
    if (m_mountInfo.isValid()) {
        m_notifier = new QSocketNotifier(m_mountInfo.get(), QSocketNotifier::Exception, this);
        connect(m_notifier, &QSocketNotifier::activated, this, [this]() {
            // Reading to the end re-arms the notification on older kernels.
            char buffer[4096];
            ::lseek(m_mountInfo.get(), 0, SEEK_SET);
            while (::read(m_mountInfo.get(), buffer, sizeof buffer) > 0) { }
            rescan();
            Q_EMIT mountTableChanged();
        });
    } else {
        qCWarning(PASSMIRROR_CORE) << "cannot watch the mount table" << m_mountInfoPath << ::strerror(errno);
    }
    rescan();
}

void MirrorWatcher::setSampleInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
    updateSampler();
}

// Samples only while there is something to sample.
void MirrorWatcher::updateSampler()
{
    const bool anyReader = std::ranges::any_of(m_mirrors, [](const Watched &watched) {
        return watched.reader != nullptr;
    });
    if (m_interval.count() <= 0 || !anyReader) {
        m_sampler.stop();
    } else if (!m_sampler.isActive() || m_sampler.intervalAsDuration() != m_interval) {
        m_sampler.start(m_interval);
    }
}

// The registry folder may not exist yet: watch the run folder until it does.
void MirrorWatcher::watchRegistryFolder()
{
    const QStringList watched = m_directoryWatcher.directories();
    if (watched.contains(m_registry.directory())) {
        return;
    }
    if (QDir(m_registry.directory()).exists()) {
        m_directoryWatcher.addPath(m_registry.directory());
        return;
    }
    const QString parent = QFileInfo(m_registry.directory()).path();
    if (!watched.contains(parent) && QDir(parent).exists()) {
        m_directoryWatcher.addPath(parent);
    }
}

void MirrorWatcher::openStats(Watched &watched)
{
    auto reader = std::make_unique<Stats::StatsReader>();
    if (!reader->open(QFile::encodeName(watched.mirror.entry.statsPath).toStdString())) {
        watched.statsError = QString::fromStdString(reader->errorString());
        qCDebug(PASSMIRROR_CORE) << "cannot read the stats of mirror" << watched.mirror.entry.id << watched.statsError;
        return;
    }
    watched.reader = std::move(reader);
    watched.last = watched.reader->sample();
    watched.statsError.clear();
}

void MirrorWatcher::rescan()
{
    watchRegistryFolder();
    const auto mounts = readMountInfo(m_mountInfoPath.constData());
    const QString bootId = currentBootId();
    std::vector<Watched> found;
    QList<std::pair<QString, QByteArray>> added;
    QList<std::pair<QString, QByteArray>> removed;
    bool changed = false;
    for (MirrorEntry &entry : m_registry.readableEntries()) {
        if (m_owner && entry.ownerUid != *m_owner) {
            continue;
        }
        const Liveness liveness = livenessOf(entry, mounts, bootId);
        if (liveness == Liveness::OtherBoot) {
            continue;
        }
        const auto before = std::ranges::find_if(m_mirrors, [&entry](const Watched &watched) {
            return watched.mirror.entry.id == entry.id;
        });
        const bool known = before != m_mirrors.end();
        const bool wasLive = known && before->mirror.liveness == Liveness::Live;
        Watched watched = known ? std::move(*before) : Watched{};
        WatchedMirror now{std::move(entry), liveness};
        changed = changed || !known || !(watched.mirror == now);
        watched.mirror = std::move(now);
        // Opened once live (a starting entry's file may not exist yet), then
        // kept as long as the entry is there.
        if (!watched.reader && liveness == Liveness::Live) {
            openStats(watched);
        } else if (watched.reader) {
            watched.last = watched.reader->sample(); // what the change did to it
        }
        if (liveness == Liveness::Live && !wasLive) {
            added.append({watched.mirror.entry.id, watched.mirror.entry.mountPoint});
        } else if (liveness != Liveness::Live && wasLive) {
            removed.append({watched.mirror.entry.id, watched.mirror.entry.mountPoint});
        }
        if (known) {
            before->mirror.entry.id.clear(); // taken
        }
        found.push_back(std::move(watched));
    }
    for (const Watched &gone : m_mirrors) {
        if (gone.mirror.entry.id.isEmpty()) {
            continue;
        }
        changed = true;
        if (gone.mirror.liveness == Liveness::Live) {
            removed.append({gone.mirror.entry.id, gone.mirror.entry.mountPoint});
        }
    }
    m_mirrors = std::move(found);
    updateSampler();
    for (const auto &[id, mountPoint] : added) {
        qCDebug(PASSMIRROR_CORE) << "mirror" << id << "live at" << mountPoint;
        Q_EMIT mirrorAdded(id, mountPoint);
    }
    for (const auto &[id, mountPoint] : removed) {
        qCDebug(PASSMIRROR_CORE) << "mirror" << id << "no longer live at" << mountPoint;
        Q_EMIT mirrorRemoved(id, mountPoint);
    }
    if (changed) {
        Q_EMIT entriesChanged();
    }
}

void MirrorWatcher::sample()
{
    // Ids first: a receiver of statsSampled() may rescan.
    QList<QString> ids;
    for (Watched &watched : m_mirrors) {
        if (watched.reader) {
            watched.last = watched.reader->sample();
            ids.append(watched.mirror.entry.id);
        }
    }
    for (const QString &id : std::as_const(ids)) {
        Q_EMIT statsSampled(id);
    }
    Q_EMIT sampled();
}

const MirrorWatcher::Watched *MirrorWatcher::find(const QString &id) const
{
    const auto it = std::ranges::find_if(m_mirrors, [&id](const Watched &watched) {
        return watched.mirror.entry.id == id;
    });
    return it == m_mirrors.end() ? nullptr : &*it;
}

QList<MirrorEntry> MirrorWatcher::mirrors() const
{
    QList<MirrorEntry> list;
    for (const Watched &watched : m_mirrors) {
        if (watched.mirror.liveness == Liveness::Live) {
            list.append(watched.mirror.entry);
        }
    }
    return list;
}

QList<WatchedMirror> MirrorWatcher::entries() const
{
    QList<WatchedMirror> list;
    list.reserve(static_cast<qsizetype>(m_mirrors.size()));
    for (const Watched &watched : m_mirrors) {
        list.append(watched.mirror);
    }
    return list;
}

std::optional<MirrorEntry> MirrorWatcher::liveMirrorAt(const QByteArray &mountPoint) const
{
    for (const Watched &watched : m_mirrors) {
        if (watched.mirror.liveness == Liveness::Live && watched.mirror.entry.mountPoint == mountPoint) {
            return watched.mirror.entry;
        }
    }
    return std::nullopt;
}

std::optional<Stats::Snapshot> MirrorWatcher::lastSample(const QString &id) const
{
    const Watched *watched = find(id);
    return watched ? watched->last : std::nullopt;
}

QHash<QString, Stats::Snapshot> MirrorWatcher::lastSamples() const
{
    QHash<QString, Stats::Snapshot> samples;
    for (const Watched &watched : m_mirrors) {
        if (watched.last) {
            samples.insert(watched.mirror.entry.id, *watched.last);
        }
    }
    return samples;
}

QString MirrorWatcher::statsError(const QString &id) const
{
    const Watched *watched = find(id);
    return watched ? watched->statsError : QString();
}

} // namespace PassMirror
