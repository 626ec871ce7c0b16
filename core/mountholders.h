// SPDX-License-Identifier: GPL-2.0-or-later
// Which processes keep a mount busy, as fuser -m would find them: a working
// directory, root, executable, open file or memory mapping under the mount
// point. Only processes this user may inspect are seen (others' /proc links
// are unreadable); the window and passmirrorctl both name them when an
// unmount is refused as busy.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace PassMirror
{

struct MountHolder {
    qint64 pid = 0;
    QString name; // /proc/PID/comm as shown: printableText(), since anyone names their process
    QStringList uses; // "cwd", "root", "exe", "fd 3", "mapped"
};

// `ignored`: the mirror's own supervisor and daemon, which hold the mount
// itself (seen when the caller is root) and are not what keeps it busy.
[[nodiscard]] QList<MountHolder> processesUsing(const QByteArray &mountPoint, const QList<qint64> &ignored = {});

} // namespace PassMirror
