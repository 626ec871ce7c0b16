// SPDX-License-Identifier: GPL-2.0-or-later
// A typed reason the daemon could not start or stop cleanly: the code is the
// exit status, the message one line a person can act on.
#pragma once

#include "mirrorerror.h"

#include <optional>
#include <string>

namespace PassMirror
{

struct Failure {
    MirrorError error = MirrorError::Internal;
    std::string message;
};

// A check either passes (nullopt) or says why not.
using CheckResult = std::optional<Failure>;

[[nodiscard]] inline Failure failure(MirrorError error, std::string message)
{
    return Failure{error, std::move(message)};
}

// "what: strerror(errno)" for the errno in force.
[[nodiscard]] std::string withErrno(const std::string &what, int error);

} // namespace PassMirror
