// SPDX-License-Identifier: GPL-2.0-or-later
// The main window offscreen, with a helper client whose transport replays
// typed answers: actions and their shortcuts, the context menu, errors from
// the helper in words, adding through the dialog, closing to the tray, and a
// walk of the widget tree for accessible names and the Tab order.
#include "mainwindow.h"
#include "activitymodel.h"
#include "activitypanel.h"
#include "application.h"
#include "fakeactivity.h"
#include "fakestats.h"
#include "focuswalk.h"
#include "globalshortcut.h"
#include "helperprotocol.h"
#include "iouringdialog.h"
#include "mirrorcontroller.h"
#include "mirrordialog.h"
#include "mirrorlistmodel.h"
#include "mirrorvalidation.h"
#include "mirrorwatcher.h"
#include "registryfixture.h"
#include "replaytransport.h"
#include "shortcutdialog.h"

#include <QAbstractButton>
#include <QAccessible>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QTreeView>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
QString accessibleName(QWidget *widget)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget);
    return iface ? iface->text(QAccessible::Name) : QString();
}

// Every control a person operates: must have an accessible name.
bool isControl(QWidget *widget)
{
    return qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) || qobject_cast<QComboBox *>(widget)
        || qobject_cast<QAbstractItemView *>(widget) || qobject_cast<QMenu *>(widget);
}

QStringList unnamedControls(QWidget *root)
{
    QStringList unnamed;
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisibleTo(root) || !isControl(widget)) {
            continue;
        }
        if (widget->objectName().startsWith(QLatin1String("qt_"))) {
            continue; // Qt's own parts (scroll bars, header internals)
        }
        if (accessibleName(widget).trimmed().isEmpty()) {
            unnamed << QStringLiteral("%1 (%2)").arg(widget->objectName(), QString::fromLatin1(widget->metaObject()->className()));
        }
    }
    return unnamed;
}

// The order Tab moves focus in, from `first`: the focus chain, as
// QWidget::focusNextPrevChild walks it (visible, enabled, takes Tab focus).
QStringList tabChain(QWidget *first, int steps)
{
    QStringList names;
    QWidget *widget = first;
    while (widget && names.size() < steps) {
        if (widget->isVisible() && widget->isEnabled() && (widget->focusPolicy() & Qt::TabFocus)) {
            names << widget->objectName();
        }
        widget = widget->nextInFocusChain();
        if (widget == first) {
            break;
        }
    }
    return names;
}
} // namespace

// With PASSMIRROR_SCREENSHOT_DIR set, a picture of the widget as rendered.
static void saveScreenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("PASSMIRROR_SCREENSHOT_DIR");
    if (!dir.isEmpty()) {
        QVERIFY(widget->grab().save(dir + u"/"_s + name));
    }
}

class MainWindowTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<RegistryFixture> m_registry;
    std::unique_ptr<Application> m_app;
    ReplayTransport *m_transport = nullptr;
    IoUringState m_kernelSwitch = IoUringState::Disabled;
    int m_runs = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        Application::installTranslations(); // the compiled-in .qm files (C locale: none installed)
        QVERIFY(m_dir.isValid());
        QDir().mkpath(m_dir.filePath(QStringLiteral("src")));
        QDir().mkpath(m_dir.filePath(QStringLiteral("mnt")));
    }

    void init()
    {
        QFile::remove(m_dir.filePath(QStringLiteral("mirrors.json")));
        auto transport = std::make_unique<ReplayTransport>();
        m_transport = transport.get();
        HelperClient::Options options;
        options.requestTimeout = std::chrono::milliseconds(2000);
        // The kernel's io_uring switch of these tests: the helper "writes" it.
        options.confirm = [this](const HelperRequest &request, const QString &) {
            if (request.kind != HelperRequest::Kind::SetIoUring) {
                return false;
            }
            m_kernelSwitch = request.enable ? IoUringState::Enabled : IoUringState::Disabled;
            return true;
        };
        auto client = std::make_unique<HelperClient>(std::move(transport), options);
        m_registry = std::make_unique<RegistryFixture>(m_dir.filePath(QStringLiteral("run-%1").arg(++m_runs)));
        Application::Options appOptions;
        appOptions.tray = false;
        appOptions.configPath = m_dir.filePath(QStringLiteral("mirrors.json"));
        appOptions.registryDirectory = m_registry->registryDirectory();
        appOptions.mountInfoPath = m_registry->mountInfoPath();
        m_app = std::make_unique<Application>(appOptions, std::move(client));
        m_app->start(false, false);
        QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
    }

    void cleanup()
    {
        m_app.reset();
        m_registry.reset();
    }

    void shouldOfferEveryActionWithAShortcutInMenus()
    {
        MainWindow *window = m_app->window();
        const QMap<QString, QKeySequence> shortcuts{
            {QStringLiteral("addAction"), QKeySequence::New},
            {QStringLiteral("editAction"), QKeySequence(Qt::Key_F2)},
            {QStringLiteral("removeAction"), QKeySequence::Delete},
            {QStringLiteral("mountAction"), QKeySequence(Qt::CTRL | Qt::Key_M)},
            {QStringLiteral("unmountAction"), QKeySequence(Qt::CTRL | Qt::Key_U)},
            {QStringLiteral("openAction"), QKeySequence(Qt::CTRL | Qt::Key_O)},
            {QStringLiteral("mountAllAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M)},
            {QStringLiteral("unmountAllAction"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U)},
            {QStringLiteral("quitAction"), QKeySequence::Quit},
        };
        auto *menu = window->findChild<QMenu *>(QStringLiteral("mirrorMenu"));
        QVERIFY(menu);
        auto *context = window->findChild<QMenu *>(QStringLiteral("mirrorContextMenu"));
        QVERIFY(context);
        for (auto it = shortcuts.begin(); it != shortcuts.end(); ++it) {
            auto *action = window->findChild<QAction *>(it.key());
            QVERIFY2(action, qPrintable(it.key()));
            QCOMPARE(action->shortcut(), QKeySequence(it.value()));
            QVERIFY2(menu->actions().contains(action), qPrintable(it.key()));
            QVERIFY(!action->text().isEmpty());
        }
        for (const char *name : {"mountAction", "unmountAction", "openAction", "editAction", "removeAction"}) {
            QVERIFY2(context->actions().contains(window->findChild<QAction *>(QLatin1String(name))), name);
        }
    }

    void shouldAddAMirrorThroughTheDialogAndSaveIt()
    {
        MainWindow *window = m_app->window();
        QTest::keySequence(window, QKeySequence::New);
        auto *dialog = window->findChild<MirrorDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okButton"));
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("docs"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("sourceEdit")), m_dir.filePath(QStringLiteral("src")));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("mountPointEdit")), m_dir.filePath(QStringLiteral("mnt")));
        QVERIFY(ok->isEnabled());
        ok->click();
        QCOMPARE(m_app->model()->rowCount(), 1);
        QCOMPARE(m_app->model()->index(0, 0).data(MirrorListModel::NameRole).toString(), QStringLiteral("docs"));
        QCOMPARE(window->currentRow(), 0);
        const auto saved = MirrorStore(m_dir.filePath(QStringLiteral("mirrors.json"))).load();
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.at(0).mountPoint, MirrorValidation::resolvePath(m_dir.filePath(QStringLiteral("mnt"))));
    }

    // The sentence comes from the typed error, in the person's language, with
    // the request's paths put in; the helper's English message is not shown
    // (except as the detail of an internal error).
    void shouldShowHelperErrorsInWords_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected"); // $M: the mount point, $S: the source

        QTest::newRow("not empty") << u"en"_s << int(MirrorError::MountPointNotEmpty) << u"The mount point is not empty; use an empty folder"_s
                                   << u"The mount point $M is not empty; choose an empty folder."_s;
        QTest::newRow("denied") << u"en"_s << int(MirrorError::AuthorizationDenied) << u"Not authorised: polkit refused it"_s
                                << u"You are not allowed to do this, or the authentication was cancelled."_s;
        QTest::newRow("no message") << u"en"_s << int(MirrorError::PassthroughUnavailable) << QString()
                                    << u"Kernel passthrough is not available on this system; set the data path of $M to automatic."_s;
        QTest::newRow("internal: the detail") << u"en"_s << int(MirrorError::Internal) << u"statx: No such device"_s
                                              << u"Something went wrong inside PassMirror. (statx: No such device)"_s;
        QTest::newRow("de not empty") << u"de"_s << int(MirrorError::MountPointNotEmpty) << u"The mount point is not empty"_s
                                      << u"Der Einhängepunkt $M ist nicht leer; wählen Sie einen leeren Ordner."_s;
        QTest::newRow("fr source missing") << u"fr"_s << int(MirrorError::SourceMissing) << u"The source folder does not exist"_s
                                           << u"Le dossier source $S n’existe pas."_s;
        QTest::newRow("es inside") << u"es"_s << int(MirrorError::MountPointInsideSource) << QString()
                                   << u"El punto de montaje $M está dentro de la carpeta de origen $S."_s;
    }

    void shouldShowHelperErrorsInWords()
    {
        QFETCH(QString, language);
        QFETCH(int, error);
        QFETCH(QString, message);
        QFETCH(QString, expected);
        QTranslator translator;
        if (language != u"en"_s) {
            QVERIFY(translator.load(QLocale(language), u"passmirror"_s, u"_"_s, u":/i18n"_s));
            QCoreApplication::installTranslator(&translator);
        }
        const auto removeTranslator = qScopeGuard([&translator]() {
            QCoreApplication::removeTranslator(&translator);
        });
        m_transport->error = static_cast<MirrorError>(error);
        m_transport->message = message;
        MirrorConfig config;
        config.name = QStringLiteral("docs");
        config.source = m_dir.filePath(QStringLiteral("src"));
        config.mountPoint = m_dir.filePath(QStringLiteral("mnt"));
        m_app->controller()->addMirror(config);
        MainWindow *window = m_app->window();
        window->selectRow(0);
        auto *mount = window->findChild<QAction *>(QStringLiteral("mountAction"));
        QVERIFY(mount->isEnabled());
        QSignalSpy failed(m_app->controller(), &MirrorController::failed);
        QTest::keyClick(window->mirrorList(), Qt::Key_M, Qt::ControlModifier);
        QCOMPARE(m_app->model()->state(0), MirrorListModel::State::Mounting);
        QVERIFY(failed.wait(3000));
        QCOMPARE(m_transport->calls, QStringList{QString(Protocol::MountAction)});
        const QString words = QString(expected).replace(u"$M"_s, config.mountPoint).replace(u"$S"_s, config.source);
        auto *banner = window->findChild<QLabel *>(QStringLiteral("messageText"));
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().startsWith(u"docs"_s) && banner->text().endsWith(words), qPrintable(banner->text()));
        QCOMPARE(m_app->model()->state(0), MirrorListModel::State::Error);
        QCOMPARE(m_app->model()->errorText(0), words);
    }

    // The Edit dialog of a waiting mirror is open when its source appears
    // and the session mounts it: OK must not move the live mirror's folders.
    void shouldKeepThePathsOfAMirrorMountedWhileItsEditDialogWasOpen()
    {
        const QString mnt = m_dir.filePath(QStringLiteral("meanwhile"));
        const QString elsewhere = m_dir.filePath(QStringLiteral("elsewhere"));
        QDir().mkpath(mnt);
        QDir().mkpath(elsewhere);
        FakeStats stats(m_dir.filePath(QStringLiteral("meanwhile.stats")));
        MirrorConfig config;
        config.name = QStringLiteral("meanwhile");
        config.source = m_dir.filePath(QStringLiteral("src"));
        config.mountPoint = mnt;
        const int row = m_app->controller()->addMirror(config);
        MainWindow *window = m_app->window();
        MirrorDialog *edit = window->openEditDialog(row);
        edit->findChild<QLineEdit *>(QStringLiteral("mountPointEdit"))->setText(elsewhere);
        edit->findChild<QLineEdit *>(QStringLiteral("nameEdit"))->setText(QStringLiteral("renamed"));
        edit->findChild<QCheckBox *>(QStringLiteral("unmountOnLockCheck"))->setChecked(true);
        QVERIFY(edit->isValid());

        m_registry->addLive(config.source, mnt, stats.path());
        m_app->watcher()->rescan();
        QCOMPARE(m_app->model()->state(row), MirrorListModel::State::Mounted);
        edit->accept();

        const MirrorConfig saved = m_app->model()->config(m_app->model()->rowForMountPoint(mnt));
        QCOMPARE(saved.mountPoint, mnt);
        QCOMPARE(saved.source, config.source);
        QCOMPARE(saved.name, QStringLiteral("renamed"));
        QVERIFY(saved.unmountOnLock);
        QCOMPARE(m_app->model()->rowForMountPoint(elsewhere), -1);
        QCOMPARE(window->findChild<QLabel *>(QStringLiteral("messageText"))->text(),
                 QStringLiteral("renamed: mounted meanwhile; unmount it to change its folders."));
    }

    void shouldNameTheProgramsHoldingABusyMirrorAndOfferForce()
    {
        const QString mnt = m_dir.filePath(QStringLiteral("busy"));
        QDir().mkpath(mnt);
        // A program working in it holds it (this test process stands in for
        // the mirror's supervisor in the registry, so it is not a holder).
        QProcess holder;
        holder.setWorkingDirectory(mnt);
        holder.start(QStringLiteral("sleep"), {QStringLiteral("60")});
        QVERIFY(holder.waitForStarted());
        const auto stopHolder = qScopeGuard([&holder]() {
            holder.kill();
            holder.waitForFinished();
        });
        FakeStats stats(m_dir.filePath(QStringLiteral("busy.stats")));
        MirrorConfig config;
        config.name = QStringLiteral("busy");
        config.source = m_dir.filePath(QStringLiteral("src"));
        config.mountPoint = mnt;
        m_app->controller()->addMirror(config);
        m_registry->addLive(config.source, mnt, stats.path());
        m_app->watcher()->rescan();
        MainWindow *window = m_app->window();
        window->selectRow(0);
        QCOMPARE(m_app->model()->state(0), MirrorListModel::State::Mounted);
        m_transport->error = MirrorError::Busy;
        m_transport->message = QStringLiteral("The mount point is busy");
        QSignalSpy busy(m_app->controller(), &MirrorController::unmountBusy);
        QTest::keyClick(window->mirrorList(), Qt::Key_U, Qt::ControlModifier);
        QVERIFY(busy.wait(3000));
        const QStringList holders = busy.at(0).at(2).toStringList();
        const QString me = QStringLiteral("sleep (%1)").arg(holder.processId());
        QVERIFY2(std::any_of(holders.begin(),
                             holders.end(),
                             [&me](const QString &h) {
                                 return h.endsWith(me);
                             }),
                 qPrintable(holders.join(QStringLiteral(", "))));
        auto *dialog = window->findChild<QMessageBox *>(QStringLiteral("busyDialog"));
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QVERIFY2(dialog->text().contains(me), qPrintable(dialog->text()));
        m_transport->error = MirrorError::None;
        dialog->findChild<QPushButton *>(QStringLiteral("forceUnmountButton"))->click();
        QTRY_COMPARE(m_transport->calls.size(), 2);
        QCOMPARE(m_transport->calls.at(1), QString(Protocol::UnmountAction));
        QCOMPARE(m_transport->arguments.at(1).value(Protocol::Force).toBool(), true);
        QCOMPARE(m_transport->arguments.at(0).value(Protocol::Force).toBool(), false);
    }

    void shouldNameEveryControlForScreenReaders()
    {
        MainWindow *window = m_app->window();
        const QStringList unnamed = unnamedControls(window);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        const auto menus = window->menuBar()->findChildren<QMenu *>();
        for (QMenu *menu : menus) {
            for (QAction *action : menu->actions()) {
                QVERIFY2(action->isSeparator() || !action->text().isEmpty(), qPrintable(action->objectName()));
            }
        }
        MirrorDialog *dialog = window->openAddDialog();
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        const QStringList unnamedInDialog = unnamedControls(dialog);
        QVERIFY2(unnamedInDialog.isEmpty(), qPrintable(unnamedInDialog.join(QStringLiteral(", "))));
        dialog->close();
    }

    void shouldReachTheMainControlsWithTab()
    {
        MainWindow *window = m_app->window();
        const QStringList chain = tabChain(window->mirrorList(), 20);
        QCOMPARE(chain.first(), QStringLiteral("mirrorList"));
        QVERIFY2(chain.contains(QStringLiteral("operationsTable")), qPrintable(chain.join(QLatin1Char(' '))));

        MirrorDialog *dialog = window->openAddDialog();
        dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        auto *name = dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit"));
        const QStringList dialogChain = tabChain(name, 12);
        const QStringList expected{QStringLiteral("nameEdit"),
                                   QStringLiteral("sourceEdit"),
                                   QStringLiteral("sourceBrowseButton"),
                                   QStringLiteral("mountPointEdit"),
                                   QStringLiteral("mountPointBrowseButton"),
                                   QStringLiteral("createMountPointButton"),
                                   QStringLiteral("readOnlyCheck"),
                                   QStringLiteral("passthroughCombo"),
                                   QStringLiteral("mountAtLoginCheck")};
        QCOMPARE(dialogChain.mid(0, expected.size()), expected);
        dialog->close();
    }

    // The Activity tab: says why it is empty, then every control has a
    // name, Tab visits them in reading order, and a table is one Tab stop.
    void shouldNameAndOrderTheActivityControls()
    {
        MirrorConfig config;
        config.name = QStringLiteral("busy");
        config.source = m_dir.filePath(QStringLiteral("src"));
        config.mountPoint = m_dir.filePath(QStringLiteral("mnt"));
        m_app->controller()->addMirror(config);
        MainWindow *window = m_app->window();
        window->selectRow(0);
        window->panelTabs()->setCurrentWidget(window->activityPanel());
        auto *message = window->findChild<QLabel *>(QStringLiteral("activityMessage"));
        QVERIFY(message->isVisible());
        QCOMPARE(message->text(), u"“busy” is not mounted. What programs do in it shows here while it is mounted."_s);

        FakeStats stats(m_dir.filePath(QStringLiteral("busy.stats")));
        FakeActivity ring(QFile::decodeName(QByteArray::fromStdString(Activity::ringPathFor(QFile::encodeName(stats.path()).toStdString()))));
        for (int i = 0; i < 50; ++i) {
            ring.write({.operation = i % 5 == 0 ? Stats::Operation::Lookup : Stats::Operation::Open, .error = i % 5 == 0 ? ENOENT : 0});
        }
        m_registry->addLive(config.source, config.mountPoint, stats.path());
        m_app->watcher()->rescan();
        auto *table = window->findChild<QTableView *>(QStringLiteral("activityTable"));
        QTRY_VERIFY(table->isVisible());
        QTRY_COMPARE(table->model()->rowCount(), 50);
        QVERIFY(!message->isVisible());
        saveScreenshot(window, u"activity-fake.png"_s);

        const QStringList unnamed = unnamedControls(window);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        const QStringList expected{u"activityProcessFilter"_s,
                                   u"activityOperationFilter"_s,
                                   u"activityPathFilter"_s,
                                   u"activityErrorsOnly"_s,
                                   u"activityPauseButton"_s,
                                   u"activityClearButton"_s,
                                   u"activityExportButton"_s,
                                   u"activityTable"_s,
                                   u"activityWindowCombo"_s,
                                   u"activityTopProcesses"_s,
                                   u"activityTopFiles"_s,
                                   u"activityErrors"_s};
        const QStringList fromList = tabChain(window->mirrorList(), 30);
        const auto first = fromList.indexOf(expected.first());
        QVERIFY2(first > 0, qPrintable(fromList.join(QLatin1Char(' '))));
        QCOMPARE(fromList.mid(first, expected.size()), expected);

        // Tab leaves a table at once; arrows move inside it.
        for (const QString &name : {u"activityTable"_s, u"activityTopProcesses"_s, u"activityTopFiles"_s, u"activityErrors"_s}) {
            QVERIFY2(!window->findChild<QAbstractItemView *>(name)->tabKeyNavigation(), qPrintable(name));
        }
        QVERIFY(QTest::qWaitForWindowActive(window));
        table->setFocus();
        QTest::keyClick(table, Qt::Key_Down);
        QVERIFY(table->hasFocus());
        QTest::keyClick(table, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), u"activityWindowCombo"_s);
    }

    // Tab goes from control to control through the whole window and comes
    // back to where it started, each control once: a table is one stop
    // (arrows move inside it). Shift+Tab makes the same stops backwards.
    void shouldWalkTheWindowWithTabOneStopPerControl_data()
    {
        QTest::addColumn<bool>("activity");
        QTest::newRow("details") << false;
        QTest::newRow("activity") << true;
    }

    void shouldWalkTheWindowWithTabOneStopPerControl()
    {
        QFETCH(bool, activity);
        // Measured: 14 stops with the Activity tab, 3 with Details. Before
        // the operations table became one stop, Tab never left it (it wraps
        // from the last of its 126 cells to the first).
        constexpr qsizetype MaxStops = 30;
        MirrorConfig config;
        config.name = QStringLiteral("walk");
        config.source = m_dir.filePath(QStringLiteral("src"));
        config.mountPoint = m_dir.filePath(QStringLiteral("mnt"));
        m_app->controller()->addMirror(config);
        FakeStats stats(m_dir.filePath(QStringLiteral("walk.stats")));
        FakeActivity ring(QFile::decodeName(QByteArray::fromStdString(Activity::ringPathFor(QFile::encodeName(stats.path()).toStdString()))));
        for (int i = 0; i < 20; ++i) {
            ring.write({.operation = Stats::Operation::Open, .error = i % 4 == 0 ? ENOENT : 0});
        }
        m_registry->addLive(config.source, config.mountPoint, stats.path());
        m_app->watcher()->rescan();
        MainWindow *window = m_app->window();
        window->selectRow(0);
        if (activity) {
            window->panelTabs()->setCurrentWidget(window->activityPanel());
            auto *table = window->findChild<QTableView *>(QStringLiteral("activityTable"));
            QTRY_VERIFY(table->isVisible());
            QTRY_COMPARE(table->model()->rowCount(), 20);
        }
        QVERIFY(QTest::qWaitForWindowActive(window));
        window->mirrorList()->setFocus();
        QTRY_COMPARE(QApplication::focusWidget(), window->mirrorList());

        const QList<QWidget *> forward = FocusWalk::walk(false, 400);
        const QStringList names = FocusWalk::names(forward);
        qInfo("%d Tab stops: %s", int(forward.size()), qPrintable(names.join(u' ')));
        QVERIFY2(!forward.isEmpty() && forward.constLast() == window->mirrorList(), qPrintable(names.join(u' ')));
        QVERIFY2(forward.size() < MaxStops, qPrintable(names.join(u' ')));
        for (qsizetype i = 0; i < forward.size(); ++i) {
            QVERIFY2(forward.indexOf(forward.at(i)) == i, qPrintable(u"%1 takes more than one stop: "_s.arg(names.at(i)) + names.join(u' ')));
            QCOMPARE(forward.at(i)->window(), window);
        }
        const QStringList tables = activity
            ? QStringList{u"mirrorList"_s, u"activityTable"_s, u"activityTopProcesses"_s, u"activityTopFiles"_s, u"activityErrors"_s}
            : QStringList{u"mirrorList"_s, u"operationsTable"_s};
        for (const QString &table : tables) {
            QVERIFY2(names.contains(table), qPrintable(table));
        }

        const QList<QWidget *> backward = FocusWalk::walk(true, 400);
        QList<QWidget *> reversed(forward.crbegin() + 1, forward.crend());
        reversed << window->mirrorList();
        QCOMPARE(FocusWalk::names(backward).join(u' '), FocusWalk::names(reversed).join(u' '));
    }

    // A screen reader names every widget Tab can reach, also those hidden
    // now: the message banner, the Activity tab's pages, the Add and Edit
    // dialogs, the io_uring dialog, the Remove question.
    void shouldNameEveryFocusableWidgetShownOrHidden()
    {
        MirrorConfig config;
        config.name = QStringLiteral("named");
        config.source = m_dir.filePath(QStringLiteral("src"));
        config.mountPoint = m_dir.filePath(QStringLiteral("mnt"));
        m_app->controller()->addMirror(config);
        MainWindow *window = m_app->window();
        window->selectRow(0);
        QStringList unnamed = FocusWalk::unnamedFocusable(window);

        MirrorDialog *add = window->openAddDialog();
        MirrorDialog *edit = window->openEditDialog(0);
        window->findChild<QAction *>(QStringLiteral("ioUringAction"))->trigger();
        auto *ioUring = window->findChild<IoUringDialog *>();
        QVERIFY(ioUring);
        window->removeMirror();
        auto *remove = window->findChild<QMessageBox *>(QStringLiteral("removeDialog"));
        QVERIFY(remove);
        for (QWidget *dialog : std::initializer_list<QWidget *>{add, edit, ioUring, remove}) {
            unnamed += FocusWalk::unnamedFocusable(dialog);
        }
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u", "_s)));
        for (QWidget *dialog : std::initializer_list<QWidget *>{add, edit, ioUring, remove}) {
            dialog->close();
        }
    }

    // The details name the transport the daemon really uses, as its stats
    // file says (libfuse falls back to /dev/fuse when the ring fails).
    void shouldShowTheTransportInUse()
    {
        FakeStats stats(m_dir.filePath(QStringLiteral("ring.stats")));
        stats.layout().transport = static_cast<std::uint32_t>(Stats::Transport::IoUring);
        MirrorConfig config;
        config.name = QStringLiteral("ring");
        config.source = m_dir.filePath(QStringLiteral("src"));
        config.mountPoint = m_dir.filePath(QStringLiteral("mnt"));
        m_app->controller()->addMirror(config);
        m_registry->addLive(config.source, config.mountPoint, stats.path());
        m_app->watcher()->rescan();
        MainWindow *window = m_app->window();
        window->selectRow(0);
        auto *transport = window->findChild<QLabel *>(QStringLiteral("detailsTransport"));
        QVERIFY(transport);
        QTRY_COMPARE(transport->text(), QStringLiteral("FUSE over io_uring"));
        saveScreenshot(window, u"details-transport.png"_s);
        QCOMPARE(transport->accessibleName(), QStringLiteral("Requests via"));
        stats.layout().transport = static_cast<std::uint32_t>(Stats::Transport::DevFuse);
        QTRY_COMPARE(transport->text(), QStringLiteral("/dev/fuse"));
    }

    // Settings → FUSE over io_uring: says what the switch changes and that it
    // needs an administrator, asks the helper, shows the outcome in words.
    void shouldSwitchIoUringThroughTheHelper()
    {
        MainWindow *window = m_app->window();
        auto *menu = window->findChild<QMenu *>(QStringLiteral("settingsMenu"));
        auto *action = window->findChild<QAction *>(QStringLiteral("ioUringAction"));
        QVERIFY(menu->actions().contains(action));
        action->trigger();
        auto *fromMenu = window->findChild<IoUringDialog *>();
        QVERIFY(fromMenu);
        QTRY_VERIFY(fromMenu->isVisible());
        QCOMPARE(fromMenu->findChild<QLabel *>(QStringLiteral("ioUringState"))->text(), IoUringDialog::stateText(ioUringState()));
        fromMenu->close();

        m_kernelSwitch = IoUringState::Disabled;
        IoUringDialog dialog(
            m_app->controller(),
            [this]() {
                return m_kernelSwitch;
            },
            window);
        dialog.show();
        const QString explanation = dialog.findChild<QLabel *>(QStringLiteral("ioUringExplanation"))->text();
        QVERIFY(explanation.contains(u"whole computer"_s) && explanation.contains(u"restarts"_s));
        QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("ioUringAdminNote"))->text(), u"Changing it needs administrator authentication."_s);
        auto *state = dialog.findChild<QLabel *>(QStringLiteral("ioUringState"));
        auto *check = dialog.findChild<QCheckBox *>(QStringLiteral("ioUringCheck"));
        auto *apply = dialog.findChild<QPushButton *>(QStringLiteral("ioUringApplyButton"));
        auto *status = dialog.findChild<QLabel *>(QStringLiteral("ioUringStatus"));
        QCOMPARE(state->text(), u"Off"_s);
        QVERIFY(!check->isChecked() && check->isEnabled());
        QVERIFY(!apply->isEnabled()); // nothing to change yet

        // Refused (no administrator password): the switch stays off, and says why.
        m_transport->error = MirrorError::AuthorizationDenied;
        m_transport->message = u"Not authorised"_s;
        check->click();
        QVERIFY(apply->isEnabled());
        apply->click();
        QVERIFY(!apply->isEnabled() && !check->isEnabled()); // while the helper works
        QTRY_COMPARE(status->text(), u"You are not allowed to do this, or the authentication was cancelled."_s);
        QCOMPARE(m_transport->calls.constLast(), QString(Protocol::SetIoUringAction));
        QCOMPARE(m_transport->arguments.constLast().value(QString(Protocol::Enable)).toBool(), true);
        QVERIFY(!check->isChecked());
        QCOMPARE(state->text(), u"Off"_s);

        // Granted: on.
        m_transport->error = MirrorError::None;
        m_transport->message.clear();
        check->click();
        apply->click();
        QTRY_COMPARE(status->text(), u"FUSE over io_uring is on; mirrors mounted from now on may use it."_s);
        QCOMPARE(state->text(), u"On"_s);
        QVERIFY(check->isChecked() && !apply->isEnabled());
        saveScreenshot(&dialog, u"iouring-dialog.png"_s);

        // A kernel without the switch: nothing to turn on.
        IoUringDialog unsupported(
            m_app->controller(),
            []() {
                return IoUringState::Unsupported;
            },
            window);
        QVERIFY(unsupported.findChild<QLabel *>(QStringLiteral("ioUringState"))->text().startsWith(u"Not available"_s));
        QVERIFY(!unsupported.findChild<QCheckBox *>(QStringLiteral("ioUringCheck"))->isEnabled());
        QVERIFY(!unsupported.findChild<QPushButton *>(QStringLiteral("ioUringApplyButton"))->isEnabled());
        QVERIFY2(unnamedControls(&dialog).isEmpty(), qPrintable(unnamedControls(&dialog).join(u", "_s)));
    }

    // Settings → Configure Global Shortcut with no kglobalacceld in the
    // session (this test has no session bus): says so, offers nothing to
    // change, and still names every control. ui.globalshortcut tests it
    // against the real service.
    void shouldSayWhenThereIsNoGlobalShortcutService()
    {
        if (m_app->globalShortcut()->isRegistered()) {
            QSKIP("a kglobalacceld runs on this session bus");
        }
        MainWindow *window = m_app->window();
        auto *menu = window->findChild<QMenu *>(QStringLiteral("settingsMenu"));
        auto *action = window->findChild<QAction *>(QStringLiteral("globalShortcutAction"));
        QVERIFY(action && menu->actions().contains(action));
        action->trigger();
        auto *dialog = window->findChild<ShortcutDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("shortcutUnavailable"))->isVisible());
        auto *edit = dialog->findChild<QKeySequenceEdit *>(QStringLiteral("shortcutEdit"));
        QVERIFY(!edit->isEnabled());
        QVERIFY(edit->keySequence().isEmpty());
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("defaultShortcutButton"))->isEnabled());
        QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("noShortcutButton"))->isEnabled());
        const QStringList unnamed = unnamedControls(dialog);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral(", "))));
        saveScreenshot(dialog, u"global-shortcut-unavailable.png"_s);
        dialog->findChild<QPushButton *>(QStringLiteral("shortcutOkButton"))->click();
        QVERIFY(!dialog->isVisible());
    }

    void shouldKeepRunningInTheTrayWhenClosed()
    {
        MainWindow *window = m_app->window();
        window->setKeepRunningWhenClosed(true);
        QSignalSpy quit(window, &MainWindow::quitRequested);
        window->close();
        QVERIFY(!window->isVisible());
        QCOMPARE(quit.count(), 0);
        window->show();
        window->setKeepRunningWhenClosed(false);
        window->close();
        QCOMPARE(quit.count(), 1);
    }
};

QTEST_MAIN(MainWindowTest)
#include "mainwindowtest.moc"
