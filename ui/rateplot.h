// SPDX-License-Identifier: GPL-2.0-or-later
// A small QPainter chart of one mirror's open, flush and close rates over
// the last minutes (RateHistory: a point a second).
#pragma once

#include <QWidget>

namespace PassMirror
{

class RateHistory;

class RatePlot : public QWidget
{
    Q_OBJECT
public:
    explicit RatePlot(QWidget *parent = nullptr);
    // Not owned; nullptr shows an empty chart.
    void setHistory(const RateHistory *history);
    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    const RateHistory *m_history = nullptr;
};

} // namespace PassMirror
