// SPDX-License-Identifier: GPL-2.0-or-later
// A mixed write load on a mirror that can be cut off at any moment, and the
// check that nothing it had finished was lost: the fault tests and the soak
// driver share it.
//
// Each writer is a child process running as the mirror's owner. It works
// through an fd of the mirror's root opened at the start (so after a detach
// it never writes into the bare mount-point directory), and loops: a file
// written, fsynced and closed (then, and only then, recorded in its journal
// outside the mirror), an unsynced scratch file overwritten, renamed and
// removed, a directory made and listed. It ends when an operation fails
// (the mirror died) or when killed.
#pragma once

#include "credentials.h"

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Test
{

struct LoadFigures {
    std::uint64_t operations = 0; // system calls on the mirror that succeeded
    std::uint64_t filesCommitted = 0; // written, fsynced, closed, journalled
};

struct VerifyFigures {
    std::uint64_t files = 0;
    std::uint64_t bytes = 0;
    std::vector<std::string> problems; // empty: every committed file is intact
};

class WriterLoad
{
public:
    // Journals go to `journalDirectory` (outside the mirror, owner-writable).
    WriterLoad(std::string mountPoint, std::string journalDirectory, Credentials owner, std::uint64_t seed);
    ~WriterLoad(); // kills and reaps the writers
    WriterLoad(const WriterLoad &) = delete;
    WriterLoad &operator=(const WriterLoad &) = delete;

    // Starts `count` writers; false if a fork failed.
    [[nodiscard]] bool start(int count);
    // SIGKILLs and reaps the writers (they may be in the middle of anything).
    void stop();
    // What the journals say, once stopped.
    [[nodiscard]] LoadFigures figures() const;
    // Every journalled file, read from `sourcePath` (the source, not the
    // mirror: the mirror may be gone), has exactly the bytes written.
    [[nodiscard]] VerifyFigures verify(const std::string &sourcePath) const;

private:
    std::string m_mountPoint;
    std::string m_journals;
    Credentials m_owner;
    std::uint64_t m_seed;
    std::vector<pid_t> m_writers;
};

} // namespace PassMirror::Test
