// SPDX-License-Identifier: GPL-2.0-or-later
// Who the mirror is for, and acting as them on one thread for a moment.
#pragma once

#include "failure.h"

#include <optional>
#include <string>
#include <sys/types.h>
#include <variant>
#include <vector>

namespace PassMirror
{

struct OwnerCredentials {
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups; // supplementary groups, the primary one included
    std::string name;
};

// spec: a user name or a decimal uid; nullopt means the real uid of this
// process (SUDO_UID and the like are not trusted). OwnerUnknown when there is
// no passwd entry: without one there is no primary group to mount with.
[[nodiscard]] std::variant<OwnerCredentials, Failure> lookupOwner(const std::optional<std::string> &spec);

// Sets this thread's fsuid, fsgid and groups with the raw syscalls: glibc's
// wrappers would change every thread of the process.
[[nodiscard]] bool setThreadFsCredentials(uid_t uid, gid_t gid, const std::vector<gid_t> &groups);

// Acts as the owner for file access checks on this thread until destroyed.
// Requires CAP_SETUID/CAP_SETGID; restores root's fs credentials after.
class ScopedOwnerFsCredentials
{
public:
    explicit ScopedOwnerFsCredentials(const OwnerCredentials &owner);
    ~ScopedOwnerFsCredentials();
    ScopedOwnerFsCredentials(const ScopedOwnerFsCredentials &) = delete;
    ScopedOwnerFsCredentials &operator=(const ScopedOwnerFsCredentials &) = delete;

    [[nodiscard]] bool isActive() const
    {
        return m_active;
    }

private:
    uid_t m_savedUid;
    gid_t m_savedGid;
    std::vector<gid_t> m_savedGroups;
    bool m_saved = false;
    bool m_active = false;
};

} // namespace PassMirror
