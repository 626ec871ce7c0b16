// SPDX-License-Identifier: GPL-2.0-or-later
#include "trayicon.h"

#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"

#include <KStatusNotifierItem>

#include <QGuiApplication>
#include <QLocale>
#include <QMenu>
#include <QWidget>
#include <QWindow>

namespace PassMirror
{

TrayIcon::TrayIcon(MirrorController *controller, QWidget *window, QObject *parent)
    : QObject(parent)
    , m_controller(controller)
    , m_window(window)
    , m_item(new KStatusNotifierItem(QStringLiteral("org.passmirror.PassMirror"), this))
    , m_menu(new QMenu(window))
{
    setObjectName(QStringLiteral("trayIcon"));
    m_item->setObjectName(QStringLiteral("statusNotifierItem"));
    m_item->setCategory(KStatusNotifierItem::ApplicationStatus);
    m_item->setTitle(tr("PassMirror", "@title tray item"));
    m_item->setStandardActionsEnabled(false);
    m_menu->setObjectName(QStringLiteral("trayMenu"));

    m_mirrorsEnd = m_menu->addSeparator();
    m_unmountAll = m_menu->addAction(QIcon::fromTheme(QStringLiteral("media-eject")), tr("Unmount All", "@action tray menu"));
    m_unmountAll->setObjectName(QStringLiteral("trayUnmountAllAction"));
    m_show = m_menu->addAction(QIcon::fromTheme(QStringLiteral("window")), tr("Show Window", "@action tray menu"));
    m_show->setObjectName(QStringLiteral("trayShowAction"));
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("Quit", "@action tray menu"));
    m_quit->setObjectName(QStringLiteral("trayQuitAction"));
    m_item->setContextMenu(m_menu);

    connect(m_unmountAll, &QAction::triggered, m_controller, [this]() {
        m_controller->unmountAll();
    });
    connect(m_show, &QAction::triggered, this, [this]() {
        m_window->show();
        m_window->raise();
        m_window->activateWindow();
    });
    connect(m_quit, &QAction::triggered, this, &TrayIcon::quitRequested);
    connect(m_item, &KStatusNotifierItem::activateRequested, this, [this](bool, const QPoint &) {
        if (m_window->isVisible() && m_window->isActiveWindow()) {
            m_window->hide();
        } else {
            m_window->show();
            m_window->raise();
            m_window->activateWindow();
        }
    });

    MirrorListModel *model = m_controller->model();
    connect(model, &MirrorListModel::summaryChanged, this, &TrayIcon::refresh);
    connect(model, &QAbstractItemModel::rowsInserted, this, &TrayIcon::refresh);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &TrayIcon::refresh);
    connect(model, &QAbstractItemModel::modelReset, this, &TrayIcon::refresh);
    connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
        if (topLeft.column() <= MirrorListModel::StateColumn) {
            refresh();
        }
    });
    // Counts in the tooltip: once a second is enough.
    connect(model, &MirrorListModel::historyAppended, this, &TrayIcon::refreshToolTip);
    refresh();
}

TrayIcon::~TrayIcon() = default;

void TrayIcon::rebuildMenu()
{
    MirrorListModel *model = m_controller->model();
    for (QAction *action : std::as_const(m_toggles)) {
        m_menu->removeAction(action);
        action->deleteLater();
    }
    m_toggles.clear();
    for (int row = 0; row < model->rowCount(); ++row) {
        const MirrorConfig config = model->config(row);
        const auto state = model->state(row);
        // A waiting mirror says for what in the menu itself: a shell shows
        // no tool tips of menu items.
        const QString waitingFor = model->waitingFor(row);
        auto *toggle = new QAction(state == MirrorListModel::State::Waiting
                                       ? tr("%1 (waiting for %2)", "@action:inmenu mirror name, the folder or drive it waits for").arg(config.name, waitingFor)
                                       : config.name,
                                   m_menu);
        toggle->setObjectName(QStringLiteral("trayToggle:") + config.mountPoint);
        toggle->setCheckable(true);
        toggle->setChecked(state == MirrorListModel::State::Mounted || state == MirrorListModel::State::Unmounting);
        toggle->setEnabled(m_controller->canMount(row) || m_controller->canUnmount(row));
        toggle->setToolTip(model->stateTextOf(row));
        const QString mountPoint = config.mountPoint;
        connect(toggle, &QAction::triggered, m_controller, [this, mountPoint]() {
            m_controller->toggle(m_controller->model()->rowForMountPoint(mountPoint));
        });
        m_menu->insertAction(m_mirrorsEnd, toggle);
        m_toggles.append(toggle);
    }
    bool anyMounted = false;
    for (int row = 0; row < model->rowCount(); ++row) {
        anyMounted = anyMounted || m_controller->canUnmount(row);
    }
    m_unmountAll->setEnabled(anyMounted);
}

void TrayIcon::refresh()
{
    MirrorListModel *model = m_controller->model();
    const int errors = model->countInState(MirrorListModel::State::Error);
    const int mounted = model->countInState(MirrorListModel::State::Mounted);
    if (errors > 0) {
        m_item->setIconByName(QStringLiteral("org.passmirror.PassMirror-error"));
        m_item->setStatus(KStatusNotifierItem::NeedsAttention);
        m_item->setAttentionIconByName(QStringLiteral("org.passmirror.PassMirror-error"));
    } else if (mounted > 0) {
        m_item->setIconByName(QStringLiteral("org.passmirror.PassMirror-active"));
        m_item->setStatus(KStatusNotifierItem::Active);
    } else {
        m_item->setIconByName(QStringLiteral("org.passmirror.PassMirror-none"));
        m_item->setStatus(KStatusNotifierItem::Passive);
    }
    rebuildMenu();
    refreshToolTip();
}

QString TrayIcon::toolTipText() const
{
    MirrorListModel *model = m_controller->model();
    const QLocale locale;
    QStringList lines;
    lines << tr("%1 of %2 mirrors mounted", "@info:tooltip").arg(model->countInState(MirrorListModel::State::Mounted)).arg(model->rowCount());
    if (const int errors = model->countInState(MirrorListModel::State::Error); errors > 0) {
        lines << tr("%1 with errors", "@info:tooltip mirrors").arg(errors);
    }
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->state(row) == MirrorListModel::State::Waiting) {
            lines
                << tr("%1: waiting for %2", "@info:tooltip mirror name, the folder or drive it waits for").arg(model->config(row).name, model->waitingFor(row));
            continue;
        }
        if (model->state(row) != MirrorListModel::State::Mounted) {
            continue;
        }
        const QModelIndex index = model->index(row, 0);
        lines << tr("%1: %2 opens, %3 flushes, %4 closes", "@info:tooltip")
                     .arg(index.data(MirrorListModel::NameRole).toString(),
                          locale.toString(index.data(MirrorListModel::OpenCountRole).toULongLong()),
                          locale.toString(index.data(MirrorListModel::FlushCountRole).toULongLong()),
                          locale.toString(index.data(MirrorListModel::CloseCountRole).toULongLong()));
    }
    return lines.join(QLatin1Char('\n'));
}

void TrayIcon::refreshToolTip()
{
    const QString text = toolTipText();
    if (m_item->toolTipSubTitle() != text) {
        m_item->setToolTip(m_item->iconName(), tr("PassMirror", "@title tray tooltip"), text);
    }
}

} // namespace PassMirror
