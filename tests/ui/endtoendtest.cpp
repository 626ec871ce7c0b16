// SPDX-License-Identifier: GPL-2.0-or-later
// The real window against the real helper on the private system bus, as
// user tester (granted by the fixture's polkit rule): add a mirror through
// the dialog, see it mount, open 10 files in it and see exactly 10 opens,
// 10 flushes and 10 closes in the list, then unmount it from the tray menu
// through the item's dbusmenu on the session bus.
//
// Started as root by ctest: makes the folders for tester, then runs itself
// again as tester (runuser) with the session's buses.
#include "application.h"
#include "dbusmenuclient.h"
#include "mainwindow.h"
#include "mirrordialog.h"
#include "mirrorlistmodel.h"
#include "mountinfo.h"
#include "notifier.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <csignal>
#include <pwd.h>
#include <unistd.h>

using namespace PassMirror;

namespace
{
bool mirrorAt(const QString &path)
{
    const auto mount = mountAt(readMountInfo(), QFile::encodeName(path));
    return mount && mount->isMirror();
}
} // namespace

class EndToEndTest : public QObject
{
    Q_OBJECT

    QString m_base = qEnvironmentVariable("PASSMIRROR_E2E_DIR");
    std::unique_ptr<Application> m_app;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(getuid() != 0, "runs as tester (main() re-runs it)");
        QVERIFY(!m_base.isEmpty());
        Application::Options options;
        options.configPath = m_base + QStringLiteral("/config/mirrors.json");
        m_app = std::make_unique<Application>(options);
        m_app->start(false, false);
        QVERIFY(QTest::qWaitForWindowExposed(m_app->window()));
        QCOMPARE(m_app->model()->rowCount(), 0);
    }

    void cleanupTestCase()
    {
        m_app.reset();
        const QString mnt = m_base + QStringLiteral("/mnt");
        if (mirrorAt(mnt)) {
            QProcess::execute(qEnvironmentVariable("PASSMIRRORCTL"), {QStringLiteral("unmount"), QStringLiteral("--force"), mnt});
        }
    }

    void shouldMountCountAndUnmountFromTheTray()
    {
        const QString src = m_base + QStringLiteral("/src");
        const QString mnt = m_base + QStringLiteral("/mnt");
        MainWindow *window = m_app->window();
        MirrorListModel *model = m_app->model();

        // Add through the dialog, as a person types.
        window->findChild<QAction *>(QStringLiteral("addAction"))->trigger();
        auto *dialog = window->findChild<MirrorDialog *>();
        QVERIFY(dialog);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("nameEdit")), QStringLiteral("e2e"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("sourceEdit")), src);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("mountPointEdit")), mnt);
        auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okButton"));
        QVERIFY2(ok->isEnabled(), qPrintable(dialog->findChild<QLineEdit *>(QStringLiteral("mountPointEdit"))->accessibleDescription()));
        ok->click();
        QCOMPARE(model->rowCount(), 1);
        const int row = 0;

        // Mount with the window's action; the helper on the system bus does it.
        QSignalSpy notified(m_app->notifier(), &Notifier::sent);
        window->selectRow(row);
        window->findChild<QAction *>(QStringLiteral("mountAction"))->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Mounted, 30000);
        QVERIFY(mirrorAt(mnt));
        QTRY_VERIFY(!notified.isEmpty());
        QCOMPARE(notified.at(0).at(0).toString(), QStringLiteral("mounted"));
        QTRY_COMPARE_WITH_TIMEOUT(model->index(row, MirrorListModel::OpensColumn).data().toString(), QStringLiteral("0"), 5000);

        // Ten files opened and closed in the mirror.
        for (int i = 1; i <= 10; ++i) {
            QFile file(mnt + QStringLiteral("/file-%1.txt").arg(i));
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
            QCOMPARE(file.readAll(), QByteArray("content %1\n").replace("%1", QByteArray::number(i)));
            file.close();
        }
        auto cell = [&](int column) {
            return model->index(row, column).data().toString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(cell(MirrorListModel::ClosesColumn), QStringLiteral("10"), 5000);
        QTest::qWait(500); // nothing more arrives
        QCOMPARE(cell(MirrorListModel::OpensColumn), QStringLiteral("10"));
        QCOMPARE(cell(MirrorListModel::FlushesColumn), QStringLiteral("10"));
        QCOMPARE(cell(MirrorListModel::ClosesColumn), QStringLiteral("10"));
        QCOMPARE(model->index(row, 0).data(MirrorListModel::OpenCountRole).toULongLong(), 10ULL);

        // Unmount from the tray menu, clicked as a desktop shell does it:
        // the item's com.canonical.dbusmenu menu on the session bus.
        QTRY_VERIFY(!DBusMenuClient::itemService().isEmpty());
        const QString service = DBusMenuClient::itemService();
        const auto toggle = DBusMenuClient::entry(service, QStringLiteral("e2e"));
        QVERIFY2(toggle, qPrintable(DBusMenuClient::labels(DBusMenuClient::menu(service)).join(QStringLiteral(" | "))));
        QVERIFY(toggle->checkable && toggle->checked);
        QVERIFY(DBusMenuClient::click(service, toggle->id));
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Stopped, 30000);
        QVERIFY(!mirrorAt(mnt));
        QTRY_VERIFY(!DBusMenuClient::entry(service, QStringLiteral("e2e"))->checked);

        // The toggle mounts it again; "Unmount All" unmounts it. (The menu
        // is rebuilt as states change: entries get new ids.)
        QVERIFY(DBusMenuClient::click(service, DBusMenuClient::entry(service, QStringLiteral("e2e"))->id));
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Mounted, 30000);
        QVERIFY(mirrorAt(mnt));
        QTRY_VERIFY(DBusMenuClient::entry(service, QStringLiteral("Unmount All"))->enabled);
        QVERIFY(DBusMenuClient::click(service, DBusMenuClient::entry(service, QStringLiteral("Unmount All"))->id));
        QTRY_COMPARE_WITH_TIMEOUT(model->state(row), MirrorListModel::State::Stopped, 30000);
        QVERIFY(!mirrorAt(mnt));
    }
};

// As root: prepare the folders and run this test again as tester.
static int runAsTester(int argc, char **argv)
{
    const passwd *tester = getpwnam("tester");
    if (!tester) {
        qCritical("no user tester");
        return 1;
    }
    const QString base = QStringLiteral("/tmp/passmirror-e2e-%1").arg(getpid());
    QDir().mkpath(base + QStringLiteral("/src"));
    QDir().mkpath(base + QStringLiteral("/mnt"));
    QDir().mkpath(base + QStringLiteral("/config"));
    QDir().mkpath(base + QStringLiteral("/runtime"));
    // KNotification drops events of an app whose notifyrc it cannot find.
    QDir().mkpath(base + QStringLiteral("/data/knotifications6"));
    QFile::copy(qEnvironmentVariable("PASSMIRROR_NOTIFYRC"), base + QStringLiteral("/data/knotifications6/passmirror.notifyrc"));
    for (int i = 1; i <= 10; ++i) {
        QFile file(base + QStringLiteral("/src/file-%1.txt").arg(i));
        if (!file.open(QIODevice::WriteOnly)) {
            return 1;
        }
        file.write("content " + QByteArray::number(i) + '\n');
    }
    QProcess::execute(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("tester:tester"), base});
    QFile::setPermissions(base + QStringLiteral("/runtime"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // tester's own session bus: a session bus lets in only its owner's uid
    // (the fixture's is root's), and the tray is driven through it.
    QProcess bus;
    bus.start(QStringLiteral("runuser"),
              {QStringLiteral("-u"),
               QStringLiteral("tester"),
               QStringLiteral("--"),
               QStringLiteral("dbus-daemon"),
               QStringLiteral("--session"),
               QStringLiteral("--fork"),
               QStringLiteral("--print-pid"),
               QStringLiteral("--address=unix:path=") + base + QStringLiteral("/runtime/bus")});
    bus.waitForFinished(10000);
    const pid_t busPid = bus.readAllStandardOutput().trimmed().toInt();
    if (busPid <= 0) {
        qCritical("tester's session bus did not start");
        return 1;
    }
    QStringList arguments{QStringLiteral("-u"), QStringLiteral("tester"), QStringLiteral("--"), QStringLiteral("env")};
    arguments << QStringLiteral("DBUS_SESSION_BUS_ADDRESS=unix:path=") + base + QStringLiteral("/runtime/bus");
    for (const char *name : {"DBUS_SYSTEM_BUS_ADDRESS", "DISPLAY", "PASSMIRRORCTL"}) {
        arguments << QString::fromLatin1(name) + QLatin1Char('=') + qEnvironmentVariable(name);
    }
    arguments << QStringLiteral("HOME=") + QFile::decodeName(tester->pw_dir) << QStringLiteral("XDG_RUNTIME_DIR=") + base + QStringLiteral("/runtime")
              << QStringLiteral("XDG_CONFIG_HOME=") + base + QStringLiteral("/config") << QStringLiteral("XDG_DATA_HOME=") + base + QStringLiteral("/data")
              << QStringLiteral("LANG=C.UTF-8") << QStringLiteral("QT_QPA_PLATFORM=offscreen") << QStringLiteral("PASSMIRROR_E2E_DIR=") + base
              << QFile::decodeName(argv[0]);
    for (int i = 1; i < argc; ++i) {
        arguments << QFile::decodeName(argv[i]);
    }
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QStringLiteral("runuser"), arguments);
    child.waitForFinished(-1);
    const int status = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : 1;
    ::kill(busPid, SIGTERM);
    QProcess::execute(QStringLiteral("umount"), {QStringLiteral("-l"), base + QStringLiteral("/mnt")});
    QDir(base).removeRecursively();
    return status;
}

int main(int argc, char **argv)
{
    if (geteuid() == 0) {
        QCoreApplication app(argc, argv);
        return runAsTester(argc, argv);
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("passmirror"));
    QApplication::setQuitOnLastWindowClosed(false);
    EndToEndTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "endtoendtest.moc"
