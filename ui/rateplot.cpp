// SPDX-License-Identifier: GPL-2.0-or-later
#include "rateplot.h"

#include "ratehistory.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace PassMirror
{

namespace
{
const QColor SeriesColors[RateHistory::SeriesCount] = {QColor(0x3d, 0xae, 0xe9), QColor(0xf6, 0x74, 0x00), QColor(0x27, 0xae, 0x60)};

// 1, 2, 5, 10, 20, 50 ...: a round top for the y axis.
double niceCeiling(double value)
{
    if (value <= 1.0) {
        return 1.0;
    }
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (value <= step * magnitude) {
            return step * magnitude;
        }
    }
    return 10.0 * magnitude;
}
} // namespace

RatePlot::RatePlot(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("ratePlot"));
    setAccessibleName(tr("Open, flush and close rates over the last five minutes", "@info:accessible chart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void RatePlot::setHistory(const RateHistory *history)
{
    m_history = history;
    update();
}

QSize RatePlot::sizeHint() const
{
    return {480, 180};
}

QSize RatePlot::minimumSizeHint() const
{
    return {240, 120};
}

void RatePlot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.base());

    const QFontMetrics fm = fontMetrics();
    const QString seriesNames[RateHistory::SeriesCount] = {
        tr("Opens/s", "@label chart legend"),
        tr("Flushes/s", "@label chart legend"),
        tr("Closes/s", "@label chart legend"),
    };
    const double top = niceCeiling(m_history ? m_history->maximum() : 0.0);
    const QLocale locale;
    const int left = fm.horizontalAdvance(locale.toString(top * 10.0, 'g', 6)) + 8;
    const QRect plot = rect().adjusted(left, fm.height() + 8, -8, -fm.height() - 6);
    if (plot.width() < 10 || plot.height() < 10) {
        return;
    }

    // Grid and axis labels.
    painter.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
    for (int i = 0; i <= 4; ++i) {
        const int y = plot.bottom() - plot.height() * i / 4;
        painter.drawLine(plot.left(), y, plot.right(), y);
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRect(0, y - fm.height() / 2, left - 4, fm.height()), Qt::AlignRight | Qt::AlignVCenter, locale.toString(top * i / 4, 'g', 4));
        painter.setPen(QPen(pal.color(QPalette::Mid), 1, Qt::DotLine));
    }
    painter.setPen(pal.color(QPalette::Text));
    const std::size_t capacity = m_history ? m_history->capacity() : 300;
    painter.drawText(QRect(plot.left(), plot.bottom() + 4, plot.width(), fm.height()),
                     Qt::AlignLeft,
                     tr("%1 min ago", "@label chart axis").arg(static_cast<qulonglong>(capacity / 60)));
    painter.drawText(QRect(plot.left(), plot.bottom() + 4, plot.width(), fm.height()), Qt::AlignRight, tr("now", "@label chart axis"));

    // Legend.
    int x = plot.left();
    for (int s = 0; s < RateHistory::SeriesCount; ++s) {
        painter.fillRect(QRect(x, 4 + fm.height() / 4, fm.height() / 2, fm.height() / 2), SeriesColors[s]);
        x += fm.height() / 2 + 4;
        painter.drawText(QPoint(x, 4 + fm.ascent()), seriesNames[s]);
        x += fm.horizontalAdvance(seriesNames[s]) + 16;
    }

    if (!m_history || m_history->size() < 2) {
        return;
    }
    // Newest point at the right edge; one point a second.
    const double dx = static_cast<double>(plot.width()) / static_cast<double>(capacity - 1);
    const std::size_t n = m_history->size();
    for (int s = 0; s < RateHistory::SeriesCount; ++s) {
        QPainterPath path;
        for (std::size_t i = 0; i < n; ++i) {
            const double px = plot.right() - static_cast<double>(n - 1 - i) * dx;
            const double py = plot.bottom() - m_history->at(i)[s] / top * plot.height();
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        painter.setPen(QPen(SeriesColors[s], 2));
        painter.drawPath(path);
    }
}

} // namespace PassMirror
