// SPDX-License-Identifier: GPL-2.0-or-later
// The process that mounts, forks the FUSE server, tells the starter when the
// mount is live, and detaches the mount and removes the stats file however
// the server ends. Before it says the mount is live it confines itself
// (confinement.h: two capabilities, its own system call allowlist).
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
    // How long the server may take to answer INIT and the first GETATTR.
    std::chrono::milliseconds readyTimeout{30000};
};

// Returns the exit status: 0 after a clean end (an unmount from outside, or
// SIGTERM/SIGINT/SIGHUP: the mount is detached at once, and a server still
// serving files opened before is left to finish them alone), DaemonDied when
// the server was killed, or the startup failure (already reported through
// `reporter`).
[[nodiscard]] int runSupervisor(SupervisorSetup setup, StartupReporter &reporter);

} // namespace PassMirror
