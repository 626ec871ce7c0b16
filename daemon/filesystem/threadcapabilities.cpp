// SPDX-License-Identifier: GPL-2.0-or-later
#include "threadcapabilities.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{

struct CapabilitySets {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};

    [[nodiscard]] std::uint64_t permitted() const noexcept
    {
        return data[0].permitted | (std::uint64_t{data[1].permitted} << 32);
    }
    [[nodiscard]] std::uint64_t effective() const noexcept
    {
        return data[0].effective | (std::uint64_t{data[1].effective} << 32);
    }
    void setEffective(std::uint64_t effective) noexcept
    {
        data[0].effective = static_cast<__u32>(effective);
        data[1].effective = static_cast<__u32>(effective >> 32);
    }
};

bool readCapabilities(CapabilitySets &sets) noexcept
{
    return syscall(SYS_capget, &sets.header, sets.data) == 0;
}

} // namespace

std::uint64_t threadPermittedCapabilities() noexcept
{
    CapabilitySets sets;
    return readCapabilities(sets) ? sets.permitted() : 0;
}

std::uint64_t threadEffectiveCapabilities() noexcept
{
    CapabilitySets sets;
    return readCapabilities(sets) ? sets.effective() : 0;
}

bool threadHasPermittedCapability(int capability) noexcept
{
    return (threadPermittedCapabilities() & capabilityBit(capability)) != 0;
}

bool setThreadEffectiveCapabilities(std::uint64_t effective) noexcept
{
    CapabilitySets sets;
    if (!readCapabilities(sets)) {
        return false;
    }
    if (sets.effective() == effective) {
        return true;
    }
    sets.setEffective(effective);
    return syscall(SYS_capset, &sets.header, sets.data) == 0;
}

std::uint64_t processEffectiveCapabilities(pid_t pid) noexcept
{
    if (pid <= 0) {
        return 0;
    }
    char path[40];
    std::snprintf(path, sizeof path, "/proc/%d/status", static_cast<int>(pid));
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    char text[4096];
    const ssize_t size = ::read(fd, text, sizeof text - 1);
    ::close(fd);
    if (size <= 0) {
        return 0;
    }
    text[size] = '\0';
    const char *line = std::strstr(text, "\nCapEff:");
    if (line == nullptr) {
        return 0;
    }
    return std::strtoull(line + 8, nullptr, 16);
}

ScopedCapabilities::ScopedCapabilities(std::initializer_list<int> capabilities) noexcept
{
    std::uint64_t wanted = 0;
    for (const int capability : capabilities) {
        wanted |= capabilityBit(capability);
    }
    CapabilitySets sets;
    if (!readCapabilities(sets) || (sets.permitted() & wanted) != wanted) {
        return;
    }
    m_previousEffective = sets.effective();
    if ((m_previousEffective & wanted) == wanted) {
        m_raised = true;
        return;
    }
    sets.setEffective(m_previousEffective | wanted);
    m_raised = m_changed = syscall(SYS_capset, &sets.header, sets.data) == 0;
}

ScopedCapabilities::~ScopedCapabilities()
{
    if (m_changed && !setThreadEffectiveCapabilities(m_previousEffective)) {
        // write(2) only: this may run in a signal handler.
        constexpr char Message[] = "passmirrord: cannot lower a raised capability again; stopping\n";
        [[maybe_unused]] const auto written = ::write(STDERR_FILENO, Message, sizeof Message - 1);
        std::abort();
    }
}

} // namespace PassMirror
