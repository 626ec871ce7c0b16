// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountservice.h"
#include "helperprotocol.h"
#include "iouringswitch.h"
#include "mountinfo.h"
#include "mounttable.h"
#include "passmirrorhelper_debug.h"
#include "recordedmounts.h"
#include "randomid.h"

#include <QDateTime>
#include <QFile>
#include <QSet>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/openat2.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

struct Request {
    QString requestId;
    QByteArray source;
    QByteArray mountPoint;
    bool readOnly = false;
    QString passthrough = QStringLiteral("auto");
    bool force = false;
    bool enable = false;
    QString callerBusName;
};

bool isRequestId(const QVariant &value)
{
    if (value.metaType().id() != QMetaType::QString) {
        return false;
    }
    return isRandomId(value.toString());
}

MirrorResult usage(const QString &message)
{
    return MirrorResult::failure(MirrorError::Usage, message);
}

// Checks keys and types; `allowed` lists every key the action accepts, the
// first `requiredCount` of them are required.
MirrorResult parseRequest(const QVariantMap &arguments, const QList<QLatin1StringView> &allowed, qsizetype requiredCount, Request &request)
{
    for (auto it = arguments.cbegin(); it != arguments.cend(); ++it) {
        if (!allowed.contains(it.key())) {
            return usage(QStringLiteral("Unexpected argument \"%1\"").arg(it.key().left(40)));
        }
    }
    for (qsizetype i = 0; i < requiredCount; ++i) {
        if (!arguments.contains(allowed[i])) {
            return usage(QStringLiteral("Missing argument \"%1\"").arg(allowed[i]));
        }
    }
    if (!isRequestId(arguments.value(Protocol::RequestId))) {
        return usage(QStringLiteral("The request id must be %1 lowercase hex digits").arg(RandomIdLength));
    }
    request.requestId = arguments.value(Protocol::RequestId).toString();
    if (arguments.contains(Protocol::Source)) {
        auto path = PathRules::pathFromVariant(arguments.value(Protocol::Source), PathRules::Role::Source);
        if (auto *failure = std::get_if<MirrorResult>(&path)) {
            return *failure;
        }
        request.source = std::get<QByteArray>(path);
    }
    if (arguments.contains(Protocol::MountPoint)) {
        auto path = PathRules::pathFromVariant(arguments.value(Protocol::MountPoint), PathRules::Role::MountPoint);
        if (auto *failure = std::get_if<MirrorResult>(&path)) {
            return *failure;
        }
        request.mountPoint = std::get<QByteArray>(path);
    }
    for (const auto &[key, target] : {std::pair{Protocol::ReadOnly, &request.readOnly}, std::pair{Protocol::Force, &request.force}, std::pair{Protocol::Enable, &request.enable}}) {
        if (arguments.contains(key)) {
            const QVariant value = arguments.value(key);
            if (value.metaType().id() != QMetaType::Bool) {
                return usage(QStringLiteral("\"%1\" must be a boolean").arg(key));
            }
            *target = value.toBool();
        }
    }
    if (arguments.contains(Protocol::CallerBusName)) {
        const QVariant value = arguments.value(Protocol::CallerBusName);
        const QString name = value.toString();
        if (value.metaType().id() != QMetaType::QString || !name.startsWith(QLatin1Char(':')) || name.size() > 255) {
            return usage(QStringLiteral("\"callerBusName\" must be a unique bus name"));
        }
        request.callerBusName = name;
    }
    if (arguments.contains(Protocol::Passthrough)) {
        const QVariant value = arguments.value(Protocol::Passthrough);
        const QString mode = value.toString();
        if (value.metaType().id() != QMetaType::QString
            || (mode != QLatin1String("auto") && mode != QLatin1String("on") && mode != QLatin1String("off"))) {
            return usage(QStringLiteral("\"passthrough\" must be \"auto\", \"on\" or \"off\""));
        }
        request.passthrough = mode;
    }
    return MirrorResult::success();
}

// Every client on the bus receives every reply (KAuth broadcasts them): the
// reply holds the typed error, its role and the error's fixed text; what
// the helper knows in detail goes to its own standard error (the system
// log), through the helper's logging category. KAuth would forward a Qt
// message of the helper to every client too, but every action installs the
// helper's own message handler first (passmirrorhelper.cpp,
// keepMessagesPrivate), which writes to standard error only.
QVariantMap reply(const QString &requestId, const MirrorResult &result)
{
    if (!result.ok()) {
        qCWarning(PASSMIRROR_HELPER).noquote() << QStringLiteral("request %1: %2 [%3]").arg(requestId, result.message, errorName(result.error));
    }
    return QVariantMap{
        {Protocol::RequestId, requestId},
        {Protocol::Error, static_cast<int>(result.error)},
        {Protocol::Role, static_cast<int>(result.role)},
        {Protocol::Message, fixedText(result.error, result.role)},
    };
}

bool processAlive(qint64 pid)
{
    return pid > 0 && (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}

// Alive and not a zombie waiting for its parent (init) to reap it.
bool processRunning(qint64 pid)
{
    if (!processAlive(pid)) {
        return false;
    }
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    return close < 0 || text.mid(close + 2, 1) != "Z";
}

void waitForExit(qint64 pid, std::chrono::milliseconds limit)
{
    const auto end = Clock::now() + limit;
    while (processRunning(pid) && Clock::now() < end) {
        usleep(5000);
    }
}

UniqueFd openNoSymlinks(const QByteArray &path)
{
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC | O_NOFOLLOW | O_DIRECTORY;
    how.resolve = RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
    return UniqueFd(static_cast<int>(syscall(SYS_openat2, AT_FDCWD, path.constData(), &how, sizeof how)));
}

// Detaches (or unmounts) the mount with id `mountId` at `mountPoint`. Root
// cannot enter a FUSE mount made without allow_other, so the mount is
// identified by the mount table (the topmost mount at that path must have
// this id) and unmounted by name relative to its parent folder, opened
// without symlinks: a path swapped meanwhile cannot redirect it. A folder
// that is a mount point cannot be renamed, so the name stays bound to it.
MirrorResult unmountById(const QByteArray &mountPoint, quint64 mountId, bool force)
{
    const qsizetype slash = mountPoint.lastIndexOf('/');
    const QByteArray parentPath = slash <= 0 ? QByteArray("/") : mountPoint.left(slash);
    const QByteArray name = mountPoint.mid(slash + 1);
    if (name.isEmpty()) {
        return MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("There is no mirror there"));
    }
    // Never walk into a mount whose (user's) server may not answer.
    if (userServedSharedFuseMountAtOrAbove(readMountTable(), parentPath.toStdString())) {
        return MirrorResult::failure(MirrorError::Busy, QStringLiteral("The mount point lies inside a FUSE file system that a user serves to everyone"),
                                     ErrorRole::MountPoint);
    }
    UniqueFd parent = openNoSymlinks(parentPath);
    if (!parent.isValid()) {
        return MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("The mount point's folder is gone"));
    }
    const auto top = mountAt(readMountInfo(), mountPoint);
    if (!top || top->id != mountId || !top->isMirror()) {
        return MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("The mirror is no longer mounted there"));
    }
    if (fchdir(parent.get()) != 0) {
        return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Cannot enter the mount point's folder: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    }
    const int result = umount2(name.constData(), UMOUNT_NOFOLLOW | (force ? MNT_DETACH : 0));
    const int error = errno;
    (void)chdir("/");
    if (result == 0) {
        return MirrorResult::success();
    }
    switch (error) {
    case EBUSY:
        return MirrorResult::failure(MirrorError::Busy, QStringLiteral("The mirror is in use; close the programs using it, or force a lazy unmount"));
    case EINVAL:
        return MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("There is no mirror there"));
    default:
        return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Unmounting failed: %1").arg(QString::fromLocal8Bit(strerror(error))));
    }
}

} // namespace

QString requestIdOf(const QVariantMap &arguments)
{
    const QVariant value = arguments.value(Protocol::RequestId);
    return isRequestId(value) ? value.toString() : QString();
}

// --- ProcessLauncher

ProcessLauncher::ProcessLauncher(QByteArray program)
    : m_program(std::move(program))
{
}

DaemonLauncher::Outcome ProcessLauncher::run(const QByteArrayList &arguments, std::chrono::milliseconds deadline)
{
    Outcome outcome;
    int errorPipe[2];
    if (pipe2(errorPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        outcome.errorLine = "cannot create a pipe";
        return outcome;
    }
    UniqueFd readEnd(errorPipe[0]);
    UniqueFd writeEnd(errorPipe[1]);

    std::vector<char *> argv;
    QByteArrayList storage{m_program};
    storage += arguments;
    for (QByteArray &argument : storage) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    char path[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
    char lang[] = "LANG=C.UTF-8";
    char *envp[] = {path, lang, nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), 2);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSID);
    pid_t pid = -1;
    const int spawnError = posix_spawn(&pid, m_program.constData(), &actions, &attributes, argv.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    writeEnd.reset();
    if (spawnError != 0) {
        outcome.finished = true;
        outcome.exitCode = static_cast<int>(MirrorError::HelperUnavailable);
        outcome.errorLine = "cannot start passmirrord: " + QByteArray(strerror(spawnError));
        return outcome;
    }

    UniqueFd pidFd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
    const auto end = Clock::now() + deadline;
    bool exited = false;
    while (!exited) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
        if (left <= 0ms) {
            break;
        }
        pollfd fds[2] = {{pidFd.get(), POLLIN, 0}, {readEnd.get(), POLLIN, 0}};
        const int ready = poll(fds, readEnd.isValid() ? 2 : 1, static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR) {
            break;
        }
        if (fds[1].revents & (POLLIN | POLLHUP)) {
            char buffer[512];
            const ssize_t got = read(readEnd.get(), buffer, sizeof buffer);
            if (got > 0 && outcome.errorLine.size() < 4096) {
                outcome.errorLine.append(buffer, got);
            } else if (got == 0) {
                readEnd.reset();
            }
        }
        if (fds[0].revents & POLLIN) {
            exited = true;
        }
    }
    if (!exited) {
        kill(pid, SIGKILL);
    }
    // A process stuck in the kernel (a FUSE request already sent waits for
    // its answer unkillably) must not stop the helper: after a kill, wait a
    // moment, else leave it to be reaped when the helper exits.
    pollfd gone{pidFd.get(), POLLIN, 0};
    int status = 0;
    if (exited || !pidFd.isValid() || poll(&gone, 1, 1000) == 1) {
        waitpid(pid, &status, 0);
    }
    if (readEnd.isValid()) {
        // Only what is there now: a server or supervisor the daemon already
        // forked may hold the pipe open, and a blocking read would wait for
        // them (it hung the helper after a launch timed out).
        fcntl(readEnd.get(), F_SETFL, fcntl(readEnd.get(), F_GETFL) | O_NONBLOCK);
        char buffer[512];
        ssize_t got;
        while ((got = read(readEnd.get(), buffer, sizeof buffer)) > 0 && outcome.errorLine.size() < 4096) {
            outcome.errorLine.append(buffer, got);
        }
    }
    outcome.errorLine = outcome.errorLine.trimmed();
    if (const qsizetype newline = outcome.errorLine.lastIndexOf('\n'); newline >= 0) {
        outcome.errorLine = outcome.errorLine.mid(newline + 1);
    }
    outcome.finished = exited;
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

// --- MountService

MountService::MountService(MirrorRegistry registry, std::unique_ptr<DaemonLauncher> launcher, ServiceConfig config, std::unique_ptr<SharedMountApproval> approval)
    : m_registry(std::move(registry))
    , m_launcher(std::move(launcher))
    , m_config(config)
    , m_approval(std::move(approval))
{
}

QVariantMap MountService::mount(const QVariantMap &arguments, uid_t caller, bool shared)
{
    const auto started = Clock::now();
    Request request;
    // mountshared needs the caller's bus name (the approval's subject) too.
    QList<QLatin1StringView> keys{Protocol::RequestId, Protocol::Source, Protocol::MountPoint};
    if (shared) {
        keys.append(Protocol::CallerBusName);
    }
    keys.append({Protocol::ReadOnly, Protocol::Passthrough});
    if (auto parsed = parseRequest(arguments, keys, shared ? 4 : 3, request); !parsed.ok()) {
        return reply(requestIdOf(arguments), parsed);
    }
    const std::optional<UserIdentity> callerIdentity = lookupUser(caller);
    if (!callerIdentity) {
        return reply(request.requestId, MirrorResult::failure(MirrorError::OwnerUnknown, QStringLiteral("User %1 has no account on this system").arg(caller)));
    }
    if (auto ready = m_registry.ensureDirectory(); !ready.ok()) {
        return reply(request.requestId, ready);
    }
    sweep();

    // Idempotent: the same mirror asked for again is success.
    const QByteArray wantedMount = PathRules::normalize(request.mountPoint);
    const QList<MirrorEntry> entries = m_registry.readableEntries();
    int mine = 0;
    for (const MirrorEntry &entry : entries) {
        if (entry.ownerUid != caller) {
            continue;
        }
        ++mine;
        if (entry.mountPoint == wantedMount && entry.state == MirrorEntry::State::Live) {
            if (entry.source == PathRules::normalize(request.source) && entry.shared == shared && entry.readOnly == request.readOnly) {
                auto answer = reply(request.requestId, MirrorResult::success());
                answer.insert(Protocol::MirrorId, entry.id);
                return answer;
            }
            return reply(request.requestId,
                         MirrorResult::failure(MirrorError::MountPointNotEmpty, QStringLiteral("Another mirror is already mounted at the mount point")));
        }
    }
    if (mine >= m_config.maxMirrorsPerUser) {
        return reply(request.requestId,
                     MirrorResult::failure(MirrorError::TooManyMirrors,
                                           QStringLiteral("You already have %1 mirrors, the most allowed; unmount one first").arg(m_config.maxMirrorsPerUser)));
    }

    auto validated = PathRules::validate(PathRules::bytesOf(request.source), PathRules::bytesOf(request.mountPoint), *callerIdentity);
    if (auto *problem = std::get_if<PathRules::Problem>(&validated)) {
        return reply(request.requestId, PathRules::toResult(*problem));
    }
    const auto &paths = std::get<PathRules::ValidatedPaths>(validated);
    const QByteArray source = QByteArray::fromStdString(paths.source.path);
    const QByteArray mountPoint = QByteArray::fromStdString(paths.mountPoint.path);
    if (shared) {
        // Every time, for these folders: one approval never covers another.
        const MirrorResult approved = m_approval ? m_approval->approve(request.callerBusName, caller, source, mountPoint)
                                                 : MirrorResult::failure(MirrorError::AuthorizationDenied, QStringLiteral("No one can approve shared mirrors here"));
        if (!approved.ok()) {
            return reply(request.requestId, approved);
        }
    }

    MirrorEntry entry;
    entry.id = newRandomId();
    entry.state = MirrorEntry::State::Starting;
    entry.source = source;
    entry.mountPoint = mountPoint;
    entry.ownerUid = caller;
    entry.readOnly = request.readOnly;
    entry.shared = shared;
    entry.passthrough = request.passthrough;
    entry.statsPath = MirrorRegistry::defaultStatsDirectory() + QLatin1Char('/') + entry.id + QStringLiteral(".stats");
    entry.helperPid = getpid();
    entry.startTime = QDateTime::currentDateTimeUtc();
    entry.bootId = currentBootId();
    if (auto written = m_registry.write(entry); !written.ok()) {
        return reply(request.requestId, written);
    }

    QByteArrayList daemonArguments{entry.source,
                                   entry.mountPoint,
                                   "--owner=" + QByteArray::number(caller),
                                   "--passthrough=" + request.passthrough.toLatin1(),
                                   "--stats-file=" + QFile::encodeName(entry.statsPath)};
    if (shared) {
        daemonArguments.append("--shared");
    }
    if (request.readOnly) {
        daemonArguments.append("--read-only");
    }
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    const auto outcome = m_launcher->run(daemonArguments, std::max(m_config.daemonDeadline - spent, std::chrono::milliseconds(200)));
    if (!outcome.finished) {
        cleanInterruptedStart(entry);
        return reply(request.requestId, MirrorResult::failure(MirrorError::Timeout, QStringLiteral("passmirrord did not report in time; nothing was mounted")));
    }
    if (outcome.exitCode != 0) {
        cleanInterruptedStart(entry);
        const MirrorError error = outcome.exitCode < 0 ? MirrorError::DaemonDied : errorFromInt(outcome.exitCode);
        // The daemon's own words go to the log only (reply() logs the message).
        const QString message = outcome.errorLine.isEmpty() ? errorText(error) : QString::fromUtf8(outcome.errorLine.left(1000));
        return reply(request.requestId, MirrorResult::failure(error, message));
    }

    // Confirm: passmirrord's own record of this start (root's: its pids are
    // to be trusted, unlike anything a user could write), and its mount at
    // the validated place, found by the recorded mount id. (Root cannot
    // enter the mount itself: no allow_other.)
    const QList<MountEntry> mounts = readMountInfo();
    const auto recorded = recordedMountFor(entry.statsPath, mounts);
    const auto top = mountAt(mounts, entry.mountPoint);
    const bool found = recorded && recorded->mount && top && top->id == recorded->mount->id && top->mountSource == entry.source
        && recorded->record.ownerUid == caller;
    if (!found) {
        cleanInterruptedStart(entry);
        return reply(request.requestId, MirrorResult::failure(MirrorError::MountFailed, QStringLiteral("passmirrord reported success but the mirror is not there")));
    }
    entry.mountId = recorded->record.mountId;
    entry.uniqueMountId = recorded->record.uniqueMountId;
    entry.supervisorPid = recorded->record.supervisorPid;
    entry.supervisorStart = recorded->record.supervisorStart;
    entry.daemonPid = recorded->record.serverPid;
    entry.state = MirrorEntry::State::Live;
    if (auto written = m_registry.write(entry); !written.ok()) {
        (void)unmountById(entry.mountPoint, entry.mountId, true);
        m_registry.remove(entry.id);
        return reply(request.requestId, written);
    }
    auto answer = reply(request.requestId, MirrorResult::success());
    answer.insert(Protocol::MirrorId, entry.id);
    return answer;
}

MirrorResult MountService::unmountEntry(const MirrorEntry &entry, bool force)
{
    auto result = unmountById(entry.mountPoint, entry.mountId, force);
    if (result.ok() || result.error == MirrorError::NotMounted) {
        m_registry.remove(entry.id);
    }
    if (result.ok()) {
        // Done means the daemon is gone too. Its supervisor cleans up after
        // the unmount by mount id, and the kernel reuses mount ids at once: a
        // mirror mounted at the same place before it finished could be taken
        // for the old one.
        waitForExit(entry.supervisorPid, std::chrono::milliseconds(1000));
    }
    return result;
}

QVariantMap MountService::unmount(const QVariantMap &arguments, uid_t caller, bool anyOwner)
{
    Request request;
    if (auto parsed = parseRequest(arguments, {Protocol::RequestId, Protocol::MountPoint, Protocol::Force}, 2, request); !parsed.ok()) {
        return reply(requestIdOf(arguments), parsed);
    }
    if (auto syntax = PathRules::checkSyntax(request.mountPoint, PathRules::Role::MountPoint); !syntax.ok()) {
        return reply(request.requestId, syntax);
    }
    sweep();
    const QByteArray wanted = PathRules::normalize(request.mountPoint);
    bool othersThere = false;
    for (const MirrorEntry &entry : m_registry.readableEntries()) {
        if (entry.mountPoint != wanted || entry.state != MirrorEntry::State::Live) {
            continue;
        }
        if (entry.ownerUid != caller && !anyOwner) {
            othersThere = true;
            continue;
        }
        return reply(request.requestId, unmountEntry(entry, request.force));
    }
    if (othersThere) {
        return reply(request.requestId,
                     MirrorResult::failure(MirrorError::AuthorizationDenied,
                                           QStringLiteral("This mirror belongs to someone else; unmounting it needs an administrator")));
    }
    return reply(request.requestId, MirrorResult::failure(MirrorError::NotMounted, QStringLiteral("There is no mirror of yours at the mount point")));
}

QVariantMap MountService::unmountAll(const QVariantMap &arguments, uid_t caller)
{
    Request request;
    if (auto parsed = parseRequest(arguments, {Protocol::RequestId, Protocol::Force}, 1, request); !parsed.ok()) {
        return reply(requestIdOf(arguments), parsed);
    }
    sweep();
    int count = 0;
    MirrorResult first = MirrorResult::success();
    for (const MirrorEntry &entry : m_registry.readableEntries()) {
        if (entry.ownerUid != caller || entry.state != MirrorEntry::State::Live) {
            continue;
        }
        const auto result = unmountEntry(entry, request.force);
        if (result.ok()) {
            ++count;
        } else if (first.ok() && result.error != MirrorError::NotMounted) {
            first = result;
        }
    }
    auto answer = reply(request.requestId, first);
    answer.insert(Protocol::Count, count);
    return answer;
}

QVariantMap MountService::setIoUring(const QVariantMap &arguments)
{
    Request request;
    if (auto parsed = parseRequest(arguments, {Protocol::RequestId, Protocol::Enable}, 2, request); !parsed.ok()) {
        return reply(requestIdOf(arguments), parsed);
    }
    sweep();
    // Idempotent like every action: asking for the current state succeeds.
    const IoUringState now = ioUringState();
    if (now == IoUringState::Unsupported) {
        return reply(request.requestId,
                     MirrorResult::failure(MirrorError::IoUringUnavailable,
                                           QStringLiteral("This kernel has no FUSE over io_uring (needs Linux 6.14 or later with CONFIG_FUSE_IO_URING)")));
    }
    if (now == (request.enable ? IoUringState::Enabled : IoUringState::Disabled)) {
        return reply(request.requestId, MirrorResult::success());
    }
    return reply(request.requestId, setIoUringState(request.enable));
}

void MountService::cleanInterruptedStart(const MirrorEntry &entry)
{
    // The passmirrord this start launched recorded its mount under the
    // entry's stats path (it may have got that far after the helper gave up
    // on it): detach that mount, wherever the owner moved it meanwhile. A
    // start that recorded nothing mounted nothing that lives on.
    if (const auto recorded = recordedMountFor(entry.statsPath, readMountInfo()); recorded && recorded->mount) {
        (void)unmountById(recorded->mount->mountPoint, recorded->mount->id, true);
    }
    m_registry.remove(entry.id);
}

void MountService::sweep()
{
    const auto deadline = Clock::now() + m_config.sweepBudget;
    const QString bootId = currentBootId();
    const auto mounts = readMountInfo();
    for (const MirrorEntry &entry : m_registry.readableEntries()) {
        if (Clock::now() >= deadline) {
            return;
        }
        switch (livenessOf(entry, mounts, bootId)) {
        case Liveness::Live:
            break;
        case Liveness::Starting:
            if (entry.helperPid == getpid() || !processAlive(entry.helperPid)) {
                cleanInterruptedStart(entry);
            }
            break;
        case Liveness::OtherBoot:
        case Liveness::MountGone:
            m_registry.remove(entry.id);
            break;
        case Liveness::SupervisorGone:
            (void)unmountEntry(entry, true);
            m_registry.remove(entry.id);
            break;
        }
    }
    // Mounts passmirrord recorded whose supervisor and server are both gone
    // (killed together): nobody else would detach them. Records of mounts
    // already gone go too. Only recorded mounts, and never by asking their
    // FUSE server anything: a mount no one recorded (passmirrord run by hand
    // without a record, or anyone's "fuse.passmirror" made with fusermount3)
    // is not ours to judge.
    for (const RecordedMount &recorded : recordedMounts(readMountInfo())) {
        if (Clock::now() >= deadline) {
            return;
        }
        if (!recorded.mount) {
            removeRecord(recorded.name);
        } else if (recorded.abandoned()) {
            const MirrorResult detached = unmountById(recorded.mount->mountPoint, recorded.mount->id, true);
            if (detached.ok() || detached.error == MirrorError::NotMounted) {
                removeRecord(recorded.name);
            }
        }
    }
}

} // namespace PassMirror
