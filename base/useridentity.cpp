// SPDX-License-Identifier: GPL-2.0-or-later
#include "useridentity.h"

#include <cerrno>
#include <grp.h>
#include <pwd.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{

// getpwuid_r/getpwnam_r with a buffer that grows until the entry fits, then
// the groups the user database gives the user.
template<typename Lookup>
std::optional<UserIdentity> lookup(Lookup call)
{
    std::vector<char> buffer(4096);
    for (;;) {
        passwd entry{};
        passwd *result = nullptr;
        const int error = call(&entry, buffer.data(), buffer.size(), &result);
        if (error == ERANGE && buffer.size() < (1u << 20)) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        if (result == nullptr) {
            // "Not found" comes back as 0 or as one of these, by the C library's taste.
            errno = (error == 0 || error == ENOENT || error == ESRCH || error == EBADF || error == EPERM) ? 0 : error;
            return std::nullopt;
        }
        UserIdentity user;
        user.uid = entry.pw_uid;
        user.gid = entry.pw_gid;
        user.name = entry.pw_name;
        int count = 32;
        user.groups.resize(static_cast<std::size_t>(count));
        while (getgrouplist(entry.pw_name, entry.pw_gid, user.groups.data(), &count) < 0) {
            if (count > 65536) {
                errno = E2BIG;
                return std::nullopt;
            }
            user.groups.resize(static_cast<std::size_t>(count));
        }
        user.groups.resize(static_cast<std::size_t>(count));
        return user;
    }
}

} // namespace

std::string UserIdentity::describe() const
{
    return name.empty() ? "uid " + std::to_string(uid) : name;
}

std::optional<UserIdentity> lookupUser(uid_t uid)
{
    return lookup([uid](passwd *entry, char *buffer, std::size_t size, passwd **result) {
        return getpwuid_r(uid, entry, buffer, size, result);
    });
}

std::optional<UserIdentity> lookupUser(const std::string &name)
{
    return lookup([&name](passwd *entry, char *buffer, std::size_t size, passwd **result) {
        return getpwnam_r(name.c_str(), entry, buffer, size, result);
    });
}

uid_t currentFsuid() noexcept
{
    // setfsuid(-1) fails (invalid id) and returns the current fsuid.
    return static_cast<uid_t>(syscall(SYS_setfsuid, static_cast<uid_t>(-1)));
}

gid_t currentFsgid() noexcept
{
    return static_cast<gid_t>(syscall(SYS_setfsgid, static_cast<gid_t>(-1)));
}

bool setThreadGroups(const std::vector<gid_t> &groups) noexcept
{
    return syscall(SYS_setgroups, groups.size(), groups.empty() ? nullptr : groups.data()) == 0;
}

bool setThreadFsIdentity(uid_t uid, gid_t gid, const std::vector<gid_t> &groups) noexcept
{
    if (!setThreadGroups(groups)) {
        return false;
    }
    // setfsuid/setfsgid answer with the previous value, never an error: read back.
    syscall(SYS_setfsgid, gid);
    if (currentFsgid() != gid) {
        return false;
    }
    syscall(SYS_setfsuid, uid);
    return currentFsuid() == uid;
}

ScopedFsIdentity::ScopedFsIdentity(const UserIdentity &who)
    : m_savedUid(currentFsuid())
    , m_savedGid(currentFsgid())
{
    const long count = syscall(SYS_getgroups, 0, nullptr);
    if (count < 0) {
        return;
    }
    m_savedGroups.resize(static_cast<std::size_t>(count));
    if (count > 0 && syscall(SYS_getgroups, count, m_savedGroups.data()) != count) {
        return;
    }
    m_saved = true;
    m_active = setThreadFsIdentity(who.uid, who.gid, who.groups);
}

ScopedFsIdentity::~ScopedFsIdentity()
{
    // Only what was saved: going back to fsuid 0 raises the filesystem
    // capabilities again.
    if (m_saved) {
        (void)setThreadFsIdentity(m_savedUid, m_savedGid, m_savedGroups);
    }
}

} // namespace PassMirror
