// SPDX-License-Identifier: GPL-2.0-or-later
#include "notifier.h"

#include "mirrorcontroller.h"
#include "mirrorlistmodel.h"
#include "sessionfollower.h"

#include <KNotification>

namespace PassMirror
{

namespace
{
// A word put into a notification: the notification server reads the text as
// markup (KNotification strips it for a server that does not), so a
// program named "<b>…</b>" or "<a href=…>" must reach it as text. The
// programs' names come as core/mountholders shows them, their control
// characters already visible escapes.
QString word(const QString &text)
{
    return text.toHtmlEscaped();
}

QString words(const QStringList &texts)
{
    QStringList escaped;
    escaped.reserve(texts.size());
    for (const QString &text : texts) {
        escaped << word(text);
    }
    return escaped.join(QStringLiteral(", "));
}
} // namespace

Notifier::Notifier(MirrorController *controller, QObject *parent)
    : QObject(parent)
{
    setObjectName(QStringLiteral("notifier"));
    connect(controller, &MirrorController::mounted, this, [this](const QString &name, const QString &mountPoint) {
        send(QStringLiteral("mounted"),
             tr("Mirror Mounted", "@title notification"),
             tr("\"%1\" is mounted at %2.", "@info notification").arg(word(name), word(mountPoint)));
    });
    connect(controller, &MirrorController::unmountBusy, this, [this](const QString &name, const QString &, const QStringList &holders) {
        QString text = tr("\"%1\" is in use and stays mounted.", "@info notification").arg(word(name));
        if (!holders.isEmpty()) {
            text += QLatin1Char(' ') + tr("Used by: %1", "@info notification").arg(words(holders));
        }
        send(QStringLiteral("unmountBusy"), tr("Mirror Not Unmounted", "@title notification"), text);
    });
    connect(controller->model(), &MirrorListModel::mirrorDied, this, [this](const QString &name) {
        send(QStringLiteral("daemonDied"),
             tr("Mirror Stopped", "@title notification"),
             tr("The daemon of \"%1\" died; the mirror is no longer available.", "@info notification").arg(word(name)));
    });
    connect(controller, &MirrorController::mountAtLoginFinished, this, [this](int mounted, int failed) {
        if (mounted == 0 && failed == 0) {
            return;
        }
        const QString text = failed == 0 ? tr("%n mirror(s) mounted.", "@info notification", mounted)
                                         : tr("%n mirror(s) could not be mounted; see the window for why.", "@info notification", failed);
        send(QStringLiteral("loginMounts"), tr("Mirrors at Login", "@title notification"), text);
    });
}

void Notifier::follow(SessionFollower *follower)
{
    connect(follower, &SessionFollower::unmountingBySession, this, [this](const QString &name, SessionFollower::Reason reason, const QString &detail) {
        QString text;
        switch (reason) {
        case SessionFollower::Reason::SourceGone:
            text = tr("\"%1\" is being unmounted: %2 went away.", "@info notification mirror name, its source folder or drive").arg(word(name), word(detail));
            break;
        case SessionFollower::Reason::ScreenLocked:
            text = tr("\"%1\" is being unmounted because the screen locked.", "@info notification").arg(word(name));
            break;
        case SessionFollower::Reason::Idle:
            text = tr("\"%1\" is being unmounted after %n minute(s) without activity.", "@info notification", detail.toInt()).arg(word(name));
            break;
        }
        send(QStringLiteral("sessionUnmount"), tr("Mirror Unmounted", "@title notification"), text);
    });
}

void Notifier::send(const QString &eventId, const QString &title, const QString &text)
{
    KNotification::event(eventId, title, text, QPixmap(), KNotification::CloseOnTimeout, ComponentName);
    Q_EMIT sent(eventId, text);
}

} // namespace PassMirror
