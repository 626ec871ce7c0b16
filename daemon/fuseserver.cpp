// SPDX-License-Identifier: GPL-2.0-or-later
#include "fuseserver.h"

#include "log.h"
#include "mirrorfilesystem.h"
#include "privileges.h"
#include "startupreport.h"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <memory>
#include <string>
#include <vector>

namespace PassMirror
{

namespace
{

// The init callback has only the filesystem as userdata, so the wrapper finds
// its companions here; there is exactly one session per server process.
const fuse_lowlevel_ops *s_filesystemOperations = nullptr;
int s_statusFd = -1;

// Reports the filesystem's verdict before libfuse replies to INIT: the kernel
// answers no GETATTR before that reply, so the supervisor, woken by its
// fstat, always finds the verdict already in the pipe.
void initAndReport(void *userdata, fuse_conn_info *connection)
{
    if (s_filesystemOperations->init) {
        s_filesystemOperations->init(userdata, connection);
    }
    const auto *filesystem = static_cast<const MirrorFilesystem *>(userdata);
    if (s_statusFd >= 0) {
        if (filesystem->startupError() != MirrorError::None) {
            writeStatusLine(s_statusFd, Failure{filesystem->startupError(), filesystem->startupErrorMessage()});
        } else {
            writeStatusLine(s_statusFd, Ready{});
        }
    }
}

struct SessionDestroy {
    void operator()(fuse_session *session) const
    {
        fuse_session_destroy(session);
    }
};
struct LoopConfigDestroy {
    void operator()(fuse_loop_config *config) const
    {
        fuse_loop_cfg_destroy(config);
    }
};

int fail(int statusFd, const Failure &problem)
{
    logError(problem.message);
    writeStatusLine(statusFd, problem);
    return static_cast<int>(problem.error);
}

} // namespace

int runFuseServer(ServerSetup setup)
{
    // The supervisor blocks these to read them from a signalfd; the server
    // wants libfuse's handlers instead.
    sigset_t all;
    sigfillset(&all);
    sigprocmask(SIG_UNBLOCK, &all, nullptr);

    // Its own process group: Ctrl-C or a hangup on the supervisor's terminal
    // must reach only the supervisor, which detaches gracefully; the server
    // would otherwise end at once and leave open files with ENOTCONN.
    setpgid(0, 0);

    const int statusFd = setup.statusPipe.get();
    s_statusFd = statusFd;
    if (setup.config.stats) {
        setup.config.stats->daemonPid = getpid();
    }
    raiseFileLimit();

    const bool debug = setup.config.debug;
    const bool shared = setup.config.shared;
    MirrorFilesystem filesystem(std::move(setup.config));

    s_filesystemOperations = &MirrorFilesystem::operations();
    fuse_lowlevel_ops operations = *s_filesystemOperations;
    operations.init = initAndReport;

    std::vector<std::string> argumentStrings = {"passmirrord"};
    if (debug) {
        argumentStrings.emplace_back("-d");
    }
    std::vector<char *> argv;
    for (std::string &argument : argumentStrings) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    fuse_args arguments = FUSE_ARGS_INIT(static_cast<int>(argumentStrings.size()), argv.data());

    std::unique_ptr<fuse_session, SessionDestroy> session(
        fuse_session_new(&arguments, &operations, sizeof operations, &filesystem));
    if (!session) {
        return fail(statusFd, failure(MirrorError::Internal, "cannot create the FUSE session"));
    }
    // So init() can end the session itself when it refuses the mount.
    filesystem.setSession(session.get());
    // "/dev/fd/N" makes libfuse adopt the already mounted connection instead
    // of mounting; it then owns (and at destroy closes) the fd.
    const std::string devicePath = "/dev/fd/" + std::to_string(setup.fuseFd.get());
    if (fuse_session_mount(session.get(), devicePath.c_str()) != 0) {
        return fail(statusFd, failure(MirrorError::Internal, "cannot attach the FUSE session to " + devicePath));
    }
    (void)setup.fuseFd.release();

    const bool ownerCanOpenDevFuse = [&setup] {
        ScopedOwnerFsCredentials asOwner(setup.owner);
        return asOwner.isActive() && faccessat(AT_FDCWD, "/dev/fuse", R_OK | W_OK, AT_EACCESS) == 0;
    }();
    logDebug(std::string("clone_fd ") + (ownerCanOpenDevFuse ? "on" : "off: the owner may not open /dev/fuse"));

    if (auto problem = dropServerPrivileges(setup.owner, shared)) {
        return fail(statusFd, *problem);
    }
    logDebug("serving as uid " + std::to_string(setup.owner.uid) + " with reduced capabilities");

    if (fuse_set_signal_handlers(session.get()) != 0) {
        return fail(statusFd, failure(MirrorError::Internal, "cannot install signal handlers"));
    }
    std::unique_ptr<fuse_loop_config, LoopConfigDestroy> loopConfig(fuse_loop_cfg_create());
    if (!loopConfig) {
        return fail(statusFd, failure(MirrorError::Internal, "cannot allocate the loop configuration"));
    }
    // Each worker opens /dev/fuse again for clone_fd, by then as the owner.
    // Where only root may open it, libfuse would warn per thread and fall back.
    fuse_loop_cfg_set_clone_fd(loopConfig.get(), ownerCanOpenDevFuse ? 1 : 0);
    fuse_loop_cfg_set_max_threads(loopConfig.get(), setup.maxThreads);

    const int loopResult = fuse_session_loop_mt(session.get(), loopConfig.get());
    fuse_remove_signal_handlers(session.get());
    logDebug("session ended (" + std::to_string(loopResult) + ")");

    if (filesystem.startupError() != MirrorError::None) {
        return static_cast<int>(filesystem.startupError());
    }
    // A signal number means SIGTERM/SIGINT/SIGHUP asked us to stop: a normal end.
    if (loopResult < 0) {
        logError("the FUSE session failed: " + std::string(std::strerror(-loopResult)));
        return static_cast<int>(MirrorError::Internal);
    }
    return 0;
}

} // namespace PassMirror
