// SPDX-License-Identifier: GPL-2.0-or-later
// The selected mirror in full: state, paths, data path, files open now,
// bytes, every operation's count and errors, and the live rate plot.
#pragma once

#include "statslayout.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace PassMirror
{

class MirrorListModel;
class RatePlot;

class DetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit DetailsPanel(MirrorListModel *model, QWidget *parent = nullptr);
    // -1: nothing selected.
    void setRow(int row);
    // How FUSE requests reach the daemon, in words: /dev/fuse or io_uring.
    [[nodiscard]] static QString transportText(Stats::Transport transport);
    [[nodiscard]] int row() const
    {
        return m_row;
    }

public Q_SLOTS:
    void refresh();

private:
    void setText(QLabel *label, const QString &text);

    MirrorListModel *m_model;
    int m_row = -1;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_source;
    QLabel *m_mountPoint;
    QLabel *m_dataPath;
    QLabel *m_transport;
    QLabel *m_openNow;
    QLabel *m_bytes;
    QLabel *m_opens;
    QTableWidget *m_operations;
    RatePlot *m_plot;
};

} // namespace PassMirror
