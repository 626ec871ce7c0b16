// SPDX-License-Identifier: GPL-2.0-or-later
// Which filesystems are the kernel's own views of its state (proc, sysfs,
// cgroup, debugfs, ...) rather than stored files.
//
// A mirror of one would put passmirrord between a user and files whose
// access checks look at who opens them (its capabilities, its real ids, its
// ptrace rights), not at file modes alone: the mirror could then grant what
// the source does not. So neither the helper nor the daemon mirrors a source
// on one, or a source with one mounted below it, and the daemon refuses to
// step into one that is mounted below the source later (docs/ARCHITECTURE.md,
// "Security").
#pragma once

#include <optional>
#include <string_view>

namespace PassMirror
{

// The pseudo-filesystem with statfs(2) magic `type` ("proc", "sysfs", ...),
// nullopt when `type` stores files.
[[nodiscard]] std::optional<std::string_view> pseudoFilesystemByMagic(unsigned long type) noexcept;

// True when `fsType`, a mount table's type field ("proc", "cgroup2",
// "fuse.something", ...), names a pseudo-filesystem.
[[nodiscard]] bool isPseudoFilesystemType(std::string_view fsType) noexcept;

// The pseudo-filesystem the file behind `fd` (any fd, O_PATH too) lives on;
// nullopt when it stores files or fstatfs fails.
[[nodiscard]] std::optional<std::string_view> pseudoFilesystemOf(int fd) noexcept;

} // namespace PassMirror
