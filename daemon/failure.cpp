// SPDX-License-Identifier: GPL-2.0-or-later
#include "failure.h"

#include <cstring>

namespace PassMirror
{

std::string withErrno(const std::string &what, int error)
{
    return what + ": " + std::strerror(error);
}

} // namespace PassMirror
