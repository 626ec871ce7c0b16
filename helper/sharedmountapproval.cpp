// SPDX-License-Identifier: GPL-2.0-or-later
#include "sharedmountapproval.h"

#include "helperprotocol.h"
#include "printable.h"

#include <PolkitQt1/Authority>
#include <PolkitQt1/Subject>

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusReply>

#include <optional>

namespace PassMirror
{

namespace
{

MirrorResult denied(const QString &why)
{
    return MirrorResult::failure(MirrorError::AuthorizationDenied, why);
}

// polkit replaces "$(key)" in the message with a detail's value and has no
// escape: a path holding "$(" could not be shown as it is. Nor can one with
// a character that moves the text around it (base/printable.h: a line
// separator, a bidirectional control such as U+202E): the administrator
// would approve a path that reads otherwise than it is. The path rules
// have refused control characters already.
std::optional<QString> unshowable(const QByteArray &path)
{
    if (path.contains("$(")) {
        return QStringLiteral("\"$(\"");
    }
    const std::string_view text(path.constData(), static_cast<std::size_t>(path.size()));
    std::uint32_t codePoint = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8SequenceAt(text, i, codePoint);
        if (length == 0 || isShownEscaped(codePoint)) {
            return QStringLiteral("a line separator or a bidirectional control character");
        }
        i += length;
    }
    return std::nullopt;
}

} // namespace

MirrorResult PolkitSharedMountApproval::approve(const QString &callerBusName, uid_t caller, const QByteArray &source, const QByteArray &mountPoint)
{
    if (const auto what = unshowable(source)) {
        return MirrorResult::failure(MirrorError::PathInvalid,
                                     QStringLiteral("The source path contains %1, which the approval dialog cannot show").arg(*what),
                                     ErrorRole::Source);
    }
    if (const auto what = unshowable(mountPoint)) {
        return MirrorResult::failure(MirrorError::PathInvalid,
                                     QStringLiteral("The mount point path contains %1, which the approval dialog cannot show").arg(*what),
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
