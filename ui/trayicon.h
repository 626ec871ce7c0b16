// SPDX-License-Identifier: GPL-2.0-or-later
// The tray item (KStatusNotifierItem): an icon for none / active / error, a
// tooltip with the counts, and a menu with each mirror as a toggle, Unmount
// All, Show Window and Quit.
#pragma once

#include <QObject>

class KStatusNotifierItem;
class QAction;
class QMenu;

namespace PassMirror
{

class MirrorController;

class TrayIcon : public QObject
{
    Q_OBJECT
public:
    TrayIcon(MirrorController *controller, QWidget *window, QObject *parent = nullptr);
    ~TrayIcon() override;

    [[nodiscard]] KStatusNotifierItem *item() const
    {
        return m_item;
    }
    [[nodiscard]] QMenu *menu() const
    {
        return m_menu;
    }
    [[nodiscard]] QString toolTipText() const;

public Q_SLOTS:
    void refresh();
    void refreshToolTip();

Q_SIGNALS:
    void quitRequested();

private:
    void rebuildMenu();

    MirrorController *m_controller;
    QWidget *m_window;
    KStatusNotifierItem *m_item;
    QMenu *m_menu;
    QAction *m_mirrorsEnd = nullptr;
    QAction *m_unmountAll = nullptr;
    QAction *m_show = nullptr;
    QAction *m_quit = nullptr;
    QList<QAction *> m_toggles;
};

} // namespace PassMirror
