// SPDX-License-Identifier: GPL-2.0-or-later
// The desktop session a window test runs the real Application in (as root,
// with the desktop-services and helper-services fixtures): its own HOME and
// XDG folders under `base`, so the saved mirrors, the autostart entry,
// kglobalacceld's kglobalshortcutsrc and KNotification's event file are the
// test's own; the C locale; then the test in a QApplication named like the
// window, which stays up while its windows come and go.
#pragma once

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QTest>

namespace PassMirror::WindowTestSession
{

inline void useOwnFolders(const QString &base)
{
    for (const char *folder : {"config", "data/knotifications6", "runtime"}) {
        QDir().mkpath(base + QLatin1Char('/') + QLatin1String(folder));
    }
    qputenv("HOME", QFile::encodeName(base));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(base + QStringLiteral("/config")));
    qputenv("XDG_DATA_HOME", QFile::encodeName(base + QStringLiteral("/data")));
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(base + QStringLiteral("/runtime")));
    qputenv("LANG", "C.UTF-8");
    QFile::setPermissions(base + QStringLiteral("/runtime"), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // KNotification sends only the events its file names.
    if (const QString notifyrc = qEnvironmentVariable("PASSMIRROR_NOTIFYRC"); !notifyrc.isEmpty()) {
        QFile::copy(notifyrc, base + QStringLiteral("/data/knotifications6/passmirror.notifyrc"));
    }
}

template<typename Test>
int run(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("passmirror"));
    QApplication::setQuitOnLastWindowClosed(false);
    Test test;
    return QTest::qExec(&test, argc, argv);
}

} // namespace PassMirror::WindowTestSession
