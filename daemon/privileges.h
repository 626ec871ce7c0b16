// SPDX-License-Identifier: GPL-2.0-or-later
// What root may keep once the FUSE server serves, and checks of what the
// kernel and our privileges allow before mounting.
#pragma once

#include "failure.h"
#include "ownercredentials.h"

#include <sys/capability.h>
#include <vector>

namespace PassMirror
{

// Effective uid 0: NotPermitted otherwise.
[[nodiscard]] CheckResult checkRunningAsRoot();
// CAP_SYS_ADMIN in effect, which the mount API needs: NotPermitted otherwise.
[[nodiscard]] CheckResult checkCanMount();

// For --passthrough=on: kernel >= 6.9 and CAP_SYS_ADMIN, which the kernel
// demands for FUSE_DEV_IOC_BACKING_OPEN. PassthroughUnavailable otherwise.
[[nodiscard]] CheckResult checkPassthroughPossible();
[[nodiscard]] bool kernelAtLeast(int major, int minor);

// Soft RLIMIT_NOFILE up to the hard limit: the server holds one fd per inode
// the kernel remembers.
void raiseFileLimit();

// The capabilities the server keeps permitted (never effective while idle):
// CAP_SYS_ADMIN (the passthrough backing-file ioctls) and CAP_DAC_READ_SEARCH
// (open_by_handle_at, and the orphan guard's lookup). A shared mirror adds
// CAP_SETUID and CAP_SETGID, to switch each request to its caller, and, like
// a mirror of root's, the filesystem capabilities a root caller may have
// raised for its requests (Fs::rootCallerCapabilities()).
[[nodiscard]] std::vector<cap_value_t> serverCapabilities(const UserIdentity &owner, bool shared);

struct ServerConfinement {
    bool shared = false;
    bool ioUring = false; // the io_uring calls stay allowed (the ring may start)
};

// In the FUSE server before its worker threads start (they inherit all of
// it), for good:
//  - the securebits SECBIT_NO_SETUID_FIXUP, SECBIT_NOROOT and
//    SECBIT_NO_CAP_AMBIENT_RAISE set and locked, SECBIT_KEEP_CAPS locked off:
//    changing ids never changes capabilities, exec could never gain any;
//  - the bounding and ambient sets lose everything but serverCapabilities();
//  - the real, effective, saved and fs uid and gid and the groups become the
//    owner's, on every thread (glibc's set*id wrappers broadcast);
//  - the permitted set becomes serverCapabilities(), the effective and
//    inheritable sets empty; read back, and refused if anything else holds;
//  - no_new_privs, the orphan guard armed (confinement.h), the system call
//    allowlist loaded on every thread (seccompfilter.h).
// A thread that needs a capability for one call raises it in its own
// effective set around that call (ScopedCapabilities, filesystem/threadcapabilities.h), and a request of
// another caller switches only its own thread (Fs::ScopedCallerIdentity).
[[nodiscard]] CheckResult dropServerPrivileges(const UserIdentity &owner, const ServerConfinement &confinement);

} // namespace PassMirror
