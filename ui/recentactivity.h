// SPDX-License-Identifier: GPL-2.0-or-later
// The events of the last five minutes that the top views summarize
// (base's Activity::summarize): busiest processes and files, errors by
// operation, over the last N seconds.
//
// Bounded by count as well as by time: about `limit` events (the ring's
// default size), so a flood of 10,000 events a second keeps the last few
// seconds, and coverageStart() says how far back the figures reach.
//
// Kept as the batches came, each shared and never changed once added: a
// snapshot is a list of pointers, taken on the window's thread in no time,
// and summarized on another (at 10,000 events a second, summarize() over
// 65,536 events takes longer than a frame).
#pragma once

#include "activityreader.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

namespace PassMirror
{

class RecentActivity
{
public:
    static constexpr std::chrono::seconds Kept{300};
    static constexpr std::size_t DefaultLimit = Activity::DefaultCapacity;

    using Batch = std::shared_ptr<const std::vector<Activity::Event>>;
    struct Snapshot {
        std::vector<Batch> batches;
        std::uint64_t droppedUpTo = 0;
    };

    explicit RecentActivity(std::size_t limit = DefaultLimit);

    void add(const std::vector<Activity::Event> &events);
    void clear();
    [[nodiscard]] std::size_t size() const
    {
        return m_size;
    }

    [[nodiscard]] Snapshot snapshot() const;
    // Over the events of the `window` before `nowUnixNs`, at most `top` of
    // each list. Any thread.
    [[nodiscard]] static Activity::Summary summarize(const Snapshot &snapshot, std::chrono::seconds window, std::size_t top, std::uint64_t nowUnixNs);
    // Where that window's figures start: the window's start, or later when
    // older events of it were let go for the count limit.
    [[nodiscard]] static std::uint64_t coverageStart(const Snapshot &snapshot, std::chrono::seconds window, std::uint64_t nowUnixNs);

    [[nodiscard]] static std::uint64_t nowUnixNs();

private:
    void trim();

    std::deque<Batch> m_batches; // in ring order
    std::size_t m_size = 0;
    std::size_t m_limit;
    std::uint64_t m_droppedUpTo = 0; // events up to this time were let go for the limit
};

} // namespace PassMirror
