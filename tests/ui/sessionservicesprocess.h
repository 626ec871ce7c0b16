// SPDX-License-Identifier: GPL-2.0-or-later
// Starts passmirror-test-sessionservices (logind on the system bus, the
// screen saver on the session bus; see tests/ui/sessionservices.cpp) from a
// QTest and sends it commands. The test needs the desktop-services fixture
// (passmirror_add_session_test) and PASSMIRROR_SESSIONSERVICES set to
// $<TARGET_FILE:passmirror-test-sessionservices> in its environment:
//
//   SessionServicesProcess services({u"--locked-hint"_s});
//   QVERIFY2(services.start(), qPrintable(services.error()));
//   ScreenLockWatch watch; // or the window that holds one
//   watch.start();
//   QVERIFY2(services.command(u"wait-lockedhint-read"_s), qPrintable(services.error()));
//   QVERIFY2(services.command(u"lock-logind"_s), qPrintable(services.error()));
//
// start() returns once the names are owned; command() once the service
// answered "ok" (for a signal: once the bus daemon has routed it to every
// subscriber); both run the event loop while they wait. The "wait-..." commands tell when a watcher has read the
// state, so it is subscribed by then (it subscribes before it reads).
// settle(bus) makes this process handle what the bus has sent it so far.
// The destructor ends the service and waits until both names are free
// again, so the next test may start its own. The program's own header
// comment lists every option and command.
#pragma once

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QTimer>

namespace PassMirror
{

class SessionServicesProcess
{
public:
    explicit SessionServicesProcess(QStringList arguments = {})
        : m_arguments(std::move(arguments))
    {
    }
    ~SessionServicesProcess()
    {
        stop();
    }
    SessionServicesProcess(const SessionServicesProcess &) = delete;
    SessionServicesProcess &operator=(const SessionServicesProcess &) = delete;

    static constexpr int TimeoutMs = 15000;

    // Starts the service; false (and error()) unless it said "ready".
    bool start()
    {
        const QString program = qEnvironmentVariable("PASSMIRROR_SESSIONSERVICES");
        if (program.isEmpty()) {
            m_error = QStringLiteral("PASSMIRROR_SESSIONSERVICES is not set");
            return false;
        }
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(program, m_arguments);
        m_started = true;
        if (!m_process.waitForStarted(TimeoutMs)) {
            m_error = QStringLiteral("cannot start %1: %2").arg(program, m_process.errorString());
            return false;
        }
        const QString ready = readLine();
        if (!ready.startsWith(QLatin1String("ready "))) {
            m_error = QStringLiteral("the session services did not start: %1").arg(ready.isEmpty() ? m_error : ready);
            return false;
        }
        m_sessionPath = ready.mid(6);
        return true;
    }

    // One command (see sessionservices.cpp); true once it answered "ok".
    bool command(const QString &line)
    {
        if (m_process.state() != QProcess::Running) {
            m_error = QStringLiteral("the session services are not running");
            return false;
        }
        m_process.write(line.toUtf8() + '\n');
        const QString answer = readLine();
        if (answer != QLatin1String("ok")) {
            m_error = QStringLiteral("%1: %2").arg(line, answer.isEmpty() ? m_error : answer);
            return false;
        }
        return true;
    }

    // The logind session object's path ("-" with --no-logind).
    [[nodiscard]] QString sessionPath() const
    {
        return m_sessionPath;
    }
    [[nodiscard]] QString error() const
    {
        return m_error;
    }

    // Ends the service (end of input, then SIGKILL after the timeout) and
    // waits until the bus daemons have released its names.
    void stop()
    {
        if (!m_started) {
            return;
        }
        m_started = false;
        if (m_process.state() != QProcess::NotRunning) {
            m_process.closeWriteChannel();
            if (!m_process.waitForFinished(TimeoutMs)) {
                m_process.kill();
                m_process.waitForFinished(TimeoutMs);
            }
        }
        waitUntilFree(QDBusConnection::systemBus(), QStringLiteral("org.freedesktop.login1"));
        waitUntilFree(QDBusConnection::sessionBus(), QStringLiteral("org.freedesktop.ScreenSaver"));
    }

    // One round trip to the bus daemon, then this thread's posted events:
    // every signal the bus routed to this process before the round trip has
    // reached its slot afterwards (Qt D-Bus handles a connection's messages
    // in order and posts signal deliveries before it wakes the caller).
    static void settle(const QDBusConnection &bus)
    {
        (void)bus.interface()->serviceOwner(bus.baseService());
        QCoreApplication::processEvents();
    }

private:
    QString readLine()
    {
        const QDeadlineTimer deadline(TimeoutMs);
        while (!m_process.canReadLine()) {
            if (m_process.state() != QProcess::Running && m_process.bytesAvailable() == 0) {
                m_error = QStringLiteral("the session services exited (status %1)").arg(m_process.exitCode());
                return {};
            }
            if (deadline.hasExpired()) {
                m_error = QStringLiteral("no answer from the session services in %1 ms").arg(TimeoutMs);
                return {};
            }
            // The event loop runs meanwhile: the code under test answers
            // D-Bus replies and signals while the service works.
            QEventLoop loop;
            QObject::connect(&m_process, &QProcess::readyReadStandardOutput, &loop, &QEventLoop::quit);
            QObject::connect(&m_process, &QProcess::finished, &loop, &QEventLoop::quit);
            QTimer::singleShot(static_cast<int>(qMax<qint64>(1, deadline.remainingTime())), &loop, &QEventLoop::quit);
            loop.exec();
        }
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }

    static void waitUntilFree(const QDBusConnection &bus, const QString &name)
    {
        if (!bus.isConnected()) {
            return;
        }
        const QDeadlineTimer deadline(TimeoutMs);
        while (bus.interface()->isServiceRegistered(name).value() && !deadline.hasExpired()) {
            QThread::msleep(10);
        }
    }

    QStringList m_arguments;
    QProcess m_process;
    bool m_started = false;
    QString m_sessionPath;
    QString m_error;
};

} // namespace PassMirror
