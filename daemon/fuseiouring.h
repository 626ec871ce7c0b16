// SPDX-License-Identifier: GPL-2.0-or-later
// FUSE over io_uring: whether this build and this kernel can use it.
//
// libfuse >= 3.18 serves requests through one io_uring queue per CPU when
// the session option io_uring is given and the kernel offers it
// (/sys/module/fuse/parameters/enable_uring = Y, a system-wide switch that
// is off by default). The build defines PASSMIRROR_HAVE_FUSE_IO_URING to 1
// only when it finds such a libfuse.
#pragma once

#include "failure.h"

#include <optional>
#include <string_view>

namespace PassMirror
{

enum class IoUringMode {
    Auto, // use it when the kernel offers it and the ring starts, else /dev/fuse
    On, // use it or refuse to mount
    Off, // /dev/fuse only
};

[[nodiscard]] std::string_view ioUringModeName(IoUringMode mode);

// True when this passmirrord was built against libfuse >= 3.18.
[[nodiscard]] bool fuseIoUringBuiltIn();

// The kernel's switch: true when enable_uring reads Y.
[[nodiscard]] bool kernelOffersFuseIoUring();

// For --io-uring=on, before anything is mounted: the build and the kernel
// switch. nullopt when both allow it.
[[nodiscard]] std::optional<Failure> checkIoUringPossible();

} // namespace PassMirror
