// SPDX-License-Identifier: GPL-2.0-or-later
// The mirrors the window shows: the saved ones and this user's registry
// entries (core's MirrorWatcher), one row each (matched by mount point),
// with state and live counters.
//
// The watcher's samples of each mirror's stats file reach the row's
// MirrorSampler through addSamples() (up to 10 times a second); a sample
// emits dataChanged only for the cells whose shown value changed, never a
// reset.
#pragma once

#include "mirrorconfig.h"
#include "mirrorsampler.h"
#include "mirrorwatcher.h"

#include <QAbstractTableModel>
#include <QHash>

#include <optional>
#include <vector>

namespace PassMirror
{

class MirrorListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StateColumn,
        SourceColumn,
        MountPointColumn,
        DataPathColumn,
        OpensColumn,
        OpenRateColumn,
        FlushesColumn,
        FlushRateColumn,
        ClosesColumn,
        CloseRateColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        NameRole = Qt::UserRole + 1,
        StateRole, // MirrorListModel::State as int
        StateTextRole,
        SourceRole,
        MountPointRole,
        DataPathRole, // MirrorListModel::DataPath as int
        OpenCountRole,
        OpenRateRole,
        FlushCountRole,
        FlushRateRole,
        CloseCountRole,
        CloseRateRole,
        OpenFilesRole,
        ErrorTextRole,
        SavedRole,
        LiveIdRole,
        ReadOnlyRole,
        PassthroughRole,
        MountAtLoginRole,
        StatsPathRole, // the live mirror's stats file (its activity ring lies beside it); empty unless live
        WaitingForRole, // the folder or drive a "mount when available" mirror waits for; empty when it does not
    };
    Q_ENUM(Role)

    enum class State {
        Stopped,
        Mounting,
        Mounted,
        Unmounting,
        Error,
        // "Mount when available" and its source is not there: waitingFor() says what.
        Waiting
    };
    Q_ENUM(State)
    enum class DataPath {
        None,
        Passthrough,
        Userspace
    };
    Q_ENUM(DataPath)

    explicit MirrorListModel(QObject *parent = nullptr);
    ~MirrorListModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // --- Saved mirrors
    void setSavedMirrors(const QList<MirrorConfig> &mirrors);
    [[nodiscard]] QList<MirrorConfig> savedMirrors() const;
    int addMirror(const MirrorConfig &config); // returns its row
    void updateMirror(int row, const MirrorConfig &config);
    void removeMirror(int row);
    // A live mirror that no saved one describes becomes saved.
    void adopt(int row);

    // --- Live state, from the watcher
    // Every registry entry of this user, with how alive each is.
    void setLiveMirrors(const QList<WatchedMirror> &mirrors);
    // One pass of samples (by registry id) taken at `nowMs` (monotonic, ms).
    void addSamples(const QHash<QString, Stats::Snapshot> &samples, qint64 nowMs);
    // Mounting or Unmounting while a helper call runs; nullopt when it ended.
    void setPending(int row, std::optional<State> pending);
    // The words of the last failure (empty clears it).
    void setError(int row, const QString &message);
    // What a stopped mirror waits for before it mounts by itself (a folder, a
    // drive's mount point); empty: it waits for nothing.
    void setWaitingFor(int row, const QString &what);

    [[nodiscard]] int rowForMountPoint(const QString &mountPoint) const;
    [[nodiscard]] MirrorConfig config(int row) const;
    [[nodiscard]] bool isSaved(int row) const;
    // The row's daemon and its supervisor are gone (killed, crashed): the
    // registry entry is stale until the helper's next sweep, and the
    // mirror may be mounted again.
    [[nodiscard]] bool hasDeadDaemon(int row) const;
    [[nodiscard]] State state(int row) const;
    [[nodiscard]] QString errorText(int row) const;
    [[nodiscard]] QString waitingFor(int row) const;
    [[nodiscard]] std::optional<Stats::Snapshot> snapshot(int row) const;
    [[nodiscard]] const RateHistory *history(int row) const;
    [[nodiscard]] int countInState(State state) const;

    [[nodiscard]] static QString stateText(State state);
    // The state as the row and the tray say it: "Waiting for /media/tester/USB".
    [[nodiscard]] QString stateTextOf(int row) const;
    [[nodiscard]] static QString dataPathText(DataPath path);

Q_SIGNALS:
    // After every pass of samples (details panels refresh from it).
    void sampled();
    // Once a second, when each row's history got a point (or lost them all).
    void historyAppended();
    // A mounted mirror's daemon or mount went away without an unmount.
    void mirrorDied(const QString &name);
    // The number of rows in some state changed (the tray shows them).
    void summaryChanged();

private:
    struct Row;

    [[nodiscard]] State computeState(const Row &row) const;
    [[nodiscard]] DataPath computeDataPath(const Row &row) const;
    [[nodiscard]] QString computeErrorText(const Row &row) const;
    void refreshDerived(int row, bool notifyDeath);
    void emitChanged(int row, unsigned columnMask, const QList<int> &roles);
    void emitCounterChanges(int row, const MirrorSampler::Change &change);
    [[nodiscard]] bool validRow(int row) const;

    std::vector<Row> m_rows;
};

} // namespace PassMirror
