// SPDX-License-Identifier: GPL-2.0-or-later
#include "supervisor.h"

#include "activityfile.h"
#include "activityreader.h"
#include "confinement.h"
#include "fusemount.h"
#include "fuseserver.h"
#include "log.h"
#include "mountrecordfile.h"
#include "statsfile.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace PassMirror
{

namespace
{

constexpr int HandledSignals[] = {SIGTERM, SIGINT, SIGHUP, SIGCHLD};

// After SIGTERM: how long the server may take to end once the mount is
// detached (it ends at once unless files are still open).
constexpr std::chrono::milliseconds StopGrace{1000};

// Signals arrive as reads on an fd, so one poll() waits for them, the child
// and readiness together, with no handler racing the main loop.
std::variant<UniqueFd, Failure> blockAndOpenSignalFd()
{
    sigset_t set;
    sigemptyset(&set);
    for (const int signal : HandledSignals) {
        sigaddset(&set, signal);
    }
    if (sigprocmask(SIG_BLOCK, &set, nullptr) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot block signals", errno));
    }
    UniqueFd fd(signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!fd) {
        return failure(MirrorError::Internal, withErrno("cannot create a signalfd", errno));
    }
    return fd;
}

// Drains the signalfd; returns the last terminating signal seen (0: none).
int readSignals(int signalFd)
{
    int terminate = 0;
    signalfd_siginfo info{};
    while (read(signalFd, &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
        if (info.ssi_signo != SIGCHLD) {
            terminate = static_cast<int>(info.ssi_signo);
        }
    }
    return terminate;
}

// The server must hold nothing of the supervisor's: a copy of the mount's
// root fd would keep the mount alive after an outside unmount.
void closeAllExcept(std::vector<int> keep)
{
    keep.push_back(STDIN_FILENO);
    keep.push_back(STDOUT_FILENO);
    keep.push_back(STDERR_FILENO);
    std::ranges::sort(keep);
    unsigned int next = 0;
    for (const int fd : keep) {
        if (fd < 0 || static_cast<unsigned int>(fd) < next) {
            continue;
        }
        if (static_cast<unsigned int>(fd) > next) {
            close_range(next, static_cast<unsigned int>(fd) - 1, 0);
        }
        next = static_cast<unsigned int>(fd) + 1;
    }
    close_range(next, ~0u, 0);
}

bool becomeOwnerOnThisThread(const UserIdentity &owner)
{
    return setThreadGroups(owner.groups) && syscall(SYS_setresgid, owner.gid, owner.gid, owner.gid) == 0
        && syscall(SYS_setresuid, owner.uid, owner.uid, owner.uid) == 0;
}

// How often the prober asks the server for the root's attributes before it
// gives up: a GETATTR each, 1 to 10 ms apart (about 5 s in all).
constexpr int RootAttributeTries = 500;

// What the prober learnt of the mount's root.
struct RootProbe {
    int error = 0; // errno of a stat that failed (ENOTCONN: the server is gone)
    bool settled = false; // the kernel holds the attributes the server sent
    int tries = 0; // GETATTRs sent
    struct statx answered{}; // the server's last answer
};

bool sameAttributes(const struct statx &a, const struct statx &b)
{
    return a.stx_ino == b.stx_ino && a.stx_mode == b.stx_mode && a.stx_uid == b.stx_uid && a.stx_gid == b.stx_gid;
}

// The kernel makes a FUSE mount's root with placeholder attributes (inode
// 1, mode 040000 from rootmode, uid and gid 0: nobody may list or enter
// it) and replaces them with the first GETATTR answer it keeps. It does not
// keep an answer that an invalidation of the root overtook while the
// request was out (fs/fuse/inode.c, fuse_change_attributes_i: the root's
// attr_version moved), and the source watch invalidates the root for every
// change to the source folder itself (a file made in it, its times, a
// rename of it). fstat returns the answer all the same, so a mount could
// report ready while the kernel still held the placeholder and refused the
// owner's opendir with EACCES, sending the server nothing, until some later
// GETATTR happened to stick. So the root is asked again (FORCE_SYNC: always
// a GETATTR) until what the kernel holds (DONT_SYNC: no request) is an
// answer. The first request also waits for INIT.
RootProbe probeRoot(int rootFd)
{
    RootProbe probe;
    for (int attempt = 0; attempt < RootAttributeTries; ++attempt) {
        probe.tries = attempt + 1;
        if (attempt > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min(attempt, 10)));
        }
        struct statx held{};
        if (statx(rootFd, "", AT_EMPTY_PATH | AT_STATX_FORCE_SYNC, STATX_BASIC_STATS, &probe.answered) != 0
            || statx(rootFd, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &held) != 0) {
            probe.error = errno;
            return probe;
        }
        if (sameAttributes(probe.answered, held)) {
            probe.settled = true;
            return probe;
        }
    }
    return probe;
}

std::string describeWaitStatus(int status)
{
    if (WIFSIGNALED(status)) {
        return "was killed by signal " + std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    }
    return "exited with status " + std::to_string(WEXITSTATUS(status));
}

class Supervisor
{
public:
    Supervisor(SupervisorSetup setup, StartupReporter &reporter)
        : m_setup(std::move(setup))
        , m_reporter(reporter)
    {
    }

    int run();

private:
    int failStartup(const Failure &problem);
    std::optional<Failure> recordMount();
    std::optional<Failure> startServer();
    std::optional<Failure> waitUntilReady();
    int superviseUntilEnd();
    int stopOnSignal(int signal);
    int serverEnded(int waitStatus);
    int finish(Stats::DaemonState state, int exitCode);
    std::optional<int> reapServer(bool block);

    SupervisorSetup m_setup;
    StartupReporter &m_reporter;
    UniqueFd m_signals;
    std::optional<StatsFile> m_stats;
    std::optional<ActivityFile> m_activity; // none with --no-activity
    std::optional<FuseMount> m_mount;
    std::optional<MountRecordFile> m_record;
    UniqueFd m_statusPipe; // read end: the server's startup verdict
    pid_t m_server = -1;
    std::optional<int> m_serverStatus; // waitpid status once reaped
};

std::optional<int> Supervisor::reapServer(bool block)
{
    if (m_serverStatus || m_server <= 0) {
        return m_serverStatus;
    }
    int status = 0;
    pid_t result;
    do {
        result = waitpid(m_server, &status, block ? 0 : WNOHANG);
    } while (result < 0 && errno == EINTR);
    if (result == m_server) {
        m_serverStatus = status;
        logDebug("FUSE server " + std::to_string(m_server) + " " + describeWaitStatus(status));
    }
    return m_serverStatus;
}

int Supervisor::finish(Stats::DaemonState state, int exitCode)
{
    if (m_mount) {
        const bool wasAttached = m_mount->isAttached();
        if (m_mount->detach()) {
            logDebug(wasAttached ? "mount detached" : "mount already gone");
        } else {
            logError(withErrno("cannot detach the mount on " + m_setup.paths.mountPoint.path, errno));
        }
    }
    if (m_stats) {
        m_stats->setState(state);
        m_stats->remove();
    }
    if (m_activity) {
        m_activity->remove();
    }
    if (m_record) {
        m_record->remove();
    }
    return exitCode;
}

int Supervisor::failStartup(const Failure &problem)
{
    if (m_server > 0 && !reapServer(false)) {
        kill(m_server, SIGKILL);
        reapServer(true);
    }
    // Clean up before telling: the waiter may look at mountinfo at once.
    const int code = finish(Stats::DaemonState::Stopped, static_cast<int>(problem.error));
    m_reporter.fail(problem);
    return code;
}

std::optional<Failure> Supervisor::startServer()
{
    const Options &options = m_setup.options;
    UniqueFd fuse(open("/dev/fuse", O_RDWR | O_CLOEXEC));
    if (!fuse) {
        return failure(MirrorError::MountFailed, withErrno("cannot open /dev/fuse", errno));
    }
    MountRequest request;
    request.fuseFd = fuse.get();
    request.source = m_setup.paths.source.path;
    request.ownerUid = m_setup.owner.uid;
    request.ownerGid = m_setup.owner.gid;
    request.shared = options.shared;
    request.readOnly = options.readOnly;
    auto mounted = FuseMount::mount(request, m_setup.paths.mountPoint);
    if (auto *problem = std::get_if<Failure>(&mounted)) {
        return *problem;
    }
    m_mount.emplace(std::move(std::get<FuseMount>(mounted)));
    logDebug("mounted " + m_setup.paths.source.path + " on " + m_setup.paths.mountPoint.path + " (mount id " + std::to_string(m_mount->mountId()) + ", unique "
             + std::to_string(m_mount->uniqueMountId()) + ")");

    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot create a pipe", errno));
    }
    m_statusPipe = UniqueFd(pipeFds[0]);
    UniqueFd statusWrite(pipeFds[1]);

    FilesystemConfig config;
    config.source = UniqueFd(openat(m_setup.paths.source.fd.get(), ".", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!config.source) {
        return failure(MirrorError::Internal, withErrno("cannot reopen the source", errno));
    }
    config.ownerUid = m_setup.owner.uid;
    config.ownerGid = m_setup.owner.gid;
    config.ownerGroups = m_setup.owner.groups;
    config.shared = options.shared;
    config.readOnly = options.readOnly;
    config.passthrough = options.passthrough;
    config.sourceWatch = options.sourceWatch;
    config.stats = m_stats->layout();
    config.activity = m_activity ? m_activity->header() : nullptr;
    config.maxInodeFds = options.maxInodeFds;
    config.debug = options.debug;

    const pid_t child = fork();
    if (child < 0) {
        return failure(MirrorError::Internal, withErrno("cannot fork the FUSE server", errno));
    }
    if (child == 0) {
        closeAllExcept({fuse.get(), statusWrite.get(), config.source.get(), m_mount->parentFd()});
        prepareOrphanGuard({m_mount->parentFd(), m_mount->name(), m_mount->mountId(), m_mount->uniqueMountId(), getppid(), config.stats});
        ServerSetup server{std::move(config), m_setup.owner, std::move(fuse), std::move(statusWrite)};
        server.ioUring = options.ioUring;
        // _exit: the supervisor's objects (mount, stats file) are not ours to clean up.
        _exit(runFuseServer(std::move(server)));
    }
    m_server = child;
    m_stats->layout()->daemonPid = child;
    if (m_activity) {
        m_activity->header()->daemonPid = child;
    }
    logDebug("FUSE server started as pid " + std::to_string(child));
    // Our copy of the connection must go, or the kernel would never see the
    // server's end and abort the connection when it dies.
    fuse.reset();
    return std::nullopt;
}

std::optional<Failure> Supervisor::waitUntilReady()
{
    // A stat of the mount root waits, uninterruptibly, for INIT and GETATTR.
    // A thread waits in it (probeRoot) so this one can watch the child and
    // the clock; killing the server ends the wait with ENOTCONN.
    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0) {
        return failure(MirrorError::Internal, withErrno("cannot create a pipe", errno));
    }
    UniqueFd doneRead(pipeFds[0]);
    UniqueFd doneWrite(pipeFds[1]);
    int statError = 0;
    RootProbe root;
    std::thread prober([rootFd = m_mount->rootFd(), writeFd = doneWrite.get(), &statError, &root, this] {
        // Without allow_other the kernel lets in only processes whose real,
        // effective and saved ids are all the owner's (EACCES, no request,
        // even for root). The raw syscalls change this thread alone, which
        // ends right after.
        if (!m_setup.options.shared && !becomeOwnerOnThisThread(m_setup.owner)) {
            statError = errno;
        } else {
            root = probeRoot(rootFd);
            statError = root.error;
        }
        const char byte = 1;
        const ssize_t ignored = write(writeFd, &byte, 1);
        (void)ignored;
    });
    const auto joinProber = [&prober] {
        if (prober.joinable()) {
            prober.join();
        }
    };

    const auto deadline = std::chrono::steady_clock::now() + m_setup.readyTimeout;
    std::optional<Failure> problem;
    bool probed = false;
    while (!probed) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            problem = failure(MirrorError::Timeout, "the FUSE server did not answer within " + std::to_string(m_setup.readyTimeout.count() / 1000) + " s");
            kill(m_server, SIGKILL);
            break;
        }
        pollfd fds[] = {{doneRead.get(), POLLIN, 0}, {m_signals.get(), POLLIN, 0}};
        if (poll(fds, 2, static_cast<int>(left.count())) < 0 && errno != EINTR) {
            problem = failure(MirrorError::Internal, withErrno("poll", errno));
            kill(m_server, SIGKILL);
            break;
        }
        if (fds[1].revents & POLLIN) {
            if (const int signal = readSignals(m_signals.get())) {
                problem = failure(MirrorError::Internal, std::string("stopped by signal ") + strsignal(signal) + " while mounting");
                kill(m_server, SIGKILL);
                break;
            }
            // A dead server closes the connection, so the prober returns too.
        }
        probed = (fds[0].revents & POLLIN) != 0;
    }
    joinProber();

    // The server's own verdict explains a failure better than ENOTCONN.
    pollfd status{m_statusPipe.get(), POLLIN, 0};
    if (poll(&status, 1, problem || statError ? 1000 : 0) > 0) {
        if (const auto line = readStatusLine(m_statusPipe.get())) {
            if (const auto *refusal = std::get_if<Failure>(&*line)) {
                return *refusal;
            }
        }
    }
    if (problem) {
        return problem;
    }
    if (statError != 0) {
        const auto status = reapServer(false);
        return failure(MirrorError::MountFailed,
                       "the FUSE server " + (status ? describeWaitStatus(*status) : withErrno("did not answer", statError)) + " while mounting");
    }
    if (!root.settled) {
        return failure(MirrorError::MountFailed,
                       "the kernel did not keep the source folder's attributes for the mirror's root (asked " + std::to_string(RootAttributeTries)
                           + " times; the source folder changed during every answer)");
    }
    if (root.tries > 1) {
        logDebug("the kernel kept the root's attributes at GETATTR " + std::to_string(root.tries) + " (the source folder changed meanwhile)");
    }
    // Fail closed: the mirror's root must be the folder that was checked.
    const struct stat &source = m_setup.paths.source.st;
    if (!S_ISDIR(root.answered.stx_mode) || root.answered.stx_ino != source.st_ino) {
        return failure(MirrorError::MountFailed,
                       "the mirror's root (inode " + std::to_string(root.answered.stx_ino) + ") is not the source folder that was checked (inode "
                           + std::to_string(source.st_ino) + ")");
    }
    return std::nullopt;
}

// The helper trusts this record, written by root, for the pids of this
// mirror and for finding a mount whose supervisor and server both died.
std::optional<Failure> Supervisor::recordMount()
{
    MountRecord record;
    record.uniqueMountId = m_mount->uniqueMountId();
    record.mountId = m_mount->mountId();
    record.ownerUid = m_setup.owner.uid;
    record.supervisorPid = getpid();
    record.serverPid = m_server;
    record.statsPath = m_stats->path();
    const auto supervisorStart = processStartTime(record.supervisorPid);
    const auto serverStart = processStartTime(record.serverPid);
    if (!supervisorStart || !serverStart) {
        return failure(MirrorError::DaemonDied, "the FUSE server ended while mounting");
    }
    record.supervisorStart = *supervisorStart;
    record.serverStart = *serverStart;
    auto created = MountRecordFile::create(record);
    if (auto *problem = std::get_if<Failure>(&created)) {
        return *problem;
    }
    m_record.emplace(std::move(std::get<MountRecordFile>(created)));
    return std::nullopt;
}

int Supervisor::serverEnded(int status)
{
    if (WIFSIGNALED(status)) {
        logError("the FUSE server " + describeWaitStatus(status) + "; detached the mount");
        return finish(Stats::DaemonState::Died, static_cast<int>(MirrorError::DaemonDied));
    }
    const int code = WEXITSTATUS(status);
    if (code != 0) {
        logError("the FUSE server " + describeWaitStatus(status));
    }
    return finish(code == 0 ? Stats::DaemonState::Stopped : Stats::DaemonState::Died, code);
}

int Supervisor::stopOnSignal(int signal)
{
    // Detached, the mirror takes no new opens; files already open keep
    // working, and the server ends by itself once the last one is closed.
    // That may take forever, so wait only briefly: whoever sent SIGTERM
    // wants this process gone, and an orphaned server needs no supervisor
    // (there is no mount left to clean up).
    logDebug(std::string("got ") + strsignal(signal) + ": detaching the mount");
    m_stats->setState(Stats::DaemonState::Stopping);
    if (!m_mount->detach()) {
        logError(withErrno("cannot detach the mount on " + m_setup.paths.mountPoint.path, errno));
    }
    const auto deadline = std::chrono::steady_clock::now() + StopGrace;
    for (;;) {
        if (const auto status = reapServer(false)) {
            return serverEnded(*status);
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            break;
        }
        pollfd fds{m_signals.get(), POLLIN, 0};
        poll(&fds, 1, static_cast<int>(left.count()));
        readSignals(m_signals.get());
    }
    logDebug("files are still open in the detached mirror; the FUSE server " + std::to_string(m_server) + " serves them until they are closed");
    return finish(Stats::DaemonState::Stopped, 0);
}

int Supervisor::superviseUntilEnd()
{
    for (;;) {
        pollfd fds{m_signals.get(), POLLIN, 0};
        if (poll(&fds, 1, -1) < 0 && errno != EINTR) {
            logError(withErrno("poll", errno));
        }
        const int signal = readSignals(m_signals.get());
        if (const auto status = reapServer(false)) {
            return serverEnded(*status);
        }
        if (signal != 0) {
            return stopOnSignal(signal);
        }
    }
}

int Supervisor::run()
{
    auto signals = blockAndOpenSignalFd();
    if (auto *problem = std::get_if<Failure>(&signals)) {
        return failStartup(*problem);
    }
    m_signals = std::move(std::get<UniqueFd>(signals));

    const Options &options = m_setup.options;
    StatsFileRequest statsRequest;
    statsRequest.path = options.statsFile;
    statsRequest.supervisorPid = getpid();
    statsRequest.owner = m_setup.owner;
    statsRequest.flags = (options.shared ? Stats::FlagShared : 0u) | (options.readOnly ? Stats::FlagReadOnly : 0u);
    statsRequest.requestedPassthrough = options.passthrough;
    auto stats = StatsFile::create(statsRequest);
    if (auto *problem = std::get_if<Failure>(&stats)) {
        return failStartup(*problem);
    }
    m_stats.emplace(std::move(std::get<StatsFile>(stats)));
    logDebug("stats file " + m_stats->path());
    if (options.activityRecords != 0) {
        // Beside the stats file, in the same directory: the supervisor may
        // unlink files there and nowhere else but the record's.
        auto activity = ActivityFile::create({Activity::ringPathFor(m_stats->path()), m_stats->directoryFd(), options.activityRecords, m_setup.owner});
        if (auto *problem = std::get_if<Failure>(&activity)) {
            return failStartup(*problem);
        }
        m_activity.emplace(std::move(std::get<ActivityFile>(activity)));
        logDebug("activity ring " + m_activity->path());
    }

    if (auto problem = startServer()) {
        return failStartup(*problem);
    }
    if (auto problem = waitUntilReady()) {
        return failStartup(*problem);
    }
    m_mount->closeRootFd();
    if (auto problem = recordMount()) {
        return failStartup(*problem);
    }
    // Nothing more to mount or start: from here on the supervisor only
    // waits and cleans up, and keeps no more privilege than that needs.
    if (auto problem = confineSupervisor({m_server, m_stats->directoryFd(), m_record->directoryFd()})) {
        return failStartup(*problem);
    }
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    m_stats->layout()->startTimeUnixNs = static_cast<std::uint64_t>(now.tv_sec) * 1000000000u + static_cast<std::uint64_t>(now.tv_nsec);
    m_stats->setState(Stats::DaemonState::Mounted);
    m_reporter.ready();
    return superviseUntilEnd();
}

} // namespace

int runSupervisor(SupervisorSetup setup, StartupReporter &reporter)
{
    Supervisor supervisor(std::move(setup), reporter);
    return supervisor.run();
}

} // namespace PassMirror
