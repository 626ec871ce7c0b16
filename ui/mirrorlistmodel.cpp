// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorlistmodel.h"

#include "pathrules.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <cmath>

namespace PassMirror
{

namespace
{
using Stats::Operation;

constexpr std::array<Operation, RateHistory::SeriesCount> CountedOperations = {Operation::Open, Operation::Flush, Operation::Release};
constexpr qint64 RateWindowMs = 1000;

QString normalizedPath(const QString &path)
{
    if (!path.startsWith(QLatin1Char('/'))) {
        return path;
    }
    return QString::fromUtf8(PathRules::normalize(path.toUtf8()));
}

// Rates are shown with one decimal: a change below that is no change.
double roundedRate(double value)
{
    return std::round(value * 10.0) / 10.0;
}

unsigned bit(int column)
{
    return 1u << column;
}
} // namespace

struct MirrorListModel::Row {
    MirrorConfig config;
    bool saved = true;
    std::optional<LiveMirror> live;
    Stats::StatsReader reader;
    QString readerPath;
    std::optional<Stats::Snapshot> snapshot;
    std::optional<State> pending;
    QString error;

    struct Sample {
        qint64 ms;
        std::array<std::uint64_t, RateHistory::SeriesCount> counts;
    };
    std::deque<Sample> window; // the last second of samples
    std::array<double, RateHistory::SeriesCount> rates{};
    RateHistory history;
    qint64 historyMs = -1;
    std::array<std::uint64_t, RateHistory::SeriesCount> historyCounts{};

    // What the cells show now, to find what changed.
    State state = State::Stopped;
    DataPath dataPath = DataPath::None;

    [[nodiscard]] std::uint64_t count(int series) const
    {
        return snapshot ? snapshot->requests[static_cast<std::size_t>(CountedOperations[series])] : 0;
    }
};

MirrorListModel::MirrorListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_sampleTimer.setInterval(100);
    m_sampleTimer.setTimerType(Qt::CoarseTimer);
    m_clock.start();
    connect(&m_sampleTimer, &QTimer::timeout, this, [this]() {
        sample(m_clock.elapsed());
    });
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
    }
    return {};
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
    const QLocale locale;
    auto countText = [&](int series) {
        return row.snapshot ? locale.toString(static_cast<qulonglong>(row.count(series))) : QString();
    };
    auto rateText = [&](int series) {
        return row.snapshot ? tr("%1/s", "@item rate per second").arg(locale.toString(row.rates[static_cast<std::size_t>(series)], 'f', 1)) : QString();
    };

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row.config.name;
        case StateColumn:
            return stateText(row.state);
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
            return computeErrorText(row);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() >= OpensColumn) {
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        }
        return {};
    case Qt::AccessibleTextRole:
        if (index.column() == StateColumn && row.state == State::Error) {
            return tr("%1: %2", "@info:accessible state: why").arg(stateText(row.state), computeErrorText(row));
        }
        return {};
    case NameRole:
        return row.config.name;
    case StateRole:
        return static_cast<int>(row.state);
    case StateTextRole:
        return stateText(row.state);
    case SourceRole:
        return row.config.source;
    case MountPointRole:
        return row.config.mountPoint;
    case DataPathRole:
        return static_cast<int>(row.dataPath);
    case OpenCountRole:
        return static_cast<qulonglong>(row.count(RateHistory::Opens));
    case FlushCountRole:
        return static_cast<qulonglong>(row.count(RateHistory::Flushes));
    case CloseCountRole:
        return static_cast<qulonglong>(row.count(RateHistory::Closes));
    case OpenRateRole:
        return row.rates[RateHistory::Opens];
    case FlushRateRole:
        return row.rates[RateHistory::Flushes];
    case CloseRateRole:
        return row.rates[RateHistory::Closes];
    case OpenFilesRole:
        return static_cast<qulonglong>(row.snapshot ? row.snapshot->openFiles : 0);
    case ErrorTextRole:
        return computeErrorText(row);
    case SavedRole:
        return row.saved;
    case LiveIdRole:
        return row.live ? row.live->id : QString();
    case ReadOnlyRole:
        return row.config.readOnly;
    case PassthroughRole:
        return row.config.passthrough;
    case MountAtLoginRole:
        return row.config.mountAtLogin;
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
    });
    return names;
}

// --- Saved mirrors

void MirrorListModel::setSavedMirrors(const QList<MirrorConfig> &mirrors)
{
    // Live rows stay; saved rows are replaced.
    QList<LiveMirror> live;
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

void MirrorListModel::openStats(Row &row)
{
    const QString path = row.live ? row.live->statsPath : QString();
    if (path == row.readerPath && (row.reader.isOpen() || path.isEmpty())) {
        return;
    }
    row.reader.close();
    row.readerPath = path;
    row.window.clear();
    row.rates = {};
    row.historyMs = -1;
    if (!path.isEmpty() && row.reader.open(QFile::encodeName(path).toStdString())) {
        row.snapshot = row.reader.sample();
        row.history.clear();
    }
}

void MirrorListModel::setLiveMirrors(const QList<LiveMirror> &mirrors)
{
    std::vector<bool> seen(m_rows.size(), false);
    for (const LiveMirror &live : mirrors) {
        const QString mountPoint = normalizedPath(live.mountPoint);
        int row = rowForMountPoint(mountPoint);
        if (row < 0) {
            // A live mirror nothing saved describes: show it (adoptable).
            row = static_cast<int>(m_rows.size());
            beginInsertRows({}, row, row);
            Row r;
            r.saved = false;
            r.config.name = QFileInfo(mountPoint).fileName();
            r.config.source = live.source;
            r.config.mountPoint = mountPoint;
            r.config.readOnly = live.readOnly;
            r.config.passthrough = live.passthrough;
            m_rows.push_back(std::move(r));
            seen.push_back(false);
            endInsertRows();
        }
        seen[static_cast<std::size_t>(row)] = true;
        Row &r = m_rows[static_cast<std::size_t>(row)];
        if (r.live != live) {
            r.live = live;
            openStats(r);
            refreshDerived(row, true);
        }
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
        openStats(r);
        refreshDerived(row, false);
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
            if (row.snapshot && row.snapshot->state == Stats::DaemonState::Died) {
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
    return row.error.isEmpty() ? State::Stopped : State::Error;
}

QString MirrorListModel::computeErrorText(const Row &row) const
{
    if (!row.error.isEmpty()) {
        return row.error;
    }
    if (row.live) {
        if (row.live->liveness == Liveness::MountGone) {
            return tr("The mirror's mount is gone, but its daemon did not clean up.", "@info");
        }
        if (row.live->liveness == Liveness::SupervisorGone) {
            return tr("The mirror's daemon died.", "@info");
        }
        if (row.snapshot && row.snapshot->state == Stats::DaemonState::Died) {
            return tr("The mirror's daemon died.", "@info");
        }
    }
    return {};
}

MirrorListModel::DataPath MirrorListModel::computeDataPath(const Row &row) const
{
    if (!row.live || !row.snapshot || row.state != State::Mounted) {
        return DataPath::None;
    }
    const Stats::Snapshot &s = *row.snapshot;
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
    r.state = computeState(r);
    r.dataPath = computeDataPath(r);
    unsigned mask = 0;
    if (r.state != oldState) {
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
    if (!validRow(row)) {
        return false;
    }
    const Row &r = m_rows[static_cast<std::size_t>(row)];
    return r.live
        && (r.live->liveness == Liveness::SupervisorGone || (r.snapshot && r.snapshot->state == Stats::DaemonState::Died));
}

MirrorListModel::State MirrorListModel::state(int row) const
{
    return validRow(row) ? m_rows[static_cast<std::size_t>(row)].state : State::Stopped;
}

QString MirrorListModel::errorText(int row) const
{
    return validRow(row) ? computeErrorText(m_rows[static_cast<std::size_t>(row)]) : QString();
}

std::optional<Stats::Snapshot> MirrorListModel::snapshot(int row) const
{
    return validRow(row) ? m_rows[static_cast<std::size_t>(row)].snapshot : std::nullopt;
}

const RateHistory *MirrorListModel::history(int row) const
{
    return validRow(row) ? &m_rows[static_cast<std::size_t>(row)].history : nullptr;
}

int MirrorListModel::countInState(State state) const
{
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [state](const Row &row) {
        return row.state == state;
    }));
}

// --- Sampling

void MirrorListModel::setSampleInterval(int milliseconds)
{
    m_sampleTimer.setInterval(milliseconds);
}

void MirrorListModel::startSampling()
{
    m_sampleTimer.start();
}

void MirrorListModel::stopSampling()
{
    m_sampleTimer.stop();
}

void MirrorListModel::sample(qint64 nowMs)
{
    static constexpr std::array<int, RateHistory::SeriesCount> CountColumns = {OpensColumn, FlushesColumn, ClosesColumn};
    static constexpr std::array<int, RateHistory::SeriesCount> RateColumns = {OpenRateColumn, FlushRateColumn, CloseRateColumn};
    bool historyGrew = false;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row &r = m_rows[i];
        if (!r.reader.isOpen()) {
            continue;
        }
        const int row = static_cast<int>(i);
        const auto before = r.snapshot;
        r.snapshot = r.reader.sample();
        unsigned mask = 0;
        if (!before) {
            for (int s = 0; s < RateHistory::SeriesCount; ++s) {
                mask |= bit(CountColumns[s]) | bit(RateColumns[s]);
            }
        }

        Row::Sample now{nowMs, {}};
        for (int s = 0; s < RateHistory::SeriesCount; ++s) {
            now.counts[s] = r.count(s);
            if (before && before->requests[static_cast<std::size_t>(CountedOperations[s])] != now.counts[s]) {
                mask |= bit(CountColumns[s]);
            }
        }
        r.window.push_back(now);
        // Keep one sample at or before the start of the window as the base.
        while (r.window.size() > 2 && r.window[1].ms <= nowMs - RateWindowMs) {
            r.window.pop_front();
        }
        const Row::Sample &base = r.window.front();
        const qint64 span = nowMs - base.ms;
        for (int s = 0; s < RateHistory::SeriesCount; ++s) {
            const double rate = span > 0 ? roundedRate(static_cast<double>(now.counts[s] - base.counts[s]) * 1000.0 / static_cast<double>(span)) : 0.0;
            if (rate != r.rates[s]) {
                r.rates[s] = rate;
                mask |= bit(RateColumns[s]);
            }
        }

        if (r.historyMs < 0) {
            r.historyMs = nowMs;
            r.historyCounts = now.counts;
        } else if (nowMs - r.historyMs >= 1000) {
            RateHistory::Point point{};
            const double seconds = static_cast<double>(nowMs - r.historyMs) / 1000.0;
            for (int s = 0; s < RateHistory::SeriesCount; ++s) {
                point[s] = static_cast<double>(now.counts[s] - r.historyCounts[s]) / seconds;
            }
            r.history.append(point);
            r.historyMs = nowMs;
            r.historyCounts = now.counts;
            historyGrew = true;
        }

        emitChanged(row, mask, {});
        if (!before || before->state != r.snapshot->state || before->passthroughAvailable != r.snapshot->passthroughAvailable) {
            refreshDerived(row, true);
        }
    }
    Q_EMIT sampled();
    if (historyGrew) {
        Q_EMIT historyAppended();
    }
}

} // namespace PassMirror
