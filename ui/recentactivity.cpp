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
    m_events.insert(m_events.end(), events.begin(), events.end());
    trim();
}

void RecentActivity::clear()
{
    m_events.clear();
    m_droppedUpTo = 0;
}

void RecentActivity::trim()
{
    // Let go in chunks (an eighth of the limit), so the copy this costs is rare.
    const std::size_t slack = m_limit / 8;
    std::size_t drop = 0;
    if (m_events.size() > m_limit + slack) {
        drop = m_events.size() - m_limit;
        for (std::size_t i = 0; i < drop; ++i) {
            m_droppedUpTo = std::max(m_droppedUpTo, m_events[i].timeUnixNs);
        }
    }
    // And what is older than anything a window shows.
    if (!m_events.empty()) {
        const std::uint64_t newest = m_events.back().timeUnixNs;
        const std::uint64_t oldestKept = newest > nanoseconds(Kept) ? newest - nanoseconds(Kept) : 0;
        std::size_t old = drop;
        while (old < m_events.size() && m_events[old].timeUnixNs < oldestKept) {
            ++old;
        }
        if (old - drop > slack) {
            drop = old;
        }
    }
    if (drop != 0) {
        m_events.erase(m_events.begin(), m_events.begin() + static_cast<std::ptrdiff_t>(drop));
    }
}

Activity::Summary RecentActivity::summarize(std::chrono::seconds window, std::size_t top, std::uint64_t nowUnixNs) const
{
    const std::uint64_t since = nowUnixNs > nanoseconds(window) ? nowUnixNs - nanoseconds(window) : 0;
    return Activity::summarize(m_events, since, top);
}

std::uint64_t RecentActivity::coverageStart(std::chrono::seconds window, std::uint64_t nowUnixNs) const
{
    const std::uint64_t since = nowUnixNs > nanoseconds(window) ? nowUnixNs - nanoseconds(window) : 0;
    return m_droppedUpTo > since ? m_droppedUpTo : since;
}

} // namespace PassMirror
