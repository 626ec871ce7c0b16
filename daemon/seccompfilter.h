// SPDX-License-Identifier: GPL-2.0-or-later
// The FUSE server's system call allowlist (libseccomp). Everything the server
// does after it has mounted and dropped privileges is on the list; anything
// else fails with EPERM.
//
// Why EPERM and not SCMP_ACT_KILL_PROCESS: the server holds the user's open
// files. A call missing from the list on some rare path (a libc fallback, a
// sanitizer runtime, a newer libfuse) then fails one request with an error the
// caller sees, instead of killing the server and turning every open file into
// ENOTCONN. An attacker who took over the server gains nothing from EPERM:
// the call still does not happen. Calls for a foreign architecture (x32,
// i386 on x86_64) kill the process (libseccomp's default for a bad arch).
#pragma once

#include "failure.h"

#include <span>
#include <string_view>

namespace PassMirror
{

// The names on the list (resolved per architecture; names a kernel or
// libseccomp does not know are skipped).
[[nodiscard]] std::span<const std::string_view> serverAllowedSyscalls();

// Loads the filter into every thread of this process (TSYNC). Needs
// no_new_privs (or CAP_SYS_ADMIN). Irreversible.
[[nodiscard]] CheckResult installServerSyscallFilter();

} // namespace PassMirror
