// SPDX-License-Identifier: GPL-2.0-or-later
#include "ownercredentials.h"

#include <cerrno>
#include <charconv>
#include <grp.h>
#include <pwd.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{

std::optional<uid_t> parseUid(const std::string &text)
{
    uid_t value{};
    if (text.empty() || text.front() < '0' || text.front() > '9') {
        return std::nullopt;
    }
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == static_cast<uid_t>(-1)) {
        return std::nullopt;
    }
    return value;
}

// getpwnam_r/getpwuid_r with a buffer that grows until the entry fits.
template<typename Lookup>
std::variant<OwnerCredentials, Failure> lookupPasswd(const std::string &what, Lookup lookup)
{
    std::vector<char> buffer(4096);
    for (;;) {
        passwd entry{};
        passwd *result = nullptr;
        const int error = lookup(&entry, buffer.data(), buffer.size(), &result);
        if (error == ERANGE && buffer.size() < (1u << 20)) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        if (error != 0 && error != ENOENT && error != ESRCH && error != EBADF && error != EPERM) {
            return failure(MirrorError::Internal, withErrno("cannot look up user " + what, error));
        }
        if (result == nullptr) {
            return failure(MirrorError::OwnerUnknown, "user " + what + " does not exist");
        }
        OwnerCredentials owner;
        owner.uid = entry.pw_uid;
        owner.gid = entry.pw_gid;
        owner.name = entry.pw_name;

        int count = 32;
        owner.groups.resize(static_cast<std::size_t>(count));
        while (getgrouplist(entry.pw_name, entry.pw_gid, owner.groups.data(), &count) < 0) {
            if (count > 65536) {
                return failure(MirrorError::Internal, "user " + what + " is in too many groups");
            }
            owner.groups.resize(static_cast<std::size_t>(count));
        }
        owner.groups.resize(static_cast<std::size_t>(count));
        return owner;
    }
}

} // namespace

std::variant<OwnerCredentials, Failure> lookupOwner(const std::optional<std::string> &spec)
{
    std::optional<uid_t> uid;
    if (!spec) {
        uid = getuid();
    } else {
        uid = parseUid(*spec);
    }
    if (uid) {
        const uid_t value = *uid;
        return lookupPasswd("with uid " + std::to_string(value), [value](passwd *entry, char *buffer, std::size_t size, passwd **result) {
            return getpwuid_r(value, entry, buffer, size, result);
        });
    }
    const std::string &name = *spec;
    return lookupPasswd(name, [&name](passwd *entry, char *buffer, std::size_t size, passwd **result) {
        return getpwnam_r(name.c_str(), entry, buffer, size, result);
    });
}

bool setThreadFsCredentials(uid_t uid, gid_t gid, const std::vector<gid_t> &groups)
{
    // Groups and gid first, so that a failure leaves the fsuid (and with it the
    // filesystem capabilities the kernel ties to fsuid 0) as it was.
    if (syscall(SYS_setgroups, groups.size(), groups.data()) != 0) {
        return false;
    }
    // setfsuid/setfsgid report the previous value, never an error: read back.
    syscall(SYS_setfsgid, gid);
    if (static_cast<gid_t>(syscall(SYS_setfsgid, static_cast<gid_t>(-1))) != gid) {
        return false;
    }
    syscall(SYS_setfsuid, uid);
    return static_cast<uid_t>(syscall(SYS_setfsuid, static_cast<uid_t>(-1))) == uid;
}

ScopedOwnerFsCredentials::ScopedOwnerFsCredentials(const OwnerCredentials &owner)
    : m_savedUid(static_cast<uid_t>(syscall(SYS_setfsuid, static_cast<uid_t>(-1))))
    , m_savedGid(static_cast<gid_t>(syscall(SYS_setfsgid, static_cast<gid_t>(-1))))
{
    const int count = getgroups(0, nullptr);
    if (count < 0) {
        return;
    }
    m_savedGroups.resize(static_cast<std::size_t>(count));
    if (getgroups(count, m_savedGroups.data()) != count) {
        return;
    }
    m_saved = true;
    m_active = setThreadFsCredentials(owner.uid, owner.gid, owner.groups);
}

ScopedOwnerFsCredentials::~ScopedOwnerFsCredentials()
{
    // Going back to fsuid 0 makes the kernel raise the fs capabilities again.
    if (m_saved) {
        (void)setThreadFsCredentials(m_savedUid, m_savedGid, m_savedGroups);
    }
}

} // namespace PassMirror
