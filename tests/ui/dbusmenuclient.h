// SPDX-License-Identifier: GPL-2.0-or-later
// A client of this process's tray item as a desktop shell is one: it talks
// to org.kde.StatusNotifierItem and the item's com.canonical.dbusmenu menu on
// the session bus (GetLayout, AboutToShow, Event "clicked"), never to the
// QMenu behind them.
#pragma once

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#include <QDateTime>
#include <QSignalSpy>

#include <optional>

#include <unistd.h>

namespace PassMirror::DBusMenuClient
{

// The item talks on a D-Bus connection of its own, served by this thread:
// wait for replies with an event loop running.
inline QDBusMessage callAndWait(const QDBusMessage &call)
{
    QDBusPendingCall pending = QDBusConnection::sessionBus().asyncCall(call, 5000);
    QDBusPendingCallWatcher watcher(pending);
    if (!pending.isFinished()) {
        QSignalSpy finished(&watcher, &QDBusPendingCallWatcher::finished);
        finished.wait(6000);
    }
    return pending.reply();
}

inline QVariant itemProperty(const QString &service, const QString &name)
{
    QDBusMessage call = QDBusMessage::createMethodCall(service,
                                                       QStringLiteral("/StatusNotifierItem"),
                                                       QStringLiteral("org.freedesktop.DBus.Properties"),
                                                       QStringLiteral("Get"));
    call << QStringLiteral("org.kde.StatusNotifierItem") << name;
    const QDBusMessage reply = callAndWait(call);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        return {};
    }
    return reply.arguments().constFirst().value<QDBusVariant>().variant();
}

// The bus name that serves this process's item. KStatusNotifierItem asks
// for org.kde.StatusNotifierItem-<pid>-<n> only once a watcher is on the bus
// (a test bus has none), so the item's own connection (a unique name of
// this process) is the address a shell would otherwise use.
inline QString itemService()
{
    QDBusConnectionInterface *bus = QDBusConnection::sessionBus().interface();
    const QString wellKnown = QStringLiteral("org.kde.StatusNotifierItem-%1-").arg(getpid());
    const QStringList names = bus->registeredServiceNames().value();
    QStringList candidates;
    for (const QString &name : names) {
        if (name.startsWith(wellKnown)) {
            candidates.prepend(name);
        } else if (name.startsWith(QLatin1Char(':')) && name != QDBusConnection::sessionBus().baseService()
                   && bus->servicePid(name).value() == static_cast<uint>(getpid())) {
            candidates.append(name);
        }
    }
    for (const QString &name : std::as_const(candidates)) {
        if (!itemProperty(name, QStringLiteral("Id")).toString().isEmpty()) {
            return name;
        }
    }
    return {};
}

struct MenuEntry {
    int id = 0;
    QString label;
    bool enabled = true;
    bool checkable = false;
    bool checked = false;
};

// A dbusmenu layout (ia{sv}av), depth first.
inline void collectEntries(const QDBusArgument &argument, QList<MenuEntry> &entries)
{
    MenuEntry entry;
    QVariantMap properties;
    argument.beginStructure();
    argument >> entry.id >> properties;
    if (properties.contains(QStringLiteral("label"))) {
        entry.label = properties.value(QStringLiteral("label")).toString().remove(QLatin1Char('_'));
        entry.enabled = properties.value(QStringLiteral("enabled"), true).toBool();
        entry.checkable = properties.contains(QStringLiteral("toggle-type"));
        entry.checked = properties.value(QStringLiteral("toggle-state")).toInt() == 1;
        entries << entry;
    }
    argument.beginArray();
    while (!argument.atEnd()) {
        QDBusVariant child;
        argument >> child;
        collectEntries(child.variant().value<QDBusArgument>(), entries);
    }
    argument.endArray();
    argument.endStructure();
}

inline QString menuPath(const QString &service)
{
    return itemProperty(service, QStringLiteral("Menu")).value<QDBusObjectPath>().path();
}

// The menu as a shell shows it: AboutToShow (the exporter builds its layout
// then), GetLayout of the whole tree.
inline QList<MenuEntry> menu(const QString &service)
{
    const QString path = menuPath(service);
    QDBusMessage about = QDBusMessage::createMethodCall(service, path, QStringLiteral("com.canonical.dbusmenu"), QStringLiteral("AboutToShow"));
    about << 0;
    callAndWait(about);
    QDBusMessage call = QDBusMessage::createMethodCall(service, path, QStringLiteral("com.canonical.dbusmenu"), QStringLiteral("GetLayout"));
    call << 0 << -1 << QStringList();
    const QDBusMessage reply = callAndWait(call);
    QList<MenuEntry> entries;
    if (reply.type() == QDBusMessage::ReplyMessage && reply.arguments().size() == 2) {
        collectEntries(reply.arguments().at(1).value<QDBusArgument>(), entries);
    }
    return entries;
}

inline QStringList labels(const QList<MenuEntry> &entries)
{
    QStringList out;
    for (const MenuEntry &entry : entries) {
        out << entry.label;
    }
    return out;
}

inline std::optional<MenuEntry> entry(const QString &service, const QString &label)
{
    for (const MenuEntry &candidate : menu(service)) {
        if (candidate.label == label) {
            return candidate;
        }
    }
    return std::nullopt;
}

// Event(id, "clicked", data, timestamp): what a shell sends when the person
// clicks the entry. True when the item accepted the call.
inline bool click(const QString &service, int id)
{
    QDBusMessage call = QDBusMessage::createMethodCall(service, menuPath(service), QStringLiteral("com.canonical.dbusmenu"), QStringLiteral("Event"));
    call << id << QStringLiteral("clicked") << QVariant::fromValue(QDBusVariant(0)) << static_cast<uint>(QDateTime::currentSecsSinceEpoch());
    return callAndWait(call).type() == QDBusMessage::ReplyMessage;
}

} // namespace PassMirror::DBusMenuClient
