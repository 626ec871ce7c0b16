// SPDX-License-Identifier: GPL-2.0-or-later
// The counters of one mirror over time, from the snapshots the watcher
// takes of its stats file: the open, flush and close counts now, their
// rates over the last second, and one point a second for the details
// panel's plot (RateHistory, the last five minutes).
//
// Plain bookkeeping: it reads no file and keeps no clock. Each add() says
// what it changed, so the model can repaint exactly those cells.
#pragma once

#include "ratehistory.h"
#include "statsreader.h"

#include <QtGlobal>

#include <array>
#include <cstdint>
#include <deque>
#include <optional>

namespace PassMirror
{

class MirrorSampler
{
public:
    // Rates are taken over this much of the past.
    static constexpr qint64 RateWindowMs = 1000;
    // The history gets a point at most this often.
    static constexpr qint64 HistoryStepMs = 1000;

    // What one call changed.
    struct Change {
        std::array<bool, RateHistory::SeriesCount> count{};
        std::array<bool, RateHistory::SeriesCount> rate{};
        // The daemon's state or whether passthrough is available (also on
        // the first snapshot).
        bool daemon = false;
        bool historyChanged = false; // a point added, or every point dropped

        [[nodiscard]] bool any() const;
    };

    MirrorSampler() = default;

    // One snapshot, taken at `nowMs` (monotonic milliseconds).
    Change add(const Stats::Snapshot &snapshot, qint64 nowMs);
    // The mirror is gone: no rate any more; the last counts and the
    // history stay to be looked at.
    Change stop();
    // Another mirror from now on: nothing of the last one stays.
    Change reset();

    [[nodiscard]] const std::optional<Stats::Snapshot> &snapshot() const
    {
        return m_snapshot;
    }
    // 0 before the first snapshot.
    [[nodiscard]] std::uint64_t count(RateHistory::Series series) const;
    // Per second, rounded to the tenth shown.
    [[nodiscard]] double rate(RateHistory::Series series) const
    {
        return m_rates[series];
    }
    [[nodiscard]] const RateHistory &history() const
    {
        return m_history;
    }

    // The operation each series counts.
    [[nodiscard]] static Stats::Operation operation(RateHistory::Series series);

private:
    using Counts = std::array<std::uint64_t, RateHistory::SeriesCount>;
    struct Sample {
        qint64 ms;
        Counts counts;
    };

    Change setRates(const std::array<double, RateHistory::SeriesCount> &rates);

    std::optional<Stats::Snapshot> m_snapshot;
    std::deque<Sample> m_window; // the last second of samples
    std::array<double, RateHistory::SeriesCount> m_rates{};
    RateHistory m_history;
    std::optional<Sample> m_lastPoint; // when the history last got a point
};

} // namespace PassMirror
