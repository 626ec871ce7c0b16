// SPDX-License-Identifier: GPL-2.0-or-later
#include "recentactivity.h"

#include <algorithm>
#include <ctime>

namespace PassMirror
{

namespace
{
constexpr std::uint64_t nanoseconds(std::chrono::seconds seconds)
{
    return static_cast<std::uint64_t>(std::chrono::nanoseconds(seconds).count());
}

std::uint64_t windowStart(std::chrono::seconds window, std::uint64_t nowUnixNs)
{
    return nowUnixNs > nanoseconds(window) ? nowUnixNs - nanoseconds(window) : 0;
}

std::uint64_t newestTime(const std::vector<Activity::Event> &events)
{
    std::uint64_t newest = 0;
    for (const Activity::Event &event : events) {
        newest = std::max(newest, event.timeUnixNs);
    }
    return newest;
}
} // namespace

RecentActivity::RecentActivity(std::size_t limit)
    : m_limit(std::max<std::size_t>(limit, 1))
{
}

std::uint64_t RecentActivity::nowUnixNs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<std::uint64_t>(now.tv_sec) * 1000000000u + static_cast<std::uint64_t>(now.tv_nsec);
}

void RecentActivity::add(const std::vector<Activity::Event> &events)
{
    if (events.empty()) {
        return;
    }
    m_batches.push_back(std::make_shared<const std::vector<Activity::Event>>(events));
    m_size += events.size();
    trim();
}

void RecentActivity::clear()
{
    m_batches.clear();
    m_size = 0;
    m_droppedUpTo = 0;
}

// Whole batches go: the oldest while the rest still hold `limit` events, and
// those older than anything a window shows.
void RecentActivity::trim()
{
    while (m_batches.size() > 1 && m_size - m_batches.front()->size() >= m_limit) {
        m_droppedUpTo = std::max(m_droppedUpTo, newestTime(*m_batches.front()));
        m_size -= m_batches.front()->size();
        m_batches.pop_front();
    }
    const std::uint64_t oldestShown = windowStart(Kept, m_batches.back()->back().timeUnixNs);
    while (m_batches.size() > 1 && newestTime(*m_batches.front()) < oldestShown) {
        m_size -= m_batches.front()->size();
        m_batches.pop_front();
    }
}

RecentActivity::Snapshot RecentActivity::snapshot() const
{
    return {{m_batches.begin(), m_batches.end()}, m_droppedUpTo};
}

Activity::Summary RecentActivity::summarize(const Snapshot &snapshot, std::chrono::seconds window, std::size_t top, std::uint64_t nowUnixNs)
{
    // Only the window's events are copied into the one list summarize() takes.
    const std::uint64_t since = windowStart(window, nowUnixNs);
    std::vector<Activity::Event> events;
    for (const Batch &batch : snapshot.batches) {
        if (newestTime(*batch) < since) {
            continue;
        }
        for (const Activity::Event &event : *batch) {
            if (event.timeUnixNs >= since) {
                events.push_back(event);
            }
        }
    }
    return Activity::summarize(events, since, top);
}

std::uint64_t RecentActivity::coverageStart(const Snapshot &snapshot, std::chrono::seconds window, std::uint64_t nowUnixNs)
{
    return std::max(snapshot.droppedUpTo, windowStart(window, nowUnixNs));
}

} // namespace PassMirror
