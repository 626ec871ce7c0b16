// SPDX-License-Identifier: GPL-2.0-or-later
#include "activitymodel.h"

#include "activityformat.h"
#include "displaytext.h"
#include "useridentity.h"

#include <algorithm>

namespace PassMirror
{

namespace
{
constexpr int MinimumCapacity = 10;

QString latin1(std::string_view text)
{
    return QLatin1StringView(text.data(), static_cast<qsizetype>(text.size())).toString();
}
} // namespace

ActivityModel::ActivityModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

ActivityModel::~ActivityModel() = default;

int ActivityModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ActivityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ActivityModel::userName(std::uint32_t uid) const
{
    auto it = m_userNames.constFind(uid);
    if (it == m_userNames.constEnd()) {
        const auto user = lookupUser(static_cast<uid_t>(uid));
        it = m_userNames.insert(uid, user ? QString::fromStdString(user->name) : QString::number(uid));
    }
    return *it;
}

QVariant ActivityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Activity::Event &event = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return eventClockTime(event.timeUnixNs);
        case ProcessColumn:
            return eventProcess(event);
        case UserColumn:
            return userName(event.uid);
        case OperationColumn:
            return latin1(event.operationName());
        case FileColumn:
            if (const QString target = eventTarget(event); !target.isEmpty()) {
                return tr("%1 → %2", "@item activity file: path → target of a rename or link").arg(eventPath(event), target);
            }
            return eventPath(event);
        case ResultColumn:
            return event.error == 0 ? tr("ok", "@item activity result: no error") : errnoName(event.error);
        }
        return {};
    case Qt::ToolTipRole:
        // The whole record in one line, as passmirrorctl activity prints it;
        // never taken for markup, whatever the file is called.
        return toolTipText(eventLine(event));
    case SequenceRole:
        return static_cast<qulonglong>(event.sequence);
    case TimeRole:
        return static_cast<qulonglong>(event.timeUnixNs);
    case PidRole:
        return event.pid;
    case CommandRole:
        return QString::fromUtf8(event.command);
    case UidRole:
        return event.uid;
    case OperationRole:
        return event.operation;
    case ErrorRole:
        return event.error;
    case PathRole:
        return eventPath(event);
    }
    return {};
}

QVariant ActivityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case TimeColumn:
        return tr("Time", "@title:column");
    case ProcessColumn:
        return tr("Process", "@title:column command[pid]");
    case UserColumn:
        return tr("User", "@title:column");
    case OperationColumn:
        return tr("Operation", "@title:column");
    case FileColumn:
        return tr("File", "@title:column");
    case ResultColumn:
        return tr("Result", "@title:column ok or an error name");
    }
    return {};
}

QHash<int, QByteArray> ActivityModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert({
        {SequenceRole, "sequence"},
        {TimeRole, "time"},
        {PidRole, "pid"},
        {CommandRole, "command"},
        {UidRole, "uid"},
        {OperationRole, "operation"},
        {ErrorRole, "error"},
        {PathRole, "path"},
    });
    return names;
}

void ActivityModel::setCapacity(int rows)
{
    m_capacity = std::max(rows, MinimumCapacity);
    const auto capacity = static_cast<std::size_t>(m_capacity);
    if (m_rows.size() > capacity) {
        dropOldest(m_rows.size() - capacity);
    }
    if (m_held.size() > capacity) {
        m_skipped += m_held.size() - capacity;
        m_held.erase(m_held.begin(), m_held.end() - m_capacity);
        Q_EMIT heldChanged();
    }
}

void ActivityModel::append(const std::vector<Activity::Event> &events)
{
    if (events.empty()) {
        return;
    }
    if (!m_paused) {
        insert(events.begin(), events.end());
        return;
    }
    const auto capacity = static_cast<std::size_t>(m_capacity);
    if (events.size() >= capacity) {
        m_skipped += m_held.size() + (events.size() - capacity);
        m_held.assign(events.end() - m_capacity, events.end());
    } else {
        m_held.insert(m_held.end(), events.begin(), events.end());
        if (m_held.size() > capacity) {
            const std::size_t excess = m_held.size() - capacity;
            m_skipped += excess;
            m_held.erase(m_held.begin(), m_held.begin() + static_cast<std::ptrdiff_t>(excess));
        }
    }
    Q_EMIT heldChanged();
}

template<typename Iterator>
void ActivityModel::insert(Iterator first, Iterator last)
{
    auto count = static_cast<std::size_t>(std::distance(first, last));
    const auto capacity = static_cast<std::size_t>(m_capacity);
    if (count > capacity) {
        std::advance(first, static_cast<std::ptrdiff_t>(count - capacity)); // only the newest fit
        count = capacity;
    }
    if (count == 0) {
        return;
    }
    if (m_rows.size() + count > capacity) {
        // A tenth of the table at least, so a steady stream removes rarely.
        const std::size_t needed = m_rows.size() + count - capacity;
        dropOldest(std::min(m_rows.size(), std::max(needed, capacity / 10)));
    }
    const int firstRow = static_cast<int>(m_rows.size());
    beginInsertRows({}, firstRow, firstRow + static_cast<int>(count) - 1);
    m_rows.insert(m_rows.end(), first, last);
    endInsertRows();
}

void ActivityModel::dropOldest(std::size_t count)
{
    if (count == 0) {
        return;
    }
    beginRemoveRows({}, 0, static_cast<int>(count) - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + static_cast<std::ptrdiff_t>(count));
    endRemoveRows();
}

void ActivityModel::clear()
{
    if (!m_rows.empty()) {
        beginResetModel();
        m_rows.clear();
        endResetModel();
    }
    if (!m_held.empty() || m_skipped != 0) {
        m_held.clear();
        m_skipped = 0;
        Q_EMIT heldChanged();
    }
}

void ActivityModel::setPaused(bool paused)
{
    if (m_paused == paused) {
        return;
    }
    m_paused = paused;
    if (!paused) {
        const auto shown = static_cast<qsizetype>(m_held.size());
        const quint64 skipped = m_skipped;
        std::deque<Activity::Event> held;
        held.swap(m_held);
        m_skipped = 0;
        insert(held.begin(), held.end());
        Q_EMIT pausedChanged(false);
        Q_EMIT resumed(shown, skipped);
        return;
    }
    Q_EMIT pausedChanged(true);
}

} // namespace PassMirror
