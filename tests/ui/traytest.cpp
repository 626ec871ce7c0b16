// SPDX-License-Identifier: GPL-2.0-or-later
// The tray item through its own D-Bus interface on the session bus
// (org.kde.StatusNotifierItem and its com.canonical.dbusmenu menu): icon and
// status for none / active / error, the tooltip with the counts, the menu
// with each mirror as a toggle; Quit asks while mirrors are mounted.
#include "application.h"
#include "dbusmenuclient.h"
#include "fakestats.h"
#include "mainwindow.h"
#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "mirrorwatcher.h"
#include "registryfixture.h"
#include "replaytransport.h"
#include "trayicon.h"

#include <QAbstractButton>
#include <QAction>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#include <QMenu>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace PassMirror;

namespace
{
using namespace DBusMenuClient;

// ToolTip is (sa(iiay)ss): icon name, pixmaps, title, text.
QString toolTipText(const QString &service)
{
    const QVariant value = itemProperty(service, QStringLiteral("ToolTip"));
    const auto argument = value.value<QDBusArgument>();
    QString icon, title, text;
    argument.beginStructure();
    argument >> icon;
    argument.beginArray();
    while (!argument.atEnd()) {
        int width = 0, height = 0;
        QByteArray data;
        argument.beginStructure();
        argument >> width >> height >> data;
        argument.endStructure();
    }
    argument.endArray();
    argument >> title >> text;
    argument.endStructure();
    return text;
}

} // namespace

class TrayTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QDBusConnection::sessionBus().isConnected(), "needs the session bus of the desktop-services fixture");
        QStandardPaths::setTestModeEnabled(true);
    }

    void shouldShowStateCountsAndTogglesOnDBus()
    {
        auto transport = std::make_unique<ReplayTransport>();
        ReplayTransport *calls = transport.get();
        RegistryFixture registry(m_dir.path());
        Application::Options options;
        options.configPath = m_dir.filePath(QStringLiteral("mirrors.json"));
        options.registryDirectory = registry.registryDirectory();
        options.mountInfoPath = registry.mountInfoPath();
        Application app(options, std::make_unique<HelperClient>(std::move(transport), HelperClient::Options{}));
        app.start(true, false);
        QVERIFY(!app.window()->isVisible()); // minimized to the tray

        QTRY_VERIFY(!itemService().isEmpty());
        const QString service = itemService();
        QCOMPARE(itemProperty(service, QStringLiteral("Status")).toString(), QStringLiteral("Passive"));
        QCOMPARE(itemProperty(service, QStringLiteral("IconName")).toString(), QStringLiteral("org.passmirror.PassMirror-none"));
        QCOMPARE(toolTipText(service), QStringLiteral("0 of 0 mirrors mounted"));

        // A live mirror with counters.
        FakeStats stats(m_dir.filePath(QStringLiteral("docs.stats")));
        MirrorConfig docs;
        docs.name = QStringLiteral("docs");
        docs.source = QStringLiteral("/src/docs");
        docs.mountPoint = QStringLiteral("/m/docs");
        app.controller()->addMirror(docs);
        registry.addLive(docs.source, docs.mountPoint, stats.path());
        app.watcher()->rescan();
        stats.count(Stats::Operation::Open, 7);
        stats.count(Stats::Operation::Flush, 5);
        stats.count(Stats::Operation::Release, 3);
        QTRY_COMPARE(itemProperty(service, QStringLiteral("Status")).toString(), QStringLiteral("Active"));
        QCOMPARE(itemProperty(service, QStringLiteral("IconName")).toString(), QStringLiteral("org.passmirror.PassMirror-active"));
        QTRY_COMPARE_WITH_TIMEOUT(toolTipText(service), QStringLiteral("1 of 1 mirrors mounted\ndocs: 7 opens, 5 flushes, 3 closes"), 3000);

        // The menu on the bus: each mirror as a checked toggle, Unmount All, Show Window, Quit.
        const QList<MenuEntry> entries = menu(service);
        for (const QString &label : {QStringLiteral("docs"), QStringLiteral("Unmount All"), QStringLiteral("Show Window"), QStringLiteral("Quit")}) {
            QVERIFY2(labels(entries).contains(label), qPrintable(labels(entries).join(QStringLiteral(" | "))));
        }
        const auto toggle = entry(service, QStringLiteral("docs"));
        QVERIFY(toggle && toggle->checkable && toggle->checked && toggle->enabled);
        QVERIFY(entry(service, QStringLiteral("Unmount All"))->enabled);

        // Quit, clicked in the shell's menu, asks while a mirror is mounted.
        QVERIFY(click(service, entry(service, QStringLiteral("Quit"))->id));
        QTRY_VERIFY(app.window()->findChild<QMessageBox *>(QStringLiteral("quitDialog")));
        auto *ask = app.window()->findChild<QMessageBox *>(QStringLiteral("quitDialog"));
        QTRY_VERIFY(ask->isVisible());
        ask->findChild<QAbstractButton *>(QStringLiteral("cancelQuitButton"))->click();

        // Clicking the toggle off asks the helper to unmount it.
        QVERIFY(click(service, toggle->id));
        QTRY_COMPARE(calls->calls, QStringList{QStringLiteral("org.passmirror.helper.unmount")});
        QCOMPARE(calls->arguments.constLast().value(QStringLiteral("mountPoint")).toByteArray(), QByteArray("/m/docs"));
        // The reply (not empty, as the replay answers) leaves it mounted: click Unmount All.
        QTRY_VERIFY(entry(service, QStringLiteral("Unmount All"))->enabled);
        QVERIFY(click(service, entry(service, QStringLiteral("Unmount All"))->id));
        QTRY_COMPARE(calls->calls.size(), 2);
        QCOMPARE(calls->calls.constLast(), QStringLiteral("org.passmirror.helper.unmount"));

        // Show Window, clicked, shows it.
        QVERIFY(click(service, entry(service, QStringLiteral("Show Window"))->id));
        QTRY_VERIFY(app.window()->isVisible());

        // The daemon dies: error icon, attention.
        stats.layout().state = static_cast<std::uint32_t>(Stats::DaemonState::Died);
        QTRY_COMPARE(itemProperty(service, QStringLiteral("Status")).toString(), QStringLiteral("NeedsAttention"));
        QCOMPARE(itemProperty(service, QStringLiteral("IconName")).toString(), QStringLiteral("org.passmirror.PassMirror-error"));
        QTRY_VERIFY(toolTipText(service).contains(QStringLiteral("1 with errors")));
    }
};

QTEST_MAIN(TrayTest)
#include "traytest.moc"
