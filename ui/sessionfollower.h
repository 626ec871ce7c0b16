// SPDX-License-Identifier: GPL-2.0-or-later
// Mounts and unmounts saved mirrors as the session goes, on the options the
// person set per mirror (MirrorConfig):
//   - "mount when available": waits (the row says for what) while the source
//     folder or its drive is missing, mounts when it appears, unmounts when
//     it goes. Event-driven: the mount table (core's MirrorWatcher) and
//     inotify on the folders that may change it; no polling.
//   - "unmount when the screen locks", optionally "mount again on unlock":
//     screenLocked()/screenUnlocked(), wired to the window's ScreenLockWatch.
//   - "unmount after N minutes without activity": no request counted and no
//     file open for N minutes (checked once a second from the samples the
//     window takes anyway).
// Everything goes through the MirrorController like a click would: busy
// mirrors stay mounted and the person is told who holds them.
#pragma once

#include <QElapsedTimer>
#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <optional>

namespace PassMirror
{

class MirrorController;
class MirrorWatcher;

class SessionFollower : public QObject
{
    Q_OBJECT
public:
    enum class Reason {
        SourceGone, // detail: the folder or drive that went
        ScreenLocked,
        Idle, // detail: the minutes
    };
    Q_ENUM(Reason)

    SessionFollower(MirrorController *controller, MirrorWatcher *watcher, QObject *parent = nullptr);

    // How long an idle "minute" is (tests shorten it).
    void setMinute(std::chrono::milliseconds minute);
    // Evaluates every mirror now and follows from then on; call after the
    // controller started.
    void start();

    [[nodiscard]] bool isScreenLocked() const
    {
        return m_locked;
    }

public Q_SLOTS:
    void screenLocked();
    void screenUnlocked();
    // Looks at every "mount when available" mirror's source again.
    void checkSources();

Q_SIGNALS:
    // A mirror is being unmounted by this class (not by the person).
    void unmountingBySession(const QString &name, PassMirror::SessionFollower::Reason reason, const QString &detail);

private:
    struct Followed {
        std::optional<bool> available; // unknown until first checked
        bool mountWhenUnlocked = false; // became available, or was unmounted, while locked
        quint64 lastRequests = 0;
        qint64 lastActivityMs = -1; // -1: not mounted when last looked at
    };

    void scheduleSourceCheck();
    void checkIdle();
    void rememberVolume(int row);

    MirrorController *m_controller;
    MirrorWatcher *m_watcher;
    QFileSystemWatcher m_folders;
    QTimer m_sourceCheck; // coalesces a burst of events into one look
    QTimer m_idleCheck;
    QElapsedTimer m_clock;
    std::chrono::milliseconds m_minute{std::chrono::minutes(1)};
    QHash<QString, Followed> m_followed; // by mount point
    bool m_locked = false;
};

} // namespace PassMirror
