// SPDX-License-Identifier: GPL-2.0-or-later
// The Activity tab: what programs do in the selected mirror, request by
// request, from its activity ring. A live table (newest at the bottom,
// following the end unless the person scrolled away), filters, pause,
// clear and CSV export; beside it the busiest processes and files and the
// errors by operation over the last 10 s, minute or five minutes. Says how
// many events were lost, and says so plainly when the mirror keeps no ring.
//
// The ring is read (ActivityFeed) only while the tab is shown.
#pragma once

#include "activityfeed.h"
#include "recentactivity.h"

#include <QWidget>

template<typename T>
class QFutureWatcher;

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QTableView;
class QTableWidget;

namespace PassMirror
{

class ActivityFilterModel;
class ActivityModel;
class MirrorListModel;

class ActivityPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ActivityPanel(MirrorListModel *mirrors, QWidget *parent = nullptr);
    ~ActivityPanel() override;

    // -1: nothing selected.
    void setRow(int row);
    [[nodiscard]] int row() const
    {
        return m_row;
    }

    [[nodiscard]] ActivityFeed *feed() const
    {
        return m_feed;
    }
    [[nodiscard]] ActivityModel *model() const
    {
        return m_model;
    }
    [[nodiscard]] ActivityFilterModel *shownModel() const
    {
        return m_filter;
    }
    // The events the top views summarize.
    [[nodiscard]] const RecentActivity &recent() const
    {
        return m_recent;
    }

    // Writes the rows shown now (after the filters) as CSV; false with a
    // message in words (also shown in a message box) when it cannot.
    bool exportCsv(const QString &fileName);

public Q_SLOTS:
    // The top views, now (a timer does it once a second while shown): they
    // are summarized on another thread; summaryShown() follows.
    void refreshSummary();

Q_SIGNALS:
    void summaryShown();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    struct Summary;

    QWidget *createFilterBar(QWidget *parent);
    void createSummaryViews(QWidget *parent);
    void updateSource();
    void updatePage();
    void updateStatus();
    void resetShown();
    void showSummary(const Summary &summary);
    void chooseExportFile();
    bool writeCsv(const QString &fileName, const std::vector<Activity::Event> &events);
    [[nodiscard]] std::vector<Activity::Event> shownEvents() const;
    [[nodiscard]] QString mirrorName() const;
    [[nodiscard]] bool atBottom() const;

    MirrorListModel *m_mirrors;
    int m_row = -1;
    QString m_mountPoint; // of the mirror whose events are shown
    bool m_unmounted = false; // the rows are the last ones of a mirror that stopped

    ActivityFeed *m_feed;
    ActivityModel *m_model;
    ActivityFilterModel *m_filter;
    RecentActivity m_recent;
    QString m_note; // the last thing done (resumed, exported), for the status line

    QStackedWidget *m_pages;
    QLabel *m_message;
    QLabel *m_status;
    QLineEdit *m_processFilter = nullptr;
    QComboBox *m_operationFilter = nullptr;
    QLineEdit *m_pathFilter = nullptr;
    QCheckBox *m_errorsOnly = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_clear = nullptr;
    QPushButton *m_export = nullptr;
    QTableView *m_table;
    QComboBox *m_window = nullptr;
    QLabel *m_coverage = nullptr;
    QTableWidget *m_topProcesses = nullptr;
    QTableWidget *m_topFiles = nullptr;
    QTableWidget *m_errors = nullptr;
    QTimer *m_summaryTimer;
    QFutureWatcher<Summary> *m_summaryWatcher;
    bool m_summaryBusy = false;
    bool m_summaryAgain = false;
    quint64 m_generation = 0; // a summary of events since cleared away is not shown
    bool m_follow = true; // at the bottom before rows came: stay there
    int m_scrollBeforeRemoval = -1;
    bool m_refiltering = false; // rows come and go for a new filter, not for new events
};

} // namespace PassMirror
