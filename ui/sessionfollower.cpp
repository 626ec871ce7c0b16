// SPDX-License-Identifier: GPL-2.0-or-later
#include "sessionfollower.h"

#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "mirrorwatcher.h"
#include "mountinfo.h"
#include "passmirrorui_debug.h"
#include "sourceavailability.h"

#include <algorithm>

namespace PassMirror
{

namespace
{
// Requests a person's programs cause. The kernel forgets inodes on its own
// (memory pressure, cache trimming), which is not activity.
quint64 requestsOfPrograms(const Stats::Snapshot &snapshot)
{
    return snapshot.totalRequests() - snapshot.requestsOf(Stats::Operation::Forget) - snapshot.requestsOf(Stats::Operation::BatchForget);
}

bool isLive(const MirrorListModel *model, int row)
{
    return !model->index(row, 0).data(MirrorListModel::LiveIdRole).toString().isEmpty();
}
} // namespace

SessionFollower::SessionFollower(MirrorController *controller, MirrorWatcher *watcher, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_watcher(watcher)
{
    setObjectName(QStringLiteral("sessionFollower"));
    m_sourceCheck.setSingleShot(true);
    // A drive arriving is a burst: the folder made, the mount, the registry.
    m_sourceCheck.setInterval(std::chrono::milliseconds(50));
    connect(&m_sourceCheck, &QTimer::timeout, this, &SessionFollower::checkSources);
    connect(&m_idleCheck, &QTimer::timeout, this, &SessionFollower::checkIdle);
    connect(&m_folders, &QFileSystemWatcher::directoryChanged, this, &SessionFollower::scheduleSourceCheck);
    connect(m_watcher, &MirrorWatcher::mountTableChanged, this, &SessionFollower::scheduleSourceCheck);
    // A mirror added or edited, or one that just stopped: its row may wait now.
    connect(m_controller, &MirrorController::savedMirrorsChanged, this, &SessionFollower::scheduleSourceCheck);
    connect(m_controller, &MirrorController::requestsFinished, this, &SessionFollower::scheduleSourceCheck);
    m_clock.start();
}

void SessionFollower::setMinute(std::chrono::milliseconds minute)
{
    m_minute = std::max(minute, std::chrono::milliseconds(1));
}

void SessionFollower::start()
{
    checkSources();
}

void SessionFollower::scheduleSourceCheck()
{
    if (!m_sourceCheck.isActive()) {
        m_sourceCheck.start();
    }
}

void SessionFollower::checkSources()
{
    MirrorListModel *model = m_controller->model();
    const QList<MountEntry> mounts = readMountInfo();
    QStringList folders;
    QSet<QString> followed;
    bool anyIdleTimeout = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        const MirrorConfig config = model->config(row);
        anyIdleTimeout = anyIdleTimeout || config.idleMinutes > 0;
        followed.insert(config.mountPoint);
        Followed &f = m_followed[config.mountPoint];
        if (!config.mountWhenAvailable) {
            model->setWaitingFor(row, {});
            f.available.reset();
            continue;
        }
        const QString volume = SourceAvailability::volumeOf(config.source, config.sourceVolume);
        const SourceAvailability::Status status = SourceAvailability::check(config.source, volume, mounts);
        model->setWaitingFor(row, status.waitingFor);
        folders << SourceAvailability::foldersToWatch(config.source);
        if (status.available) {
            if (f.available != true) {
                if (m_locked && config.unmountOnLock) {
                    f.mountWhenUnlocked = true; // not while the screen is locked
                } else if (m_controller->canMount(row)) {
                    qCDebug(PASSMIRROR_UI) << "the source of" << config.name << "is there: mounting";
                    m_controller->mount(row);
                }
            }
            if (volume.isEmpty()) {
                rememberVolume(row);
            }
        } else if (f.available != false) {
            // Gone (or gone while the window was not running).
            f.mountWhenUnlocked = false;
            if (m_controller->canUnmount(row) && isLive(model, row)) {
                Q_EMIT unmountingBySession(config.name, Reason::SourceGone, status.waitingFor);
                m_controller->unmount(row);
            }
        }
        f.available = status.available;
    }
    for (auto it = m_followed.begin(); it != m_followed.end();) {
        it = followed.contains(it.key()) ? std::next(it) : m_followed.erase(it);
    }

    folders.removeDuplicates();
    const QStringList watched = m_folders.directories();
    for (const QString &folder : watched) {
        if (!folders.contains(folder)) {
            m_folders.removePath(folder);
        }
    }
    for (const QString &folder : std::as_const(folders)) {
        if (!watched.contains(folder)) {
            m_folders.addPath(folder);
        }
    }

    if (anyIdleTimeout && !m_idleCheck.isActive()) {
        m_idleCheck.start(std::clamp(m_minute / 10, std::chrono::milliseconds(50), std::chrono::milliseconds(1000)));
    } else if (!anyIdleTimeout) {
        m_idleCheck.stop();
    }
}

void SessionFollower::rememberVolume(int row)
{
    // A share mounted on a folder that stays behind empty (/mnt/share) is
    // told apart from itself unmounted by its mount: remember where the
    // source was seen mounted, once.
    MirrorConfig config = m_controller->model()->config(row);
    if (!config.sourceVolume.isEmpty()) {
        return;
    }
    const QString volume = SourceAvailability::mountContaining(config.source, readMountInfo());
    if (volume == QLatin1String("/")) {
        return;
    }
    config.sourceVolume = volume;
    m_controller->editMirror(row, config);
}

void SessionFollower::screenLocked()
{
    if (m_locked) {
        return;
    }
    m_locked = true;
    MirrorListModel *model = m_controller->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const MirrorConfig config = model->config(row);
        if (!config.unmountOnLock || !m_controller->canUnmount(row)) {
            continue;
        }
        m_followed[config.mountPoint].mountWhenUnlocked = config.mountOnUnlock;
        Q_EMIT unmountingBySession(config.name, Reason::ScreenLocked, {});
        m_controller->unmount(row);
    }
}

void SessionFollower::screenUnlocked()
{
    if (!m_locked) {
        return;
    }
    m_locked = false;
    MirrorListModel *model = m_controller->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const MirrorConfig config = model->config(row);
        Followed &f = m_followed[config.mountPoint];
        if (!f.mountWhenUnlocked) {
            continue;
        }
        f.mountWhenUnlocked = false;
        // One that waits for its source mounts when the source is back.
        if (config.mountWhenAvailable && f.available != true) {
            continue;
        }
        if (m_controller->canMount(row)) {
            m_controller->mount(row);
        }
    }
}

void SessionFollower::checkIdle()
{
    MirrorListModel *model = m_controller->model();
    const qint64 now = m_clock.elapsed();
    for (int row = 0; row < model->rowCount(); ++row) {
        const MirrorConfig config = model->config(row);
        Followed &f = m_followed[config.mountPoint];
        const auto snapshot = model->snapshot(row);
        if (config.idleMinutes <= 0 || model->state(row) != MirrorListModel::State::Mounted || !snapshot || !snapshot->valid) {
            f.lastActivityMs = -1;
            continue;
        }
        const quint64 requests = requestsOfPrograms(*snapshot);
        // An open file or folder is someone at work, however quiet.
        if (f.lastActivityMs < 0 || requests != f.lastRequests || snapshot->openFiles > 0 || snapshot->openDirectories > 0) {
            f.lastRequests = requests;
            f.lastActivityMs = now;
            continue;
        }
        if (now - f.lastActivityMs >= config.idleMinutes * m_minute.count()) {
            // Once per idle period: a mirror that stays busy is not asked
            // again at every check.
            f.lastActivityMs = now;
            Q_EMIT unmountingBySession(config.name, Reason::Idle, QString::number(config.idleMinutes));
            m_controller->unmount(row);
        }
    }
}

} // namespace PassMirror
