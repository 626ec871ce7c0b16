// SPDX-License-Identifier: GPL-2.0-or-later
#include "application.h"

#include "globalshortcut.h"
#include "helperclient.h"
#include "mainwindow.h"
#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "mirrorwatcher.h"
#include "notifier.h"
#include "passmirrorui_debug.h"
#include "screenlockwatch.h"
#include "sessionfollower.h"
#include "trayicon.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTranslator>

#include <unistd.h>

// Q_INIT_RESOURCE must be used outside any namespace.
static void initTranslationResource()
{
    Q_INIT_RESOURCE(passmirror_translations);
}

namespace PassMirror
{

Application::Application(const Options &options, std::unique_ptr<HelperClient> client, QObject *parent)
    : QObject(parent)
    , m_model(new MirrorListModel(this))
    , m_watcher(new MirrorWatcher(this, options.registryDirectory, options.mountInfoPath))
{
    // The window shows its user's mirrors only, also when that user is root.
    m_watcher->setOwner(getuid());
    if (!client) {
        client = std::make_unique<HelperClient>();
    }
    m_controller = new MirrorController(m_model, m_watcher, std::move(client), MirrorStore(options.configPath), this);
    m_window = std::make_unique<MainWindow>(m_controller);
    m_notifier = new Notifier(m_controller, this);
    m_follower = new SessionFollower(m_controller, m_watcher, this);
    m_notifier->follow(m_follower);
    m_screenLock = new ScreenLockWatch(this);
    connect(m_screenLock, &ScreenLockWatch::locked, m_follower, &SessionFollower::screenLocked);
    connect(m_screenLock, &ScreenLockWatch::unlocked, m_follower, &SessionFollower::screenUnlocked);
    connect(m_screenLock, &ScreenLockWatch::sessionActiveChanged, m_follower, &SessionFollower::setSessionActive);
    m_globalShortcut = new GlobalShortcut(m_controller, this);
    m_window->setGlobalShortcut(m_globalShortcut);
    if (options.tray) {
        m_tray = new TrayIcon(m_controller, m_window.get(), this);
        connect(m_tray, &TrayIcon::quitRequested, this, &Application::requestQuit);
        m_window->setKeepRunningWhenClosed(true);
    }
    connect(m_window.get(), &MainWindow::quitRequested, this, &Application::requestQuit);
}

Application::~Application()
{
    // The tray's menu and the window go before the model they show.
    delete m_tray;
    m_window.reset();
}

void Application::installTranslations()
{
    initTranslationResource();
    auto *translator = new QTranslator(qApp);
    if (translator->load(QLocale(), QStringLiteral("passmirror"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(translator);
    } else {
        qCDebug(PASSMIRROR_UI) << "no translation for" << QLocale().uiLanguages();
        delete translator;
    }
    auto *qtTranslator = new QTranslator(qApp);
    if (qtTranslator->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qtTranslator);
    } else {
        delete qtTranslator;
    }
}

QString Application::minimizedOptionText()
{
    return tr("Start in the tray without showing the window", "@info:shell command-line option");
}

QString Application::mountAtLoginOptionText()
{
    return tr("Mount the mirrors marked \"mount at login\"", "@info:shell command-line option");
}

void Application::start(bool minimized, bool mountAtLogin)
{
    m_controller->start();
    m_follower->start();
    m_screenLock->start();
    if (!minimized || !m_tray) {
        m_window->show();
    }
    if (mountAtLogin) {
        m_controller->mountAtLogin();
    }
}

void Application::requestQuit()
{
    const int mounted = m_model->countInState(MirrorListModel::State::Mounted);
    if (mounted == 0) {
        quitNow();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::Question,
                                tr("Quit PassMirror", "@title:window"),
                                tr("%n mirror(s) are mounted. Unmount them before quitting, or leave them running?", "@info", mounted),
                                QMessageBox::NoButton,
                                m_window.get());
    box->setObjectName(QStringLiteral("quitDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *unmount = box->addButton(tr("Unmount and Quit", "@action:button"), QMessageBox::AcceptRole);
    unmount->setObjectName(QStringLiteral("unmountAndQuitButton"));
    QPushButton *leave = box->addButton(tr("Leave Running and Quit", "@action:button"), QMessageBox::DestructiveRole);
    leave->setObjectName(QStringLiteral("leaveRunningButton"));
    box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelQuitButton"));
    connect(box, &QMessageBox::buttonClicked, this, [this, unmount, leave](QAbstractButton *button) {
        if (button == leave) {
            quitNow();
        } else if (button == unmount) {
            // Quit once every unmount is done; if one fails (a busy mirror),
            // stay and show why.
            connect(
                m_controller,
                &MirrorController::requestsFinished,
                this,
                [this]() {
                    if (m_model->countInState(MirrorListModel::State::Mounted) == 0) {
                        quitNow();
                    }
                },
                Qt::SingleShotConnection);
            m_controller->unmountAll();
            if (!m_controller->hasPendingRequests()) {
                quitNow();
            }
        }
    });
    m_window->show();
    box->open();
}

void Application::quitNow()
{
    QCoreApplication::quit();
}

} // namespace PassMirror
