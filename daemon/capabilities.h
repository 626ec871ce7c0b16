// SPDX-License-Identifier: GPL-2.0-or-later
// Taking capabilities away from the whole process, for good: the
// supervisor's confinement (confinement.h) and the FUSE server's
// (privileges.h) both come down to these steps. One thread's effective set
// for one call is filesystem/threadcapabilities.h.
#pragma once

#include "failure.h"

#include <optional>
#include <span>
#include <sys/capability.h>
#include <variant>

namespace PassMirror
{

// `capability` is in this thread's effective set.
[[nodiscard]] bool hasEffectiveCapability(cap_value_t capability);

// Every capability but `keep` leaves the bounding set (needs CAP_SETPCAP, so
// before setCapabilities) and the ambient set is emptied.
[[nodiscard]] CheckResult dropBoundingAndAmbientExcept(std::span<const cap_value_t> keep);

// The permitted set becomes exactly `keep`; the effective set too when
// `effective`, else empty; the inheritable set empty.
[[nodiscard]] CheckResult setCapabilities(std::span<const cap_value_t> keep, bool effective);

// A capability this thread holds beyond what setCapabilities(keep, false)
// leaves: any effective or inheritable one, or a permitted one not in
// `keep`. nullopt when there is none; a failure when the sets cannot be read.
[[nodiscard]] std::variant<std::optional<cap_value_t>, Failure> capabilityBeyond(std::span<const cap_value_t> keep);

} // namespace PassMirror
