// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountholders.h"

#include "displaytext.h"

#include <QDir>
#include <QFile>

namespace PassMirror
{

QList<MountHolder> processesUsing(const QByteArray &mountPoint, const QList<qint64> &ignored)
{
    QList<MountHolder> found;
    const QByteArray prefix = mountPoint + '/';
    auto under = [&](const QByteArray &target) {
        return target == mountPoint || target.startsWith(prefix);
    };
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &entry : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid || ignored.contains(pid)) {
            continue;
        }
        const QString base = proc.filePath(entry);
        MountHolder holder;
        holder.pid = pid;
        for (const char *link : {"cwd", "root", "exe"}) {
            if (under(QFile::encodeName(QFile::symLinkTarget(base + QLatin1Char('/') + QLatin1String(link))))) {
                holder.uses << QLatin1String(link);
            }
        }
        const QDir fds(base + QStringLiteral("/fd"));
        for (const QString &fd : fds.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System)) {
            if (under(QFile::encodeName(QFile::symLinkTarget(fds.filePath(fd))))) {
                holder.uses << QStringLiteral("fd %1").arg(fd);
            }
        }
        QFile maps(base + QStringLiteral("/maps"));
        if (maps.open(QIODevice::ReadOnly)) {
            const QByteArray text = maps.readAll();
            for (const QByteArray &line : text.split('\n')) {
                const qsizetype slash = line.indexOf('/');
                if (slash >= 0 && under(line.mid(slash))) {
                    holder.uses << QStringLiteral("mapped");
                    break;
                }
            }
        }
        if (holder.uses.isEmpty()) {
            continue;
        }
        QFile comm(base + QStringLiteral("/comm"));
        QByteArray name = comm.open(QIODevice::ReadOnly) ? comm.readAll() : QByteArray();
        if (name.endsWith('\n')) {
            name.chop(1); // the kernel's; one inside the name is the process's own
        }
        holder.name = name.isEmpty() ? QStringLiteral("?") : printableText(name);
        found << holder;
    }
    return found;
}

} // namespace PassMirror
