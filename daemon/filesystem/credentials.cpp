// SPDX-License-Identifier: GPL-2.0-or-later
#include "credentials.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <linux/capability.h>
#include <sched.h>
#include <string>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror::Fs
{

namespace
{

long rawSetfsuid(uid_t uid) noexcept
{
    return syscall(SYS_setfsuid, uid);
}

long rawSetfsgid(gid_t gid) noexcept
{
    return syscall(SYS_setfsgid, gid);
}

int rawSetgroups(const std::vector<gid_t> &groups) noexcept
{
    return static_cast<int>(syscall(SYS_setgroups, groups.size(), groups.empty() ? nullptr : groups.data()));
}

std::vector<gid_t> callerGroups(fuse_req_t req)
{
    std::vector<gid_t> groups(32);
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int count = fuse_req_getgroups(req, static_cast<int>(groups.size()), groups.data());
        if (count < 0) {
            return {}; // unknown (e.g. /proc not readable): primary group only
        }
        if (static_cast<std::size_t>(count) <= groups.size()) {
            groups.resize(static_cast<std::size_t>(count));
            return groups;
        }
        groups.resize(static_cast<std::size_t>(count));
    }
    return {};
}

struct CapabilitySets {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
};

bool readCapabilities(CapabilitySets &sets) noexcept
{
    return syscall(SYS_capget, &sets.header, sets.data) == 0;
}

} // namespace

ScopedCallerCredentials::ScopedCallerCredentials(fuse_req_t req, uid_t ownerUid, gid_t ownerGid, const std::vector<gid_t> &ownerGroups)
    : m_ownerUid(ownerUid)
    , m_ownerGid(ownerGid)
    , m_ownerGroups(ownerGroups)
{
    const fuse_ctx *ctx = fuse_req_ctx(req);
    if (ctx == nullptr) {
        m_error = EPERM;
        return;
    }
    const std::vector<gid_t> groups = callerGroups(req);
    m_switched = true;
    // Groups and gid first: changing fsuid away from 0 drops the fs
    // capabilities, but setgroups/setfsgid need CAP_SETGID, which is not one.
    if (rawSetgroups(groups) != 0) {
        m_error = errno;
        restore();
        return;
    }
    rawSetfsgid(ctx->gid);
    rawSetfsuid(ctx->uid);
    if (currentFsuid() != ctx->uid || currentFsgid() != ctx->gid) {
        m_error = EPERM;
        restore();
    }
}

ScopedCallerCredentials::~ScopedCallerCredentials()
{
    restore();
}

void ScopedCallerCredentials::restore() noexcept
{
    if (!m_switched) {
        return;
    }
    m_switched = false;
    rawSetfsuid(m_ownerUid);
    rawSetfsgid(m_ownerGid);
    if (rawSetgroups(m_ownerGroups) != 0) {
        std::fprintf(stderr, "passmirrord: could not restore the owner's groups on a worker thread: %s\n", std::strerror(errno));
    }
}

ScopedUmask::ScopedUmask(mode_t mask)
{
    thread_local bool unshared = false;
    if (!unshared) {
        unshared = unshare(CLONE_FS) == 0;
    }
    m_active = unshared;
    if (m_active) {
        m_previous = umask(mask);
    } else {
        m_previous = 0;
    }
}

ScopedUmask::~ScopedUmask()
{
    if (m_active) {
        umask(m_previous);
    }
}

ScopedCapability::ScopedCapability(int capability)
    : m_capability(capability)
{
    CapabilitySets sets;
    if (!readCapabilities(sets)) {
        return;
    }
    const int word = capability / 32;
    const __u32 bit = 1u << (capability % 32);
    if ((sets.data[word].permitted & bit) == 0) {
        return;
    }
    m_wasEffective = (sets.data[word].effective & bit) != 0;
    if (m_wasEffective) {
        m_raised = true;
        return;
    }
    sets.data[word].effective |= bit;
    m_raised = syscall(SYS_capset, &sets.header, sets.data) == 0;
}

ScopedCapability::~ScopedCapability()
{
    if (!m_raised || m_wasEffective) {
        return;
    }
    CapabilitySets sets;
    if (!readCapabilities(sets)) {
        return;
    }
    sets.data[m_capability / 32].effective &= ~(1u << (m_capability % 32));
    syscall(SYS_capset, &sets.header, sets.data);
}

uid_t currentFsuid() noexcept
{
    // setfsuid(-1) fails (invalid id) and returns the current fsuid.
    return static_cast<uid_t>(rawSetfsuid(static_cast<uid_t>(-1)));
}

gid_t currentFsgid() noexcept
{
    return static_cast<gid_t>(rawSetfsgid(static_cast<gid_t>(-1)));
}

bool threadHasPermittedCapability(int capability) noexcept
{
    CapabilitySets sets;
    return readCapabilities(sets) && (sets.data[capability / 32].permitted & (1u << (capability % 32))) != 0;
}

bool threadHasEffectiveCapability(int capability) noexcept
{
    CapabilitySets sets;
    return readCapabilities(sets) && (sets.data[capability / 32].effective & (1u << (capability % 32))) != 0;
}

bool processHasCapability(pid_t pid, uid_t uid, int capability)
{
    if (pid <= 0 || uid != 0) {
        return false;
    }
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("CapEff:", 0) == 0) {
            const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
            return (mask & (1ull << capability)) != 0;
        }
    }
    return false;
}

} // namespace PassMirror::Fs
