// SPDX-License-Identifier: GPL-2.0-or-later
// Who the mirror is for: --owner as the daemon takes it.
#pragma once

#include "failure.h"
#include "useridentity.h"

#include <optional>
#include <string>
#include <variant>

namespace PassMirror
{

// spec: a user name or a decimal uid; nullopt means the real uid of this
// process (SUDO_UID and the like are not trusted). OwnerUnknown when there is
// no passwd entry: without one there is no primary group to mount with.
[[nodiscard]] std::variant<UserIdentity, Failure> lookupOwner(const std::optional<std::string> &spec);

} // namespace PassMirror
