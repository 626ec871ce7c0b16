// SPDX-License-Identifier: GPL-2.0-or-later
// The window's global shortcut: "Unmount All Mirrors", registered with
// KGlobalAccel, so that it works whichever application has the keyboard
// focus. kglobalacceld (Plasma's global shortcut service, on the session bus
// as org.kde.kglobalaccel) owns the key grab and keeps the person's choice in
// $XDG_CONFIG_HOME/kglobalshortcutsrc under the component "passmirror"; it
// calls back over D-Bus and the action triggers MirrorController::unmountAll().
// Without the service in the session (another desktop) nothing is registered
// until it appears on the bus.
#pragma once

#include <QKeySequence>
#include <QObject>

class QAction;
class QDBusServiceWatcher;

namespace PassMirror
{

class MirrorController;

class GlobalShortcut : public QObject
{
    Q_OBJECT
public:
    // kglobalacceld's names for the shortcut: component and action.
    [[nodiscard]] static QString componentName();
    [[nodiscard]] static QString actionName();
    [[nodiscard]] static QKeySequence defaultShortcut();

    explicit GlobalShortcut(MirrorController *controller, QObject *parent = nullptr);
    ~GlobalShortcut() override;

    // The action kglobalacceld triggers (always enabled: with nothing
    // mounted, unmounting all does nothing).
    [[nodiscard]] QAction *action() const
    {
        return m_action;
    }
    // Whether the action is registered with kglobalacceld.
    [[nodiscard]] bool isRegistered() const
    {
        return m_registered;
    }
    // The key combination kglobalacceld has for it; empty when none or not registered.
    [[nodiscard]] QKeySequence shortcut() const;
    // When another global shortcut already uses `sequence`: "“Action” in
    // Application", in words; empty when it is free (or is this one's).
    [[nodiscard]] QString conflictWith(const QKeySequence &sequence) const;
    // Assigns `sequence` (an empty one clears the shortcut) and returns what
    // kglobalacceld now has, which differs when it refused the keys.
    QKeySequence setShortcut(const QKeySequence &sequence);

Q_SIGNALS:
    void registeredChanged();
    void shortcutChanged(const QKeySequence &sequence);

private:
    void registerAction();

    MirrorController *m_controller;
    QAction *m_action;
    QDBusServiceWatcher *m_watcher = nullptr;
    bool m_registered = false;
};

} // namespace PassMirror
