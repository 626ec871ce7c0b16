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

// The capabilities the server keeps: CAP_SYS_ADMIN (backing-open ioctl) and
// CAP_DAC_READ_SEARCH (open_by_handle_at); shared mode adds CAP_SETUID and
// CAP_SETGID to switch to each caller, and the filesystem capabilities that
// the kernel grants only while fsuid is 0 (a root caller); a root owner keeps
// those too.
[[nodiscard]] std::vector<cap_value_t> serverCapabilities(const OwnerCredentials &owner, bool shared);

// In the FUSE server before its threads start (they inherit all of it): this
// thread's fs credentials become the owner's, the bounding and ambient sets
// lose everything but serverCapabilities(), no_new_privs is set, the orphan
// guard is armed (confinement.h) and the system call allowlist is loaded
// for every thread (seccompfilter.h).
//
// The filesystem capabilities (CAP_DAC_READ_SEARCH among them) end up in the
// permitted set only while fsuid is not 0: the kernel drops them from the
// effective set at a 0 -> non-0 fsuid change and raises them back at
// non-0 -> 0. A thread that needs one for a single call (open_by_handle_at)
// raises it in its own effective set around that call.
[[nodiscard]] CheckResult dropServerPrivileges(const OwnerCredentials &owner, bool shared);

} // namespace PassMirror
