// SPDX-License-Identifier: GPL-2.0-or-later
// A read-only mapping of a passmirrord stats file (core/statslayout.h) and
// ways to wait for its counters: RELEASE and friends arrive asynchronously.
#pragma once

#include "statslayout.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace PassMirror::Test
{

class StatsView
{
public:
    StatsView() = default;
    ~StatsView();
    StatsView(StatsView &&other) noexcept;
    StatsView &operator=(StatsView &&other) noexcept;
    StatsView(const StatsView &) = delete;
    StatsView &operator=(const StatsView &) = delete;

    // Maps `path` read-only and checks magic, version and sizes.
    [[nodiscard]] bool open(const std::string &path);
    [[nodiscard]] bool isOpen() const
    {
        return m_layout != nullptr;
    }
    [[nodiscard]] const std::string &errorString() const
    {
        return m_error;
    }
    [[nodiscard]] const Stats::Layout &layout() const
    {
        return *m_layout;
    }

    [[nodiscard]] std::uint64_t requests(Stats::Operation operation) const;
    [[nodiscard]] std::uint64_t errors(Stats::Operation operation) const;
    [[nodiscard]] Stats::DaemonState state() const;

private:
    void unmap();
    const Stats::Layout *m_layout = nullptr;
    std::size_t m_size = 0;
    std::string m_error;
};

using CounterReader = std::function<std::uint64_t()>;

// Polls `read` until it returns `expected` or `timeout` passes; then, to make
// sure the count is exact and not on its way past `expected`, keeps watching
// for `settle`. Returns the last value seen.
std::uint64_t waitForCounter(const CounterReader &read,
                             std::uint64_t expected,
                             std::chrono::milliseconds timeout = std::chrono::seconds(10),
                             std::chrono::milliseconds settle = std::chrono::milliseconds(200));

// Polls `condition` until true or `timeout`; returns the last result.
bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout);

} // namespace PassMirror::Test
