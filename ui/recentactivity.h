// SPDX-License-Identifier: GPL-2.0-or-later
// The events of the last five minutes that the top views summarize
// (base's Activity::summarize): busiest processes and files, errors by
// operation, over the last N seconds.
//
// Bounded by count as well as by time: at most about `limit` events (the
// ring's default size), so a flood of 10,000 events a second keeps the last
// few seconds, and coverage() says how far back the figures reach.
#pragma once

#include "activityreader.h"

#include <chrono>
#include <cstdint>
#include <vector>

namespace PassMirror
{

class RecentActivity
{
public:
    static constexpr std::chrono::seconds Kept{300};
    static constexpr std::size_t DefaultLimit = Activity::DefaultCapacity;

    explicit RecentActivity(std::size_t limit = DefaultLimit);

    void add(const std::vector<Activity::Event> &events);
    void clear();
    [[nodiscard]] std::size_t size() const
    {
        return m_events.size();
    }

    // Over the events of the `window` before `nowUnixNs`, at most `top` of each list.
    [[nodiscard]] Activity::Summary summarize(std::chrono::seconds window, std::size_t top, std::uint64_t nowUnixNs) const;
    // Where that window's figures start: the window's start, or later when
    // older events of it were let go for the count limit.
    [[nodiscard]] std::uint64_t coverageStart(std::chrono::seconds window, std::uint64_t nowUnixNs) const;

    [[nodiscard]] static std::uint64_t nowUnixNs();

private:
    void trim();

    std::vector<Activity::Event> m_events; // in ring order
    std::size_t m_limit;
    std::uint64_t m_droppedUpTo = 0; // events up to this time were let go for the limit
};

} // namespace PassMirror
