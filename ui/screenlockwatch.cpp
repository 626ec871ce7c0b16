// SPDX-License-Identifier: GPL-2.0-or-later
#include "screenlockwatch.h"

#include "passmirrorui_debug.h"

#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

using namespace Qt::StringLiterals;

// How the two sources combine, and why.
//
// logind's Session.Lock and Session.Unlock signals are requests, not state:
// logind emits them when someone calls LockSession/UnlockSession (`loginctl
// lock-session`, the power key, a suspend hook), and the desktop's locker
// obeys. The locker reports what it did on its own channels: Plasma's
// kscreenlocker emits org.freedesktop.ScreenSaver ActiveChanged(true/false)
// (at /ScreenSaver and /org/freedesktop/ScreenSaver, so twice) and calls
// logind's SetLockedHint, which logind announces as PropertiesChanged of
// LockedHint; GNOME Shell owns no org.freedesktop.ScreenSaver and only sets
// LockedHint. When the person types their password, no logind Unlock is
// emitted at all. So one lock shows up as up to four reports (Lock,
// ActiveChanged(true) twice, LockedHint true) and its end as one to three
// (ActiveChanged(false) twice, LockedHint false, an Unlock only if someone
// called UnlockSession).
//
// Hence: the last report wins. Any source saying "locked" makes the state
// locked; any source saying "unlocked" ends the lock. A rule "locked while
// either source says locked" would stay locked forever after Plasma unlocks
// a session that `loginctl lock-session` locked (logind's last word is the
// Lock request). Duplicates are dropped because only a change of the state
// emits, so each transition emits exactly one signal, whichever source says
// it first. Reports that arrive out of order across the two buses can at
// worst add a short extra lock and unlock; the state always ends with the
// latest report of each bus.
//
// The answers at start() (LockedHint, GetActive()) are levels, not events:
// a "true" locks; a "false" is ignored, because it only means that this
// source sees no lock while the other one may.

namespace PassMirror
{

namespace
{
constexpr auto LogindService = "org.freedesktop.login1"_L1;
constexpr auto LogindPath = "/org/freedesktop/login1"_L1;
constexpr auto LogindManager = "org.freedesktop.login1.Manager"_L1;
constexpr auto LogindSession = "org.freedesktop.login1.Session"_L1;
constexpr auto PropertiesInterface = "org.freedesktop.DBus.Properties"_L1;
constexpr auto LockedHint = "LockedHint"_L1;

constexpr auto ScreenSaverService = "org.freedesktop.ScreenSaver"_L1;
constexpr auto ScreenSaverInterface = "org.freedesktop.ScreenSaver"_L1;
// The spec's path and the one KDE also serves.
constexpr auto ScreenSaverPath = "/org/freedesktop/ScreenSaver"_L1;
constexpr auto ScreenSaverKdePath = "/ScreenSaver"_L1;
} // namespace

ScreenLockWatch::ScreenLockWatch(const QDBusConnection &systemBus, const QDBusConnection &sessionBus, QObject *parent)
    : QObject(parent)
    , m_systemBus(systemBus)
    , m_sessionBus(sessionBus)
{
    setObjectName(u"screenLockWatch"_s);
}

ScreenLockWatch::ScreenLockWatch(QObject *parent)
    : ScreenLockWatch(QDBusConnection::systemBus(), QDBusConnection::sessionBus(), parent)
{
}

// The connections drop this object's signal hooks when it is destroyed, and
// the pending-call watchers are its children.
ScreenLockWatch::~ScreenLockWatch() = default;

void ScreenLockWatch::start()
{
    if (m_started) {
        return;
    }
    m_started = true;
    startLogind();
    startScreenSaver();
}

bool ScreenLockWatch::isLocked() const
{
    return m_locked;
}

void ScreenLockWatch::startLogind()
{
    if (!m_systemBus.isConnected()) {
        qCDebug(PASSMIRROR_UI) << "screen lock: no system bus, logind is off:" << m_systemBus.lastError().message();
        return;
    }
    const QString sessionId = qEnvironmentVariable("XDG_SESSION_ID");
    if (sessionId.isEmpty()) {
        resolveSessionByPid();
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(LogindService, LogindPath, LogindManager, u"GetSession"_s);
    call << sessionId;
    auto *watcher = new QDBusPendingCallWatcher(m_systemBus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, sessionId] {
        watcher->deleteLater();
        const QDBusPendingReply<QDBusObjectPath> reply = *watcher;
        if (reply.isValid()) {
            watchSession(reply.value().path());
            return;
        }
        if (reply.error().type() == QDBusError::ServiceUnknown) {
            qCDebug(PASSMIRROR_UI) << "screen lock: logind is not running, it is off";
            return;
        }
        // XDG_SESSION_ID may be inherited from another context (a terminal
        // of another session, a container): ask by pid then.
        qCDebug(PASSMIRROR_UI) << "screen lock: logind knows no session" << sessionId << reply.error().message() << "- asking by pid";
        resolveSessionByPid();
    });
}

void ScreenLockWatch::resolveSessionByPid()
{
    QDBusMessage call = QDBusMessage::createMethodCall(LogindService, LogindPath, LogindManager, u"GetSessionByPID"_s);
    // 0: logind takes the caller's pid from the bus, which is right also
    // where getpid() is not the host's pid (a Flatpak sandbox).
    call << 0u;
    auto *watcher = new QDBusPendingCallWatcher(m_systemBus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<QDBusObjectPath> reply = *watcher;
        if (!reply.isValid()) {
            qCDebug(PASSMIRROR_UI) << "screen lock: no logind session for this process, logind is off:" << reply.error().name() << reply.error().message();
            return;
        }
        watchSession(reply.value().path());
    });
}

void ScreenLockWatch::watchSession(const QString &sessionPath)
{
    m_sessionPath = sessionPath;
    // Only this session's object, and only from logind itself (the match
    // names the sender), so neither another session's lock nor a signal any
    // other client of the system bus sends is taken for ours.
    const bool subscribed = m_systemBus.connect(LogindService, sessionPath, LogindSession, u"Lock"_s, this, SLOT(onLogindLock()))
        && m_systemBus.connect(LogindService, sessionPath, LogindSession, u"Unlock"_s, this, SLOT(onLogindUnlock()))
        && m_systemBus.connect(LogindService,
                               sessionPath,
                               PropertiesInterface,
                               u"PropertiesChanged"_s,
                               this,
                               SLOT(onSessionPropertiesChanged(QString, QVariantMap, QStringList)));
    if (!subscribed) {
        qCWarning(PASSMIRROR_UI) << "screen lock: could not subscribe to logind's session" << sessionPath << m_systemBus.lastError().message();
        return;
    }
    qCDebug(PASSMIRROR_UI) << "screen lock: watching logind session" << sessionPath;
    // Read after subscribing: a change after this answer is a signal.
    readLockedHint(Report::InitialAnswer);
    readActive();
}

void ScreenLockWatch::readActive()
{
    QDBusMessage call = QDBusMessage::createMethodCall(LogindService, m_sessionPath, PropertiesInterface, u"Get"_s);
    call << QString(LogindSession) << u"Active"_s;
    auto *watcher = new QDBusPendingCallWatcher(m_systemBus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDBusPendingReply<QDBusVariant> reply = *watcher;
        if (reply.isValid()) {
            setSessionActive(reply.value().variant().toBool());
        }
    });
}

void ScreenLockWatch::setSessionActive(bool active)
{
    if (m_sessionActive == active) {
        return;
    }
    m_sessionActive = active;
    qCDebug(PASSMIRROR_UI) << "session is" << (active ? "active" : "not active");
    Q_EMIT sessionActiveChanged(active);
}

void ScreenLockWatch::readLockedHint(Report kind)
{
    QDBusMessage call = QDBusMessage::createMethodCall(LogindService, m_sessionPath, PropertiesInterface, u"Get"_s);
    call << QString(LogindSession) << QString(LockedHint);
    auto *watcher = new QDBusPendingCallWatcher(m_systemBus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, kind] {
        watcher->deleteLater();
        const QDBusPendingReply<QDBusVariant> reply = *watcher;
        if (!reply.isValid()) {
            qCDebug(PASSMIRROR_UI) << "screen lock: could not read LockedHint:" << reply.error().message();
            return;
        }
        report("logind LockedHint", reply.value().variant().toBool(), kind);
    });
}

void ScreenLockWatch::onLogindLock()
{
    report("logind Lock", true, Report::Event);
}

void ScreenLockWatch::onLogindUnlock()
{
    report("logind Unlock", false, Report::Event);
}

void ScreenLockWatch::onSessionPropertiesChanged(const QString &interface, const QVariantMap &changed, const QStringList &invalidated)
{
    if (interface != LogindSession) {
        return;
    }
    if (const auto it = changed.constFind(u"Active"_s); it != changed.constEnd()) {
        setSessionActive(it->toBool());
    } else if (invalidated.contains(u"Active"_s)) {
        readActive();
    }
    if (const auto it = changed.constFind(LockedHint); it != changed.constEnd()) {
        report("logind LockedHint", it->toBool(), Report::Event);
    } else if (invalidated.contains(LockedHint)) {
        readLockedHint(Report::Event);
    }
}

void ScreenLockWatch::startScreenSaver()
{
    if (!m_sessionBus.isConnected()) {
        qCDebug(PASSMIRROR_UI) << "screen lock: no session bus, the screen saver is off:" << m_sessionBus.lastError().message();
        return;
    }
    // By the service's name: signals only from its owner, whenever it
    // appears (a screen saver started after the window counts too).
    for (const auto path : {ScreenSaverPath, ScreenSaverKdePath}) {
        if (!m_sessionBus.connect(ScreenSaverService, path, ScreenSaverInterface, u"ActiveChanged"_s, this, SLOT(onScreenSaverActiveChanged(bool)))) {
            qCWarning(PASSMIRROR_UI) << "screen lock: could not subscribe to the screen saver at" << path << m_sessionBus.lastError().message();
        }
    }
    askScreenSaverActive(ScreenSaverPath, false);
}

void ScreenLockWatch::askScreenSaverActive(const QString &path, bool lastTry)
{
    const QDBusMessage call = QDBusMessage::createMethodCall(ScreenSaverService, path, ScreenSaverInterface, u"GetActive"_s);
    auto *watcher = new QDBusPendingCallWatcher(m_sessionBus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, watcher, lastTry] {
        watcher->deleteLater();
        const QDBusPendingReply<bool> reply = *watcher;
        if (reply.isValid()) {
            report("screen saver GetActive", reply.value(), Report::InitialAnswer);
            return;
        }
        if (reply.error().type() == QDBusError::ServiceUnknown) {
            qCDebug(PASSMIRROR_UI) << "screen lock: no screen saver on the session bus (yet)";
            return;
        }
        if (!lastTry) {
            askScreenSaverActive(ScreenSaverKdePath, true);
            return;
        }
        qCDebug(PASSMIRROR_UI) << "screen lock: the screen saver did not answer GetActive:" << reply.error().message();
    });
}

void ScreenLockWatch::onScreenSaverActiveChanged(bool active)
{
    report("screen saver ActiveChanged", active, Report::Event);
}

void ScreenLockWatch::report(const char *source, bool lockedNow, Report kind)
{
    if (kind == Report::InitialAnswer && !lockedNow) {
        return;
    }
    if (lockedNow == m_locked) {
        return;
    }
    m_locked = lockedNow;
    qCDebug(PASSMIRROR_UI) << "screen lock:" << source << "says" << (lockedNow ? "locked" : "unlocked");
    if (lockedNow) {
        Q_EMIT locked();
    } else {
        Q_EMIT unlocked();
    }
}

} // namespace PassMirror
