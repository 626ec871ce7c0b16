// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountlatency.h"

#include "process.h"
#include "workload.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace PassMirror::Bench
{

namespace
{

// One start: returns milliseconds to "ready", or a negative value with `error`.
double startOnce(const Programs &programs, const std::string &source, const std::string &mountPoint, uid_t uid, std::string &error)
{
    std::vector<std::string> argv =
        {programs.daemon, source, mountPoint, "--owner=" + std::to_string(uid), "--foreground", "--ready-fd=3", "--stats-file=" + mountPoint + ".stats"};
    argv.insert(argv.end(), programs.daemonArguments.begin(), programs.daemonArguments.end());
    const auto before = std::chrono::steady_clock::now();
    const Started started = startProgram(argv, true, true, std::chrono::seconds(30));
    const double milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - before).count();
    if (!started.error.empty()) {
        error = started.error;
        return -1;
    }
    const bool mounted = isMountPoint(mountPoint);
    stopProgram(started.pid);
    unmountIfMounted(mountPoint);
    ::unlink((mountPoint + ".stats").c_str());
    if (!mounted) {
        error = "passmirrord reported ready but " + mountPoint + " is not mounted";
        return -1;
    }
    return milliseconds;
}

} // namespace

MountLatency
measureMountLatency(const Programs &programs, const std::string &base, const std::string &source, uid_t uid, gid_t gid, int warmRuns, std::string &error)
{
    MountLatency latency;
    latency.method = "passmirrord started directly: fork to \"ready\" on --ready-fd (mounted, INIT answered); helper D-Bus call not included";
    const std::string mountPoint = base + "/mnt-latency";
    if ((::mkdir(mountPoint.c_str(), 0755) != 0 && errno != EEXIST) || ::chown(mountPoint.c_str(), uid, gid) != 0) {
        error = "cannot make " + mountPoint + ": " + std::strerror(errno);
        return latency;
    }
    if (dropCaches()) {
        const double cold = startOnce(programs, source, mountPoint, uid, error);
        if (cold >= 0) {
            latency.coldMs = cold;
        }
    }
    for (int run = 0; run < warmRuns && error.empty(); ++run) {
        const double warm = startOnce(programs, source, mountPoint, uid, error);
        if (warm >= 0) {
            latency.warmMs.push_back(warm);
        }
    }
    ::rmdir(mountPoint.c_str());
    return latency;
}

} // namespace PassMirror::Bench
