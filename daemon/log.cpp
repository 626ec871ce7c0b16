// SPDX-License-Identifier: GPL-2.0-or-later
#include "log.h"

#include "printable.h"

#include <unistd.h>

namespace PassMirror
{

namespace
{
bool s_debug = false;

// One write(2) per line so lines of the supervisor and the server never mix.
void writeLine(const std::string &line)
{
    const ssize_t ignored = write(STDERR_FILENO, line.data(), line.size());
    (void)ignored;
}
} // namespace

void setDebugLogging(bool enabled)
{
    s_debug = enabled;
}

bool debugLogging()
{
    return s_debug;
}

void logDebug(const std::string &message)
{
    if (s_debug) {
        writeLine("passmirrord[" + std::to_string(getpid()) + "]: " + printable(message) + "\n");
    }
}

void logError(const std::string &message)
{
    writeLine("passmirrord: " + printable(message) + "\n");
}

} // namespace PassMirror
