// SPDX-License-Identifier: GPL-2.0-or-later
// A typed outcome: a MirrorError and one line a person can act on. Messages
// made by the helper never name a path (its replies are broadcast on the
// bus); clients add the paths they asked about themselves.
#pragma once

#include "mirrorerror.h"

#include <QString>

namespace PassMirror
{

struct MirrorResult {
    MirrorError error = MirrorError::None;
    QString message;

    [[nodiscard]] bool ok() const
    {
        return error == MirrorError::None;
    }
    [[nodiscard]] static MirrorResult success()
    {
        return {};
    }
    [[nodiscard]] static MirrorResult failure(MirrorError error, const QString &message)
    {
        return MirrorResult{error, message};
    }
};

// Stable kebab-case names ("mount-point-not-empty") for --json and logs.
[[nodiscard]] QString errorName(MirrorError error);
// A value read from the wire or an exit code; Internal when unknown.
[[nodiscard]] MirrorError errorFromInt(int value);
// The default sentence for an error when there is no more specific message.
[[nodiscard]] QString errorText(MirrorError error);

} // namespace PassMirror
