// SPDX-License-Identifier: GPL-2.0-or-later
// The rows of an ActivityModel a person asked to see: a process (a pid, or
// part of its command name), one operation, part of the path, errors only.
// Each row is judged on the raw event (no cell text is made), once when it
// arrives and again when a filter changes. A changed filter is one layout
// change, not a removal per run of hidden rows: with 10,000 rows those
// thousands of signals stalled the window for 30 ms a keystroke.
#pragma once

#include "activityreader.h"

#include <QSortFilterProxyModel>

#include <optional>
#include <string>

namespace PassMirror
{

class ActivityModel;

class ActivityFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit ActivityFilterModel(ActivityModel *source, QObject *parent = nullptr);

    // Digits alone: that pid; otherwise part of the command name (ASCII
    // letters in any case). Empty: every process.
    void setProcessFilter(const QString &text);
    // nullopt: every operation.
    void setOperationFilter(std::optional<std::uint32_t> operation);
    // Part of the path (or of a rename's target) as shown, "/" first; ASCII
    // letters in any case. Empty: every path.
    void setPathFilter(const QString &text);
    void setErrorsOnly(bool errorsOnly);

    [[nodiscard]] bool isFiltering() const;
    // Whether `event` passes the filters as they are now.
    [[nodiscard]] bool accepts(const Activity::Event &event) const;
    // The event shown at `row` of this model.
    [[nodiscard]] const Activity::Event &event(int row) const;

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    ActivityModel *m_source;
    std::optional<int> m_pid;
    std::string m_command; // lower-case UTF-8
    std::optional<std::uint32_t> m_operation;
    std::string m_path; // lower-case UTF-8
    bool m_errorsOnly = false;
};

} // namespace PassMirror
