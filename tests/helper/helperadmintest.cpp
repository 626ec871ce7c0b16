// SPDX-License-Identifier: GPL-2.0-or-later
// The helper's administrator paths, orphan cleanup, path swaps and the
// kernel's io_uring switch, on the real private system bus with real polkitd.
// Runs as root to set the scene; clients run as test users:
//   tester, tester2  granted every org.passmirror.* action (fixture rule);
//   tester3          granted nothing;
//   tester4          granted mount/mountshared/unmount/unmountall,
//                    administrator authentication for the rest (as an
//                    active local session is by the actions' defaults), and
//                    a rule approving one shared mirror by its folders.
//                    No polkit agent runs, so authentication is never given.
#include "activityreader.h"
#include "bustestsupport.h"
#include "iouringswitch.h"
#include "mountinfo.h"
#include "statsreader.h"

#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>

#include <atomic>
#include <csignal>
#include <fcntl.h>
#include <sys/mount.h>
#include <thread>

using namespace BusTest;
using namespace PassMirror;

namespace
{
// passmirrord started by hand as root, as the helper would: exit code and stderr.
Run startDaemon(const QStringList &arguments)
{
    QProcess daemon;
    daemon.start(QString::fromLocal8Bit(qgetenv("PASSMIRRORD")), arguments);
    if (!daemon.waitForFinished(10000)) {
        daemon.kill();
        daemon.waitForFinished();
    }
    return {daemon.exitStatus() == QProcess::NormalExit ? daemon.exitCode() : -1, {}, daemon.readAllStandardError()};
}

bool processGone(qint64 pid)
{
    if (::kill(static_cast<pid_t>(pid), 0) != 0) {
        return true;
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return true;
    }
    const QByteArray text = stat.readAll();
    return text.mid(text.lastIndexOf(')') + 2, 1) == "Z";
}

QString readSwitch()
{
    QFile parameter(ioUringParameterPath());
    return parameter.open(QIODevice::ReadOnly) ? QString::fromLatin1(parameter.readAll().trimmed()) : QString();
}
} // namespace

class HelperAdminTest : public QObject
{
    Q_OBJECT

    QString m_ctl;
    QString m_probe;
    QTemporaryDir m_base{QStringLiteral("/tmp/helperadmin-XXXXXX")};
    QString b;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root inside ./dev (it sets up folders for several users)");
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SYSTEM_BUS_ADDRESS"), "needs the desktop-services fixture");
        m_ctl = QString::fromLocal8Bit(qgetenv("PASSMIRRORCTL"));
        m_probe = QString::fromLocal8Bit(qgetenv("HELPERPROBE"));
        QVERIFY(QFile::exists(m_ctl));
        QVERIFY(QFile::exists(m_probe));
        QVERIFY(QFile::exists(QString::fromLocal8Bit(qgetenv("PASSMIRRORD"))));
        QVERIFY(m_base.isValid());
        b = m_base.path();
        QVERIFY(::chmod(QFile::encodeName(b).constData(), 0755) == 0);
        for (const auto &[name, uid] : {std::pair{"t4src", 1003},
                                        std::pair{"t4mnt", 1003},
                                        std::pair{"t4mnt2", 1003},
                                        std::pair{"t2src", 1001},
                                        std::pair{"t2mnt", 1001},
                                        std::pair{"src", 1000},
                                        std::pair{"mnt", 1000},
                                        std::pair{"mnt2", 1000}}) {
            makeDir(b + QLatin1Char('/') + QLatin1String(name), uid);
        }
        writeFile(b + QStringLiteral("/src/hello.txt"), "hello from the source\n", 1000);
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }

    void cleanup()
    {
        for (const char *user : {"tester", "tester2", "tester4"}) {
            runAs(QString::fromLatin1(user), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all"), QStringLiteral("--force")});
        }
    }

    // tester4 has what an ordinary user has: own mirrors without a password;
    // a shared mirror and someone else's mirror need an administrator, and
    // without one (no agent, nothing typed) they are refused with the typed
    // error and nothing changes.
    void shouldRefuseAdminActionsWithoutAuthentication()
    {
        const QString src = b + QStringLiteral("/t4src");
        const QString mnt = b + QStringLiteral("/t4mnt");
        auto own = runAs(QStringLiteral("tester4"), m_ctl, {QStringLiteral("mount"), src, mnt});
        QVERIFY2(own.exitCode == 0, own.err.constData());
        QVERIFY(mirrorAt(mnt));
        QCOMPARE(runAs(QStringLiteral("tester4"), m_ctl, {QStringLiteral("unmount"), mnt}).exitCode, 0);
        QVERIFY(!mirrorAt(mnt));

        auto shared = runAs(QStringLiteral("tester4"), m_ctl, {QStringLiteral("mount"), src, mnt, QStringLiteral("--shared")});
        QCOMPARE(shared.exitCode, 27); // authorization-denied, by the helper's approval step
        QVERIFY2(shared.err.contains("[authorization-denied]"), shared.err.constData());
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());

        // tester2's mirror: passmirrorctl asks for unmountany, which tester4
        // gets only with administrator authentication; nor may the plain
        // unmount action take it.
        const QString theirs = b + QStringLiteral("/t2mnt");
        QCOMPARE(runAs(QStringLiteral("tester2"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/t2src"), theirs}).exitCode, 0);
        auto foreign = runAs(QStringLiteral("tester4"), m_ctl, {QStringLiteral("unmount"), theirs});
        QCOMPARE(foreign.exitCode, 27);
        QVERIFY2(foreign.err.contains("org.passmirror.helper.unmountany needs administrator authentication"), foreign.err.constData());
        auto plain = json(runAs(QStringLiteral("tester4"),
                                m_probe,
                                {QStringLiteral("call"),
                                 QStringLiteral("org.passmirror.helper.unmount"),
                                 QStringLiteral("requestId=auto"),
                                 QStringLiteral("mountPoint=s:") + theirs})
                              .out);
        QCOMPARE(plain.value(QStringLiteral("errorName")).toString(), QStringLiteral("authorization-denied"));
        auto asAdmin = json(runAs(QStringLiteral("tester4"),
                                  m_probe,
                                  {QStringLiteral("call"),
                                   QStringLiteral("org.passmirror.helper.unmountany"),
                                   QStringLiteral("requestId=auto"),
                                   QStringLiteral("mountPoint=s:") + theirs})
                                .out);
        QVERIFY2(asAdmin.value(QStringLiteral("kauthError")).toInt() != 0, QJsonDocument(asAdmin).toJson().constData());
        QVERIFY2(mirrorAt(theirs), "tester2's mirror must survive");
        // Whom polkit grants unmountany (tester, by the test rule, as if an
        // administrator had authenticated) does unmount it.
        auto granted = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), theirs});
        QVERIFY2(granted.exitCode == 0, granted.err.constData());
        QVERIFY(!mirrorAt(theirs));

        // The system-wide io_uring switch is an administrator's too.
        const QString before = readSwitch();
        auto uring = runAs(QStringLiteral("tester4"),
                           m_ctl,
                           {QStringLiteral("io-uring"), before == QLatin1String("Y") ? QStringLiteral("disable") : QStringLiteral("enable")});
        QCOMPARE(uring.exitCode, 27);
        QVERIFY2(uring.err.contains("needs administrator authentication"), uring.err.constData());
        QCOMPARE(readSwitch(), before);
    }

    // A shared mirror is approved by an administrator every time, for its
    // folders: polkit gets the validated paths as details (a rule here
    // approves exactly approved-src at approved-mnt), the dialog's message
    // names them, and one approval never covers another mirror.
    void shouldApproveEachSharedMirrorForItsFolders()
    {
        const QString approved = b + QStringLiteral("/approved-src");
        const QString other = b + QStringLiteral("/t4src");
        const QString mnt = b + QStringLiteral("/approved-mnt");
        makeDir(approved, 1003);
        makeDir(mnt, 1003);
        auto first = runAs(QStringLiteral("tester4"), m_ctl, {QStringLiteral("mount"), approved, mnt, QStringLiteral("--shared")});
        QVERIFY2(first.exitCode == 0, first.err.constData());
        const auto mount = mountAt(readMountInfo(), QFile::encodeName(mnt));
        QVERIFY(mount && mount->isMirror() && mount->superOptions.contains("allow_other"));
        QCOMPARE(runAs(QStringLiteral("tester4"), m_ctl, {QStringLiteral("unmount"), mnt}).exitCode, 0);
        // Another folder right after: asked again, and refused.
        auto second = runAs(QStringLiteral("tester4"), m_ctl, {QStringLiteral("mount"), other, mnt, QStringLiteral("--shared")});
        QCOMPARE(second.exitCode, 27);
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());

        // What polkit shows: the folders in the message, asked every time.
        QProcess pkaction;
        pkaction.start(QStringLiteral("pkaction"),
                       {QStringLiteral("--verbose"), QStringLiteral("--action-id"), QStringLiteral("org.passmirror.helper.confirmshared")});
        QVERIFY(pkaction.waitForFinished(10000));
        const QByteArray described = pkaction.readAllStandardOutput();
        QVERIFY2(described.contains("Share the folder $(source) at $(mountPoint) with every user of this computer"), described.constData());
        QVERIFY2(described.contains("implicit active:   auth_admin\n") && !described.contains("auth_admin_keep"), described.constData());
    }

    // Anyone may read the switch; an authorised caller flips it, and it is
    // put back as it was (it is the host kernel's).
    void shouldReadAndFlipTheIoUringSwitch()
    {
        const IoUringState before = ioUringState();
        auto status = runAs(QStringLiteral("tester3"), m_ctl, {QStringLiteral("io-uring"), QStringLiteral("status"), QStringLiteral("--json")});
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(json(status.out).value(QStringLiteral("state")).toString(), ioUringStateName(before));
        if (before == IoUringState::Unsupported) {
            auto refused = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("io-uring"), QStringLiteral("enable")});
            QCOMPARE(refused.exitCode, 31); // io-uring-unavailable
            QSKIP("this kernel has no FUSE over io_uring switch; the refusal was checked");
        }
        const bool wasOn = before == IoUringState::Enabled;
        auto restore = qScopeGuard([&]() {
            (void)setIoUringState(wasOn);
        });
        auto flipped = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("io-uring"), wasOn ? QStringLiteral("disable") : QStringLiteral("enable")});
        QVERIFY2(flipped.exitCode == 0, flipped.err.constData());
        QVERIFY2(flipped.out.contains(wasOn ? "now off for the whole system" : "now on for the whole system"), flipped.out.constData());
        QCOMPARE(readSwitch(), wasOn ? QStringLiteral("N") : QStringLiteral("Y"));
        auto human = runAs(QStringLiteral("tester3"), m_ctl, {QStringLiteral("io-uring"), QStringLiteral("status")});
        QVERIFY2(human.out.startsWith(wasOn ? "FUSE over io_uring: off" : "FUSE over io_uring: on"), human.out.constData());
        // Asking for the state it is in already succeeds and changes nothing.
        auto again = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("io-uring"), wasOn ? QStringLiteral("disable") : QStringLiteral("enable")});
        QCOMPARE(again.exitCode, 0);
        auto back = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("io-uring"), wasOn ? QStringLiteral("enable") : QStringLiteral("disable")});
        QVERIFY2(back.exitCode == 0, back.err.constData());
        QCOMPARE(ioUringState(), before);
    }

    // A mirror whose daemon and supervisor both died, with no registry entry,
    // stays mounted and answers "Transport endpoint is not connected". The
    // next helper call detaches it; a mount without an entry whose daemon is
    // alive (passmirrord run by hand) is left alone.
    void shouldDetachOrphanMountsOnTheNextCall()
    {
        const QString src = b + QStringLiteral("/src");
        const QString orphan = b + QStringLiteral("/mnt");
        const QString alive = b + QStringLiteral("/mnt2");
        QVERIFY(QDir().mkpath(QStringLiteral("/run/passmirror/stats")));
        const QString orphanStats = QStringLiteral("/run/passmirror/stats/helperadmin-orphan.stats");
        const QString aliveStats = QStringLiteral("/run/passmirror/stats/helperadmin-alive.stats");
        for (const auto &[mnt, stats] : {std::pair{orphan, orphanStats}, std::pair{alive, aliveStats}}) {
            auto started = startDaemon({src, mnt, QStringLiteral("--owner=1000"), QStringLiteral("--stats-file=") + stats});
            QVERIFY2(started.exitCode == 0, started.err.constData());
            QVERIFY(mirrorAt(mnt));
        }
        auto removeAlive = qScopeGuard([&]() {
            ::umount2(QFile::encodeName(alive).constData(), MNT_DETACH);
            QFile::remove(orphanStats);
            QFile::remove(aliveStats);
        });
        Stats::StatsReader reader;
        QVERIFY(reader.open(orphanStats.toStdString()));
        const auto pids = reader.sample();
        QVERIFY(pids.daemonPid > 0 && pids.supervisorPid > 0);
        // Both die and neither can clean up: the supervisor is stopped while
        // the daemon is killed, then killed itself.
        QVERIFY(::kill(static_cast<pid_t>(pids.supervisorPid), SIGSTOP) == 0);
        QVERIFY(::kill(static_cast<pid_t>(pids.daemonPid), SIGKILL) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pids.daemonPid), 2000);
        QVERIFY(::kill(static_cast<pid_t>(pids.supervisorPid), SIGKILL) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(processGone(pids.supervisorPid), 2000);
        QVERIFY2(mirrorAt(orphan), "the orphan must still be mounted before the helper call");
        const QString orphanRing = QString::fromStdString(Activity::ringPathFor(orphanStats.toStdString()));
        const QString aliveRing = QString::fromStdString(Activity::ringPathFor(aliveStats.toStdString()));
        QVERIFY2(QFile::exists(orphanStats) && QFile::exists(orphanRing), "the killed supervisor left its files (as it cannot help)");
        auto dead = runAs(QStringLiteral("tester"), QStringLiteral("/usr/bin/stat"), {orphan});
        QVERIFY2(dead.err.contains("not connected"), dead.err.constData());
        // passmirrorctl list reports it (unregistered) before any helper call.
        auto listed = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")});
        QVERIFY2(listed.out.contains(QFile::encodeName(orphan)), listed.out.constData());

        auto call = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all")});
        QVERIFY2(call.exitCode == 0, call.err.constData());
        QVERIFY2(!mirrorAt(orphan), "the orphan was not detached");
        QVERIFY2(mirrorAt(alive), "a mount with a live daemon must be left alone");
        // Its stats file and activity ring go with its record; the live one's stay.
        QVERIFY2(!QFile::exists(orphanStats), "the orphan's stats file was left in /run");
        QVERIFY2(!QFile::exists(orphanRing), "the orphan's activity ring was left in /run");
        QVERIFY(QFile::exists(aliveStats) && QFile::exists(aliveRing));
    }

    // The helper hands passmirrord paths, not fds. A path swapped after the
    // helper's check reaches a daemon that opens every component again with
    // O_NOFOLLOW and re-checks as the owner, then mounts on the fd it
    // opened: a symlink or someone else's folder is refused there too.
    void shouldRefuseSwappedPathsInTheDaemonToo()
    {
        const QString secret = b + QStringLiteral("/secret");
        makeDir(secret, 0, 0700);
        writeFile(secret + QStringLiteral("/secret.txt"), "root only\n", 0);
        const QString link = b + QStringLiteral("/link");
        QVERIFY(::symlink(QFile::encodeName(secret).constData(), QFile::encodeName(link).constData()) == 0);
        const QString mnt = b + QStringLiteral("/mnt");
        struct Case {
            QStringList arguments;
            int exitCode;
        };
        const Case cases[] = {
            {{link, mnt}, 23}, // path-invalid: a symlink in the source
            {{secret, mnt}, 12}, // source-not-readable by the owner
            {{b + QStringLiteral("/src"), link}, 23}, // a symlink as the mount point
        };
        for (const Case &c : cases) {
            auto refused = startDaemon(c.arguments + QStringList{QStringLiteral("--owner=1000")});
            QVERIFY2(refused.exitCode == c.exitCode,
                     qPrintable(
                         QStringLiteral("%1: exit %2: %3").arg(c.arguments.join(QLatin1Char(' '))).arg(refused.exitCode).arg(QString::fromUtf8(refused.err))));
            QVERIFY2(mirrorCount() == 0, mirrorList().constData());
        }

        // And through the helper while the source flips between tester's
        // folder and a symlink to the secret one: only tester's files ever show.
        const QString dir = b + QStringLiteral("/swap");
        makeDir(dir, 1000);
        QVERIFY(QFile::rename(b + QStringLiteral("/src"), dir + QStringLiteral("/src")));
        auto putBack = qScopeGuard([&]() {
            QFile::rename(dir + QStringLiteral("/src"), b + QStringLiteral("/src"));
        });
        QVERIFY(::symlink(QFile::encodeName(secret).constData(), QFile::encodeName(dir + QStringLiteral("/other")).constData()) == 0);
        std::atomic<bool> stop{false};
        std::atomic<int> swaps{0};
        std::thread swapper([&]() {
            const QByteArray a = QFile::encodeName(dir + QStringLiteral("/src"));
            const QByteArray c = QFile::encodeName(dir + QStringLiteral("/other"));
            while (!stop) {
                if (renameat2(AT_FDCWD, a.constData(), AT_FDCWD, c.constData(), RENAME_EXCHANGE) == 0) {
                    ++swaps;
                }
                usleep(200);
            }
        });
        auto joinSwapper = qScopeGuard([&]() {
            stop = true;
            swapper.join();
            // Leave the real folder under its own name.
            if (QFileInfo(dir + QStringLiteral("/src")).isSymLink()) {
                renameat2(AT_FDCWD,
                          QFile::encodeName(dir + QStringLiteral("/src")).constData(),
                          AT_FDCWD,
                          QFile::encodeName(dir + QStringLiteral("/other")).constData(),
                          RENAME_EXCHANGE);
            }
        });
        int mounted = 0;
        int refused = 0;
        for (int i = 0; i < 20; ++i) {
            auto attempt = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), dir + QStringLiteral("/src"), mnt});
            if (attempt.exitCode == 0) {
                ++mounted;
                auto listing = runAs(QStringLiteral("tester"), QStringLiteral("/bin/ls"), {QStringLiteral("-a"), mnt});
                QVERIFY2(!listing.out.contains("secret.txt"), "the secret folder was mirrored");
                QVERIFY2(listing.out.contains("hello.txt"), QByteArray(listing.out + listing.err).constData());
                QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all"), QStringLiteral("--force")}).exitCode, 0);
            } else {
                ++refused;
                QVERIFY2(attempt.exitCode > 2 && attempt.exitCode < 64, attempt.err.constData());
            }
        }
        qInfo("source swap: %d swaps, %d mounted on tester's folder, %d refused", swaps.load(), mounted, refused);
        QVERIFY(swaps > 0);
        QVERIFY2(mirrorCount() == 0, mirrorList().constData());
    }
};

QTEST_GUILESS_MAIN(HelperAdminTest)
#include "helperadmintest.moc"
