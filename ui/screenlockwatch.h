// SPDX-License-Identifier: GPL-2.0-or-later
// When the user's screen locks and unlocks, from two sources:
//   logind (system bus): Lock, Unlock and the LockedHint property of this
//     process's org.freedesktop.login1.Session object;
//   the screen saver (session bus): org.freedesktop.ScreenSaver's
//     ActiveChanged(b) at /org/freedesktop/ScreenSaver and /ScreenSaver.
// A source that is not there (no logind, no session, no screen saver) is
// simply off; the other one still works.
#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace PassMirror
{

class ScreenLockWatch : public QObject
{
    Q_OBJECT
public:
    // Connections default to QDBusConnection::systemBus()/sessionBus().
    ScreenLockWatch(const QDBusConnection &systemBus, const QDBusConnection &sessionBus, QObject *parent = nullptr);
    explicit ScreenLockWatch(QObject *parent = nullptr);
    ~ScreenLockWatch() override;

    // Subscribes, resolves the session and asks each source for its state,
    // all asynchronously: a window started while the screen is locked gets
    // locked() once an answer says so. Calling it again does nothing.
    void start();
    [[nodiscard]] bool isLocked() const;
    // Whether this session is the one in front (logind's Active): after a
    // user switch it is not. True where logind does not say.
    [[nodiscard]] bool isSessionActive() const
    {
        return m_sessionActive;
    }

Q_SIGNALS:
    void locked(); // once per transition unlocked -> locked, whichever source says it first
    void unlocked(); // once per transition locked -> unlocked
    void sessionActiveChanged(bool active);

private Q_SLOTS:
    // Slots by name: QDBusConnection::connect takes a SLOT() string.
    void onLogindLock();
    void onLogindUnlock();
    void onSessionPropertiesChanged(const QString &interface, const QVariantMap &changed, const QStringList &invalidated);
    void onScreenSaverActiveChanged(bool active);

private:
    // An event is a change as it happens (a signal, or a property read
    // because it changed); an initial answer is the state at start().
    enum class Report {
        Event,
        InitialAnswer,
    };

    void startLogind();
    void resolveSessionByPid();
    void watchSession(const QString &sessionPath);
    void readLockedHint(Report report);
    void readActive();
    void setSessionActive(bool active);
    void startScreenSaver();
    void askScreenSaverActive(const QString &path, bool lastTry);
    void report(const char *source, bool lockedNow, Report report);

    QDBusConnection m_systemBus;
    QDBusConnection m_sessionBus;
    QString m_sessionPath;
    bool m_started = false;
    bool m_locked = false;
    bool m_sessionActive = true;
};

} // namespace PassMirror
