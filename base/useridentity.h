// SPDX-License-Identifier: GPL-2.0-or-later
// A user as PassMirror acts as one: ids and groups from the user database,
// and the calling thread's file system identity.
//
// Credentials are per thread in the kernel; glibc's set*id and setgroups
// wrappers change every thread of the process (they broadcast). Everything
// here uses the raw system calls and so changes the calling thread only.
#pragma once

#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace PassMirror
{

struct UserIdentity {
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups; // supplementary groups, the primary one included
    std::string name;

    [[nodiscard]] std::string describe() const; // the name, or "uid N"
};

// From the user database (getpwuid_r/getpwnam_r, getgrouplist). nullopt
// with errno 0: no such user; with errno set: the lookup itself failed.
[[nodiscard]] std::optional<UserIdentity> lookupUser(uid_t uid);
[[nodiscard]] std::optional<UserIdentity> lookupUser(const std::string &name);

// The calling thread's fsuid / fsgid, read without changing them.
[[nodiscard]] uid_t currentFsuid() noexcept;
[[nodiscard]] gid_t currentFsgid() noexcept;
// This thread's supplementary groups (needs CAP_SETGID).
[[nodiscard]] bool setThreadGroups(const std::vector<gid_t> &groups) noexcept;
// This thread's groups, fsgid and fsuid, in that order (changing fsuid away
// from 0 drops the filesystem capabilities, which setgroups needs), read
// back: false when any did not take.
[[nodiscard]] bool setThreadFsIdentity(uid_t uid, gid_t gid, const std::vector<gid_t> &groups) noexcept;

// While alive, the calling thread's file system checks are `who`'s (fsuid,
// fsgid, groups); what was there before comes back in the destructor. Root
// only. isActive() says whether the switch took; a check must not run as
// root when it did not.
class ScopedFsIdentity
{
public:
    explicit ScopedFsIdentity(const UserIdentity &who);
    ~ScopedFsIdentity();
    ScopedFsIdentity(const ScopedFsIdentity &) = delete;
    ScopedFsIdentity &operator=(const ScopedFsIdentity &) = delete;

    [[nodiscard]] bool isActive() const noexcept
    {
        return m_active;
    }

private:
    std::vector<gid_t> m_savedGroups;
    uid_t m_savedUid = 0;
    gid_t m_savedGid = 0;
    bool m_saved = false;
    bool m_active = false;
};

} // namespace PassMirror
