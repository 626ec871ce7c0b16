// SPDX-License-Identifier: GPL-2.0-or-later
#include "passmirrorctl.h"

#include "activitycommand.h"
#include "commandline.h"
#include "displaytext.h"

#include "helperclient.h"
#include "iouringswitch.h"
#include "metricscommand.h"
#include "mirrorregistry.h"
#include "mirrorwatcher.h"
#include "mountholders.h"
#include "mountinfo.h"
#include "passmirrorctl_debug.h"
#include "pathresults.h"
#include "statsreader.h"
#include "uniquefd.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSocketNotifier>

#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <map>
#include <memory>
#include <optional>
#include <unistd.h>

namespace PassMirror::Ctl
{

namespace
{
const char helpText[] =
    "Usage: passmirrorctl COMMAND [OPTIONS]\n"
    "\n"
    "Mount, list, watch and unmount PassMirror mirrors (no sudo needed).\n"
    "\n"
    "Commands:\n"
    "  mount SRC MNT [--read-only] [--passthrough=auto|on|off] [--shared]\n"
    "                        mirror folder SRC at the empty folder MNT (yours)\n"
    "  unmount MNT [--force] unmount the mirror at MNT; --force detaches it lazily\n"
    "  unmount --all [--force]\n"
    "                        unmount all your mirrors\n"
    "  list [--json]         your mirrors\n"
    "  stats MNT [--json] [--watch [SECONDS]]\n"
    "                        the live counters of the mirror at MNT\n"
    "  activity MNT [--follow] [--json] [--pid N] [--op NAME,...] [--errors]\n"
    "                        who did what at MNT, one line per operation\n"
    "  top MNT [--json] [--seconds N] [--limit N]\n"
    "                        the busiest processes and files of the last N s\n"
    "  io-uring status [--json]\n"
    "                        is the kernel's FUSE over io_uring switch on?\n"
    "  io-uring enable|disable\n"
    "                        turn it on or off for the whole system (administrator)\n"
    "  metrics [--listen HOST:PORT]\n"
    "                        your mirrors' counters as Prometheus text; --listen\n"
    "                        serves them at http://HOST:PORT/metrics (loopback only)\n"
    "  --help, --version\n"
    "\n"
    "Exit status: 0 on success, 2 for a usage error, otherwise the PassMirror\n"
    "error number (see passmirrorctl(1) or docs/passmirrorctl.md).\n";

int report(const HelperResult &result, const QString &what, QTextStream &out, QTextStream &err, const QString &failing = {})
{
    qCDebug(PASSMIRROR_CLI) << "the helper answered" << errorName(result.error) << result.message;
    if (result.ok()) {
        out << what << "\n";
        out.flush();
        return ExitOk;
    }
    err << "passmirrorctl: " << failing << result.message << " [" << errorName(result.error) << "]\n";
    err.flush();
    return exitCode(result.error);
}

// --- mount

int mountCommand(const Parsed &parsed, QTextStream &out, QTextStream &err)
{
    if (auto problem = checkOptions(parsed, {"read-only", "shared"}, {"passthrough"})) {
        return usageError(err, *problem);
    }
    if (parsed.positional.size() != 3) {
        return usageError(err, QStringLiteral("mount needs SRC and MNT"));
    }
    HelperRequest request;
    request.kind = parsed.options.count("shared") ? HelperRequest::Kind::MountShared : HelperRequest::Kind::Mount;
    request.readOnly = parsed.options.count("read-only") > 0;
    if (auto it = parsed.options.find("passthrough"); it != parsed.options.end()) {
        const QByteArray mode = it->second.value_or(QByteArray());
        if (mode != "auto" && mode != "on" && mode != "off") {
            return usageError(err, QStringLiteral("--passthrough must be auto, on or off"));
        }
        request.passthrough = QString::fromLatin1(mode);
    }
    request.source = absolutePath(parsed.positional[1]);
    request.mountPoint = absolutePath(parsed.positional[2]);
    for (const auto &[path, role] : {std::pair{request.source, PathRules::Role::Source}, std::pair{request.mountPoint, PathRules::Role::MountPoint}}) {
        if (auto syntax = PathRules::checkSyntax(path, role); !syntax.ok()) {
            err << "passmirrorctl: " << syntax.message << " [" << errorName(syntax.error) << "]\n";
            err.flush();
            return exitCode(syntax.error);
        }
    }
    HelperClient client;
    const auto result = client.run(request);
    return report(result,
                  QStringLiteral("Mirrored %1 at %2").arg(show(request.source), show(request.mountPoint)),
                  out,
                  err,
                  QStringLiteral("cannot mirror %1 at %2: ").arg(show(request.source), show(request.mountPoint)));
}

// --- unmount

// Processes of ours that use something under `mountPoint`, as fuser would
// find them; not the mirror's own supervisor and daemon (root sees them).
QStringList holders(const QByteArray &mountPoint)
{
    QList<qint64> ownProcesses;
    for (const MirrorEntry &entry : MirrorRegistry().liveEntriesOf(getuid())) {
        if (entry.mountPoint == mountPoint) {
            ownProcesses << entry.supervisorPid << entry.daemonPid;
        }
    }
    QStringList found;
    for (const MountHolder &holder : processesUsing(mountPoint, ownProcesses)) {
        found << QStringLiteral("%1 (%2: %3)").arg(QString::number(holder.pid), holder.name, holder.uses.join(QStringLiteral(", ")));
    }
    return found;
}

int unmountCommand(const Parsed &parsed, QTextStream &out, QTextStream &err)
{
    if (auto problem = checkOptions(parsed, {"all", "force"}, {})) {
        return usageError(err, *problem);
    }
    HelperRequest request;
    request.force = parsed.options.count("force") > 0;
    const bool all = parsed.options.count("all") > 0;
    if (all == (parsed.positional.size() == 2) || parsed.positional.size() > 2) {
        return usageError(err, QStringLiteral("unmount needs either MNT or --all"));
    }
    HelperClient client;
    if (all) {
        request.kind = HelperRequest::Kind::UnmountAll;
        const auto result = client.run(request);
        return report(result, QStringLiteral("Unmounted %1 mirror(s)").arg(result.count), out, err);
    }
    request.kind = HelperRequest::Kind::Unmount;
    request.mountPoint = absolutePath(parsed.positional[1]);
    if (auto syntax = PathRules::checkSyntax(request.mountPoint, PathRules::Role::MountPoint); !syntax.ok()) {
        HelperResult refused;
        refused.error = syntax.error;
        refused.message = syntax.message;
        return report(refused, {}, out, err);
    }
    // Someone else's mirror (the kernel lets in only its owner): that is
    // unmountany, which polkit grants only with administrator authentication.
    if (const auto mount = mountAt(readMountInfo(), request.mountPoint);
        mount && mount->isMirror() && mount->fuseUserId() >= 0 && mount->fuseUserId() != static_cast<qint64>(getuid())) {
        request.kind = HelperRequest::Kind::UnmountAny;
    }
    const auto result = client.run(request);
    if (result.error == MirrorError::Busy) {
        err << "passmirrorctl: " << show(request.mountPoint) << " is in use";
        const QStringList users = holders(request.mountPoint);
        if (!users.isEmpty()) {
            err << " by:\n";
            for (const QString &user : users) {
                err << "  " << user << "\n";
            }
        } else {
            err << " (by processes you cannot see)\n";
        }
        err << "Close them, or detach it lazily with: passmirrorctl unmount --force " << show(request.mountPoint) << "\n";
        err.flush();
        return exitCode(result.error);
    }
    return report(result,
                  QStringLiteral("Unmounted %1").arg(show(request.mountPoint)),
                  out,
                  err,
                  QStringLiteral("cannot unmount %1: ").arg(show(request.mountPoint)));
}

// --- io-uring

int ioUringCommand(const Parsed &parsed, QTextStream &out, QTextStream &err)
{
    const QByteArray verb = parsed.positional.value(1);
    if (parsed.positional.size() != 2 || (verb != "status" && verb != "enable" && verb != "disable")) {
        return usageError(err, QStringLiteral("io-uring needs one of status, enable, disable"));
    }
    if (auto problem = checkOptions(parsed, verb == "status" ? QByteArrayList{"json"} : QByteArrayList{}, {})) {
        return usageError(err, *problem);
    }
    if (verb == "status") {
        // Reading the module parameter needs no privilege and no helper.
        const IoUringState state = ioUringState();
        if (parsed.options.count("json")) {
            out << jsonOutput(QJsonObject{{QStringLiteral("version"), 1},
                                          {QStringLiteral("state"), ioUringStateName(state)},
                                          {QStringLiteral("parameter"), ioUringParameterPath()}},
                              QJsonDocument::Compact)
                << "\n";
        } else if (state == IoUringState::Unsupported) {
            out << "FUSE over io_uring: unsupported (this kernel has no " << ioUringParameterPath()
                << "; it needs Linux 6.14 or later with CONFIG_FUSE_IO_URING)\n";
        } else {
            out << "FUSE over io_uring: " << ioUringStateName(state) << " (" << ioUringParameterPath() << ", system-wide)\n";
            out << (state == IoUringState::Enabled ? "Mirrors mounted now may use io_uring instead of /dev/fuse.\n"
                                                   : "Mirrors use /dev/fuse; 'passmirrorctl io-uring enable' lets new ones use io_uring.\n");
        }
        out.flush();
        return ExitOk;
    }
    const bool enable = verb == "enable";
    HelperRequest request;
    request.kind = HelperRequest::Kind::SetIoUring;
    request.enable = enable;
    HelperClient client;
    const auto result = client.run(request);
    return report(result,
                  enable ? QStringLiteral("FUSE over io_uring is now on for the whole system: mirrors mounted from now on may use it; "
                                          "mirrors already mounted keep their transport")
                         : QStringLiteral("FUSE over io_uring is now off for the whole system: mirrors mounted from now on use /dev/fuse; "
                                          "mirrors already mounted keep their transport"),
                  out,
                  err,
                  QStringLiteral("cannot turn FUSE over io_uring %1: ").arg(enable ? QStringLiteral("on") : QStringLiteral("off")));
}

// --- list

QString livenessName(Liveness liveness)
{
    switch (liveness) {
    case Liveness::Live:
        return QStringLiteral("live");
    case Liveness::Starting:
        return QStringLiteral("starting");
    case Liveness::OtherBoot:
        return QStringLiteral("stale-earlier-boot");
    case Liveness::MountGone:
        return QStringLiteral("stale-not-mounted");
    case Liveness::SupervisorGone:
        return QStringLiteral("stale-daemon-gone");
    }
    return QStringLiteral("unknown");
}

int listCommand(const Parsed &parsed, QTextStream &out, QTextStream &err)
{
    if (auto problem = checkOptions(parsed, {"json"}, {})) {
        return usageError(err, *problem);
    }
    if (parsed.positional.size() != 1) {
        return usageError(err, QStringLiteral("list takes no arguments"));
    }
    const MirrorRegistry registry;
    const auto mounts = readMountInfo();
    const QString bootId = currentBootId();
    QJsonArray mirrors;
    struct Row {
        QString mountPoint, source, options, state, since;
    };
    QList<Row> rows;
    for (const MirrorEntry &entry : registry.readableEntries()) {
        if (entry.ownerUid != getuid() && getuid() != 0) {
            continue;
        }
        const QString state = livenessName(livenessOf(entry, mounts, bootId));
        QJsonObject object{
            {QStringLiteral("id"), entry.id},
            {QStringLiteral("source"), jsonString(entry.source)},
            {QStringLiteral("mountPoint"), jsonString(entry.mountPoint)},
            {QStringLiteral("ownerUid"), static_cast<qint64>(entry.ownerUid)},
            {QStringLiteral("readOnly"), entry.readOnly},
            {QStringLiteral("shared"), entry.shared},
            {QStringLiteral("passthrough"), entry.passthrough},
            {QStringLiteral("state"), state},
            {QStringLiteral("startTime"), entry.startTime.toUTC().toString(Qt::ISODate)},
            {QStringLiteral("supervisorPid"), entry.supervisorPid},
            {QStringLiteral("daemonPid"), entry.daemonPid},
            {QStringLiteral("statsPath"), entry.statsPath},
        };
        mirrors.append(object);
        QStringList options{entry.readOnly ? QStringLiteral("ro") : QStringLiteral("rw"), QStringLiteral("passthrough=") + entry.passthrough};
        if (entry.shared) {
            options << QStringLiteral("shared");
        }
        rows.append({show(entry.mountPoint),
                     show(entry.source),
                     options.join(QLatin1Char(',')),
                     state,
                     entry.startTime.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))});
    }
    // Mirror mounts made for this user that no registry entry of theirs
    // describes: a start interrupted, or a daemon started by hand.
    QSet<quint64> registered;
    for (const MirrorEntry &entry : registry.readableEntries()) {
        registered.insert(entry.mountId);
    }
    QJsonArray orphans;
    for (const MountEntry &mount : mounts) {
        if (mount.isMirror() && mount.fuseUserId() == static_cast<qint64>(getuid()) && !registered.contains(mount.id)) {
            orphans.append(
                QJsonObject{{QStringLiteral("mountPoint"), jsonString(mount.mountPoint)}, {QStringLiteral("source"), jsonString(mount.mountSource)}});
            rows.append({show(mount.mountPoint), show(mount.mountSource), QStringLiteral("-"), QStringLiteral("unregistered"), QStringLiteral("-")});
        }
    }
    if (parsed.options.count("json")) {
        out << jsonOutput(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("mirrors"), mirrors}, {QStringLiteral("unregistered"), orphans}},
                          QJsonDocument::Indented);
        out.flush();
        return ExitOk;
    }
    if (rows.isEmpty()) {
        out << "No mirrors.\n";
        out.flush();
        return ExitOk;
    }
    const QStringList header{QStringLiteral("MOUNT POINT"),
                             QStringLiteral("SOURCE"),
                             QStringLiteral("OPTIONS"),
                             QStringLiteral("STATE"),
                             QStringLiteral("SINCE")};
    qsizetype widths[5] = {header[0].size(), header[1].size(), header[2].size(), header[3].size(), header[4].size()};
    for (const Row &row : rows) {
        widths[0] = std::max(widths[0], row.mountPoint.size());
        widths[1] = std::max(widths[1], row.source.size());
        widths[2] = std::max(widths[2], row.options.size());
        widths[3] = std::max(widths[3], row.state.size());
    }
    auto line = [&](const QStringList &cells) {
        for (int i = 0; i < 5; ++i) {
            out << (i < 4 ? cells[i].leftJustified(widths[i] + 2) : cells[i]);
        }
        out << "\n";
    };
    line(header);
    for (const Row &row : rows) {
        line({row.mountPoint, row.source, row.options, row.state, row.since});
    }
    out.flush();
    return ExitOk;
}

// --- stats

QJsonObject statsJson(const MirrorEntry &entry, const Stats::Snapshot &s)
{
    QJsonObject operations;
    for (std::size_t i = 0; i < Stats::OperationCount; ++i) {
        const auto name = Stats::OperationNames[i];
        operations.insert(
            QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())),
            QJsonObject{{QStringLiteral("requests"), static_cast<qint64>(s.requests[i])}, {QStringLiteral("errors"), static_cast<qint64>(s.errors[i])}});
    }
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("mountPoint"), jsonString(entry.mountPoint)},
        {QStringLiteral("source"), jsonString(entry.source)},
        {QStringLiteral("time"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("state"), QLatin1String(Stats::stateName(s.state))},
        {QStringLiteral("transport"), QLatin1String(Stats::transportName(s.transport))},
        {QStringLiteral("passthroughRequested"), QLatin1String(Stats::passthroughName(s.requestedPassthrough))},
        {QStringLiteral("passthroughAvailable"), s.passthroughAvailable},
        {QStringLiteral("bytesRead"), static_cast<qint64>(s.bytesRead)},
        {QStringLiteral("bytesWritten"), static_cast<qint64>(s.bytesWritten)},
        {QStringLiteral("openFiles"), static_cast<qint64>(s.openFiles)},
        {QStringLiteral("openDirectories"), static_cast<qint64>(s.openDirectories)},
        {QStringLiteral("passthroughOpens"), static_cast<qint64>(s.passthroughOpens)},
        {QStringLiteral("userspaceOpens"), static_cast<qint64>(s.userspaceOpens)},
        {QStringLiteral("passthroughFallbacks"), static_cast<qint64>(s.passthroughFallbacks)},
        {QStringLiteral("inodesKnown"), static_cast<qint64>(s.inodesKnown)},
        {QStringLiteral("inodeFdsHeld"), static_cast<qint64>(s.inodeFdsHeld)},
        {QStringLiteral("sourceWatch"), QLatin1String(Stats::sourceWatchName(s.sourceWatch))},
        {QStringLiteral("inodesWatched"), static_cast<qint64>(s.inodesWatched)},
        {QStringLiteral("sourceInvalidations"), static_cast<qint64>(s.sourceInvalidations)},
        {QStringLiteral("sourceOverflows"), static_cast<qint64>(s.sourceOverflows)},
        {QStringLiteral("totalRequests"), static_cast<qint64>(s.totalRequests())},
        {QStringLiteral("operations"), operations},
    };
}

void printStats(QTextStream &out, const MirrorEntry &entry, const Stats::Snapshot &s)
{
    out << show(entry.mountPoint) << " (" << show(entry.source) << ")\n";
    out << "  state " << Stats::stateName(s.state) << ", transport " << Stats::transportName(s.transport) << ", passthrough "
        << Stats::passthroughName(s.requestedPassthrough) << (s.passthroughAvailable ? " (available)" : " (unavailable)") << "\n";
    out << "  opens: " << s.passthroughOpens << " passthrough, " << s.userspaceOpens << " userspace, " << s.passthroughFallbacks << " fell back\n";
    out << "  open now: " << s.openFiles << " files, " << s.openDirectories << " folders; inodes " << s.inodesKnown << " (" << s.inodeFdsHeld << " fds)\n";
    out << "  source watch " << Stats::sourceWatchName(s.sourceWatch) << ": " << s.inodesWatched << " inodes watched, " << s.sourceInvalidations
        << " invalidations, " << s.sourceOverflows << " overflows\n";
    out << "  bytes through the daemon: " << s.bytesRead << " read, " << s.bytesWritten << " written\n";
    out << "  requests: " << s.totalRequests() << "\n";
    for (std::size_t i = 0; i < Stats::OperationCount; ++i) {
        if (s.requests[i] == 0) {
            continue;
        }
        const auto name = Stats::OperationNames[i];
        out << "    " << QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())).leftJustified(16)
            << QString::number(s.requests[i]).rightJustified(10);
        if (s.errors[i]) {
            out << "  (" << s.errors[i] << " errors)";
        }
        out << "\n";
    }
}

int statsCommand(const Parsed &parsed, QTextStream &out, QTextStream &err)
{
    if (auto problem = checkOptions(parsed, {"json"}, {"watch"})) {
        return usageError(err, *problem);
    }
    QByteArrayList positional = parsed.positional;
    const bool watch = parsed.options.count("watch") > 0;
    double seconds = 1.0;
    if (auto it = parsed.options.find("watch"); it != parsed.options.end() && it->second) {
        bool ok = false;
        seconds = it->second->toDouble(&ok);
        if (!ok || seconds < 0.05 || seconds > 3600) {
            return usageError(err, QStringLiteral("--watch takes a number of seconds between 0.05 and 3600"));
        }
    } else if (watch && positional.size() == 3) {
        // "--watch 2": the interval is a word of its own, before or after MNT
        bool ok = false;
        qsizetype at = 2;
        seconds = positional[at].toDouble(&ok);
        if (!ok) {
            at = 1;
            seconds = positional[at].toDouble(&ok);
        }
        if (!ok || seconds < 0.05 || seconds > 3600) {
            return usageError(err, QStringLiteral("--watch takes a number of seconds between 0.05 and 3600"));
        }
        positional.removeAt(at);
    }
    if (positional.size() != 2) {
        return usageError(err, QStringLiteral("stats needs MNT"));
    }
    const QByteArray mountPoint = absolutePath(positional[1]);
    // The same watcher as the window's: the live mirror of this user at
    // MNT, its counters sampled from shared memory, and word of its end
    // from the mount table and the registry, without polling either.
    MirrorWatcher watcher;
    const auto entry = ownLiveMirrorAt(watcher, mountPoint, err);
    if (!entry) {
        return exitCode(MirrorError::NotMounted);
    }
    const QString id = entry->id;
    const auto first = watcher.lastSample(id);
    if (!first) {
        err << "passmirrorctl: cannot read the counters: " << watcher.statsError(id) << " [internal]\n";
        err.flush();
        return exitCode(MirrorError::Internal);
    }
    const bool json = parsed.options.count("json") > 0;
    auto print = [&](const Stats::Snapshot &snapshot) {
        if (json) {
            out << jsonOutput(statsJson(*entry, snapshot), watch ? QJsonDocument::Compact : QJsonDocument::Indented);
            if (watch) {
                out << "\n";
            }
        } else {
            if (watch && isatty(STDOUT_FILENO)) {
                out << "\033[H\033[2J";
            }
            printStats(out, *entry, snapshot);
        }
        out.flush();
    };
    print(*first);
    if (!watch || daemonEnded(*first)) {
        return ExitOk;
    }

    QEventLoop loop;
    QObject::connect(&watcher, &MirrorWatcher::statsSampled, &loop, [&](const QString &sampled) {
        const auto snapshot = sampled == id ? watcher.lastSample(id) : std::nullopt;
        if (snapshot) {
            print(*snapshot);
            if (daemonEnded(*snapshot)) {
                qCDebug(PASSMIRROR_CLI) << "the daemon at" << mountPoint << "ended:" << Stats::stateName(snapshot->state);
                loop.quit();
            }
        }
    });
    QObject::connect(&watcher, &MirrorWatcher::mirrorRemoved, &loop, [&](const QString &removed) {
        if (removed != id) {
            return;
        }
        // Its last counters, as the end left them, then why nothing follows.
        if (const auto last = watcher.lastSample(id)) {
            print(*last);
        }
        err << "passmirrorctl: the mirror at " << show(mountPoint) << " is gone\n";
        err.flush();
        loop.quit();
    });
    const Interruptions interruptions;
    interruptions.stops(&loop);
    watcher.setSampleInterval(std::chrono::milliseconds(static_cast<qint64>(seconds * 1000)));
    loop.exec();
    return ExitOk;
}
} // namespace

int run(const QByteArrayList &arguments, QTextStream &out, QTextStream &err)
{
    const Parsed parsed = parse(arguments);
    if (parsed.options.count("help") || (parsed.positional.isEmpty() && parsed.options.empty()) || parsed.positional.value(0) == "help") {
        out << helpText;
        out.flush();
        return ExitOk;
    }
    if (parsed.options.count("version")) {
        out << "passmirrorctl " << PASSMIRROR_VERSION << "\n";
        out.flush();
        return ExitOk;
    }
    const QByteArray command = parsed.positional.value(0);
    if (command == "mount") {
        return mountCommand(parsed, out, err);
    }
    if (command == "unmount" || command == "umount") {
        return unmountCommand(parsed, out, err);
    }
    if (command == "list") {
        return listCommand(parsed, out, err);
    }
    if (command == "stats") {
        return statsCommand(parsed, out, err);
    }
    if (command == "io-uring") {
        return ioUringCommand(parsed, out, err);
    }
    if (command == "activity") {
        return activityCommand(parsed, out, err);
    }
    if (command == "top") {
        return topCommand(parsed, out, err);
    }
    if (command == "metrics") {
        return metricsCommand(parsed, out, err);
    }
    return usageError(err, command.isEmpty() ? QStringLiteral("no command given") : QStringLiteral("unknown command '%1'").arg(show(command)));
}

} // namespace PassMirror::Ctl
