// SPDX-License-Identifier: GPL-2.0-or-later
#include "fuseiouring.h"

#include <fuse_lowlevel.h>

#include <fstream>
#include <string>

namespace PassMirror
{

namespace
{

constexpr const char *EnableUringPath = "/sys/module/fuse/parameters/enable_uring";

} // namespace

std::string_view ioUringModeName(IoUringMode mode)
{
    switch (mode) {
    case IoUringMode::Auto:
        return "auto";
    case IoUringMode::On:
        return "on";
    case IoUringMode::Off:
        return "off";
    }
    return "auto";
}

bool fuseIoUringBuiltIn()
{
    return PASSMIRROR_HAVE_FUSE_IO_URING != 0;
}

bool kernelOffersFuseIoUring()
{
    std::ifstream parameter(EnableUringPath);
    char value = 0;
    return parameter.get(value) && (value == 'Y' || value == 'y' || value == '1');
}

std::optional<Failure> checkIoUringPossible()
{
    if (!fuseIoUringBuiltIn()) {
        return failure(MirrorError::IoUringUnavailable,
                       "--io-uring=on: this passmirrord was built against libfuse " + std::to_string(FUSE_MAJOR_VERSION) + "."
                           + std::to_string(FUSE_MINOR_VERSION) + " (libfuse " + std::string(fuse_pkgversion())
                           + " runs it now), and FUSE over io_uring needs a build against 3.18 or later (use --io-uring=auto or off)");
    }
    if (!kernelOffersFuseIoUring()) {
        return failure(MirrorError::IoUringUnavailable,
                       std::string("--io-uring=on: the kernel does not offer FUSE over io_uring (") + EnableUringPath
                           + " is not Y; an administrator turns it on with passmirrorctl io-uring enable)");
    }
    return std::nullopt;
}

} // namespace PassMirror
