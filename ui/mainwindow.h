// SPDX-License-Identifier: GPL-2.0-or-later
// The PassMirror window: the mirror list, the details and activity tabs, the actions
// (menus, toolbar, shortcuts, context menu) and messages in words.
#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QTreeView;

namespace PassMirror
{

class ActivityPanel;
class DetailsPanel;
class GlobalShortcut;
class MirrorController;
class MirrorDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(MirrorController *controller, QWidget *parent = nullptr);

    // When true (a tray icon exists), closing hides the window.
    void setKeepRunningWhenClosed(bool keep);

    [[nodiscard]] int currentRow() const;
    void selectRow(int row);
    [[nodiscard]] QTreeView *mirrorList() const
    {
        return m_list;
    }
    [[nodiscard]] ActivityPanel *activityPanel() const
    {
        return m_activity;
    }
    // The Details and Activity tabs below the list.
    [[nodiscard]] QTabWidget *panelTabs() const
    {
        return m_tabs;
    }

    // The Add dialog, not yet shown (tests fill it in and accept it).
    MirrorDialog *openAddDialog();
    MirrorDialog *openEditDialog(int row);

    // Adds Settings → Configure Global Shortcut for `shortcut`.
    void setGlobalShortcut(GlobalShortcut *shortcut);

public Q_SLOTS:
    void showMessage(const QString &text);
    void addMirror();
    void editMirror();
    void removeMirror();
    void mountMirror();
    void unmountMirror();
    void openInFileManager();
    void showIoUringSettings();
    void showGlobalShortcutSettings();

Q_SIGNALS:
    void quitRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void updateActions();
    void askToForce(const QString &name, const QString &mountPoint, const QStringList &holders);

    MirrorController *m_controller;
    QTreeView *m_list;
    DetailsPanel *m_details;
    ActivityPanel *m_activity;
    QTabWidget *m_tabs;
    QWidget *m_banner;
    QLabel *m_bannerText;
    QMenu *m_contextMenu = nullptr;
    QMenu *m_settingsMenu = nullptr;
    GlobalShortcut *m_globalShortcut = nullptr;
    bool m_keepRunning = false;

    QAction *m_add = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_mount = nullptr;
    QAction *m_unmount = nullptr;
    QAction *m_open = nullptr;
    QAction *m_mountAll = nullptr;
    QAction *m_unmountAll = nullptr;
    QAction *m_startAtLogin = nullptr;
    QAction *m_ioUring = nullptr;
    QAction *m_quit = nullptr;
};

} // namespace PassMirror
