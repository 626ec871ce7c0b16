// SPDX-License-Identifier: GPL-2.0-or-later
// Tells the window and passmirrorctl when mirrors appear and disappear, and
// samples each one's counters from its stats file.
//
// No busy loop: the kernel flags /proc/self/mountinfo with POLLPRI whenever
// the mount table changes (a QSocketNotifier of type Exception), and the
// registry folder is watched with inotify (QFileSystemWatcher), because an
// entry turns live just after its mount appears. Sampling reads shared
// memory only (no system call) at the interval asked for.
#pragma once

#include "mirrorregistry.h"
#include "statsreader.h"
#include "uniquefd.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <memory>

namespace PassMirror
{

class MirrorWatcher : public QObject
{
    Q_OBJECT
public:
    explicit MirrorWatcher(QObject *parent = nullptr, const QString &registryDirectory = MirrorRegistry::defaultDirectory());
    ~MirrorWatcher() override;

    // Starts watching; mirrorAdded() follows at once for mirrors already there.
    void start();
    // 0 stops sampling.
    void setSampleInterval(std::chrono::milliseconds interval);

    // The live mirrors this process may see (its own; all for root).
    [[nodiscard]] QList<MirrorEntry> mirrors() const;
    [[nodiscard]] std::optional<Stats::Snapshot> lastSample(const QString &id) const;

Q_SIGNALS:
    void mirrorAdded(const QString &id, const QByteArray &mountPoint);
    void mirrorRemoved(const QString &id, const QByteArray &mountPoint);
    void statsSampled(const QString &id);

private:
    void rescan();
    void sample();

    struct Watched {
        MirrorEntry entry;
        std::shared_ptr<Stats::StatsReader> reader; // shared: QHash values are copied on detach
        std::optional<Stats::Snapshot> last;
    };

    MirrorRegistry m_registry;
    UniqueFd m_mountInfo;
    QSocketNotifier *m_notifier = nullptr;
    QFileSystemWatcher m_directoryWatcher;
    QTimer m_sampler;
    QHash<QString, Watched> m_mirrors;
};

} // namespace PassMirror
