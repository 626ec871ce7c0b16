// SPDX-License-Identifier: GPL-2.0-or-later
#include "activitycommand.h"

#include "activityformat.h"
#include "activityreader.h"
#include "displaytext.h"
#include "mirrorwatcher.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <ctime>
#include <unistd.h>

namespace PassMirror::Ctl
{

namespace
{

// How often --follow looks for new records: often enough to feel live,
// and a read of an idle ring costs two loads.
constexpr std::chrono::milliseconds FollowInterval(100);

struct Opened {
    MirrorEntry entry;
    Activity::ActivityReader reader;
};

// The caller's live mirror at `mountPoint` and its ring, or the exit code
// after saying why there is none.
std::variant<Opened, int> openRing(const QByteArray &mountPoint, MirrorWatcher &watcher, QTextStream &err)
{
    const auto entry = ownLiveMirrorAt(watcher, mountPoint, err);
    if (!entry) {
        return exitCode(MirrorError::NotMounted);
    }
    Opened opened{*entry, {}};
    const std::string ringPath = Activity::ringPathFor(QFile::encodeName(entry->statsPath).toStdString());
    if (!opened.reader.open(ringPath)) {
        if (access(ringPath.c_str(), F_OK) != 0 && errno == ENOENT) {
            err << "passmirrorctl: the mirror at " << show(mountPoint) << " keeps no activity record (it was mounted with --no-activity)"
                << " [internal]\n";
        } else {
            err << "passmirrorctl: cannot read the activity of " << show(mountPoint) << ": " << QString::fromStdString(opened.reader.errorString())
                << " [internal]\n";
        }
        err.flush();
        return exitCode(MirrorError::Internal);
    }
    return opened;
}

std::uint64_t nowUnixNs()
{
    timespec now{};
    clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<std::uint64_t>(now.tv_sec) * 1000000000u + static_cast<std::uint64_t>(now.tv_nsec);
}

void reportMissed(std::uint64_t missed, bool json, QTextStream &out, QTextStream &err)
{
    if (missed == 0) {
        return;
    }
    if (json) {
        out << jsonOutput(QJsonObject{{QStringLiteral("missed"), static_cast<qint64>(missed)}}, QJsonDocument::Compact) << "\n";
    } else {
        err << "passmirrorctl: " << missed << " event(s) lost: overwritten in the ring before they were read\n";
        err.flush();
    }
}

} // namespace

int activityCommand(const Parsed &parsed, QTextStream &out, QTextStream &err)
{
    if (auto problem = checkOptions(parsed, {"follow", "json", "errors"}, {"pid", "op"})) {
        return usageError(err, *problem);
    }
    if (parsed.positional.size() != 2) {
        return usageError(err, QStringLiteral("activity needs MNT"));
    }
    std::optional<int> pid;
    if (auto it = parsed.options.find("pid"); it != parsed.options.end()) {
        bool ok = false;
        pid = it->second.value_or(QByteArray()).toInt(&ok);
        if (!ok || *pid < 0) {
            return usageError(err, QStringLiteral("--pid needs a process id"));
        }
    }
    std::optional<QList<std::uint32_t>> operations;
    if (auto it = parsed.options.find("op"); it != parsed.options.end()) {
        QString unknown;
        operations = operationsNamed(QString::fromUtf8(it->second.value_or(QByteArray())), unknown);
        if (!operations) {
            return usageError(err, QStringLiteral("--op: unknown operation '%1'").arg(unknown));
        }
        if (operations->isEmpty()) {
            return usageError(err, QStringLiteral("--op needs operation names, as in --op=open,flush,release"));
        }
    }
    const bool json = parsed.has("json");
    const bool errorsOnly = parsed.has("errors");
    const bool follow = parsed.has("follow");

    MirrorWatcher watcher;
    auto opened = openRing(absolutePath(parsed.positional[1]), watcher, err);
    if (auto *code = std::get_if<int>(&opened)) {
        return *code;
    }
    auto &[entry, reader] = std::get<Opened>(opened);
    if (follow) {
        reader.startAtNewest(); // like fatrace: what happens from now on
    }

    std::vector<Activity::Event> events;
    const auto drain = [&] {
        for (;;) {
            events.clear();
            const Activity::ReadResult result = reader.read(events, 4096);
            reportMissed(result.missed, json, out, err);
            for (const Activity::Event &event : events) {
                if ((pid && event.pid != *pid) || (operations && !operations->contains(event.operation)) || (errorsOnly && event.error == 0)) {
                    continue;
                }
                if (json) {
                    out << jsonOutput(eventJson(event), QJsonDocument::Compact) << "\n";
                } else {
                    out << eventLine(event) << "\n";
                }
            }
            out.flush();
            if (result.received == 0) {
                return;
            }
        }
    };
    drain();
    if (!follow) {
        return ExitOk;
    }

    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        drain();
        if (!reader.isOpen()) {
            err << "passmirrorctl: the activity ring of " << show(entry.mountPoint) << " went away\n";
            err.flush();
            loop.quit();
        }
    });
    QObject::connect(&watcher, &MirrorWatcher::mirrorRemoved, &loop, [&](const QString &removed) {
        if (removed == entry.id) {
            drain(); // the last records, as the end left them
            err << "passmirrorctl: the mirror at " << show(entry.mountPoint) << " is gone\n";
            err.flush();
            loop.quit();
        }
    });
    const Interruptions interruptions;
    interruptions.stops(&loop);
    poll.start(FollowInterval);
    loop.exec();
    return ExitOk;
}

int topCommand(const Parsed &parsed, QTextStream &out, QTextStream &err)
{
    if (auto problem = checkOptions(parsed, {"json"}, {"seconds", "limit"})) {
        return usageError(err, *problem);
    }
    if (parsed.positional.size() != 2) {
        return usageError(err, QStringLiteral("top needs MNT"));
    }
    double seconds = 60;
    if (auto it = parsed.options.find("seconds"); it != parsed.options.end()) {
        bool ok = false;
        seconds = it->second.value_or(QByteArray()).toDouble(&ok);
        if (!ok || seconds <= 0 || seconds > 86400 * 365) {
            return usageError(err, QStringLiteral("--seconds needs a positive number of seconds"));
        }
    }
    int limit = 10;
    if (auto it = parsed.options.find("limit"); it != parsed.options.end()) {
        bool ok = false;
        limit = it->second.value_or(QByteArray()).toInt(&ok);
        if (!ok || limit <= 0) {
            return usageError(err, QStringLiteral("--limit needs a positive number"));
        }
    }

    MirrorWatcher watcher;
    auto opened = openRing(absolutePath(parsed.positional[1]), watcher, err);
    if (auto *code = std::get_if<int>(&opened)) {
        return *code;
    }
    auto &[entry, reader] = std::get<Opened>(opened);
    std::vector<Activity::Event> events;
    const Activity::ReadResult result = reader.read(events);
    const std::uint64_t now = nowUnixNs();
    const auto window = static_cast<std::uint64_t>(seconds * 1e9);
    const std::uint64_t since = now > window ? now - window : 0;
    const Activity::Summary summary = Activity::summarize(events, since, static_cast<std::size_t>(limit));
    // The window reaches back past the oldest record held: say how far the numbers go.
    const bool ringShorter = !events.empty() && (events.front().timeUnixNs > since) && reader.written() > reader.capacity();

    if (parsed.has("json")) {
        QJsonArray processes;
        for (const auto &p : summary.processes) {
            QJsonObject process{{QStringLiteral("pid"), p.pid},
                                {QStringLiteral("uid"), static_cast<qint64>(p.uid)},
                                {QStringLiteral("operations"), static_cast<qint64>(p.operations)},
                                {QStringLiteral("errors"), static_cast<qint64>(p.errors)},
                                {QStringLiteral("bytes"), static_cast<qint64>(p.bytes)}};
            insertBytes(process, QStringLiteral("command"), p.command);
            processes.append(process);
        }
        QJsonArray files;
        for (const auto &f : summary.files) {
            QJsonObject file{{QStringLiteral("operations"), static_cast<qint64>(f.operations)},
                             {QStringLiteral("errors"), static_cast<qint64>(f.errors)},
                             {QStringLiteral("bytes"), static_cast<qint64>(f.bytes)}};
            insertBytes(file, QStringLiteral("path"), f.path);
            files.append(file);
        }
        QJsonArray errors;
        for (const auto &e : summary.errors) {
            errors.append(QJsonObject{{QStringLiteral("operation"), QLatin1String(Activity::operationName(e.operation))},
                                      {QStringLiteral("error"), e.error},
                                      {QStringLiteral("errorName"), errnoName(e.error)},
                                      {QStringLiteral("count"), static_cast<qint64>(e.count)}});
        }
        out << jsonOutput(QJsonObject{{QStringLiteral("version"), 1},
                                      {QStringLiteral("mountPoint"), jsonString(entry.mountPoint)},
                                      {QStringLiteral("seconds"), seconds},
                                      {QStringLiteral("events"), static_cast<qint64>(summary.events)},
                                      {QStringLiteral("missed"), static_cast<qint64>(result.missed)},
                                      {QStringLiteral("ringShorterThanWindow"), ringShorter},
                                      {QStringLiteral("processes"), processes},
                                      {QStringLiteral("files"), files},
                                      {QStringLiteral("errors"), errors}},
                          QJsonDocument::Indented);
        out.flush();
        return ExitOk;
    }

    out << show(entry.mountPoint) << ": " << summary.events << " operation(s) in the last " << seconds << " s";
    if (ringShorter) {
        out << " (the ring holds only the last " << reader.capacity() << " records)";
    }
    out << "\n\n";
    out << QStringLiteral("%1 %2 %3 %4 %5  %6\n")
               .arg(QStringLiteral("PID"), 8)
               .arg(QStringLiteral("UID"), 6)
               .arg(QStringLiteral("OPS"), 9)
               .arg(QStringLiteral("ERRORS"), 7)
               .arg(QStringLiteral("BYTES"), 12)
               .arg(QStringLiteral("COMMAND"));
    for (const auto &p : summary.processes) {
        out << QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                   .arg(p.pid, 8)
                   .arg(p.uid, 6)
                   .arg(p.operations, 9)
                   .arg(p.errors, 7)
                   .arg(p.bytes, 12)
                   .arg(commandText(p.command));
    }
    out << "\n"
        << QStringLiteral("%1 %2 %3  %4\n")
               .arg(QStringLiteral("OPS"), 9)
               .arg(QStringLiteral("ERRORS"), 7)
               .arg(QStringLiteral("BYTES"), 12)
               .arg(QStringLiteral("FILE"));
    for (const auto &f : summary.files) {
        out << QStringLiteral("%1 %2 %3  %4\n").arg(f.operations, 9).arg(f.errors, 7).arg(f.bytes, 12).arg(printableText(f.path));
    }
    if (!summary.errors.empty()) {
        out << "\nErrors:\n";
        for (const auto &e : summary.errors) {
            out << QStringLiteral("%1  %2 %3\n").arg(e.count, 9).arg(QLatin1String(Activity::operationName(e.operation))).arg(resultText(e.error));
        }
    }
    out.flush();
    return ExitOk;
}

} // namespace PassMirror::Ctl
