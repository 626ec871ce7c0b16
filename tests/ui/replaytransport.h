// SPDX-License-Identifier: GPL-2.0-or-later
// A HelperTransport for widget tests: answers every call with a typed reply
// carrying the call's own request id, as org.passmirror.helper does.
#pragma once

#include "helperclient.h"
#include "helperprotocol.h"

#include <QStringList>
#include <QTimer>

namespace PassMirror
{

// Answers every call with the error it was given, tagged with the call's request id.
class ReplayTransport : public HelperTransport
{
public:
    MirrorError error = MirrorError::MountPointNotEmpty;
    QString message = QStringLiteral("The mount point is not empty; use an empty folder");
    QStringList calls;
    QList<QVariantMap> arguments;

    void call(const QString &action, const QVariantMap &arguments, std::chrono::milliseconds) override
    {
        calls << action;
        this->arguments << arguments;
        const QVariantMap data{{Protocol::RequestId, arguments.value(Protocol::RequestId)},
                               {Protocol::Error, static_cast<int>(error)},
                               {Protocol::Message, message}};
        QTimer::singleShot(5, this, [this, data]() {
            Q_EMIT replied(0, data, QString());
        });
    }
    void cancel() override
    {
    }
    bool authorizedWithoutPrompt(const QString &) override
    {
        return true;
    }
};

} // namespace PassMirror
