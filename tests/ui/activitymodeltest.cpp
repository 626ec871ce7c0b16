// SPDX-License-Identifier: GPL-2.0-or-later
// The Activity tab's parts without a mount: the table model stays bounded
// and in ring order however the batches come, holds still while paused and
// catches up on resume; the filters; the feed on a ring written by the
// daemon's own writer (lost events counted, the missing and the broken
// ring told apart); the recent events the top views summarize. The panel
// on real mounts is tests/ui/activitytest.cpp.
#include "activitymodel.h"
#include "activityfeed.h"
#include "activityfiltermodel.h"
#include "fakeactivity.h"
#include "recentactivity.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace PassMirror;
using namespace Qt::StringLiterals;
using Op = Stats::Operation;

namespace
{
Activity::Event record(std::uint64_t sequence, Op operation = Op::Open, int pid = 100, std::string command = "cat", std::string path = "a.txt", int error = 0)
{
    Activity::Event e;
    e.sequence = sequence;
    e.timeUnixNs = 1'700'000'000'000'000'000ull + sequence * 1000;
    e.operation = static_cast<std::uint32_t>(operation);
    e.pid = pid;
    e.uid = 0;
    e.command = std::move(command);
    e.path = std::move(path);
    e.error = error;
    return e;
}

std::vector<Activity::Event> batch(std::uint64_t first, std::size_t count)
{
    std::vector<Activity::Event> events;
    for (std::size_t i = 0; i < count; ++i) {
        events.push_back(record(first + i));
    }
    return events;
}

// The model's rows are consecutive sequence numbers ending at `last`.
bool endsAt(const ActivityModel &model, std::uint64_t last)
{
    const int rows = model.rowCount();
    for (int row = 0; row < rows; ++row) {
        if (model.event(row).sequence != last - static_cast<std::uint64_t>(rows - 1 - row)) {
            return false;
        }
    }
    return true;
}
} // namespace

class ActivityModelTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void shouldKeepTheNewestRowsWithinItsCapacity_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("batchSize");
        QTest::addColumn<int>("batches");
        QTest::newRow("small batches") << 1000 << 37 << 100;
        QTest::newRow("10k/s at 10 Hz") << 10000 << 1000 << 25;
        QTest::newRow("a batch larger than the table") << 500 << 1200 << 3;
        QTest::newRow("exactly full") << 100 << 100 << 4;
    }

    void shouldKeepTheNewestRowsWithinItsCapacity()
    {
        QFETCH(int, capacity);
        QFETCH(int, batchSize);
        QFETCH(int, batches);
        ActivityModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(capacity);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        std::uint64_t next = 0;
        for (int i = 0; i < batches; ++i) {
            model.append(batch(next, static_cast<std::size_t>(batchSize)));
            next += static_cast<std::uint64_t>(batchSize);
            QVERIFY(model.rowCount() <= capacity);
            QVERIFY(endsAt(model, next - 1));
        }
        QCOMPARE(inserted.count(), batches); // one insertion per batch
        const int total = batches * batchSize;
        QVERIFY(model.rowCount() >= std::min(total, capacity - capacity / 10));
        for (const auto &arguments : removed) {
            QCOMPARE(arguments.at(1).toInt(), 0); // always the oldest
            const int count = arguments.at(2).toInt() + 1;
            QVERIFY2(count >= capacity / 10 || count == model.capacity(), qPrintable(QString::number(count))); // in chunks
        }
        QCOMPARE(model.index(model.rowCount() - 1, 0).data(ActivityModel::SequenceRole).toULongLong(), next - 1);
    }

    void shouldWordEveryColumn()
    {
        ActivityModel model;
        Activity::Event failed = record(7, Op::Lookup, 4242, "pm-burst", "docs/missing.txt", ENOENT);
        failed.uid = 0;
        Activity::Event renamed = record(8, Op::Rename, 4242, "", "a", 0);
        renamed.target = "b";
        model.append({failed, renamed});
        QCOMPARE(model.index(0, ActivityModel::ProcessColumn).data().toString(), u"pm-burst[4242]"_s);
        QCOMPARE(model.index(0, ActivityModel::UserColumn).data().toString(), u"root"_s);
        QCOMPARE(model.index(0, ActivityModel::OperationColumn).data().toString(), u"lookup"_s);
        QCOMPARE(model.index(0, ActivityModel::FileColumn).data().toString(), u"/docs/missing.txt"_s);
        QCOMPARE(model.index(0, ActivityModel::ResultColumn).data().toString(), u"ENOENT"_s);
        QVERIFY(model.index(0, ActivityModel::TimeColumn).data().toString().contains(QLatin1Char('.')));
        QVERIFY(model.index(0, ActivityModel::FileColumn).data(Qt::ToolTipRole).toString().contains(u"No such file or directory"_s));
        QCOMPARE(model.index(1, ActivityModel::ProcessColumn).data().toString(), u"?[4242]"_s);
        QCOMPARE(model.index(1, ActivityModel::FileColumn).data().toString(), u"/a → /b"_s);
        QCOMPARE(model.index(1, ActivityModel::ResultColumn).data().toString(), u"ok"_s);
    }

    // Names another user chose: each row stays one line of text, its tool
    // tip is never taken for markup, and the filters find the names by what
    // the table shows.
    void shouldShowHostileNamesAsText()
    {
        ActivityModel model;
        ActivityFilterModel filter(&model);
        model.append({record(1, Op::Open, 4242, "\x1b[2J%1<b>", "<font size=40>x</font>\n14:03:07.000000 root[1] open /etc/shadow"),
                      record(2, Op::Open, 4243, "cat", "plain.txt")});
        QCOMPARE(model.index(0, ActivityModel::ProcessColumn).data().toString(), u"\\x1b[2J%1<b>[4242]"_s);
        QCOMPARE(model.index(0, ActivityModel::FileColumn).data().toString(), u"/<font size=40>x</font>\\n14:03:07.000000 root[1] open /etc/shadow"_s);
        const QString tip = model.index(0, ActivityModel::FileColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(u"&lt;font size=40&gt;x&lt;/font&gt;\\n14:03:07"_s) && !tip.contains(u"<font"_s) && !tip.contains(u"<b>"_s), qPrintable(tip));
        QVERIFY(!tip.contains(QChar(0x1b)) && !tip.contains(QLatin1Char('\n')));
        // An ordinary name reads as it is, its tool tip too.
        QVERIFY(model.index(1, ActivityModel::FileColumn).data(Qt::ToolTipRole).toString().contains(u"cat[4243] uid=0 open /plain.txt = 0"_s));

        filter.setProcessFilter(u"\\x1b[2j%1"_s);
        QCOMPARE(filter.rowCount(), 1);
        filter.setProcessFilter({});
        filter.setPathFilter(u"</font>\\n14:03"_s);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.event(0).sequence, 1u);
    }

    void shouldHoldStillWhilePausedAndCatchUpOnResume()
    {
        ActivityModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCapacity(1000);
        model.append(batch(0, 300));
        model.setPaused(true);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.append(batch(300, 400));
        QCOMPARE(model.rowCount(), 300);
        QCOMPARE(model.heldCount(), 400);
        QCOMPARE(model.skippedCount(), 0u);
        QVERIFY(inserted.isEmpty() && removed.isEmpty());

        QSignalSpy resumed(&model, &ActivityModel::resumed);
        model.setPaused(false);
        QCOMPARE(resumed.count(), 1);
        QCOMPARE(resumed.at(0).at(0).value<qsizetype>(), 400);
        QCOMPARE(resumed.at(0).at(1).toULongLong(), 0u);
        QCOMPARE(model.rowCount(), 700);
        QVERIFY(endsAt(model, 699));
        QCOMPARE(inserted.count(), 1);

        // More than the table holds while paused: the oldest are skipped, and said so.
        model.setPaused(true);
        for (int i = 0; i < 5; ++i) {
            model.append(batch(700 + static_cast<std::uint64_t>(i) * 500, 500));
        }
        QCOMPARE(model.rowCount(), 700);
        QCOMPARE(model.heldCount(), 1000);
        QCOMPARE(model.skippedCount(), 1500u);
        model.setPaused(false);
        QCOMPARE(resumed.count(), 2);
        QCOMPARE(resumed.at(1).at(1).toULongLong(), 1500u);
        QVERIFY(endsAt(model, 3199));
        QCOMPARE(model.rowCount(), 1000);
        QCOMPARE(model.heldCount(), 0);
    }

    void shouldFilterRows_data()
    {
        QTest::addColumn<QString>("process");
        QTest::addColumn<int>("operation"); // -1: all
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("errorsOnly");
        QTest::addColumn<QList<quint64>>("expected"); // sequence numbers

        QTest::newRow("none") << QString() << -1 << QString() << false << QList<quint64>{0, 1, 2, 3, 4, 5};
        QTest::newRow("pid") << u"200"_s << -1 << QString() << false << QList<quint64>{2, 3};
        QTest::newRow("command, any case") << u"MAKE"_s << -1 << QString() << false << QList<quint64>{2, 3};
        QTest::newRow("part of a command") << u"ca"_s << -1 << QString() << false << QList<quint64>{0, 1, 4, 5};
        QTest::newRow("operation") << QString() << int(Op::Lookup) << QString() << false << QList<quint64>{1, 3};
        QTest::newRow("path, with its slash") << QString() << -1 << u"/src/"_s << false << QList<quint64>{2, 3};
        QTest::newRow("path, any case") << QString() << -1 << u"readme"_s << false << QList<quint64>{4};
        QTest::newRow("rename target") << QString() << -1 << u"new.txt"_s << false << QList<quint64>{5};
        QTest::newRow("errors only") << QString() << -1 << QString() << true << QList<quint64>{1, 3};
        QTest::newRow("all at once") << u"make"_s << int(Op::Lookup) << u"missing"_s << true << QList<quint64>{3};
        QTest::newRow("nothing") << u"nobody"_s << -1 << QString() << false << QList<quint64>{};
    }

    void shouldFilterRows()
    {
        QFETCH(QString, process);
        QFETCH(int, operation);
        QFETCH(QString, path);
        QFETCH(bool, errorsOnly);
        QFETCH(QList<quint64>, expected);
        ActivityModel model;
        ActivityFilterModel filter(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Activity::Event renamed = record(5, Op::Rename, 101, "cat", "old.txt");
        renamed.target = "new.txt";
        model.append({record(0, Op::Open, 100, "cat", "a.txt"),
                      record(1, Op::Lookup, 100, "cat", "missing.txt", ENOENT),
                      record(2, Op::Open, 200, "make", "src/main.c"),
                      record(3, Op::Lookup, 200, "make", "src/missing.h", ENOENT),
                      record(4, Op::Getattr, 300, "scat", "README"),
                      renamed});
        filter.setProcessFilter(process);
        filter.setOperationFilter(operation < 0 ? std::nullopt : std::optional<std::uint32_t>(static_cast<std::uint32_t>(operation)));
        filter.setPathFilter(path);
        filter.setErrorsOnly(errorsOnly);
        QList<quint64> shown;
        for (int row = 0; row < filter.rowCount(); ++row) {
            shown << filter.event(row).sequence;
        }
        QCOMPARE(shown, expected);
        QCOMPARE(filter.isFiltering(), !process.isEmpty() || operation >= 0 || !path.isEmpty() || errorsOnly);

        // Rows arriving later are judged by the same filters.
        model.append({record(6, Op::Lookup, 200, "make", "src/missing.h", ENOENT)});
        const bool accepted = filter.accepts(model.event(6));
        QCOMPARE(filter.rowCount(), static_cast<int>(expected.size()) + (accepted ? 1 : 0));
    }

    void shouldReadTheRingAndCountLostEvents()
    {
        FakeActivity ring(m_dir.filePath(u"lost.activity"_s), 64);
        ActivityFeed feed;
        QSignalSpy read(&feed, &ActivityFeed::eventsRead);
        feed.open(ring.path());
        QCOMPARE(feed.status(), ActivityFeed::Status::Reading);
        QCOMPARE(feed.capacity(), 64u);
        for (int i = 0; i < 10; ++i) {
            ring.write({.pid = 10 + i});
        }
        feed.poll();
        QCOMPARE(read.count(), 1);
        QCOMPARE(read.at(0).at(0).value<std::vector<Activity::Event>>().size(), 10u);
        QCOMPARE(read.at(0).at(0).value<std::vector<Activity::Event>>().front().pid, 10);
        QCOMPARE(feed.received(), 10u);
        QCOMPARE(feed.missed(), 0u);

        // Three laps of the ring between two polls: only the last lap is there.
        for (int i = 0; i < 200; ++i) {
            ring.write({.pid = 1000 + i});
        }
        feed.poll();
        QCOMPARE(feed.received(), 10u + 64u);
        QCOMPARE(feed.missed(), 200u - 64u);
        const auto last = read.constLast().at(0).value<std::vector<Activity::Event>>();
        QCOMPARE(last.back().pid, 1199);
        QCOMPARE(last.front().pid, 1199 - 63);

        // Nothing new: no signal.
        feed.poll();
        QCOMPARE(read.count(), 2);
    }

    void shouldReadABacklogInBoundedPolls()
    {
        FakeActivity ring(m_dir.filePath(u"backlog.activity"_s), 65536);
        for (int i = 0; i < 40000; ++i) {
            ring.write({.pid = i});
        }
        ActivityFeed feed;
        QSignalSpy read(&feed, &ActivityFeed::eventsRead);
        feed.open(ring.path());
        feed.setRunning(true); // reads the backlog at once, a bounded batch a turn
        QTRY_COMPARE(feed.received(), 40000u);
        QCOMPARE(read.count(), 3);
        for (const auto &arguments : read) {
            QVERIFY(arguments.at(0).value<std::vector<Activity::Event>>().size() <= ActivityFeed::PollLimit);
        }
        feed.setRunning(false);
    }

    void shouldTellAMissingRingFromABrokenOne()
    {
        ActivityFeed feed;
        QSignalSpy status(&feed, &ActivityFeed::statusChanged);
        feed.open(m_dir.filePath(u"none.activity"_s));
        QCOMPARE(feed.status(), ActivityFeed::Status::NoRing);
        QFile broken(m_dir.filePath(u"broken.activity"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(QByteArray(4096, 'x'));
        broken.close();
        feed.open(broken.fileName());
        QCOMPARE(feed.status(), ActivityFeed::Status::Unreadable);
        QVERIFY2(feed.errorString().contains(u"not an activity ring"_s), qPrintable(feed.errorString()));
        feed.open(QString());
        QCOMPARE(feed.status(), ActivityFeed::Status::Closed);
        QVERIFY(status.count() >= 3);
    }

    void shouldSummarizeTheRecentEventsWithinItsLimit()
    {
        const std::uint64_t now = RecentActivity::nowUnixNs();
        RecentActivity recent(1000);
        // 5000 events over the last 5 s, in batches of 100 as polls bring them.
        for (std::uint64_t first = 0; first < 5000; first += 100) {
            std::vector<Activity::Event> events;
            for (std::uint64_t i = first; i < first + 100; ++i) {
                Activity::Event e = record(i, Op::Open, i % 5 == 0 ? 1 : 2, "p", "f");
                e.timeUnixNs = now - 5'000'000'000ull + i * 1'000'000ull;
                events.push_back(std::move(e));
            }
            recent.add(events);
            QVERIFY(recent.size() <= 1000 + 100);
        }
        QCOMPARE(recent.size(), 1000u); // whole batches go
        const RecentActivity::Snapshot snapshot = recent.snapshot();
        const Activity::Summary summary = RecentActivity::summarize(snapshot, std::chrono::seconds(10), 10, now);
        QCOMPARE(summary.events, 1000u);
        QCOMPARE(summary.processes.front().pid, 2);
        QCOMPARE(summary.processes.front().operations, 800u);
        // The last second only.
        QCOMPARE(RecentActivity::summarize(snapshot, std::chrono::seconds(1), 10, now).events, 1000u);
        // The 10 s asked for reach further back than the events kept: the
        // figures start at the newest event let go.
        QCOMPARE(RecentActivity::coverageStart(snapshot, std::chrono::seconds(10), now), now - 5'000'000'000ull + 3999 * 1'000'000ull);
        // A snapshot stays as it was while more events come.
        recent.add({record(9999)});
        QCOMPARE(RecentActivity::summarize(snapshot, std::chrono::seconds(10), 10, now).events, 1000u);
        recent.clear();
        QCOMPARE(RecentActivity::summarize(recent.snapshot(), std::chrono::seconds(10), 10, now).events, 0u);
        QCOMPARE(RecentActivity::coverageStart(recent.snapshot(), std::chrono::seconds(10), now), now - 10'000'000'000ull);
    }
};

QTEST_GUILESS_MAIN(ActivityModelTest)
#include "activitymodeltest.moc"
