// SPDX-License-Identifier: GPL-2.0-or-later
#include "credentials.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <optional>
#include <sched.h>
#include <string>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror::Fs
{

namespace
{

// Effective uid/gid (and with them the fs ids) of this thread only; the real
// and saved ids stay as they are (-1).
bool rawSetEffectiveIds(uid_t uid, gid_t gid) noexcept
{
    return syscall(SYS_setresgid, static_cast<gid_t>(-1), gid, static_cast<gid_t>(-1)) == 0
        && syscall(SYS_setresuid, static_cast<uid_t>(-1), uid, static_cast<uid_t>(-1)) == 0;
}

// The supplementary groups the caller holds now, read fresh from its /proc
// status for every request (libfuse's reader, which grows its buffer for
// any number of groups; a read cut short could end in a truncated gid): a
// process may drop groups at any time (setgroups) without a new pid, uid,
// gid or exec, so no cached answer could promise never to grant a group it
// no longer holds.
std::vector<gid_t> callerGroups(fuse_req_t req)
{
    std::vector<gid_t> groups(32);
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int count = fuse_req_getgroups(req, static_cast<int>(groups.size()), groups.data());
        if (count < 0) {
            // Unknown (the caller is gone, or /proc is not readable): its
            // primary group only, which grants less, never more.
            return {};
        }
        if (static_cast<std::size_t>(count) <= groups.size()) {
            groups.resize(static_cast<std::size_t>(count));
            return groups;
        }
        groups.resize(static_cast<std::size_t>(count));
    }
    return {};
}

// Whether `groups` (sorted, as the kernel keeps and /proc shows them) are
// the set `sortedOwnerGroups` holds.
bool sameGroups(const std::vector<gid_t> &groups, const std::vector<gid_t> &sortedOwnerGroups)
{
    return std::is_sorted(groups.begin(), groups.end()) && groups == sortedOwnerGroups;
}

// What the calling thread serves its current request as; null: the owner.
thread_local const Identity *t_current = nullptr;

[[noreturn]] void cannotRestore(const char *what) noexcept
{
    std::fprintf(stderr, "passmirrord: cannot give a worker thread back its owner's identity (%s: %s); stopping the server\n", what, std::strerror(errno));
    std::abort();
}

} // namespace

std::uint64_t rootCallerCapabilities() noexcept
{
    return capabilityBit(CAP_CHOWN) | capabilityBit(CAP_DAC_OVERRIDE) | capabilityBit(CAP_DAC_READ_SEARCH) | capabilityBit(CAP_FOWNER)
        | capabilityBit(CAP_FSETID) | capabilityBit(CAP_MKNOD);
}

ScopedCallerIdentity::ScopedCallerIdentity(fuse_req_t req, const ServerIdentity &server)
    : m_server(server)
{
    const fuse_ctx *ctx = fuse_req_ctx(req);
    if (ctx == nullptr) {
        m_error = EPERM;
        return;
    }
    // Shared: the caller's ids and groups, read for this request. The
    // thread already is the owner with the owner's groups, so a caller who
    // is exactly that (the owner's own processes, usually) needs no switch;
    // one whose groups differ from the user database's (newgrp, a sandbox
    // that dropped some) gets its own.
    const std::uint64_t capabilities = ctx->uid == 0 ? processEffectiveCapabilities(ctx->pid) & server.raisableForRoot : 0;
    std::vector<gid_t> groups;
    bool switchIds = server.shared;
    if (switchIds) {
        groups = callerGroups(req);
        switchIds = ctx->uid != server.owner.uid || ctx->gid != server.owner.gid || !sameGroups(groups, server.sortedOwnerGroups);
    }
    if (!switchIds && capabilities == 0) {
        return; // the owner's own request: the thread is as it should be
    }
    m_identity.emplace();
    if (switchIds) {
        m_identity->uid = ctx->uid;
        m_identity->gid = ctx->gid;
        m_identity->groups = std::move(groups);
    } else {
        m_identity->uid = server.owner.uid;
        m_identity->gid = server.owner.gid;
        m_identity->groups = server.owner.groups;
    }
    m_identity->capabilities = capabilities;

    if (switchIds) {
        if (!setThreadEffectiveCapabilities(capabilityBit(CAP_SETUID) | capabilityBit(CAP_SETGID))) {
            m_error = EPERM;
            return;
        }
        m_idsSwitched = true;
        // With SECBIT_NO_SETUID_FIXUP none of these touches the capabilities.
        if (!setThreadGroups(m_identity->groups) || !rawSetEffectiveIds(m_identity->uid, m_identity->gid)) {
            m_error = errno != 0 ? errno : EPERM;
            restore();
            return;
        }
    }
    m_capabilitiesRaised = true;
    if (!setThreadEffectiveCapabilities(capabilities)) {
        m_error = EPERM;
        restore();
        return;
    }
    // Read back what the kernel now checks with: a switch that did not take
    // must not go unnoticed.
    if (currentFsuid() != m_identity->uid || currentFsgid() != m_identity->gid) {
        m_error = EPERM;
        restore();
        return;
    }
    m_previous = t_current;
    t_current = &*m_identity;
}

ScopedCallerIdentity::~ScopedCallerIdentity()
{
    restore();
}

void ScopedCallerIdentity::restore() noexcept
{
    if (m_identity && t_current == &*m_identity) {
        t_current = m_previous;
    }
    if (m_idsSwitched) {
        m_idsSwitched = false;
        const Identity &owner = m_server.owner;
        if (!setThreadEffectiveCapabilities(capabilityBit(CAP_SETUID) | capabilityBit(CAP_SETGID))) {
            cannotRestore("raising CAP_SETUID");
        }
        if (!setThreadGroups(owner.groups)) {
            cannotRestore("setgroups");
        }
        if (!rawSetEffectiveIds(owner.uid, owner.gid)) {
            cannotRestore("setresuid");
        }
        m_capabilitiesRaised = true;
    }
    if (m_capabilitiesRaised) {
        m_capabilitiesRaised = false;
        if (!setThreadEffectiveCapabilities(0)) {
            cannotRestore("capset");
        }
    }
}

const Identity &currentIdentity(const ServerIdentity &server) noexcept
{
    return t_current != nullptr ? *t_current : server.owner;
}

ScopedUmask::ScopedUmask(mode_t mask)
{
    // -1: not tried on this thread yet; 0: unshared; else the errno.
    thread_local int unshareError = -1;
    if (unshareError < 0) {
        unshareError = unshare(CLONE_FS) == 0 ? 0 : errno;
        if (unshareError != 0) {
            static std::atomic<bool> said{false};
            if (!said.exchange(true)) {
                std::fprintf(stderr,
                             "passmirrord: cannot give a worker thread its own umask (unshare(CLONE_FS): %s); "
                             "creates on that thread fail instead of taking the process's umask\n",
                             std::strerror(unshareError));
            }
        }
    }
    if (unshareError != 0) {
        m_error = unshareError;
        return;
    }
    m_previous = umask(mask);
    m_active = true;
}

ScopedUmask::~ScopedUmask()
{
    if (m_active) {
        umask(m_previous);
    }
}

} // namespace PassMirror::Fs
