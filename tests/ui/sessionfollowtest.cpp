// SPDX-License-Identifier: GPL-2.0-or-later
// The window follows the session, with real parts: the real helper on the
// private system bus mounts, a notification server on the session bus hears
// what the person would, and the "drive" is a real tmpfs mounted at
// /media/tester/USB the way udisks mounts a USB stick (and detached lazily,
// the way udisks cleans up after a stick was pulled out).
//   - "mount when available": the row and the tray wait for the drive, the
//     mirror mounts when it appears, unmounts when it goes, and mounts again
//     when it is back; unmounted by hand, it stays so while the drive stays;
//     a program in the mirror when the drive goes: the notification names it;
//   - "unmount after N minutes without activity": a mirror in use stays, the
//     same mirror left alone is unmounted after the time set (the follower's
//     minute is shortened to a second);
//   - a source on a share that does not answer (below a mirror whose FUSE
//     server is stopped): the window stays responsive and says so;
//   - "unmount when the screen locks" / "mount again on unlock": logind's
//     Lock and Unlock and the screen saver's ActiveChanged, sent by a test
//     service that owns org.freedesktop.login1 on the private system bus and
//     org.freedesktop.ScreenSaver on the session bus.
// Runs as root (only root mounts a tmpfs); the mirrors are root's own.
#include "application.h"
#include "mainwindow.h"
#include "mirrorconfig.h"
#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "mountinfo.h"
#include "notificationserver.h"
#include "sessionfollower.h"
#include "sessionservicesprocess.h"
#include "trayicon.h"
#include "windowtestsession.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <sys/mount.h>
#include <unistd.h>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
const QString Base = QStringLiteral("/tmp/passmirror-follow-%1").arg(getpid());
const QString Media = QStringLiteral("/media/tester");
const QString Drive = QStringLiteral("/media/tester/USB");

bool mirrorAt(const QString &path)
{
    const auto mount = mountAt(readMountInfo(), QFile::encodeName(path));
    return mount && mount->isMirror();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What udisks does when a stick is plugged in: a folder named after its
// label under /media/USER, the filesystem mounted on it.
bool plugInDrive()
{
    if (!QDir().mkpath(Drive) || ::mount("pm-usb", QFile::encodeName(Drive).constData(), "tmpfs", MS_NOSUID | MS_NODEV, "size=8m,mode=0755") != 0) {
        return false;
    }
    return QDir().mkpath(Drive + u"/photos"_s) && writeFile(Drive + u"/photos/beach.txt"_s, "sand\n");
}

// A stick pulled out: udisks detaches the filesystem lazily (programs that
// hold it keep it until they let go) and removes the folder.
bool pullOutDrive()
{
    if (::umount2(QFile::encodeName(Drive).constData(), MNT_DETACH) != 0) {
        return false;
    }
    return QDir().rmdir(Drive);
}
} // namespace

class SessionFollowTest : public QObject
{
    Q_OBJECT

    NotificationServer m_notifications;
    bool m_madeMedia = false;

    [[nodiscard]] static QString path(const QString &relative)
    {
        return Base + QLatin1Char('/') + relative;
    }

    static MirrorConfig usbMirror()
    {
        MirrorConfig config;
        config.name = u"usb photos"_s;
        config.source = Drive + u"/photos"_s;
        config.mountPoint = path(u"usb"_s);
        config.mountWhenAvailable = true;
        return config;
    }

    static void unmountEverything()
    {
        for (const QString &name : {u"usb"_s, u"idle"_s, u"locked"_s, u"unlocked"_s, u"stays"_s, u"hang"_s}) {
            if (mirrorAt(path(name))) {
                QProcess::execute(qEnvironmentVariable("PASSMIRRORCTL"), {u"unmount"_s, u"--force"_s, path(name)});
            }
        }
        if (mountAt(readMountInfo(), QFile::encodeName(Drive))) {
            ::umount2(QFile::encodeName(Drive).constData(), MNT_DETACH);
        }
        QDir().rmdir(Drive);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root");
        QVERIFY2(m_notifications.start(), "org.freedesktop.Notifications is taken on the test's session bus");
        QVERIFY2(!mountAt(readMountInfo(), QFile::encodeName(Drive)), "something is mounted at /media/tester/USB already");
        m_madeMedia = !QFileInfo::exists(Media);
        QVERIFY(QDir().mkpath(Media));
        for (const QString &name : {u"usb"_s, u"idle"_s, u"src"_s, u"locked"_s, u"unlocked"_s, u"stays"_s, u"hang"_s}) {
            QVERIFY(QDir().mkpath(path(name)));
        }
        QVERIFY(writeFile(path(u"src/notes.txt"_s), "notes\n"));
    }

    void init()
    {
        QFile::remove(MirrorStore::defaultPath());
    }

    void cleanup()
    {
        unmountEverything();
    }

    void cleanupTestCase()
    {
        unmountEverything();
        if (m_madeMedia) {
            QDir().rmdir(Media);
        }
    }

    void shouldWaitForTheDriveMountWhenItAppearsAndUnmountWhenItGoes()
    {
        Application app(Application::Options{});
        app.start(false, false);
        MirrorController *controller = app.controller();
        MirrorListModel *model = app.model();
        const int row = controller->addMirror(usbMirror());

        // No drive: the row and the tray say what it waits for; nothing is mounted.
        QTRY_COMPARE(model->state(row), MirrorListModel::State::Waiting);
        QCOMPARE(model->index(row, MirrorListModel::StateColumn).data().toString(), u"Waiting for /media/tester/USB"_s);
        QVERIFY(app.tray()->toolTipText().contains(u"usb photos: waiting for /media/tester/USB"_s));
        QTest::qWait(300);
        QVERIFY(!mirrorAt(path(u"usb"_s)));

        // The drive comes: mounted, the drive's files through the mirror.
        QElapsedTimer sinceEvent;
        sinceEvent.start();
        QVERIFY(plugInDrive());
        QTRY_VERIFY_WITH_TIMEOUT(mirrorAt(path(u"usb"_s)), 30000);
        qInfo("figure: drive mounted -> mirror mounted in %lld ms (helper, polkit, passmirrord included)", sinceEvent.elapsed());
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Mounted, 10000);
        QCOMPARE(readFile(path(u"usb/beach.txt"_s)), QByteArray("sand\n"));
        QTRY_VERIFY(m_notifications.bodies().contains(u"\"usb photos\" is mounted at %1."_s.arg(path(u"usb"_s))));
        QVERIFY(!app.tray()->toolTipText().contains(u"waiting"_s));

        // The drive goes: unmounted, told why, waiting again.
        sinceEvent.restart();
        QVERIFY(pullOutDrive());
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(path(u"usb"_s)), 30000);
        qInfo("figure: drive detached -> mirror unmounted in %lld ms", sinceEvent.elapsed());
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Waiting, 10000);
        QTRY_VERIFY(m_notifications.bodies().contains(u"\"usb photos\" is being unmounted: /media/tester/USB went away."_s));

        // Back again: mounted again.
        QVERIFY(plugInDrive());
        QTRY_VERIFY_WITH_TIMEOUT(mirrorAt(path(u"usb"_s)), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Mounted, 10000);

        // Unmounted by hand while the drive is there: it stays unmounted,
        // also when the mount table changes again.
        controller->unmount(row);
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(path(u"usb"_s)), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Stopped, 10000);
        QVERIFY(QDir().mkpath(Drive + u"/other"_s));
        QCOMPARE(::mount("pm-other", QFile::encodeName(Drive + u"/other"_s).constData(), "tmpfs", 0, "size=1m"), 0);
        QTest::qWait(500);
        ::umount2(QFile::encodeName(Drive + u"/other"_s).constData(), MNT_DETACH);
        QVERIFY(!mirrorAt(path(u"usb"_s)));
        QCOMPARE(model->state(row), MirrorListModel::State::Stopped);

        // Saved with the mirror.
        const QList<MirrorConfig> saved = MirrorStore().load();
        QCOMPARE(saved.size(), 1);
        QVERIFY(saved.first().mountWhenAvailable);
    }

    void shouldNameTheProgramsThatHoldTheMirrorWhenTheDriveGoes()
    {
        Application app(Application::Options{});
        app.start(false, false);
        const int row = app.controller()->addMirror(usbMirror());
        QVERIFY(plugInDrive());
        QTRY_COMPARE_WITH_TIMEOUT(app.model()->state(row), MirrorListModel::State::Mounted, 30000);

        // A program working in the mirror keeps it busy.
        QProcess holder;
        holder.setWorkingDirectory(path(u"usb"_s));
        holder.start(u"sleep"_s, {u"60"_s});
        QVERIFY(holder.waitForStarted());
        const auto stop = qScopeGuard([&holder]() {
            holder.kill();
            holder.waitForFinished();
        });

        // And one that named itself to attack the notification: markup and
        // an escape sequence reach the notification server as text.
        QProcess named;
        named.setWorkingDirectory(path(u"usb"_s));
        named.start(u"sh"_s, {u"-c"_s, u"printf '<b>x</b>\\033[2J' >/proc/$$/comm && echo ready && read line"_s});
        QVERIFY(named.waitForStarted() && named.waitForReadyRead(5000));
        const auto stopNamed = qScopeGuard([&named]() {
            named.kill();
            named.waitForFinished();
        });

        QVERIFY(pullOutDrive());
        const QString told = u"\"usb photos\" is in use and stays mounted. Used by: "_s;
        const QString sleeper = u"sleep (%1)"_s.arg(holder.processId());
        const QString attacker = u"<b>x</b>\\x1b[2J (%1)"_s.arg(named.processId());
        const auto toldBoth = [&]() {
            const QStringList bodies = m_notifications.bodies();
            return std::any_of(bodies.begin(), bodies.end(), [&](const QString &body) {
                return body.startsWith(told) && body.contains(sleeper) && body.contains(attacker);
            });
        };
        QTRY_VERIFY2_WITH_TIMEOUT(toldBoth(), qPrintable(m_notifications.bodies().join(u"\n"_s)), 30000);
        named.kill();
        named.waitForFinished();
        QVERIFY(mirrorAt(path(u"usb"_s)));
        // The session asked, not the person: no "force?" question for it.
        QVERIFY(!app.window()->findChild<QWidget *>(u"busyDialog"_s));

        // The program ends: the mirror of the gone drive is unmounted then
        // (looked at every 5 s), and it waits for the drive again.
        holder.kill();
        holder.waitForFinished();
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(path(u"usb"_s)), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(app.model()->state(row), MirrorListModel::State::Waiting, 10000);
        // Back: a fresh mount of the new drive, not the old one's leftovers.
        QVERIFY(plugInDrive());
        QVERIFY(writeFile(Drive + u"/photos/new.txt"_s, "new drive\n"));
        QTRY_COMPARE_WITH_TIMEOUT(app.model()->state(row), MirrorListModel::State::Mounted, 30000);
        QTRY_COMPARE(readFile(path(u"usb/new.txt"_s)), QByteArray("new drive\n"));
    }

    // The drive pulled and plugged in again while the unmount it caused is
    // still running: mounted again once that unmount is done.
    void shouldMountAgainWhenTheDriveIsBackBeforeTheUnmountEnded()
    {
        Application app(Application::Options{});
        app.start(false, false);
        const int row = app.controller()->addMirror(usbMirror());
        QVERIFY(plugInDrive());
        QTRY_COMPARE_WITH_TIMEOUT(app.model()->state(row), MirrorListModel::State::Mounted, 30000);
        // Plugged in again the moment the row turns Unmounting, from the
        // model's own signal: the helper's answer cannot be handled before
        // this returns, so the drive is surely back while the unmount runs
        // (polling for the state missed that window on a loaded machine).
        bool replugged = false;
        bool replugWorked = false;
        connect(app.model(), &QAbstractItemModel::dataChanged, this, [&]() {
            if (!replugged && app.model()->state(row) == MirrorListModel::State::Unmounting) {
                replugged = true;
                replugWorked = plugInDrive();
            }
        });
        QVERIFY(pullOutDrive());
        QTRY_VERIFY_WITH_TIMEOUT(replugged, 10000);
        QVERIFY(replugWorked);
        QTRY_VERIFY_WITH_TIMEOUT(app.model()->state(row) != MirrorListModel::State::Unmounting, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(app.model()->state(row), MirrorListModel::State::Mounted, 30000);
        QVERIFY(mirrorAt(path(u"usb"_s)));
        QCOMPARE(readFile(path(u"usb/beach.txt"_s)), QByteArray("sand\n"));
    }

    // A source on a share that stopped answering (here: below a mirror whose
    // FUSE server is stopped, so lstat there waits for as long as it is):
    // the window does not freeze with it, its row says so, another mirror
    // still mounts when its drive comes, and once the share answers again
    // the row waits for the folder as usual.
    void shouldStayResponsiveWhileASourceDoesNotAnswer()
    {
        Application app(Application::Options{});
        app.start(false, false);
        MirrorController *controller = app.controller();
        MirrorListModel *model = app.model();
        MirrorConfig share;
        share.name = u"share"_s;
        share.source = path(u"src"_s);
        share.mountPoint = path(u"hang"_s);
        const int shareRow = controller->addMirror(share);
        controller->mount(shareRow);
        QTRY_COMPARE_WITH_TIMEOUT(model->state(shareRow), MirrorListModel::State::Mounted, 30000);
        QTRY_VERIFY(model->snapshot(shareRow) && model->snapshot(shareRow)->daemonPid > 0);
        const pid_t server = static_cast<pid_t>(model->snapshot(shareRow)->daemonPid);
        QCOMPARE(::kill(server, SIGSTOP), 0);
        auto resume = qScopeGuard([server] {
            ::kill(server, SIGCONT);
        });

        MirrorConfig hung;
        hung.name = u"on the hung share"_s;
        hung.source = path(u"hang/never-looked-up"_s);
        hung.mountPoint = path(u"stays"_s);
        hung.mountWhenAvailable = true;
        // How long the event loop is held at most while the source hangs.
        QElapsedTimer sinceTick;
        sinceTick.start();
        qint64 longestHeld = 0;
        QTimer ticks;
        ticks.setInterval(10);
        connect(&ticks, &QTimer::timeout, this, [&] {
            longestHeld = std::max(longestHeld, sinceTick.restart());
        });
        ticks.start();
        const int hungRow = controller->addMirror(hung);
        const int usbRow = controller->addMirror(usbMirror());
        QTRY_COMPARE_WITH_TIMEOUT(model->waitingFor(hungRow), u"%1, which does not answer"_s.arg(hung.source), 10000);
        QCOMPARE(model->state(hungRow), MirrorListModel::State::Waiting);

        // The event loop runs: the drive of another mirror is followed.
        QVERIFY(plugInDrive());
        QTRY_COMPARE_WITH_TIMEOUT(model->state(usbRow), MirrorListModel::State::Mounted, 30000);
        QCOMPARE(model->waitingFor(hungRow), u"%1, which does not answer"_s.arg(hung.source));
        ticks.stop();
        qInfo("figure: the event loop was held at most %lld ms at a time while a source hung (10 ms ticks)", longestHeld);

        // The share answers again: the folder is not there, waited for as usual.
        QCOMPARE(::kill(server, SIGCONT), 0);
        QTRY_COMPARE_WITH_TIMEOUT(model->waitingFor(hungRow), hung.source, 10000);
        QCOMPARE(model->state(hungRow), MirrorListModel::State::Waiting);
        QVERIFY(!mirrorAt(path(u"stays"_s)));
    }

    void shouldUnmountAnIdleMirrorAfterTheTimeSet()
    {
        Application app(Application::Options{});
        app.sessionFollower()->setMinute(std::chrono::milliseconds(1000));
        app.start(false, false);
        MirrorConfig config;
        config.name = u"idle"_s;
        config.source = path(u"src"_s);
        config.mountPoint = path(u"idle"_s);
        config.idleMinutes = 2; // two seconds here: far above any pause of a loaded machine
        const int row = app.controller()->addMirror(config);
        app.controller()->mount(row);
        QTRY_COMPARE_WITH_TIMEOUT(app.model()->state(row), MirrorListModel::State::Mounted, 30000);

        // A program that only sits in it (a shell's working folder) asks
        // nothing, yet it uses the mirror: not idle, and no unmount is tried.
        QProcess sitter;
        sitter.setWorkingDirectory(path(u"idle"_s));
        sitter.start(u"sleep"_s, {u"60"_s});
        QVERIFY(sitter.waitForStarted());
        QTest::qWait(3000);
        QVERIFY(mirrorAt(path(u"idle"_s)));
        QVERIFY(!m_notifications.bodies().contains(u"\"idle\" is being unmounted after 2 minute(s) without activity."_s));

        // In use for three times the idle time: it stays. The worker is at
        // work before the sitter goes, so the mirror is never left alone.
        QProcess worker;
        worker.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        worker.start(
            u"sh"_s,
            {u"-c"_s, u"cat \"$1\" >/dev/null && echo started; while :; do cat \"$1\" >/dev/null; sleep 0.1; done"_s, u"worker"_s, path(u"idle/notes.txt"_s)});
        QVERIFY(worker.waitForStarted());
        QVERIFY(worker.waitForReadyRead(10000));
        sitter.kill();
        sitter.waitForFinished();
        QTest::qWait(3000);
        worker.kill();
        worker.waitForFinished();
        QVERIFY(mirrorAt(path(u"idle"_s)));
        QCOMPARE(app.model()->state(row), MirrorListModel::State::Mounted);

        // Left alone: unmounted about a second later, and the person is told.
        // The last request came up to 0.1 s before the worker ended, and the
        // follower looks every 100 ms: so not before 1.8 s.
        QElapsedTimer quiet;
        quiet.start();
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(path(u"idle"_s)), 15000);
        QVERIFY2(quiet.elapsed() >= 1800, qPrintable(u"unmounted %1 ms after the last request"_s.arg(quiet.elapsed())));
        qInfo("figure: idle time set 2000 ms -> unmounted %lld ms after the worker's end", quiet.elapsed());
        // English has no plural forms of its own here: the source text is shown.
        QTRY_VERIFY(m_notifications.bodies().contains(u"\"idle\" is being unmounted after 2 minute(s) without activity."_s));
        QTRY_COMPARE(app.model()->state(row), MirrorListModel::State::Stopped);
    }

    // The lock comes while a mirror that unmounts on lock is being mounted:
    // it must not stay mounted behind the locked screen.
    void shouldNotLeaveAMirrorMountedWhenTheLockComesDuringItsMount()
    {
        SessionServicesProcess services;
        QVERIFY2(services.start(), qPrintable(services.error()));
        Application app(Application::Options{});
        app.start(false, false);
        QVERIFY2(services.command(u"wait-getactive"_s), qPrintable(services.error()));
        MirrorConfig config;
        config.name = u"locked"_s;
        config.source = path(u"src"_s);
        config.mountPoint = path(u"locked"_s);
        config.unmountOnLock = true;
        const int row = app.controller()->addMirror(config);
        app.controller()->mount(row);
        QCOMPARE(app.model()->state(row), MirrorListModel::State::Mounting);
        QVERIFY2(services.command(u"screensaver on"_s), qPrintable(services.error()));
        QTRY_VERIFY(app.sessionFollower()->isScreenLocked());
        // Mounted by the request, then unmounted for the lock.
        QTRY_COMPARE_WITH_TIMEOUT(app.model()->state(row), MirrorListModel::State::Stopped, 30000);
        QTest::qWait(500);
        QVERIFY(!mirrorAt(path(u"locked"_s)));
        QCOMPARE(app.model()->state(row), MirrorListModel::State::Stopped);
    }

    // After a user switch the session is in the back: its drive's mirror
    // waits until it is in front again (a mount there would want an
    // administrator, and nobody is there to use it).
    void shouldMountOnlyForTheSessionInFront()
    {
        SessionServicesProcess services;
        QVERIFY2(services.start(), qPrintable(services.error()));
        Application app(Application::Options{});
        app.start(false, false);
        QVERIFY2(services.command(u"wait-lockedhint-read"_s), qPrintable(services.error()));
        QVERIFY2(services.command(u"active false"_s), qPrintable(services.error()));
        QTRY_VERIFY(!app.sessionFollower()->isSessionActive());

        const int row = app.controller()->addMirror(usbMirror());
        QVERIFY(plugInDrive());
        QTest::qWait(1000);
        QVERIFY(!mirrorAt(path(u"usb"_s)));
        QCOMPARE(app.model()->state(row), MirrorListModel::State::Stopped);

        QVERIFY2(services.command(u"active true"_s), qPrintable(services.error()));
        QTRY_VERIFY_WITH_TIMEOUT(mirrorAt(path(u"usb"_s)), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(app.model()->state(row), MirrorListModel::State::Mounted, 10000);
    }

    void shouldUnmountOnLockAndMountAgainOnUnlock_data()
    {
        QTest::addColumn<QString>("lock");
        QTest::addColumn<QString>("unlock");
        // The lock as a Plasma session tells it on each bus; logind's
        // Unlock is a request to the locker and ends the lock too.
        QTest::newRow("logind") << u"lock-logind"_s << u"unlock-logind"_s;
        QTest::newRow("screen saver") << u"screensaver on"_s << u"screensaver off"_s;
    }

    void shouldUnmountOnLockAndMountAgainOnUnlock()
    {
        QFETCH(QString, lock);
        QFETCH(QString, unlock);
        SessionServicesProcess services;
        QVERIFY2(services.start(), qPrintable(services.error()));

        Application app(Application::Options{});
        app.start(false, false);
        MirrorController *controller = app.controller();
        MirrorListModel *model = app.model();
        const auto add = [&](const QString &name, bool onLock, bool onUnlock) {
            MirrorConfig config;
            config.name = name;
            config.source = path(u"src"_s);
            config.mountPoint = path(name);
            config.unmountOnLock = onLock;
            config.mountOnUnlock = onUnlock;
            const int row = controller->addMirror(config);
            controller->mount(row);
            return row;
        };
        const int locked = add(u"locked"_s, true, false);
        const int unlocked = add(u"unlocked"_s, true, true);
        const int stays = add(u"stays"_s, false, false);
        for (const int row : {locked, unlocked, stays}) {
            QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Mounted, 30000);
        }
        // The window asked for the state: it listens from then on.
        QVERIFY2(services.command(u"wait-lockedhint-read"_s), qPrintable(services.error()));
        QVERIFY2(services.command(u"wait-getactive"_s), qPrintable(services.error()));

        QElapsedTimer sinceSignal;
        sinceSignal.start();
        QVERIFY2(services.command(lock), qPrintable(services.error()));
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(path(u"locked"_s)) && !mirrorAt(path(u"unlocked"_s)), 30000);
        qInfo("figure: %s -> two mirrors unmounted in %lld ms", qPrintable(lock), sinceSignal.elapsed());
        QTRY_COMPARE_WITH_TIMEOUT(model->state(locked), MirrorListModel::State::Stopped, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(model->state(unlocked), MirrorListModel::State::Stopped, 10000);
        QVERIFY(mirrorAt(path(u"stays"_s)));
        QTRY_VERIFY(m_notifications.bodies().contains(u"\"locked\" is being unmounted because the screen locked."_s));
        QVERIFY(app.sessionFollower()->isScreenLocked());

        sinceSignal.restart();
        QVERIFY2(services.command(unlock), qPrintable(services.error()));
        QTRY_VERIFY_WITH_TIMEOUT(mirrorAt(path(u"unlocked"_s)), 30000);
        qInfo("figure: %s -> mirror mounted again in %lld ms", qPrintable(unlock), sinceSignal.elapsed());
        QTRY_COMPARE_WITH_TIMEOUT(model->state(unlocked), MirrorListModel::State::Mounted, 10000);
        // Only the one marked "mount again on unlock".
        QTest::qWait(500);
        QVERIFY(!mirrorAt(path(u"locked"_s)));
        QCOMPARE(model->state(locked), MirrorListModel::State::Stopped);
        QVERIFY(mirrorAt(path(u"stays"_s)));
        QVERIFY(!app.sessionFollower()->isScreenLocked());
    }
};

int main(int argc, char **argv)
{
    WindowTestSession::useOwnFolders(Base);
    // The session's user: /media/tester is its drives' folder. The test
    // itself is root (only root mounts a tmpfs drive).
    qputenv("USER", "tester");
    const int status = WindowTestSession::run<SessionFollowTest>(argc, argv);
    QDir(Base).removeRecursively();
    return status;
}

#include "sessionfollowtest.moc"
