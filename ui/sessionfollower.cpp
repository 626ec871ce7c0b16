// SPDX-License-Identifier: GPL-2.0-or-later
#include "sessionfollower.h"

#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "mirrorwatcher.h"
#include "passmirrorui_debug.h"
#include "sourceavailability.h"

#include <algorithm>

#include <unistd.h>

namespace PassMirror
{

namespace
{
using Origin = MirrorController::Origin;

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

bool isInFlight(const MirrorListModel *model, int row)
{
    const auto state = model->state(row);
    return state == MirrorListModel::State::Mounting || state == MirrorListModel::State::Unmounting;
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
    // Who holds a mirror is not an event the kernel tells: looked at every
    // 5 s, and only while a mirror of a gone source is held.
    m_staleRetry.setInterval(std::chrono::seconds(5));
    connect(&m_staleRetry, &QTimer::timeout, this, &SessionFollower::retryStaleMounts);
    m_lookAgain.setInterval(std::chrono::seconds(1));
    connect(&m_lookAgain, &QTimer::timeout, this, &SessionFollower::scheduleSourceCheck);
    connect(&m_folders, &QFileSystemWatcher::directoryChanged, this, &SessionFollower::scheduleSourceCheck);
    connect(m_watcher, &MirrorWatcher::mountTableChanged, this, &SessionFollower::scheduleSourceCheck);
    // A mirror added or edited, or a request answered: look again.
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
    bool anyStale = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        const MirrorConfig config = model->config(row);
        anyIdleTimeout = anyIdleTimeout || config.idleMinutes > 0;
        followed.insert(config.mountPoint);
        reconcile(row, mounts, folders);
        anyStale = anyStale || m_followed[config.mountPoint].staleMount;
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
    if (anyStale != m_staleRetry.isActive()) {
        anyStale ? m_staleRetry.start() : m_staleRetry.stop();
    }
    // A hung folder tells nothing when it answers again: looked at once a
    // second while one does not answer.
    if (m_looker.anyNotAnswering() != m_lookAgain.isActive()) {
        m_looker.anyNotAnswering() ? m_lookAgain.start() : m_lookAgain.stop();
    }
}

void SessionFollower::reconcile(int row, const QList<MountEntry> &mounts, QStringList &folders)
{
    MirrorListModel *model = m_controller->model();
    const MirrorConfig config = model->config(row);
    Followed &f = m_followed[config.mountPoint];
    const bool live = isLive(model, row);
    const bool inFlight = isInFlight(model, row);

    // The source.
    std::optional<bool> available;
    if (config.mountWhenAvailable) {
        const QString volume = SourceAvailability::volumeOf(config.source, config.sourceVolume, SourceAvailability::currentUserName());
        const FolderLook folder = m_looker.look(config.source);
        const SourceAvailability::Status status = SourceAvailability::check(config.source, volume, mounts, ::getuid(), folder);
        if (status.foreignOwner) {
            model->setWaitingFor(row, tr("%1, which belongs to someone else", "@item what a mirror waits for: a folder").arg(status.waitingFor));
        } else if (status.notAnswering) {
            model->setWaitingFor(row, tr("%1, which does not answer", "@item what a mirror waits for: a folder on a share that hangs").arg(status.waitingFor));
        } else {
            model->setWaitingFor(row, status.waitingFor);
        }
        folders << folder.foldersToWatch;
        // A folder that does not answer is neither there nor gone: its
        // mirror is neither mounted nor unmounted for it.
        if (!status.notAnswering) {
            available = status.available;
        }
        if (available == false) {
            f.armed = true; // mounts when it is back
        }
        if (status.available && volume.isEmpty()) {
            rememberVolume(row);
        }
    } else {
        model->setWaitingFor(row, {});
        f.armed = true;
    }
    if (inFlight) {
        return; // the reply brings us back here, to decide on what is then
    }
    if (!live) {
        f.staleMount = false;
    } else if (!m_locked) {
        f.mountWhenUnlocked = false; // mounted after all (the lock's unmount was refused)
    }
    // Gone while mounted: unmount, once per going; a busy mirror is tried
    // again when nobody holds it any more (retryStaleMounts).
    const bool gone = config.mountWhenAvailable && available == false && f.available != false;
    f.available = available;
    if (gone && live) {
        Q_EMIT unmountingBySession(config.name, Reason::SourceGone, model->waitingFor(row));
        f.staleMount = true;
        m_controller->unmount(row, false, Origin::Session);
        return;
    }

    // The lock: a mirror that unmounts on lock is never left mounted while
    // locked (also one whose mount was running when the lock came).
    if (m_locked && config.unmountOnLock && live && !f.unmountedByLock) {
        f.unmountedByLock = true;
        f.mountWhenUnlocked = config.mountOnUnlock;
        Q_EMIT unmountingBySession(config.name, Reason::ScreenLocked, {});
        m_controller->unmount(row, false, Origin::Session);
        return;
    }
    const bool heldByLock = m_locked && config.unmountOnLock;
    if (heldByLock || !m_active || live || !m_controller->canMount(row)) {
        return;
    }
    if (f.mountWhenUnlocked && (!config.mountWhenAvailable || available == true)) {
        f.mountWhenUnlocked = false;
        f.armed = false;
        m_controller->mount(row, Origin::Session);
        return;
    }
    if (config.mountWhenAvailable && available == true && f.armed) {
        qCDebug(PASSMIRROR_UI) << "the source of" << config.name << "is there: mounting";
        f.armed = false;
        m_controller->mount(row, Origin::Session);
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

void SessionFollower::retryStaleMounts()
{
    MirrorListModel *model = m_controller->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const MirrorConfig config = model->config(row);
        Followed &f = m_followed[config.mountPoint];
        if (!f.staleMount || !isLive(model, row) || isInFlight(model, row)) {
            continue;
        }
        // Quietly, once the programs that held it are gone.
        if (m_controller->holdersOf(config.mountPoint).isEmpty()) {
            m_controller->unmount(row, false, Origin::Session);
        }
    }
}

void SessionFollower::screenLocked()
{
    if (m_locked) {
        return;
    }
    m_locked = true;
    for (Followed &f : m_followed) {
        f.unmountedByLock = false;
    }
    checkSources();
}

void SessionFollower::screenUnlocked()
{
    if (!m_locked) {
        return;
    }
    m_locked = false;
    checkSources();
}

void SessionFollower::setSessionActive(bool active)
{
    if (m_active == active) {
        return;
    }
    m_active = active;
    checkSources();
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
        qCDebug(PASSMIRROR_UI) << "idle check" << config.name << "requests" << requests << "quiet for" << now - f.lastActivityMs << "ms";
        if (now - f.lastActivityMs < config.idleMinutes * m_minute.count()) {
            continue;
        }
        // Looked at once per idle period. A program that only sits in it (a
        // shell's working folder) asks nothing, yet the unmount would be
        // refused: such a mirror is not idle.
        f.lastActivityMs = now;
        if (!m_controller->holdersOf(config.mountPoint).isEmpty()) {
            continue;
        }
        Q_EMIT unmountingBySession(config.name, Reason::Idle, QString::number(config.idleMinutes));
        m_controller->unmount(row, false, Origin::Session);
    }
}

} // namespace PassMirror
