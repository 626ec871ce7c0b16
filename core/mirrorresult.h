// SPDX-License-Identifier: GPL-2.0-or-later
// A typed outcome: a MirrorError, which of the two paths it is about, and
// one line a person can act on. The helper's replies carry only the error,
// the role and the error's fixed text (fixedText(), they are broadcast on
// the bus); its detailed message goes to its own log. Clients say it in
// their own words with the paths they asked about.
#pragma once

#include "mirrorerror.h"

#include <QString>

namespace PassMirror
{

// Which path an error is about, where the error alone does not say.
enum class ErrorRole : int {
    None = 0,
    Source = 1,
    MountPoint = 2,
};

struct MirrorResult {
    MirrorError error = MirrorError::None;
    QString message;
    ErrorRole role = ErrorRole::None;

    [[nodiscard]] bool ok() const
    {
        return error == MirrorError::None;
    }
    [[nodiscard]] static MirrorResult success()
    {
        return {};
    }
    [[nodiscard]] static MirrorResult failure(MirrorError error, const QString &message, ErrorRole role = ErrorRole::None)
    {
        return MirrorResult{error, message, role};
    }
};

// Stable kebab-case names ("mount-point-not-empty") for --json and logs.
[[nodiscard]] QString errorName(MirrorError error);
// A value read from the wire or an exit code; Internal when unknown.
[[nodiscard]] MirrorError errorFromInt(int value);
// The default sentence for an error when there is no more specific message.
[[nodiscard]] QString errorText(MirrorError error);
// The helper's reply text: errorText(), naming the role where it matters.
// Fixed: no path, pid or other detail of any mirror ever goes in.
[[nodiscard]] QString fixedText(MirrorError error, ErrorRole role);
// A role read from the wire; None when unknown.
[[nodiscard]] ErrorRole roleFromInt(int value);

} // namespace PassMirror
