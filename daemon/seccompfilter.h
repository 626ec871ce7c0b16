// SPDX-License-Identifier: GPL-2.0-or-later
// The system call allowlists of passmirrord's two processes (libseccomp).
// Everything the FUSE server does after it has mounted and dropped
// privileges is on its list; the supervisor's list is much smaller (it only
// waits, reads signals and the mount table, detaches the mount and removes
// the stats file and the mount record). Anything else fails with EPERM.
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
#include <sys/types.h>

namespace PassMirror
{

// The names on the list (resolved per architecture; names a kernel or
// libseccomp does not know are skipped).
[[nodiscard]] std::span<const std::string_view> serverAllowedSyscalls();

// What the server's rules with argument checks need to know.
struct ServerFilterSetup {
    // Shared mirror: setresuid/setresgid (effective ids only: real and saved
    // must be -1) and setgroups, to switch a worker to each caller. Without
    // it no call that changes an id is allowed at all.
    bool shared = false;
    // The io_uring calls (only when the ring may really start).
    bool ioUring = false;
    pid_t self = -1; // kill/tgkill only to this process (-1: getpid())
};

// Loads the filter into every thread of this process (TSYNC). Besides the
// names above: kill and tgkill to this process only, unshare(CLONE_FS)
// only, a short list of prctl options that change nothing about
// credentials, setfsuid/setfsgid(-1) (reading), and what `setup` adds.
// Needs no_new_privs (or CAP_SYS_ADMIN). Irreversible.
[[nodiscard]] CheckResult installServerSyscallFilter(const ServerFilterSetup &setup);

// What the supervisor's rules with argument checks need to know.
struct SupervisorFilterSetup {
    pid_t server = -1; // kill() may reach only this process and ourselves
    // unlinkat() of a file is allowed in these two directories and nowhere
    // else (-1: not in that one).
    int statsDirectoryFd = -1;
    int recordDirectoryFd = -1; // the mount record's
};

// The calls the supervisor may make with any arguments. Besides these:
// open/openat read-only and without O_CREAT/O_TRUNC, kill to itself and the
// server, tgkill to its own threads, unlinkat of a file (never a directory)
// in the stats directory or the mount-record directory, nowhere else.
[[nodiscard]] std::span<const std::string_view> supervisorAllowedSyscalls();

// Loads the supervisor's filter (TSYNC, like the server's). Needs
// no_new_privs (or CAP_SYS_ADMIN). Irreversible; a process forked after it
// could not even fork.
[[nodiscard]] CheckResult installSupervisorSyscallFilter(const SupervisorFilterSetup &setup);

} // namespace PassMirror
