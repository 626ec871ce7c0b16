// SPDX-License-Identifier: GPL-2.0-or-later
// What the tests of the helper on the private system bus share: running a
// program as a test user against that bus, reading its JSON, and looking at
// the mount table.
#pragma once

#include "mountinfo.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <algorithm>
#include <sys/stat.h>
#include <unistd.h>

namespace BusTest
{
struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

inline Run runAs(const QString &user, const QString &program, const QStringList &arguments, int timeoutMs = 60000)
{
    QProcess process;
    QStringList all{QStringLiteral("-u"),
                    user,
                    QStringLiteral("--"),
                    QStringLiteral("env"),
                    QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS=") + qEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS"),
                    program};
    all += arguments;
    process.start(QStringLiteral("runuser"), all);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(), process.readAllStandardError()};
}

// The whole output as one JSON document, or else its last line (NDJSON).
inline QJsonObject json(const QByteArray &text)
{
    const auto whole = QJsonDocument::fromJson(text);
    return whole.isObject() ? whole.object() : QJsonDocument::fromJson(text.trimmed().split('\n').last()).object();
}

inline int mirrorCount()
{
    const auto mounts = PassMirror::readMountInfo();
    return static_cast<int>(std::count_if(mounts.begin(), mounts.end(), [](const PassMirror::MountEntry &m) {
        return m.isMirror();
    }));
}

// For failure messages: where mirrors are mounted now.
inline QByteArray mirrorList()
{
    QByteArray list;
    for (const auto &m : PassMirror::readMountInfo()) {
        if (m.isMirror()) {
            list += m.mountSource + " on " + m.mountPoint + "; ";
        }
    }
    return list;
}

inline bool mirrorAt(const QString &path)
{
    const auto mount = PassMirror::mountAt(PassMirror::readMountInfo(), QFile::encodeName(path));
    return mount && mount->isMirror();
}

inline void makeDir(const QString &path, uid_t uid, mode_t mode = 0755)
{
    const QByteArray native = QFile::encodeName(path);
    QVERIFY2(::mkdir(native.constData(), mode) == 0 || errno == EEXIST, native.constData());
    QVERIFY(::chown(native.constData(), uid, uid) == 0);
    QVERIFY(::chmod(native.constData(), mode) == 0);
}

inline void writeFile(const QString &path, const QByteArray &content, uid_t uid)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QVERIFY(::chown(QFile::encodeName(path).constData(), uid, uid) == 0);
}
} // namespace BusTest
