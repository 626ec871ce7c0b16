// SPDX-License-Identifier: GPL-2.0-or-later
#include "metricscommand.h"

#include "metricsformat.h"
#include "metricsserver.h"
#include "mirrorwatcher.h"
#include "passmirrorctl_debug.h"

#include <QEventLoop>

#include <algorithm>
#include <unistd.h>

namespace PassMirror::Ctl
{

namespace
{

// The live mirrors the watcher sees, each with its last sample, by mount point.
QList<Metrics::Mirror> mirrorsOf(const MirrorWatcher &watcher)
{
    QList<Metrics::Mirror> mirrors;
    for (const MirrorEntry &entry : watcher.mirrors()) {
        mirrors.append({entry.id, entry.mountPoint, entry.source, watcher.lastSample(entry.id).value_or(Stats::Snapshot{})});
    }
    std::ranges::sort(mirrors, [](const Metrics::Mirror &a, const Metrics::Mirror &b) {
        return std::tie(a.mountPoint, a.id) < std::tie(b.mountPoint, b.id);
    });
    return mirrors;
}

} // namespace

int metricsCommand(const Parsed &parsed, QTextStream &out, QTextStream &err)
{
    if (auto problem = checkOptions(parsed, {}, {"listen"})) {
        return usageError(err, *problem);
    }
    QByteArrayList positional = parsed.positional;
    std::optional<ListenAddress> listen;
    if (auto it = parsed.options.find("listen"); it != parsed.options.end()) {
        // --listen=HOST:PORT or --listen HOST:PORT
        QByteArray text;
        if (it->second) {
            text = *it->second;
        } else if (positional.size() == 2) {
            text = positional.takeLast();
        } else {
            return usageError(err, QStringLiteral("--listen needs HOST:PORT, such as 127.0.0.1:9731"));
        }
        auto parsedAddress = parseListenAddress(text);
        if (const auto *problem = std::get_if<QString>(&parsedAddress)) {
            return usageError(err, *problem);
        }
        listen = std::get<ListenAddress>(parsedAddress);
    }
    if (positional.size() != 1) {
        return usageError(err, QStringLiteral("metrics takes no arguments besides --listen HOST:PORT"));
    }

    // The same watcher as list's and stats': the caller's live mirrors
    // (root: everyone's), their stats files mapped once.
    MirrorWatcher watcher;
    if (getuid() != 0) {
        watcher.setOwner(getuid());
    }
    watcher.start();
    if (!listen) {
        out << QString::fromUtf8(Metrics::render(mirrorsOf(watcher)));
        out.flush();
        return ExitOk;
    }

    const Interruptions interruptions;
    MetricsServer server([&watcher]() {
        watcher.rescan(); // reads the registry and the mount table, samples every mirror
        return Metrics::render(mirrorsOf(watcher));
    });
    if (!server.listen(*listen)) {
        err << "passmirrorctl: " << server.errorString() << " [internal]\n";
        err.flush();
        return exitCode(MirrorError::Internal);
    }
    err << "passmirrorctl: serving the metrics at http://" << QString::fromUtf8(server.address().toText()) << "/metrics\n";
    err.flush();
    QEventLoop loop;
    interruptions.stops(&loop);
    loop.exec();
    qCDebug(PASSMIRROR_CLI) << "metrics: interrupted, ending";
    return ExitOk;
}

} // namespace PassMirror::Ctl
