// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorunmount.h"

#include "mountinfo.h"
#include "mounttable.h"
#include "uniquefd.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{
using Clock = std::chrono::steady_clock;

// Alive and not a zombie waiting for its parent (init) to reap it.
bool processRunning(qint64 pid)
{
    if (!processAlive(pid)) {
        return false;
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) != "Z";
}

UniqueFd openNoSymlinks(const QByteArray &path)
{
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC | O_NOFOLLOW | O_DIRECTORY;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return UniqueFd(static_cast<int>(syscall(SYS_openat2, AT_FDCWD, path.constData(), &how, sizeof how)));
}

} // namespace

bool processAlive(qint64 pid)
{
    return pid > 0 && (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

void waitForExit(qint64 pid, std::chrono::milliseconds limit)
{
    const auto end = Clock::now() + limit;
    while (processRunning(pid) && Clock::now() < end) {
        usleep(5000);
    }
}

MirrorResult unmountById(const QByteArray &mountPoint, quint64 mountId, bool force)
{
    const qsizetype slash = mountPoint.lastIndexOf('/');
    const QByteArray parentPath = slash <= 0 ? QByteArray("/") : mountPoint.left(slash);
    const QByteArray name = mountPoint.mid(slash + 1);
    if (name.isEmpty()) {
        return MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("There is no mirror there"));
    }
    // Never walk into a mount whose (user's) server may not answer.
    if (userServedSharedFuseMountAtOrAbove(readMountTable(), parentPath.toStdString())) {
        return MirrorResult::failure(MirrorError::Busy,
                                     QStringLiteral("The mount point lies inside a FUSE file system that a user serves to everyone"),
                                     ErrorRole::MountPoint);
    }
    UniqueFd parent = openNoSymlinks(parentPath);
    if (!parent.isValid()) {
        return MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("The mount point's folder is gone"));
    }
    const auto top = mountAt(readMountInfo(), mountPoint);
    if (!top || top->id != mountId || !top->isMirror()) {
        return MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("The mirror is no longer mounted there"));
    }
    if (fchdir(parent.get()) != 0) {
        return MirrorResult::failure(MirrorError::Internal,
                                     QStringLiteral("Cannot enter the mount point's folder: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    }
    const int result = umount2(name.constData(), UMOUNT_NOFOLLOW | (force ? MNT_DETACH : 0));
    const int error = errno;
    (void)chdir("/");
    if (result == 0) {
        return MirrorResult::success();
    }
    switch (error) {
    case EBUSY:
        return MirrorResult::failure(MirrorError::Busy, QStringLiteral("The mirror is in use; close the programs using it, or force a lazy unmount"));
    case EINVAL:
        return MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("There is no mirror there"));
    default:
        return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Unmounting failed: %1").arg(QString::fromLocal8Bit(strerror(error))));
    }
}

} // namespace PassMirror
