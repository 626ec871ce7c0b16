// SPDX-License-Identifier: GPL-2.0-or-later
// org.passmirror.helper on the real private system bus with real polkitd.
// Runs as root to set the scene; every client runs as a test user (runuser):
// tester and tester2 are granted the actions by the fixture's polkit rule,
// tester3 is granted nothing.
#include "bustestsupport.h"
#include "mirrorresult.h"
#include "mirrorwatcher.h"
#include "mountinfo.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace BusTest;
using namespace PassMirror;

// The running helper processes (the test build's helper, started by the bus).
static QList<pid_t> helperPids()
{
    QList<pid_t> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool number = false;
        const pid_t pid = entry.toInt(&number);
        QFile comm(QStringLiteral("/proc/") + entry + QStringLiteral("/comm"));
        // comm is cut at 15 characters: "passmirror_helper_test" reads "passmirror_help".
        if (number && comm.open(QIODevice::ReadOnly) && comm.readAll().startsWith("passmirror_help")) {
            pids << pid;
        }
    }
    return pids;
}

class HelperBusTest : public QObject
{
    Q_OBJECT

    QString m_ctl;
    QString m_probe;
    QTemporaryDir m_base{QStringLiteral("/tmp/helperbus-XXXXXX")};
    QString b; // m_base.path()

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root inside ./dev (it sets up folders for several users)");
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SYSTEM_BUS_ADDRESS"), "needs the desktop-services fixture");
        m_ctl = QString::fromLocal8Bit(qgetenv("PASSMIRRORCTL"));
        m_probe = QString::fromLocal8Bit(qgetenv("HELPERPROBE"));
        QVERIFY(QFile::exists(m_ctl));
        QVERIFY(QFile::exists(m_probe));
        QVERIFY(m_base.isValid());
        b = m_base.path();
        QVERIFY(::chmod(QFile::encodeName(b).constData(), 0755) == 0);
        makeDir(b + QStringLiteral("/src"), 1000);
        writeFile(b + QStringLiteral("/src/hello.txt"), "hello from the source\n", 1000);
        makeDir(b + QStringLiteral("/src/inner"), 1000);
        makeDir(b + QStringLiteral("/mnt"), 1000);
        makeDir(b + QStringLiteral("/full"), 1000);
        writeFile(b + QStringLiteral("/full/x"), "x", 1000);
        writeFile(b + QStringLiteral("/file"), "x", 1000);
        makeDir(b + QStringLiteral("/rootowned"), 0, 0777);
        makeDir(b + QStringLiteral("/others"), 1001, 0700);
        makeDir(b + QStringLiteral("/src2"), 1001);
        makeDir(b + QStringLiteral("/mnt2"), 1001);
        makeDir(b + QStringLiteral("/t3mnt"), 1002);
        // Real, empty folders of tester's whose names hold control characters.
        makeDir(b + QStringLiteral("/mnt\nx"), 1000);
        makeDir(b + QStringLiteral("/src\x1b[2J"), 1000);
        QVERIFY(::symlink("/etc", QFile::encodeName(b + QStringLiteral("/etclink")).constData()) == 0);
        QVERIFY(::lchown(QFile::encodeName(b + QStringLiteral("/etclink")).constData(), 1000, 1000) == 0);
        // A source with the kernel's process view mounted deep inside.
        makeDir(b + QStringLiteral("/withproc"), 1000);
        makeDir(b + QStringLiteral("/withproc/deep"), 1000);
        QVERIFY(::mount("proc", QFile::encodeName(b + QStringLiteral("/withproc/deep")).constData(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0);
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }

    void cleanupTestCase()
    {
        ::umount2(QFile::encodeName(b + QStringLiteral("/withproc/deep")).constData(), MNT_DETACH);
    }

    void cleanup()
    {
        // Whatever a failed test left: unmount it so the next one starts clean.
        for (const char *user : {"tester", "tester2"}) {
            runAs(QString::fromLatin1(user), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all"), QStringLiteral("--force")});
        }
    }

    void shouldMountSeeFilesCountAndUnmount()
    {
        const QString src = b + QStringLiteral("/src");
        const QString mnt = b + QStringLiteral("/mnt");
        auto mounted = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), src, mnt});
        QVERIFY2(mounted.exitCode == 0, mounted.err.constData());
        QVERIFY(mirrorAt(mnt));

        auto list = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray mirrors = json(list.out).value(QStringLiteral("mirrors")).toArray();
        QCOMPARE(mirrors.size(), 1);
        QCOMPARE(mirrors[0].toObject().value(QStringLiteral("mountPoint")).toString(), mnt);
        QCOMPARE(mirrors[0].toObject().value(QStringLiteral("state")).toString(), QStringLiteral("live"));
        // Another user sees none of it.
        auto otherList = runAs(QStringLiteral("tester2"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")});
        QCOMPARE(json(otherList.out).value(QStringLiteral("mirrors")).toArray().size(), 0);

        auto before = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("stats"), mnt, QStringLiteral("--json")});
        QVERIFY2(before.exitCode == 0, before.err.constData());
        // passmirrorctl stats --json: operations.open.requests.
        const auto opensIn = [](const QByteArray &out) {
            return json(out)
                .value(QStringLiteral("operations"))
                .toObject()
                .value(QStringLiteral("open"))
                .toObject()
                .value(QStringLiteral("requests"))
                .toInteger();
        };
        const auto opensBefore = opensIn(before.out);

        auto cat = runAs(QStringLiteral("tester"), QStringLiteral("/bin/cat"), {mnt + QStringLiteral("/hello.txt")});
        QCOMPARE(cat.out, QByteArray("hello from the source\n"));

        auto after = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("stats"), mnt, QStringLiteral("--json")});
        const auto opensAfter = opensIn(after.out);
        QVERIFY2(opensAfter > opensBefore, qPrintable(QStringLiteral("open count %1 -> %2").arg(opensBefore).arg(opensAfter)));

        // Someone else cannot unmount it (tester3: no rule grants it unmountany).
        auto foreign = runAs(QStringLiteral("tester3"), m_ctl, {QStringLiteral("unmount"), mnt});
        QCOMPARE(foreign.exitCode, 27); // AuthorizationDenied
        QVERIFY(mirrorAt(mnt));

        auto unmounted = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt});
        QVERIFY2(unmounted.exitCode == 0, unmounted.err.constData());
        QVERIFY(!mirrorAt(mnt));
        QCOMPARE(json(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")}).out)
                     .value(QStringLiteral("mirrors"))
                     .toArray()
                     .size(),
                 0);
    }

    void shouldSayWhoHoldsABusyMirror()
    {
        const QString src = b + QStringLiteral("/src");
        const QString mnt = b + QStringLiteral("/mnt");
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), src, mnt}).exitCode, 0);
        QProcess holder;
        holder.start(QStringLiteral("runuser"),
                     {QStringLiteral("-u"),
                      QStringLiteral("tester"),
                      QStringLiteral("--"),
                      QStringLiteral("sh"),
                      QStringLiteral("-c"),
                      QStringLiteral("cd '%1' && exec sleep 30").arg(mnt)});
        QVERIFY(holder.waitForStarted());
        QTest::qWait(300);
        auto busy = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt});
        QCOMPARE(busy.exitCode, 26); // Busy
        QVERIFY2(busy.err.contains("sleep"), busy.err.constData());
        QVERIFY(mirrorAt(mnt));
        auto forced = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--force"), mnt});
        QVERIFY2(forced.exitCode == 0, forced.err.constData());
        QVERIFY(!mirrorAt(mnt));
        holder.kill();
        holder.waitForFinished();
    }

    void shouldDenyWithoutPolkitRule()
    {
        auto denied = runAs(QStringLiteral("tester3"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src"), b + QStringLiteral("/t3mnt")});
        QCOMPARE(denied.exitCode, 27);
        QVERIFY2(denied.err.contains("Not authorised"), denied.err.constData());
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }

    // passmirrorctl refusals: exit code = MirrorError, nothing mounted.
    void shouldRefuseWithItsOwnError_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("mountPoint");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("someone else's folder") << "others" << "mnt" << 12;
        QTest::newRow("root's folder") << "/root" << "mnt" << 12;
        QTest::newRow("root-owned mount point") << "src" << "rootowned" << 16;
        QTest::newRow("mount point is /etc") << "src" << "/etc" << 16;
        QTest::newRow("non-empty mount point") << "src" << "full" << 15;
        QTest::newRow("mount point is a file") << "src" << "file" << 14;
        QTest::newRow("source is a file") << "file" << "mnt" << 11;
        QTest::newRow("mount point inside source") << "src" << "src/inner" << 17;
        QTest::newRow("missing source") << "nothing" << "mnt" << 10;
        QTest::newRow("missing mount point") << "src" << "nothing" << 13;
        QTest::newRow("another user's mount point") << "src" << "mnt2" << 16;
        QTest::newRow("source /proc") << "/proc" << "mnt" << 32;
        QTest::newRow("source /sys") << "/sys" << "mnt" << 32;
        QTest::newRow("source /sys/fs/cgroup") << "/sys/fs/cgroup" << "mnt" << 32;
        QTest::newRow("source containing a procfs mount") << "withproc" << "mnt" << 32;
    }
    void shouldRefuseWithItsOwnError()
    {
        QFETCH(QString, source);
        QFETCH(QString, mountPoint);
        QFETCH(int, exitCode);
        auto absolute = [this](const QString &p) {
            return p.startsWith(QLatin1Char('/')) ? p : b + QLatin1Char('/') + p;
        };
        auto refused = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), absolute(source), absolute(mountPoint)});
        QVERIFY2(refused.exitCode == exitCode, refused.err.constData());
        QVERIFY(refused.err.startsWith("passmirrorctl: cannot mirror"));
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }

    // Raw argument maps straight through KAuth: the CLI would refuse them first.
    void shouldRefuseMalformedArguments_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("errorName");
        const QString src = QStringLiteral("source=s:") + b + QStringLiteral("/src");
        const QString mnt = QStringLiteral("mountPoint=s:") + b + QStringLiteral("/mnt");
        const QString id = QStringLiteral("requestId=auto");
        const QString mount = QStringLiteral("org.passmirror.helper.mount");
        QTest::newRow("missing mount point") << mount << QStringList{id, src} << "usage";
        QTest::newRow("missing request id") << mount << QStringList{src, mnt} << "usage";
        QTest::newRow("bad request id") << mount << QStringList{QStringLiteral("requestId=s:1234"), src, mnt} << "usage";
        QTest::newRow("extra argument") << mount << QStringList{id, src, mnt, QStringLiteral("owner=i:0")} << "usage";
        QTest::newRow("source as int") << mount << QStringList{id, QStringLiteral("source=i:5"), mnt} << "usage";
        QTest::newRow("source as list") << mount << QStringList{id, QStringLiteral("source=l:/tmp,/etc"), mnt} << "usage";
        QTest::newRow("readOnly as string") << mount << QStringList{id, src, mnt, QStringLiteral("readOnly=s:yes")} << "usage";
        QTest::newRow("passthrough unknown") << mount << QStringList{id, src, mnt, QStringLiteral("passthrough=s:always")} << "usage";
        QTest::newRow("relative source") << mount << QStringList{id, QStringLiteral("source=s:src"), mnt} << "path-invalid";
        QTest::newRow("dotdot") << mount << QStringList{id, QStringLiteral("source=s:") + b + QStringLiteral("/src/../src"), mnt} << "path-invalid";
        QTest::newRow("over-long path") << mount << QStringList{id, QStringLiteral("source=s:/") + QString(5000, QLatin1Char('a')), mnt} << "path-invalid";
        QTest::newRow("over-long name") << mount << QStringList{id, src, QStringLiteral("mountPoint=s:/tmp/") + QString(300, QLatin1Char('a'))}
                                        << "path-invalid";
        QTest::newRow("not UTF-8") << mount
                                   << QStringList{id, src, QStringLiteral("mountPoint=x:") + QString::fromLatin1(QByteArray(b.toUtf8() + "/caf\xe9").toHex())}
                                   << "path-invalid";
        QTest::newRow("NUL inside")
            << mount << QStringList{id, src, QStringLiteral("mountPoint=x:") + QString::fromLatin1(QByteArray(b.toUtf8() + QByteArray("/m\0nt", 5)).toHex())}
            << "path-invalid";
        const auto hex = [this](const char *name) {
            return QString::fromLatin1(QByteArray(b.toUtf8() + name).toHex());
        };
        QTest::newRow("newline in the mount point") << mount << QStringList{id, src, QStringLiteral("mountPoint=x:") + hex("/mnt\nx")} << "path-invalid";
        QTest::newRow("newline in the mount point, as a string")
            << mount << QStringList{id, src, QStringLiteral("mountPoint=s:") + b + QStringLiteral("/mnt\nx")} << "path-invalid";
        QTest::newRow("escape in the source") << mount << QStringList{id, QStringLiteral("source=x:") + hex("/src\x1b[2J"), mnt} << "path-invalid";
        QTest::newRow("unmount a path with a newline")
            << QStringLiteral("org.passmirror.helper.unmount") << QStringList{id, QStringLiteral("mountPoint=x:") + hex("/mnt\nx")} << "path-invalid";
        QTest::newRow("symlink to /etc") << mount << QStringList{id, src, QStringLiteral("mountPoint=s:") + b + QStringLiteral("/etclink")} << "path-invalid";
        QTest::newRow("unmount without path") << QStringLiteral("org.passmirror.helper.unmount") << QStringList{id} << "usage";
        QTest::newRow("unmount with source") << QStringLiteral("org.passmirror.helper.unmount") << QStringList{id, src, mnt} << "usage";
        QTest::newRow("unmount nothing there") << QStringLiteral("org.passmirror.helper.unmount") << QStringList{id, mnt} << "not-mounted";
        QTest::newRow("unmountall force as int") << QStringLiteral("org.passmirror.helper.unmountall") << QStringList{id, QStringLiteral("force=i:1")}
                                                 << "usage";
    }
    void shouldRefuseMalformedArguments()
    {
        QFETCH(QString, action);
        QFETCH(QStringList, arguments);
        QFETCH(QString, errorName);
        auto call = runAs(QStringLiteral("tester"), m_probe, QStringList{QStringLiteral("call"), action} + arguments);
        const QJsonObject reply = json(call.out);
        QCOMPARE(reply.value(QStringLiteral("kauthError")).toInt(), 0);
        QCOMPARE(reply.value(QStringLiteral("errorName")).toString(), errorName);
        QVERIFY(!reply.value(QStringLiteral("message")).toString().isEmpty());
        // A reply carries only these keys: nothing about anyone's mirrors,
        // and its text is the error's fixed one, nothing the helper saw.
        const QJsonArray keys = reply.value(QStringLiteral("replyKeys")).toArray();
        for (const auto &key : keys) {
            QVERIFY2(QStringList({QStringLiteral("requestId"),
                                  QStringLiteral("error"),
                                  QStringLiteral("role"),
                                  QStringLiteral("message"),
                                  QStringLiteral("mirrorId"),
                                  QStringLiteral("count")})
                         .contains(key.toString()),
                     qPrintable(key.toString()));
        }
        QCOMPARE(reply.value(QStringLiteral("message")).toString(),
                 fixedText(errorFromInt(reply.value(QStringLiteral("error")).toInt()), roleFromInt(reply.value(QStringLiteral("role")).toInt())));
        QVERIFY2(!reply.value(QStringLiteral("message")).toString().contains(b), "replies never carry paths");
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }

    // The mount point flips between a folder of tester's and a symlink to
    // /etc while mounts are asked for: /etc must never be mounted over, and
    // every answer is either a mount on the real folder or a typed refusal.
    void shouldNeverMountThroughASwappedSymlink()
    {
        const QString dir = b + QStringLiteral("/swap");
        makeDir(dir, 1000);
        makeDir(dir + QStringLiteral("/mnt"), 1000);
        QVERIFY(::symlink("/etc", QFile::encodeName(dir + QStringLiteral("/other")).constData()) == 0);
        std::atomic<bool> stop{false};
        std::atomic<int> swaps{0};
        std::thread swapper([&]() {
            const QByteArray a = QFile::encodeName(dir + QStringLiteral("/mnt"));
            const QByteArray c = QFile::encodeName(dir + QStringLiteral("/other"));
            while (!stop) {
                if (renameat2(AT_FDCWD, a.constData(), AT_FDCWD, c.constData(), RENAME_EXCHANGE) == 0) {
                    ++swaps;
                }
                usleep(200);
            }
        });
        int mounted = 0;
        int refused = 0;
        for (int i = 0; i < 25; ++i) {
            auto attempt = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src"), dir + QStringLiteral("/mnt")});
            QVERIFY2(!mirrorAt(QStringLiteral("/etc")), "a mirror was mounted over /etc");
            if (attempt.exitCode == 0) {
                ++mounted;
                stop = true;
                swapper.join();
                // Mounted on the real folder: it is the mirror of src.
                QVERIFY(QFileInfo(dir + QStringLiteral("/mnt")).isDir() || QFileInfo(dir + QStringLiteral("/other")).isDir());
                runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all"), QStringLiteral("--force")});
                stop = false;
                swapper = std::thread([&]() {
                    const QByteArray a = QFile::encodeName(dir + QStringLiteral("/mnt"));
                    const QByteArray c = QFile::encodeName(dir + QStringLiteral("/other"));
                    while (!stop) {
                        if (renameat2(AT_FDCWD, a.constData(), AT_FDCWD, c.constData(), RENAME_EXCHANGE) == 0) {
                            ++swaps;
                        }
                        usleep(200);
                    }
                });
            } else {
                ++refused;
                QVERIFY2(attempt.exitCode > 2 && attempt.exitCode < 64, attempt.err.constData());
            }
        }
        stop = true;
        swapper.join();
        qInfo("symlink swap: %d swaps, %d mounted on the real folder, %d refused", swaps.load(), mounted, refused);
        QVERIFY(swaps > 0);
        QVERIFY(!mirrorAt(QStringLiteral("/etc")));
    }

    // The watcher hears of a mirror coming and going without polling, samples
    // its counters, and learns of a killed daemon within 2 s.
    void shouldTellWatchersWithinTwoSeconds()
    {
        PassMirror::MirrorWatcher watcher;
        QSignalSpy added(&watcher, &PassMirror::MirrorWatcher::mirrorAdded);
        QSignalSpy removed(&watcher, &PassMirror::MirrorWatcher::mirrorRemoved);
        QSignalSpy sampled(&watcher, &PassMirror::MirrorWatcher::statsSampled);
        watcher.setSampleInterval(std::chrono::milliseconds(50));
        watcher.start();
        QCOMPARE(added.count(), 0);
        const QString mnt = b + QStringLiteral("/mnt");
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src"), mnt}).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(added.count(), 1, 2000);
        QCOMPARE(added.at(0).at(1).toByteArray(), QFile::encodeName(mnt));
        const QString id = added.at(0).at(0).toString();
        QTRY_VERIFY_WITH_TIMEOUT(sampled.count() > 0, 2000);
        const auto before = watcher.lastSample(id)->totalRequests();
        QCOMPARE(runAs(QStringLiteral("tester"), QStringLiteral("/bin/cat"), {mnt + QStringLiteral("/hello.txt")}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(watcher.lastSample(id)->totalRequests() > before, 2000);

        const qint64 daemonPid = watcher.mirrors().at(0).daemonPid;
        QVERIFY(daemonPid > 0);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(::kill(static_cast<pid_t>(daemonPid), SIGKILL) == 0);
        QTRY_COMPARE_WITH_TIMEOUT(removed.count(), 1, 2000);
        qInfo("watcher told of the killed daemon after %lld ms", clock.elapsed());
        QCOMPARE(removed.at(0).at(0).toString(), id);
        QVERIFY(!mirrorAt(mnt));
    }

    // Helper and daemon die: nothing stale breaks the next call.
    void shouldRecoverFromAKilledDaemon()
    {
        const QString src = b + QStringLiteral("/src");
        const QString mnt = b + QStringLiteral("/mnt");
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), src, mnt}).exitCode, 0);
        const QJsonObject entry = json(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")}).out)
                                      .value(QStringLiteral("mirrors"))
                                      .toArray()
                                      .at(0)
                                      .toObject();
        const auto daemonPid = entry.value(QStringLiteral("daemonPid")).toInteger();
        QVERIFY(daemonPid > 0);
        QVERIFY(::kill(static_cast<pid_t>(daemonPid), SIGKILL) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(mnt), 2000);
        // The registry entry is stale until the next helper call cleans it.
        auto list = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")});
        const QJsonArray mirrors = json(list.out).value(QStringLiteral("mirrors")).toArray();
        if (!mirrors.isEmpty()) {
            QVERIFY(mirrors.at(0).toObject().value(QStringLiteral("state")).toString().startsWith(QStringLiteral("stale")));
        }
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), src, mnt}).exitCode, 0);
        QCOMPARE(json(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")}).out)
                     .value(QStringLiteral("mirrors"))
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt}).exitCode, 0);
    }

    // Anyone can make "fuse.passmirror" mounts (fusermount3 -o
    // subtype=passmirror) whose server never answers. The helper must not
    // even look at them: with 20 of them in the mount table, tester2's mount
    // and unmount each answer within 2 s, they stay untouched, and the
    // helper has no child left afterwards.
    void shouldAnswerQuicklyWhateverForgedMountsDo()
    {
        constexpr int Forged = 20;
        std::vector<int> connections;
        std::vector<QByteArray> forged;
        auto removeForged = qScopeGuard([&] {
            for (const QByteArray &path : forged) {
                ::umount2(path.constData(), MNT_DETACH);
            }
            for (const int fd : connections) {
                ::close(fd);
            }
        });
        for (int i = 0; i < Forged; ++i) {
            const QString dir = b + QStringLiteral("/forged-%1").arg(i);
            makeDir(dir, 1000);
            // A connection nobody reads: every request to it waits forever.
            const int fd = ::open("/dev/fuse", O_RDWR | O_CLOEXEC);
            QVERIFY(fd >= 0);
            connections.push_back(fd);
            const QByteArray options = "fd=" + QByteArray::number(fd) + ",rootmode=40000,user_id=1000,group_id=1000";
            forged.push_back(QFile::encodeName(dir));
            QVERIFY2(::mount("forged", forged.back().constData(), "fuse.passmirror", MS_NOSUID | MS_NODEV, options.constData()) == 0, strerror(errno));
        }
        const QString src = b + QStringLiteral("/src2");
        const QString mnt = b + QStringLiteral("/mnt2");
        QElapsedTimer clock;
        clock.start();
        auto mounted = runAs(QStringLiteral("tester2"), m_ctl, {QStringLiteral("mount"), src, mnt});
        const qint64 mountMs = clock.restart();
        QVERIFY2(mounted.exitCode == 0, mounted.err.constData());
        auto unmounted = runAs(QStringLiteral("tester2"), m_ctl, {QStringLiteral("unmount"), mnt});
        const qint64 unmountMs = clock.elapsed();
        QVERIFY2(unmounted.exitCode == 0, unmounted.err.constData());
        qInfo("with %d forged mounts: mount %lld ms, unmount %lld ms", Forged, mountMs, unmountMs);
        QVERIFY2(mountMs < 2000, qPrintable(QStringLiteral("mount took %1 ms").arg(mountMs)));
        QVERIFY2(unmountMs < 2000, qPrintable(QStringLiteral("unmount took %1 ms").arg(unmountMs)));
        for (const QByteArray &path : forged) {
            QVERIFY2(mirrorAt(QFile::decodeName(path)), "the helper touched a forged mount");
        }
        // No child of the helper is left (a probe stuck on a forged mount would be).
        auto helperPid = QDBusConnection::systemBus().interface()->servicePid(QStringLiteral("org.passmirror.helper"));
        QVERIFY(helperPid.isValid());
        QDir proc(QStringLiteral("/proc"));
        for (const QString &entry : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile stat(QStringLiteral("/proc/") + entry + QStringLiteral("/stat"));
            if (!entry.front().isDigit() || !stat.open(QIODevice::ReadOnly)) {
                continue;
            }
            const QByteArray text = stat.readAll();
            const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
            QVERIFY2(fields.size() < 2 || fields.at(1).toUInt() != helperPid.value(), qPrintable(QStringLiteral("the helper left child %1").arg(entry)));
        }
    }

    // KAuth sends every reply of the helper (and any debug message it would
    // send) to every client on the bus. tester2 listens while tester makes
    // calls that fail and succeed about folders with a telling name, and
    // then mounts while root keeps renaming a parent folder away and back,
    // so that some refusals come from passmirrord itself (whose messages
    // named the missing parent): tester2 hears the broadcasts, and no
    // fragment of those paths is in them.
    void shouldTellOtherClientsNothingOfAnyonesPaths()
    {
        const QString secret = b + QStringLiteral("/Zebra-Secret-Project");
        makeDir(secret, 1000);
        makeDir(secret + QStringLiteral("/mnt"), 1000);
        makeDir(secret + QStringLiteral("/data"), 1000);
        makeDir(secret + QStringLiteral("/locked"), 0, 0700);
        makeDir(secret + QStringLiteral("/full"), 1000);
        writeFile(secret + QStringLiteral("/full/x"), "x", 1000);
        QProcess listener;
        listener.start(QStringLiteral("runuser"),
                       {QStringLiteral("-u"),
                        QStringLiteral("tester2"),
                        QStringLiteral("--"),
                        QStringLiteral("env"),
                        QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS=") + qEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS"),
                        m_probe,
                        QStringLiteral("listen"),
                        QStringLiteral("14")});
        QVERIFY(listener.waitForReadyRead(5000));
        QCOMPARE(listener.readLine().trimmed(), QByteArray("listening"));
        const QList<QStringList> calls = {
            {QStringLiteral("mount"), secret + QStringLiteral("/missing"), secret + QStringLiteral("/mnt")},
            {QStringLiteral("mount"), secret + QStringLiteral("/locked"), secret + QStringLiteral("/mnt")},
            {QStringLiteral("mount"), secret + QStringLiteral("/data"), secret + QStringLiteral("/full")},
            {QStringLiteral("mount"), secret + QStringLiteral("/data"), secret + QStringLiteral("/data/../mnt")},
            {QStringLiteral("mount"), secret + QStringLiteral("/data"), secret + QStringLiteral("/mnt")},
            {QStringLiteral("unmount"), secret + QStringLiteral("/mnt")},
            {QStringLiteral("unmount"), secret + QStringLiteral("/mnt")},
        };
        for (const QStringList &call : calls) {
            runAs(QStringLiteral("tester"), m_ctl, call);
        }
        const QString mnt = b + QStringLiteral("/zebra-mnt");
        makeDir(mnt, 1000);
        std::atomic<bool> flipping{true};
        std::thread flipper([&] {
            const QByteArray here = QFile::encodeName(secret);
            const QByteArray away = QFile::encodeName(b + QStringLiteral("/elsewhere"));
            while (flipping) {
                ::rename(here.constData(), away.constData());
                std::this_thread::sleep_for(std::chrono::microseconds(300));
                ::rename(away.constData(), here.constData());
                std::this_thread::sleep_for(std::chrono::microseconds(300));
            }
        });
        for (int i = 0; i < 40; ++i) {
            if (runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), secret + QStringLiteral("/data"), mnt}).exitCode == 0) {
                runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--force"), mnt});
            }
        }
        flipping = false;
        flipper.join();
        QVERIFY(listener.waitForFinished(20000));
        const QJsonArray heard = json(listener.readAllStandardOutput()).value(QStringLiteral("heard")).toArray();
        QVERIFY2(heard.size() >= 6, qPrintable(QStringLiteral("tester2 heard only %1 broadcasts").arg(heard.size())));
        for (const QString &fragment : {QStringLiteral("Zebra"), QStringLiteral("Secret-Project"), QStringLiteral("locked"), QStringLiteral("missing")}) {
            const QByteArray utf8 = fragment.toUtf8().toHex();
            const QByteArray utf16 = QByteArray(reinterpret_cast<const char *>(fragment.utf16()), fragment.size() * 2).toHex();
            QByteArray utf16be;
            for (const QChar c : fragment) {
                utf16be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
            }
            for (const auto &broadcast : heard) {
                for (const auto &argument : broadcast.toArray()) {
                    const QByteArray hex = argument.toString().toLatin1();
                    QVERIFY2(!hex.contains(utf8) && !hex.contains(utf16) && !hex.contains(utf16be.toHex()),
                             qPrintable(QStringLiteral("tester2 heard \"%1\" in %2").arg(fragment, QString::fromLatin1(QByteArray::fromHex(hex)))));
                }
            }
        }
    }

    // Two users at the same moment, each mounting and unmounting its own
    // mirror: each is told only its own results, nobody waits past the
    // watchdog, and the final state is what each was told.
    void shouldServeTwoUsersAtOnce()
    {
        const int rounds = qEnvironmentVariableIntValue("TWO_CLIENT_ROUNDS") > 0 ? qEnvironmentVariableIntValue("TWO_CLIENT_ROUNDS") : 100;
        const QString mine = b + QStringLiteral("/two-tester");
        const QString theirs = b + QStringLiteral("/two-tester2");
        makeDir(mine, 1000);
        makeDir(mine + QStringLiteral("/src"), 1000);
        makeDir(mine + QStringLiteral("/mnt"), 1000);
        makeDir(theirs, 1001);
        makeDir(theirs + QStringLiteral("/src"), 1001);
        makeDir(theirs + QStringLiteral("/mnt"), 1001);
        QList<QProcess *> clients;
        for (const auto &[user, dir] : {std::pair{QStringLiteral("tester"), mine}, std::pair{QStringLiteral("tester2"), theirs}}) {
            auto *process = new QProcess(this);
            process->start(QStringLiteral("runuser"),
                           {QStringLiteral("-u"),
                            user,
                            QStringLiteral("--"),
                            QStringLiteral("env"),
                            QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS=") + qEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS"),
                            m_probe,
                            QStringLiteral("cycle"),
                            dir + QStringLiteral("/src"),
                            dir + QStringLiteral("/mnt"),
                            QString::number(rounds)});
            clients.append(process);
        }
        for (QProcess *process : clients) {
            QVERIFY(process->waitForFinished(280000));
            const QJsonObject figures = json(process->readAllStandardOutput());
            qInfo("two clients: %s", QJsonDocument(figures).toJson(QJsonDocument::Compact).constData());
            QCOMPARE(figures.value(QStringLiteral("rounds")).toInt(), rounds);
            QCOMPARE(figures.value(QStringLiteral("failures")).toInt(), 0);
            QCOMPARE(figures.value(QStringLiteral("mismatches")).toInt(), 0);
            QCOMPARE(figures.value(QStringLiteral("finallyMounted")).toBool(), false);
            QVERIFY(figures.value(QStringLiteral("longestWaitMs")).toInteger() < 20000);
            delete process;
        }
        QVERIFY(!mirrorAt(mine + QStringLiteral("/mnt")));
        QVERIFY(!mirrorAt(theirs + QStringLiteral("/mnt")));
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }

    // Random argument maps: no crash, no mount, every answer typed.
    void shouldAnswerFuzzWithTypedErrors_data()
    {
        QTest::addColumn<QString>("action");
        for (const char *action : {"mount", "mountshared", "unmount", "unmountany", "unmountall"}) {
            QTest::newRow(action) << QStringLiteral("org.passmirror.helper.") + QLatin1String(action);
        }
    }
    void shouldAnswerFuzzWithTypedErrors()
    {
        QFETCH(QString, action);
        const int count = qEnvironmentVariableIntValue("FUZZ_COUNT") > 0 ? qEnvironmentVariableIntValue("FUZZ_COUNT") : 200;
        const auto seed = QString::number(qHash(action) ^ 0x5eed);
        auto run = runAs(QStringLiteral("tester"), m_probe, {QStringLiteral("fuzz"), action, QString::number(count), seed}, 1780000);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject summary = json(run.out);
        qInfo("fuzz: %s", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
        QCOMPARE(summary.value(QStringLiteral("count")).toInt(), count);
        QCOMPARE(summary.value(QStringLiteral("untyped")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("timeouts")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("kauthErrors")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("foreignIds")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("mirrorsAfter")).toInt(), 0);
        QCOMPARE(summary.value(QStringLiteral("typedErrors")).toInt() + summary.value(QStringLiteral("successes")).toInt(), count);
        if (!action.endsWith(QLatin1String("unmountall"))) {
            QCOMPARE(summary.value(QStringLiteral("successes")).toInt(), 0);
        }
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }

    // A helper killed between starting passmirrord and recording the mirror
    // leaves a "starting" entry and a mount; the next helper call removes both.
    void shouldCleanUpAfterAHelperKilledMidAction()
    {
        const QString id = QStringLiteral("fedcba9876543210fedcba9876543210");
        const QString stats = QStringLiteral("/run/passmirror/stats/") + id + QStringLiteral(".stats");
        const QString src = b + QStringLiteral("/src");
        const QString mnt = b + QStringLiteral("/mnt");
        QVERIFY(QDir().mkpath(QStringLiteral("/run/passmirror/stats")));
        QVERIFY(QDir().mkpath(QStringLiteral("/run/passmirror/mirrors")));
        // What the helper had done before it died: the entry, then the daemon.
        QFile entry(QStringLiteral("/run/passmirror/mirrors/") + id + QStringLiteral(".json"));
        QVERIFY(entry.open(QIODevice::WriteOnly));
        QFile bootIdFile(QStringLiteral("/proc/sys/kernel/random/boot_id"));
        QVERIFY(bootIdFile.open(QIODevice::ReadOnly));
        entry.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                              {QStringLiteral("id"), id},
                                              {QStringLiteral("state"), QStringLiteral("starting")},
                                              {QStringLiteral("source"), src},
                                              {QStringLiteral("mountPoint"), mnt},
                                              {QStringLiteral("ownerUid"), 1000},
                                              {QStringLiteral("statsPath"), stats},
                                              {QStringLiteral("helperPid"), 999999},
                                              {QStringLiteral("bootId"), QString::fromLatin1(bootIdFile.readAll().trimmed())}})
                        .toJson());
        entry.close();
        QProcess daemon;
        daemon.start(QString::fromLocal8Bit(qgetenv("PASSMIRRORD")), {src, mnt, QStringLiteral("--owner=1000"), QStringLiteral("--stats-file=") + stats});
        QVERIFY(daemon.waitForFinished(10000));
        QVERIFY2(daemon.exitCode() == 0, daemon.readAllStandardError().constData());
        QVERIFY(mirrorAt(mnt));
        // It is nobody's mirror yet: not listed as live.
        QCOMPARE(json(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")}).out)
                     .value(QStringLiteral("mirrors"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("state"))
                     .toString(),
                 QStringLiteral("starting"));
        // Any helper call sweeps.
        auto call = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all")});
        QVERIFY2(call.exitCode == 0, call.err.constData());
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(mnt), 2000);
        QVERIFY(!entry.exists());
    }

    // The helper SIGKILLed at random moments of a mount action (before the
    // daemon starts, while it mounts, after the registry is written): what
    // the client is told is true, and after the next helper call there is
    // never half a mirror - a mount without its entry or an entry without
    // its mount.
    void shouldLeaveNoHalfMirrorWhenTheHelperIsKilledMidAction()
    {
        const QString src = b + QStringLiteral("/src");
        const QString mnt = b + QStringLiteral("/mnt");
        const QString notAMirror = b + QStringLiteral("/src/inner");
        int killed = 0;
        int toldMounted = 0;
        int foundMounted = 0;
        for (int round = 0; round < 12; ++round) {
            QProcess client;
            client.start(QStringLiteral("runuser"),
                         {QStringLiteral("-u"), QStringLiteral("tester"), QStringLiteral("--"), m_ctl, QStringLiteral("mount"), src, mnt});
            QVERIFY(client.waitForStarted());
            // Spread the kill over the action (about 100-200 ms here): 0 to 165 ms after the call.
            QTest::qWait(round * 15);
            const bool clientWaiting = client.state() != QProcess::NotRunning;
            for (const pid_t pid : helperPids()) {
                if (::kill(pid, SIGKILL) == 0 && clientWaiting) {
                    ++killed;
                }
            }
            QElapsedTimer waited;
            waited.start();
            // waitForFinished() is false for a client that already finished.
            const bool finished = client.state() == QProcess::NotRunning || client.waitForFinished(40000);
            qInfo("round %d: helpers killed mid-call so far %d; the client finished %d after %lld more ms: %s",
                  round,
                  killed,
                  finished,
                  waited.elapsed(),
                  QByteArray(client.readAllStandardOutput() + client.readAllStandardError()).simplified().constData());
            QVERIFY2(finished, "the client waited past its watchdog for a killed helper");
            const bool told = client.exitStatus() == QProcess::NormalExit && client.exitCode() == 0;
            if (told) {
                ++toldMounted;
                QVERIFY2(mirrorAt(mnt), "the client said mounted, but nothing is mounted");
            }
            // Any helper call sweeps what a killed helper left.
            runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), notAMirror});
            const bool mounted = mirrorAt(mnt);
            const QJsonArray listed =
                json(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")}).out).value(QStringLiteral("mirrors")).toArray();
            QVERIFY2(mounted == (listed.size() == 1),
                     qPrintable(QStringLiteral("round %1: mounted %2 but %3 registry entries").arg(round).arg(mounted).arg(listed.size())));
            if (mounted) {
                ++foundMounted;
                QCOMPARE(listed.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("live"));
                auto unmounted = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt});
                QVERIFY2(unmounted.exitCode == 0, unmounted.err.constData());
            }
            QVERIFY2(mirrorCount() == 0, mirrorList().constData());
        }
        qInfo("helper killed %d times during 12 mount calls: told mounted %d, found whole mirrors %d, never half a mirror", killed, toldMounted, foundMounted);
        QVERIFY2(killed > 0, "no helper was killed while a client waited: the test proved nothing");
    }

    void shouldKeepEachUserUnderTheLimit()
    {
        QList<QString> mounts;
        for (int i = 0; i < 9; ++i) {
            const QString mnt = b + QStringLiteral("/limit%1").arg(i);
            makeDir(mnt, 1000);
            mounts << mnt;
        }
        for (int i = 0; i < 8; ++i) {
            auto mounted = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src"), mounts[i]});
            QVERIFY2(mounted.exitCode == 0, mounted.err.constData());
        }
        auto ninth = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src"), mounts[8]});
        QCOMPARE(ninth.exitCode, 24); // TooManyMirrors
        QVERIFY(!mirrorAt(mounts[8]));
        // The limit is per user: tester2 may still mount.
        auto other = runAs(QStringLiteral("tester2"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src2"), b + QStringLiteral("/mnt2")});
        QVERIFY2(other.exitCode == 0, other.err.constData());
        auto all = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all")});
        QVERIFY2(all.exitCode == 0, all.err.constData());
        QVERIFY(all.out.contains("Unmounted 8 mirror(s)"));
        QCOMPARE(runAs(QStringLiteral("tester2"), m_ctl, {QStringLiteral("unmount"), b + QStringLiteral("/mnt2")}).exitCode, 0);
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }

    void shouldHonourReadOnlyAndShared()
    {
        const QString src = b + QStringLiteral("/src");
        const QString mnt = b + QStringLiteral("/mnt");
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), src, mnt, QStringLiteral("--read-only")}).exitCode, 0);
        auto write = runAs(QStringLiteral("tester"), QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("echo x > '%1/new.txt'").arg(mnt)});
        QVERIFY(write.exitCode != 0);
        QVERIFY(!QFile::exists(src + QStringLiteral("/new.txt")));
        // Not shared: tester2 cannot enter even though the source is world-readable.
        QVERIFY(runAs(QStringLiteral("tester2"), QStringLiteral("/bin/cat"), {mnt + QStringLiteral("/hello.txt")}).exitCode != 0);
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt}).exitCode, 0);

        auto shared = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), src, mnt, QStringLiteral("--shared")});
        QVERIFY2(shared.exitCode == 0, shared.err.constData());
        auto other = runAs(QStringLiteral("tester2"), QStringLiteral("/bin/cat"), {mnt + QStringLiteral("/hello.txt")});
        QCOMPARE(other.out, QByteArray("hello from the source\n"));
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt}).exitCode, 0);
    }

    // The administrator approves a shared mirror by its folders, shown in
    // polkit's dialog as the caller sent them: a right-to-left override
    // there would show "/home/tester/mnt-exe.gpj" reversed into something
    // else. Such a path may be the caller's own mirror, never a shared one.
    void shouldAskNoAdministratorAboutAPathTheDialogCannotShow()
    {
        const QString src = b + QStringLiteral("/src");
        const QString mnt = b + QStringLiteral("/mnt-") + QChar(0x202e) + QStringLiteral("gpj.exe");
        makeDir(mnt, 1000);
        const auto removed = qScopeGuard([&mnt] {
            ::rmdir(QFile::encodeName(mnt).constData());
        });
        const Run shared = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), src, mnt, QStringLiteral("--shared")});
        QVERIFY2(shared.exitCode == 23, QByteArray(shared.out + shared.err).constData());
        QVERIFY2(shared.err.contains("/mnt-\\u202egpj.exe"), shared.err.constData());
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
        const Run own = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), src, mnt});
        QVERIFY2(own.exitCode == 0, own.err.constData());
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt}).exitCode, 0);
    }

    void shouldWatchStatsUntilTheMirrorGoes()
    {
        const QString mnt = b + QStringLiteral("/mnt");
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src"), mnt}).exitCode, 0);
        QProcess watch;
        watch.start(QStringLiteral("runuser"),
                    {QStringLiteral("-u"),
                     QStringLiteral("tester"),
                     QStringLiteral("--"),
                     m_ctl,
                     QStringLiteral("stats"),
                     mnt,
                     QStringLiteral("--json"),
                     QStringLiteral("--watch"),
                     QStringLiteral("0.1")});
        QVERIFY(watch.waitForStarted());
        QTest::qWait(700);
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt}).exitCode, 0);
        QVERIFY(watch.waitForFinished(3000));
        QCOMPARE(watch.exitCode(), 0);
        const QList<QByteArray> lines = watch.readAllStandardOutput().trimmed().split('\n');
        QVERIFY2(lines.size() >= 4, QByteArray::number(lines.size()).constData());
        for (const QByteArray &line : lines) {
            QCOMPARE(QJsonDocument::fromJson(line).object().value(QStringLiteral("version")).toInt(), 1);
        }
    }

    // Stale entries of an earlier boot: a forged old entry breaks nothing.
    void shouldIgnoreEntriesOfAnEarlierBoot()
    {
        QDir().mkpath(QStringLiteral("/run/passmirror/mirrors"));
        const QString stale = QStringLiteral("/run/passmirror/mirrors/0123456789abcdef0123456789abcdef.json");
        QFile file(stale);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                             {QStringLiteral("id"), QStringLiteral("0123456789abcdef0123456789abcdef")},
                                             {QStringLiteral("state"), QStringLiteral("live")},
                                             {QStringLiteral("source"), QString(b + QStringLiteral("/src"))},
                                             {QStringLiteral("mountPoint"), QString(b + QStringLiteral("/mnt"))},
                                             {QStringLiteral("ownerUid"), 1000},
                                             {QStringLiteral("bootId"), QStringLiteral("not-this-boot")}})
                       .toJson());
        file.close();
        ::chmod(QFile::encodeName(stale).constData(), 0644);
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src"), b + QStringLiteral("/mnt")}).exitCode, 0);
        QVERIFY(!QFile::exists(stale));
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), b + QStringLiteral("/mnt")}).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(HelperBusTest)
#include "helperbustest.moc"
