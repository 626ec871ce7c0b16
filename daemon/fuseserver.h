// SPDX-License-Identifier: GPL-2.0-or-later
// The FUSE server process: serves one mounted connection with
// MirrorFilesystem, with the owner's credentials and few capabilities.
#pragma once

#include "filesystemconfig.h"
#include "fuseiouring.h"
#include "ownercredentials.h"
#include "uniquefd.h"

namespace PassMirror
{

struct ServerSetup {
    FilesystemConfig config;
    UserIdentity owner;
    UniqueFd fuseFd; // the mounted /dev/fuse connection
    // Gets one status line: "ready" once INIT was accepted, or the refusal.
    UniqueFd statusPipe;
    unsigned int maxThreads = 16;
    IoUringMode ioUring = IoUringMode::Auto;
};

// Runs in the forked child. Returns its exit status: 0 when the session
// ended normally (unmounted, or SIGTERM/SIGINT), the MirrorError otherwise.
// Writes the transport really in use to the stats file (see fuseserver.cpp).
[[nodiscard]] int runFuseServer(ServerSetup setup);

} // namespace PassMirror
