// SPDX-License-Identifier: GPL-2.0-or-later
#include "confinement.h"

#include "mounttable.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/limits.h>
#include <memory>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
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

struct CapFree {
    void operator()(cap_t caps) const
    {
        cap_free(caps);
    }
};
using Caps = std::unique_ptr<std::remove_pointer_t<cap_t>, CapFree>;

CheckResult keepOnlyCapabilities(std::span<const cap_value_t> keep)
{
    const auto kept = [&keep](cap_value_t capability) {
        return std::ranges::find(keep, capability) != keep.end();
    };
    // The bounding set needs CAP_SETPCAP, so before the capset below.
    for (cap_value_t capability = 0; capability <= CAP_LAST_CAP; ++capability) {
        if (!kept(capability) && CAP_IS_SUPPORTED(capability) && cap_drop_bound(capability) != 0) {
            return failure(MirrorError::Internal, withErrno("cannot drop capabilities from the bounding set", errno));
        }
    }
    if (cap_reset_ambient() != 0 && errno != EINVAL) {
        return failure(MirrorError::Internal, withErrno("cannot clear ambient capabilities", errno));
    }
    const Caps caps(cap_init());
    if (!caps) {
        return failure(MirrorError::Internal, withErrno("cannot allocate a capability set", errno));
    }
    for (const cap_value_t capability : keep) {
        for (const cap_flag_t set : {CAP_PERMITTED, CAP_EFFECTIVE}) {
            if (cap_set_flag(caps.get(), set, 1, &capability, CAP_SET) != 0) {
                return failure(MirrorError::Internal, withErrno("cannot build the capability set", errno));
            }
        }
    }
    if (cap_set_proc(caps.get()) != 0) {
        return failure(MirrorError::NotPermitted, withErrno("cannot drop capabilities", errno));
    }
    return std::nullopt;
}

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

// Writes "/proc/self/<kind>/<fd>" into `path` (at least 40 bytes).
void procFdPath(char *path, const char *kind, int fd)
{
    std::size_t at = 0;
    for (const char *part : {"/proc/self/", kind, "/"}) {
        while (*part) {
            path[at++] = *part++;
        }
    }
    char digits[12];
    int length = 0;
    for (unsigned int value = static_cast<unsigned int>(fd); length == 0 || value != 0; value /= 10) {
        digits[length++] = static_cast<char>('0' + value % 10);
    }
    while (length > 0) {
        path[at++] = digits[--length];
    }
    path[at] = '\0';
}

// The server runs without effective capabilities: the guard raises
// CAP_SYS_ADMIN (statmount, umount2) and CAP_DAC_READ_SEARCH (the mount
// point's parent may be a private folder) on the thread the signal landed
// on, and puts that thread's set back afterwards. Raw capget/capset:
// async-signal-safe.
class GuardCapabilities
{
public:
    GuardCapabilities()
    {
        if (syscall(SYS_capget, &m_header, m_saved) != 0) {
            return;
        }
        __user_cap_data_struct raised[_LINUX_CAPABILITY_U32S_3];
        for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; ++i) {
            raised[i] = m_saved[i];
        }
        raised[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective |= CAP_TO_MASK(CAP_SYS_ADMIN);
        raised[CAP_TO_INDEX(CAP_DAC_READ_SEARCH)].effective |= CAP_TO_MASK(CAP_DAC_READ_SEARCH);
        m_changed = syscall(SYS_capset, &m_header, raised) == 0;
    }
    ~GuardCapabilities()
    {
        if (m_changed) {
            syscall(SYS_capset, &m_header, m_saved);
        }
    }
    GuardCapabilities(const GuardCapabilities &) = delete;
    GuardCapabilities &operator=(const GuardCapabilities &) = delete;

private:
    __user_cap_header_struct m_header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct m_saved[_LINUX_CAPABILITY_U32S_3]{};
    bool m_changed = false;
};

// Async-signal-safe: system calls and fixed buffers, no allocation.
void detachOrphanedMount(int)
{
    const int savedErrno = errno;
    const GuardCapabilities capabilities;
    const int top = openat(s_guard.parentFd, s_guard.name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (top >= 0) {
        // The same mount id check as the supervisor's (base/mounttable.h).
        if (isStillMount(top, s_guard.mountId, s_guard.uniqueMountId)) {
            char path[48];
            procFdPath(path, "fd", top);
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

std::span<const cap_value_t> supervisorCapabilities()
{
    return SupervisorCapabilities;
}

CheckResult confineSupervisor(const SupervisorFilterSetup &setup)
{
    if (auto problem = keepOnlyCapabilities(SupervisorCapabilities)) {
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
