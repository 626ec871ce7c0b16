// SPDX-License-Identifier: GPL-2.0-or-later
#include "privileges.h"

#include "capabilities.h"
#include "confinement.h"
#include "seccompfilter.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <grp.h>
#include <linux/securebits.h>
#include <memory>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace PassMirror
{

CheckResult checkRunningAsRoot()
{
    if (geteuid() != 0) {
        return failure(MirrorError::NotPermitted, "must be started as root (it mounts and then drops privileges)");
    }
    return std::nullopt;
}

CheckResult checkCanMount()
{
    if (!hasEffectiveCapability(CAP_SYS_ADMIN)) {
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
        return failure(MirrorError::PassthroughUnavailable, std::string("--passthrough=on needs Linux 6.9 or later; this is ") + name.release);
    }
    if (!hasEffectiveCapability(CAP_SYS_ADMIN)) {
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

std::vector<cap_value_t> serverCapabilities(const UserIdentity &owner, bool shared)
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
CheckResult checkServerIdentity(const UserIdentity &owner, const std::vector<cap_value_t> &keep)
{
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot read back the server's ids", errno));
    }
    const uid_t fsuid = currentFsuid();
    const gid_t fsgid = currentFsgid();
    if (ruid != owner.uid || euid != owner.uid || suid != owner.uid || fsuid != owner.uid || rgid != owner.gid || egid != owner.gid || sgid != owner.gid
        || fsgid != owner.gid) {
        return failure(MirrorError::NotPermitted, "the server's ids did not all become the owner's");
    }
    const auto beyond = capabilityBeyond(keep);
    if (const auto *problem = std::get_if<Failure>(&beyond)) {
        return *problem;
    }
    if (const auto capability = std::get<std::optional<cap_value_t>>(beyond)) {
        return failure(MirrorError::NotPermitted, "the server kept a capability it must not have: " + std::string(cap_to_name(*capability)));
    }
    return std::nullopt;
}

} // namespace

CheckResult dropServerPrivileges(const UserIdentity &owner, const ServerConfinement &confinement)
{
    const std::vector<cap_value_t> keep = serverCapabilities(owner, confinement.shared);
    // Needs CAP_SETPCAP, so first. Locked: nothing later can undo them.
    constexpr unsigned long SecureBits = SECBIT_NO_SETUID_FIXUP | SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_KEEP_CAPS_LOCKED
        | SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
    if (prctl(PR_SET_SECUREBITS, SecureBits, 0, 0, 0) != 0) {
        return failure(MirrorError::NotPermitted, withErrno("cannot set the securebits", errno));
    }
    if (auto problem = dropBoundingAndAmbientExcept(keep)) {
        return problem;
    }

    // glibc's wrappers on purpose: every thread of the process (a sanitizer's
    // too) becomes the owner. With SECBIT_NO_SETUID_FIXUP this thread keeps
    // its capabilities through it; the capset below settles them.
    if (setgroups(owner.groups.size(), owner.groups.data()) != 0 || setresgid(owner.gid, owner.gid, owner.gid) != 0
        || setresuid(owner.uid, owner.uid, owner.uid) != 0) {
        return failure(MirrorError::NotPermitted, withErrno("cannot become the owner", errno));
    }

    if (auto problem = setCapabilities(keep, false)) {
        return problem;
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
