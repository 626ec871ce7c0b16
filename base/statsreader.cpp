// SPDX-License-Identifier: GPL-2.0-or-later
#include "statsreader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/mman.h>
#include <unistd.h>
#include <utility>

namespace PassMirror::Stats
{

std::uint64_t Snapshot::totalRequests() const
{
    std::uint64_t total = 0;
    for (const auto value : requests) {
        total += value;
    }
    return total;
}

StatsReader::~StatsReader()
{
    close();
}

StatsReader::StatsReader(StatsReader &&other) noexcept
    : m_mapping(std::move(other.m_mapping))
    , m_layout(std::exchange(other.m_layout, nullptr))
    , m_error(std::move(other.m_error))
{
}

StatsReader &StatsReader::operator=(StatsReader &&other) noexcept
{
    if (this != &other) {
        close();
        m_mapping = std::move(other.m_mapping);
        m_layout = std::exchange(other.m_layout, nullptr);
        m_error = std::move(other.m_error);
    }
    return *this;
}

void StatsReader::close()
{
    m_mapping.unmap();
    m_layout = nullptr;
}

bool StatsReader::isOpen() const
{
    return m_layout != nullptr && !m_mapping.damaged();
}

bool StatsReader::open(const std::string &path)
{
    close();
    if (std::string problem = m_mapping.mapFile(path, sizeof(Layout), "a stats file"); !problem.empty()) {
        m_error = std::move(problem);
        return false;
    }
    const std::size_t size = m_mapping.size();
    const auto *layout = static_cast<const Layout *>(m_mapping.data());
    if (layout->magic != Magic || layout->version != Version || layout->headerSize < sizeof(Layout)
        || sizeof(Layout) - OperationCount * sizeof(OperationCounters) + layout->operationCount * sizeof(OperationCounters) > size) {
        const bool truncated = m_mapping.damaged();
        m_mapping.unmap();
        m_error = path + ": " + (truncated ? std::string("truncated while opening") : "not a stats file of version " + std::to_string(Version));
        return false;
    }
    m_layout = layout;
    m_error.clear();
    return true;
}

Snapshot StatsReader::sample() const
{
    Snapshot s;
    if (!isOpen()) {
        return s;
    }
    const Layout &l = *m_layout;
    constexpr auto relaxed = std::memory_order_relaxed;
    s.headerSize = l.headerSize;
    s.operationCount = l.operationCount;
    s.daemonPid = l.daemonPid;
    s.supervisorPid = l.supervisorPid;
    s.startTimeUnixNs = l.startTimeUnixNs;
    s.ownerUid = l.ownerUid;
    s.flags = l.flags;
    s.requestedPassthrough = l.requestedPassthrough;
    s.state = static_cast<DaemonState>(l.state.load(relaxed));
    s.transport = static_cast<Transport>(l.transport.load(relaxed));
    s.passthroughAvailable = l.passthroughAvailable.load(relaxed) != 0;
    s.bytesRead = l.bytesRead.load(relaxed);
    s.bytesWritten = l.bytesWritten.load(relaxed);
    s.openFiles = l.openFiles.load(relaxed);
    s.openDirectories = l.openDirectories.load(relaxed);
    s.passthroughOpens = l.passthroughOpens.load(relaxed);
    s.userspaceOpens = l.userspaceOpens.load(relaxed);
    s.passthroughFallbacks = l.passthroughFallbacks.load(relaxed);
    s.inodesKnown = l.inodesKnown.load(relaxed);
    s.inodeFdsHeld = l.inodeFdsHeld.load(relaxed);
    s.sourceWatch = static_cast<SourceWatchState>(l.sourceWatch.load(relaxed));
    s.inodesWatched = l.inodesWatched.load(relaxed);
    s.sourceInvalidations = l.sourceInvalidations.load(relaxed);
    s.sourceOverflows = l.sourceOverflows.load(relaxed);
    const std::size_t known = std::min<std::size_t>(l.operationCount, OperationCount);
    for (std::size_t i = 0; i < known; ++i) {
        s.requests[i] = l.operations[i].requests.load(relaxed);
        s.errors[i] = l.operations[i].errors.load(relaxed);
    }
    // Truncated meanwhile: what was read may be zeros or half of it; say so.
    if (m_mapping.damaged() || l.magic != Magic) {
        return Snapshot{};
    }
    s.valid = true;
    return s;
}

const char *stateName(DaemonState state)
{
    switch (state) {
    case DaemonState::Starting:
        return "starting";
    case DaemonState::Mounted:
        return "mounted";
    case DaemonState::Stopping:
        return "stopping";
    case DaemonState::Stopped:
        return "stopped";
    case DaemonState::Died:
        return "died";
    }
    return "unknown";
}

const char *transportName(Transport transport)
{
    switch (transport) {
    case Transport::Unknown:
        return "unknown";
    case Transport::DevFuse:
        return "dev-fuse";
    case Transport::IoUring:
        return "io-uring";
    }
    return "unknown";
}

const char *passthroughName(PassthroughMode mode)
{
    switch (mode) {
    case PassthroughMode::Auto:
        return "auto";
    case PassthroughMode::On:
        return "on";
    case PassthroughMode::Off:
        return "off";
    }
    return "auto";
}

const char *sourceWatchName(SourceWatchState state)
{
    switch (state) {
    case SourceWatchState::Off:
        return "off";
    case SourceWatchState::Active:
        return "active";
    case SourceWatchState::Failed:
        return "failed";
    }
    return "off";
}

} // namespace PassMirror::Stats
