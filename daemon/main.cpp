// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrord: check everything that can be checked before mounting, then
// hand over to the supervisor (detached unless --foreground).
#include "log.h"
#include "options.h"
#include "ownercredentials.h"
#include "pathrules.h"
#include "privileges.h"
#include "startupreport.h"
#include "supervisor.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace PassMirror;

namespace
{

int readyFdFromArguments(const std::vector<std::string> &arguments)
{
    for (const std::string &argument : arguments) {
        if (argument.starts_with("--ready-fd=")) {
            const int fd = std::atoi(argument.c_str() + 11);
            return fd >= 3 && fcntl(fd, F_GETFD) >= 0 ? fd : -1;
        }
    }
    return -1;
}

int refuse(StartupReporter &reporter, const Failure &problem)
{
    reporter.fail(problem);
    return static_cast<int>(problem.error);
}

} // namespace

int main(int argc, char **argv)
{
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    auto parsed = parseOptions(arguments);
    if (auto *problem = std::get_if<Failure>(&parsed)) {
        // A waiter on --ready-fd must hear about a typo elsewhere too.
        StartupReporter reporter(readyFdFromArguments(arguments));
        return refuse(reporter, *problem);
    }
    Options &options = std::get<Options>(parsed);
    if (options.help) {
        std::fputs(usageText().c_str(), stdout);
        return 0;
    }
    if (options.version) {
        std::puts("passmirrord " PASSMIRROR_VERSION);
        return 0;
    }
    if (options.readyFd >= 0 && fcntl(options.readyFd, F_GETFD) < 0) {
        logError("--ready-fd=" + std::to_string(options.readyFd) + " is not an open file descriptor");
        return static_cast<int>(MirrorError::Usage);
    }
    setDebugLogging(options.debug);
    StartupReporter reporter(options.readyFd);
    // Nothing of ours may pin the directory we were started in.
    if (chdir("/") != 0) {
        return refuse(reporter, failure(MirrorError::Internal, "cannot change to /"));
    }
    umask(022);
    // A waiter that closed its end of --ready-fd must not kill us mid-mount.
    signal(SIGPIPE, SIG_IGN);

    if (auto problem = checkRunningAsRoot()) {
        return refuse(reporter, *problem);
    }
    auto owner = lookupOwner(options.owner);
    if (auto *problem = std::get_if<Failure>(&owner)) {
        return refuse(reporter, *problem);
    }
    // Before checkCanMount: root without CAP_SYS_ADMIN asking for passthrough
    // should hear that passthrough is what cannot work.
    if (options.passthrough == Stats::PassthroughMode::On) {
        if (auto problem = checkPassthroughPossible()) {
            return refuse(reporter, *problem);
        }
    }
    if (options.ioUring == IoUringMode::On) {
        if (auto problem = checkIoUringPossible()) {
            return refuse(reporter, *problem);
        }
    }
    if (auto problem = checkCanMount()) {
        return refuse(reporter, *problem);
    }
    // The helper refused paths inside a user-served shared FUSE mount before
    // it started us; root starting passmirrord by hand may mirror a mirror.
    auto paths = PathRules::validate(options.source, options.mountPoint, std::get<UserIdentity>(owner), PathRules::UserServedFuse::Enter);
    if (auto *problem = std::get_if<PathRules::Problem>(&paths)) {
        // The helper's log is private: the path may go in.
        const std::string &path = problem->role == PathRules::Role::Source ? options.source : options.mountPoint;
        const std::string detail = problem->detail.empty() ? std::string() : " (" + problem->detail + ")";
        return refuse(reporter, failure(problem->error, problem->message + ": " + path + detail));
    }
    logDebug("checks passed: owner uid " + std::to_string(std::get<UserIdentity>(owner).uid));

    if (!options.foreground) {
        daemonize(reporter, options.debug);
    }
    SupervisorSetup setup{std::move(options), std::move(std::get<UserIdentity>(owner)), std::move(std::get<PathRules::ValidatedPaths>(paths))};
    return runSupervisor(std::move(setup), reporter);
}
