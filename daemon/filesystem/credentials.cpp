// SPDX-License-Identifier: GPL-2.0-or-later
#include "credentials.h"

#include "uniquefd.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <optional>
#include <sched.h>
#include <string>
#include <string_view>
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

// The "Groups:" line of a /proc status text: the supplementary groups.
bool parseGroups(std::string_view status, std::vector<gid_t> &groups)
{
    constexpr std::string_view Label = "\nGroups:";
    const std::size_t at = status.find(Label);
    if (at == std::string_view::npos) {
        return false;
    }
    std::string_view rest = status.substr(at + Label.size());
    rest = rest.substr(0, rest.find('\n'));
    groups.clear();
    while (!rest.empty()) {
        const std::size_t start = rest.find_first_not_of(" \t");
        if (start == std::string_view::npos) {
            break;
        }
        rest.remove_prefix(start);
        gid_t gid = 0;
        const auto [end, error] = std::from_chars(rest.data(), rest.data() + rest.size(), gid);
        if (error != std::errc()) {
            return false;
        }
        groups.push_back(gid);
        rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    }
    return true;
}

// The supplementary groups the calling thread `tid` holds now, read fresh
// from its /proc status for every request: a process may drop groups at
// any time (setgroups) without a new pid, uid, gid or exec, so no cached
// answer could promise never to grant a group it no longer holds. No file
// is kept open between requests either: a worker thread may be cancelled
// (libfuse's io_uring queues are, at unmount), and a thread_local fd's
// destructor calling close() during that unwinding ends the process.
bool readCallerGroups(pid_t tid, std::vector<gid_t> &groups)
{
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/task/%d/status", static_cast<int>(tid), static_cast<int>(tid));
    const UniqueFd file(open(path, O_RDONLY | O_CLOEXEC));
    if (!file.isValid()) {
        return false;
    }
    char buffer[4096];
    const ssize_t length = read(file.get(), buffer, sizeof buffer);
    return length > 0 && parseGroups(std::string_view(buffer, static_cast<std::size_t>(length)), groups);
}

std::vector<gid_t> callerGroups(const fuse_ctx &ctx)
{
    std::vector<gid_t> groups;
    if (!readCallerGroups(ctx.pid, groups)) {
        // Unknown (the caller is gone, or /proc is not readable): its
        // primary group only, which grants less, never more.
        return {};
    }
    return groups;
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
        groups = callerGroups(*ctx);
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
