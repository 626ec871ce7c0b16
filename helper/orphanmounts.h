// SPDX-License-Identifier: GPL-2.0-or-later
// Orphan mounts: a passmirror FUSE mount that no registry entry owns and
// whose daemon is gone (killed together with its supervisor, say). Such a
// mount answers every access with ENOTCONN ("Transport endpoint is not
// connected") until someone detaches it; the helper does, on its next call.
#pragma once

#include "mountinfo.h"

#include <QSet>

#include <chrono>

namespace PassMirror
{

// Is the FUSE connection behind `mount` gone (its server dead)? Root cannot
// ask: FUSE answers processes other than the mount's owner from the cache or
// with EACCES, never with ENOTCONN. So a child process takes the owner's
// user_id/group_id and stats the mount's root with AT_STATX_FORCE_SYNC (a
// real request, not cached attributes); ENOTCONN means the server is gone. Anything else, or no answer within `limit` (a live but stuck server),
// counts as alive: only certainly dead mounts are detached.
[[nodiscard]] bool fuseServerGone(const MountEntry &mount, std::chrono::milliseconds limit);

// The passmirror mounts of the mount table that are not in `owned` (mount ids
// of registry entries) and whose server is gone.
[[nodiscard]] QList<MountEntry> orphanMounts(const QList<MountEntry> &mounts, const QSet<quint64> &owned);

} // namespace PassMirror
