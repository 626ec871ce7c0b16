// SPDX-License-Identifier: GPL-2.0-or-later
#include "confinement.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/limits.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef STATX_MNT_ID_UNIQUE
#define STATX_MNT_ID_UNIQUE 0x00004000U // linux/stat.h, Linux 6.8
#endif

namespace PassMirror
{

namespace
{

// Not one libfuse handles (it takes TERM, INT, HUP, PIPE).
constexpr int SupervisorGoneSignal = SIGUSR2;

// Plain data only: the handler reads it and may run on any thread.
struct Guard {
    bool prepared = false;
    int parentFd = -1;
    char name[NAME_MAX + 1] = {};
    std::uint64_t mountId = 0;
    pid_t supervisor = -1;
    Stats::Layout *stats = nullptr;
};
Guard s_guard;

// Async-signal-safe: system calls and a fixed buffer, no allocation. Without
// the unique mount id (Linux < 6.8) it cannot prove the mount is ours, so it
// leaves it (as before this guard existed).
void detachOrphanedMount(int)
{
    const int savedErrno = errno;
    const int top = openat(s_guard.parentFd, s_guard.name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (top >= 0) {
        struct statx status {
        };
        if (statx(top, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, STATX_MNT_ID_UNIQUE, &status) == 0
            && (status.stx_mask & STATX_MNT_ID_UNIQUE) != 0 && status.stx_mnt_id == s_guard.mountId) {
            char path[32] = "/proc/self/fd/";
            char digits[16];
            int length = 0;
            for (unsigned int value = static_cast<unsigned int>(top); length == 0 || value != 0; value /= 10) {
                digits[length++] = static_cast<char>('0' + value % 10);
            }
            std::size_t at = std::strlen(path);
            while (length > 0) {
                path[at++] = digits[--length];
            }
            path[at] = '\0';
            // Files still open in the detached mount keep being served; the
            // server ends by itself once the last one is closed, as after a
            // SIGTERM. The state says the supervisor died: it did not clean up.
            if (umount2(path, MNT_DETACH) == 0 && s_guard.stats) {
                s_guard.stats->state.store(static_cast<std::uint32_t>(Stats::DaemonState::Died));
            }
        }
        close(top);
    }
    // No mount of ours there: the supervisor ended normally (it detached the
    // mount and left us serving open files) or someone unmounted it.
    errno = savedErrno;
}

} // namespace

void prepareOrphanGuard(const OrphanGuardSetup &setup)
{
    if (setup.mountPointParentFd < 0 || setup.mountPointName.size() > NAME_MAX) {
        return;
    }
    s_guard.parentFd = setup.mountPointParentFd;
    std::ranges::copy(setup.mountPointName, s_guard.name);
    s_guard.name[setup.mountPointName.size()] = '\0';
    s_guard.mountId = setup.mountId;
    s_guard.supervisor = setup.supervisor;
    s_guard.stats = setup.stats;

    struct sigaction action {
    };
    action.sa_handler = detachOrphanedMount;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    s_guard.prepared = sigaction(SupervisorGoneSignal, &action, nullptr) == 0;
}

void armOrphanGuard()
{
    if (!s_guard.prepared) {
        return;
    }
    prctl(PR_SET_PDEATHSIG, SupervisorGoneSignal, 0, 0, 0);
    // The supervisor may have died before the request: we were reparented.
    if (getppid() != s_guard.supervisor) {
        raise(SupervisorGoneSignal);
    }
}

} // namespace PassMirror
