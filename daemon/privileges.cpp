// SPDX-License-Identifier: GPL-2.0-or-later
#include "privileges.h"

#include "confinement.h"
#include "seccompfilter.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{

struct CapFree {
    void operator()(cap_t caps) const
    {
        cap_free(caps);
    }
};
using Caps = std::unique_ptr<std::remove_pointer_t<cap_t>, CapFree>;

bool hasEffective(cap_value_t capability)
{
    const Caps caps(cap_get_proc());
    cap_flag_value_t value = CAP_CLEAR;
    return caps && cap_get_flag(caps.get(), capability, CAP_EFFECTIVE, &value) == 0 && value == CAP_SET;
}

constexpr cap_value_t FilesystemCapabilities[] = {CAP_CHOWN, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER,
                                                  CAP_FSETID, CAP_MKNOD, CAP_LINUX_IMMUTABLE, CAP_MAC_OVERRIDE};

bool isFilesystemCapability(cap_value_t capability)
{
    return std::ranges::find(FilesystemCapabilities, capability) != std::end(FilesystemCapabilities);
}

} // namespace

CheckResult checkRunningAsRoot()
{
    if (geteuid() != 0) {
        return failure(MirrorError::NotPermitted, "must be started as root (it mounts and then drops privileges)");
    }
    return std::nullopt;
}

CheckResult checkCanMount()
{
    if (!hasEffective(CAP_SYS_ADMIN)) {
        return failure(MirrorError::NotPermitted, "runs as root but without CAP_SYS_ADMIN, which mounting needs");
    }
    return std::nullopt;
}

bool kernelAtLeast(int major, int minor)
{
    utsname name{};
    if (uname(&name) != 0) {
        return false;
    }
    int haveMajor = 0;
    int haveMinor = 0;
    if (std::sscanf(name.release, "%d.%d", &haveMajor, &haveMinor) != 2) {
        return false;
    }
    return haveMajor > major || (haveMajor == major && haveMinor >= minor);
}

CheckResult checkPassthroughPossible()
{
    if (!kernelAtLeast(6, 9)) {
        utsname name{};
        uname(&name);
        return failure(MirrorError::PassthroughUnavailable,
                       std::string("--passthrough=on needs Linux 6.9 or later; this is ") + name.release);
    }
    if (!hasEffective(CAP_SYS_ADMIN)) {
        return failure(MirrorError::PassthroughUnavailable, "--passthrough=on needs CAP_SYS_ADMIN, which this process lacks");
    }
    return std::nullopt;
}

void raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

std::vector<cap_value_t> serverCapabilities(const OwnerCredentials &owner, bool shared)
{
    std::vector<cap_value_t> keep = {CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH};
    if (shared) {
        keep.insert(keep.end(), {CAP_SETUID, CAP_SETGID});
    }
    if (shared || owner.uid == 0) {
        keep.insert(keep.end(), {CAP_CHOWN, CAP_FOWNER, CAP_DAC_OVERRIDE, CAP_FSETID, CAP_MKNOD});
    }
    return keep;
}

CheckResult dropServerPrivileges(const OwnerCredentials &owner, bool shared)
{
    const std::vector<cap_value_t> keep = serverCapabilities(owner, shared);
    const auto kept = [&keep](cap_value_t capability) {
        return std::ranges::find(keep, capability) != keep.end();
    };

    // Needs CAP_SETUID/CAP_SETGID, so before they go.
    if (!setThreadFsCredentials(owner.uid, owner.gid, owner.groups)) {
        return failure(MirrorError::NotPermitted, withErrno("cannot take the owner's filesystem credentials", errno));
    }

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
        if (cap_set_flag(caps.get(), CAP_PERMITTED, 1, &capability, CAP_SET) != 0) {
            return failure(MirrorError::Internal, withErrno("cannot build the capability set", errno));
        }
        // With fsuid no longer 0 the filesystem capabilities stay permitted
        // only; the kernel raises them again if a thread goes to fsuid 0.
        const bool effective = owner.uid == 0 || !isFilesystemCapability(capability);
        if (effective && cap_set_flag(caps.get(), CAP_EFFECTIVE, 1, &capability, CAP_SET) != 0) {
            return failure(MirrorError::Internal, withErrno("cannot build the capability set", errno));
        }
    }
    if (cap_set_proc(caps.get()) != 0) {
        return failure(MirrorError::NotPermitted, withErrno("cannot drop capabilities", errno));
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot set no_new_privs", errno));
    }
    // After the last credential change: the kernel forgets a parent-death
    // request when fs ids or capabilities change.
    armOrphanGuard();
    return installServerSyscallFilter();
}

} // namespace PassMirror
