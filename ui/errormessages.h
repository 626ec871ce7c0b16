// SPDX-License-Identifier: GPL-2.0-or-later
// What the window says when the helper answers with an error: a translatable
// sentence per MirrorError (core/mirrorerror.h) with the paths of the request
// put in. The helper's own message is English and never names a path (its
// replies are broadcast), so it is only added where it is the detail itself
// (an internal error, the kernel's refusal).
#pragma once

#include "mirrorerror.h"

#include <QCoreApplication>
#include <QString>

namespace PassMirror
{

class ErrorMessages
{
    Q_DECLARE_TR_FUNCTIONS(ErrorMessages)
public:
    // `source` is empty for an unmount; `detail` is the helper's message.
    [[nodiscard]] static QString text(MirrorError error, const QString &source, const QString &mountPoint, const QString &detail);
};

} // namespace PassMirror
