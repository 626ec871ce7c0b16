// SPDX-License-Identifier: GPL-2.0-or-later
#include "activitypanel.h"

#include "activityfiltermodel.h"
#include "activityformat.h"
#include "activitymodel.h"
#include "displaytext.h"
#include "mirrorlistmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPromise>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QThreadPool>
#include <QVBoxLayout>

#include <memory>

namespace PassMirror
{

struct ActivityPanel::Summary {
    Activity::Summary summary;
    std::chrono::seconds window{0};
    std::uint64_t nowUnixNs = 0;
    std::uint64_t coverageStart = 0;
    quint64 generation = 0;
};

namespace
{
// Rows in each top view.
constexpr std::size_t TopCount = 10;
constexpr std::chrono::milliseconds SummaryInterval{1000};

QString latin1(std::string_view text)
{
    return QLatin1StringView(text.data(), static_cast<qsizetype>(text.size())).toString();
}

// A small read-only table of the top views: one Tab stop, no editing.
QTableWidget *summaryTable(const QString &objectName, const QString &accessibleName, const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setObjectName(objectName);
    table->setAccessibleName(accessibleName);
    table->setHorizontalHeaderLabels(headers);
    table->setTabKeyNavigation(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 4);
    table->horizontalHeader()->setObjectName(objectName + QStringLiteral("Header"));
    table->horizontalHeader()->setAccessibleName(ActivityPanel::tr("%1: columns", "@info:accessible the header of a table").arg(accessibleName));
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return table;
}

// Reuses the cell's item: a refresh a second must not lose the selection.
void setCell(QTableWidget *table, int row, int column, const QString &text, const QString &toolTip = {})
{
    QTableWidgetItem *item = table->item(row, column);
    if (!item) {
        item = new QTableWidgetItem;
        if (column > 0) {
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
        table->setItem(row, column, item);
    }
    if (item->text() != text) {
        item->setText(text);
    }
    item->setToolTip(toolTipText(toolTip.isEmpty() ? text : toolTip));
}
} // namespace

ActivityPanel::ActivityPanel(MirrorListModel *mirrors, QWidget *parent)
    : QWidget(parent)
    , m_mirrors(mirrors)
    , m_feed(new ActivityFeed(this))
    , m_model(new ActivityModel(this))
    , m_filter(new ActivityFilterModel(m_model, this))
    , m_summaryTimer(new QTimer(this))
    , m_summaryWatcher(new QFutureWatcher<Summary>(this))
{
    setObjectName(QStringLiteral("activityPanel"));
    setAccessibleName(tr("Mirror activity", "@info:accessible"));

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(QStringLiteral("activityPages"));

    // Page 0: what happens in the mirror.
    auto *content = new QWidget(m_pages);
    content->setObjectName(QStringLiteral("activityContent"));
    m_status = new QLabel(content);
    m_status->setObjectName(QStringLiteral("activityStatus"));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setToolTip(tr("Lost: events the daemon wrote over in its ring before the window could read them.", "@info:tooltip"));
    QWidget *filterBar = createFilterBar(content);

    m_table = new QTableView(content);
    m_table->setObjectName(QStringLiteral("activityTable"));
    m_table->setAccessibleName(tr("Requests to the mirror, newest last", "@info:accessible table"));
    m_table->setModel(m_filter);
    m_table->setTabKeyNavigation(false); // one Tab stop: arrows move inside
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    // Fixed row heights and column widths: nothing measures 10,000 rows.
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 4);
    QHeaderView *header = m_table->horizontalHeader();
    header->setObjectName(QStringLiteral("activityTableHeader"));
    header->setAccessibleName(tr("Activity columns", "@info:accessible"));
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(ActivityModel::FileColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_table->fontMetrics();
    header->resizeSection(ActivityModel::TimeColumn, fm.horizontalAdvance(QStringLiteral("00:00:00.000000")) + 16);
    header->resizeSection(ActivityModel::ProcessColumn, fm.horizontalAdvance(QStringLiteral("kworker/u16:0[4194304]")) + 12);
    header->resizeSection(ActivityModel::UserColumn, fm.horizontalAdvance(QStringLiteral("username")) + 12);
    header->resizeSection(ActivityModel::OperationColumn, fm.horizontalAdvance(QStringLiteral("copy_file_range")) + 12);
    header->resizeSection(ActivityModel::ResultColumn, fm.horizontalAdvance(QStringLiteral("EOPNOTSUPP")) + 16);

    auto *summary = new QWidget(content);
    summary->setObjectName(QStringLiteral("activitySummary"));
    createSummaryViews(summary);

    auto *splitter = new QSplitter(Qt::Horizontal, content);
    splitter->setObjectName(QStringLiteral("activitySplitter"));
    splitter->addWidget(m_table);
    splitter->addWidget(summary);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_status);
    contentLayout->addWidget(filterBar);
    contentLayout->addWidget(splitter, 1);

    // Page 1: why there is nothing to show.
    m_message = new QLabel(m_pages);
    m_message->setObjectName(QStringLiteral("activityMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_message->setMargin(24);

    m_pages->addWidget(content);
    m_pages->addWidget(m_message);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_pages);

    // The order Tab takes: filters left to right, the buttons, the table,
    // then the top views.
    setTabOrder(
        {m_processFilter, m_operationFilter, m_pathFilter, m_errorsOnly, m_pause, m_clear, m_export, m_table, m_window, m_topProcesses, m_topFiles, m_errors});

    connect(m_feed, &ActivityFeed::eventsRead, this, [this](const std::vector<Activity::Event> &events) {
        m_recent.add(events);
        m_model->append(events);
        if (m_recent.size() == events.size()) {
            refreshSummary(); // the first events: no need to wait for the timer
        }
    });
    connect(m_feed, &ActivityFeed::countsChanged, this, &ActivityPanel::updateStatus);
    connect(m_feed, &ActivityFeed::statusChanged, this, &ActivityPanel::updatePage);
    connect(m_model, &ActivityModel::heldChanged, this, &ActivityPanel::updateStatus);
    connect(m_model, &ActivityModel::resumed, this, [this](qsizetype shown, quint64 skipped) {
        const QLocale locale;
        m_note = tr("Resumed: %1 events caught up, %2 skipped while paused", "@info activity status")
                     .arg(locale.toString(static_cast<qlonglong>(shown)), locale.toString(static_cast<qulonglong>(skipped)));
        updateStatus();
    });

    // Newest at the bottom: follow it while the view is at the bottom; rows
    // leaving at the top do not move what a person scrolled to.
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeInserted, this, [this]() {
        m_follow = atBottom();
    });
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this]() {
        if (m_follow) {
            m_table->scrollToBottom();
        }
        updateStatus();
    });
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &, int first, int last) {
        m_scrollBeforeRemoval = !m_refiltering && first == 0 && !atBottom() ? std::max(0, m_table->verticalScrollBar()->value() - (last - first + 1)) : -1;
    });
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, [this]() {
        if (m_scrollBeforeRemoval >= 0) {
            m_table->verticalScrollBar()->setValue(m_scrollBeforeRemoval);
        }
        m_scrollBeforeRemoval = -1;
        updateStatus();
    });
    connect(m_filter, &QAbstractItemModel::modelReset, this, &ActivityPanel::updateStatus);

    m_summaryTimer->setInterval(SummaryInterval);
    connect(m_summaryTimer, &QTimer::timeout, this, &ActivityPanel::refreshSummary);
    connect(m_summaryWatcher, &QFutureWatcherBase::finished, this, [this]() {
        m_summaryBusy = false;
        const Summary summary = m_summaryWatcher->result();
        const bool current = summary.generation == m_generation;
        if (current) {
            showSummary(summary);
        }
        if (m_summaryAgain || !current) {
            m_summaryAgain = false;
            refreshSummary();
        }
    });

    connect(m_mirrors, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
        if (m_row >= topLeft.row() && m_row <= bottomRight.row()) {
            updateSource();
        }
    });
    connect(m_mirrors, &QAbstractItemModel::modelReset, this, [this]() {
        setRow(-1);
    });
    setRow(-1);
}

ActivityPanel::~ActivityPanel() = default;

QWidget *ActivityPanel::createFilterBar(QWidget *parent)
{
    auto *bar = new QWidget(parent);
    bar->setObjectName(QStringLiteral("activityFilterBar"));

    m_processFilter = new QLineEdit(bar);
    m_processFilter->setObjectName(QStringLiteral("activityProcessFilter"));
    m_processFilter->setAccessibleName(tr("Process filter", "@info:accessible"));
    m_processFilter->setPlaceholderText(tr("name or PID", "@info:placeholder"));
    m_processFilter->setToolTip(tr("Show only one process: its PID, or part of its command name.", "@info:tooltip"));
    m_processFilter->setClearButtonEnabled(true);
    auto *processLabel = new QLabel(tr("Pro&cess:", "@label:textbox"), bar);
    processLabel->setBuddy(m_processFilter);

    m_operationFilter = new QComboBox(bar);
    m_operationFilter->setObjectName(QStringLiteral("activityOperationFilter"));
    m_operationFilter->setAccessibleName(tr("Operation filter", "@info:accessible"));
    m_operationFilter->view()->setAccessibleName(m_operationFilter->accessibleName()); // its popup list
    m_operationFilter->setToolTip(tr("Show only one kind of request.", "@info:tooltip"));
    m_operationFilter->addItem(tr("All operations", "@item:inlistbox"), -1);
    for (std::uint32_t i = 0; i < Stats::OperationCount; ++i) {
        m_operationFilter->addItem(latin1(Activity::operationName(i)), static_cast<int>(i));
    }
    auto *operationLabel = new QLabel(tr("&Operation:", "@label:listbox"), bar);
    operationLabel->setBuddy(m_operationFilter);

    m_pathFilter = new QLineEdit(bar);
    m_pathFilter->setObjectName(QStringLiteral("activityPathFilter"));
    m_pathFilter->setAccessibleName(tr("Path filter", "@info:accessible"));
    m_pathFilter->setPlaceholderText(tr("part of the path", "@info:placeholder"));
    m_pathFilter->setToolTip(tr("Show only files whose path in the mirror contains this text.", "@info:tooltip"));
    m_pathFilter->setClearButtonEnabled(true);
    auto *pathLabel = new QLabel(tr("Pat&h:", "@label:textbox"), bar);
    pathLabel->setBuddy(m_pathFilter);

    m_errorsOnly = new QCheckBox(tr("&Errors only", "@option:check"), bar);
    m_errorsOnly->setObjectName(QStringLiteral("activityErrorsOnly"));
    m_errorsOnly->setAccessibleName(tr("Errors only", "@info:accessible"));
    m_errorsOnly->setToolTip(tr("Show only requests answered with an error.", "@info:tooltip"));

    m_pause = new QPushButton(tr("&Pause", "@action:button"), bar);
    m_pause->setObjectName(QStringLiteral("activityPauseButton"));
    m_pause->setCheckable(true);
    m_pause->setAccessibleName(tr("Pause", "@action:button accessible"));
    m_pause->setToolTip(tr("Keep the table still; events are still read and counted, and go in when you resume.", "@info:tooltip"));

    m_clear = new QPushButton(tr("C&lear", "@action:button"), bar);
    m_clear->setObjectName(QStringLiteral("activityClearButton"));
    m_clear->setAccessibleName(tr("Clear the table", "@action:button accessible"));
    m_clear->setToolTip(tr("Remove the rows shown and start the top views afresh; new events keep coming.", "@info:tooltip"));

    m_export = new QPushButton(tr("E&xport CSV…", "@action:button"), bar);
    m_export->setObjectName(QStringLiteral("activityExportButton"));
    m_export->setAccessibleName(tr("Export the rows shown as CSV", "@action:button accessible"));
    m_export->setToolTip(tr("Save the rows shown now, after the filters, as a CSV file.", "@info:tooltip"));

    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(processLabel);
    layout->addWidget(m_processFilter, 1);
    layout->addWidget(operationLabel);
    layout->addWidget(m_operationFilter);
    layout->addWidget(pathLabel);
    layout->addWidget(m_pathFilter, 2);
    layout->addWidget(m_errorsOnly);
    layout->addSpacing(12);
    layout->addWidget(m_pause);
    layout->addWidget(m_clear);
    layout->addWidget(m_export);

    // A changed filter judges the rows again; the view then follows the end
    // if it did before.
    const auto refilter = [this](auto change) {
        const bool follow = atBottom();
        m_refiltering = true;
        change();
        m_refiltering = false;
        if (follow) {
            m_table->scrollToBottom();
        }
        updateStatus();
    };
    connect(m_processFilter, &QLineEdit::textChanged, this, [this, refilter](const QString &text) {
        refilter([&] {
            m_filter->setProcessFilter(text);
        });
    });
    connect(m_operationFilter, &QComboBox::currentIndexChanged, this, [this, refilter]() {
        const int operation = m_operationFilter->currentData().toInt();
        refilter([&] {
            m_filter->setOperationFilter(operation < 0 ? std::nullopt : std::optional<std::uint32_t>(static_cast<std::uint32_t>(operation)));
        });
    });
    connect(m_pathFilter, &QLineEdit::textChanged, this, [this, refilter](const QString &text) {
        refilter([&] {
            m_filter->setPathFilter(text);
        });
    });
    connect(m_errorsOnly, &QCheckBox::toggled, this, [this, refilter](bool on) {
        refilter([&] {
            m_filter->setErrorsOnly(on);
        });
    });
    connect(m_pause, &QPushButton::toggled, this, [this](bool paused) {
        m_pause->setText(paused ? tr("&Resume", "@action:button") : tr("&Pause", "@action:button"));
        m_pause->setAccessibleName(paused ? tr("Resume", "@action:button accessible") : tr("Pause", "@action:button accessible"));
        if (paused) {
            m_note.clear();
        }
        m_model->setPaused(paused);
        updateStatus();
    });
    connect(m_clear, &QPushButton::clicked, this, [this]() {
        m_note.clear();
        resetShown();
        refreshSummary();
    });
    connect(m_export, &QPushButton::clicked, this, &ActivityPanel::chooseExportFile);
    return bar;
}

void ActivityPanel::createSummaryViews(QWidget *parent)
{
    m_window = new QComboBox(parent);
    m_window->setObjectName(QStringLiteral("activityWindowCombo"));
    m_window->setAccessibleName(tr("Time the top views cover", "@info:accessible"));
    m_window->view()->setAccessibleName(m_window->accessibleName()); // its popup list
    m_window->setToolTip(tr("How far back the busiest processes, files and the errors reach.", "@info:tooltip"));
    m_window->addItem(tr("10 seconds", "@item:inlistbox time window"), 10);
    m_window->addItem(tr("1 minute", "@item:inlistbox time window"), 60);
    m_window->addItem(tr("5 minutes", "@item:inlistbox time window"), 300);
    m_window->setCurrentIndex(1);
    auto *windowLabel = new QLabel(tr("&Top in the last:", "@label:listbox"), parent);
    windowLabel->setBuddy(m_window);
    connect(m_window, &QComboBox::currentIndexChanged, this, &ActivityPanel::refreshSummary);

    m_coverage = new QLabel(parent);
    m_coverage->setObjectName(QStringLiteral("activityCoverage"));
    m_coverage->setTextFormat(Qt::PlainText);
    m_coverage->setWordWrap(true);

    m_topProcesses =
        summaryTable(QStringLiteral("activityTopProcesses"),
                     tr("Busiest processes", "@info:accessible table"),
                     {tr("Process", "@title:column command[pid]"), tr("User", "@title:column"), tr("Requests", "@title:column"), tr("Errors", "@title:column")},
                     parent);
    m_topFiles = summaryTable(QStringLiteral("activityTopFiles"),
                              tr("Busiest files", "@info:accessible table"),
                              {tr("File", "@title:column"), tr("Requests", "@title:column"), tr("Errors", "@title:column")},
                              parent);
    m_errors = summaryTable(QStringLiteral("activityErrors"),
                            tr("Errors by operation", "@info:accessible table"),
                            {tr("Operation", "@title:column"), tr("Error", "@title:column errno name"), tr("Count", "@title:column")},
                            parent);

    auto *windowRow = new QHBoxLayout;
    windowRow->addWidget(windowLabel);
    windowRow->addWidget(m_window);
    windowRow->addStretch(1);
    auto *layout = new QVBoxLayout(parent);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(windowRow);
    layout->addWidget(m_coverage);
    const std::pair<QString, QTableWidget *> views[] = {
        {tr("Processes", "@title:group busiest processes"), m_topProcesses},
        {tr("Files", "@title:group busiest files"), m_topFiles},
        {tr("Errors", "@title:group errors by operation"), m_errors},
    };
    for (const auto &[title, table] : views) {
        auto *label = new QLabel(title, parent);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        layout->addWidget(label);
        layout->addWidget(table, 1);
    }
}

void ActivityPanel::setRow(int row)
{
    m_row = row >= 0 && row < m_mirrors->rowCount() ? row : -1;
    updateSource();
}

QString ActivityPanel::mirrorName() const
{
    return m_row < 0 ? QString() : m_mirrors->index(m_row, 0).data(MirrorListModel::NameRole).toString();
}

// Which ring the selected row's mirror has, and whether that changed.
void ActivityPanel::updateSource()
{
    QString ring;
    QString mountPoint;
    if (m_row >= 0) {
        const QModelIndex index = m_mirrors->index(m_row, 0);
        mountPoint = index.data(MirrorListModel::MountPointRole).toString();
        const QString stats = index.data(MirrorListModel::StatsPathRole).toString();
        if (!stats.isEmpty()) {
            ring = QFile::decodeName(QByteArray::fromStdString(Activity::ringPathFor(QFile::encodeName(stats).toStdString())));
        }
    }
    const bool sameMirror = mountPoint == m_mountPoint && !mountPoint.isEmpty();
    if (ring != m_feed->ringPath() || !sameMirror) {
        // The last rows of a mirror that stopped stay until another is chosen.
        const bool stopped = ring.isEmpty() && sameMirror && (m_unmounted || m_model->rowCount() > 0);
        if (!stopped) {
            resetShown();
        }
        m_unmounted = stopped;
        m_mountPoint = mountPoint;
        m_feed->open(ring);
        m_feed->setRunning(isVisible());
        refreshSummary();
    }
    updatePage();
}

void ActivityPanel::resetShown()
{
    m_model->clear();
    m_recent.clear();
    ++m_generation;
    m_follow = true;
}

void ActivityPanel::updatePage()
{
    QString message;
    const QString name = mirrorName();
    if (m_row < 0) {
        message = tr("Select a mirror to see what programs do in it.", "@info");
    } else if (!m_unmounted) {
        switch (m_feed->status()) {
        case ActivityFeed::Status::Reading:
        case ActivityFeed::Status::Ended:
            break;
        case ActivityFeed::Status::Closed:
            message = tr("“%1” is not mounted. What programs do in it shows here while it is mounted.", "@info").arg(name);
            break;
        case ActivityFeed::Status::NoRing:
            message = tr("“%1” keeps no record of its activity: its daemon was started with --no-activity. The counters on the Details tab still "
                         "count every request.",
                         "@info")
                          .arg(name);
            break;
        case ActivityFeed::Status::Unreadable:
            message = tr("The activity record of “%1” cannot be read: %2", "@info").arg(name, m_feed->errorString());
            break;
        }
    }
    if (message.isEmpty()) {
        m_pages->setCurrentIndex(0);
    } else {
        m_message->setText(message);
        m_message->setAccessibleName(message);
        m_pages->setCurrentIndex(1);
    }
    updateStatus();
}

void ActivityPanel::updateStatus()
{
    const QLocale locale;
    QStringList parts;
    if (m_unmounted) {
        parts << tr("“%1” is not mounted any more; these are the last events read from it", "@info activity status").arg(mirrorName());
    } else {
        parts << tr("Events read: %1", "@info activity status").arg(locale.toString(static_cast<qulonglong>(m_feed->received())));
        parts << tr("Lost: %1", "@info activity status: events overwritten in the ring before they were read")
                     .arg(locale.toString(static_cast<qulonglong>(m_feed->missed())));
    }
    parts << tr("Shown: %1 of the last %2", "@info activity status: rows after the filters of the rows kept")
                 .arg(locale.toString(m_filter->rowCount()), locale.toString(m_model->rowCount()));
    if (m_feed->status() == ActivityFeed::Status::Ended && !m_unmounted) {
        parts << tr("The ring closed: the mirror's daemon has ended", "@info activity status");
    }
    if (m_model->isPaused()) {
        parts << tr("Paused: %1 new events held, %2 skipped", "@info activity status")
                     .arg(locale.toString(static_cast<qlonglong>(m_model->heldCount())), locale.toString(static_cast<qulonglong>(m_model->skippedCount())));
    }
    if (!m_note.isEmpty()) {
        parts << m_note;
    }
    const QString text = parts.join(QStringLiteral(" · "));
    if (m_status->text() != text) {
        m_status->setText(text); // its own accessible name: no name-change events ten times a second
    }
}

void ActivityPanel::refreshSummary()
{
    if (m_summaryBusy) {
        m_summaryAgain = true;
        return;
    }
    m_summaryBusy = true;
    auto promise = std::make_shared<QPromise<Summary>>();
    promise->start();
    m_summaryWatcher->setFuture(promise->future());
    const std::chrono::seconds window(m_window->currentData().toInt());
    QThreadPool::globalInstance()->start([promise, snapshot = m_recent.snapshot(), window, now = RecentActivity::nowUnixNs(), generation = m_generation]() {
        promise->addResult(
            Summary{RecentActivity::summarize(snapshot, window, TopCount, now), window, now, RecentActivity::coverageStart(snapshot, window, now), generation});
        promise->finish();
    });
}

void ActivityPanel::showSummary(const Summary &shown)
{
    const QLocale locale;
    const Activity::Summary &summary = shown.summary;
    const std::uint64_t now = shown.nowUnixNs;
    const std::chrono::seconds window = shown.window;

    m_topProcesses->setRowCount(static_cast<int>(summary.processes.size()));
    for (int i = 0; i < static_cast<int>(summary.processes.size()); ++i) {
        const Activity::ProcessActivity &process = summary.processes[static_cast<std::size_t>(i)];
        setCell(m_topProcesses, i, 0, processText(process.command, process.pid));
        setCell(m_topProcesses, i, 1, m_model->userName(process.uid));
        setCell(m_topProcesses, i, 2, locale.toString(static_cast<qulonglong>(process.operations)));
        setCell(m_topProcesses, i, 3, locale.toString(static_cast<qulonglong>(process.errors)));
    }
    m_topFiles->setRowCount(static_cast<int>(summary.files.size()));
    for (int i = 0; i < static_cast<int>(summary.files.size()); ++i) {
        const Activity::FileActivity &file = summary.files[static_cast<std::size_t>(i)];
        setCell(m_topFiles, i, 0, printableText(file.path));
        setCell(m_topFiles, i, 1, locale.toString(static_cast<qulonglong>(file.operations)));
        setCell(m_topFiles, i, 2, locale.toString(static_cast<qulonglong>(file.errors)));
    }
    m_errors->setRowCount(static_cast<int>(summary.errors.size()));
    for (int i = 0; i < static_cast<int>(summary.errors.size()); ++i) {
        const Activity::OperationErrors &error = summary.errors[static_cast<std::size_t>(i)];
        setCell(m_errors, i, 0, latin1(Activity::operationName(error.operation)));
        setCell(m_errors, i, 1, errnoName(error.error), resultText(error.error));
        setCell(m_errors, i, 2, locale.toString(static_cast<qulonglong>(error.count)));
    }

    const std::uint64_t windowNs = static_cast<std::uint64_t>(std::chrono::nanoseconds(window).count());
    const std::uint64_t start = shown.coverageStart;
    QString coverage = tr("%1 requests in this time", "@info top views").arg(locale.toString(static_cast<qulonglong>(summary.events)));
    if (now > windowNs && start > now - windowNs) {
        // A flood: the count limit let older events of the window go.
        coverage = tr("%1 requests in the last %2 s only: at most %3 events are kept", "@info top views")
                       .arg(locale.toString(static_cast<qulonglong>(summary.events)),
                            locale.toString(static_cast<double>(now - start) / 1e9, 'f', 1),
                            locale.toString(static_cast<qulonglong>(RecentActivity::DefaultLimit)));
    }
    if (m_coverage->text() != coverage) {
        m_coverage->setText(coverage);
    }
    Q_EMIT summaryShown();
}

std::vector<Activity::Event> ActivityPanel::shownEvents() const
{
    std::vector<Activity::Event> events;
    const int rows = m_filter->rowCount();
    events.reserve(static_cast<std::size_t>(rows));
    for (int row = 0; row < rows; ++row) {
        events.push_back(m_filter->event(row));
    }
    return events;
}

bool ActivityPanel::exportCsv(const QString &fileName)
{
    return writeCsv(fileName, shownEvents());
}

void ActivityPanel::chooseExportFile()
{
    // The rows shown at the click are the ones written.
    auto rows = std::make_shared<std::vector<Activity::Event>>(shownEvents());
    QString name = mirrorName();
    name.replace(QLatin1Char('/'), QLatin1Char('_'));
    auto *dialog = new QFileDialog(this,
                                   tr("Export Activity as CSV", "@title:window"),
                                   QDir::home().filePath(tr("%1-activity.csv", "@item default file name; %1 is the mirror's name").arg(name)),
                                   tr("CSV files (*.csv)", "@item file dialog filter"));
    dialog->setObjectName(QStringLiteral("activityExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    connect(dialog, &QFileDialog::fileSelected, this, [this, rows](const QString &fileName) {
        writeCsv(fileName, *rows);
    });
    dialog->open();
}

bool ActivityPanel::writeCsv(const QString &fileName, const std::vector<Activity::Event> &events)
{
    QSaveFile file(fileName);
    bool written = file.open(QIODevice::WriteOnly);
    if (written) {
        QByteArray text = csvHeader().toUtf8();
        for (const Activity::Event &event : events) {
            text += csvRecord(event).toUtf8();
        }
        written = file.write(text) == text.size() && file.commit();
    }
    const QLocale locale;
    if (written) {
        m_note = tr("Exported %1 rows to %2", "@info activity status").arg(locale.toString(static_cast<qulonglong>(events.size())), fileName);
        updateStatus();
        return true;
    }
    const QString why = tr("The activity could not be written to %1: %2", "@info").arg(fileName, file.errorString());
    m_note = why;
    updateStatus();
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Export Failed", "@title:window"), why, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("activityExportError"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

bool ActivityPanel::atBottom() const
{
    if (!m_table->isVisible()) {
        return m_follow;
    }
    const QScrollBar *bar = m_table->verticalScrollBar();
    return bar->value() >= bar->maximum();
}

void ActivityPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_feed->setRunning(true);
    m_summaryTimer->start();
    refreshSummary();
    if (m_follow) {
        m_table->scrollToBottom();
    }
}

void ActivityPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_feed->setRunning(false);
    m_summaryTimer->stop();
}

} // namespace PassMirror
