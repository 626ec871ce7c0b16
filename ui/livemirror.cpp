// SPDX-License-Identifier: GPL-2.0-or-later
#include "livemirror.h"

#include "mountinfo.h"

#include <unistd.h>

namespace PassMirror
{

MirrorScanner::MirrorScanner(QObject *parent)
    : MirrorScanner(MirrorRegistry::defaultDirectory(), QByteArrayLiteral("/proc/self/mountinfo"), parent)
{
}

MirrorScanner::MirrorScanner(const QString &registryDirectory, const QByteArray &mountInfoPath, QObject *parent)
    : QObject(parent)
    , m_registry(registryDirectory)
    , m_mountInfoPath(mountInfoPath)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &MirrorScanner::refresh);
}

void MirrorScanner::setInterval(int milliseconds)
{
    m_timer.setInterval(milliseconds);
}

void MirrorScanner::start()
{
    refresh();
    m_timer.start();
}

void MirrorScanner::refresh()
{
    const auto mounts = readMountInfo(m_mountInfoPath.constData());
    const QString bootId = currentBootId();
    const uid_t me = getuid();
    QList<LiveMirror> found;
    for (const MirrorEntry &entry : m_registry.readableEntries()) {
        if (entry.ownerUid != me) {
            continue;
        }
        const Liveness liveness = livenessOf(entry, mounts, bootId);
        if (liveness == Liveness::OtherBoot) {
            continue;
        }
        found.append(LiveMirror{entry.id,
                                QString::fromUtf8(entry.source),
                                QString::fromUtf8(entry.mountPoint),
                                entry.readOnly,
                                entry.passthrough,
                                entry.statsPath,
                                liveness});
    }
    if (found != m_mirrors || m_first) {
        m_first = false;
        m_mirrors = found;
        Q_EMIT changed(m_mirrors);
    }
}

} // namespace PassMirror
