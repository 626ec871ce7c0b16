// SPDX-License-Identifier: GPL-2.0-or-later
// The path rules (base/pathrules.h) for the Qt processes: paths as the bytes
// they cross D-Bus and the command line as, outcomes as MirrorResults with
// the role the rule named. No rule lives here; each one lives in base.
#pragma once

#include "mirrorresult.h"
#include "pathrules.h"

#include <QByteArray>
#include <QVariant>

#include <string_view>
#include <variant>

namespace PassMirror::PathRules
{

[[nodiscard]] ErrorRole errorRole(Role role);
[[nodiscard]] MirrorResult toResult(const Problem &problem);
[[nodiscard]] MirrorResult toResult(const Check &check); // success when nothing was found

[[nodiscard]] inline std::string_view bytesOf(const QByteArray &path)
{
    return {path.constData(), static_cast<std::size_t>(path.size())};
}

[[nodiscard]] MirrorResult checkSyntax(const QByteArray &path, Role role);
[[nodiscard]] QByteArray normalize(const QByteArray &absolutePath);

// A path as it crosses D-Bus: a QString (must be valid UTF-16) or a QByteArray
// (raw bytes, checked as UTF-8 with the other syntax rules later). Anything
// else is a Usage error.
[[nodiscard]] std::variant<QByteArray, MirrorResult> pathFromVariant(const QVariant &value, Role role);

} // namespace PassMirror::PathRules
