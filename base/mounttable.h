// SPDX-License-Identifier: GPL-2.0-or-later
// The mount table of this process's mount namespace (/proc/self/mountinfo),
// parsed once for every process that needs it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace PassMirror
{

// One line of mountinfo (proc(5)); paths unescaped ("\040" is a space).
struct MountTableEntry {
    std::uint64_t id = 0; // reused once the mount is gone
    std::uint64_t parentId = 0;
    std::string root; // the path of the mounted directory within its filesystem
    std::string mountPoint;
    std::string mountOptions; // per mount: rw,nosuid,...
    std::string fsType; // "ext4", "fuse.passmirror", ...
    std::string source;
    std::string superOptions; // per superblock: user_id=1000,...

    // The value of "key=value" in superOptions ("" for a bare "key"),
    // nullopt when absent.
    [[nodiscard]] std::optional<std::string> superOption(std::string_view key) const;
    [[nodiscard]] bool hasMountOption(std::string_view option) const;
    [[nodiscard]] bool hasSuperOption(std::string_view option) const
    {
        return superOption(option).has_value();
    }
    // FUSE's user_id= and group_id= (whom the kernel lets in without
    // allow_other); -1 when absent or not a number.
    [[nodiscard]] long long fuseUserId() const;
    [[nodiscard]] long long fuseGroupId() const;
};

// The value of "key=value" in a comma-separated option list ("" for a bare
// "key"), nullopt when absent.
[[nodiscard]] std::optional<std::string> optionValue(std::string_view options, std::string_view key);
// The same as a number: FUSE's user_id= and group_id=; -1 when absent or
// not a number.
[[nodiscard]] long long numericOption(std::string_view options, std::string_view key);

// Parses mountinfo text; lines that do not parse are skipped.
[[nodiscard]] std::vector<MountTableEntry> parseMountTable(std::string_view text);
// Reads and parses /proc/self/mountinfo (or `path`; empty when unreadable).
[[nodiscard]] std::vector<MountTableEntry> readMountTable(const char *path = "/proc/self/mountinfo");
// The topmost mount at exactly `mountPoint` (later lines are mounted on top).
[[nodiscard]] std::optional<MountTableEntry> mountAt(const std::vector<MountTableEntry> &mounts, std::string_view mountPoint);
// Turns mountinfo's octal escapes back into bytes.
[[nodiscard]] std::string unescapeMountField(std::string_view field);

// True when `path` is `directory` or lies below it (both absolute and
// normalised: no trailing slash, no "." or "..").
[[nodiscard]] bool isAtOrBelow(std::string_view path, std::string_view directory) noexcept;

// Which mount the open `fd` is on: /proc/self/fdinfo's mnt_id, the id
// mountinfo shows (0 when unknown). statx's STATX_MNT_ID would ask a FUSE
// server for attributes, which the kernel refuses to anyone but the owner
// without allow_other. Async-signal-safe (fixed buffers, system calls only).
[[nodiscard]] std::uint64_t mountIdOfFd(int fd) noexcept;

// The mount `fd` is on is the one that had mountinfo id `oldId` and unique
// id `uniqueId` when it was made: the old id alone is reused as soon as a
// mount is gone, so where the kernel has unique ids (Linux 6.8+, uniqueId
// not 0) the mount with that unique id must still carry the old id.
// Async-signal-safe (the orphan guard calls it in a signal handler).
[[nodiscard]] bool isStillMount(int fd, std::uint64_t oldId, std::uint64_t uniqueId) noexcept;

// Through statmount(2) and listmount(2) (Linux 6.8+): the never reused id of
// the mount with old id `oldId` in our namespace, and the old id of the
// mount with unique id `uniqueId` (nullopt: no such mount, or an older
// kernel). Neither sends anything to the mounted filesystem.
[[nodiscard]] std::optional<std::uint64_t> uniqueMountIdOf(std::uint64_t oldId);
[[nodiscard]] std::optional<std::uint32_t> oldIdOfUniqueMount(std::uint64_t uniqueId);

// The FUSE mount (fuse, fuseblk, fuse.*) at or above `path` that every user
// may enter (allow_other) and that a user other than root serves (user_id
// not 0), nullopt when there is none. Looking anything up in such a mount
// waits for that user's server, which may never answer: a privileged
// process serving everyone must not walk into one.
[[nodiscard]] std::optional<MountTableEntry> userServedSharedFuseMountAtOrAbove(const std::vector<MountTableEntry> &mounts, std::string_view path);

// The first mount of a pseudo-filesystem (filesystemkind.h) at or below
// `directory`, nullopt when there is none.
[[nodiscard]] std::optional<MountTableEntry> pseudoFilesystemMountAtOrBelow(const std::vector<MountTableEntry> &mounts, std::string_view directory);

} // namespace PassMirror
