// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorlistmodel.h"

#include "pathresults.h"

#include <QFileInfo>
#include <QLocale>

#include <memory>

namespace PassMirror
{

namespace
{
constexpr std::array<int, RateHistory::SeriesCount> CountColumns = {MirrorListModel::OpensColumn,
                                                                    MirrorListModel::FlushesColumn,
                                                                    MirrorListModel::ClosesColumn};
constexpr std::array<int, RateHistory::SeriesCount> RateColumns = {MirrorListModel::OpenRateColumn,
                                                                   MirrorListModel::FlushRateColumn,
                                                                   MirrorListModel::CloseRateColumn};

QString normalizedPath(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/'))) {
        return path;
    }
    return QString::fromUtf8(PathRules::normalize(path.toUtf8()));
}

unsigned bit(int column)
{
    return 1u << column;
}
} // namespace

struct MirrorListModel::Row {
    MirrorConfig config;
    bool saved = true;
    std::optional<WatchedMirror> live;
    // The counters of the last mirror at this row; they stay shown after it
    // went. Held apart so the details panel's plot may keep its history
    // while rows come and go.
    QString sampledId;
    std::unique_ptr<MirrorSampler> sampler = std::make_unique<MirrorSampler>();
    std::optional<State> pending;
    QString error;
    QString waitingFor;

    // What the cells show now, to find what changed.
    State state = State::Stopped;
    DataPath dataPath = DataPath::None;
    QString errorText;
    bool deadDaemon = false;

    [[nodiscard]] const std::optional<Stats::Snapshot> &snapshot() const
    {
        return sampler->snapshot();
    }
};

MirrorListModel::MirrorListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

MirrorListModel::~MirrorListModel() = default;

bool MirrorListModel::validRow(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size());
}

int MirrorListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int MirrorListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString MirrorListModel::stateText(State state)
{
    switch (state) {
    case State::Stopped:
        return tr("Stopped", "@item mirror state");
    case State::Mounting:
        return tr("Mounting", "@item mirror state");
    case State::Mounted:
        return tr("Mounted", "@item mirror state");
    case State::Unmounting:
        return tr("Unmounting", "@item mirror state");
    case State::Error:
        return tr("Error", "@item mirror state");
    case State::Waiting:
        return tr("Waiting", "@item mirror state");
    }
    return {};
}

QString MirrorListModel::stateTextOf(int row) const
{
    if (!validRow(row)) {
        return {};
    }
    const Row &r = m_rows[static_cast<std::size_t>(row)];
    if (r.state == State::Waiting) {
        return tr("Waiting for %1", "@item mirror state: the folder or drive it waits for").arg(r.waitingFor);
    }
    return stateText(r.state);
}

QString MirrorListModel::waitingFor(int row) const
{
    return validRow(row) ? m_rows[static_cast<std::size_t>(row)].waitingFor : QString();
}

QString MirrorListModel::dataPathText(DataPath path)
{
    switch (path) {
    case DataPath::None:
        return {};
    case DataPath::Passthrough:
        return tr("Kernel passthrough", "@item how file data reaches the mirror");
    case DataPath::Userspace:
        return tr("Userspace", "@item how file data reaches the mirror");
    }
    return {};
}

QVariant MirrorListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || !validRow(index.row()) || index.column() < 0 || index.column() >= ColumnCount) {
        return {};
    }
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const MirrorSampler &sampler = *row.sampler;
    const QLocale locale;
    auto countText = [&](RateHistory::Series series) {
        return sampler.snapshot() ? locale.toString(static_cast<qulonglong>(sampler.count(series))) : QString();
    };
    auto rateText = [&](RateHistory::Series series) {
        return sampler.snapshot() ? tr("%1/s", "@item rate per second").arg(locale.toString(sampler.rate(series), 'f', 1)) : QString();
    };

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.config.name;
        case StateColumn:
            return stateTextOf(index.row());
        case SourceColumn:
            return row.config.source;
        case MountPointColumn:
            return row.config.mountPoint;
        case DataPathColumn:
            return dataPathText(row.dataPath);
        case OpensColumn:
            return countText(RateHistory::Opens);
        case OpenRateColumn:
            return rateText(RateHistory::Opens);
        case FlushesColumn:
            return countText(RateHistory::Flushes);
        case FlushRateColumn:
            return rateText(RateHistory::Flushes);
        case ClosesColumn:
            return countText(RateHistory::Closes);
        case CloseRateColumn:
            return rateText(RateHistory::Closes);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && row.state == State::Error) {
            return row.errorText;
        }
        // The column is narrow; the path it waits for is not.
        if (index.column() == StateColumn && row.state == State::Waiting) {
            return stateTextOf(index.row());
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= OpensColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == StateColumn && row.state == State::Error) {
            return tr("%1: %2", "@info:accessible state: why").arg(stateText(row.state), row.errorText);
        }
        return {};
    case NameRole:
        return row.config.name;
    case StateRole:
        return static_cast<int>(row.state);
    case StateTextRole:
        return stateTextOf(index.row());
    case SourceRole:
        return row.config.source;
    case MountPointRole:
        return row.config.mountPoint;
    case DataPathRole:
        return static_cast<int>(row.dataPath);
    case OpenCountRole:
        return static_cast<qulonglong>(sampler.count(RateHistory::Opens));
    case FlushCountRole:
        return static_cast<qulonglong>(sampler.count(RateHistory::Flushes));
    case CloseCountRole:
        return static_cast<qulonglong>(sampler.count(RateHistory::Closes));
    case OpenRateRole:
        return sampler.rate(RateHistory::Opens);
    case FlushRateRole:
        return sampler.rate(RateHistory::Flushes);
    case CloseRateRole:
        return sampler.rate(RateHistory::Closes);
    case OpenFilesRole:
        return static_cast<qulonglong>(sampler.snapshot() ? sampler.snapshot()->openFiles : 0);
    case ErrorTextRole:
        return row.errorText;
    case SavedRole:
        return row.saved;
    case LiveIdRole:
        return row.live ? row.live->entry.id : QString();
    case ReadOnlyRole:
        return row.config.readOnly;
    case PassthroughRole:
        return row.config.passthrough;
    case MountAtLoginRole:
        return row.config.mountAtLogin;
    case StatsPathRole:
        return row.live && row.live->liveness == Liveness::Live ? row.live->entry.statsPath : QString();
    case WaitingForRole:
        return row.state == State::Waiting ? row.waitingFor : QString();
    }
    return {};
}

QVariant MirrorListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name", "@title:column");
    case StateColumn:
        return tr("State", "@title:column");
    case SourceColumn:
        return tr("Source", "@title:column");
    case MountPointColumn:
        return tr("Mount Point", "@title:column");
    case DataPathColumn:
        return tr("Data Path", "@title:column");
    case OpensColumn:
        return tr("Opens", "@title:column count of open requests");
    case OpenRateColumn:
        return tr("Opens/s", "@title:column");
    case FlushesColumn:
        return tr("Flushes", "@title:column count of flush requests");
    case FlushRateColumn:
        return tr("Flushes/s", "@title:column");
    case ClosesColumn:
        return tr("Closes", "@title:column count of release requests");
    case CloseRateColumn:
        return tr("Closes/s", "@title:column");
    }
    return {};
}

QHash<int, QByteArray> MirrorListModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert({
        {NameRole, "name"},
        {StateRole, "state"},
        {StateTextRole, "stateText"},
        {SourceRole, "source"},
        {MountPointRole, "mountPoint"},
        {DataPathRole, "dataPath"},
        {OpenCountRole, "openCount"},
        {OpenRateRole, "openRate"},
        {FlushCountRole, "flushCount"},
        {FlushRateRole, "flushRate"},
        {CloseCountRole, "closeCount"},
        {CloseRateRole, "closeRate"},
        {OpenFilesRole, "openFiles"},
        {ErrorTextRole, "errorText"},
        {SavedRole, "saved"},
        {LiveIdRole, "liveId"},
        {ReadOnlyRole, "readOnly"},
        {PassthroughRole, "passthrough"},
        {MountAtLoginRole, "mountAtLogin"},
        {StatsPathRole, "statsPath"},
        {WaitingForRole, "waitingFor"},
    });
    return names;
}

// --- Saved mirrors

void MirrorListModel::setSavedMirrors(const QList<MirrorConfig> &mirrors)
{
    // Live rows stay; saved rows are replaced.
    QList<WatchedMirror> live;
    for (const Row &row : m_rows) {
        if (row.live) {
            live.append(*row.live);
        }
    }
    beginResetModel();
    m_rows.clear();
    for (const auto &config : mirrors) {
        Row row;
        row.config = config;
        row.config.mountPoint = normalizedPath(config.mountPoint);
        m_rows.push_back(std::move(row));
    }
    endResetModel();
    setLiveMirrors(live);
    Q_EMIT summaryChanged();
}

QList<MirrorConfig> MirrorListModel::savedMirrors() const
{
    QList<MirrorConfig> out;
    for (const Row &row : m_rows) {
        if (row.saved) {
            out.append(row.config);
        }
    }
    return out;
}

int MirrorListModel::addMirror(const MirrorConfig &config)
{
    const QString mountPoint = normalizedPath(config.mountPoint);
    if (const int existing = rowForMountPoint(mountPoint); existing >= 0) {
        updateMirror(existing, config);
        adopt(existing);
        return existing;
    }
    const int at = static_cast<int>(m_rows.size());
    beginInsertRows({}, at, at);
    Row row;
    row.config = config;
    row.config.mountPoint = mountPoint;
    m_rows.push_back(std::move(row));
    endInsertRows();
    Q_EMIT summaryChanged();
    return at;
}

void MirrorListModel::updateMirror(int row, const MirrorConfig &config)
{
    if (!validRow(row)) {
        return;
    }
    Row &r = m_rows[static_cast<std::size_t>(row)];
    r.config = config;
    r.config.mountPoint = normalizedPath(config.mountPoint);
    Q_EMIT dataChanged(index(row, NameColumn), index(row, MountPointColumn));
}

void MirrorListModel::removeMirror(int row)
{
    if (!validRow(row)) {
        return;
    }
    beginRemoveRows({}, row, row);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    Q_EMIT summaryChanged();
}

void MirrorListModel::adopt(int row)
{
    if (validRow(row) && !m_rows[static_cast<std::size_t>(row)].saved) {
        m_rows[static_cast<std::size_t>(row)].saved = true;
        Q_EMIT dataChanged(index(row, NameColumn), index(row, NameColumn), {SavedRole});
    }
}

// --- Live state

void MirrorListModel::setLiveMirrors(const QList<WatchedMirror> &mirrors)
{
    std::vector<bool> seen(m_rows.size(), false);
    for (const WatchedMirror &live : mirrors) {
        const QString mountPoint = normalizedPath(QString::fromUtf8(live.entry.mountPoint));
        int row = rowForMountPoint(mountPoint);
        if (row < 0) {
            // A mirror nothing saved describes: show it (adoptable).
            row = static_cast<int>(m_rows.size());
            beginInsertRows({}, row, row);
            Row r;
            r.saved = false;
            r.config.name = QFileInfo(mountPoint).fileName();
            r.config.source = QString::fromUtf8(live.entry.source);
            r.config.mountPoint = mountPoint;
            r.config.readOnly = live.entry.readOnly;
            r.config.passthrough = live.entry.passthrough;
            m_rows.push_back(std::move(r));
            seen.push_back(false);
            endInsertRows();
        }
        seen[static_cast<std::size_t>(row)] = true;
        Row &r = m_rows[static_cast<std::size_t>(row)];
        if (r.live == live) {
            continue;
        }
        r.live = live;
        if (r.sampledId != live.entry.id) {
            // Another mirror at this mount point: its own counters, from its first sample.
            r.sampledId = live.entry.id;
            emitCounterChanges(row, r.sampler->reset());
        }
        refreshDerived(row, true);
    }
    // Rows whose mirror went away; unsaved ones go with it.
    for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
        Row &r = m_rows[static_cast<std::size_t>(row)];
        if (seen[static_cast<std::size_t>(row)] || !r.live) {
            continue;
        }
        if (!r.saved) {
            removeMirror(row);
            continue;
        }
        r.live.reset();
        emitCounterChanges(row, r.sampler->stop());
        refreshDerived(row, false);
    }
}

void MirrorListModel::addSamples(const QHash<QString, Stats::Snapshot> &samples, qint64 nowMs)
{
    bool historyChanged = false;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        const auto sample = r.live ? samples.constFind(r.live->entry.id) : samples.cend();
        if (sample == samples.cend()) {
            continue;
        }
        const int row = static_cast<int>(i);
        const MirrorSampler::Change change = r.sampler->add(*sample, nowMs);
        emitCounterChanges(row, change);
        historyChanged = historyChanged || change.historyChanged;
        if (change.daemon) {
            refreshDerived(row, true);
        }
    }
    Q_EMIT sampled();
    if (historyChanged) {
        Q_EMIT historyAppended();
    }
}

void MirrorListModel::setPending(int row, std::optional<State> pending)
{
    if (!validRow(row)) {
        return;
    }
    m_rows[static_cast<std::size_t>(row)].pending = pending;
    if (pending) {
        m_rows[static_cast<std::size_t>(row)].error.clear();
    }
    refreshDerived(row, false);
}

void MirrorListModel::setWaitingFor(int row, const QString &what)
{
    if (!validRow(row) || m_rows[static_cast<std::size_t>(row)].waitingFor == what) {
        return;
    }
    m_rows[static_cast<std::size_t>(row)].waitingFor = what;
    // The state cell says what it waits for: changed even when the state is not.
    const State before = m_rows[static_cast<std::size_t>(row)].state;
    refreshDerived(row, false);
    if (m_rows[static_cast<std::size_t>(row)].state == before) {
        emitChanged(row, bit(StateColumn), {});
        Q_EMIT summaryChanged(); // the tray says what each waits for
    }
}

void MirrorListModel::setError(int row, const QString &message)
{
    if (!validRow(row)) {
        return;
    }
    m_rows[static_cast<std::size_t>(row)].error = message;
    refreshDerived(row, false);
}

MirrorListModel::State MirrorListModel::computeState(const Row &row) const
{
    if (row.pending) {
        return *row.pending;
    }
    if (row.live) {
        switch (row.live->liveness) {
        case Liveness::Live:
            if (row.snapshot() && row.snapshot()->state == Stats::DaemonState::Died) {
                return State::Error;
            }
            return State::Mounted;
        case Liveness::Starting:
            return State::Mounting;
        case Liveness::MountGone:
        case Liveness::SupervisorGone:
            return State::Error;
        case Liveness::OtherBoot:
            break;
        }
    }
    if (!row.error.isEmpty()) {
        return State::Error;
    }
    return row.waitingFor.isEmpty() ? State::Stopped : State::Waiting;
}

QString MirrorListModel::computeErrorText(const Row &row) const
{
    if (!row.error.isEmpty()) {
        return row.error;
    }
    if (row.live) {
        // The supervisor writes "died" to the stats file once it detached
        // the mount: a mount gone with that is a daemon that died.
        if (row.live->liveness == Liveness::SupervisorGone || (row.snapshot() && row.snapshot()->state == Stats::DaemonState::Died)) {
            return tr("The mirror's daemon died.", "@info");
        }
        if (row.live->liveness == Liveness::MountGone) {
            return tr("The mirror's mount is gone, but its daemon did not clean up.", "@info");
        }
    }
    return {};
}

MirrorListModel::DataPath MirrorListModel::computeDataPath(const Row &row) const
{
    if (!row.live || !row.snapshot() || row.state != State::Mounted) {
        return DataPath::None;
    }
    const Stats::Snapshot &s = *row.snapshot();
    if (s.requestedPassthrough != Stats::PassthroughMode::Off && s.passthroughAvailable) {
        return DataPath::Passthrough;
    }
    return DataPath::Userspace;
}

void MirrorListModel::refreshDerived(int row, bool notifyDeath)
{
    Row &r = m_rows[static_cast<std::size_t>(row)];
    const State oldState = r.state;
    const DataPath oldPath = r.dataPath;
    const QString oldError = r.errorText;
    const bool oldDeadDaemon = r.deadDaemon;
    r.state = computeState(r);
    r.dataPath = computeDataPath(r);
    r.errorText = computeErrorText(r);
    r.deadDaemon = r.live && (r.live->liveness == Liveness::SupervisorGone || (r.snapshot() && r.snapshot()->state == Stats::DaemonState::Died));
    unsigned mask = 0;
    // The state cell also shows why (tool tip, accessible text), and what
    // can be done to the row follows from it.
    if (r.state != oldState || r.errorText != oldError || r.deadDaemon != oldDeadDaemon) {
        mask |= bit(StateColumn);
    }
    if (r.dataPath != oldPath) {
        mask |= bit(DataPathColumn);
    }
    emitChanged(row, mask, {});
    if (r.state != oldState) {
        if (notifyDeath && oldState == State::Mounted && r.state == State::Error) {
            Q_EMIT mirrorDied(r.config.name);
        }
        Q_EMIT summaryChanged();
    }
}

void MirrorListModel::emitCounterChanges(int row, const MirrorSampler::Change &change)
{
    unsigned mask = 0;
    for (int s = 0; s < RateHistory::SeriesCount; ++s) {
        mask |= (change.count[s] ? bit(CountColumns[s]) : 0u) | (change.rate[s] ? bit(RateColumns[s]) : 0u);
    }
    emitChanged(row, mask, {});
}

void MirrorListModel::emitChanged(int row, unsigned columnMask, const QList<int> &roles)
{
    // One dataChanged per run of adjacent changed columns.
    int column = 0;
    while (column < ColumnCount) {
        if (!(columnMask & bit(column))) {
            ++column;
            continue;
        }
        const int first = column;
        while (column + 1 < ColumnCount && (columnMask & bit(column + 1))) {
            ++column;
        }
        Q_EMIT dataChanged(index(row, first), index(row, column), roles);
        ++column;
    }
}

int MirrorListModel::rowForMountPoint(const QString &mountPoint) const
{
    const QString wanted = normalizedPath(mountPoint);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].config.mountPoint == wanted) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

MirrorConfig MirrorListModel::config(int row) const
{
    return validRow(row) ? m_rows[static_cast<std::size_t>(row)].config : MirrorConfig{};
}

bool MirrorListModel::isSaved(int row) const
{
    return validRow(row) && m_rows[static_cast<std::size_t>(row)].saved;
}

bool MirrorListModel::hasDeadDaemon(int row) const
{
    return validRow(row) && m_rows[static_cast<std::size_t>(row)].deadDaemon;
}

MirrorListModel::State MirrorListModel::state(int row) const
{
    return validRow(row) ? m_rows[static_cast<std::size_t>(row)].state : State::Stopped;
}

QString MirrorListModel::errorText(int row) const
{
    return validRow(row) ? m_rows[static_cast<std::size_t>(row)].errorText : QString();
}

std::optional<Stats::Snapshot> MirrorListModel::snapshot(int row) const
{
    return validRow(row) ? m_rows[static_cast<std::size_t>(row)].snapshot() : std::nullopt;
}

const RateHistory *MirrorListModel::history(int row) const
{
    return validRow(row) ? &m_rows[static_cast<std::size_t>(row)].sampler->history() : nullptr;
}

int MirrorListModel::countInState(State state) const
{
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [state](const Row &row) {
        return row.state == state;
    }));
}

} // namespace PassMirror
