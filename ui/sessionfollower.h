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

#include "folderlooker.h"
#include "mountinfo.h"

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
    [[nodiscard]] bool isSessionActive() const
    {
        return m_active;
    }

public Q_SLOTS:
    void screenLocked();
    void screenUnlocked();
    // After a user switch the session is not in front: nothing is mounted
    // for it then (polkit wants an administrator for that, and nobody is
    // there to see the mirror); unmounts still happen.
    void setSessionActive(bool active);
    // Looks at every mirror again: its source, the lock, what is pending.
    void checkSources();

Q_SIGNALS:
    // A mirror is being unmounted by this class (not by the person).
    void unmountingBySession(const QString &name, PassMirror::SessionFollower::Reason reason, const QString &detail);

private:
    // What the follower knows of one saved mirror, by mount point. Decisions
    // are taken only for rows no request is running for; the reply brings
    // the follower back (requestsFinished), so none is lost meanwhile.
    struct Followed {
        std::optional<bool> available; // unknown until first checked
        // Mount when the source is there: set while it is missing (and at
        // first sight), spent by the mount. A mirror the person unmounted
        // while its source stays is not mounted again behind their back.
        bool armed = true;
        // The source went while mounted and the unmount was refused (busy):
        // tried again once nobody holds the mirror.
        bool staleMount = false;
        bool unmountedByLock = false; // this lock's unmount was sent
        bool mountWhenUnlocked = false;
        quint64 lastRequests = 0;
        qint64 lastActivityMs = -1; // -1: not mounted when last looked at
    };

    void scheduleSourceCheck();
    void reconcile(int row, const QList<MountEntry> &mounts, QStringList &folders);
    void checkIdle();
    void retryStaleMounts();
    void rememberVolume(int row);

    MirrorController *m_controller;
    MirrorWatcher *m_watcher;
    QFileSystemWatcher m_folders;
    QTimer m_sourceCheck; // coalesces a burst of events into one look
    QTimer m_idleCheck;
    QTimer m_staleRetry; // while a mirror of a gone source is held busy
    // Sources are looked at off the GUI thread (a hung share would freeze
    // the window); m_lookAgain runs while one does not answer.
    FolderLooker m_looker;
    QTimer m_lookAgain;
    QElapsedTimer m_clock;
    std::chrono::milliseconds m_minute{std::chrono::minutes(1)};
    QHash<QString, Followed> m_followed; // by mount point
    bool m_locked = false;
    bool m_active = true;
};

} // namespace PassMirror
