// SPDX-License-Identifier: GPL-2.0-or-later
// Settings → FUSE over io_uring: shows the kernel's system-wide switch and
// turns it on or off through the helper (administrator authentication).
// Says what it changes: every FUSE file system mounted afterwards on this
// computer may use the ring; mounted mirrors keep their transport; the
// kernel forgets it at restart.
#pragma once

#include "iouringswitch.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QLabel;
class QPushButton;

namespace PassMirror
{

class MirrorController;

class IoUringDialog : public QDialog
{
    Q_OBJECT
public:
    // `readState` reads the switch (the kernel's parameter); tests give their own.
    explicit IoUringDialog(MirrorController *controller, std::function<IoUringState()> readState = ioUringState, QWidget *parent = nullptr);

    [[nodiscard]] static QString stateText(IoUringState state);

private:
    void refresh();
    void apply();
    void onFinished(bool enable, const QString &message);

    MirrorController *m_controller;
    std::function<IoUringState()> m_readState;
    QLabel *m_state;
    QCheckBox *m_enable;
    QLabel *m_status;
    QPushButton *m_apply;
    bool m_waiting = false;
};

} // namespace PassMirror
