// SPDX-License-Identifier: GPL-2.0-or-later
// A mirror the person saved, and where the window keeps them:
// $XDG_CONFIG_HOME/passmirror/mirrors.json, plus the XDG autostart entry for
// "start at login".
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace PassMirror
{

struct MirrorConfig {
    QString name;
    QString source;
    QString mountPoint;
    bool readOnly = false;
    QString passthrough = QStringLiteral("auto"); // auto | on | off
    bool mountAtLogin = false;

    // Following the session (the window's SessionFollower acts on these).
    // Waits while the source is missing or its drive is not mounted, mounts
    // as soon as it appears, unmounts when it goes away.
    bool mountWhenAvailable = false;
    // The mount point of the filesystem the source was last seen on (not
    // "/"): while nothing is mounted there, the source is not available,
    // even if an empty folder of its name is.
    QString sourceVolume;
    bool unmountOnLock = false;
    // Only mirrors this window unmounted at the lock are mounted again.
    bool mountOnUnlock = false;
    // Unmounted after this many minutes with no request counted; 0: never.
    int idleMinutes = 0;
    static constexpr int MaxIdleMinutes = 24 * 60;

    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static MirrorConfig fromJson(const QJsonObject &object);
    bool operator==(const MirrorConfig &other) const = default;
};

class MirrorStore
{
public:
    // Empty path: the default file under the XDG config folder.
    explicit MirrorStore(const QString &path = {});

    [[nodiscard]] static QString defaultPath();
    [[nodiscard]] const QString &path() const
    {
        return m_path;
    }

    [[nodiscard]] QList<MirrorConfig> load() const;
    // Atomically (QSaveFile); false when the file cannot be written.
    bool save(const QList<MirrorConfig> &mirrors) const;

    // The app's own settings, kept in the same file.
    [[nodiscard]] bool startAtLogin() const;
    bool setStartAtLogin(bool enabled) const;
    [[nodiscard]] static QString autostartPath();

private:
    [[nodiscard]] QJsonObject readAll() const;
    bool writeAll(const QJsonObject &root) const;

    QString m_path;
};

} // namespace PassMirror
