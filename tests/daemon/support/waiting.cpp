// SPDX-License-Identifier: GPL-2.0-or-later
#include "waiting.h"

#include <thread>

namespace PassMirror::Test
{

std::uint64_t waitForCounter(const CounterReader &read, std::uint64_t expected, std::chrono::milliseconds timeout, std::chrono::milliseconds settle)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::uint64_t value = read();
    while (value != expected && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        value = read();
    }
    if (value != expected) {
        return value;
    }
    const auto settleEnd = std::chrono::steady_clock::now() + settle;
    while (std::chrono::steady_clock::now() < settleEnd) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        value = read();
        if (value != expected) {
            return value;
        }
    }
    return value;
}

bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (condition()) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

} // namespace PassMirror::Test
