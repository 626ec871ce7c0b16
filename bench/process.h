// SPDX-License-Identifier: GPL-2.0-or-later
// Starting the programs the bench measures (passmirrord, the floor daemon,
// bindfs, mergerfs) and waiting for them, without a shell in between.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Bench
{

struct Started {
    pid_t pid = -1;
    std::string error; // empty: started and ready
};

// Runs `argv` with stdin on /dev/null and stderr kept. With `readyFd` the
// child gets a pipe on fd 3 (passmirrord's --ready-fd=3), else its stdout is
// the pipe; either way the call waits for the first line and expects "ready".
// Without `waitForReady` it waits for the program to exit with status 0
// (bindfs and mergerfs return once mounted).
Started startProgram(const std::vector<std::string> &argv, bool readyOnFd3, bool waitForReady, std::chrono::milliseconds timeout);

// SIGTERM, then SIGKILL after `grace`; reaps the child.
void stopProgram(pid_t pid, std::chrono::milliseconds grace = std::chrono::seconds(10));

// True when `path` (absolute, without symlinks) is a mount point in /proc/self/mountinfo.
[[nodiscard]] bool isMountPoint(const std::string &path);

// Unmounts `path` if it is a mount point (lazily if it is busy).
void unmountIfMounted(const std::string &path);

// The first `program` found in PATH, or nullopt.
[[nodiscard]] std::optional<std::string> findInPath(const std::string &program);

} // namespace PassMirror::Bench
