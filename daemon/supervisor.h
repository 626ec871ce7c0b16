// SPDX-License-Identifier: GPL-2.0-or-later
// The process that mounts, forks the FUSE server, tells the starter when the
// mount is live, and detaches the mount and removes the stats file and the
// mount record however the server ends. Before it says the mount is live it
// confines itself (confinement.h) to its own system call allowlist
// (seccompfilter.h) and three capabilities:
//  - CAP_SYS_ADMIN, for statmount and umount2: finding its mount again and
//    detaching it;
//  - CAP_DAC_READ_SEARCH, to look the mount point up in its parent, which
//    may be a private folder of the owner's;
//  - CAP_KILL, because its server runs as the owner: the kernel checks the
//    parent-death signal that wakes the server's orphan guard (and any
//    signal the supervisor sends it) against the supervisor's credentials.
// It stays uid 0: the stats and mount-record directories are root's.
#pragma once

#include "options.h"
#include "ownercredentials.h"
#include "pathrules.h"
#include "startupreport.h"

#include <chrono>

namespace PassMirror
{

struct SupervisorSetup {
    Options options;
    UserIdentity owner;
    PathRules::ValidatedPaths paths;
    // How long the server may take to answer INIT and the GETATTRs of the
    // root until the kernel keeps the root's attributes.
    std::chrono::milliseconds readyTimeout{30000};
};

// Returns the exit status: 0 after a clean end (an unmount from outside, or
// SIGTERM/SIGINT/SIGHUP: the mount is detached at once, and a server still
// serving files opened before is left to finish them alone), DaemonDied when
// the server was killed, or the startup failure (already reported through
// `reporter`).
[[nodiscard]] int runSupervisor(SupervisorSetup setup, StartupReporter &reporter);

} // namespace PassMirror
