// SPDX-License-Identifier: GPL-2.0-or-later
// One line per message on stderr, prefixed so a journal shows whose it is;
// a message is shown through printable() (base/printable.h), so what it
// quotes (a path, the kernel's words) never breaks the line.
#pragma once

#include <string>

namespace PassMirror
{

void setDebugLogging(bool enabled);
[[nodiscard]] bool debugLogging();

// Only with --debug: each startup and shutdown step.
void logDebug(const std::string &message);
// Always: what went wrong, as "passmirrord: message".
void logError(const std::string &message);

} // namespace PassMirror
