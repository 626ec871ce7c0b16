// SPDX-License-Identifier: GPL-2.0-or-later
// The tray item through its own D-Bus interface on the session bus
// (org.kde.StatusNotifierItem and its com.canonical.dbusmenu menu): icon and
// status for none / active / error, the tooltip with the counts, the menu
// with each mirror as a toggle; Quit asks while mirrors are mounted.
#include "application.h"
#include "fakestats.h"
#include "mainwindow.h"
#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
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
#include <QSignalSpy>
#include <QDBusVariant>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace PassMirror;

namespace
{
// The item talks on a D-Bus connection of its own, served by this thread:
// wait for replies with an event loop running.
QDBusMessage callAndWait(const QDBusMessage &call)
{
    QDBusPendingCall pending = QDBusConnection::sessionBus().asyncCall(call, 5000);
    QDBusPendingCallWatcher watcher(pending);
    if (!pending.isFinished()) {
        QSignalSpy finished(&watcher, &QDBusPendingCallWatcher::finished);
        finished.wait(6000);
    }
    return pending.reply();
}

QVariant itemProperty(const QString &service, const QString &name)
{
    QDBusMessage call = QDBusMessage::createMethodCall(service, QStringLiteral("/StatusNotifierItem"), QStringLiteral("org.freedesktop.DBus.Properties"),
                                                       QStringLiteral("Get"));
    call << QStringLiteral("org.kde.StatusNotifierItem") << name;
    const QDBusMessage reply = callAndWait(call);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        return {};
    }
    return reply.arguments().constFirst().value<QDBusVariant>().variant();
}

// The unique name of this process's connection that serves /StatusNotifierItem.
QString itemService()
{
    QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
    const QStringList names = bus->registeredServiceNames().value();
    for (const QString &name : names) {
        if (!name.startsWith(QLatin1Char(':')) || name == QDBusConnection::sessionBus().baseService()) {
            continue;
        }
        if (bus->servicePid(name).value() != static_cast<uint>(getpid())) {
            continue;
        }
        if (!itemProperty(name, QStringLiteral("Id")).toString().isEmpty()) {
            return name;
        }
    }
    return {};
}

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

// The labels of a dbusmenu layout (ia{sv}av), depth first.
void collectLabels(const QDBusArgument &argument, QStringList &labels)
{
    int id = 0;
    QVariantMap properties;
    argument.beginStructure();
    argument >> id >> properties;
    if (properties.contains(QStringLiteral("label"))) {
        labels << properties.value(QStringLiteral("label")).toString();
    }
    argument.beginArray();
    while (!argument.atEnd()) {
        QDBusVariant child;
        argument >> child;
        collectLabels(child.variant().value<QDBusArgument>(), labels);
    }
    argument.endArray();
    argument.endStructure();
}

QStringList menuLabels(const QString &service)
{
    const auto path = itemProperty(service, QStringLiteral("Menu")).value<QDBusObjectPath>();
    // The exporter builds its layout when asked to show the menu.
    QDBusMessage about = QDBusMessage::createMethodCall(service, path.path(), QStringLiteral("com.canonical.dbusmenu"), QStringLiteral("AboutToShow"));
    about << 0;
    callAndWait(about);
    QDBusMessage call = QDBusMessage::createMethodCall(service, path.path(), QStringLiteral("com.canonical.dbusmenu"), QStringLiteral("GetLayout"));
    call << 0 << -1 << QStringList();
    const QDBusMessage reply = callAndWait(call);
    QStringList labels;
    if (reply.type() == QDBusMessage::ReplyMessage && reply.arguments().size() == 2) {
        collectLabels(reply.arguments().at(1).value<QDBusArgument>(), labels);
    }
    return labels;
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
        Application::Options options;
        options.configPath = m_dir.filePath(QStringLiteral("mirrors.json"));
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
        app.model()->setLiveMirrors({LiveMirror{QStringLiteral("0123456789abcdef0123456789abcdef"), docs.source, docs.mountPoint, false,
                                                QStringLiteral("auto"), stats.path(), Liveness::Live}});
        stats.count(Stats::Operation::Open, 7);
        stats.count(Stats::Operation::Flush, 5);
        stats.count(Stats::Operation::Release, 3);
        QTRY_COMPARE(itemProperty(service, QStringLiteral("Status")).toString(), QStringLiteral("Active"));
        QCOMPARE(itemProperty(service, QStringLiteral("IconName")).toString(), QStringLiteral("org.passmirror.PassMirror-active"));
        QTRY_COMPARE_WITH_TIMEOUT(toolTipText(service), QStringLiteral("1 of 1 mirrors mounted\ndocs: 7 opens, 5 flushes, 3 closes"), 3000);

        // The menu on the bus: each mirror, Unmount All, Show Window, Quit.
        const QStringList labels = menuLabels(service);
        for (const QString &label : {QStringLiteral("docs"), QStringLiteral("Unmount All"), QStringLiteral("Show Window"), QStringLiteral("Quit")}) {
            QVERIFY2(labels.contains(label), qPrintable(labels.join(QStringLiteral(" | "))));
        }
        QAction *toggle = app.tray()->menu()->findChild<QAction *>(QStringLiteral("trayToggle:/m/docs"));
        QVERIFY(toggle);
        QVERIFY(toggle->isCheckable() && toggle->isChecked());

        // Quit asks while a mirror is mounted.
        app.tray()->menu()->findChild<QAction *>(QStringLiteral("trayQuitAction"))->trigger();
        auto *ask = app.window()->findChild<QMessageBox *>(QStringLiteral("quitDialog"));
        QVERIFY(ask);
        QTRY_VERIFY(ask->isVisible());
        ask->findChild<QAbstractButton *>(QStringLiteral("cancelQuitButton"))->click();

        // Toggling it off asks the helper to unmount.
        toggle->trigger();
        QTRY_COMPARE(calls->calls, QStringList{QStringLiteral("org.passmirror.helper.unmount")});

        // The daemon dies: error icon, attention.
        stats.layout().state = static_cast<std::uint32_t>(Stats::DaemonState::Died);
        QTRY_COMPARE(itemProperty(service, QStringLiteral("Status")).toString(), QStringLiteral("NeedsAttention"));
        QCOMPARE(itemProperty(service, QStringLiteral("IconName")).toString(), QStringLiteral("org.passmirror.PassMirror-error"));
        QTRY_VERIFY(toolTipText(service).contains(QStringLiteral("1 with errors")));
    }
};

QTEST_MAIN(TrayTest)
#include "traytest.moc"
