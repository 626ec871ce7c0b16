// SPDX-License-Identifier: GPL-2.0-or-later
// A tiny org.freedesktop.Notifications server for a test's session bus: it
// records every notification the app sends, as a desktop's server would
// receive it. It lives in a thread of its own with its own connection, so
// the app's calls never wait on the test's event loop.
#pragma once

#include <QDBusConnection>
#include <QMutex>
#include <QObject>
#include <QStringList>
#include <QThread>
#include <QVariantMap>

namespace PassMirror
{

struct ReceivedNotification {
    QString appName;
    QString summary;
    QString body;
};

class NotificationService : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    QList<ReceivedNotification> received() const
    {
        QMutexLocker lock(&m_mutex);
        return m_received;
    }

public Q_SLOTS:
    QStringList GetCapabilities()
    {
        return {QStringLiteral("body")};
    }
    QString GetServerInformation(QString &vendor, QString &version, QString &specVersion)
    {
        vendor = QStringLiteral("PassMirror tests");
        version = QStringLiteral("1");
        specVersion = QStringLiteral("1.2");
        return QStringLiteral("recorder");
    }
    uint Notify(const QString &appName, uint, const QString &, const QString &summary, const QString &body, const QStringList &, const QVariantMap &, int)
    {
        QMutexLocker lock(&m_mutex);
        m_received.append({appName, summary, body});
        return static_cast<uint>(m_received.size());
    }
    void CloseNotification(uint)
    {
    }

private:
    mutable QMutex m_mutex;
    QList<ReceivedNotification> m_received;
};

class NotificationServer
{
public:
    // Registers org.freedesktop.Notifications; false when the name is taken.
    bool start()
    {
        m_service.moveToThread(&m_thread);
        m_thread.start();
        bool ok = false;
        QMetaObject::invokeMethod(
            &m_service,
            [this, &ok]() {
                QDBusConnection bus = QDBusConnection::connectToBus(QDBusConnection::SessionBus, QStringLiteral("notification-server"));
                ok = bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &m_service, QDBusConnection::ExportAllSlots)
                    && bus.registerService(QStringLiteral("org.freedesktop.Notifications"));
            },
            Qt::BlockingQueuedConnection);
        return ok;
    }
    ~NotificationServer()
    {
        QThread *owner = QThread::currentThread();
        QMetaObject::invokeMethod(
            &m_service,
            [this, owner]() {
                QDBusConnection::disconnectFromBus(QStringLiteral("notification-server"));
                m_service.moveToThread(owner); // pushed back from its own thread
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    [[nodiscard]] QList<ReceivedNotification> received() const
    {
        return m_service.received();
    }
    [[nodiscard]] QStringList bodies() const
    {
        QStringList out;
        for (const auto &n : received()) {
            out << n.body;
        }
        return out;
    }

private:
    NotificationService m_service;
    QThread m_thread;
};

} // namespace PassMirror
