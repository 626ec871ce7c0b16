// SPDX-License-Identifier: GPL-2.0-or-later
// MirrorSampler alone: snapshots as the watcher takes them, at the times a
// test chooses. Rates over the last second, one history point a second for
// five minutes, and exactly what each snapshot changed.
#include "mirrorsampler.h"

#include "fakestats.h"

#include <QTest>

using namespace PassMirror;

namespace
{
using Series = RateHistory::Series;
constexpr std::array<Series, RateHistory::SeriesCount> AllSeries = {RateHistory::Opens, RateHistory::Flushes, RateHistory::Closes};

void count(Stats::Snapshot &snapshot, Series series, std::uint64_t n)
{
    snapshot.requests[static_cast<std::size_t>(MirrorSampler::operation(series))] += n;
}

QList<int> changedSeries(const std::array<bool, RateHistory::SeriesCount> &flags)
{
    QList<int> series;
    for (const Series s : AllSeries) {
        if (flags[s]) {
            series.append(s);
        }
    }
    return series;
}
} // namespace

class MirrorSamplerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldCountWhatEachSeriesCounts()
    {
        QCOMPARE(MirrorSampler::operation(RateHistory::Opens), Stats::Operation::Open);
        QCOMPARE(MirrorSampler::operation(RateHistory::Flushes), Stats::Operation::Flush);
        QCOMPARE(MirrorSampler::operation(RateHistory::Closes), Stats::Operation::Release);
    }

    void shouldComputeRatesOverTheLastSecond_data()
    {
        QTest::addColumn<int>("intervalMs");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<QList<int>>("perTick"); // opens, flushes, closes
        QTest::addColumn<QList<double>>("rates");

        QTest::newRow("idle") << 100 << 20 << QList<int>{0, 0, 0} << QList<double>{0, 0, 0};
        QTest::newRow("10 opens a second") << 100 << 20 << QList<int>{1, 0, 0} << QList<double>{10, 0, 0};
        QTest::newRow("each series its own") << 100 << 20 << QList<int>{10, 5, 2} << QList<double>{100, 50, 20};
        QTest::newRow("the first half second") << 100 << 5 << QList<int>{3, 0, 3} << QList<double>{30, 0, 30};
        QTest::newRow("sampled twice a second") << 500 << 6 << QList<int>{5, 5, 0} << QList<double>{10, 10, 0};
        // At 3000 ms the base is the sample at 1800 ms: 4 opens in 1.2 s.
        QTest::newRow("rounded to a tenth") << 300 << 10 << QList<int>{1, 0, 0} << QList<double>{3.3, 0, 0};
        QTest::newRow("one snapshot only") << 100 << 0 << QList<int>{7, 7, 7} << QList<double>{0, 0, 0};
    }

    void shouldComputeRatesOverTheLastSecond()
    {
        QFETCH(int, intervalMs);
        QFETCH(int, ticks);
        QFETCH(QList<int>, perTick);
        QFETCH(QList<double>, rates);

        MirrorSampler sampler;
        Stats::Snapshot snapshot = mountedSnapshot();
        sampler.add(snapshot, 0);
        for (int tick = 1; tick <= ticks; ++tick) {
            for (const Series s : AllSeries) {
                count(snapshot, s, static_cast<std::uint64_t>(perTick[s]));
            }
            sampler.add(snapshot, qint64(tick) * intervalMs);
        }
        for (const Series s : AllSeries) {
            QCOMPARE(sampler.rate(s), rates[s]);
            QCOMPARE(sampler.count(s), std::uint64_t(perTick[s]) * std::uint64_t(ticks));
        }
    }

    void shouldSayWhatASnapshotChanged_data()
    {
        QTest::addColumn<QList<int>>("opensFlushesCloses");
        QTest::addColumn<int>("getattrs");
        QTest::addColumn<int>("daemonState");
        QTest::addColumn<bool>("passthroughAvailable");
        QTest::addColumn<QList<int>>("counts");
        QTest::addColumn<QList<int>>("rates");
        QTest::addColumn<bool>("daemon");

        const int mounted = int(Stats::DaemonState::Mounted);
        QTest::newRow("nothing") << QList<int>{0, 0, 0} << 0 << mounted << true << QList<int>{} << QList<int>{} << false;
        QTest::newRow("other operations only") << QList<int>{0, 0, 0} << 25 << mounted << true << QList<int>{} << QList<int>{} << false;
        QTest::newRow("one open") << QList<int>{1, 0, 0} << 0 << mounted << true << QList<int>{RateHistory::Opens} << QList<int>{RateHistory::Opens} << false;
        QTest::newRow("one flush") << QList<int>{0, 1, 0} << 0 << mounted << true << QList<int>{RateHistory::Flushes} << QList<int>{RateHistory::Flushes}
                                   << false;
        QTest::newRow("open and close") << QList<int>{2, 0, 2} << 3 << mounted << true << QList<int>{RateHistory::Opens, RateHistory::Closes}
                                        << QList<int>{RateHistory::Opens, RateHistory::Closes} << false;
        QTest::newRow("the daemon died") << QList<int>{0, 0, 0} << 0 << int(Stats::DaemonState::Died) << true << QList<int>{} << QList<int>{} << true;
        QTest::newRow("passthrough gone") << QList<int>{0, 0, 0} << 0 << mounted << false << QList<int>{} << QList<int>{} << true;
    }

    void shouldSayWhatASnapshotChanged()
    {
        QFETCH(QList<int>, opensFlushesCloses);
        QFETCH(int, getattrs);
        QFETCH(int, daemonState);
        QFETCH(bool, passthroughAvailable);
        QFETCH(QList<int>, counts);
        QFETCH(QList<int>, rates);
        QFETCH(bool, daemon);

        MirrorSampler sampler;
        Stats::Snapshot snapshot = mountedSnapshot();
        sampler.add(snapshot, 0);
        sampler.add(snapshot, 1000);
        for (const Series s : AllSeries) {
            count(snapshot, s, static_cast<std::uint64_t>(opensFlushesCloses[s]));
        }
        snapshot.requests[static_cast<std::size_t>(Stats::Operation::Getattr)] += static_cast<std::uint64_t>(getattrs);
        snapshot.openFiles = 4; // not a column: no change to tell
        snapshot.state = static_cast<Stats::DaemonState>(daemonState);
        snapshot.passthroughAvailable = passthroughAvailable;
        const MirrorSampler::Change change = sampler.add(snapshot, 1100);
        QCOMPARE(changedSeries(change.count), counts);
        QCOMPARE(changedSeries(change.rate), rates);
        QCOMPARE(change.daemon, daemon);
        QVERIFY(!change.historyChanged);
        QCOMPARE(change.any(), !counts.isEmpty() || !rates.isEmpty() || daemon);
        QCOMPARE(sampler.snapshot()->openFiles, std::uint64_t(4));
    }

    void shouldTellEverythingAtTheFirstSnapshot()
    {
        MirrorSampler sampler;
        QVERIFY(!sampler.snapshot());
        QCOMPARE(sampler.count(RateHistory::Opens), std::uint64_t(0));
        const MirrorSampler::Change change = sampler.add(mountedSnapshot(), 5000);
        QCOMPARE(changedSeries(change.count).size(), int(RateHistory::SeriesCount));
        QCOMPARE(changedSeries(change.rate).size(), int(RateHistory::SeriesCount));
        QVERIFY(change.daemon);
        QVERIFY(sampler.snapshot());
    }

    void shouldKeepOnePointASecondForFiveMinutes_data()
    {
        QTest::addColumn<int>("intervalMs");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<int>("opensPerTick");
        QTest::addColumn<int>("appended");
        QTest::addColumn<int>("points");
        QTest::addColumn<double>("lastPoint"); // opens per second

        QTest::newRow("under a second") << 100 << 9 << 1 << 0 << 0 << 0.0;
        QTest::newRow("two seconds at 10 Hz") << 100 << 20 << 1 << 2 << 2 << 10.0;
        QTest::newRow("ten seconds at 1 Hz") << 1000 << 10 << 4 << 10 << 10 << 4.0;
        // Points come at the first sample a second or more after the last one.
        QTest::newRow("every 700 ms") << 700 << 6 << 7 << 3 << 3 << 10.0;
        QTest::newRow("six minutes: the oldest go") << 1000 << 360 << 2 << 360 << 300 << 2.0;
        QTest::newRow("a pause of ten seconds") << 10000 << 2 << 50 << 2 << 2 << 5.0;
    }

    void shouldKeepOnePointASecondForFiveMinutes()
    {
        QFETCH(int, intervalMs);
        QFETCH(int, ticks);
        QFETCH(int, opensPerTick);
        QFETCH(int, appended);
        QFETCH(int, points);
        QFETCH(double, lastPoint);

        MirrorSampler sampler;
        Stats::Snapshot snapshot = mountedSnapshot();
        sampler.add(snapshot, 0);
        int grew = 0;
        for (int tick = 1; tick <= ticks; ++tick) {
            count(snapshot, RateHistory::Opens, static_cast<std::uint64_t>(opensPerTick));
            grew += sampler.add(snapshot, qint64(tick) * intervalMs).historyChanged ? 1 : 0;
        }
        const RateHistory &history = sampler.history();
        QCOMPARE(history.capacity(), std::size_t(300));
        QCOMPARE(history.size(), std::size_t(points));
        QCOMPARE(grew, appended);
        if (points > 0) {
            QCOMPARE(history.at(history.size() - 1)[RateHistory::Opens], lastPoint);
            QCOMPARE(history.at(history.size() - 1)[RateHistory::Flushes], 0.0);
        }
    }

    // The mirror went away (stop) or another took its place (reset).
    void shouldStopAndReset_data()
    {
        QTest::addColumn<bool>("reset");
        QTest::addColumn<bool>("countsKept");
        QTest::addColumn<bool>("historyKept");

        QTest::newRow("stop") << false << true << true;
        QTest::newRow("reset") << true << false << false;
    }

    void shouldStopAndReset()
    {
        QFETCH(bool, reset);
        QFETCH(bool, countsKept);
        QFETCH(bool, historyKept);

        MirrorSampler sampler;
        Stats::Snapshot snapshot = mountedSnapshot();
        for (int tick = 0; tick <= 20; ++tick) {
            sampler.add(snapshot, tick * 100);
            count(snapshot, RateHistory::Opens, 1);
            count(snapshot, RateHistory::Closes, 1);
        }
        QCOMPARE(sampler.rate(RateHistory::Opens), 10.0);
        QCOMPARE(sampler.history().size(), std::size_t(2));

        const MirrorSampler::Change change = reset ? sampler.reset() : sampler.stop();
        for (const Series s : AllSeries) {
            QCOMPARE(sampler.rate(s), 0.0);
        }
        // Only the rates that were not 0 changed; counts only when they went.
        QCOMPARE(changedSeries(change.rate), (QList<int>{RateHistory::Opens, RateHistory::Closes}));
        QCOMPARE(changedSeries(change.count).size(), countsKept ? 0 : int(RateHistory::SeriesCount));
        QCOMPARE(bool(sampler.snapshot()), countsKept);
        QCOMPARE(sampler.count(RateHistory::Opens), countsKept ? std::uint64_t(20) : std::uint64_t(0));
        QCOMPARE(sampler.history().size(), historyKept ? std::size_t(2) : std::size_t(0));
        QCOMPARE(change.historyChanged, !historyKept);

        // Sampled again: the rate starts over from that sample, not from
        // what came before the stop.
        count(snapshot, RateHistory::Opens, 100);
        sampler.add(snapshot, 60000);
        QCOMPARE(sampler.rate(RateHistory::Opens), 0.0);
        count(snapshot, RateHistory::Opens, 5);
        sampler.add(snapshot, 60500);
        QCOMPARE(sampler.rate(RateHistory::Opens), 10.0);
        QCOMPARE(sampler.history().size(), historyKept ? std::size_t(2) : std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(MirrorSamplerTest)
#include "mirrorsamplertest.moc"
