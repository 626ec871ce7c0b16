// SPDX-License-Identifier: GPL-2.0-or-later
// passmirror-bench --scale N: a generated tree of N files in a tmpfs,
// mirrored, walked and stat'ed in full (what `find -exec stat` does, without
// a process per file), while the daemon's fd count and RSS are sampled.
#pragma once

#include "variant.h"

#include <cstddef>
#include <string>

namespace PassMirror::Bench
{

// Prints its figures on stdout; returns a process exit code.
int runScale(std::size_t files, const Programs &programs, const std::string &base, uid_t uid, gid_t gid);

} // namespace PassMirror::Bench
