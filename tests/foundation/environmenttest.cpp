// SPDX-License-Identifier: GPL-2.0-or-later
// Proves the test environment is real: a system bus with polkitd that
// authorises root and asks tester to authenticate, a session bus, and an X
// display that really draws. Every other test that needs one of these relies
// on this test failing loudly when it is missing.

#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QProcess>
#include <QScreen>
#include <QTest>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace
{
// An action every polkit installation ships, with auth_admin for everyone who
// is not root: the answer depends only on who asks.
const auto ProbeAction = u"org.freedesktop.policykit.exec"_s;

struct CheckResult {
    int exitCode = -1;
    QString output;
};

// Asks polkitd about the pkcheck process itself, run as `user`.
CheckResult pkcheckAs(const QString &user)
{
    const QString script = u"exec pkcheck --action-id %1 --process $$"_s.arg(ProbeAction);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    if (user == u"root") {
        process.start(u"sh"_s, {u"-c"_s, script});
    } else {
        process.start(u"runuser"_s, {u"-u"_s, user, u"--"_s, u"sh"_s, u"-c"_s, script});
    }
    if (!process.waitForFinished(20000)) {
        return {};
    }
    return {process.exitCode(), QString::fromLocal8Bit(process.readAll())};
}
} // namespace

class EnvironmentTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReachPrivateSystemBus()
    {
        QVERIFY2(qEnvironmentVariableIsSet("DBUS_SYSTEM_BUS_ADDRESS"), "the system bus fixture did not run");
        auto bus = QDBusConnection::systemBus();
        QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
        QVERIFY(bus.interface()->isServiceRegistered(u"org.freedesktop.PolicyKit1"_s).value());
    }

    void shouldJudgeCallersWithPolkit_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("answer");
        QTest::newRow("root is authorised") << u"root"_s << 0 << QString();
        QTest::newRow("tester must authenticate") << u"tester"_s << 2 << u"requires authentication"_s;
    }

    void shouldJudgeCallersWithPolkit()
    {
        QFETCH(QString, user);
        QFETCH(int, exitCode);
        QFETCH(QString, answer);
        const auto result = pkcheckAs(user);
        QVERIFY2(result.exitCode == exitCode, qPrintable(u"pkcheck as %1 gave %2: %3"_s.arg(user).arg(result.exitCode).arg(result.output)));
        QVERIFY2(result.output.contains(answer, Qt::CaseInsensitive), qPrintable(result.output));
    }

    void shouldReachSessionBus()
    {
        auto bus = QDBusConnection::sessionBus();
        QVERIFY2(bus.isConnected(), qPrintable(bus.lastError().message()));
        const auto name = u"org.passmirror.EnvironmentTest"_s;
        QVERIFY(bus.registerService(name));
        QVERIFY(bus.interface()->isServiceRegistered(name).value());
        QVERIFY(bus.unregisterService(name));
    }

    void shouldDrawOnTheDisplay()
    {
        QCOMPARE(QGuiApplication::platformName(), u"xcb"_s);
        QWidget window;
        window.setObjectName(u"probeWindow"_s);
        window.setAutoFillBackground(true);
        QPalette palette = window.palette();
        palette.setColor(QPalette::Window, QColor(200, 30, 40));
        window.setPalette(palette);
        window.setGeometry(100, 100, 200, 120);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Grab the X server's root window, not the widget: this is what a
        // screenshot of the display shows, so it proves the server draws.
        QImage screen;
        QTRY_VERIFY_WITH_TIMEOUT(
            (screen = QGuiApplication::primaryScreen()->grabWindow(0).toImage(), screen.pixelColor(window.geometry().center()) == QColor(200, 30, 40)),
            5000);
    }
};

QTEST_MAIN(EnvironmentTest)
#include "environmenttest.moc"
