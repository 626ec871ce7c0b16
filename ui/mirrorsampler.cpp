// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorsampler.h"

#include <algorithm>
#include <cmath>

namespace PassMirror
{

namespace
{
constexpr std::array<Stats::Operation, RateHistory::SeriesCount> CountedOperations = {Stats::Operation::Open,
                                                                                      Stats::Operation::Flush,
                                                                                      Stats::Operation::Release};

// Rates are shown with one decimal: a change below that is no change.
double roundedRate(double value)
{
    return std::round(value * 10.0) / 10.0;
}

// Counters only grow; a smaller one (another daemon's file) counts as none.
std::uint64_t since(std::uint64_t now, std::uint64_t then)
{
    return now >= then ? now - then : 0;
}
} // namespace

bool MirrorSampler::Change::any() const
{
    const auto set = [](bool value) {
        return value;
    };
    return daemon || historyChanged || std::ranges::any_of(count, set) || std::ranges::any_of(rate, set);
}

Stats::Operation MirrorSampler::operation(RateHistory::Series series)
{
    return CountedOperations[series];
}

std::uint64_t MirrorSampler::count(RateHistory::Series series) const
{
    return m_snapshot ? m_snapshot->requestsOf(operation(series)) : 0;
}

MirrorSampler::Change MirrorSampler::setRates(const std::array<double, RateHistory::SeriesCount> &rates)
{
    Change change;
    for (int s = 0; s < RateHistory::SeriesCount; ++s) {
        change.rate[s] = rates[s] != m_rates[s];
    }
    m_rates = rates;
    return change;
}

MirrorSampler::Change MirrorSampler::add(const Stats::Snapshot &snapshot, qint64 nowMs)
{
    const bool first = !m_snapshot;
    Sample now{nowMs, {}};
    for (int s = 0; s < RateHistory::SeriesCount; ++s) {
        now.counts[s] = snapshot.requestsOf(operation(static_cast<RateHistory::Series>(s)));
    }

    // Keep one sample at or before the start of the window as the base.
    m_window.push_back(now);
    while (m_window.size() > 2 && m_window[1].ms <= nowMs - RateWindowMs) {
        m_window.pop_front();
    }
    const Sample &base = m_window.front();
    const qint64 span = nowMs - base.ms;
    std::array<double, RateHistory::SeriesCount> rates{};
    for (int s = 0; s < RateHistory::SeriesCount; ++s) {
        rates[s] = span > 0 ? roundedRate(static_cast<double>(since(now.counts[s], base.counts[s])) * 1000.0 / static_cast<double>(span)) : 0.0;
    }
    Change change = setRates(rates);

    for (int s = 0; s < RateHistory::SeriesCount; ++s) {
        change.count[s] = first || count(static_cast<RateHistory::Series>(s)) != now.counts[s];
        change.rate[s] = change.rate[s] || first;
    }
    change.daemon = first || m_snapshot->state != snapshot.state || m_snapshot->passthroughAvailable != snapshot.passthroughAvailable;
    m_snapshot = snapshot;

    if (!m_lastPoint) {
        m_lastPoint = now;
    } else if (nowMs - m_lastPoint->ms >= HistoryStepMs) {
        RateHistory::Point point{};
        const double seconds = static_cast<double>(nowMs - m_lastPoint->ms) / 1000.0;
        for (int s = 0; s < RateHistory::SeriesCount; ++s) {
            point[s] = static_cast<double>(since(now.counts[s], m_lastPoint->counts[s])) / seconds;
        }
        m_history.append(point);
        m_lastPoint = now;
        change.historyChanged = true;
    }
    return change;
}

MirrorSampler::Change MirrorSampler::stop()
{
    m_window.clear();
    m_lastPoint.reset();
    return setRates({});
}

MirrorSampler::Change MirrorSampler::reset()
{
    Change change = stop();
    if (m_snapshot) {
        change.count.fill(true);
        change.daemon = true;
    }
    m_snapshot.reset();
    if (m_history.size() > 0) {
        m_history.clear();
        change.historyChanged = true;
    }
    return change;
}

} // namespace PassMirror
