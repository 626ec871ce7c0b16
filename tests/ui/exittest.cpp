// SPDX-License-Identifier: GPL-2.0-or-later
// The real passmirror on the fixture's X server (xcb), ended the way a
// session (SIGTERM) or a terminal (SIGINT, Ctrl-C) ends it: it quits its
// event loop and exits with 0, and its stderr has none of the lines of a
// rough end (the X connection lost under it, threads outliving Qt's
// statics, objects destroyed out of order). Its window first maps at a
// size that suits the screen, with no window manager to fit it.
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace
{
// xwininfo's answer for a window, or for the root window when `name` is empty.
QString windowInfo(const QString &name)
{
    QProcess xwininfo;
    xwininfo.start(u"xwininfo"_s, name.isEmpty() ? QStringList{u"-root"_s} : QStringList{u"-name"_s, name});
    if (!xwininfo.waitForFinished(5000) || xwininfo.exitCode() != 0) {
        return {};
    }
    return QString::fromUtf8(xwininfo.readAllStandardOutput());
}

int field(const QString &info, const QString &label)
{
    const QRegularExpression pattern(u"^\\s*"_s + QRegularExpression::escape(label) + u":\\s*(-?\\d+)\\s*$"_s, QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = pattern.match(info);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}
} // namespace

class ExitTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("PASSMIRROR_APP").isEmpty());
        QVERIFY2(!qEnvironmentVariable("DISPLAY").isEmpty(), "the desktop-services fixture's X server");
        QVERIFY2(!windowInfo(QString()).isEmpty(), "xwininfo (x11-utils) reaches the X server");
    }

    void shouldQuitCleanlyOnSignal_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << SIGTERM;
        QTest::newRow("SIGINT") << SIGINT;
    }

    void shouldQuitCleanlyOnSignal()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QVERIFY(QDir(home.path()).mkpath(u"runtime"_s));
        QFile::setPermissions(home.filePath(u"runtime"_s), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"HOME"_s, home.path());
        environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
        environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
        environment.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"runtime"_s));
        environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        environment.insert(u"LANG"_s, u"C.UTF-8"_s);
        environment.remove(u"QT_LOGGING_RULES"_s);
        QProcess app;
        app.setProcessEnvironment(environment);
        app.start(qEnvironmentVariable("PASSMIRROR_APP"), {});
        QVERIFY2(app.waitForStarted(), qPrintable(app.errorString()));
        const auto stop = qScopeGuard([&app]() {
            if (app.state() != QProcess::NotRunning) {
                app.kill();
                app.waitForFinished();
            }
        });

        // Mapped, at a size that suits the screen.
        QString info;
        QDeadlineTimer deadline(10000);
        while (!(info = windowInfo(u"PassMirror"_s)).contains(u"IsViewable"_s) && !deadline.hasExpired() && app.state() == QProcess::Running) {
            QTest::qWait(50);
        }
        QVERIFY2(info.contains(u"IsViewable"_s),
                 qPrintable(u"no window mapped; the app is %1; stderr:\n"_s.arg(app.state() == QProcess::Running ? u"running"_s : u"gone"_s)
                            + QString::fromLocal8Bit(app.readAllStandardError())));
        const QString screen = windowInfo(QString());
        const int x = field(info, u"Absolute upper-left X"_s);
        const int y = field(info, u"Absolute upper-left Y"_s);
        const int width = field(info, u"Width"_s);
        const int height = field(info, u"Height"_s);
        qInfo("window %dx%d at %d,%d on a %dx%d screen", width, height, x, y, field(screen, u"Width"_s), field(screen, u"Height"_s));
        QVERIFY2(width >= 800 && height >= 500, qPrintable(info));
        QVERIFY2(x >= 0 && y >= 0 && x + width <= field(screen, u"Width"_s) && y + height <= field(screen, u"Height"_s), qPrintable(info));

        QCOMPARE(::kill(static_cast<pid_t>(app.processId()), signalNumber), 0);
        QVERIFY(app.waitForFinished(10000));
        const QString errors = QString::fromLocal8Bit(app.readAllStandardError());
        if (!errors.isEmpty()) {
            qInfo("stderr:\n%s", qPrintable(errors));
        }
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        for (const QString &rough : {u"QThreadStorage"_s, u"X11 connection broke"_s, u"QObject::"_s, u"Session terminated"_s, u"QThread:"_s}) {
            QVERIFY2(!errors.contains(rough), qPrintable(errors));
        }
        QVERIFY(windowInfo(u"PassMirror"_s).isEmpty()); // no window left behind
    }
};

QTEST_GUILESS_MAIN(ExitTest)
#include "exittest.moc"
