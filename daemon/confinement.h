// SPDX-License-Identifier: GPL-2.0-or-later
// Confinement around the two processes of passmirrord.
//
// The supervisor, once the mount is live, keeps only what detaching it
// needs and loads its own small system call allowlist (confineSupervisor).
//
// The orphan guard is the FUSE server's last duty if its supervisor is
// SIGKILLed (or crashes): nobody else would detach the mount, which would
// stay behind answering ENOTCONN. The server asks the kernel for a signal
// when its parent dies and then detaches the mount itself: the same mount id
// check as the supervisor, through the same mount-point parent fd, never a
// path. (The server's own privileges and filter: privileges.h.)
#pragma once

#include "failure.h"
#include "seccompfilter.h"
#include "statslayout.h"

#include <cstdint>
#include <span>
#include <string>
#include <sys/capability.h>
#include <sys/types.h>

namespace PassMirror
{

// What the supervisor keeps: CAP_SYS_ADMIN for umount2 and statmount,
// CAP_DAC_READ_SEARCH to look the mount point up in its parent, which may be
// a private folder of the owner's, and CAP_KILL because its server runs as
// the owner: the kernel checks the parent-death signal that wakes the
// server's orphan guard (and any signal the supervisor sends it) against the
// supervisor's credentials. Its filter lets kill() reach only itself and
// its server. It stays uid 0: the stats directory is root's.
[[nodiscard]] std::span<const cap_value_t> supervisorCapabilities();

// In the supervisor once the mount is live and nothing more is to be started:
// every capability but supervisorCapabilities() leaves the bounding,
// permitted, effective, inheritable and ambient sets, no_new_privs is set and
// the supervisor's allowlist is loaded (seccompfilter.h). Irreversible.
[[nodiscard]] CheckResult confineSupervisor(const SupervisorFilterSetup &setup);

struct OrphanGuardSetup {
    int mountPointParentFd = -1; // kept open by the server for the guard
    std::string mountPointName;
    std::uint64_t mountId = 0; // mountinfo's (reusable) id, as FuseMount::mountId
    std::uint64_t uniqueMountId = 0; // never reused (0: kernel < 6.8; the old id alone decides, see isStillMount)
    pid_t supervisor = -1;
    Stats::Layout *stats = nullptr; // marked Died when the guard fires
};

// In the forked server, before anything else: remembers what to detach and
// installs the signal handler. Does not arm it (see armOrphanGuard).
void prepareOrphanGuard(const OrphanGuardSetup &setup);

// Asks for the signal when the supervisor dies. Must come after the last
// credential change of this thread (the kernel clears the request when the
// fs ids or capabilities change). Fires at once if the supervisor is gone
// already. No-op unless prepared.
void armOrphanGuard();

} // namespace PassMirror
