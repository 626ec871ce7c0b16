// SPDX-License-Identifier: GPL-2.0-or-later
// Who a request's backing operations run as, on the worker thread serving it.
//
// The FUSE server becomes its owner for good before it serves (privileges.h):
// every thread has the owner's real, effective, saved and fs ids and groups,
// and no effective capability. SECBIT_NO_SETUID_FIXUP (locked) stops the
// kernel from touching capabilities when ids change, so a capability is
// effective only while one of the scoped guards below raised it, on one
// thread. A request then runs as its caller:
//
//  - a mirror of a non-root owner, not shared: nothing changes (only the
//    owner's processes may enter such a mount);
//  - shared: the effective and fs uid and gid and the groups become the
//    caller's (CAP_SETUID/CAP_SETGID raised for the switch only), unless
//    they are the owner's already (the caller's groups are read from its
//    /proc status for every request: exact at that moment). The real
//    and saved ids stay the owner's: a caller must not be able to signal the
//    worker thread that serves it (kill permission looks at those two only),
//    and no backing check looks at them (docs/ARCHITECTURE.md, Security);
//  - a root caller (shared, or a mirror of root's): the filesystem
//    capabilities its process has in effect, within what the server may
//    raise, are raised for the request.
//
// Everything uses the raw system calls: glibc's set*id and setgroups wrappers
// change every thread of the process. A switch that fails fails the request;
// a switch back that fails ends the server, because a worker must never serve
// the next request with someone else's identity.
#pragma once

#include "threadcapabilities.h"
#include "useridentity.h"

#include <cstdint>
#include <fuse_lowlevel.h>
#include <optional>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Fs
{

// The capability bits (1 << CAP_x) a root caller's filesystem powers map to.
[[nodiscard]] std::uint64_t rootCallerCapabilities() noexcept;

// The identity backing operations run with: kept per inode for passthrough,
// whose kernel I/O runs with the credentials captured at registration.
struct Identity {
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups;
    std::uint64_t capabilities = 0; // effective, 1 << CAP_x

    bool operator==(const Identity &) const = default;
};

// What the server knows of its owner and of what it may raise.
struct ServerIdentity {
    Identity owner; // capabilities: none
    // owner.groups sorted and without repeats, as /proc shows a caller's.
    std::vector<gid_t> sortedOwnerGroups;
    bool shared = false;
    // Capabilities a root caller may get raised (those the server holds permitted).
    std::uint64_t raisableForRoot = 0;
};

// Runs the calling thread as the caller of `req` until destroyed.
class ScopedCallerIdentity
{
public:
    ScopedCallerIdentity(fuse_req_t req, const ServerIdentity &server);
    ~ScopedCallerIdentity();
    ScopedCallerIdentity(const ScopedCallerIdentity &) = delete;
    ScopedCallerIdentity &operator=(const ScopedCallerIdentity &) = delete;

    // 0 when the caller's identity is in place; an errno otherwise (the
    // request must then fail: acting with the wrong identity is not allowed).
    [[nodiscard]] int error() const noexcept
    {
        return m_error;
    }

private:
    void restore() noexcept;

    const ServerIdentity &m_server;
    std::optional<Identity> m_identity; // set when the thread is switched
    const Identity *m_previous = nullptr;
    bool m_idsSwitched = false;
    bool m_capabilitiesRaised = false;
    int m_error = 0;
};

// The identity the calling thread serves its current request with (the
// owner's outside a ScopedCallerIdentity).
[[nodiscard]] const Identity &currentIdentity(const ServerIdentity &server) noexcept;

// Applies the caller's umask to one create on this thread. The first use on a
// thread unshares its fs_struct (CLONE_FS), so the umask is the thread's own;
// the previous one comes back in the destructor. When the umask cannot be
// made the thread's own, error() says why and nothing was changed: the
// create must then fail, never run with the process's umask.
class ScopedUmask
{
public:
    explicit ScopedUmask(mode_t mask);
    ~ScopedUmask();
    ScopedUmask(const ScopedUmask &) = delete;
    ScopedUmask &operator=(const ScopedUmask &) = delete;

    [[nodiscard]] int error() const noexcept
    {
        return m_error;
    }

private:
    mode_t m_previous = 0;
    bool m_active = false;
    int m_error = 0;
};

} // namespace PassMirror::Fs
