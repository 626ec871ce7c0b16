// SPDX-License-Identifier: GPL-2.0-or-later
// POSIX record locks are forwarded as open file description (OFD) locks on
// the per-open backing fd. What differs from POSIX locks:
//  - The lock belongs to the open file (the FUSE file handle), not to the
//    process: two separate opens of one file in one process conflict with each
//    other (POSIX: never within a process), and a forked child that shares
//    the open file shares its locks.
//  - Closing: the kernel tells us with FLUSH when an owner closes one of its
//    fds; we then drop every lock on that open file (OFD locks cannot be
//    dropped per owner), which matches POSIX for the usual single-owner case.
//    Closing a different open of the same file does not drop the locks (POSIX
//    would); they go when their own open file is closed at the latest.
//  - F_GETLK reports the process that took the conflicting lock through the
//    mirror (found by asking each other locking open of the inode), or l_pid 0
//    when it was taken outside the mirror.
//  - Blocking requests (F_SETLKW, flock without LOCK_NB) are polled with a
//    short back-off so a FUSE INTERRUPT (a signal to the waiter) ends them with
//    EINTR; no deadlock detection (EDEADLK) and no FIFO fairness.
#pragma once

#include "openfile.h"

namespace PassMirror::Fs
{

// Drops the OFD locks of `file` if `owner` took any through it (at FLUSH).
void releaseOwnerLocks(OpenFile &file, std::uint64_t owner) noexcept;

// At release: `file` no longer holds locks for F_GETLK to report.
void forgetLockingOpen(OpenFile &file) noexcept;

} // namespace PassMirror::Fs
