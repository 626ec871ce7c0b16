// SPDX-License-Identifier: GPL-2.0-or-later
// passmirror-test-sessionservices: logind and a screen saver for tests, with
// the real names, paths and interfaces, on the buses of the environment
// (the desktop-services fixture's private system and session buses):
//
//   system bus   org.freedesktop.login1
//     /org/freedesktop/login1             org.freedesktop.login1.Manager
//       GetSession(s) -> o, GetSessionByPID(u) -> o
//       (errors org.freedesktop.login1.NoSuchSession / .NoSessionForPID)
//     /org/freedesktop/login1/session/_31 org.freedesktop.login1.Session
//       (the session id escaped as logind does: "1" -> "_31")
//       methods Lock(), Unlock(), SetLockedHint(b); signals Lock, Unlock;
//       properties Id, Name, Active, State, Type, Class, CanLock,
//       LockedHint (PropertiesChanged when it changes, as logind's)
//       through org.freedesktop.DBus.Properties Get/GetAll
//   session bus  org.freedesktop.ScreenSaver
//     /org/freedesktop/ScreenSaver and /ScreenSaver  org.freedesktop.ScreenSaver
//       GetActive() -> b, SetActive(b) -> b, Lock(), GetActiveTime() -> u,
//       GetSessionIdleTime() -> u, SimulateUserActivity(),
//       Inhibit(s, s) -> u, UnInhibit(u); signal ActiveChanged(b)
//
// Options:
//   --session-id ID      the session (default 1); GetSession answers only it,
//                        GetSessionByPID answers it for every pid
//   --no-session         logind knows no session (both calls fail)
//   --no-logind          do not own org.freedesktop.login1
//   --no-screensaver     do not own org.freedesktop.ScreenSaver
//   --locked-hint        start with LockedHint true
//   --screensaver-active start with the screen saver active
//
// Prints "ready SESSION_PATH" on stdout once every name is owned (or "error
// WHY" and exits 1: a name already taken). Then reads commands on stdin, one
// a line, and answers each with one line, "ok" or "error WHY". A signal's
// "ok" comes once the bus daemon has routed it (a round trip to the bus
// after the send), so it is in every subscriber's socket by then:
//   lock-logind [PATH]        Session.Lock on our session (or on PATH)
//   unlock-logind [PATH]      Session.Unlock
//   locked-hint true|false    set LockedHint and emit PropertiesChanged
//   active true|false         set Active (a user switch) and emit PropertiesChanged
//   screensaver on|off [PATH] set the active state and emit ActiveChanged at
//                             both paths, as KDE's locker does (or at PATH);
//                             emitted even when the state does not change
//   wait-lockedhint-read      "ok" once a client has read LockedHint
//   wait-getactive            "ok" once a client has called GetActive
//                             (each answers "error timeout" after 10 s)
//   quit                      "ok", then exit
// End of input also ends it, so a test that dies leaves no service behind.
//
// From a QTest: tests/ui/sessionservicesprocess.h starts it and sends the
// commands; the program's path comes from PASSMIRROR_SESSIONSERVICES.
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDBusVariant>
#include <QDBusVirtualObject>
#include <QElapsedTimer>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <functional>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace
{

constexpr auto LogindService = "org.freedesktop.login1"_L1;
constexpr auto LogindPath = "/org/freedesktop/login1"_L1;
constexpr auto ManagerInterface = "org.freedesktop.login1.Manager"_L1;
constexpr auto SessionInterface = "org.freedesktop.login1.Session"_L1;
constexpr auto PropertiesInterface = "org.freedesktop.DBus.Properties"_L1;
constexpr auto ScreenSaverService = "org.freedesktop.ScreenSaver"_L1;
constexpr auto ScreenSaverInterface = "org.freedesktop.ScreenSaver"_L1;
const QStringList ScreenSaverPaths{u"/org/freedesktop/ScreenSaver"_s, u"/ScreenSaver"_s};

void say(const QByteArray &line)
{
    std::fputs(line.constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

// logind's bus_label_escape: letters kept, digits kept except first, every
// other byte as _xx.
QString escapeLabel(const QString &id)
{
    QString escaped;
    const QByteArray bytes = id.toUtf8();
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const char c = bytes[i];
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        if (letter || (digit && i > 0)) {
            escaped += QLatin1Char(c);
        } else {
            escaped += u"_%1"_s.arg(static_cast<uint>(static_cast<uchar>(c)), 2, 16, QLatin1Char('0'));
        }
    }
    return escaped;
}

// After a send, one call to the bus daemon on the same connection: its reply
// means the daemon has handled (routed) everything sent before.
void flushThroughBus(const QDBusConnection &bus)
{
    (void)bus.interface()->serviceOwner(bus.baseService());
}

// Manager and session in one virtual object, so that a method and a signal
// may share a name (Session.Lock is both) and the introspection is exactly
// logind's, for the parts served.
class Logind : public QDBusVirtualObject
{
public:
    Logind(const QDBusConnection &bus, const QString &sessionId, bool hasSession, bool lockedHint)
        : m_bus(bus)
        , m_sessionId(sessionId)
        , m_sessionPath(u"/org/freedesktop/login1/session/"_s + escapeLabel(sessionId))
        , m_hasSession(hasSession)
        , m_lockedHint(lockedHint)
    {
    }

    [[nodiscard]] QString sessionPath() const
    {
        return m_sessionPath;
    }
    [[nodiscard]] bool lockedHintRead() const
    {
        return m_lockedHintRead;
    }
    [[nodiscard]] const QDBusConnection &bus() const
    {
        return m_bus;
    }
    std::function<void()> onRead;

    void emitLock(bool lock, const QString &path)
    {
        m_bus.send(QDBusMessage::createSignal(path, SessionInterface, lock ? u"Lock"_s : u"Unlock"_s));
    }

    // A user switch: the session is no longer in front (or is again).
    void setActive(bool active)
    {
        m_active = active;
        QDBusMessage signal = QDBusMessage::createSignal(m_sessionPath, PropertiesInterface, u"PropertiesChanged"_s);
        signal << QString(SessionInterface) << QVariantMap{{u"Active"_s, active}, {u"State"_s, active ? u"active"_s : u"online"_s}} << QStringList();
        m_bus.send(signal);
    }

    void setLockedHint(bool locked)
    {
        m_lockedHint = locked;
        QDBusMessage signal = QDBusMessage::createSignal(m_sessionPath, PropertiesInterface, u"PropertiesChanged"_s);
        signal << QString(SessionInterface) << QVariantMap{{u"LockedHint"_s, locked}} << QStringList();
        m_bus.send(signal);
    }

    QString introspect(const QString &path) const override
    {
        if (path == LogindPath) {
            return uR"(<interface name="org.freedesktop.login1.Manager">
  <method name="GetSession"><arg name="session_id" type="s" direction="in"/><arg name="object_path" type="o" direction="out"/></method>
  <method name="GetSessionByPID"><arg name="pid" type="u" direction="in"/><arg name="object_path" type="o" direction="out"/></method>
</interface>
)"_s;
        }
        if (path == m_sessionPath && m_hasSession) {
            // Qt adds org.freedesktop.DBus.Properties, Introspectable and Peer.
            return uR"(<interface name="org.freedesktop.login1.Session">
  <property name="Id" type="s" access="read"/>
  <property name="Name" type="s" access="read"/>
  <property name="Type" type="s" access="read"/>
  <property name="Class" type="s" access="read"/>
  <property name="Active" type="b" access="read"/>
  <property name="State" type="s" access="read"/>
  <property name="CanLock" type="b" access="read"/>
  <property name="LockedHint" type="b" access="read"/>
  <method name="Lock"/>
  <method name="Unlock"/>
  <method name="SetLockedHint"><arg name="locked" type="b" direction="in"/></method>
  <signal name="Lock"/>
  <signal name="Unlock"/>
</interface>
)"_s;
        }
        return {};
    }

    bool handleMessage(const QDBusMessage &message, const QDBusConnection &connection) override
    {
        const QString member = message.member();
        const QString interface = message.interface();
        if (message.path() == LogindPath && (interface.isEmpty() || interface == ManagerInterface)) {
            if (member == "GetSession"_L1 && message.signature() == "s"_L1) {
                const QString id = message.arguments().at(0).toString();
                if (!m_hasSession || id != m_sessionId) {
                    connection.send(message.createErrorReply(u"org.freedesktop.login1.NoSuchSession"_s, u"No session '%1' known"_s.arg(id)));
                } else {
                    connection.send(message.createReply(QVariant::fromValue(QDBusObjectPath(m_sessionPath))));
                }
                return true;
            }
            if (member == "GetSessionByPID"_L1 && message.signature() == "u"_L1) {
                const uint pid = message.arguments().at(0).toUInt();
                if (!m_hasSession) {
                    connection.send(
                        message.createErrorReply(u"org.freedesktop.login1.NoSessionForPID"_s, u"PID %1 does not belong to any known session"_s.arg(pid)));
                } else {
                    connection.send(message.createReply(QVariant::fromValue(QDBusObjectPath(m_sessionPath))));
                }
                return true;
            }
            return false;
        }
        if (message.path() != m_sessionPath || !m_hasSession) {
            return false;
        }
        if (interface == PropertiesInterface) {
            return handleProperties(message, connection);
        }
        if (!interface.isEmpty() && interface != SessionInterface) {
            return false;
        }
        if ((member == "Lock"_L1 || member == "Unlock"_L1) && message.signature().isEmpty()) {
            connection.send(message.createReply());
            emitLock(member == "Lock"_L1, m_sessionPath);
            return true;
        }
        if (member == "SetLockedHint"_L1 && message.signature() == "b"_L1) {
            connection.send(message.createReply());
            setLockedHint(message.arguments().at(0).toBool());
            return true;
        }
        return false;
    }

private:
    [[nodiscard]] QVariantMap properties() const
    {
        return {
            {u"Id"_s, m_sessionId},
            {u"Name"_s, u"tester"_s},
            {u"Type"_s, u"x11"_s},
            {u"Class"_s, u"user"_s},
            {u"Active"_s, m_active},
            {u"State"_s, m_active ? u"active"_s : u"online"_s},
            {u"CanLock"_s, true},
            {u"LockedHint"_s, m_lockedHint},
        };
    }

    bool handleProperties(const QDBusMessage &message, const QDBusConnection &connection)
    {
        const QVariantList arguments = message.arguments();
        if (message.member() == "Get"_L1 && message.signature() == "ss"_L1) {
            const QVariantMap all = properties();
            const QString name = arguments.at(1).toString();
            if (arguments.at(0).toString() != SessionInterface || !all.contains(name)) {
                connection.send(message.createErrorReply(QDBusError::UnknownProperty, u"Unknown property %1"_s.arg(name)));
                return true;
            }
            connection.send(message.createReply(QVariant::fromValue(QDBusVariant(all.value(name)))));
            if (name == "LockedHint"_L1) {
                noteRead();
            }
            return true;
        }
        if (message.member() == "GetAll"_L1 && message.signature() == "s"_L1) {
            const bool ours = arguments.at(0).toString() == SessionInterface || arguments.at(0).toString().isEmpty();
            connection.send(message.createReply(ours ? properties() : QVariantMap()));
            if (ours) {
                noteRead();
            }
            return true;
        }
        if (message.member() == "Set"_L1) {
            connection.send(message.createErrorReply(u"org.freedesktop.DBus.Error.PropertyReadOnly"_s, u"Property is read-only"_s));
            return true;
        }
        return false;
    }

    void noteRead()
    {
        m_lockedHintRead = true;
        if (onRead) {
            onRead();
        }
    }

    QDBusConnection m_bus;
    QString m_sessionId;
    QString m_sessionPath;
    bool m_hasSession;
    bool m_lockedHint;
    bool m_active = true;
    bool m_lockedHintRead = false;
};

class ScreenSaver : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.ScreenSaver")
public:
    ScreenSaver(const QDBusConnection &bus, bool active)
        : m_bus(bus)
        , m_active(active)
    {
        m_activeTime.start();
    }

    [[nodiscard]] const QDBusConnection &bus() const
    {
        return m_bus;
    }
    std::function<void()> onGetActive;
    [[nodiscard]] bool getActiveCalled() const
    {
        return m_getActiveCalled;
    }

    void emitActiveChanged(bool active, const QStringList &paths)
    {
        if (active && !m_active) {
            m_activeTime.restart();
        }
        m_active = active;
        for (const QString &path : paths) {
            QDBusMessage signal = QDBusMessage::createSignal(path, ScreenSaverInterface, u"ActiveChanged"_s);
            signal << active;
            m_bus.send(signal);
        }
    }

public Q_SLOTS:
    bool GetActive()
    {
        m_getActiveCalled = true;
        if (onGetActive) {
            onGetActive();
        }
        return m_active;
    }
    bool SetActive(bool active)
    {
        emitActiveChanged(active, ScreenSaverPaths);
        return true;
    }
    void Lock()
    {
        emitActiveChanged(true, ScreenSaverPaths);
    }
    uint GetActiveTime()
    {
        return m_active ? static_cast<uint>(m_activeTime.elapsed() / 1000) : 0;
    }
    uint GetSessionIdleTime()
    {
        return 0;
    }
    void SimulateUserActivity()
    {
    }
    uint Inhibit(const QString &, const QString &)
    {
        return ++m_lastCookie;
    }
    void UnInhibit(uint)
    {
    }

Q_SIGNALS:
    // Declared for the introspection; sent by hand with the path chosen.
    void ActiveChanged(bool active);

private:
    QDBusConnection m_bus;
    bool m_active;
    bool m_getActiveCalled = false;
    uint m_lastCookie = 0;
    QElapsedTimer m_activeTime;
};

// Commands on stdin, one a line.
class Control : public QObject
{
    Q_OBJECT
public:
    Control(Logind *logind, ScreenSaver *screenSaver)
        : m_logind(logind)
        , m_screenSaver(screenSaver)
        , m_notifier(STDIN_FILENO, QSocketNotifier::Read)
    {
        connect(&m_notifier, &QSocketNotifier::activated, this, &Control::readInput);
        // Answered after the D-Bus handler returned, and after the reply
        // to the read went through the bus (answerWaits flushes).
        if (m_logind) {
            m_logind->onRead = [this] {
                QTimer::singleShot(0, this, &Control::answerWaits);
            };
        }
        if (m_screenSaver) {
            m_screenSaver->onGetActive = [this] {
                QTimer::singleShot(0, this, &Control::answerWaits);
            };
        }
    }

private:
    struct Wait {
        std::function<bool()> done;
        quint64 id = 0;
        bool expired = false;
    };

    void readInput()
    {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            m_notifier.setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        m_input.append(buffer, n);
        qsizetype end;
        while ((end = m_input.indexOf('\n')) >= 0) {
            const QString line = QString::fromUtf8(m_input.left(end)).trimmed();
            m_input.remove(0, end + 1);
            if (!line.isEmpty()) {
                run(line.split(u' ', Qt::SkipEmptyParts));
            }
        }
    }

    void run(const QStringList &words)
    {
        const QString &command = words.first();
        const QString argument = words.value(1);
        if (command == "lock-logind"_L1 || command == "unlock-logind"_L1) {
            if (!m_logind) {
                say("error no logind (--no-logind)");
                return;
            }
            m_logind->emitLock(command == "lock-logind"_L1, argument.isEmpty() ? m_logind->sessionPath() : argument);
            flushThroughBus(m_logind->bus());
            say("ok");
        } else if (command == "active"_L1 && (argument == "true"_L1 || argument == "false"_L1)) {
            if (!m_logind) {
                say("error no logind (--no-logind)");
                return;
            }
            m_logind->setActive(argument == "true"_L1);
            flushThroughBus(m_logind->bus());
            say("ok");
        } else if (command == "locked-hint"_L1 && (argument == "true"_L1 || argument == "false"_L1)) {
            if (!m_logind) {
                say("error no logind (--no-logind)");
                return;
            }
            m_logind->setLockedHint(argument == "true"_L1);
            flushThroughBus(m_logind->bus());
            say("ok");
        } else if (command == "screensaver"_L1 && (argument == "on"_L1 || argument == "off"_L1)) {
            if (!m_screenSaver) {
                say("error no screen saver (--no-screensaver)");
                return;
            }
            const QString path = words.value(2);
            m_screenSaver->emitActiveChanged(argument == "on"_L1, path.isEmpty() ? ScreenSaverPaths : QStringList{path});
            flushThroughBus(m_screenSaver->bus());
            say("ok");
        } else if (command == "wait-lockedhint-read"_L1 && m_logind) {
            addWait([logind = m_logind] {
                return logind->lockedHintRead();
            });
        } else if (command == "wait-getactive"_L1 && m_screenSaver) {
            addWait([screenSaver = m_screenSaver] {
                return screenSaver->getActiveCalled();
            });
        } else if (command == "quit"_L1) {
            say("ok");
            QCoreApplication::quit();
        } else {
            say("error unknown command: " + words.join(u' ').toUtf8());
        }
    }

    // Answers come in the order the commands came.
    void addWait(std::function<bool()> done)
    {
        const quint64 id = ++m_lastWait;
        m_waits.append({std::move(done), id});
        answerWaits();
        QTimer::singleShot(10000, this, [this, id] {
            for (Wait &wait : m_waits) {
                if (wait.id == id) {
                    wait.expired = true;
                }
            }
            answerWaits();
        });
    }

    void answerWaits()
    {
        while (!m_waits.isEmpty()) {
            Wait &first = m_waits.first();
            if (first.done()) {
                // The reply to the read is routed before "ok".
                if (m_logind) {
                    flushThroughBus(m_logind->bus());
                }
                if (m_screenSaver) {
                    flushThroughBus(m_screenSaver->bus());
                }
                say("ok");
            } else if (first.expired) {
                say("error timeout");
            } else {
                return;
            }
            m_waits.removeFirst();
        }
    }

    Logind *m_logind;
    ScreenSaver *m_screenSaver;
    QSocketNotifier m_notifier;
    QByteArray m_input;
    QList<Wait> m_waits;
    quint64 m_lastWait = 0;
};

bool own(const QDBusConnection &bus, const QString &name)
{
    const QDBusReply<QDBusConnectionInterface::RegisterServiceReply> reply =
        bus.interface()->registerService(name, QDBusConnectionInterface::DontQueueService, QDBusConnectionInterface::DontAllowReplacement);
    if (!reply.isValid() || reply.value() != QDBusConnectionInterface::ServiceRegistered) {
        say("error cannot own " + name.toUtf8() + ": " + (reply.isValid() ? QByteArray("taken") : reply.error().message().toUtf8()));
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const bool withLogind = !arguments.contains("--no-logind"_L1);
    const bool withScreenSaver = !arguments.contains("--no-screensaver"_L1);
    const qsizetype idAt = arguments.indexOf("--session-id"_L1);
    const QString sessionId = idAt > 0 ? arguments.value(idAt + 1) : u"1"_s;
    if (sessionId.isEmpty()) {
        say("error --session-id needs an id");
        return 2;
    }

    std::unique_ptr<Logind> logind;
    if (withLogind) {
        const QDBusConnection system = QDBusConnection::systemBus();
        if (!system.isConnected()) {
            say("error no system bus: " + system.lastError().message().toUtf8());
            return 1;
        }
        logind = std::make_unique<Logind>(system, sessionId, !arguments.contains("--no-session"_L1), arguments.contains("--locked-hint"_L1));
        if (!QDBusConnection(system).registerVirtualObject(LogindPath, logind.get(), QDBusConnection::SubPath)) {
            say("error cannot register " + QString(LogindPath).toUtf8());
            return 1;
        }
        if (!own(system, LogindService)) {
            return 1;
        }
    }

    std::unique_ptr<ScreenSaver> screenSaver;
    if (withScreenSaver) {
        const QDBusConnection session = QDBusConnection::sessionBus();
        if (!session.isConnected()) {
            say("error no session bus: " + session.lastError().message().toUtf8());
            return 1;
        }
        screenSaver = std::make_unique<ScreenSaver>(session, arguments.contains("--screensaver-active"_L1));
        for (const QString &path : ScreenSaverPaths) {
            if (!QDBusConnection(session).registerObject(path, screenSaver.get(), QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals)) {
                say("error cannot register " + path.toUtf8());
                return 1;
            }
        }
        if (!own(session, ScreenSaverService)) {
            return 1;
        }
    }

    Control control(logind.get(), screenSaver.get());
    say("ready " + (logind ? logind->sessionPath().toUtf8() : QByteArray("-")));
    return app.exec();
}

#include "sessionservices.moc"
