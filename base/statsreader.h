// SPDX-License-Identifier: GPL-2.0-or-later
// Reads a passmirrord stats file (statslayout.h, docs/STATS-FORMAT.md):
// maps it read-only once, checks magic, version and sizes, and samples the
// counters without a system call. Plain C++ so any process can use it; the
// one reader of the file (the window, passmirrorctl and the tests).
//
// The file is root's and only passmirrord writes it, but whoever may
// truncate or replace it (root, a daemon going wrong) must not be able to
// crash a reader: the mapping is guarded (base/readonlymapping.h). A
// truncated file makes the reader closed (isOpen() false, sample() empty);
// a replaced one leaves it reading the file it opened.
#pragma once

#include "readonlymapping.h"
#include "statslayout.h"

#include <array>
#include <cstdint>
#include <string>

namespace PassMirror::Stats
{

// One copy of every counter, taken with relaxed atomic loads.
struct Snapshot {
    // False when the reader is closed or its file was truncated: every other
    // field is then zero.
    bool valid = false;
    // What the file says of its own format (open() checked both are enough).
    std::uint32_t headerSize = 0;
    std::uint32_t operationCount = 0;
    std::int64_t daemonPid = 0;
    std::int64_t supervisorPid = 0;
    std::uint64_t startTimeUnixNs = 0;
    std::uint32_t ownerUid = 0;
    std::uint32_t flags = 0;
    PassthroughMode requestedPassthrough = PassthroughMode::Auto;
    DaemonState state = DaemonState::Starting;
    Transport transport = Transport::Unknown;
    bool passthroughAvailable = false;
    SourceWatchState sourceWatch = SourceWatchState::Off;
    std::uint64_t bytesRead = 0;
    std::uint64_t bytesWritten = 0;
    std::uint64_t openFiles = 0;
    std::uint64_t openDirectories = 0;
    std::uint64_t passthroughOpens = 0;
    std::uint64_t userspaceOpens = 0;
    std::uint64_t passthroughFallbacks = 0;
    std::uint64_t inodesKnown = 0;
    std::uint64_t inodeFdsHeld = 0;
    std::uint64_t inodesWatched = 0;
    std::uint64_t sourceInvalidations = 0;
    std::uint64_t sourceOverflows = 0;
    std::array<std::uint64_t, OperationCount> requests{};
    std::array<std::uint64_t, OperationCount> errors{};

    [[nodiscard]] std::uint64_t totalRequests() const;
    [[nodiscard]] std::uint64_t requestsOf(Operation operation) const
    {
        return requests[static_cast<std::size_t>(operation)];
    }
    [[nodiscard]] std::uint64_t errorsOf(Operation operation) const
    {
        return errors[static_cast<std::size_t>(operation)];
    }
};

class StatsReader
{
public:
    StatsReader() = default;
    ~StatsReader();
    StatsReader(StatsReader &&other) noexcept;
    StatsReader &operator=(StatsReader &&other) noexcept;
    StatsReader(const StatsReader &) = delete;
    StatsReader &operator=(const StatsReader &) = delete;

    // Maps `path` read-only; false with errorString() set when it is not a
    // stats file this reader understands.
    [[nodiscard]] bool open(const std::string &path);
    void close();
    // False once closed, or once the file was found truncated under the mapping.
    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] const std::string &errorString() const
    {
        return m_error;
    }
    [[nodiscard]] Snapshot sample() const;

private:
    ReadOnlyMapping m_mapping;
    const Layout *m_layout = nullptr;
    std::string m_error;
};

[[nodiscard]] const char *stateName(DaemonState state);
[[nodiscard]] const char *transportName(Transport transport);
[[nodiscard]] const char *passthroughName(PassthroughMode mode);
[[nodiscard]] const char *sourceWatchName(SourceWatchState state);

} // namespace PassMirror::Stats
