// SPDX-License-Identifier: GPL-2.0-or-later
// What crosses KAuth into and out of one helper action: the argument map,
// parsed into named fields with every key and type checked, and the reply
// map, which every client on the bus receives.
#pragma once

#include "mirrorresult.h"

#include <QByteArray>
#include <QLatin1StringView>
#include <QList>
#include <QString>
#include <QVariantMap>

namespace PassMirror
{

struct ActionRequest {
    QString requestId;
    QByteArray source; // raw bytes, syntax not yet checked
    QByteArray mountPoint;
    bool readOnly = false;
    QString passthrough = QStringLiteral("auto");
    bool force = false;
    bool enable = false;
    QString callerBusName; // mountshared: the subject of the approval
};

// Checks keys and types: `allowed` lists every key the action accepts, the
// first `requiredCount` of them are required. Usage (or PathInvalid for a
// path that is not Unicode) when anything is off.
[[nodiscard]] MirrorResult
parseActionRequest(const QVariantMap &arguments, const QList<QLatin1StringView> &allowed, qsizetype requiredCount, ActionRequest &request);

// The request id of an argument map when it is well formed, else empty.
[[nodiscard]] QString requestIdOf(const QVariantMap &arguments);

// The reply: the request id, the typed error, its role and the error's
// fixed text, never a detail (KAuth sends it to every client). The detail
// goes to the helper's own log.
[[nodiscard]] QVariantMap reply(const QString &requestId, const MirrorResult &result);

} // namespace PassMirror
