// SPDX-License-Identifier: GPL-2.0-or-later
// The last minutes of open/flush/close rates of one mirror, one point a
// second, for the details panel's plot.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace PassMirror
{

class RateHistory
{
public:
    enum Series {
        Opens,
        Flushes,
        Closes,
        SeriesCount
    };
    using Point = std::array<double, SeriesCount>;

    explicit RateHistory(std::size_t capacity = 300)
        : m_capacity(capacity)
    {
    }

    void append(const Point &point)
    {
        if (m_points.size() < m_capacity) {
            m_points.push_back(point);
        } else {
            m_points[m_start] = point;
            m_start = (m_start + 1) % m_capacity;
        }
    }
    void clear()
    {
        m_points.clear();
        m_start = 0;
    }
    [[nodiscard]] std::size_t size() const
    {
        return m_points.size();
    }
    [[nodiscard]] std::size_t capacity() const
    {
        return m_capacity;
    }
    // 0 is the oldest point.
    [[nodiscard]] const Point &at(std::size_t index) const
    {
        return m_points[(m_start + index) % m_points.size()];
    }
    [[nodiscard]] double maximum() const
    {
        double max = 0;
        for (const auto &point : m_points) {
            for (const double value : point) {
                max = value > max ? value : max;
            }
        }
        return max;
    }

private:
    std::size_t m_capacity;
    std::size_t m_start = 0;
    std::vector<Point> m_points;
};

} // namespace PassMirror
