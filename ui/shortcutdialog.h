// SPDX-License-Identifier: GPL-2.0-or-later
// Settings → Configure Global Shortcut: shows the key combination
// kglobalacceld has for "Unmount All Mirrors" and lets the person record
// another, go back to the default or have none. A combination another
// global shortcut holds is refused with its holder named; nothing changes
// until OK.
#pragma once

#include <QDialog>

class QKeySequenceEdit;
class QLabel;
class QPushButton;

namespace PassMirror
{

class GlobalShortcut;

class ShortcutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ShortcutDialog(GlobalShortcut *shortcut, QWidget *parent = nullptr);

    void accept() override;

private:
    void refresh();

    GlobalShortcut *m_shortcut;
    QLabel *m_unavailable;
    QKeySequenceEdit *m_edit;
    QPushButton *m_default;
    QPushButton *m_none;
    QPushButton *m_ok;
    QLabel *m_status;
};

} // namespace PassMirror
