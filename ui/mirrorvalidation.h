// SPDX-License-Identifier: GPL-2.0-or-later
// What the Add/Edit dialog checks as the person types: base's PathRules (the
// same functions the helper runs), each failing rule with its own
// translated message, plus the window's own rules (names, duplicates).
#pragma once

#include "mirrorconfig.h"

#include <QList>
#include <QString>

namespace PassMirror::MirrorValidation
{

struct Problems {
    QString name;
    QString source;
    QString mountPoint;
    [[nodiscard]] bool ok() const
    {
        return name.isEmpty() && source.isEmpty() && mountPoint.isEmpty();
    }
};

// What the person typed, made absolute where it can be: "~/" expanded,
// symlinks of an existing folder resolved (the helper refuses symlinks, so
// the person's own links are followed here, as passmirrorctl does).
[[nodiscard]] QString resolvePath(const QString &typed);

// `config` holds resolved paths; `others` are the other saved mirrors;
// `mountedNow`: the mirror is mounted (its mount point is not empty then).
[[nodiscard]] Problems validate(const MirrorConfig &config, const QList<MirrorConfig> &others, bool mountedNow = false);

} // namespace PassMirror::MirrorValidation
