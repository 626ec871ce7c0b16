// SPDX-License-Identifier: GPL-2.0-or-later
// The kernel's switch for FUSE over io_uring: the module parameter
// /sys/module/fuse/parameters/enable_uring (Linux >= 6.14 with
// CONFIG_FUSE_IO_URING). It is system-wide and off by default; a FUSE server
// may ask for io_uring only while it is on. Reading needs no privilege;
// writing needs root, so the helper's setiouring action does it.
#pragma once

#include "mirrorresult.h"

#include <QString>

namespace PassMirror
{

enum class IoUringState {
    Unsupported, // the running kernel has no such parameter
    Disabled,
    Enabled,
};

[[nodiscard]] QString ioUringParameterPath();
[[nodiscard]] IoUringState ioUringState();
// "on", "off" or "unsupported": for --json and scripts.
[[nodiscard]] QString ioUringStateName(IoUringState state);

// Root only: writes Y or N. IoUringUnavailable when the kernel lacks the
// parameter; the state is read back, so success means the kernel took it.
[[nodiscard]] MirrorResult setIoUringState(bool enable);

} // namespace PassMirror
