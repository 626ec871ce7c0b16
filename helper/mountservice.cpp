// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountservice.h"

#include "helperprotocol.h"
#include "iouringswitch.h"
#include "mirrorunmount.h"
#include "mountinfo.h"
#include "pathresults.h"
#include "randomid.h"
#include "recordedmounts.h"

#include <QDateTime>

#include <algorithm>
#include <unistd.h>

namespace PassMirror
{

namespace
{
using Clock = std::chrono::steady_clock;

// The registry entry of a start: Starting, for the validated paths, under
// a fresh id that also names its stats file.
MirrorEntry startingEntry(const PathRules::ValidatedPaths &paths, const ActionRequest &request, uid_t caller, bool shared)
{
    MirrorEntry entry;
    entry.id = newRandomId();
    entry.state = MirrorEntry::State::Starting;
    entry.source = QByteArray::fromStdString(paths.source.path);
    entry.mountPoint = QByteArray::fromStdString(paths.mountPoint.path);
    entry.ownerUid = caller;
    entry.readOnly = request.readOnly;
    entry.shared = shared;
    entry.passthrough = request.passthrough;
    entry.statsPath = MirrorRegistry::defaultStatsDirectory() + QLatin1Char('/') + entry.id + QStringLiteral(".stats");
    entry.helperPid = getpid();
    entry.startTime = QDateTime::currentDateTimeUtc();
    entry.bootId = currentBootId();
    return entry;
}
} // namespace

// --- MountService

MountService::MountService(MirrorRegistry registry,
                           std::unique_ptr<DaemonLauncher> launcher,
                           ServiceConfig config,
                           std::unique_ptr<SharedMountApproval> approval)
    : m_registry(std::move(registry))
    , m_launcher(std::move(launcher))
    , m_config(config)
    , m_approval(std::move(approval))
{
}

QVariantMap MountService::mount(const QVariantMap &arguments, uid_t caller, bool shared)
{
    // The daemon's deadline is counted from here, less the time an
    // administrator takes to answer: a slow answer must not leave passmirrord
    // too little time to start (polkit's agent bounds that wait, not us).
    auto started = Clock::now();
    ActionRequest request;
    // mountshared needs the caller's bus name (the approval's subject) too.
    QList<QLatin1StringView> keys{Protocol::RequestId, Protocol::Source, Protocol::MountPoint};
    if (shared) {
        keys.append(Protocol::CallerBusName);
    }
    keys.append({Protocol::ReadOnly, Protocol::Passthrough});
    if (auto parsed = parseActionRequest(arguments, keys, shared ? 4 : 3, request); !parsed.ok()) {
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

    const auto existing = existingMirror(request, caller, shared);
    if (const auto *refused = std::get_if<MirrorResult>(&existing)) {
        return reply(request.requestId, *refused);
    }
    if (const auto *id = std::get_if<QString>(&existing)) {
        auto answer = reply(request.requestId, MirrorResult::success());
        answer.insert(Protocol::MirrorId, *id);
        return answer;
    }
    auto validated = PathRules::validate(PathRules::bytesOf(request.source), PathRules::bytesOf(request.mountPoint), *callerIdentity);
    if (const auto *problem = std::get_if<PathRules::Problem>(&validated)) {
        return reply(request.requestId, PathRules::toResult(*problem));
    }
    const auto &paths = std::get<PathRules::ValidatedPaths>(validated);
    if (shared) {
        const auto asked = Clock::now();
        const MirrorResult approved = approveShared(request, caller, paths);
        started += Clock::now() - asked;
        if (!approved.ok()) {
            return reply(request.requestId, approved);
        }
    }

    MirrorEntry entry = startingEntry(paths, request, caller, shared);
    if (auto written = m_registry.write(entry); !written.ok()) {
        return reply(request.requestId, written);
    }
    const auto spent = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    if (auto result = startDaemon(entry, request.passthrough, m_config.daemonDeadline - spent); !result.ok()) {
        return reply(request.requestId, result);
    }
    auto answer = reply(request.requestId, MirrorResult::success());
    answer.insert(Protocol::MirrorId, entry.id);
    return answer;
}

std::variant<std::monostate, QString, MirrorResult> MountService::existingMirror(const ActionRequest &request, uid_t caller, bool shared) const
{
    const QByteArray wantedMount = PathRules::normalize(request.mountPoint);
    int mine = 0;
    for (const MirrorEntry &entry : m_registry.readableEntries()) {
        if (entry.ownerUid != caller) {
            continue;
        }
        ++mine;
        if (entry.mountPoint == wantedMount && entry.state == MirrorEntry::State::Live) {
            if (entry.source == PathRules::normalize(request.source) && entry.shared == shared && entry.readOnly == request.readOnly) {
                return entry.id;
            }
            return MirrorResult::failure(MirrorError::MountPointNotEmpty, QStringLiteral("Another mirror is already mounted at the mount point"));
        }
    }
    if (mine >= m_config.maxMirrorsPerUser) {
        return MirrorResult::failure(MirrorError::TooManyMirrors,
                                     QStringLiteral("You already have %1 mirrors, the most allowed; unmount one first").arg(m_config.maxMirrorsPerUser));
    }
    return std::monostate();
}

MirrorResult MountService::approveShared(const ActionRequest &request, uid_t caller, const PathRules::ValidatedPaths &paths)
{
    // Every time, for these folders: one approval never covers another.
    if (!m_approval) {
        return MirrorResult::failure(MirrorError::AuthorizationDenied, QStringLiteral("No one can approve shared mirrors here"));
    }
    return m_approval->approve(request.callerBusName, caller, QByteArray::fromStdString(paths.source.path), QByteArray::fromStdString(paths.mountPoint.path));
}

MirrorResult MountService::startDaemon(MirrorEntry &entry, const QString &passthrough, std::chrono::milliseconds deadline)
{
    const DaemonLaunch launch{
        .source = entry.source,
        .mountPoint = entry.mountPoint,
        .owner = entry.ownerUid,
        .passthrough = passthrough,
        .statsPath = entry.statsPath,
        .shared = entry.shared,
        .readOnly = entry.readOnly,
    };
    const auto outcome = m_launcher->run(launch, std::max(deadline, std::chrono::milliseconds(200)));
    if (!outcome.finished) {
        cleanInterruptedStart(entry);
        return MirrorResult::failure(MirrorError::Timeout, QStringLiteral("passmirrord did not report in time; nothing was mounted"));
    }
    if (outcome.exitCode != 0) {
        cleanInterruptedStart(entry);
        const MirrorError error = outcome.exitCode < 0 ? MirrorError::DaemonDied : errorFromInt(outcome.exitCode);
        // The daemon's own words go to the log only (reply() logs the message).
        const QString message = outcome.errorLine.isEmpty() ? errorText(error) : QString::fromUtf8(outcome.errorLine.left(1000));
        return MirrorResult::failure(error, message);
    }

    // Confirm: passmirrord's own record of this start (root's: its pids are
    // to be trusted, unlike anything a user could write), and its mount at
    // the validated place, found by the recorded mount id. (Root cannot
    // enter the mount itself: no allow_other.)
    const QList<MountEntry> mounts = readMountInfo();
    const auto recorded = recordedMountFor(entry.statsPath, mounts);
    const auto top = mountAt(mounts, entry.mountPoint);
    const bool found =
        recorded && recorded->mount && top && top->id == recorded->mount->id && top->mountSource == entry.source && recorded->record.ownerUid == entry.ownerUid;
    if (!found) {
        cleanInterruptedStart(entry);
        return MirrorResult::failure(MirrorError::MountFailed, QStringLiteral("passmirrord reported success but the mirror is not there"));
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
        return written;
    }
    return MirrorResult::success();
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
    ActionRequest request;
    if (auto parsed = parseActionRequest(arguments, {Protocol::RequestId, Protocol::MountPoint, Protocol::Force}, 2, request); !parsed.ok()) {
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
    ActionRequest request;
    if (auto parsed = parseActionRequest(arguments, {Protocol::RequestId, Protocol::Force}, 1, request); !parsed.ok()) {
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
    ActionRequest request;
    if (auto parsed = parseActionRequest(arguments, {Protocol::RequestId, Protocol::Enable}, 2, request); !parsed.ok()) {
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
            removeRecord(recorded);
        } else if (recorded.abandoned()) {
            const MirrorResult detached = unmountById(recorded.mount->mountPoint, recorded.mount->id, true);
            if (detached.ok() || detached.error == MirrorError::NotMounted) {
                removeRecord(recorded);
            }
        }
    }
}

} // namespace PassMirror
