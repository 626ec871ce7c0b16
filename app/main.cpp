// SPDX-License-Identifier: GPL-2.0-or-later
// passmirror: the window and tray. Everything lives in ui/; this only wires.
#include "application.h"
#include "passmirrorapp_debug.h"
#include "signalnotifier.h"

#include <QApplication>
#include <QCommandLineParser>

#include <csignal>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    // SIGTERM (the session ending, kill) and SIGINT (Ctrl-C) end the event
    // loop: the window, tray and threads then end in order, while the X
    // server and the buses are still there. Mirrors stay mounted, as with
    // "Leave Running and Quit".
    PassMirror::SignalNotifier quitSignals({SIGTERM, SIGINT});
    QObject::connect(&quitSignals, &PassMirror::SignalNotifier::received, &app, [](int number) {
        qCDebug(PASSMIRROR_APP) << "quitting on signal" << number;
        QCoreApplication::quit();
    });
    QApplication::setApplicationName(QStringLiteral("passmirror"));
    QApplication::setApplicationDisplayName(QStringLiteral("PassMirror"));
    QApplication::setApplicationVersion(QStringLiteral(PASSMIRROR_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.passmirror.PassMirror"));
    QApplication::setQuitOnLastWindowClosed(false);
    PassMirror::Application::installTranslations();

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption minimized(QStringLiteral("minimized"), PassMirror::Application::minimizedOptionText());
    const QCommandLineOption mountAtLogin(QStringLiteral("mount-at-login"), PassMirror::Application::mountAtLoginOptionText());
    parser.addOptions({minimized, mountAtLogin});
    parser.process(app);

    qCDebug(PASSMIRROR_APP) << "starting" << (parser.isSet(minimized) ? "in the tray" : "with the window")
                            << (parser.isSet(mountAtLogin) ? "and the login pass" : "");
    PassMirror::Application passmirror(PassMirror::Application::Options{});
    passmirror.start(parser.isSet(minimized), parser.isSet(mountAtLogin));
    return QApplication::exec();
}
