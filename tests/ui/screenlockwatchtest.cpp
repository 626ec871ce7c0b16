// SPDX-License-Identifier: GPL-2.0-or-later
// ScreenLockWatch on the fixture's private system and session buses (real
// dbus-daemon), against passmirror-test-sessionservices: logind and the
// screen saver with their real names, paths and interfaces.
#include "screenlockwatch.h"
#include "sessionservicesprocess.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
constexpr auto OtherSessionPath = "/org/freedesktop/login1/session/_32"_L1;

QDBusConnection systemBus()
{
    return QDBusConnection::systemBus();
}
QDBusConnection sessionBus()
{
    return QDBusConnection::sessionBus();
}

void settleBoth()
{
    SessionServicesProcess::settle(systemBus());
    SessionServicesProcess::settle(sessionBus());
}
} // namespace

// Fails the test with the service's words when a command fails.
#define COMMAND(services, line) QVERIFY2((services).command(line), qPrintable((services).error()))
#define START(services) QVERIFY2((services).start(), qPrintable((services).error()))

class ScreenLockWatchTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(systemBus().isConnected(), "no system bus (the desktop-services fixture)");
        QVERIFY2(sessionBus().isConnected(), "no session bus (the desktop-services fixture)");
    }

    void init()
    {
        qputenv("XDG_SESSION_ID", "1");
    }

    // logind Lock, then the locker's own reports of the same lock
    // (ActiveChanged(true) at both paths, LockedHint true): one locked().
    // Unlock, then the locker's reports of the unlock: one unlocked().
    void shouldEmitOnceForEachTransition_data()
    {
        QTest::addColumn<QByteArray>("sessionId");
        QTest::newRow("GetSession(XDG_SESSION_ID)") << QByteArray("1");
        QTest::newRow("GetSessionByPID, no XDG_SESSION_ID") << QByteArray();
        QTest::newRow("GetSessionByPID, unknown XDG_SESSION_ID") << QByteArray("7");
    }
    void shouldEmitOnceForEachTransition()
    {
        QFETCH(QByteArray, sessionId);
        if (sessionId.isEmpty()) {
            qunsetenv("XDG_SESSION_ID");
        } else {
            qputenv("XDG_SESSION_ID", sessionId);
        }
        SessionServicesProcess services;
        START(services);
        ScreenLockWatch watch(systemBus(), sessionBus());
        QSignalSpy locked(&watch, &ScreenLockWatch::locked);
        QSignalSpy unlocked(&watch, &ScreenLockWatch::unlocked);
        watch.start();
        COMMAND(services, u"wait-lockedhint-read"_s);
        COMMAND(services, u"wait-getactive"_s);
        settleBoth();
        QVERIFY(!watch.isLocked());
        QCOMPARE(locked.count(), 0);

        COMMAND(services, u"lock-logind"_s);
        QTRY_COMPARE(locked.count(), 1);
        QVERIFY(watch.isLocked());

        COMMAND(services, u"screensaver on"_s);
        COMMAND(services, u"locked-hint true"_s);
        settleBoth();
        QCOMPARE(locked.count(), 1);
        QCOMPARE(unlocked.count(), 0);
        QVERIFY(watch.isLocked());

        COMMAND(services, u"unlock-logind"_s);
        QTRY_COMPARE(unlocked.count(), 1);
        QVERIFY(!watch.isLocked());

        COMMAND(services, u"screensaver off"_s);
        COMMAND(services, u"locked-hint false"_s);
        settleBoth();
        QCOMPARE(unlocked.count(), 1);
        QCOMPARE(locked.count(), 1);
        QVERIFY(!watch.isLocked());
    }

    // Plasma after `loginctl lock-session`: logind's Lock request, the
    // locker's ActiveChanged(true); the person types the password and only
    // ActiveChanged(false) follows, no logind Unlock. Then a lock from the
    // screen saver alone (Ctrl+Alt+L) counts again.
    void shouldEndLockWhenScreenSaverEndsIt()
    {
        SessionServicesProcess services;
        START(services);
        ScreenLockWatch watch(systemBus(), sessionBus());
        QSignalSpy locked(&watch, &ScreenLockWatch::locked);
        QSignalSpy unlocked(&watch, &ScreenLockWatch::unlocked);
        watch.start();
        COMMAND(services, u"wait-lockedhint-read"_s);
        COMMAND(services, u"wait-getactive"_s);

        COMMAND(services, u"lock-logind"_s);
        QTRY_COMPARE(locked.count(), 1);
        COMMAND(services, u"screensaver on"_s);
        COMMAND(services, u"screensaver off"_s);
        QTRY_COMPARE(unlocked.count(), 1);
        // Both "on" came before the "off" from the same sender.
        QCOMPARE(locked.count(), 1);
        QVERIFY(!watch.isLocked());

        COMMAND(services, u"screensaver on"_s);
        QTRY_COMPARE(locked.count(), 2);
        QVERIFY(watch.isLocked());
    }

    // Another session's Lock: ignored. The Unlock of ours that follows it
    // therefore changes nothing, and our Lock then is the first locked().
    void shouldIgnoreAnotherSessionsLock()
    {
        SessionServicesProcess services;
        START(services);
        QCOMPARE(services.sessionPath(), u"/org/freedesktop/login1/session/_31"_s);
        ScreenLockWatch watch(systemBus(), sessionBus());
        QSignalSpy locked(&watch, &ScreenLockWatch::locked);
        QSignalSpy unlocked(&watch, &ScreenLockWatch::unlocked);
        watch.start();
        COMMAND(services, u"wait-lockedhint-read"_s);

        COMMAND(services, u"lock-logind "_s + OtherSessionPath);
        COMMAND(services, u"unlock-logind"_s);
        COMMAND(services, u"lock-logind"_s);
        QTRY_COMPARE(locked.count(), 1);
        QCOMPARE(unlocked.count(), 0);
        QVERIFY(watch.isLocked());
    }

    // A Lock on our session's path that logind did not send (any client of
    // the system bus may emit signals): ignored.
    void shouldIgnoreLockFromAnotherSender()
    {
        SessionServicesProcess services;
        START(services);
        ScreenLockWatch watch(systemBus(), sessionBus());
        QSignalSpy locked(&watch, &ScreenLockWatch::locked);
        watch.start();
        COMMAND(services, u"wait-lockedhint-read"_s);

        QVERIFY(systemBus().send(QDBusMessage::createSignal(services.sessionPath(), u"org.freedesktop.login1.Session"_s, u"Lock"_s)));
        SessionServicesProcess::settle(systemBus());
        QCOMPARE(locked.count(), 0);
        QVERIFY(!watch.isLocked());

        COMMAND(services, u"lock-logind"_s);
        QTRY_COMPARE(locked.count(), 1);
    }

    // A window started while the screen is locked knows it: locked() once,
    // isLocked(), from either source's answer.
    void shouldKnowLockAtStart_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("expectLocked");
        QTest::newRow("LockedHint true") << QStringList{u"--locked-hint"_s} << true;
        QTest::newRow("screen saver active") << QStringList{u"--screensaver-active"_s} << true;
        QTest::newRow("both") << QStringList{u"--locked-hint"_s, u"--screensaver-active"_s} << true;
        QTest::newRow("neither") << QStringList() << false;
    }
    void shouldKnowLockAtStart()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, expectLocked);
        SessionServicesProcess services(arguments);
        START(services);
        ScreenLockWatch watch(systemBus(), sessionBus());
        QSignalSpy locked(&watch, &ScreenLockWatch::locked);
        QSignalSpy unlocked(&watch, &ScreenLockWatch::unlocked);
        QVERIFY(!watch.isLocked());
        watch.start();
        // "ok" once the answers went through the buses; settle delivers them.
        COMMAND(services, u"wait-lockedhint-read"_s);
        COMMAND(services, u"wait-getactive"_s);
        settleBoth();
        QCOMPARE(watch.isLocked(), expectLocked);
        QCOMPARE(locked.count(), expectLocked ? 1 : 0);
        QCOMPARE(unlocked.count(), 0);
    }

    // The screen saver alone: without logind on the bus, with logind but no
    // session for this process, and through KDE's other path.
    void shouldWatchScreenSaverAlone_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("path");
        QTest::newRow("no logind service") << QStringList{u"--no-logind"_s} << QString();
        QTest::newRow("no logind session") << QStringList{u"--no-session"_s} << QString();
        QTest::newRow("/org/freedesktop/ScreenSaver only") << QStringList{u"--no-logind"_s} << u"/org/freedesktop/ScreenSaver"_s;
        QTest::newRow("/ScreenSaver only") << QStringList{u"--no-logind"_s} << u"/ScreenSaver"_s;
    }
    void shouldWatchScreenSaverAlone()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, path);
        SessionServicesProcess services(arguments);
        START(services);
        ScreenLockWatch watch(systemBus(), sessionBus());
        QSignalSpy locked(&watch, &ScreenLockWatch::locked);
        QSignalSpy unlocked(&watch, &ScreenLockWatch::unlocked);
        watch.start();
        COMMAND(services, u"wait-getactive"_s);

        COMMAND(services, QString(u"screensaver on "_s + path).trimmed());
        QTRY_COMPARE(locked.count(), 1);
        QVERIFY(watch.isLocked());
        COMMAND(services, QString(u"screensaver off "_s + path).trimmed());
        QTRY_COMPARE(unlocked.count(), 1);
        QVERIFY(!watch.isLocked());
        QCOMPARE(locked.count(), 1);
    }

    // GNOME: no org.freedesktop.ScreenSaver; the shell sets LockedHint, and
    // unlocking by password sends no logind Unlock.
    void shouldFollowLockedHintAlone()
    {
        SessionServicesProcess services({u"--no-screensaver"_s});
        START(services);
        ScreenLockWatch watch(systemBus(), sessionBus());
        QSignalSpy locked(&watch, &ScreenLockWatch::locked);
        QSignalSpy unlocked(&watch, &ScreenLockWatch::unlocked);
        watch.start();
        COMMAND(services, u"wait-lockedhint-read"_s);

        COMMAND(services, u"locked-hint true"_s);
        QTRY_COMPARE(locked.count(), 1);
        QVERIFY(watch.isLocked());
        COMMAND(services, u"locked-hint false"_s);
        QTRY_COMPARE(unlocked.count(), 1);
        QVERIFY(!watch.isLocked());
    }

    // A user switch: logind's Active of this session, at start and as it
    // changes; neither a lock nor an unlock.
    void shouldFollowWhetherTheSessionIsInFront()
    {
        SessionServicesProcess services;
        START(services);
        COMMAND(services, u"active false"_s);
        ScreenLockWatch watch(systemBus(), sessionBus());
        QSignalSpy active(&watch, &ScreenLockWatch::sessionActiveChanged);
        QSignalSpy locked(&watch, &ScreenLockWatch::locked);
        QVERIFY(watch.isSessionActive()); // until logind says otherwise
        watch.start();
        COMMAND(services, u"wait-lockedhint-read"_s);
        QTRY_COMPARE(active.count(), 1);
        QCOMPARE(active.at(0).at(0).toBool(), false);
        QVERIFY(!watch.isSessionActive());

        COMMAND(services, u"active true"_s);
        QTRY_COMPARE(active.count(), 2);
        QCOMPARE(active.at(1).at(0).toBool(), true);
        QVERIFY(watch.isSessionActive());
        // The same again is no change.
        COMMAND(services, u"active true"_s);
        settleBoth();
        QCOMPARE(active.count(), 2);
        QCOMPARE(locked.count(), 0);
    }
};

QTEST_GUILESS_MAIN(ScreenLockWatchTest)
#include "screenlockwatchtest.moc"
