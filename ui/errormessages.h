// SPDX-License-Identifier: GPL-2.0-or-later
// What the window says when the helper answers with an error: a translatable
// sentence per MirrorError (base/mirrorerror.h) with the paths of the request
// put in, the error's role saying which path where the error alone does
// not. The helper only ever sends the error's fixed English text (its
// replies are broadcast); a detail other than that (a local refusal) is
// added where it is the detail itself (an internal error, the kernel's).
#pragma once

#include "mirrorresult.h"

#include <QCoreApplication>
#include <QString>

namespace PassMirror
{

class ErrorMessages
{
    Q_DECLARE_TR_FUNCTIONS(ErrorMessages)
public:
    // `source` is empty for an unmount; `detail` is the result's message.
    [[nodiscard]] static QString text(MirrorError error, ErrorRole role, const QString &source, const QString &mountPoint, const QString &detail);
};

} // namespace PassMirror
