// SPDX-License-Identifier: GPL-2.0-or-later
// The one watcher of mirrors: tells the window and passmirrorctl which
// registry entries exist and how alive each is, when mirrors turn live and
// stop being live, and samples each one's counters from its stats file.
//
// No busy loop: the kernel flags /proc/self/mountinfo with POLLPRI whenever
// the mount table changes (a QSocketNotifier of type Exception), and the
// registry folder is watched with inotify (QFileSystemWatcher), because an
// entry turns live just after its mount appears. Sampling reads shared
// memory only (no system call) at the interval asked for.
//
// An entry stays watched, with its stats file mapped, until the helper
// removes it: a daemon that died leaves its entry (not live any more) until
// the helper's next sweep, and the last thing its supervisor writes to the
// stats file, "died", is still sampled after its mount went away.
#pragma once

#include "mirrorregistry.h"
#include "statsreader.h"
#include "uniquefd.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSocketNotifier>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace PassMirror
{

// One registry entry of this boot and how alive it is now.
struct WatchedMirror {
    MirrorEntry entry;
    Liveness liveness = Liveness::Live;

    friend bool operator==(const WatchedMirror &a, const WatchedMirror &b)
    {
        return a.liveness == b.liveness && a.entry.toJson() == b.entry.toJson();
    }
};

class MirrorWatcher : public QObject
{
    Q_OBJECT
public:
    // `mountInfoPath` other than /proc/self/mountinfo: a fixture, read at
    // each rescan (a plain file never raises POLLPRI).
    explicit MirrorWatcher(QObject *parent = nullptr,
                           const QString &registryDirectory = MirrorRegistry::defaultDirectory(),
                           const QByteArray &mountInfoPath = QByteArrayLiteral("/proc/self/mountinfo"));
    ~MirrorWatcher() override;

    // Only the mirrors of `owner` (the window and passmirrorctl: their
    // user's, also for root). Unset: every entry this process may read (its
    // own; all of them for root). Call before start().
    void setOwner(uid_t owner);
    // Starts watching; mirrorAdded() follows at once for mirrors already
    // there, and entries() holds them with a first sample each.
    void start();
    // 0 stops sampling.
    void setSampleInterval(std::chrono::milliseconds interval);

    // The live mirrors this process may see.
    [[nodiscard]] QList<MirrorEntry> mirrors() const;
    // Every entry of this boot, live or not, in the registry's order.
    [[nodiscard]] QList<WatchedMirror> entries() const;
    // The live mirror at `mountPoint`, if there is one.
    [[nodiscard]] std::optional<MirrorEntry> liveMirrorAt(const QByteArray &mountPoint) const;
    [[nodiscard]] std::optional<Stats::Snapshot> lastSample(const QString &id) const;
    // Each sampled entry's last sample, by id (every rescan samples too).
    [[nodiscard]] QHash<QString, Stats::Snapshot> lastSamples() const;
    // Why an entry's stats file could not be read (empty when it was).
    [[nodiscard]] QString statsError(const QString &id) const;

public Q_SLOTS:
    // Reads the registry and the mount table now (after a helper call, say).
    void rescan();

Q_SIGNALS:
    void mirrorAdded(const QString &id, const QByteArray &mountPoint);
    void mirrorRemoved(const QString &id, const QByteArray &mountPoint);
    // An entry appeared, went, or changed (its state or liveness).
    void entriesChanged();
    void statsSampled(const QString &id);
    // After each sampling pass, once every entry's statsSampled() was sent.
    void sampled();
    // The kernel flagged a change of the mount table (any mount, not only
    // mirrors; after the rescan it caused).
    void mountTableChanged();

private:
    struct Watched {
        WatchedMirror mirror;
        std::unique_ptr<Stats::StatsReader> reader;
        std::optional<Stats::Snapshot> last;
        QString statsError;
    };

    void watchRegistryFolder();
    void openStats(Watched &watched);
    [[nodiscard]] const Watched *find(const QString &id) const;
    void sample();
    void updateSampler();

    MirrorRegistry m_registry;
    QByteArray m_mountInfoPath;
    std::optional<uid_t> m_owner;
    UniqueFd m_mountInfo;
    QSocketNotifier *m_notifier = nullptr;
    QFileSystemWatcher m_directoryWatcher;
    QTimer m_sampler;
    std::chrono::milliseconds m_interval{0};
    std::vector<Watched> m_mirrors; // in the registry's order
};

} // namespace PassMirror
