// SPDX-License-Identifier: GPL-2.0-or-later
// The window's ties to the desktop session, with the real helper on the
// private system bus and a notification server on the session bus:
//   - "Open in File Manager" hands the mount point to the desktop's opener
//     (xdg-open; the XDG default for folders is a recording script);
//   - a mirror's passmirrord killed with SIGKILL: the row stops showing it
//     mounted and the "daemon died" notification reaches the server;
//   - "Start at Login" writes the XDG autostart entry, its Exec line starts
//     the real passmirror into the tray, which mounts exactly the mirrors
//     marked "mount at login" and notifies the pass's result; unchecking
//     removes the entry.
// Runs as root (the only user who may SIGKILL a daemon the helper started);
// the mirrors are root's own. The window runs on the fixture's X server
// (xcb): Qt hands URLs to xdg-open there.
#include "application.h"
#include "dbusmenuclient.h"
#include "mainwindow.h"
#include "mirrorconfig.h"
#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "mountinfo.h"
#include "notificationserver.h"
#include "windowtestsession.h"

#include <QAction>
#include <QApplication>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

#include <csignal>
#include <unistd.h>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
bool mirrorAt(const QString &path)
{
    const auto mount = mountAt(readMountInfo(), QFile::encodeName(path));
    return mount && mount->isMirror();
}

bool writeFile(const QString &path, const QByteArray &content, QFileDevice::Permissions permissions = {})
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return permissions == QFileDevice::Permissions{} || file.setPermissions(permissions);
}

const QString Base = QStringLiteral("/tmp/passmirror-session-%1").arg(getpid());
} // namespace

class SessionTest : public QObject
{
    Q_OBJECT

    NotificationServer m_notifications;

    [[nodiscard]] static QString path(const QString &relative)
    {
        return Base + QLatin1Char('/') + relative;
    }

    static MirrorConfig mirror(const QString &name, bool atLogin)
    {
        MirrorConfig config;
        config.name = name;
        config.source = path(u"src"_s);
        config.mountPoint = path(name);
        config.mountAtLogin = atLogin;
        return config;
    }

    static void unmountAll()
    {
        for (const QString &name : {u"docs"_s, u"atlogin"_s, u"notatlogin"_s}) {
            if (mirrorAt(path(name))) {
                QProcess::execute(qEnvironmentVariable("PASSMIRRORCTL"), {u"unmount"_s, u"--force"_s, path(name)});
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root");
        QVERIFY(QDBusConnection::sessionBus().isConnected());
        QVERIFY2(m_notifications.start(), "org.freedesktop.Notifications is taken on the test's session bus");
        QVERIFY(!qEnvironmentVariable("PASSMIRROR_APP").isEmpty());
    }

    void init()
    {
        QFile::remove(MirrorStore::defaultPath());
    }

    void cleanup()
    {
        unmountAll();
    }

    void shouldOpenTheMountPointInTheFileManagerAndReportAKilledDaemon()
    {
        Application app(Application::Options{});
        app.start(false, false);
        MirrorController *controller = app.controller();
        MirrorListModel *model = app.model();
        const int row = controller->addMirror(mirror(u"docs"_s, false));
        controller->mount(row);
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Mounted, 30000);
        QVERIFY(mirrorAt(path(u"docs"_s)));

        // Open in File Manager: the desktop's opener gets the mount point.
        MainWindow *window = app.window();
        window->selectRow(row);
        auto *open = window->findChild<QAction *>(u"openAction"_s);
        QVERIFY(open->isEnabled());
        open->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path(u"opened.txt"_s)), 10000);
        QFile opened(path(u"opened.txt"_s));
        QVERIFY(opened.open(QIODevice::ReadOnly));
        const QString argument = QString::fromUtf8(opened.readAll()).trimmed();
        QCOMPARE(QUrl::fromUserInput(argument).toLocalFile(), path(u"docs"_s));

        // SIGKILL the FUSE server: the supervisor detaches the mount; the row
        // no longer claims it is mounted, and the server is notified.
        QTRY_VERIFY(model->snapshot(row) && model->snapshot(row)->daemonPid > 0);
        const auto daemon = static_cast<pid_t>(model->snapshot(row)->daemonPid);
        QCOMPARE(::kill(daemon, SIGKILL), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!mirrorAt(path(u"docs"_s)), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(model->state(row) != MirrorListModel::State::Mounted, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_notifications.bodies().contains(u"The daemon of \"docs\" died; the mirror is no longer available."_s), 5000);
        const auto notification = m_notifications.received().constLast();
        QCOMPARE(notification.summary, u"Mirror Stopped"_s);
        QCOMPARE(model->state(row), MirrorListModel::State::Error);
        // The watcher may hear of the detached mount an instant before the
        // supervisor writes "died" to the stats file.
        QTRY_COMPARE_WITH_TIMEOUT(model->errorText(row), u"The mirror's daemon died."_s, 2000);
        QCOMPARE(model->index(row, MirrorListModel::DataPathColumn).data().toString(), QString());

        // Mounted again from the window (the helper sweeps the dead entry).
        auto *mount = window->findChild<QAction *>(u"mountAction"_s);
        QTRY_VERIFY(mount->isEnabled());
        mount->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Mounted, 30000);
        QVERIFY(mirrorAt(path(u"docs"_s)));
    }

    void shouldStartAtLoginIntoTheTrayAndMountTheMarkedMirrors()
    {
        const QString entry = MirrorStore::autostartPath();
        {
            Application app(Application::Options{});
            app.start(false, false);
            app.controller()->addMirror(mirror(u"atlogin"_s, true));
            app.controller()->addMirror(mirror(u"notatlogin"_s, false));
            auto *startAtLogin = app.window()->findChild<QAction *>(u"startAtLoginAction"_s);
            QVERIFY(!startAtLogin->isChecked());
            startAtLogin->trigger();
            QVERIFY(QFile::exists(entry));
        }

        QSettings desktop(entry, QSettings::IniFormat);
        desktop.beginGroup(u"Desktop Entry"_s);
        QCOMPARE(desktop.value(u"Type"_s).toString(), u"Application"_s);
        QStringList exec = QProcess::splitCommand(desktop.value(u"Exec"_s).toString());
        QVERIFY(!exec.isEmpty());
        qInfo() << "autostart Exec:" << exec;

        // Start it as the session would: the Exec line, the app on PATH.
        QProcess session;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"PATH"_s, QFileInfo(qEnvironmentVariable("PASSMIRROR_APP")).absolutePath() + u":"_s + environment.value(u"PATH"_s));
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        session.setProcessEnvironment(environment);
        session.setProcessChannelMode(QProcess::ForwardedChannels);
        // QProcess looks a bare name up in this process's PATH, not the
        // child's: resolve it in the session's PATH as a launcher would.
        const QString program = QStandardPaths::findExecutable(exec.takeFirst(), environment.value(u"PATH"_s).split(u':'));
        QVERIFY2(!program.isEmpty(), "the autostart Exec program is not on the session's PATH");
        session.start(program, exec);
        QVERIFY2(session.waitForStarted(), qPrintable(session.errorString()));
        const auto stop = qScopeGuard([&session]() {
            session.terminate();
            if (!session.waitForFinished(5000)) {
                session.kill();
                session.waitForFinished();
            }
        });

        // Mounted: the marked mirror only; the pass's result notified.
        QTRY_VERIFY_WITH_TIMEOUT(mirrorAt(path(u"atlogin"_s)), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(m_notifications.bodies().contains(u"1 mirror(s) mounted."_s), 10000);
        QCOMPARE(m_notifications.received().constLast().summary, u"Mirrors at Login"_s);
        QVERIFY(!mirrorAt(path(u"notatlogin"_s)));
        QCOMPARE(session.state(), QProcess::Running);

        // In the tray: its item is on the session bus, with the mirror checked.
        QString item;
        QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
        QTRY_VERIFY_WITH_TIMEOUT(!(item =
                                       [&]() {
                                           for (const QString &name : bus->registeredServiceNames().value()) {
                                               if (bus->servicePid(name).value() == static_cast<uint>(session.processId())
                                                   && !DBusMenuClient::itemProperty(name, u"Id"_s).toString().isEmpty()) {
                                                   return name;
                                               }
                                           }
                                           return QString();
                                       }())
                                      .isEmpty(),
                                 10000);
        QCOMPARE(DBusMenuClient::itemProperty(item, u"Status"_s).toString(), u"Active"_s);
        const auto toggle = DBusMenuClient::entry(item, u"atlogin"_s);
        QVERIFY(toggle && toggle->checked);
        QVERIFY(!DBusMenuClient::entry(item, u"notatlogin"_s)->checked);

        // Unchecking "Start at Login" removes the entry.
        Application app(Application::Options{});
        app.start(true, false);
        auto *startAtLogin = app.window()->findChild<QAction *>(u"startAtLoginAction"_s);
        QVERIFY(startAtLogin->isChecked());
        startAtLogin->trigger();
        QVERIFY(!QFile::exists(entry));
    }
};

// The session's folders, an XDG default file manager that records what it
// is asked to open, then the test.
int main(int argc, char **argv)
{
    QDir().mkpath(Base + u"/src"_s);
    for (const auto &name :
         {u"docs"_s, u"atlogin"_s, u"notatlogin"_s, u"config"_s, u"runtime"_s, u"bin"_s, u"data/applications"_s, u"data/knotifications6"_s}) {
        QDir().mkpath(Base + u"/"_s + name);
    }
    writeFile(Base + u"/src/file.txt"_s, "content\n");
    const QByteArray recorder = "#!/bin/sh\nprintf '%s\\n' \"$1\" >" + QFile::encodeName(Base) + "/opened.txt\n";
    writeFile(Base + u"/bin/record-open"_s, recorder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    writeFile(Base + u"/data/applications/record-open.desktop"_s,
              "[Desktop Entry]\nType=Application\nName=Recorder\nMimeType=inode/directory;\nExec=" + QFile::encodeName(Base) + "/bin/record-open %u\n");
    writeFile(Base + u"/config/mimeapps.list"_s, "[Default Applications]\ninode/directory=record-open.desktop\n");
    QByteArray path = qgetenv("PATH");
    if (QStandardPaths::findExecutable(u"xdg-open"_s).isEmpty()) {
        // No xdg-utils here: the recorder stands in for xdg-open itself,
        // which is what Qt runs to open a folder outside a known desktop.
        QFile::link(Base + u"/bin/record-open"_s, Base + u"/bin/xdg-open"_s);
        path = QFile::encodeName(Base) + "/bin:" + path;
        qInfo("xdg-open is not installed: the recorder is xdg-open");
    }
    qputenv("PATH", path);
    qputenv("XDG_CURRENT_DESKTOP", "X-Generic");
    WindowTestSession::useOwnFolders(Base);
    const int status = WindowTestSession::run<SessionTest>(argc, argv);
    for (const auto &name : {u"docs"_s, u"atlogin"_s, u"notatlogin"_s}) {
        if (mirrorAt(Base + u"/"_s + name)) {
            QProcess::execute(u"umount"_s, {u"-l"_s, Base + u"/"_s + name});
        }
    }
    QDir(Base).removeRecursively();
    return status;
}

#include "sessiontest.moc"
