// SPDX-License-Identifier: GPL-2.0-or-later
// What /proc/self/mountinfo says about a path: the only way tests decide
// whether something is mounted. The table is read by base/mounttable.h,
// the same parser every process uses.
#pragma once

#include "mounttable.h"

#include <optional>
#include <string>
#include <vector>

namespace PassMirror::Test
{

using MountEntry = PassMirror::MountTableEntry;

// The topmost mount whose mount point is exactly `path` (no symlink
// resolution: give canonical paths), if any.
[[nodiscard]] std::optional<MountEntry> findMount(const std::string &path);

[[nodiscard]] bool isMountPoint(const std::string &path);

// Every mount point at or below `path`, deepest first.
[[nodiscard]] std::vector<std::string> mountsBelow(const std::string &path);

// Polls mountinfo until `path` is (or is no longer) a mount point.
[[nodiscard]] bool waitForMountState(const std::string &path, bool mounted, int timeoutMs);

} // namespace PassMirror::Test
