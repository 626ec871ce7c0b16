// SPDX-License-Identifier: GPL-2.0-or-later
// The activity table of one mirror: the newest events read from its ring
// (core's ActivityFeed), oldest at the top, newest at the bottom, at most
// capacity() rows.
//
// Built for a flood (10,000 events a second): a batch of events is one
// insertion at the end; when the table is full the oldest rows go in one
// removal of at least a tenth of the capacity, so removals stay rare. Cells
// are worded only when a view asks for them.
//
// Paused, the rows stand still: events that arrive are held (at most
// capacity() of them; older ones are counted as skipped) and go in as one
// batch on resume.
#pragma once

#include "activityreader.h"

#include <QAbstractTableModel>
#include <QHash>

#include <deque>
#include <vector>

namespace PassMirror
{

class ActivityModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ProcessColumn,
        UserColumn,
        OperationColumn,
        FileColumn,
        ResultColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SequenceRole = Qt::UserRole + 1, // qulonglong: the record's number in the ring
        TimeRole, // qulonglong: ns since the epoch
        PidRole, // int
        CommandRole, // QString
        UidRole, // uint
        OperationRole, // uint: Stats::Operation
        ErrorRole, // int: 0 or an errno
        PathRole, // QString: Event::displayPath()
    };
    Q_ENUM(Role)

    static constexpr int DefaultCapacity = 10000;

    explicit ActivityModel(QObject *parent = nullptr);
    ~ActivityModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    // At least 10 rows; rows beyond a smaller capacity go at once.
    void setCapacity(int rows);
    [[nodiscard]] int capacity() const
    {
        return m_capacity;
    }

    // A batch of events in ring order: one insertion (or held while paused).
    void append(const std::vector<Activity::Event> &events);
    // No rows, nothing held.
    void clear();

    void setPaused(bool paused);
    [[nodiscard]] bool isPaused() const
    {
        return m_paused;
    }
    // While paused: events waiting for the resume, and events read but
    // dropped from that wait (more than capacity() came).
    [[nodiscard]] qsizetype heldCount() const
    {
        return static_cast<qsizetype>(m_held.size());
    }
    [[nodiscard]] quint64 skippedCount() const
    {
        return m_skipped;
    }

    // The event of a valid row.
    [[nodiscard]] const Activity::Event &event(int row) const
    {
        return m_rows[static_cast<std::size_t>(row)];
    }

    // "ann", or the number when the user database has no name for it.
    [[nodiscard]] QString userName(std::uint32_t uid) const;

Q_SIGNALS:
    void pausedChanged(bool paused);
    // While paused, when heldCount() or skippedCount() changed.
    void heldChanged();
    // On resume: `shown` held events went in, `skipped` were dropped.
    void resumed(qsizetype shown, quint64 skipped);

private:
    template<typename Iterator>
    void insert(Iterator first, Iterator last);
    void dropOldest(std::size_t count);

    std::deque<Activity::Event> m_rows;
    std::deque<Activity::Event> m_held;
    quint64 m_skipped = 0;
    int m_capacity = DefaultCapacity;
    bool m_paused = false;
    mutable QHash<std::uint32_t, QString> m_userNames;
};

} // namespace PassMirror
