// SPDX-License-Identifier: GPL-2.0-or-later
// The daemon's name for the one fd owner all processes share (core/uniquefd.h).
#pragma once

#include "uniquefd.h"

namespace PassMirror
{

using FileDescriptor = UniqueFd;

} // namespace PassMirror
