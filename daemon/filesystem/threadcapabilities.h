// SPDX-License-Identifier: GPL-2.0-or-later
// The calling thread's capability sets, read and changed with the raw
// capget/capset system calls: they act on this thread alone (libcap's
// cap_set_proc does too, but allocates), and are async-signal-safe, so the
// orphan guard's signal handler uses them as the workers do.
//
// Taking capabilities away from the whole process, once, is the process
// layer's (../capabilities.h).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <sys/types.h>

namespace PassMirror
{

// 1 << CAP_x: the sets below are such masks.
[[nodiscard]] constexpr std::uint64_t capabilityBit(int capability) noexcept
{
    return std::uint64_t{1} << capability;
}

[[nodiscard]] std::uint64_t threadPermittedCapabilities() noexcept;
[[nodiscard]] std::uint64_t threadEffectiveCapabilities() noexcept;
[[nodiscard]] bool threadHasPermittedCapability(int capability) noexcept;
// Sets the calling thread's effective set (a subset of its permitted one).
[[nodiscard]] bool setThreadEffectiveCapabilities(std::uint64_t effective) noexcept;

// The effective capabilities of the process (thread) `pid` from its
// /proc/<pid>/status, 0 when unreadable. Used only to decide what a root
// caller may do through the mirror: less, never more, than it holds.
[[nodiscard]] std::uint64_t processEffectiveCapabilities(pid_t pid) noexcept;

// Raises capabilities in the calling thread's effective set (each must be
// permitted) for one call, and puts the effective set back in the
// destructor; if that fails, the process ends (abort): a thread must never
// go on with a capability raised.
class ScopedCapabilities
{
public:
    explicit ScopedCapabilities(std::initializer_list<int> capabilities) noexcept;
    ~ScopedCapabilities();
    ScopedCapabilities(const ScopedCapabilities &) = delete;
    ScopedCapabilities &operator=(const ScopedCapabilities &) = delete;

    // Every one asked for is effective now.
    [[nodiscard]] bool raised() const noexcept
    {
        return m_raised;
    }

private:
    std::uint64_t m_previousEffective = 0;
    bool m_raised = false;
    bool m_changed = false;
};

} // namespace PassMirror
