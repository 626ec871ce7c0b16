// SPDX-License-Identifier: GPL-2.0-or-later
// The directories where passmirrord publishes files for others (the stats
// file, the mount record): root's, opened one component at a time without
// following symlinks, and files in them removed only while they are still
// the ones passmirrord made.
#pragma once

#include "failure.h"
#include "uniquefd.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>

namespace PassMirror
{

// Every directory on the way must be root's and not writable by others (a
// sticky world-writable one like /tmp is allowed above the last); the last
// one must not be group- or world-writable. PathInvalid otherwise; `what`
// names the directory's use in the message ("stats file directory").
[[nodiscard]] CheckResult checkRootDirectory(int directoryFd, const std::string &path, bool isLast, const std::string &what);

// Opens the directory `path` (absolute) from "/", one component at a time,
// each checked by checkRootDirectory. With `lastMode`, missing components
// are made, root's, 0755 (`lastMode` for the last): explicit modes, so the
// umask never decides who may read.
[[nodiscard]] std::variant<UniqueFd, Failure>
openRootDirectory(const std::string &path, const std::string &what, std::optional<mode_t> lastMode = std::nullopt);

// Unlinks `name` in `directoryFd` if it still is the file open as `fd`
// (same dev, ino): never a file someone put there in its place.
void unlinkIfStillOurs(int directoryFd, const std::string &name, int fd);

} // namespace PassMirror
