// SPDX-License-Identifier: GPL-2.0-or-later
// Taking one mirror's mount away, by its mount id, and waiting for its
// passmirrord to be gone: what unmount, unmountall and the sweep share.
#pragma once

#include "mirrorresult.h"

#include <QByteArray>

#include <chrono>

namespace PassMirror
{

// Detaches (force) or unmounts the mount with id `mountId` at `mountPoint`.
// Root cannot enter a FUSE mount made without allow_other, so the mount is
// identified by the mount table (the topmost mount at that path must have
// this id) and unmounted by name relative to its parent folder, opened
// without symlinks: a path swapped meanwhile cannot redirect it. A folder
// that is a mount point cannot be renamed, so the name stays bound to it.
// Never walks into a user-served shared FUSE mount (Busy).
[[nodiscard]] MirrorResult unmountById(const QByteArray &mountPoint, quint64 mountId, bool force);

// The process exists (a zombie too); EPERM counts as alive.
[[nodiscard]] bool processAlive(qint64 pid);

// Returns once `pid` has ended (or is a zombie), or after `limit`.
void waitForExit(qint64 pid, std::chrono::milliseconds limit);

} // namespace PassMirror
