// SPDX-License-Identifier: GPL-2.0-or-later
#include "confinement.h"

#include "capabilities.h"
#include "mounttable.h"
#include "procfdpath.h"
#include "threadcapabilities.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/limits.h>
#include <memory>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

// LeakSanitizer builds (asan preset): see checkLeaksBeforeTheFilter().
#if defined(__SANITIZE_ADDRESS__)
#define PASSMIRROR_LEAK_CHECK 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define PASSMIRROR_LEAK_CHECK 1
#endif
#endif
#ifdef PASSMIRROR_LEAK_CHECK
#include <sanitizer/lsan_interface.h>
#endif

namespace PassMirror
{

namespace
{

constexpr cap_value_t SupervisorCapabilities[] = {CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH, CAP_KILL};

// LeakSanitizer's check at exit stops the process from a cloned thread with
// ptrace, both of which the filter refuses (the check would end in "fatal
// error" and the supervisor's exit status with it). So it runs once here,
// before the filter, and not again at exit: what the supervisor still
// allocates while it waits is not checked.
void checkLeaksBeforeTheFilter()
{
#ifdef PASSMIRROR_LEAK_CHECK
    __lsan_do_leak_check();
#endif
}

// Not one libfuse handles (it takes TERM, INT, HUP, PIPE).
constexpr int SupervisorGoneSignal = SIGUSR2;

// Plain data only: the handler reads it and may run on any thread.
struct Guard {
    bool prepared = false;
    int parentFd = -1;
    char name[NAME_MAX + 1] = {};
    std::uint64_t mountId = 0;
    std::uint64_t uniqueMountId = 0;
    pid_t supervisor = -1;
    Stats::Layout *stats = nullptr;
};
Guard s_guard;

// Async-signal-safe: system calls and fixed buffers, no allocation.
void detachOrphanedMount(int)
{
    const int savedErrno = errno;
    // The server runs without effective capabilities: statmount and umount2
    // need CAP_SYS_ADMIN, the lookup in the mount point's parent (a private
    // folder, maybe) CAP_DAC_READ_SEARCH, on the thread the signal landed on.
    const ScopedCapabilities capabilities{CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH};
    const int top = openat(s_guard.parentFd, s_guard.name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (top >= 0) {
        // The same mount id check as the supervisor's (base/mounttable.h).
        if (isStillMount(top, s_guard.mountId, s_guard.uniqueMountId)) {
            // Files still open in the detached mount keep being served; the
            // server ends by itself once the last one is closed, as after a
            // SIGTERM. The state says the supervisor died: it did not clean up.
            if (umount2(ProcFdPath("fd", top).c_str(), MNT_DETACH) == 0 && s_guard.stats) {
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

std::span<const cap_value_t> supervisorCapabilities()
{
    return SupervisorCapabilities;
}

CheckResult confineSupervisor(const SupervisorFilterSetup &setup)
{
    if (auto problem = dropBoundingAndAmbientExcept(SupervisorCapabilities)) {
        return problem;
    }
    if (auto problem = setCapabilities(SupervisorCapabilities, true)) {
        return problem;
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot set no_new_privs", errno));
    }
    checkLeaksBeforeTheFilter();
    return installSupervisorSyscallFilter(setup);
}

void prepareOrphanGuard(const OrphanGuardSetup &setup)
{
    if (setup.mountPointParentFd < 0 || setup.mountPointName.size() > NAME_MAX) {
        return;
    }
    s_guard.parentFd = setup.mountPointParentFd;
    std::ranges::copy(setup.mountPointName, s_guard.name);
    s_guard.name[setup.mountPointName.size()] = '\0';
    s_guard.mountId = setup.mountId;
    s_guard.uniqueMountId = setup.uniqueMountId;
    s_guard.supervisor = setup.supervisor;
    s_guard.stats = setup.stats;

    struct sigaction action{};
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
