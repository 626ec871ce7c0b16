// SPDX-License-Identifier: GPL-2.0-or-later
// 32 lowercase hex digits from the system's random source: the registry's
// mirror ids and the helper calls' request ids. Unguessable, so a name or an
// id reveals nothing and cannot be predicted by another user.
#pragma once

#include <QString>

namespace PassMirror
{

inline constexpr int RandomIdLength = 32;

[[nodiscard]] QString newRandomId();
[[nodiscard]] bool isRandomId(const QString &id);

} // namespace PassMirror
