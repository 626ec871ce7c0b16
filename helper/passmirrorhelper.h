// SPDX-License-Identifier: GPL-2.0-or-later
// org.passmirror.helper: one slot per KAuth action. KAuth has already asked
// polkit about the action; everything else is MountService's.
#pragma once

#include "mountservice.h"

#include <KAuth/ActionReply>
#include <QObject>

class PassMirrorHelper : public QObject
{
    Q_OBJECT
public:
    PassMirrorHelper();

public Q_SLOTS:
    KAuth::ActionReply mount(const QVariantMap &arguments);
    KAuth::ActionReply mountshared(const QVariantMap &arguments);
    KAuth::ActionReply unmount(const QVariantMap &arguments);
    KAuth::ActionReply unmountany(const QVariantMap &arguments);
    KAuth::ActionReply unmountall(const QVariantMap &arguments);
    KAuth::ActionReply setiouring(const QVariantMap &arguments);

private:
    PassMirror::MountService m_service;
};
