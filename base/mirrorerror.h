// SPDX-License-Identifier: GPL-2.0-or-later
// Why a mirror could not be made or removed: one list for the daemon (as its
// exit code), the helper (as its error code) and the clients (as words).
#pragma once

#include <cstdint>

namespace PassMirror
{

// The values are passmirrord's exit codes and cross D-Bus as integers: append only.
enum class MirrorError : std::uint8_t {
    None = 0,
    Internal = 1, // a bug or an unexpected system error; the message says which
    Usage = 2, // bad or missing arguments
    SourceMissing = 10,
    SourceNotDirectory = 11,
    SourceNotReadable = 12,
    MountPointMissing = 13,
    MountPointNotDirectory = 14,
    MountPointNotEmpty = 15,
    MountPointNotOwned = 16,
    MountPointInsideSource = 17,
    SourceInsideMountPoint = 18,
    PassthroughUnavailable = 19, // --passthrough=on and the kernel or privileges refuse
    MountFailed = 20,
    NotPermitted = 21, // the daemon lacks a privilege it needs (not root)
    OwnerUnknown = 22,
    PathInvalid = 23, // too long, not UTF-8, relative, or contains a symlink
    TooManyMirrors = 24,
    NotMounted = 25,
    Busy = 26,
    AuthorizationDenied = 27,
    HelperUnavailable = 28,
    Timeout = 29,
    DaemonDied = 30,
    IoUringUnavailable = 31, // the kernel has no FUSE over io_uring (enable_uring)
    SourcePseudoFilesystem = 32, // the source is on, or contains, /proc, /sys or the like
};

} // namespace PassMirror
