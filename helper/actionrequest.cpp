// SPDX-License-Identifier: GPL-2.0-or-later
#include "actionrequest.h"

#include "helperprotocol.h"
#include "passmirrorhelper_debug.h"
#include "pathresults.h"
#include "randomid.h"

namespace PassMirror
{

namespace
{
bool isRequestId(const QVariant &value)
{
    if (value.metaType().id() != QMetaType::QString) {
        return false;
    }
    return isRandomId(value.toString());
}

MirrorResult usage(const QString &message)
{
    return MirrorResult::failure(MirrorError::Usage, message);
}

} // namespace

MirrorResult parseActionRequest(const QVariantMap &arguments, const QList<QLatin1StringView> &allowed, qsizetype requiredCount, ActionRequest &request)
{
    for (auto it = arguments.cbegin(); it != arguments.cend(); ++it) {
        if (!allowed.contains(it.key())) {
            return usage(QStringLiteral("Unexpected argument \"%1\"").arg(it.key().left(40)));
        }
    }
    for (qsizetype i = 0; i < requiredCount; ++i) {
        if (!arguments.contains(allowed[i])) {
            return usage(QStringLiteral("Missing argument \"%1\"").arg(allowed[i]));
        }
    }
    if (!isRequestId(arguments.value(Protocol::RequestId))) {
        return usage(QStringLiteral("The request id must be %1 lowercase hex digits").arg(RandomIdLength));
    }
    request.requestId = arguments.value(Protocol::RequestId).toString();
    if (arguments.contains(Protocol::Source)) {
        auto path = PathRules::pathFromVariant(arguments.value(Protocol::Source), PathRules::Role::Source);
        if (auto *failure = std::get_if<MirrorResult>(&path)) {
            return *failure;
        }
        request.source = std::get<QByteArray>(path);
    }
    if (arguments.contains(Protocol::MountPoint)) {
        auto path = PathRules::pathFromVariant(arguments.value(Protocol::MountPoint), PathRules::Role::MountPoint);
        if (auto *failure = std::get_if<MirrorResult>(&path)) {
            return *failure;
        }
        request.mountPoint = std::get<QByteArray>(path);
    }
    for (const auto &[key, target] :
         {std::pair{Protocol::ReadOnly, &request.readOnly}, std::pair{Protocol::Force, &request.force}, std::pair{Protocol::Enable, &request.enable}}) {
        if (arguments.contains(key)) {
            const QVariant value = arguments.value(key);
            if (value.metaType().id() != QMetaType::Bool) {
                return usage(QStringLiteral("\"%1\" must be a boolean").arg(key));
            }
            *target = value.toBool();
        }
    }
    if (arguments.contains(Protocol::CallerBusName)) {
        const QVariant value = arguments.value(Protocol::CallerBusName);
        const QString name = value.toString();
        if (value.metaType().id() != QMetaType::QString || !name.startsWith(QLatin1Char(':')) || name.size() > 255) {
            return usage(QStringLiteral("\"callerBusName\" must be a unique bus name"));
        }
        request.callerBusName = name;
    }
    if (arguments.contains(Protocol::Passthrough)) {
        const QVariant value = arguments.value(Protocol::Passthrough);
        const QString mode = value.toString();
        if (value.metaType().id() != QMetaType::QString || (mode != QLatin1String("auto") && mode != QLatin1String("on") && mode != QLatin1String("off"))) {
            return usage(QStringLiteral("\"passthrough\" must be \"auto\", \"on\" or \"off\""));
        }
        request.passthrough = mode;
    }
    return MirrorResult::success();
}

// Every client on the bus receives every reply (KAuth broadcasts them): the
// reply holds the typed error, its role and the error's fixed text; what
// the helper knows in detail goes to its own standard error (the system
// log), through the helper's logging category. KAuth would forward a Qt
// message of the helper to every client too, but every action installs the
// helper's own message handler first (passmirrorhelper.cpp,
// keepMessagesPrivate), which writes to standard error only.
QVariantMap reply(const QString &requestId, const MirrorResult &result)
{
    if (!result.ok()) {
        qCWarning(PASSMIRROR_HELPER).noquote() << QStringLiteral("request %1: %2 [%3]").arg(requestId, result.message, errorName(result.error));
    }
    return QVariantMap{
        {Protocol::RequestId, requestId},
        {Protocol::Error, static_cast<int>(result.error)},
        {Protocol::Role, static_cast<int>(result.role)},
        {Protocol::Message, fixedText(result.error, result.role)},
    };
}

QString requestIdOf(const QVariantMap &arguments)
{
    const QVariant value = arguments.value(Protocol::RequestId);
    return isRequestId(value) ? value.toString() : QString();
}

} // namespace PassMirror
