// SPDX-License-Identifier: GPL-2.0-or-later
// MirrorListModel fed as the watcher feeds it (registry entries with their
// liveness, then passes of stats snapshots), and MirrorStore on a test XDG
// config folder. The watcher itself, on real stats files, is in traytest,
// mainwindowtest and the tests of the helper.
#include "mirrorlistmodel.h"
#include "mirrorconfig.h"

#include "fakestats.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace PassMirror;
using Model = MirrorListModel;
using Cell = std::pair<int, int>;

namespace
{
const QString FirstId = QStringLiteral("0123456789abcdef0123456789abcdef");
const QString SecondId = QStringLiteral("fedcba9876543210fedcba9876543210");

WatchedMirror live(const QString &id, const QString &mountPoint, Liveness liveness = Liveness::Live)
{
    WatchedMirror mirror;
    mirror.entry.id = id;
    mirror.entry.state = MirrorEntry::State::Live;
    mirror.entry.source = "/src";
    mirror.entry.mountPoint = mountPoint.toUtf8();
    mirror.liveness = liveness;
    return mirror;
}

void count(Stats::Snapshot &snapshot, Stats::Operation operation, std::uint64_t n)
{
    snapshot.requests[static_cast<std::size_t>(operation)] += n;
}

MirrorConfig saved(const QString &name, const QString &mountPoint)
{
    MirrorConfig c;
    c.name = name;
    c.source = QStringLiteral("/src/") + name;
    c.mountPoint = mountPoint;
    return c;
}

std::set<Cell> changedCells(const QSignalSpy &spy)
{
    std::set<Cell> cells;
    for (const auto &arguments : spy) {
        const auto topLeft = arguments.at(0).value<QModelIndex>();
        const auto bottomRight = arguments.at(1).value<QModelIndex>();
        for (int row = topLeft.row(); row <= bottomRight.row(); ++row) {
            for (int column = topLeft.column(); column <= bottomRight.column(); ++column) {
                cells.insert({row, column});
            }
        }
    }
    return cells;
}
} // namespace

class MirrorListModelTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void shouldBeAFlatTableWithRoleNames()
    {
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSavedMirrors({saved(QStringLiteral("a"), QStringLiteral("/m/a")), saved(QStringLiteral("b"), QStringLiteral("/m/b"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(Model::ColumnCount));
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        QVERIFY(!model.data(model.index(5, 0)).isValid());
        QCOMPARE(model.roleNames().value(Model::OpenCountRole), QByteArray("openCount"));
        QCOMPARE(model.index(1, Model::NameColumn).data().toString(), QStringLiteral("b"));
        QCOMPARE(model.index(1, 0).data(Model::MountPointRole).toString(), QStringLiteral("/m/b"));
        QCOMPARE(model.index(0, 0).data(Model::StateRole).toInt(), int(Model::State::Stopped));
    }

    void shouldSignalOnlyChangedCells_data()
    {
        QTest::addColumn<int>("opens");
        QTest::addColumn<int>("flushes");
        QTest::addColumn<int>("closes");
        QTest::addColumn<int>("getattrs");
        QTest::addColumn<QList<int>>("columns");

        QTest::newRow("nothing") << 0 << 0 << 0 << 0 << QList<int>{};
        QTest::newRow("other operations only") << 0 << 0 << 0 << 25 << QList<int>{};
        QTest::newRow("one open") << 1 << 0 << 0 << 0 << QList<int>{Model::OpensColumn, Model::OpenRateColumn};
        QTest::newRow("one flush") << 0 << 1 << 0 << 0 << QList<int>{Model::FlushesColumn, Model::FlushRateColumn};
        QTest::newRow("one close") << 0 << 0 << 1 << 3 << QList<int>{Model::ClosesColumn, Model::CloseRateColumn};
        QTest::newRow("open and close") << 2 << 0 << 2 << 0
                                        << QList<int>{Model::OpensColumn, Model::OpenRateColumn, Model::ClosesColumn, Model::CloseRateColumn};
        QTest::newRow("all three")
            << 10 << 10 << 10 << 1
            << QList<int>{Model::OpensColumn, Model::OpenRateColumn, Model::FlushesColumn, Model::FlushRateColumn, Model::ClosesColumn, Model::CloseRateColumn};
    }

    void shouldSignalOnlyChangedCells()
    {
        QFETCH(int, opens);
        QFETCH(int, flushes);
        QFETCH(int, closes);
        QFETCH(int, getattrs);
        QFETCH(QList<int>, columns);

        QHash<QString, Stats::Snapshot> samples{{FirstId, mountedSnapshot()}, {SecondId, mountedSnapshot()}};
        Stats::Snapshot &quiet = samples[FirstId];
        Stats::Snapshot &busy = samples[SecondId];
        Model model;
        model.setSavedMirrors({saved(QStringLiteral("quiet"), QStringLiteral("/m/quiet")), saved(QStringLiteral("busy"), QStringLiteral("/m/busy"))});
        model.setLiveMirrors({live(FirstId, QStringLiteral("/m/quiet")), live(SecondId, QStringLiteral("/m/busy"))});
        model.addSamples(samples, 0);
        model.addSamples(samples, 1000);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        count(busy, Stats::Operation::Open, opens);
        count(busy, Stats::Operation::Flush, flushes);
        count(busy, Stats::Operation::Release, closes);
        count(busy, Stats::Operation::Getattr, getattrs);
        count(quiet, Stats::Operation::Getattr, getattrs);
        model.addSamples(samples, 1100);

        std::set<Cell> expected;
        for (const int column : columns) {
            expected.insert({1, column});
        }
        QCOMPARE(changedCells(changed), expected);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.index(1, 0).data(Model::OpenCountRole).toULongLong(), qulonglong(opens));
        QCOMPARE(model.index(1, 0).data(Model::FlushCountRole).toULongLong(), qulonglong(flushes));
        QCOMPARE(model.index(1, 0).data(Model::CloseCountRole).toULongLong(), qulonglong(closes));
        QCOMPARE(model.index(1, Model::OpensColumn).data().toString(), QLocale().toString(qulonglong(opens)));
    }

    void shouldComputeRatesOverTheLastSecond_data()
    {
        QTest::addColumn<int>("opensPerTick");
        QTest::addColumn<int>("ticks");
        QTest::addColumn<double>("rate");

        QTest::newRow("idle") << 0 << 20 << 0.0;
        QTest::newRow("10 per second") << 1 << 20 << 10.0;
        QTest::newRow("100 per second") << 10 << 20 << 100.0;
        QTest::newRow("first ticks") << 3 << 5 << 30.0;
    }

    void shouldComputeRatesOverTheLastSecond()
    {
        QFETCH(int, opensPerTick);
        QFETCH(int, ticks);
        QFETCH(double, rate);

        QHash<QString, Stats::Snapshot> samples{{FirstId, mountedSnapshot()}};
        Model model;
        model.setLiveMirrors({live(FirstId, QStringLiteral("/m/rate"))});
        QCOMPARE(model.rowCount(), 1);
        model.addSamples(samples, 0);
        for (int tick = 1; tick <= ticks; ++tick) {
            count(samples[FirstId], Stats::Operation::Open, opensPerTick);
            model.addSamples(samples, tick * 100);
        }
        QCOMPARE(model.index(0, 0).data(Model::OpenRateRole).toDouble(), rate);
        QCOMPARE(model.index(0, 0).data(Model::FlushRateRole).toDouble(), 0.0);
        const auto *history = model.history(0);
        QVERIFY(history);
        QCOMPARE(history->size(), std::size_t(ticks / 10));
        if (history->size() > 0) {
            QCOMPARE(history->at(history->size() - 1)[RateHistory::Opens], rate);
        }
    }

    void shouldDeriveState_data()
    {
        QTest::addColumn<bool>("isLive");
        QTest::addColumn<int>("liveness");
        QTest::addColumn<int>("daemonState");
        QTest::addColumn<int>("pending"); // -1: none
        QTest::addColumn<QString>("error");
        QTest::addColumn<int>("state");
        QTest::addColumn<int>("dataPath");

        const int none = -1;
        const int live = int(Liveness::Live);
        const int mounted = int(Stats::DaemonState::Mounted);
        using S = Model::State;
        using P = Model::DataPath;
        QTest::newRow("saved, not mounted") << false << live << mounted << none << QString() << int(S::Stopped) << int(P::None);
        QTest::newRow("live") << true << live << mounted << none << QString() << int(S::Mounted) << int(P::Passthrough);
        QTest::newRow("registry says starting") << true << int(Liveness::Starting) << mounted << none << QString() << int(S::Mounting) << int(P::None);
        QTest::newRow("mount gone") << true << int(Liveness::MountGone) << mounted << none << QString() << int(S::Error) << int(P::None);
        QTest::newRow("supervisor gone") << true << int(Liveness::SupervisorGone) << mounted << none << QString() << int(S::Error) << int(P::None);
        QTest::newRow("daemon died") << true << live << int(Stats::DaemonState::Died) << none << QString() << int(S::Error) << int(P::None);
        QTest::newRow("mount request running") << false << live << mounted << int(S::Mounting) << QString() << int(S::Mounting) << int(P::None);
        QTest::newRow("unmount request running") << true << live << mounted << int(S::Unmounting) << QString() << int(S::Unmounting) << int(P::None);
        QTest::newRow("mount failed") << false << live << mounted << none << QStringLiteral("The mount point is not empty") << int(S::Error) << int(P::None);
        QTest::newRow("unmount failed, still live") << true << live << mounted << none << QStringLiteral("busy") << int(S::Mounted) << int(P::Passthrough);
    }

    void shouldDeriveState()
    {
        QFETCH(bool, isLive);
        QFETCH(int, liveness);
        QFETCH(int, daemonState);
        QFETCH(int, pending);
        QFETCH(QString, error);
        QFETCH(int, state);
        QFETCH(int, dataPath);

        Stats::Snapshot stats = mountedSnapshot();
        stats.state = static_cast<Stats::DaemonState>(daemonState);
        Model model;
        model.setSavedMirrors({saved(QStringLiteral("m"), QStringLiteral("/m/m"))});
        if (isLive) {
            model.setLiveMirrors({live(FirstId, QStringLiteral("/m/m"), static_cast<Liveness>(liveness))});
        }
        model.addSamples({{FirstId, stats}}, 0);
        if (pending >= 0) {
            model.setPending(0, static_cast<Model::State>(pending));
        }
        model.setError(0, error);
        QCOMPARE(model.index(0, 0).data(Model::StateRole).toInt(), state);
        QCOMPARE(model.index(0, Model::StateColumn).data().toString(), Model::stateText(static_cast<Model::State>(state)));
        QCOMPARE(model.index(0, 0).data(Model::DataPathRole).toInt(), dataPath);
        if (state == int(Model::State::Error)) {
            QVERIFY(!model.index(0, 0).data(Model::ErrorTextRole).toString().isEmpty());
        }
    }

    void shouldReportADeathOnce()
    {
        Stats::Snapshot stats = mountedSnapshot();
        Model model;
        model.setSavedMirrors({saved(QStringLiteral("m"), QStringLiteral("/m/m"))});
        model.setLiveMirrors({live(FirstId, QStringLiteral("/m/m"))});
        QSignalSpy died(&model, &Model::mirrorDied);
        model.addSamples({{FirstId, stats}}, 0);
        stats.state = Stats::DaemonState::Died;
        model.addSamples({{FirstId, stats}}, 100);
        model.addSamples({{FirstId, stats}}, 200);
        QCOMPARE(died.count(), 1);
        QCOMPARE(died.at(0).at(0).toString(), QStringLiteral("m"));
    }

    // Why a row is in error, in words, and whether it may be mounted again
    // (the helper sweeps a dead daemon's entry first).
    void shouldSayWhyInWords_data()
    {
        QTest::addColumn<int>("liveness");
        QTest::addColumn<int>("daemonState");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("deadDaemon");

        const QString died = QStringLiteral("The mirror's daemon died.");
        const QString gone = QStringLiteral("The mirror's mount is gone, but its daemon did not clean up.");
        const int mounted = int(Stats::DaemonState::Mounted);
        QTest::newRow("live") << int(Liveness::Live) << mounted << QString() << false;
        QTest::newRow("daemon wrote died") << int(Liveness::Live) << int(Stats::DaemonState::Died) << died << true;
        QTest::newRow("supervisor gone") << int(Liveness::SupervisorGone) << mounted << died << true;
        QTest::newRow("mount gone") << int(Liveness::MountGone) << mounted << gone << false;
        QTest::newRow("mount gone, daemon wrote died") << int(Liveness::MountGone) << int(Stats::DaemonState::Died) << died << true;
    }

    void shouldSayWhyInWords()
    {
        QFETCH(int, liveness);
        QFETCH(int, daemonState);
        QFETCH(QString, text);
        QFETCH(bool, deadDaemon);

        Model model;
        model.setSavedMirrors({saved(QStringLiteral("m"), QStringLiteral("/m/m"))});
        model.setLiveMirrors({live(FirstId, QStringLiteral("/m/m"), static_cast<Liveness>(liveness))});
        Stats::Snapshot stats = mountedSnapshot();
        model.addSamples({{FirstId, stats}}, 0);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        stats.state = static_cast<Stats::DaemonState>(daemonState);
        model.addSamples({{FirstId, stats}}, 100);
        QCOMPARE(model.errorText(0), text);
        QCOMPARE(model.index(0, 0).data(Model::ErrorTextRole).toString(), text);
        QCOMPARE(model.hasDeadDaemon(0), deadDaemon);
        // A new reason repaints the state cell even when the state stays.
        const bool reasonChanged = daemonState != int(Stats::DaemonState::Mounted) && liveness != int(Liveness::SupervisorGone);
        QCOMPARE(changedCells(changed).count({0, Model::StateColumn}), std::size_t(reasonChanged ? 1 : 0));
    }

    // Another mirror at a saved row's mount point counts from its own first
    // sample; a mirror that went leaves its counts and no rate. Both through
    // dataChanged on the counter cells, never a reset.
    void shouldFollowTheMirrorAtARow()
    {
        Model model;
        model.setSavedMirrors({saved(QStringLiteral("m"), QStringLiteral("/m/m"))});
        model.setLiveMirrors({live(FirstId, QStringLiteral("/m/m"))});
        Stats::Snapshot first = mountedSnapshot();
        for (int tick = 0; tick <= 10; ++tick) {
            count(first, Stats::Operation::Open, 2);
            model.addSamples({{FirstId, first}}, tick * 100);
        }
        QCOMPARE(model.index(0, 0).data(Model::OpenCountRole).toULongLong(), qulonglong(22));
        QCOMPARE(model.index(0, 0).data(Model::OpenRateRole).toDouble(), 20.0);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setLiveMirrors({});
        QCOMPARE(model.state(0), Model::State::Stopped);
        QCOMPARE(model.index(0, 0).data(Model::OpenCountRole).toULongLong(), qulonglong(22));
        QCOMPARE(model.index(0, 0).data(Model::OpenRateRole).toDouble(), 0.0);
        QVERIFY(changedCells(changed).count({0, Model::OpenRateColumn}));
        QVERIFY(!changedCells(changed).count({0, Model::OpensColumn}));
        QCOMPARE(model.history(0)->size(), std::size_t(1));

        changed.clear();
        model.setLiveMirrors({live(SecondId, QStringLiteral("/m/m"))});
        QCOMPARE(model.index(0, 0).data(Model::LiveIdRole).toString(), SecondId);
        QVERIFY(!model.snapshot(0));
        QCOMPARE(model.index(0, Model::OpensColumn).data().toString(), QString());
        QCOMPARE(model.history(0)->size(), std::size_t(0));
        QVERIFY(changedCells(changed).count({0, Model::OpensColumn}));
        Stats::Snapshot second = mountedSnapshot();
        count(second, Stats::Operation::Open, 3);
        // Samples of a mirror no row shows are not taken.
        model.addSamples({{FirstId, first}, {SecondId, second}}, 2000);
        QCOMPARE(model.index(0, 0).data(Model::OpenCountRole).toULongLong(), qulonglong(3));
        QCOMPARE(reset.count(), 0);
    }

    void shouldShowAndDropUnsavedLiveMirrors()
    {
        Model model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSavedMirrors({saved(QStringLiteral("kept"), QStringLiteral("/m/kept"))});
        model.setLiveMirrors({live(FirstId, QStringLiteral("/m/kept/")), live(SecondId, QStringLiteral("//m//other"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.state(0), Model::State::Mounted);
        QCOMPARE(model.index(1, 0).data(Model::MountPointRole).toString(), QStringLiteral("/m/other"));
        QVERIFY(!model.isSaved(1));
        QCOMPARE(model.savedMirrors().size(), 1);

        model.setLiveMirrors({});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.state(0), Model::State::Stopped);

        model.setLiveMirrors({live(SecondId, QStringLiteral("/m/other"))});
        model.adopt(1);
        QCOMPARE(model.savedMirrors().size(), 2);
        model.setLiveMirrors({});
        QCOMPARE(model.rowCount(), 2);
    }

    void shouldKeepSavedMirrorsAndAutostartUnderXdgConfig()
    {
        const MirrorStore store;
        QVERIFY(store.path().startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)));
        QFile::remove(store.path());
        QVERIFY(store.load().isEmpty());
        MirrorConfig a = saved(QStringLiteral("a"), QStringLiteral("/m/a"));
        a.readOnly = true;
        a.passthrough = QStringLiteral("off");
        a.mountAtLogin = true;
        QVERIFY(store.save({a, saved(QStringLiteral("b"), QStringLiteral("/m/b"))}));
        const auto loaded = MirrorStore().load();
        QCOMPARE(loaded.size(), 2);
        QCOMPARE(loaded.at(0), a);

        QVERIFY(store.setStartAtLogin(true));
        QVERIFY(store.startAtLogin());
        QVERIFY(QFile::exists(MirrorStore::autostartPath()));
        QCOMPARE(MirrorStore().load().size(), 2); // settings and mirrors share the file
        QVERIFY(store.setStartAtLogin(false));
        QVERIFY(!QFile::exists(MirrorStore::autostartPath()));
        QFile::remove(store.path());
    }
};

QTEST_GUILESS_MAIN(MirrorListModelTest)
#include "mirrorlistmodeltest.moc"
