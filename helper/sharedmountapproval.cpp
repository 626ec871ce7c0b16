// SPDX-License-Identifier: GPL-2.0-or-later
#include "sharedmountapproval.h"

#include "helperprotocol.h"

#include <PolkitQt1/Authority>
#include <PolkitQt1/Subject>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>

namespace PassMirror
{

namespace
{

MirrorResult denied(const QString &why)
{
    return MirrorResult::failure(MirrorError::AuthorizationDenied, why);
}

// polkit replaces "$(key)" in the message with a detail's value and has no
// escape: a path holding "$(" could not be shown as it is.
bool showable(const QByteArray &path)
{
    return !path.contains("$(");
}

} // namespace

MirrorResult PolkitSharedMountApproval::approve(const QString &callerBusName, uid_t caller, const QByteArray &source, const QByteArray &mountPoint)
{
    if (!showable(source)) {
        return MirrorResult::failure(MirrorError::PathInvalid,
                                     QStringLiteral("The source path contains \"$(\", which the approval dialog cannot show"),
                                     ErrorRole::Source);
    }
    if (!showable(mountPoint)) {
        return MirrorResult::failure(MirrorError::PathInvalid,
                                     QStringLiteral("The mount point path contains \"$(\", which the approval dialog cannot show"),
                                     ErrorRole::MountPoint);
    }
    // The subject polkit asks about must be the caller itself, not some
    // other process the caller named.
    const QDBusReply<uint> owner = QDBusConnection::systemBus().interface()->serviceUid(callerBusName);
    if (!callerBusName.startsWith(QLatin1Char(':')) || !owner.isValid() || owner.value() != caller) {
        return denied(QStringLiteral("The bus name given for the approval is not the caller's"));
    }
    PolkitQt1::Authority *authority = PolkitQt1::Authority::instance();
    const PolkitQt1::DetailsMap details{
        {QStringLiteral("source"), QString::fromUtf8(source)},
        {QStringLiteral("mountPoint"), QString::fromUtf8(mountPoint)},
    };
    const PolkitQt1::Authority::Result result = authority->checkAuthorizationSyncWithDetails(Protocol::ConfirmSharedAction,
                                                                                             PolkitQt1::SystemBusNameSubject(callerBusName),
                                                                                             PolkitQt1::Authority::AllowUserInteraction,
                                                                                             details);
    if (authority->hasError()) {
        const QString why = authority->errorDetails();
        authority->clearError();
        return denied(QStringLiteral("polkit could not decide: %1").arg(why));
    }
    return result == PolkitQt1::Authority::Yes ? MirrorResult::success() : denied(QStringLiteral("An administrator did not approve this shared mirror"));
}

} // namespace PassMirror
