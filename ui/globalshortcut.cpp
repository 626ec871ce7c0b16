// SPDX-License-Identifier: GPL-2.0-or-later
#include "globalshortcut.h"

#include "mirrorcontroller.h"
#include "passmirrorui_debug.h"

#include <KGlobalAccel>
#include <KGlobalShortcutInfo>

#include <QAction>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>
#include <QDBusServiceWatcher>
#include <QIcon>

namespace PassMirror
{

namespace
{
const QString ServiceName = QStringLiteral("org.kde.kglobalaccel");

// Whether kglobalacceld runs in this session, or the bus can start it. Asked
// before KGlobalAccel is touched: without a service it logs a critical
// message at every start, and a window on another desktop has no use for it.
bool serviceAvailable()
{
    QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
    if (!bus) {
        return false;
    }
    if (bus->isServiceRegistered(ServiceName)) {
        return true;
    }
    const QDBusReply<QStringList> activatable = bus->activatableServiceNames();
    return activatable.isValid() && activatable.value().contains(ServiceName);
}
} // namespace

QString GlobalShortcut::componentName()
{
    // Set on the action rather than taken from QCoreApplication::applicationName()
    // (KGlobalAccel's default), so that the saved choice does not depend on
    // how the program that registers it is named.
    return QStringLiteral("passmirror");
}

QString GlobalShortcut::actionName()
{
    return QStringLiteral("unmountAllMirrors");
}

QKeySequence GlobalShortcut::defaultShortcut()
{
    // Meta+Ctrl+U: U as in the window's Unmount All (Ctrl+Shift+U), with Meta
    // as global shortcuts on Plasma have it. Plasma's own Meta+Ctrl defaults
    // are the desktop switching arrows, Kill Window (Esc), Activate Window
    // Demanding Attention (A) and screenshots (Print); U is not among them.
    // A key already taken elsewhere is dropped by kglobalacceld, and the
    // person can pick another in Settings → Configure Global Shortcut.
    return QKeySequence(Qt::META | Qt::CTRL | Qt::Key_U);
}

GlobalShortcut::GlobalShortcut(MirrorController *controller, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    // Its own action, not the window's Unmount All: KGlobalAccel ignores a
    // disabled action (the window's is, while nothing is mounted) and the
    // window's keeps its window-wide Ctrl+Shift+U.
    , m_action(new QAction(QIcon::fromTheme(QStringLiteral("media-eject")), tr("Unmount All Mirrors", "@action global shortcut"), this))
{
    m_action->setObjectName(actionName());
    m_action->setProperty("componentName", componentName());
    m_action->setProperty("componentDisplayName", QStringLiteral("PassMirror"));
    connect(m_action, &QAction::triggered, m_controller, [this]() {
        qCDebug(PASSMIRROR_UI) << "global shortcut: unmount all mirrors";
        m_controller->unmountAll();
    });

    if (serviceAvailable()) {
        registerAction();
    } else if (QDBusConnection::sessionBus().isConnected()) {
        // kglobalacceld may start after the window (autostart order).
        m_watcher = new QDBusServiceWatcher(ServiceName, QDBusConnection::sessionBus(), QDBusServiceWatcher::WatchForRegistration, this);
        connect(m_watcher, &QDBusServiceWatcher::serviceRegistered, this, &GlobalShortcut::registerAction);
    }
}

// The action goes first (KGlobalAccel then marks it inactive in
// kglobalacceld, which keeps the person's choice).
GlobalShortcut::~GlobalShortcut() = default;

void GlobalShortcut::registerAction()
{
    if (m_registered) {
        return;
    }
    // Sets the default and, the first time only, the active shortcut; after
    // that kglobalacceld answers with the one saved (Autoloading).
    if (!KGlobalAccel::setGlobalShortcut(m_action, defaultShortcut())) {
        qCWarning(PASSMIRROR_UI) << "KGlobalAccel refused to register" << actionName();
        return;
    }
    m_registered = true;
    delete m_watcher;
    m_watcher = nullptr;
    connect(KGlobalAccel::self(), &KGlobalAccel::globalShortcutChanged, this, [this](QAction *action, const QKeySequence &sequence) {
        if (action == m_action) {
            Q_EMIT shortcutChanged(sequence);
        }
    });
    qCDebug(PASSMIRROR_UI) << "global shortcut registered:" << shortcut();
    Q_EMIT registeredChanged();
}

QKeySequence GlobalShortcut::shortcut() const
{
    if (!m_registered) {
        return {};
    }
    return KGlobalAccel::self()->shortcut(m_action).value(0);
}

QString GlobalShortcut::conflictWith(const QKeySequence &sequence) const
{
    if (!m_registered || sequence.isEmpty() || sequence == shortcut()) {
        return {};
    }
    if (KGlobalAccel::isGlobalShortcutAvailable(sequence, componentName())) {
        return {};
    }
    const QList<KGlobalShortcutInfo> holders = KGlobalAccel::globalShortcutsByKey(sequence);
    for (const KGlobalShortcutInfo &holder : holders) {
        if (holder.componentUniqueName() == componentName() && holder.uniqueName() == actionName()) {
            continue;
        }
        return tr("“%1” in %2", "@info global shortcut's action in application").arg(holder.friendlyName(), holder.componentFriendlyName());
    }
    return tr("another global shortcut", "@info");
}

QKeySequence GlobalShortcut::setShortcut(const QKeySequence &sequence)
{
    if (!m_registered) {
        return {};
    }
    const QList<QKeySequence> keys = sequence.isEmpty() ? QList<QKeySequence>{} : QList<QKeySequence>{sequence};
    KGlobalAccel::self()->setShortcut(m_action, keys, KGlobalAccel::NoAutoloading);
    const QKeySequence now = shortcut();
    Q_EMIT shortcutChanged(now);
    return now;
}

} // namespace PassMirror
