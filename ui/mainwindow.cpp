// SPDX-License-Identifier: GPL-2.0-or-later
#include "mainwindow.h"

#include "activitypanel.h"
#include "detailspanel.h"
#include "globalshortcut.h"
#include "iouringdialog.h"
#include "mirrorcontroller.h"
#include "mirrordialog.h"
#include "mirrorlistmodel.h"
#include "shortcutdialog.h"

#include <QAction>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace PassMirror
{

MainWindow::MainWindow(MirrorController *controller, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(controller)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("PassMirror", "@title:window"));
    setWindowIcon(QIcon::fromTheme(QStringLiteral("org.passmirror.PassMirror")));

    m_list = new QTreeView(this);
    m_list->setObjectName(QStringLiteral("mirrorList"));
    m_list->setAccessibleName(tr("Mirrors", "@info:accessible list"));
    m_list->setModel(controller->model());
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setTabKeyNavigation(false); // one Tab stop: arrows move inside
    // Fixed widths for the live columns: ResizeToContents would measure every
    // row on every counter change.
    QHeaderView *header = m_list->header();
    header->setObjectName(QStringLiteral("mirrorListHeader"));
    header->setAccessibleName(tr("Mirror list columns", "@info:accessible"));
    header->setStretchLastSection(false);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(MirrorListModel::SourceColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(MirrorListModel::MountPointColumn, QHeaderView::Stretch);
    const QFontMetrics fm = m_list->fontMetrics();
    header->resizeSection(MirrorListModel::NameColumn, fm.horizontalAdvance(QStringLiteral("M")) * 9);
    header->resizeSection(MirrorListModel::StateColumn, fm.horizontalAdvance(MirrorListModel::stateText(MirrorListModel::State::Unmounting)) + 16);
    header->resizeSection(MirrorListModel::DataPathColumn, fm.horizontalAdvance(MirrorListModel::dataPathText(MirrorListModel::DataPath::Passthrough)) + 16);
    for (int column = MirrorListModel::OpensColumn; column < MirrorListModel::ColumnCount; ++column) {
        const QString title = controller->model()->headerData(column, Qt::Horizontal).toString();
        header->resizeSection(column, std::max(fm.horizontalAdvance(title), fm.horizontalAdvance(QStringLiteral("00,000.0/s"))) + 12);
    }

    m_details = new DetailsPanel(controller->model(), this);
    m_activity = new ActivityPanel(controller->model(), this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setAccessibleName(tr("Selected mirror", "@info:accessible tabs"));
    m_tabs->addTab(m_details, tr("&Details", "@title:tab"));
    m_tabs->addTab(m_activity, tr("&Activity", "@title:tab requests to the mirror, one by one"));
    m_tabs->setTabToolTip(1, tr("What programs do in the mirror, request by request", "@info:tooltip"));

    m_banner = new QWidget(this);
    m_banner->setObjectName(QStringLiteral("messageBanner"));
    m_banner->setAutoFillBackground(true);
    QPalette bannerPalette = m_banner->palette();
    bannerPalette.setColor(QPalette::Window, QColor(0xf8, 0xd7, 0xda));
    bannerPalette.setColor(QPalette::WindowText, QColor(0x58, 0x15, 0x1c));
    m_banner->setPalette(bannerPalette);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("messageText"));
    m_bannerText->setWordWrap(true);
    m_bannerText->setTextFormat(Qt::PlainText);
    m_bannerText->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *dismiss = new QPushButton(tr("Dismiss", "@action:button hide the message"), m_banner);
    dismiss->setObjectName(QStringLiteral("dismissMessageButton"));
    dismiss->setAccessibleName(tr("Dismiss the message", "@action:button accessible"));
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(dismiss);
    m_banner->hide();
    connect(dismiss, &QPushButton::clicked, m_banner, &QWidget::hide);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("splitter"));
    splitter->addWidget(m_list);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_banner);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    createActions();

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
        m_details->setRow(current.isValid() ? current.row() : -1);
        m_activity->setRow(current.isValid() ? current.row() : -1);
        updateActions();
    });
    connect(m_list, &QTreeView::customContextMenuRequested, this, [this](const QPoint &pos) {
        const QModelIndex index = m_list->indexAt(pos);
        if (index.isValid()) {
            selectRow(index.row());
        }
        m_contextMenu->popup(m_list->viewport()->mapToGlobal(pos));
    });
    connect(m_list, &QTreeView::activated, this, [this](const QModelIndex &index) {
        selectRow(index.row());
        openInFileManager();
    });
    MirrorListModel *model = controller->model();
    connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft, const QModelIndex &, const QList<int> &) {
        if (topLeft.column() <= MirrorListModel::StateColumn) {
            updateActions();
        }
    });
    connect(model, &QAbstractItemModel::rowsInserted, this, [this]() {
        if (currentRow() < 0) {
            selectRow(0);
        }
        updateActions();
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this]() {
        m_details->setRow(currentRow());
        m_activity->setRow(currentRow());
        updateActions();
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this]() {
        if (currentRow() < 0 && m_controller->model()->rowCount() > 0) {
            selectRow(0);
        }
        updateActions();
    });

    connect(controller, &MirrorController::failed, this, [this](const QString &name, const QString &message) {
        showMessage(name.isEmpty() ? message : tr("%1: %2", "@info mirror name: what went wrong").arg(name, message));
    });
    connect(controller,
            &MirrorController::unmountBusy,
            this,
            [this](const QString &name, const QString &mountPoint, const QStringList &holders, MirrorController::Origin origin) {
                // The session's own tries are told by a notification; a
                // question no one asked for would pile up on the screen.
                if (origin == MirrorController::Origin::Person) {
                    askToForce(name, mountPoint, holders);
                }
            });

    statusBar()->setObjectName(QStringLiteral("statusBar"));
    // A first size that suits the screen, also where no window manager fits
    // the window to it (a bare X server): room for the list and a panel, at
    // most nine tenths of the screen's free area.
    resize(QSize(1000, 650).expandedTo(minimumSizeHint()).boundedTo(screen()->availableGeometry().size() * 0.9));
    updateActions();
    setTabOrder(m_list, m_tabs);
}

void MainWindow::createActions()
{
    auto make = [this](const QString &objectName, const QString &text, const QString &icon, const QKeySequence &shortcut) {
        auto *action = new QAction(QIcon::fromTheme(icon), text, this);
        action->setObjectName(objectName);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WindowShortcut);
        addAction(action);
        return action;
    };
    m_add = make(QStringLiteral("addAction"), tr("&Add Mirror…", "@action"), QStringLiteral("list-add"), QKeySequence::New);
    m_edit = make(QStringLiteral("editAction"), tr("&Edit…", "@action"), QStringLiteral("document-edit"), QKeySequence(Qt::Key_F2));
    m_remove = make(QStringLiteral("removeAction"), tr("&Remove", "@action"), QStringLiteral("list-remove"), QKeySequence::Delete);
    m_mount = make(QStringLiteral("mountAction"), tr("&Mount", "@action"), QStringLiteral("media-mount"), QKeySequence(Qt::CTRL | Qt::Key_M));
    m_unmount = make(QStringLiteral("unmountAction"), tr("&Unmount", "@action"), QStringLiteral("media-eject"), QKeySequence(Qt::CTRL | Qt::Key_U));
    m_open =
        make(QStringLiteral("openAction"), tr("&Open in File Manager", "@action"), QStringLiteral("document-open-folder"), QKeySequence(Qt::CTRL | Qt::Key_O));
    m_mountAll =
        make(QStringLiteral("mountAllAction"), tr("Mount A&ll", "@action"), QStringLiteral("media-mount"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_unmountAll =
        make(QStringLiteral("unmountAllAction"), tr("Unmount Al&l", "@action"), QStringLiteral("media-eject"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    m_quit = make(QStringLiteral("quitAction"), tr("&Quit", "@action"), QStringLiteral("application-exit"), QKeySequence::Quit);
    m_startAtLogin = make(QStringLiteral("startAtLoginAction"), tr("&Start at Login", "@option:check"), QString(), QKeySequence());
    m_ioUring = make(QStringLiteral("ioUringAction"), tr("FUSE over &io_uring…", "@action"), QStringLiteral("preferences-system"), QKeySequence());
    m_startAtLogin->setCheckable(true);
    m_startAtLogin->setChecked(m_controller->startAtLogin());

    connect(m_add, &QAction::triggered, this, &MainWindow::addMirror);
    connect(m_edit, &QAction::triggered, this, &MainWindow::editMirror);
    connect(m_remove, &QAction::triggered, this, &MainWindow::removeMirror);
    connect(m_mount, &QAction::triggered, this, &MainWindow::mountMirror);
    connect(m_unmount, &QAction::triggered, this, &MainWindow::unmountMirror);
    connect(m_open, &QAction::triggered, this, &MainWindow::openInFileManager);
    connect(m_mountAll, &QAction::triggered, m_controller, &MirrorController::mountAll);
    connect(m_unmountAll, &QAction::triggered, m_controller, [this]() {
        m_controller->unmountAll();
    });
    connect(m_quit, &QAction::triggered, this, &MainWindow::quitRequested);
    connect(m_startAtLogin, &QAction::toggled, m_controller, &MirrorController::setStartAtLogin);
    connect(m_ioUring, &QAction::triggered, this, &MainWindow::showIoUringSettings);

    QMenu *mirrorMenu = menuBar()->addMenu(tr("&Mirror", "@title:menu"));
    mirrorMenu->setObjectName(QStringLiteral("mirrorMenu"));
    mirrorMenu->addActions({m_add, m_edit, m_remove});
    mirrorMenu->addSeparator();
    mirrorMenu->addActions({m_mount, m_unmount, m_open});
    mirrorMenu->addSeparator();
    mirrorMenu->addActions({m_mountAll, m_unmountAll});
    mirrorMenu->addSeparator();
    mirrorMenu->addAction(m_quit);
    QMenu *settingsMenu = menuBar()->addMenu(tr("&Settings", "@title:menu"));
    settingsMenu->setObjectName(QStringLiteral("settingsMenu"));
    settingsMenu->addAction(m_startAtLogin);
    settingsMenu->addAction(m_ioUring);
    m_settingsMenu = settingsMenu;

    QToolBar *toolBar = addToolBar(tr("Main Toolbar", "@title:window"));
    toolBar->setObjectName(QStringLiteral("mainToolBar"));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addActions({m_add, m_mount, m_unmount, m_open});
    toolBar->addSeparator();
    toolBar->addActions({m_mountAll, m_unmountAll});

    m_contextMenu = new QMenu(this);
    m_contextMenu->setObjectName(QStringLiteral("mirrorContextMenu"));
    m_contextMenu->addActions({m_mount, m_unmount, m_open});
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({m_edit, m_remove});
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_add);
}

void MainWindow::updateActions()
{
    const int row = currentRow();
    const bool selected = row >= 0;
    m_mount->setEnabled(m_controller->canMount(row));
    m_unmount->setEnabled(m_controller->canUnmount(row));
    m_open->setEnabled(selected && m_controller->model()->state(row) == MirrorListModel::State::Mounted);
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected);
    bool anyStopped = false;
    bool anyMounted = false;
    for (int r = 0; r < m_controller->model()->rowCount(); ++r) {
        anyStopped = anyStopped || m_controller->canMount(r);
        anyMounted = anyMounted || m_controller->canUnmount(r);
    }
    m_mountAll->setEnabled(anyStopped);
    m_unmountAll->setEnabled(anyMounted);
}

int MainWindow::currentRow() const
{
    const QModelIndex current = m_list->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void MainWindow::selectRow(int row)
{
    const QModelIndex index = m_controller->model()->index(row, 0);
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void MainWindow::setKeepRunningWhenClosed(bool keep)
{
    m_keepRunning = keep;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_keepRunning) {
        hide();
        event->ignore();
        return;
    }
    event->ignore();
    Q_EMIT quitRequested();
}

void MainWindow::showMessage(const QString &text)
{
    m_bannerText->setText(text);
    m_banner->setAccessibleName(text);
    m_banner->show();
    statusBar()->showMessage(text, 10000);
}

MirrorDialog *MainWindow::openAddDialog()
{
    auto *dialog = new MirrorDialog(m_controller->model()->savedMirrors(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() {
        selectRow(m_controller->addMirror(dialog->config()));
    });
    return dialog;
}

MirrorDialog *MainWindow::openEditDialog(int row)
{
    QList<MirrorConfig> others = m_controller->model()->savedMirrors();
    const MirrorConfig current = m_controller->model()->config(row);
    others.removeIf([&current](const MirrorConfig &other) {
        return other.mountPoint == current.mountPoint;
    });
    auto *dialog = new MirrorDialog(others, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const auto state = m_controller->model()->state(row);
    dialog->setConfig(current, state != MirrorListModel::State::Stopped && state != MirrorListModel::State::Waiting);
    const QString mountPoint = current.mountPoint;
    connect(dialog, &QDialog::accepted, this, [this, dialog, mountPoint]() {
        const int at = m_controller->model()->rowForMountPoint(mountPoint);
        if (at < 0) {
            return;
        }
        MirrorConfig edited = dialog->config();
        const MirrorConfig now = m_controller->model()->config(at);
        // Mounted while the dialog was open (its source appeared, say): a
        // live mirror keeps its paths; the other options still apply.
        if (m_controller->canUnmount(at) && (edited.source != now.source || edited.mountPoint != now.mountPoint)) {
            edited.source = now.source;
            edited.mountPoint = now.mountPoint;
            edited.sourceVolume = now.sourceVolume;
            showMessage(tr("%1: mounted meanwhile; unmount it to change its folders.", "@info mirror name").arg(edited.name));
        }
        m_controller->editMirror(at, edited);
        m_controller->model()->adopt(at);
    });
    return dialog;
}

void MainWindow::addMirror()
{
    openAddDialog()->open();
}

void MainWindow::editMirror()
{
    if (const int row = currentRow(); row >= 0) {
        openEditDialog(row)->open();
    }
}

void MainWindow::removeMirror()
{
    const int row = currentRow();
    if (row < 0) {
        return;
    }
    const QString name = m_controller->model()->config(row).name;
    const QString mountPoint = m_controller->model()->config(row).mountPoint;
    auto *box = new QMessageBox(QMessageBox::Question,
                                tr("Remove Mirror", "@title:window"),
                                tr("Remove the mirror \"%1\"? It is unmounted first if it is mounted; the source folder is not touched.", "@info").arg(name),
                                QMessageBox::NoButton,
                                this);
    box->setObjectName(QStringLiteral("removeDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *remove = box->addButton(tr("Remove", "@action:button"), QMessageBox::AcceptRole);
    remove->setObjectName(QStringLiteral("confirmRemoveButton"));
    box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelRemoveButton"));
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, mountPoint](QAbstractButton *button) {
        if (button == remove) {
            m_controller->removeMirror(m_controller->model()->rowForMountPoint(mountPoint));
        }
    });
    box->open();
}

void MainWindow::mountMirror()
{
    m_controller->mount(currentRow());
    updateActions();
}

void MainWindow::unmountMirror()
{
    m_controller->unmount(currentRow());
    updateActions();
}

void MainWindow::openInFileManager()
{
    const int row = currentRow();
    if (row >= 0 && m_controller->model()->state(row) == MirrorListModel::State::Mounted) {
        QDesktopServices::openUrl(QUrl::fromLocalFile(m_controller->model()->config(row).mountPoint));
    }
}

void MainWindow::showIoUringSettings()
{
    auto *dialog = new IoUringDialog(m_controller, ioUringState, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::setGlobalShortcut(GlobalShortcut *shortcut)
{
    m_globalShortcut = shortcut;
    QAction *configure = m_settingsMenu->addAction(QIcon::fromTheme(QStringLiteral("configure-shortcuts")), tr("Configure Global S&hortcut…", "@action"));
    configure->setObjectName(QStringLiteral("globalShortcutAction"));
    connect(configure, &QAction::triggered, this, &MainWindow::showGlobalShortcutSettings);
}

void MainWindow::showGlobalShortcutSettings()
{
    if (!m_globalShortcut) {
        return;
    }
    auto *dialog = new ShortcutDialog(m_globalShortcut, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::askToForce(const QString &name, const QString &mountPoint, const QStringList &holders)
{
    QString text = tr("The mirror \"%1\" is in use and was not unmounted.", "@info").arg(name);
    if (!holders.isEmpty()) {
        text += QLatin1Char('\n') + tr("Programs using it: %1", "@info").arg(holders.join(QStringLiteral(", ")));
    }
    text += QLatin1Char('\n') + tr("Force unmount detaches it now; those programs lose access to their open files.", "@info");
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Mirror in Use", "@title:window"), text, QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("busyDialog"));
    box->setTextFormat(Qt::PlainText); // program names are anyone's: never taken for markup
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *force = box->addButton(tr("Force Unmount", "@action:button"), QMessageBox::DestructiveRole);
    force->setObjectName(QStringLiteral("forceUnmountButton"));
    box->addButton(QMessageBox::Cancel)->setObjectName(QStringLiteral("cancelForceButton"));
    connect(box, &QMessageBox::buttonClicked, this, [this, force, mountPoint](QAbstractButton *button) {
        if (button == force) {
            m_controller->unmount(m_controller->model()->rowForMountPoint(mountPoint), true);
        }
    });
    box->open();
}

} // namespace PassMirror
