// SPDX-License-Identifier: GPL-2.0-or-later
// Waiting for something the daemon does asynchronously (RELEASE arrives after
// close(2) returns, a mount goes after a kill): poll, never assume.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace PassMirror::Test
{

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
