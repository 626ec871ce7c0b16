// SPDX-License-Identifier: GPL-2.0-or-later
// One passmirrord mount for a test: a fresh source and mount point, the
// daemon in the foreground with --ready-fd, and its stats file mapped.
// The destructor stops the daemon (SIGTERM, then SIGKILL) and detaches the
// mount if it is still there, so no test leaves a mount behind.
#pragma once

#include "credentials.h"
#include "scratchdir.h"
#include "statsreader.h"

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Test
{

// $PASSMIRRORD, else the passmirrord built with the tests.
[[nodiscard]] std::string daemonPath();

struct MirrorOptions {
    Credentials owner = Tester;
    // What --owner= says; empty: owner.uid in decimal.
    std::string ownerArgument;
    bool shared = false;
    bool readOnly = false;
    std::string passthrough = "auto"; // auto | on | off
    bool statsFile = true;
    std::vector<std::string> extraArguments;
    // When set, these replace SOURCE, MOUNTPOINT and --owner/--passthrough
    // (for refusal tests); --foreground, --ready-fd and --stats-file stay.
    std::optional<std::vector<std::string>> arguments;
    std::chrono::milliseconds readyTimeout = std::chrono::seconds(15);
    // RLIMIT_NOFILE (hard, and soft unless fileSoftLimit) the daemon starts with; 0 leaves it.
    unsigned long fileLimit = 0;
    unsigned long fileSoftLimit = 0;
    // Where source and mount point go below scratchPath() (may be nested;
    // parents are made root's, 0755).
    std::string sourceName = "source";
    std::string mountPointName = "mnt";
    // Mirror this existing directory (another mirror's mount point, say)
    // instead of the fresh source; sourcePath() still names the fresh one.
    std::string sourceOverride;
};

// What happened to a daemon process.
struct ExitStatus {
    bool exited = false; // false: still running (timed out) or killed by a signal
    int code = -1; // exit code when exited
    int signal = 0; // the signal that killed it
    [[nodiscard]] std::string describe() const;
};

// Runs `program args...` as root with stdin on /dev/null and waits up to
// `timeout` for it to end (killing it then). With `output`, stdout and
// stderr go there instead of the test's own.
ExitStatus runProgram(const std::string &program, const std::vector<std::string> &arguments, std::chrono::milliseconds timeout, std::string *output = nullptr);

class MirrorProcess
{
public:
    explicit MirrorProcess(MirrorOptions options = {});
    ~MirrorProcess();
    MirrorProcess(const MirrorProcess &) = delete;
    MirrorProcess &operator=(const MirrorProcess &) = delete;

    // The directories exist (owned by the owner) once constructed, so a test
    // can fill the source before start().
    [[nodiscard]] const std::string &sourcePath() const
    {
        return m_source;
    }
    [[nodiscard]] const std::string &mountPoint() const
    {
        return m_mountPoint;
    }
    [[nodiscard]] const std::string &statsPath() const
    {
        return m_statsPath;
    }
    // A directory beside source and mount point, on the same filesystem.
    [[nodiscard]] const std::string &scratchPath() const
    {
        return m_scratch.path();
    }

    // Starts the daemon and waits for "ready"; false with errorString() set
    // on "error <code> <message>", exit, timeout, or a mount that is not there.
    [[nodiscard]] bool start();
    [[nodiscard]] const std::string &errorString() const
    {
        return m_error;
    }
    // The error code from an "error <code> <message>" line, if there was one.
    [[nodiscard]] std::optional<int> reportedError() const
    {
        return m_reportedError;
    }

    [[nodiscard]] pid_t pid() const
    {
        return m_pid;
    }
    // The FUSE server process (daemonPid in the stats file), or -1.
    [[nodiscard]] pid_t serverPid() const;
    [[nodiscard]] const Stats::StatsReader &stats() const
    {
        return m_stats;
    }
    [[nodiscard]] bool isMounted() const;

    // Sends `signal` to the process we started.
    void signal(int signal) const;
    // Waits for the process we started to end; exited=false on timeout.
    ExitStatus waitForExit(std::chrono::milliseconds timeout);
    // SIGTERM and wait.
    ExitStatus terminate(std::chrono::milliseconds timeout = std::chrono::seconds(10));

private:
    void stop();
    MirrorOptions m_options;
    ScratchDir m_scratch;
    std::string m_source;
    std::string m_mountPoint;
    std::string m_statsPath;
    std::string m_error;
    std::optional<int> m_reportedError;
    pid_t m_pid = -1;
    pid_t m_serverPid = -1;
    Stats::StatsReader m_stats;
};

} // namespace PassMirror::Test
