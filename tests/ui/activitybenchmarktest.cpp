// SPDX-License-Identifier: GPL-2.0-or-later
// The Activity tab under a flood: a writer thread records 10,000 requests
// a second into a ring laid out as passmirrord makes it (written with the
// daemon's own RingWriter), and the real window (offscreen) shows them in
// its Activity tab, polled every 100 ms as the feed's timer does.
// Prints the time each poll takes (read, table insert, filters, status:
// everything that runs before the event loop gets control back), the
// event loop's lateness seen by a 5 ms timer (painting included), the time
// of one refresh of the top views over the events kept, and CPU. A
// benchmark prints figures; it fails only when rows are lost or unbounded.
#include "activityfeed.h"
#include "activityfiltermodel.h"
#include "activitymodel.h"
#include "activitypanel.h"
#include "application.h"
#include "fakeactivity.h"
#include "fakestats.h"
#include "mainwindow.h"
#include "mirrorlistmodel.h"
#include "mirrorwatcher.h"
#include "registryfixture.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <ctime>
#include <numeric>
#include <sys/resource.h>
#include <thread>

using namespace PassMirror;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace
{
constexpr int EventsPerSecond = 10000;
constexpr auto WriterTick = 10ms; // 100 records each

double cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double threadCpuSeconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// The event loop itself for a while (QTest::qWait sleeps in 10 ms steps,
// which a lateness probe would take for the window's).
void runEventLoop(std::chrono::milliseconds time)
{
    QEventLoop loop;
    QTimer::singleShot(time, &loop, &QEventLoop::quit);
    loop.exec();
}

// "median 1.2, p99 3.4, max 5.6 ms"
QString spread(std::vector<double> values)
{
    if (values.empty()) {
        return u"none"_s;
    }
    std::sort(values.begin(), values.end());
    const auto at = [&values](double q) {
        return values[std::min(values.size() - 1, static_cast<std::size_t>(q * static_cast<double>(values.size())))];
    };
    return u"median %1, p99 %2, max %3 ms"_s.arg(at(0.5), 0, 'f', 2).arg(at(0.99), 0, 'f', 2).arg(values.back(), 0, 'f', 2);
}

// What a busy mirror sees: a few programs, many files, some misses.
void writeFlood(FakeActivity &ring, std::uint64_t n)
{
    static constexpr std::string_view Commands[] = {"make", "cc1", "ld", "git", "rsync", "find", "cat", "tar"};
    static constexpr Stats::Operation Operations[] = {Stats::Operation::Lookup,
                                                      Stats::Operation::Getattr,
                                                      Stats::Operation::Open,
                                                      Stats::Operation::Read,
                                                      Stats::Operation::Flush,
                                                      Stats::Operation::Release};
    char path[64];
    const auto length = std::snprintf(path, sizeof(path), "src/module-%02u/file-%03u.c", static_cast<unsigned>(n % 17), static_cast<unsigned>(n % 211));
    const bool miss = n % 50 == 0;
    ring.write({.operation = miss ? Stats::Operation::Lookup : Operations[n % 6],
                .pid = 3000 + static_cast<int>(n % 8),
                .command = Commands[n % 8],
                .path = std::string_view(path, static_cast<std::size_t>(length)),
                .error = miss ? ENOENT : 0,
                .bytes = n % 6 == 3 ? 4096u : 0u});
}
} // namespace

class ActivityBenchmarkTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldStaySmoothAt10000EventsASecond()
    {
        const int seconds = qEnvironmentVariableIntValue("PASSMIRROR_BENCH_SECONDS") > 0 ? qEnvironmentVariableIntValue("PASSMIRROR_BENCH_SECONDS") : 4;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        RegistryFixture registry(dir.path());
        FakeStats stats(dir.filePath(u"flood.stats"_s));
        FakeActivity ring(dir.filePath(u"flood.activity"_s));

        Application::Options options;
        options.tray = false;
        options.configPath = dir.filePath(u"mirrors.json"_s);
        options.registryDirectory = registry.registryDirectory();
        options.mountInfoPath = registry.mountInfoPath();
        Application app(options);
        app.start(false, false);
        registry.addLive(u"/bench/src"_s, u"/bench/mnt"_s, stats.path());
        app.watcher()->rescan();
        QCOMPARE(app.model()->rowCount(), 1);
        MainWindow *window = app.window();
        window->selectRow(0);
        ActivityPanel *panel = window->activityPanel();
        ActivityFeed *feed = panel->feed();
        feed->setInterval(1h); // this test polls, every 100 ms as the timer does, and times each poll
        window->panelTabs()->setCurrentWidget(panel);
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QTRY_COMPARE(feed->status(), ActivityFeed::Status::Reading);

        std::atomic<bool> stop{false};
        std::atomic<double> writerCpu{0};
        std::thread writer([&]() {
            std::uint64_t n = 0;
            auto next = std::chrono::steady_clock::now();
            while (!stop) {
                for (int i = 0; i < EventsPerSecond / 100; ++i) {
                    writeFlood(ring, n++);
                }
                next += WriterTick;
                std::this_thread::sleep_until(next);
            }
            writerCpu = threadCpuSeconds();
        });

        std::vector<double> batchMs;
        std::vector<double> filteredBatchMs;
        std::vector<double> latencyMs;
        std::vector<double> batchEvents;
        bool filtered = false;
        QTimer poll;
        poll.setInterval(ActivityFeed::DefaultInterval);
        QObject::connect(&poll, &QTimer::timeout, &poll, [&]() {
            const quint64 before = feed->received();
            QElapsedTimer took;
            took.start();
            feed->poll();
            const double ms = static_cast<double>(took.nsecsElapsed()) / 1e6;
            (filtered ? filteredBatchMs : batchMs).push_back(ms);
            batchEvents.push_back(static_cast<double>(feed->received() - before));
        });
        QTimer probe;
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(5ms);
        QElapsedTimer sinceProbe;
        QObject::connect(&probe, &QTimer::timeout, &probe, [&]() {
            if (sinceProbe.isValid()) {
                latencyMs.push_back(std::max(0.0, static_cast<double>(sinceProbe.nsecsElapsed()) / 1e6 - 5.0));
            }
            sinceProbe.start();
        });

        runEventLoop(300ms); // the writer gets going
        const double cpuBefore = cpuSeconds();
        QElapsedTimer wall;
        wall.start();
        poll.start();
        probe.start();
        // Two thirds of the time as it opens, then with filters typed in.
        runEventLoop(std::chrono::milliseconds(seconds * 1000 * 2 / 3));
        filtered = true;
        QTest::keyClicks(panel->findChild<QLineEdit *>(u"activityProcessFilter"_s), u"make"_s, Qt::NoModifier, 60); // as fast as a person types
        panel->findChild<QCheckBox *>(u"activityErrorsOnly"_s)->setChecked(true);
        runEventLoop(std::chrono::milliseconds(seconds * 1000 / 3));
        stop = true;
        writer.join();
        probe.stop();
        feed->poll();
        poll.stop();
        const double elapsed = static_cast<double>(wall.elapsed()) / 1000.0;
        const double cpu = cpuSeconds() - cpuBefore;

        // The top views over everything kept, as the panel's 1 s timer
        // refreshes them: the window's thread only takes a snapshot (and
        // fills the tables later); the summary is made on another thread.
        std::vector<double> summaryMs;
        std::vector<double> summaryGuiMs;
        QSignalSpy shown(panel, &ActivityPanel::summaryShown);
        runEventLoop(500ms); // one the panel's timer started may still run
        for (int i = 0; i < 5; ++i) {
            shown.clear();
            QElapsedTimer took;
            took.start();
            const double cpuStart = threadCpuSeconds();
            panel->refreshSummary();
            summaryGuiMs.push_back((threadCpuSeconds() - cpuStart) * 1e3);
            QVERIFY(shown.wait(10000));
            summaryMs.push_back(static_cast<double>(took.nsecsElapsed()) / 1e6);
        }

        const double perBatch =
            batchEvents.empty() ? 0 : std::accumulate(batchEvents.begin(), batchEvents.end(), 0.0) / static_cast<double>(batchEvents.size());
        const QString figures =
            u"Activity tab at %1 events/s for %2 s: %3 events read, %4 lost, table %5 rows (bound %6)\n"
            "  per poll (~%7 events): %8\n"
            "  per poll with filters (process 'make', errors only; %9 rows shown): %10\n"
            "  event-loop lateness (5 ms timer): %11\n"
            "  top views over %12 kept events: %13 until shown (made off the window's thread; the window's thread's CPU for the call: %16)\n"
            "  CPU: %14 % of one core (the writer thread's %15 % subtracted)"_s.arg(EventsPerSecond)
                .arg(elapsed, 0, 'f', 1)
                .arg(feed->received())
                .arg(feed->missed())
                .arg(panel->model()->rowCount())
                .arg(panel->model()->capacity())
                .arg(perBatch, 0, 'f', 0)
                .arg(spread(batchMs))
                .arg(panel->shownModel()->rowCount())
                .arg(spread(filteredBatchMs))
                .arg(spread(latencyMs))
                .arg(static_cast<qulonglong>(panel->recent().size()))
                .arg(spread(summaryMs))
                .arg(std::max(0.0, (cpu - writerCpu) / elapsed * 100.0), 0, 'f', 1)
                .arg(writerCpu / elapsed * 100.0, 0, 'f', 1)
                .arg(spread(summaryGuiMs));
        qInfo().noquote() << figures;

        QCOMPARE(feed->received(), ring.written());
        QCOMPARE(feed->missed(), 0u);
        QVERIFY(panel->model()->rowCount() <= panel->model()->capacity());
        QVERIFY(panel->model()->rowCount() >= panel->model()->capacity() * 9 / 10);
        QVERIFY(panel->shownModel()->rowCount() > 0);
        for (int row = 0; row < panel->shownModel()->rowCount(); ++row) {
            const Activity::Event &event = panel->shownModel()->event(row);
            QVERIFY(event.command == "make" && event.error == ENOENT);
        }
    }
};

QTEST_MAIN(ActivityBenchmarkTest)
#include "activitybenchmarktest.moc"
