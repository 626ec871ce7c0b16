// SPDX-License-Identifier: GPL-2.0-or-later
#include "fuseserver.h"

#include "log.h"
#include "mirrorfilesystem.h"
#include "privileges.h"
#include "startupreport.h"

#include <atomic>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace PassMirror
{

namespace
{

// The callbacks have only the filesystem as userdata, so the wrappers find
// their companions here; there is exactly one session per server process.
const fuse_lowlevel_ops *s_filesystemOperations = nullptr;
int s_statusFd = -1;
fuse_session *s_session = nullptr;
IoUringMode s_ioUringMode = IoUringMode::Auto;
Stats::Layout *s_stats = nullptr;

// Which transport carries requests is settled only after init() returns:
// libfuse starts the ring just before it replies to INIT, and 3.18 has no
// call that says whether that worked: on failure it logs "failed to start
// io-uring" and carries on over /dev/fuse. (Later libfuse also takes
// FUSE_CAP_OVER_IO_URING out of the connection's want_ext then; that typed
// answer is read first where it exists.) So the verdict comes from:
// - init(): io_uring not asked for, not built in, or not offered by the
//   kernel (no FUSE_CAP_OVER_IO_URING): /dev/fuse at once;
// - the first GETATTR or LOOKUP: INIT has been answered; the ring is up
//   unless want_ext lost the flag or libfuse's log said it failed;
// - libfuse's log, during INIT: the failure as it happens (3.18).
// The status line ("ready") waits for the verdict; the supervisor reads it
// only after its fstat of the mount root, a GETATTR, has been answered.
std::atomic<bool> s_ringPending{false};
std::atomic<MirrorError> s_transportRefusal{MirrorError::None};
const fuse_conn_info *s_connection = nullptr; // libfuse's, for the session's life

// libfuse 3.18's only word on a failed ring start (lib/fuse_lowlevel.c).
constexpr std::string_view RingFallbackMessage = "failed to start io-uring";

void publishTransport(Stats::Transport transport)
{
    if (s_stats) {
        s_stats->transport.store(static_cast<std::uint32_t>(transport), std::memory_order_relaxed);
    }
}

void refuseTransport(std::string message)
{
    s_transportRefusal.store(MirrorError::IoUringUnavailable);
    logError(message);
    writeStatusLine(s_statusFd, failure(MirrorError::IoUringUnavailable, std::move(message)));
    fuse_session_exit(s_session);
}

// The pending ring start's outcome, once: publishes the transport and
// reports ready, or refuses the mount when --io-uring=on and it failed.
void settleRing(bool started, const std::string &reason)
{
    if (!s_ringPending.exchange(false)) {
        return;
    }
    if (started) {
        logDebug("transport io_uring");
        publishTransport(Stats::Transport::IoUring);
        writeStatusLine(s_statusFd, Ready{});
        return;
    }
    if (s_ioUringMode == IoUringMode::On) {
        refuseTransport("--io-uring=on: the io_uring queues did not start (libfuse: " + reason + ")");
        return;
    }
    logDebug("transport /dev/fuse: the io_uring queues did not start");
    publishTransport(Stats::Transport::DevFuse);
    writeStatusLine(s_statusFd, Ready{});
}

// Replaces libfuse's default logger (which prints to stderr) to hear about
// a failed ring start on 3.18; everything is still printed as before.
void logFromLibfuse(enum fuse_log_level level, const char *format, va_list arguments)
{
    (void)level;
    char text[1024];
    std::vsnprintf(text, sizeof text, format, arguments);
    std::fputs(text, stderr);
    if (!s_ringPending.load() || std::string_view(text).find(RingFallbackMessage) == std::string_view::npos) {
        return;
    }
    std::string reason(text);
    while (!reason.empty() && reason.back() == '\n') {
        reason.pop_back();
    }
    settleRing(false, reason);
}

// Called on the first requests after INIT: settles a pending ring start and
// records every request that really arrived through a ring.
void noteTransport([[maybe_unused]] fuse_req_t request)
{
    if (s_ringPending.load(std::memory_order_relaxed)) {
#if PASSMIRROR_HAVE_FUSE_IO_URING
        const bool dropped = s_connection && (s_connection->want_ext & FUSE_CAP_OVER_IO_URING) == 0;
#else
        const bool dropped = false;
#endif
        settleRing(!dropped, "FUSE_CAP_OVER_IO_URING was dropped after INIT");
    }
#if PASSMIRROR_HAVE_FUSE_IO_URING
    if (fuse_req_is_uring(request)) {
        publishTransport(Stats::Transport::IoUring);
    }
#endif
}

void getattrNotingTransport(fuse_req_t request, fuse_ino_t inode, fuse_file_info *file)
{
    noteTransport(request);
    s_filesystemOperations->getattr(request, inode, file);
}

void lookupNotingTransport(fuse_req_t request, fuse_ino_t parent, const char *name)
{
    noteTransport(request);
    s_filesystemOperations->lookup(request, parent, name);
}

// Decides in init() whether the ring will be tried; false when the transport
// is settled (or the mount refused) already.
bool ringWillStart(fuse_conn_info *connection)
{
    if (s_ioUringMode == IoUringMode::Off || !fuseIoUringBuiltIn()) {
        return false;
    }
#if PASSMIRROR_HAVE_FUSE_IO_URING
    // libfuse starts the ring when the kernel offered it and the flag is
    // still wanted after the filesystem's init(), which could have dropped it.
    if (fuse_get_feature_flag(connection, FUSE_CAP_OVER_IO_URING) && (connection->want_ext & FUSE_CAP_OVER_IO_URING) != 0) {
        return true;
    }
#else
    (void)connection;
#endif
    if (s_ioUringMode == IoUringMode::On) {
        refuseTransport(
            "--io-uring=on: the kernel did not offer FUSE over io_uring at INIT "
            "(/sys/module/fuse/parameters/enable_uring is not Y)");
    }
    return false;
}

// Reports the filesystem's verdict before libfuse replies to INIT: the kernel
// answers no GETATTR before that reply, so the supervisor, woken by its
// fstat, always finds the verdict already in the pipe.
void initAndReport(void *userdata, fuse_conn_info *connection)
{
    if (s_filesystemOperations->init) {
        s_filesystemOperations->init(userdata, connection);
    }
    const auto *filesystem = static_cast<const MirrorFilesystem *>(userdata);
    if (filesystem->startupError() != MirrorError::None) {
        writeStatusLine(s_statusFd, Failure{filesystem->startupError(), filesystem->startupErrorMessage()});
        return;
    }
    if (ringWillStart(connection)) {
        s_connection = connection;
        s_ringPending.store(true);
        return;
    }
    if (s_transportRefusal.load() == MirrorError::None) {
        publishTransport(Stats::Transport::DevFuse);
        writeStatusLine(s_statusFd, Ready{});
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
    s_ioUringMode = setup.ioUring;
    s_stats = setup.config.stats;
    if (setup.config.stats) {
        setup.config.stats->daemonPid = getpid();
    }
    fuse_set_log_func(logFromLibfuse);
    raiseFileLimit();

    const bool debug = setup.config.debug;
    const bool shared = setup.config.shared;
    MirrorFilesystem filesystem(std::move(setup.config));

    s_filesystemOperations = &MirrorFilesystem::operations();
    fuse_lowlevel_ops operations = *s_filesystemOperations;
    operations.init = initAndReport;
    operations.getattr = getattrNotingTransport;
    operations.lookup = lookupNotingTransport;

    std::vector<std::string> argumentStrings = {"passmirrord"};
    if (debug) {
        argumentStrings.emplace_back("-d");
    }
    // Asks libfuse to try the ring; it does only when the kernel offers it.
    if (setup.ioUring != IoUringMode::Off && fuseIoUringBuiltIn()) {
        argumentStrings.emplace_back("-o");
        argumentStrings.emplace_back("io_uring");
    }
    std::vector<char *> argv;
    for (std::string &argument : argumentStrings) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    fuse_args arguments = FUSE_ARGS_INIT(static_cast<int>(argumentStrings.size()), argv.data());

    std::unique_ptr<fuse_session, SessionDestroy> session(fuse_session_new(&arguments, &operations, sizeof operations, &filesystem));
    if (!session) {
        return fail(statusFd, failure(MirrorError::Internal, "cannot create the FUSE session"));
    }
    // So init() can end the session itself when it refuses the mount.
    filesystem.setSession(session.get());
    s_session = session.get();
    // "/dev/fd/N" makes libfuse adopt the already mounted connection instead
    // of mounting; it then owns (and at destroy closes) the fd.
    const std::string devicePath = "/dev/fd/" + std::to_string(setup.fuseFd.get());
    if (fuse_session_mount(session.get(), devicePath.c_str()) != 0) {
        return fail(statusFd, failure(MirrorError::Internal, "cannot attach the FUSE session to " + devicePath));
    }
    (void)setup.fuseFd.release();

    const bool ownerCanOpenDevFuse = [&setup] {
        ScopedFsIdentity asOwner(setup.owner);
        return asOwner.isActive() && faccessat(AT_FDCWD, "/dev/fuse", R_OK | W_OK, AT_EACCESS) == 0;
    }();
    logDebug(std::string("clone_fd ") + (ownerCanOpenDevFuse ? "on" : "off: the owner may not open /dev/fuse"));

    // Every create applies its caller's umask on its own thread
    // (Fs::ScopedUmask); the process's own is the strictest there is, so a
    // create that ever missed that step would make a file nobody may use,
    // never one others may read.
    umask(0777);
    ServerConfinement confinement;
    confinement.shared = shared;
    confinement.ioUring = setup.ioUring != IoUringMode::Off && fuseIoUringBuiltIn() && kernelOffersFuseIoUring();
    if (auto problem = dropServerPrivileges(setup.owner, confinement)) {
        return fail(statusFd, *problem);
    }
    logDebug("serving as uid " + std::to_string(setup.owner.uid) + " with no effective capability");

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
    if (s_transportRefusal.load() != MirrorError::None) {
        return static_cast<int>(s_transportRefusal.load());
    }
    // A signal number means SIGTERM/SIGINT/SIGHUP asked us to stop: a normal end.
    if (loopResult < 0) {
        logError("the FUSE session failed: " + std::string(std::strerror(-loopResult)));
        return static_cast<int>(MirrorError::Internal);
    }
    return 0;
}

} // namespace PassMirror
