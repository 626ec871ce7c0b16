// SPDX-License-Identifier: GPL-2.0-or-later
// Everything the passmirror process is, wired together: model, watcher,
// controller, window, tray and notifications. main() makes one and starts it;
// tests make one with their own helper client.
#pragma once

#include "helperclient.h"
#include "mirrorregistry.h"

#include <QObject>

#include <memory>

namespace PassMirror
{

class GlobalShortcut;
class MainWindow;
class MirrorController;
class MirrorListModel;
class MirrorWatcher;
class Notifier;
class ScreenLockWatch;
class SessionFollower;
class TrayIcon;

class Application : public QObject
{
    Q_OBJECT
public:
    struct Options {
        bool tray = true;
        QString configPath; // empty: the XDG default
        // Where the watcher looks for this user's mirrors (tests: fixtures).
        QString registryDirectory = MirrorRegistry::defaultDirectory();
        QByteArray mountInfoPath = QByteArrayLiteral("/proc/self/mountinfo");
    };
    explicit Application(const Options &options, std::unique_ptr<HelperClient> client = {}, QObject *parent = nullptr);
    ~Application() override;

    // Loads saved mirrors, adopts live ones, shows the window (unless
    // minimized to the tray) and runs the mount-at-login pass if asked.
    void start(bool minimized, bool mountAtLogin);

    [[nodiscard]] MainWindow *window() const
    {
        return m_window.get();
    }
    [[nodiscard]] MirrorController *controller() const
    {
        return m_controller;
    }
    [[nodiscard]] MirrorListModel *model() const
    {
        return m_model;
    }
    [[nodiscard]] MirrorWatcher *watcher() const
    {
        return m_watcher;
    }
    [[nodiscard]] TrayIcon *tray() const
    {
        return m_tray;
    }
    [[nodiscard]] Notifier *notifier() const
    {
        return m_notifier;
    }
    [[nodiscard]] SessionFollower *sessionFollower() const
    {
        return m_follower;
    }
    [[nodiscard]] GlobalShortcut *globalShortcut() const
    {
        return m_globalShortcut;
    }

    // Loads the translation for the system locale into the application.
    static void installTranslations();
    // The command line's descriptions, translated.
    [[nodiscard]] static QString minimizedOptionText();
    [[nodiscard]] static QString mountAtLoginOptionText();

public Q_SLOTS:
    // Asks, when mirrors are mounted, whether to unmount them or leave them running.
    void requestQuit();

private:
    void quitNow();

    MirrorListModel *m_model;
    MirrorWatcher *m_watcher;
    MirrorController *m_controller;
    std::unique_ptr<MainWindow> m_window;
    TrayIcon *m_tray = nullptr;
    Notifier *m_notifier;
    SessionFollower *m_follower;
    ScreenLockWatch *m_screenLock;
    GlobalShortcut *m_globalShortcut;
};

} // namespace PassMirror
