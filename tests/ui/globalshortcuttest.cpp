// SPDX-License-Identifier: GPL-2.0-or-later
// The global shortcut "Unmount All Mirrors" against the real kglobalacceld
// (Plasma's global shortcut service, started here on the fixture's session
// bus and X server, with its own kglobalshortcutsrc). Every check reads
// kglobalacceld's own D-Bus interface (org.kde.KGlobalAccel at /kglobalaccel,
// org.kde.kglobalaccel.Component at the component's path), not KGlobalAccel's
// idea of it:
//   - the window's action is registered under "passmirror" with Meta+Ctrl+U;
//   - Settings → Configure Global Shortcut changes it (recorded from the
//     keyboard), clears it and resets it, and kglobalacceld reports and saves
//     each; a combination another application holds is refused, naming it;
//   - kglobalacceld invoking the shortcut unmounts a real mirror that the
//     real helper mounted;
//   - the choice outlives the window.
// Runs as root with the real helper (like ui.session); the window runs
// offscreen, kglobalacceld on the fixture's Xvfb (it grabs keys through X).
#include "globalshortcut.h"
#include "application.h"
#include "mainwindow.h"
#include "mirrorconfig.h"
#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "mountinfo.h"
#include "shortcutdialog.h"
#include "windowtestsession.h"

#include <KGlobalAccel>

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusReply>
#include <QDir>
#include <QFile>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
const QString Base = QStringLiteral("/tmp/passmirror-shortcut-%1").arg(getpid());
const QString Service = u"org.kde.kglobalaccel"_s;
const QKeySequence Default(Qt::META | Qt::CTRL | Qt::Key_U);
const QKeySequence Chosen(Qt::META | Qt::CTRL | Qt::Key_K);
const QKeySequence Taken(Qt::META | Qt::CTRL | Qt::Key_J);

bool mirrorAt(const QString &path)
{
    const auto mount = mountAt(readMountInfo(), QFile::encodeName(path));
    return mount && mount->isMirror();
}

QString accessibleName(QWidget *widget)
{
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(widget);
    return iface ? iface->text(QAccessible::Name) : QString();
}

// One entry of Component.allShortcutInfos, a(ssssssaiai) as kglobalacceld
// sends it: names, then the active and the default keys as ints.
struct ShortcutInfo {
    QString action;
    QString actionFriendly;
    QString component;
    QString componentFriendly;
    QList<QKeySequence> keys;
    QList<QKeySequence> defaultKeys;
};

QList<QKeySequence> readIntKeys(const QDBusArgument &argument)
{
    QList<QKeySequence> keys;
    argument.beginArray();
    while (!argument.atEnd()) {
        int key = 0;
        argument >> key;
        if (key != 0) {
            keys << QKeySequence(QKeyCombination::fromCombined(key));
        }
    }
    argument.endArray();
    return keys;
}

QList<ShortcutInfo> readInfos(const QDBusArgument &argument)
{
    QList<ShortcutInfo> infos;
    argument.beginArray();
    while (!argument.atEnd()) {
        ShortcutInfo info;
        QString context;
        QString contextFriendly;
        argument.beginStructure();
        argument >> info.action >> info.actionFriendly >> info.component >> info.componentFriendly >> context >> contextFriendly;
        info.keys = readIntKeys(argument);
        info.defaultKeys = readIntKeys(argument);
        argument.endStructure();
        infos << info;
    }
    argument.endArray();
    return infos;
}

// KGlobalAccel.shortcutKeys' answer, a(ai): each sequence as four ints.
QList<QKeySequence> readSequences(const QDBusArgument &argument)
{
    QList<QKeySequence> keys;
    argument.beginArray();
    while (!argument.atEnd()) {
        QList<int> parts;
        argument.beginStructure();
        argument.beginArray();
        while (!argument.atEnd()) {
            int part = 0;
            argument >> part;
            parts << part;
        }
        argument.endArray();
        argument.endStructure();
        parts.resize(4);
        const QKeySequence sequence(parts[0], parts[1], parts[2], parts[3]);
        if (!sequence.isEmpty()) {
            keys << sequence;
        }
    }
    argument.endArray();
    return keys;
}

QDBusMessage callDaemon(const QString &path, const QString &interface, const QString &method, const QVariantList &arguments = {})
{
    QDBusMessage message = QDBusMessage::createMethodCall(Service, path, interface, method);
    message.setArguments(arguments);
    return QDBusConnection::sessionBus().call(message);
}

// What kglobalacceld has for the action, asked through org.kde.KGlobalAccel.
QList<QKeySequence> daemonKeys(const QString &component = GlobalShortcut::componentName(), const QString &action = GlobalShortcut::actionName())
{
    const QDBusMessage reply =
        callDaemon(u"/kglobalaccel"_s, u"org.kde.KGlobalAccel"_s, u"shortcutKeys"_s, {QStringList{component, action, QString(), QString()}});
    if (reply.type() != QDBusMessage::ReplyMessage) {
        qWarning() << "shortcutKeys:" << reply.errorMessage();
        return {};
    }
    return readSequences(reply.arguments().value(0).value<QDBusArgument>());
}

QString componentPath()
{
    const QDBusMessage reply = callDaemon(u"/kglobalaccel"_s, u"org.kde.KGlobalAccel"_s, u"getComponent"_s, {GlobalShortcut::componentName()});
    return reply.type() == QDBusMessage::ReplyMessage ? reply.arguments().value(0).value<QDBusObjectPath>().path() : QString();
}

std::optional<ShortcutInfo> daemonInfo()
{
    const QDBusMessage reply = callDaemon(componentPath(), u"org.kde.kglobalaccel.Component"_s, u"allShortcutInfos"_s);
    if (reply.type() != QDBusMessage::ReplyMessage) {
        qWarning() << "allShortcutInfos:" << reply.errorMessage();
        return std::nullopt;
    }
    const QList<ShortcutInfo> infos = readInfos(reply.arguments().value(0).value<QDBusArgument>());
    for (const ShortcutInfo &info : infos) {
        if (info.action == GlobalShortcut::actionName()) {
            return info;
        }
    }
    return std::nullopt;
}

QString savedConfig()
{
    QFile file(Base + u"/config/kglobalshortcutsrc"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}
} // namespace

class GlobalShortcutTest : public QObject
{
    Q_OBJECT

    QProcess m_daemon;
    std::unique_ptr<Application> m_app;

    void startApplication()
    {
        Application::Options options;
        options.tray = false;
        m_app = std::make_unique<Application>(options);
        m_app->start(false, false);
    }

    // Settings → Configure Global Shortcut, from the window's menu.
    ShortcutDialog *openDialog()
    {
        MainWindow *window = m_app->window();
        auto *menu = window->findChild<QMenu *>(u"settingsMenu"_s);
        auto *action = window->findChild<QAction *>(u"globalShortcutAction"_s);
        if (!menu || !action || !menu->actions().contains(action)) {
            return nullptr;
        }
        // A dialog closed before is deleted later (WA_DeleteOnClose): let it go.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        if (!window->findChildren<ShortcutDialog *>().isEmpty()) {
            return nullptr;
        }
        action->trigger();
        auto *dialog = window->findChild<ShortcutDialog *>();
        return dialog && QTest::qWaitForWindowExposed(dialog) ? dialog : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root (the helper mounts root's mirror)");
        QVERIFY(QDBusConnection::sessionBus().isConnected());
        QVERIFY2(!qEnvironmentVariable("DISPLAY").isEmpty(), "kglobalacceld needs the fixture's X server");
        const QString program = qEnvironmentVariable("PASSMIRROR_KGLOBALACCELD");
        QVERIFY2(QFile::exists(program), qPrintable(u"no kglobalacceld at \"%1\" (Debian package kglobalacceld)"_s.arg(program)));
        QVERIFY2(!QDBusConnection::sessionBus().interface()->isServiceRegistered(Service), "org.kde.kglobalaccel is already taken");

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
        environment.remove(u"XDG_SESSION_TYPE"_s); // kglobalacceld exits at once on Wayland
        m_daemon.setProcessEnvironment(environment);
        // Its output in a file (printed at the end), and it ends with this
        // process even when a crash skips cleanupTestCase.
        m_daemon.setProcessChannelMode(QProcess::MergedChannels);
        m_daemon.setStandardOutputFile(Base + u"/kglobalacceld.log"_s);
        m_daemon.setChildProcessModifier([]() {
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        });
        m_daemon.start(program, {});
        QVERIFY2(m_daemon.waitForStarted(), qPrintable(m_daemon.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(QDBusConnection::sessionBus().interface()->isServiceRegistered(Service) || m_daemon.state() != QProcess::Running, 20000);
        QVERIFY2(m_daemon.state() == QProcess::Running, "kglobalacceld exited");
        QVERIFY(QDBusConnection::sessionBus().interface()->isServiceRegistered(Service));

        startApplication();
    }

    void cleanupTestCase()
    {
        m_app.reset();
        if (mirrorAt(Base + u"/docs"_s)) {
            QProcess::execute(qEnvironmentVariable("PASSMIRRORCTL"), {u"unmount"_s, u"--force"_s, Base + u"/docs"_s});
        }
        if (m_daemon.state() == QProcess::Running) {
            m_daemon.terminate();
            if (!m_daemon.waitForFinished(5000)) {
                m_daemon.kill();
                m_daemon.waitForFinished();
            }
        }
        QFile log(Base + u"/kglobalacceld.log"_s);
        if (log.open(QIODevice::ReadOnly)) {
            qInfo().noquote() << "kglobalacceld said:" << QString::fromUtf8(log.readAll()).trimmed();
        }
    }

    void shouldRegisterTheActionWithItsDefaultKeys()
    {
        GlobalShortcut *shortcut = m_app->globalShortcut();
        QVERIFY(shortcut->isRegistered());
        QCOMPARE(shortcut->shortcut(), Default);
        QCOMPARE(GlobalShortcut::defaultShortcut(), Default);

        // kglobalacceld's view: the component, the action, its keys.
        const QDBusReply<QList<QDBusObjectPath>> components =
            QDBusConnection::sessionBus().call(QDBusMessage::createMethodCall(Service, u"/kglobalaccel"_s, u"org.kde.KGlobalAccel"_s, u"allComponents"_s));
        QVERIFY2(components.isValid(), qPrintable(components.error().message()));
        const QString path = componentPath();
        QCOMPARE(path, u"/component/passmirror"_s);
        QVERIFY(components.value().contains(QDBusObjectPath(path)));
        QCOMPARE(daemonKeys(), QList<QKeySequence>{Default});
        const auto info = daemonInfo();
        QVERIFY(info);
        QCOMPARE(info->component, u"passmirror"_s);
        QCOMPARE(info->componentFriendly, u"PassMirror"_s);
        QCOMPARE(info->actionFriendly, u"Unmount All Mirrors"_s);
        QCOMPARE(info->keys, QList<QKeySequence>{Default});
        QCOMPARE(info->defaultKeys, QList<QKeySequence>{Default});
        // It is saved where kglobalacceld keeps shortcuts.
        QTRY_VERIFY_WITH_TIMEOUT(savedConfig().contains(u"[passmirror]"_s), 10000);
        QVERIFY(savedConfig().contains(u"unmountAllMirrors=Meta+Ctrl+U,Meta+Ctrl+U,Unmount All Mirrors"_s));
    }

    void shouldChangeClearAndResetTheShortcutInTheSettingsDialog()
    {
        ShortcutDialog *dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowActive(dialog));
        auto *edit = dialog->findChild<QKeySequenceEdit *>(u"shortcutEdit"_s);
        auto *reset = dialog->findChild<QPushButton *>(u"defaultShortcutButton"_s);
        auto *none = dialog->findChild<QPushButton *>(u"noShortcutButton"_s);
        auto *ok = dialog->findChild<QPushButton *>(u"shortcutOkButton"_s);
        auto *cancel = dialog->findChild<QPushButton *>(u"shortcutCancelButton"_s);
        QVERIFY(edit && reset && none && ok && cancel);
        QVERIFY(!dialog->findChild<QLabel *>(u"shortcutUnavailable"_s)->isVisible());
        QCOMPARE(edit->keySequence(), Default);
        QVERIFY(edit->isEnabled());

        // Every control has a name; the keyboard gets from the editor to the buttons.
        for (QWidget *control : {static_cast<QWidget *>(edit),
                                 static_cast<QWidget *>(reset),
                                 static_cast<QWidget *>(none),
                                 static_cast<QWidget *>(ok),
                                 static_cast<QWidget *>(cancel)}) {
            QVERIFY2(!accessibleName(control).trimmed().isEmpty(), qPrintable(control->objectName()));
        }
        QCOMPARE(accessibleName(edit), u"Global shortcut for unmounting all mirrors"_s);
        QCOMPARE(QApplication::focusWidget(), edit);

        // Recorded from the keyboard, then Tab moves on (not recorded).
        QTest::keyClick(edit, Qt::Key_K, Qt::MetaModifier | Qt::ControlModifier);
        QTRY_COMPARE(edit->keySequence(), Chosen);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), reset);
        QCOMPARE(edit->keySequence(), Chosen);
        QTest::keyClick(reset, Qt::Key_Tab);
        QTRY_COMPARE(QApplication::focusWidget(), none);

        // Nothing changes before OK.
        QCOMPARE(daemonKeys(), QList<QKeySequence>{Default});
        ok->click();
        QVERIFY(!dialog->isVisible());
        QCOMPARE(daemonKeys(), QList<QKeySequence>{Chosen});
        QCOMPARE(m_app->globalShortcut()->shortcut(), Chosen);
        QCOMPARE(daemonInfo()->defaultKeys, QList<QKeySequence>{Default});
        QTRY_VERIFY_WITH_TIMEOUT(savedConfig().contains(u"unmountAllMirrors=Meta+Ctrl+K,Meta+Ctrl+U,"_s), 10000);

        // No Shortcut: kglobalacceld has no keys for it any more.
        dialog = openDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QKeySequenceEdit *>(u"shortcutEdit"_s)->keySequence(), Chosen);
        dialog->findChild<QPushButton *>(u"noShortcutButton"_s)->click();
        QVERIFY(dialog->findChild<QKeySequenceEdit *>(u"shortcutEdit"_s)->keySequence().isEmpty());
        dialog->findChild<QPushButton *>(u"shortcutOkButton"_s)->click();
        QVERIFY(daemonKeys().isEmpty());
        QVERIFY(m_app->globalShortcut()->shortcut().isEmpty());
        QVERIFY(daemonInfo()->keys.isEmpty());

        // Reset to Default: Meta+Ctrl+U again.
        dialog = openDialog();
        QVERIFY(dialog);
        dialog->findChild<QPushButton *>(u"defaultShortcutButton"_s)->click();
        QCOMPARE(dialog->findChild<QKeySequenceEdit *>(u"shortcutEdit"_s)->keySequence(), Default);
        dialog->findChild<QPushButton *>(u"shortcutOkButton"_s)->click();
        QCOMPARE(daemonKeys(), QList<QKeySequence>{Default});
    }

    void shouldRefuseACombinationAnotherApplicationHolds()
    {
        // Another application's global shortcut, registered with kglobalacceld.
        QAction other(u"Take a Picture"_s);
        other.setObjectName(u"takePicture"_s);
        other.setProperty("componentName", u"othercamera"_s);
        other.setProperty("componentDisplayName", u"Other Camera"_s);
        QVERIFY(KGlobalAccel::setGlobalShortcut(&other, Taken));
        QCOMPARE(daemonKeys(u"othercamera"_s, u"takePicture"_s), QList<QKeySequence>{Taken});
        QCOMPARE(m_app->globalShortcut()->conflictWith(Taken), u"“Take a Picture” in Other Camera"_s);
        QVERIFY(m_app->globalShortcut()->conflictWith(Default).isEmpty()); // its own
        QVERIFY(m_app->globalShortcut()->conflictWith(Chosen).isEmpty());

        ShortcutDialog *dialog = openDialog();
        QVERIFY(dialog);
        dialog->findChild<QKeySequenceEdit *>(u"shortcutEdit"_s)->setKeySequence(Taken);
        dialog->findChild<QPushButton *>(u"shortcutOkButton"_s)->click();
        QVERIFY(dialog->isVisible());
        const QString status = dialog->findChild<QLabel *>(u"shortcutStatus"_s)->text();
        QVERIFY2(status.contains(u"“Take a Picture” in Other Camera"_s) && status.contains(Taken.toString(QKeySequence::NativeText)), qPrintable(status));
        QCOMPARE(daemonKeys(), QList<QKeySequence>{Default});
        QCOMPARE(daemonKeys(u"othercamera"_s, u"takePicture"_s), QList<QKeySequence>{Taken});
        dialog->reject();

        KGlobalAccel::self()->removeAllShortcuts(&other);
        QVERIFY(daemonKeys(u"othercamera"_s, u"takePicture"_s).isEmpty());
    }

    void shouldUnmountAllMirrorsWhenKglobalacceldInvokesTheShortcut()
    {
        MirrorController *controller = m_app->controller();
        MirrorListModel *model = m_app->model();
        MirrorConfig config;
        config.name = u"docs"_s;
        config.source = Base + u"/src"_s;
        config.mountPoint = Base + u"/docs"_s;
        const int row = controller->addMirror(config);
        controller->mount(row);
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Mounted, 30000);
        QVERIFY(mirrorAt(Base + u"/docs"_s));

        // The window is hidden: a global shortcut works without it.
        m_app->window()->hide();
        QSignalSpy triggered(m_app->globalShortcut()->action(), &QAction::triggered);
        const QDBusMessage reply = callDaemon(componentPath(), u"org.kde.kglobalaccel.Component"_s, u"invokeShortcut"_s, {GlobalShortcut::actionName()});
        QVERIFY2(reply.type() == QDBusMessage::ReplyMessage, qPrintable(reply.errorMessage()));
        QTRY_COMPARE(triggered.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(Base + u"/docs"_s), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(model->state(model->rowForMountPoint(Base + u"/docs"_s)), MirrorListModel::State::Stopped, 10000);
        m_app->window()->show();
    }

    void shouldKeepTheChosenShortcutAcrossRestarts()
    {
        QCOMPARE(m_app->globalShortcut()->setShortcut(Chosen), Chosen);
        m_app.reset();
        // The window's action is gone: kglobalacceld keeps the shortcut, inactive.
        QCOMPARE(daemonKeys(), QList<QKeySequence>{Chosen});
        startApplication();
        QVERIFY(m_app->globalShortcut()->isRegistered());
        QCOMPARE(m_app->globalShortcut()->shortcut(), Chosen);
        QCOMPARE(daemonKeys(), QList<QKeySequence>{Chosen});
        QCOMPARE(daemonInfo()->defaultKeys, QList<QKeySequence>{Default});
    }
};

int main(int argc, char **argv)
{
    for (const auto &name : {u"src"_s, u"docs"_s, u"config"_s, u"data"_s, u"runtime"_s}) {
        QDir().mkpath(Base + u"/"_s + name);
    }
    QFile file(Base + u"/src/file.txt"_s);
    if (file.open(QIODevice::WriteOnly)) {
        file.write("content\n");
        file.close();
    }
    // Its own kglobalshortcutsrc and mirrors.json (kglobalacceld inherits these).
    WindowTestSession::useOwnFolders(Base);
    const int status = WindowTestSession::run<GlobalShortcutTest>(argc, argv);
    if (mirrorAt(Base + u"/docs"_s)) {
        QProcess::execute(u"umount"_s, {u"-l"_s, Base + u"/docs"_s});
    }
    QDir(Base).removeRecursively();
    return status;
}

#include "globalshortcuttest.moc"
