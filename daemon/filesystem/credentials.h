// SPDX-License-Identifier: GPL-2.0-or-later
// Per-thread credentials for backing operations.
//
// glibc's setfsuid/setgroups wrappers change every thread of the process (they
// broadcast with a signal), so everything here uses the raw syscalls, which
// change the calling thread only. A FUSE worker thread serves one request at a
// time, so switching on the worker thread and switching back before the next
// request is safe.
#pragma once

#include <fuse_lowlevel.h>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Fs
{

// Switches the calling thread's fsuid, fsgid and supplementary groups to the
// caller of a FUSE request (fuse_req_ctx + fuse_req_getgroups) and back to the
// owner's in the destructor. Files created while it is in place belong to the
// caller at once: no create-then-chown window.
class ScopedCallerCredentials
{
public:
    ScopedCallerCredentials(fuse_req_t req, uid_t ownerUid, gid_t ownerGid, const std::vector<gid_t> &ownerGroups);
    ~ScopedCallerCredentials();
    ScopedCallerCredentials(const ScopedCallerCredentials &) = delete;
    ScopedCallerCredentials &operator=(const ScopedCallerCredentials &) = delete;

    // 0 when the caller's credentials are in place; an errno otherwise (the
    // request must then fail: acting with the wrong identity is not allowed).
    [[nodiscard]] int error() const noexcept
    {
        return m_error;
    }

private:
    void restore() noexcept;

    uid_t m_ownerUid;
    gid_t m_ownerGid;
    const std::vector<gid_t> &m_ownerGroups;
    bool m_switched = false;
    int m_error = 0;
};

// Sets the calling thread's umask for one create-type operation. The first use
// on a thread unshares the thread's fs_struct (CLONE_FS) so the umask is per
// thread; the previous umask comes back in the destructor.
class ScopedUmask
{
public:
    explicit ScopedUmask(mode_t mask);
    ~ScopedUmask();
    ScopedUmask(const ScopedUmask &) = delete;
    ScopedUmask &operator=(const ScopedUmask &) = delete;

private:
    mode_t m_previous;
    bool m_active = false;
};

// Raises one capability in the calling thread's effective set (it must be in
// the permitted set) and lowers it again in the destructor. capset is per thread.
class ScopedCapability
{
public:
    explicit ScopedCapability(int capability);
    ~ScopedCapability();
    ScopedCapability(const ScopedCapability &) = delete;
    ScopedCapability &operator=(const ScopedCapability &) = delete;

    [[nodiscard]] bool raised() const noexcept
    {
        return m_raised;
    }

private:
    int m_capability;
    bool m_raised = false;
    bool m_wasEffective = false;
};

// The calling thread's fsuid / fsgid, read without changing them.
[[nodiscard]] uid_t currentFsuid() noexcept;
[[nodiscard]] gid_t currentFsgid() noexcept;

// Whether the calling thread has `capability` in its permitted / effective set.
[[nodiscard]] bool threadHasPermittedCapability(int capability) noexcept;
[[nodiscard]] bool threadHasEffectiveCapability(int capability) noexcept;

// Whether the process `pid` could use `capability` natively: uid 0 in the
// initial namespace with the capability effective (read from /proc/pid/status).
// Racy by nature (the pid may exit); used only to refuse, never to grant more.
[[nodiscard]] bool processHasCapability(pid_t pid, uid_t uid, int capability);

} // namespace PassMirror::Fs
