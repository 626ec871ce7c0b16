// SPDX-License-Identifier: GPL-2.0-or-later
#include "orphanmounts.h"
#include "uniquefd.h"

#include <cerrno>
#include <fcntl.h>
#include <grp.h>
#include <linux/openat2.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{
constexpr int ServerGoneExit = 3;
constexpr int ServerThereExit = 0;
} // namespace

bool fuseServerGone(const MountEntry &mount, std::chrono::milliseconds limit)
{
    const qint64 uid = mount.fuseUserId();
    const qint64 gid = mount.fuseGroupId();
    if (uid <= 0 || gid < 0) {
        return false; // root's own FUSE mounts are not ours to judge
    }
    const qsizetype slash = mount.mountPoint.lastIndexOf('/');
    const QByteArray parentPath = slash <= 0 ? QByteArray("/") : mount.mountPoint.left(slash);
    const QByteArray name = mount.mountPoint.mid(slash + 1);
    if (name.isEmpty()) {
        return false;
    }
    // The parent opened by root without following symlinks; the child only
    // looks up the last name, so the owner cannot redirect the check.
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC | O_DIRECTORY;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    UniqueFd parent(static_cast<int>(syscall(SYS_openat2, AT_FDCWD, parentPath.constData(), &how, sizeof how)));
    if (!parent.isValid()) {
        return false;
    }
    // fork, not a thread: credentials are per process for FUSE's check. The
    // child makes only system calls before _exit (async-signal-safe).
    const pid_t child = fork();
    if (child < 0) {
        return false;
    }
    if (child == 0) {
        if (setgroups(0, nullptr) != 0 || setresgid(static_cast<gid_t>(gid), static_cast<gid_t>(gid), static_cast<gid_t>(gid)) != 0
            || setresuid(static_cast<uid_t>(uid), static_cast<uid_t>(uid), static_cast<uid_t>(uid)) != 0) {
            _exit(ServerThereExit);
        }
        // FORCE_SYNC: a real GETATTR to the server; cached attributes would
        // answer for a dead server until they time out.
        struct statx st;
        const int result = statx(parent.get(), name.constData(), AT_SYMLINK_NOFOLLOW | AT_STATX_FORCE_SYNC, STATX_TYPE, &st);
        _exit(result != 0 && errno == ENOTCONN ? ServerGoneExit : ServerThereExit);
    }
    UniqueFd pidFd(static_cast<int>(syscall(SYS_pidfd_open, child, 0)));
    pollfd wait{pidFd.get(), POLLIN, 0};
    if (!pidFd.isValid() || poll(&wait, 1, static_cast<int>(limit.count())) != 1) {
        kill(child, SIGKILL); // stuck on a live server: leave the mount alone
        // A GETATTR the server already read is waited for unkillably: do not
        // let the helper wait with the child; it is reaped when the helper exits.
        if (!pidFd.isValid() || poll(&wait, 1, 100) != 1) {
            return false;
        }
    }
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == ServerGoneExit;
}

QList<MountEntry> orphanMounts(const QList<MountEntry> &mounts, const QSet<quint64> &owned)
{
    QList<MountEntry> orphans;
    for (const MountEntry &mount : mounts) {
        if (mount.isMirror() && !owned.contains(mount.id) && fuseServerGone(mount, std::chrono::milliseconds(300))) {
            orphans << mount;
        }
    }
    return orphans;
}

} // namespace PassMirror
