// SPDX-License-Identifier: GPL-2.0-or-later
// How long passmirrord takes from being started to a usable mount: the time
// from fork to its "ready" line on --ready-fd (written once the kernel's INIT
// is answered), cold (caches dropped first) and warm. This is the daemon's
// share of a mount; the helper's D-Bus round trip is not included.
#pragma once

#include "results.h"
#include "variant.h"

#include <string>

namespace PassMirror::Bench
{

[[nodiscard]] MountLatency
measureMountLatency(const Programs &programs, const std::string &base, const std::string &source, uid_t uid, gid_t gid, int warmRuns, std::string &error);

} // namespace PassMirror::Bench
