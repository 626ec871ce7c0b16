// SPDX-License-Identifier: GPL-2.0-or-later
// Desktop notifications (KNotification, events in passmirror.notifyrc):
// mounted, unmount failed because busy, daemon died, mount-at-login result,
// unmounted by the session (source gone, screen locked, idle).
#pragma once

#include <QObject>

namespace PassMirror
{

class MirrorController;
class SessionFollower;

class Notifier : public QObject
{
    Q_OBJECT
public:
    explicit Notifier(MirrorController *controller, QObject *parent = nullptr);
    // Also tells when the session unmounts a mirror (source gone, lock, idle).
    void follow(SessionFollower *follower);

    static constexpr QLatin1StringView ComponentName{"passmirror"};

Q_SIGNALS:
    // Every event sent, for tests (KNotification never blocks or fails loudly).
    void sent(const QString &eventId, const QString &text);

private:
    void send(const QString &eventId, const QString &title, const QString &text);
};

} // namespace PassMirror
