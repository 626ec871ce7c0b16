// SPDX-License-Identifier: GPL-2.0-or-later
// An administrator's approval of one shared mirror: asked every time, for
// exactly the folders the helper validated, so the authentication dialog
// names them (polkit puts the details "source" and "mountPoint" into the
// action's message) and polkit rules can decide by them.
//
// The prompt happens while the helper serves the call, and KAuth runs one
// call at a time: other calls get "busy" (and retry) until the
// administrator answers; polkit's agent bounds the wait.
#pragma once

#include "mirrorresult.h"

#include <QByteArray>
#include <QString>

#include <sys/types.h>

namespace PassMirror
{

class SharedMountApproval
{
public:
    virtual ~SharedMountApproval() = default;
    // `callerBusName`: the caller's unique name on the system bus, which
    // must belong to `caller`. AuthorizationDenied unless approved.
    [[nodiscard]] virtual MirrorResult approve(const QString &callerBusName, uid_t caller, const QByteArray &source, const QByteArray &mountPoint) = 0;
};

// Asks polkit (Protocol::ConfirmSharedAction) on the system bus.
class PolkitSharedMountApproval : public SharedMountApproval
{
public:
    [[nodiscard]] MirrorResult approve(const QString &callerBusName, uid_t caller, const QByteArray &source, const QByteArray &mountPoint) override;
};

} // namespace PassMirror
