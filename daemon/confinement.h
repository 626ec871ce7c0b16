// SPDX-License-Identifier: GPL-2.0-or-later
// The FUSE server's last duty if its supervisor is SIGKILLed (or crashes):
// nobody else would detach the mount, which would stay behind answering
// ENOTCONN. The server asks the kernel for a signal when its parent dies and
// then detaches the mount itself: the same mount id check as the supervisor,
// through the same mount-point parent fd, never a path.
#pragma once

#include "statslayout.h"

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace PassMirror
{

struct OrphanGuardSetup {
    int mountPointParentFd = -1; // kept open by the server for the guard
    std::string mountPointName;
    std::uint64_t mountId = 0; // mountinfo's (reusable) id, as FuseMount::mountId
    std::uint64_t uniqueMountId = 0; // never reused (0: kernel < 6.8: never detach)
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
