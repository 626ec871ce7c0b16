// SPDX-License-Identifier: GPL-2.0-or-later
// The mirrors of this user that the registry knows, with how alive each is.
// MirrorScanner reads the registry and /proc/self/mountinfo (no privilege,
// no helper call) once a second and whenever asked.
#pragma once

#include "mirrorregistry.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace PassMirror
{

struct LiveMirror {
    QString id;
    QString source;
    QString mountPoint;
    bool readOnly = false;
    QString passthrough;
    QString statsPath;
    Liveness liveness = Liveness::Live;
    bool operator==(const LiveMirror &other) const = default;
};

class MirrorScanner : public QObject
{
    Q_OBJECT
public:
    explicit MirrorScanner(QObject *parent = nullptr);
    // For tests: another registry folder and mountinfo file.
    MirrorScanner(const QString &registryDirectory, const QByteArray &mountInfoPath, QObject *parent = nullptr);

    void setInterval(int milliseconds);
    void start();
    [[nodiscard]] const QList<LiveMirror> &mirrors() const
    {
        return m_mirrors;
    }

public Q_SLOTS:
    // Reads now; emits changed() when the list differs from the last one.
    void refresh();

Q_SIGNALS:
    void changed(const QList<PassMirror::LiveMirror> &mirrors);

private:
    MirrorRegistry m_registry;
    QByteArray m_mountInfoPath;
    QTimer m_timer;
    QList<LiveMirror> m_mirrors;
    bool m_first = true;
};

} // namespace PassMirror
