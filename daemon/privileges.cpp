// SPDX-License-Identifier: GPL-2.0-or-later
#include "privileges.h"

#include "confinement.h"
#include "seccompfilter.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <grp.h>
#include <linux/securebits.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
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
        // What a root caller may have raised (Fs::rootCallerCapabilities()).
        keep.insert(keep.end(), {CAP_CHOWN, CAP_FOWNER, CAP_DAC_OVERRIDE, CAP_FSETID, CAP_MKNOD});
    }
    return keep;
}

namespace
{

// Every id of this thread is the owner's, and no capability is effective.
CheckResult checkServerIdentity(const OwnerCredentials &owner, const std::vector<cap_value_t> &keep)
{
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot read back the server's ids", errno));
    }
    const auto fsuid = static_cast<uid_t>(syscall(SYS_setfsuid, static_cast<uid_t>(-1)));
    const auto fsgid = static_cast<gid_t>(syscall(SYS_setfsgid, static_cast<gid_t>(-1)));
    if (ruid != owner.uid || euid != owner.uid || suid != owner.uid || fsuid != owner.uid || rgid != owner.gid || egid != owner.gid
        || sgid != owner.gid || fsgid != owner.gid) {
        return failure(MirrorError::NotPermitted, "the server's ids did not all become the owner's");
    }
    const Caps caps(cap_get_proc());
    if (!caps) {
        return failure(MirrorError::Internal, withErrno("cannot read back the server's capabilities", errno));
    }
    for (cap_value_t capability = 0; capability <= CAP_LAST_CAP; ++capability) {
        cap_flag_value_t effective = CAP_CLEAR;
        cap_flag_value_t permitted = CAP_CLEAR;
        cap_flag_value_t inheritable = CAP_CLEAR;
        if (!CAP_IS_SUPPORTED(capability)) {
            continue;
        }
        cap_get_flag(caps.get(), capability, CAP_EFFECTIVE, &effective);
        cap_get_flag(caps.get(), capability, CAP_PERMITTED, &permitted);
        cap_get_flag(caps.get(), capability, CAP_INHERITABLE, &inheritable);
        const bool kept = std::ranges::find(keep, capability) != keep.end();
        if (effective == CAP_SET || inheritable == CAP_SET || (permitted == CAP_SET && !kept)) {
            return failure(MirrorError::NotPermitted, "the server kept a capability it must not have: " + std::string(cap_to_name(capability)));
        }
    }
    return std::nullopt;
}

} // namespace

CheckResult dropServerPrivileges(const OwnerCredentials &owner, const ServerConfinement &confinement)
{
    const std::vector<cap_value_t> keep = serverCapabilities(owner, confinement.shared);
    const auto kept = [&keep](cap_value_t capability) {
        return std::ranges::find(keep, capability) != keep.end();
    };

    // Needs CAP_SETPCAP, so first. Locked: nothing later can undo them.
    constexpr unsigned long SecureBits = SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_NOROOT | SECBIT_NOROOT_LOCKED
        | SECBIT_KEEP_CAPS_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
    if (prctl(PR_SET_SECUREBITS, SecureBits, 0, 0, 0) != 0) {
        return failure(MirrorError::NotPermitted, withErrno("cannot set the securebits", errno));
    }
    // The bounding set needs CAP_SETPCAP too, so before the capset below.
    for (cap_value_t capability = 0; capability <= CAP_LAST_CAP; ++capability) {
        if (!kept(capability) && CAP_IS_SUPPORTED(capability) && cap_drop_bound(capability) != 0) {
            return failure(MirrorError::Internal, withErrno("cannot drop capabilities from the bounding set", errno));
        }
    }
    if (cap_reset_ambient() != 0 && errno != EINVAL) {
        return failure(MirrorError::Internal, withErrno("cannot clear ambient capabilities", errno));
    }

    // glibc's wrappers on purpose: every thread of the process (a sanitizer's
    // too) becomes the owner. With SECBIT_NO_SETUID_FIXUP this thread keeps
    // its capabilities through it; the capset below settles them.
    if (setgroups(owner.groups.size(), owner.groups.data()) != 0 || setresgid(owner.gid, owner.gid, owner.gid) != 0
        || setresuid(owner.uid, owner.uid, owner.uid) != 0) {
        return failure(MirrorError::NotPermitted, withErrno("cannot become the owner", errno));
    }

    const Caps caps(cap_init());
    if (!caps) {
        return failure(MirrorError::Internal, withErrno("cannot allocate a capability set", errno));
    }
    for (const cap_value_t capability : keep) {
        if (cap_set_flag(caps.get(), CAP_PERMITTED, 1, &capability, CAP_SET) != 0) {
            return failure(MirrorError::Internal, withErrno("cannot build the capability set", errno));
        }
    }
    if (cap_set_proc(caps.get()) != 0) {
        return failure(MirrorError::NotPermitted, withErrno("cannot drop capabilities", errno));
    }
    if (auto problem = checkServerIdentity(owner, keep)) {
        return problem;
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot set no_new_privs", errno));
    }
    // After the last credential change of this thread: the kernel forgets a
    // parent-death request when the ids or capabilities change.
    armOrphanGuard();
    return installServerSyscallFilter({confinement.shared, confinement.ioUring, getpid()});
}

} // namespace PassMirror
