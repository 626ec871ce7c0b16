// SPDX-License-Identifier: GPL-2.0-or-later
// The Activity tab on a real mirror, mounted by the real helper on the
// private system bus, with real programs at work in it (children named
// with prctl(PR_SET_NAME), and cat, ls, find):
//   - a burst of 1,000 opens by a known child is exactly 1,000 open rows
//     with its name, pid, operation, path and result;
//   - errors only, operation, process (pid or name) and path narrow the
//     rows to exactly those that match, and the errors view counts them;
//   - paused, the table holds still while events arrive; resumed, it
//     catches up and says so;
//   - "Export CSV…" writes the rows shown, which parse back to them (a path
//     with a comma and quotes included); a file that cannot be written is
//     said so;
//   - the top processes view names the busiest child first;
//   - a mirror whose passmirrord runs with --no-activity gets a message,
//     not an empty table.
// Runs as root (the mirrors are root's); the window is offscreen. With
// PASSMIRROR_SCREENSHOT_DIR set, the window with its Activity tab is saved
// there as activity.png (README's picture).
#include "activityfiltermodel.h"
#include "activityformat.h"
#include "activitymodel.h"
#include "activitypanel.h"
#include "application.h"
#include "mainwindow.h"
#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "mirrorregistry.h"
#include "mountinfo.h"
#include "randomid.h"
#include "statsreader.h"
#include "windowtestsession.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <functional>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
const QString Base = u"/tmp/passmirror-activity-%1"_s.arg(getpid());

QString path(const QString &relative)
{
    return Base + QLatin1Char('/') + relative;
}

bool mirrorAt(const QString &mountPoint)
{
    const auto mount = mountAt(readMountInfo(), QFile::encodeName(mountPoint));
    return mount && mount->isMirror();
}

bool writeFile(const QString &name, const QByteArray &content)
{
    QFile file(name);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

// In a child process named `name` (its /proc/PID/comm): opens each of
// `paths` `times` times, closing each at once. Returns the child's pid once
// it ended, or -1 when it did not end well.
pid_t openInChild(const char *name, const QStringList &paths, int times)
{
    std::vector<QByteArray> encoded;
    for (const QString &p : paths) {
        encoded.push_back(QFile::encodeName(p));
    }
    const pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_NAME, name, 0, 0, 0);
        for (int i = 0; i < times; ++i) {
            for (const QByteArray &p : encoded) {
                const int fd = ::open(p.constData(), O_RDONLY | O_CLOEXEC);
                if (fd >= 0) {
                    ::close(fd);
                }
            }
        }
        _exit(0);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return -1;
    }
    return pid;
}

// One RFC 4180 record (no line breaks inside cells).
QStringList parseCsvLine(const QString &line)
{
    QStringList cells;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"') {
                cell += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            cells << cell;
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells << cell;
    return cells;
}
} // namespace

class ActivityTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<Application> m_app;
    int m_row = -1;
    ActivityPanel *m_panel = nullptr;

    [[nodiscard]] ActivityModel *model() const
    {
        return m_panel->model();
    }
    [[nodiscard]] ActivityFilterModel *shown() const
    {
        return m_panel->shownModel();
    }
    template<typename T>
    [[nodiscard]] T *child(const QString &name) const
    {
        T *widget = m_panel->findChild<T *>(name);
        if (!widget) {
            qFatal("no %s", qPrintable(name));
        }
        return widget;
    }

    // Rows of the whole table (not the filters) for which `wanted` holds.
    [[nodiscard]] int countRows(const std::function<bool(const Activity::Event &)> &wanted) const
    {
        int count = 0;
        for (int row = 0; row < model()->rowCount(); ++row) {
            count += wanted(model()->event(row)) ? 1 : 0;
        }
        return count;
    }
    [[nodiscard]] int countRows(pid_t pid, Stats::Operation operation, const std::string &file = {}) const
    {
        return countRows([&](const Activity::Event &e) {
            return e.pid == pid && e.operation == static_cast<std::uint32_t>(operation) && (file.empty() || e.path == file);
        });
    }
    // Every shown row passes `wanted`, and they are all the table's rows that do.
    [[nodiscard]] bool shownAre(const std::function<bool(const Activity::Event &)> &wanted) const
    {
        for (int row = 0; row < shown()->rowCount(); ++row) {
            if (!wanted(shown()->event(row))) {
                qWarning() << "shown, but should not be:" << eventLine(shown()->event(row));
                return false;
            }
        }
        const int expected = countRows(wanted);
        if (shown()->rowCount() != expected) {
            qWarning() << "shown" << shown()->rowCount() << "rows, expected" << expected;
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root");
        Application::Options options;
        options.tray = false;
        m_app = std::make_unique<Application>(options);
        m_app->start(false, false);
        QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
        MirrorConfig config;
        config.name = u"work"_s;
        config.source = path(u"src"_s);
        config.mountPoint = path(u"mnt"_s);
        m_row = m_app->controller()->addMirror(config);
        m_app->controller()->mount(m_row);
        QTRY_COMPARE_WITH_TIMEOUT(m_app->model()->state(m_row), MirrorListModel::State::Mounted, 30000);
        MainWindow *window = m_app->window();
        window->selectRow(m_row);
        m_panel = window->activityPanel();
        window->panelTabs()->setCurrentWidget(m_panel);
        QTRY_COMPARE(m_panel->feed()->status(), ActivityFeed::Status::Reading);
        QVERIFY(child<QTableView>(u"activityTable"_s)->isVisible());
    }

    void cleanupTestCase()
    {
        m_app.reset();
        if (mirrorAt(path(u"mnt"_s))) {
            QProcess::execute(qEnvironmentVariable("PASSMIRRORCTL", u"passmirrorctl"_s), {u"unmount"_s, u"--force"_s, path(u"mnt"_s)});
        }
        QVERIFY(!mirrorAt(path(u"mnt"_s)));
    }

    // Each test starts from an empty table with no filter, not paused.
    void init()
    {
        if (!m_panel) {
            return;
        }
        child<QLineEdit>(u"activityProcessFilter"_s)->clear();
        child<QLineEdit>(u"activityPathFilter"_s)->clear();
        child<QComboBox>(u"activityOperationFilter"_s)->setCurrentIndex(0);
        child<QCheckBox>(u"activityErrorsOnly"_s)->setChecked(false);
        child<QPushButton>(u"activityPauseButton"_s)->setChecked(false);
        QTest::mouseClick(child<QPushButton>(u"activityClearButton"_s), Qt::LeftButton);
        QCOMPARE(model()->rowCount(), 0);
    }

    void shouldShowABurstOfOpensWithTheirProcess()
    {
        const pid_t pid = openInChild("pm-burst", {path(u"mnt/burst.txt"_s)}, 1000);
        QVERIFY(pid > 0);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(pid, Stats::Operation::Open, "burst.txt"), 1000, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(pid, Stats::Operation::Release, "burst.txt"), 1000, 10000);
        QTest::qWait(300); // nothing more comes
        QCOMPARE(countRows(pid, Stats::Operation::Open, "burst.txt"), 1000);
        QCOMPARE(countRows(pid, Stats::Operation::Flush, "burst.txt"), 1000);
        QCOMPARE(m_panel->feed()->missed(), 0u);

        // As the table words them.
        int checked = 0;
        for (int row = 0; row < model()->rowCount(); ++row) {
            const Activity::Event &event = model()->event(row);
            if (event.pid != pid || event.operation != static_cast<std::uint32_t>(Stats::Operation::Open)) {
                continue;
            }
            const auto cell = [&](int column) {
                return model()->index(row, column).data().toString();
            };
            QCOMPARE(cell(ActivityModel::ProcessColumn), u"pm-burst[%1]"_s.arg(pid));
            QCOMPARE(cell(ActivityModel::UserColumn), u"root"_s);
            QCOMPARE(cell(ActivityModel::OperationColumn), u"open"_s);
            QCOMPARE(cell(ActivityModel::FileColumn), u"/burst.txt"_s);
            QCOMPARE(cell(ActivityModel::ResultColumn), u"ok"_s);
            ++checked;
        }
        QCOMPARE(checked, 1000);
        // The view followed the newest rows.
        auto *table = child<QTableView>(u"activityTable"_s);
        QTRY_VERIFY(table->indexAt(table->viewport()->rect().bottomLeft() - QPoint(0, 4)).row() >= shown()->rowCount() - 2);
        QVERIFY2(child<QLabel>(u"activityStatus"_s)->text().contains(u"Lost: 0"_s), qPrintable(child<QLabel>(u"activityStatus"_s)->text()));
    }

    void shouldNarrowTheRowsWithTheFilters()
    {
        QStringList missing;
        for (int i = 0; i < 10; ++i) {
            missing << path(u"mnt/missing-%1.txt"_s).arg(i);
        }
        const pid_t filterPid = openInChild("pm-filter", QStringList{path(u"mnt/filter.txt"_s)} + missing, 1);
        const pid_t repeatPid = openInChild("pm-filter", {path(u"mnt/filter.txt"_s)}, 19);
        const pid_t otherPid = openInChild("pm-other", {path(u"mnt/other.txt"_s)}, 5);
        QVERIFY(filterPid > 0 && repeatPid > 0 && otherPid > 0);
        const auto isMissLookup = [filterPid](const Activity::Event &e) {
            return e.pid == filterPid && e.operation == static_cast<std::uint32_t>(Stats::Operation::Lookup) && e.error == ENOENT;
        };
        QTRY_COMPARE_WITH_TIMEOUT(countRows(isMissLookup), 10, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(repeatPid, Stats::Operation::Release, "filter.txt"), 19, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(otherPid, Stats::Operation::Release, "other.txt"), 5, 10000);
        QTest::qWait(200);
        const int all = model()->rowCount();
        QCOMPARE(shown()->rowCount(), all);

        auto *errorsOnly = child<QCheckBox>(u"activityErrorsOnly"_s);
        auto *operation = child<QComboBox>(u"activityOperationFilter"_s);
        auto *process = child<QLineEdit>(u"activityProcessFilter"_s);
        auto *pathFilter = child<QLineEdit>(u"activityPathFilter"_s);

        QTest::mouseClick(errorsOnly, Qt::LeftButton);
        QVERIFY(errorsOnly->isChecked());
        QVERIFY(shownAre([](const Activity::Event &e) {
            return e.error != 0;
        }));
        QVERIFY(shown()->rowCount() >= 10);
        errorsOnly->setChecked(false);

        operation->setCurrentIndex(operation->findText(u"open"_s));
        QVERIFY(shownAre([](const Activity::Event &e) {
            return e.operation == static_cast<std::uint32_t>(Stats::Operation::Open);
        }));
        QVERIFY(shown()->rowCount() >= 1 + 19 + 5);
        operation->setCurrentIndex(0);

        QTest::keyClicks(process, QString::number(otherPid));
        QVERIFY(shownAre([otherPid](const Activity::Event &e) {
            return e.pid == otherPid;
        }));
        QCOMPARE(countRows(otherPid, Stats::Operation::Open, "other.txt"), 5);
        process->clear();
        QTest::keyClicks(process, u"PM-FIL"_s);
        QVERIFY(shownAre([](const Activity::Event &e) {
            return e.command == "pm-filter";
        }));

        QTest::keyClicks(pathFilter, u"missing-"_s);
        QVERIFY(shownAre([](const Activity::Event &e) {
            return e.command == "pm-filter" && e.path.starts_with("missing-");
        }));
        QTest::mouseClick(errorsOnly, Qt::LeftButton);
        operation->setCurrentIndex(operation->findText(u"lookup"_s));
        QCOMPARE(shown()->rowCount(), 10);
        QVERIFY(shownAre(isMissLookup));
        QCOMPARE(shown()->index(0, ActivityModel::ResultColumn).data().toString(), u"ENOENT"_s);

        // Nothing filtered: every row again.
        process->clear();
        pathFilter->clear();
        operation->setCurrentIndex(0);
        errorsOnly->setChecked(false);
        QCOMPARE(shown()->rowCount(), model()->rowCount());

        // The errors view counts the misses by operation.
        // The errors view counts the misses by operation (refreshed once a second).
        auto *errors = child<QTableWidget>(u"activityErrors"_s);
        const auto lookupMisses = [errors]() {
            for (int row = 0; row < errors->rowCount(); ++row) {
                if (errors->item(row, 0)->text() == u"lookup"_s && errors->item(row, 1)->text() == u"ENOENT"_s) {
                    return errors->item(row, 2)->text().toInt();
                }
            }
            return 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(lookupMisses() >= 10, 5000);
    }

    void shouldHoldTheTableWhilePausedAndCatchUpOnResume()
    {
        auto *pause = child<QPushButton>(u"activityPauseButton"_s);
        auto *status = child<QLabel>(u"activityStatus"_s);
        const pid_t before = openInChild("pm-before", {path(u"mnt/paused.txt"_s)}, 10);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(before, Stats::Operation::Release, "paused.txt"), 10, 10000);

        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(model()->isPaused());
        QCOMPARE(pause->text(), u"&Resume"_s);
        const int rows = model()->rowCount();
        const quint64 last = model()->event(rows - 1).sequence;
        const quint64 read = m_panel->feed()->received();
        const pid_t pid = openInChild("pm-paused", {path(u"mnt/paused.txt"_s)}, 200);
        QVERIFY(pid > 0);
        // Read and counted while paused: at least its opens, flushes and releases.
        QTRY_VERIFY_WITH_TIMEOUT(m_panel->feed()->received() >= read + 600, 10000);
        QTRY_VERIFY(model()->heldCount() >= 600);
        QCOMPARE(model()->rowCount(), rows);
        QCOMPARE(model()->event(rows - 1).sequence, last);
        QCOMPARE(countRows(pid, Stats::Operation::Open), 0);
        QVERIFY2(status->text().contains(u"Paused: "_s), qPrintable(status->text()));

        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(!model()->isPaused());
        QCOMPARE(pause->text(), u"&Pause"_s);
        QCOMPARE(countRows(pid, Stats::Operation::Open, "paused.txt"), 200);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(pid, Stats::Operation::Release, "paused.txt"), 200, 10000);
        QVERIFY2(status->text().contains(u"Resumed: "_s) && status->text().contains(u"0 skipped"_s), qPrintable(status->text()));
    }

    void shouldExportTheShownRowsAsCsv()
    {
        // A name with a comma and quotes: CSV must quote it.
        const QString name = u"report, \"final\".txt"_s;
        QVERIFY(writeFile(path(u"src/"_s) + name, "final\n"));
        const pid_t pid = openInChild("pm-export", {path(u"mnt/"_s) + name}, 30);
        QVERIFY(pid > 0);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(pid, Stats::Operation::Release), 30, 10000);
        QTest::keyClicks(child<QLineEdit>(u"activityProcessFilter"_s), QString::number(pid));
        const int rows = shown()->rowCount();
        QVERIFY(rows >= 90);

        // Through the button and its file dialog, as a person does it.
        const QString csv = path(u"export.csv"_s);
        QTest::mouseClick(child<QPushButton>(u"activityExportButton"_s), Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_panel->findChild<QFileDialog *>(u"activityExportDialog"_s)) && dialog->isVisible());
        dialog->selectFile(csv);
        QVERIFY(QMetaObject::invokeMethod(dialog, "accept")); // its Save button
        QTRY_VERIFY(QFile::exists(csv));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).split(u"\r\n"_s, Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), rows + 1);
        QCOMPARE(lines.first() + u"\r\n"_s, csvHeader());
        const QStringList header = parseCsvLine(lines.first());
        for (int row = 0; row < rows; ++row) {
            const Activity::Event &event = shown()->event(row);
            const QStringList cells = parseCsvLine(lines.at(row + 1));
            QCOMPARE(cells.size(), header.size());
            QCOMPARE(cells.at(header.indexOf(u"pid"_s)).toInt(), pid);
            QCOMPARE(cells.at(header.indexOf(u"command"_s)), u"pm-export"_s);
            QCOMPARE(cells.at(header.indexOf(u"operation"_s)), shown()->index(row, ActivityModel::OperationColumn).data().toString());
            QCOMPARE(cells.at(header.indexOf(u"path"_s)), shown()->index(row, ActivityModel::FileColumn).data().toString());
            QCOMPARE(cells.at(header.indexOf(u"result"_s)), shown()->index(row, ActivityModel::ResultColumn).data().toString());
            QCOMPARE(cells.at(header.indexOf(u"time"_s)),
                     QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(event.timeUnixNs / 1000000u)).toUTC().toString(Qt::ISODateWithMs));
        }
        // The name with a comma and quotes came back whole.
        QCOMPARE(std::count_if(lines.begin() + 1,
                               lines.end(),
                               [&](const QString &line) {
                                   return parseCsvLine(line).at(header.indexOf(u"path"_s)) == u"/"_s + name;
                               }),
                 countRows([&](const Activity::Event &e) {
                     return e.pid == pid && e.path == name.toStdString();
                 }));
        QCOMPARE(countRows(pid, Stats::Operation::Open, name.toStdString()), 30);
        QVERIFY(child<QLabel>(u"activityStatus"_s)->text().contains(u"Exported %1 rows to %2"_s.arg(rows).arg(csv)));

        // A file that cannot be written: said so, with the reason.
        const QString nowhere = path(u"no-such-folder/export.csv"_s);
        QVERIFY(!m_panel->exportCsv(nowhere));
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_panel->findChild<QMessageBox *>(u"activityExportError"_s)) && box->isVisible());
        QVERIFY2(box->text().startsWith(u"The activity could not be written to %1: "_s.arg(nowhere)), qPrintable(box->text()));
        QVERIFY(box->text().size() > u"The activity could not be written to %1: "_s.arg(nowhere).size());
        box->close();
        QVERIFY(!QFile::exists(nowhere));
    }

    void shouldNameTheBusiestProcessFirst()
    {
        auto *window = child<QComboBox>(u"activityWindowCombo"_s);
        window->setCurrentIndex(window->findData(10));
        // Real programs at work, a little.
        QProcess work;
        work.setWorkingDirectory(path(u"mnt"_s));
        work.start(u"sh"_s, {u"-c"_s, u"cat docs/*.txt >/dev/null; ls -lR >/dev/null; find . -name '*.c' >/dev/null; cat docs/absent.txt 2>/dev/null; true"_s});
        QVERIFY(work.waitForFinished(10000));
        const pid_t pid = openInChild("pm-top", {path(u"mnt/top.txt"_s)}, 300);
        QVERIFY(pid > 0);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(pid, Stats::Operation::Release, "top.txt"), 300, 10000);

        // The top views, refreshed once a second, name it first.
        auto *processes = child<QTableWidget>(u"activityTopProcesses"_s);
        auto *files = child<QTableWidget>(u"activityTopFiles"_s);
        QTRY_VERIFY_WITH_TIMEOUT(processes->rowCount() >= 2 && processes->item(0, 0)->text() == u"pm-top[%1]"_s.arg(pid), 5000);
        QVERIFY2(processes->rowCount() >= 4, "sh, cat, ls and find too");
        QCOMPARE(processes->item(0, 1)->text(), u"root"_s);
        QVERIFY(processes->item(0, 2)->text().remove(QLocale().groupSeparator()).toInt() >= 900);
        QCOMPARE(files->item(0, 0)->text(), u"/top.txt"_s);
        QVERIFY(child<QLabel>(u"activityCoverage"_s)->text().endsWith(u"requests in this time"_s));

        const QString screenshots = qEnvironmentVariable("PASSMIRROR_SCREENSHOT_DIR");
        if (!screenshots.isEmpty()) {
            takeScreenshot(screenshots + u"/activity.png"_s);
        }
    }

    // Names chosen to attack the view (in a shared mirror other users choose
    // them): a command with an escape sequence, "%1" and markup, a file
    // named with markup, an OSC sequence and a newline. The table, its tool
    // tips and the top views show them as text on one line each; the
    // filters find them by what the table shows.
    void shouldShowHostileNamesAsText()
    {
        const QByteArray name = "<img src=x>\x1b]0;t\x07\nnext";
        const QByteArray inSource = QFile::encodeName(path(u"src"_s)) + '/' + name;
        const int fd = ::open(inSource.constData(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        QVERIFY(fd >= 0);
        ::close(fd);
        const auto remove = qScopeGuard([&inSource] {
            ::unlink(inSource.constData());
        });
        const pid_t pid = openInChild("\x1b[2J%1<b>", {path(u"mnt/"_s) + QFile::decodeName(name)}, 20);
        QVERIFY(pid > 0);
        QTRY_COMPARE_WITH_TIMEOUT(countRows(pid, Stats::Operation::Release, name.toStdString()), 20, 10000);

        const QString process = u"\\x1b[2J%1<b>["_s + QString::number(pid) + u"]"_s; // no arg(): it would fill the name's %1
        const QString file = u"/<img src=x>\\x1b]0;t\\x07\\nnext"_s;
        int checked = 0;
        for (int row = 0; row < model()->rowCount(); ++row) {
            if (model()->event(row).pid != pid) {
                continue;
            }
            QCOMPARE(model()->index(row, ActivityModel::ProcessColumn).data().toString(), process);
            if (model()->event(row).path == name.toStdString()) {
                QCOMPARE(model()->index(row, ActivityModel::FileColumn).data().toString(), file);
                const QString tip = model()->index(row, ActivityModel::FileColumn).data(Qt::ToolTipRole).toString();
                QVERIFY2(!tip.contains(u"<img"_s) && !tip.contains(u"<b>"_s) && tip.contains(u"&lt;img src=x&gt;"_s), qPrintable(tip));
                QVERIFY2(!tip.contains(QLatin1Char('\n')) && !tip.contains(QChar(0x1b)), qPrintable(tip));
                ++checked;
            }
        }
        QVERIFY(checked >= 40);

        auto *processes = child<QTableWidget>(u"activityTopProcesses"_s);
        auto *files = child<QTableWidget>(u"activityTopFiles"_s);
        const auto rowWith = [](QTableWidget *table, const QString &text) -> QTableWidgetItem * {
            for (int row = 0; row < table->rowCount(); ++row) {
                if (table->item(row, 0) && table->item(row, 0)->text() == text) {
                    return table->item(row, 0);
                }
            }
            return nullptr;
        };
        QTRY_VERIFY_WITH_TIMEOUT(rowWith(processes, process) && rowWith(files, file), 5000);
        QVERIFY2(rowWith(processes, process)->toolTip().contains(u"&lt;b&gt;"_s), qPrintable(rowWith(processes, process)->toolTip()));
        QVERIFY(!rowWith(files, file)->toolTip().contains(u"<img"_s));

        // Typed as the table shows them.
        child<QLineEdit>(u"activityProcessFilter"_s)->setText(u"\\x1b[2J%1"_s);
        QVERIFY(shownAre([pid](const Activity::Event &e) {
            return e.pid == pid;
        }));
        child<QLineEdit>(u"activityProcessFilter"_s)->clear();
        child<QLineEdit>(u"activityPathFilter"_s)->setText(u"\\x07\\nnext"_s);
        QVERIFY(shownAre([&name](const Activity::Event &e) {
            return e.path == name.toStdString();
        }));
    }

    // A mirror whose passmirrord keeps no ring (started by hand with
    // --no-activity, as the helper never does): the tab says so.
    void shouldSayWhenTheMirrorKeepsNoRing()
    {
        const QString mountPoint = path(u"noring"_s);
        const QString stats = path(u"noring-stats/noring.stats"_s);
        const int started = QProcess::execute(qEnvironmentVariable("PASSMIRRORD"),
                                              {path(u"src"_s), mountPoint, u"--owner=0"_s, u"--stats-file="_s + stats, u"--no-activity"_s});
        QCOMPARE(started, 0);
        QVERIFY(mirrorAt(mountPoint));
        QVERIFY(!QFile::exists(QFile::decodeName(QByteArray::fromStdString(Activity::ringPathFor(QFile::encodeName(stats).toStdString())))));
        Stats::StatsReader reader;
        QVERIFY(reader.open(QFile::encodeName(stats).toStdString()));
        const std::int64_t supervisor = reader.sample().supervisorPid;
        QVERIFY(supervisor > 0);
        const auto stop = qScopeGuard([&]() {
            ::kill(static_cast<pid_t>(supervisor), SIGTERM); // its supervisor detaches the mount
            QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(mountPoint), 10000);
        });

        // A registry entry for it, as the helper would write one.
        MirrorEntry entry;
        entry.id = newRandomId();
        entry.state = MirrorEntry::State::Live;
        entry.source = QFile::encodeName(path(u"src"_s));
        entry.mountPoint = QFile::encodeName(mountPoint);
        entry.ownerUid = 0;
        entry.statsPath = stats;
        entry.supervisorPid = supervisor;
        entry.mountId = mountAt(readMountInfo(), entry.mountPoint)->id;
        entry.startTime = QDateTime::currentDateTimeUtc();
        entry.bootId = currentBootId();
        QDir().mkpath(path(u"registry"_s));
        QVERIFY(writeFile(path(u"registry/%1.json"_s).arg(entry.id), QJsonDocument(entry.toJson()).toJson()));

        Application::Options options;
        options.tray = false;
        options.configPath = path(u"config/noring.json"_s);
        options.registryDirectory = path(u"registry"_s);
        Application app(options);
        app.start(false, false);
        QTRY_COMPARE(app.model()->rowCount(), 1);
        QTRY_COMPARE(app.model()->state(0), MirrorListModel::State::Mounted);
        app.window()->selectRow(0);
        ActivityPanel *panel = app.window()->activityPanel();
        app.window()->panelTabs()->setCurrentWidget(panel);
        QCOMPARE(panel->feed()->status(), ActivityFeed::Status::NoRing);
        auto *message = panel->findChild<QLabel *>(u"activityMessage"_s);
        QTRY_VERIFY(message->isVisible());
        QVERIFY2(message->text().contains(u"keeps no record of its activity"_s) && message->text().contains(u"--no-activity"_s), qPrintable(message->text()));
        QVERIFY(!panel->findChild<QTableView *>(u"activityTable"_s)->isVisible());
    }

private:
    // The window with real activity in its Activity tab.
    void takeScreenshot(const QString &file)
    {
        MainWindow *window = m_app->window();
        window->resize(1240, 860);
        auto *splitter = window->findChild<QSplitter *>(u"splitter"_s);
        splitter->setSizes({90, 700});
        child<QComboBox>(u"activityWindowCombo"_s)->setCurrentIndex(1);
        // A person reading notes and listing folders, with a typo.
        QProcess work;
        work.setWorkingDirectory(path(u"mnt"_s));
        work.start(
            u"sh"_s,
            {u"-c"_s,
             u"for i in 1 2 3; do ls -l build; cat docs/note-$i.txt; head -c 64 build/module-$i.c; cat docs/draft-$i.txt; done >/dev/null 2>&1; true"_s});
        QVERIFY(work.waitForFinished(10000));
        QTest::qWait(1500); // a refresh of the top views for the minute
        auto *table = child<QTableView>(u"activityTable"_s);
        table->scrollToBottom();
        QTest::qWait(200);
        QVERIFY(window->grab().save(file));
        qInfo() << "screenshot:" << file;
    }
};

// The folders and files the mirror shows, then the test.
int main(int argc, char **argv)
{
    for (const auto &name : {u"src/docs"_s, u"src/build"_s, u"mnt"_s, u"noring"_s, u"noring-stats"_s, u"config"_s, u"runtime"_s}) {
        QDir().mkpath(path(name));
    }
    for (const auto &name : {u"burst.txt"_s, u"filter.txt"_s, u"other.txt"_s, u"paused.txt"_s, u"top.txt"_s}) {
        writeFile(path(u"src/"_s) + name, "content\n");
    }
    for (int i = 1; i <= 8; ++i) {
        writeFile(path(u"src/docs/note-%1.txt"_s).arg(i), "a note\n");
        writeFile(path(u"src/build/module-%1.c"_s).arg(i), "int main(void) { return 0; }\n");
    }
    qputenv("HOME", QFile::encodeName(Base));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(path(u"config"_s)));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(path(u"runtime"_s)));
    qputenv("LANG", "C.UTF-8");
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")) {
        qputenv("QT_QPA_PLATFORM", "offscreen"); // ./dev shell has no display
    }
    QFile::setPermissions(path(u"runtime"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    const int status = WindowTestSession::run<ActivityTest>(argc, argv);
    for (const auto &name : {u"mnt"_s, u"noring"_s}) {
        if (mirrorAt(path(name))) {
            QProcess::execute(u"umount"_s, {u"-l"_s, path(name)});
        }
    }
    QDir(Base).removeRecursively();
    return status;
}

#include "activitytest.moc"
