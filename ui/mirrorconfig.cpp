// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorconfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace PassMirror
{

namespace
{
constexpr QLatin1StringView MirrorsKey{"mirrors"};
constexpr QLatin1StringView StartAtLoginKey{"startAtLogin"};
} // namespace

QJsonObject MirrorConfig::toJson() const
{
    return {
        {QStringLiteral("name"), name},
        {QStringLiteral("source"), source},
        {QStringLiteral("mountPoint"), mountPoint},
        {QStringLiteral("readOnly"), readOnly},
        {QStringLiteral("passthrough"), passthrough},
        {QStringLiteral("mountAtLogin"), mountAtLogin},
        {QStringLiteral("mountWhenAvailable"), mountWhenAvailable},
        {QStringLiteral("sourceVolume"), sourceVolume},
        {QStringLiteral("unmountOnLock"), unmountOnLock},
        {QStringLiteral("mountOnUnlock"), mountOnUnlock},
        {QStringLiteral("idleMinutes"), idleMinutes},
    };
}

MirrorConfig MirrorConfig::fromJson(const QJsonObject &o)
{
    MirrorConfig c;
    c.name = o.value(QStringLiteral("name")).toString();
    c.source = o.value(QStringLiteral("source")).toString();
    c.mountPoint = o.value(QStringLiteral("mountPoint")).toString();
    c.readOnly = o.value(QStringLiteral("readOnly")).toBool();
    c.passthrough = o.value(QStringLiteral("passthrough")).toString(QStringLiteral("auto"));
    if (c.passthrough != QLatin1String("on") && c.passthrough != QLatin1String("off")) {
        c.passthrough = QStringLiteral("auto");
    }
    c.mountAtLogin = o.value(QStringLiteral("mountAtLogin")).toBool();
    c.mountWhenAvailable = o.value(QStringLiteral("mountWhenAvailable")).toBool();
    c.sourceVolume = o.value(QStringLiteral("sourceVolume")).toString();
    c.unmountOnLock = o.value(QStringLiteral("unmountOnLock")).toBool();
    c.mountOnUnlock = o.value(QStringLiteral("mountOnUnlock")).toBool();
    // A hand-edited file gets the nearest sensible value, never a negative wait.
    c.idleMinutes = std::clamp(o.value(QStringLiteral("idleMinutes")).toInt(0), 0, MaxIdleMinutes);
    return c;
}

MirrorStore::MirrorStore(const QString &path)
    : m_path(path.isEmpty() ? defaultPath() : path)
{
}

QString MirrorStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/passmirror/mirrors.json");
}

QString MirrorStore::autostartPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + QStringLiteral("/autostart/org.passmirror.PassMirror.desktop");
}

QJsonObject MirrorStore::readAll() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool MirrorStore::writeAll(const QJsonObject &root) const
{
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        return false;
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(QJsonDocument(root).toJson());
    return file.commit();
}

QList<MirrorConfig> MirrorStore::load() const
{
    QList<MirrorConfig> mirrors;
    const QJsonArray array = readAll().value(MirrorsKey).toArray();
    for (const auto &value : array) {
        auto config = MirrorConfig::fromJson(value.toObject());
        if (!config.mountPoint.isEmpty()) {
            mirrors.append(config);
        }
    }
    return mirrors;
}

bool MirrorStore::save(const QList<MirrorConfig> &mirrors) const
{
    QJsonObject root = readAll();
    QJsonArray array;
    for (const auto &mirror : mirrors) {
        array.append(mirror.toJson());
    }
    root.insert(MirrorsKey, array);
    return writeAll(root);
}

bool MirrorStore::startAtLogin() const
{
    return readAll().value(StartAtLoginKey).toBool();
}

bool MirrorStore::setStartAtLogin(bool enabled) const
{
    QJsonObject root = readAll();
    root.insert(StartAtLoginKey, enabled);
    if (!writeAll(root)) {
        return false;
    }
    const QString entry = autostartPath();
    if (!enabled) {
        return !QFile::exists(entry) || QFile::remove(entry);
    }
    if (!QDir().mkpath(QFileInfo(entry).absolutePath())) {
        return false;
    }
    QSaveFile file(entry);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=PassMirror\n"
        "Exec=passmirror --minimized --mount-at-login\n"
        "Icon=org.passmirror.PassMirror\n"
        "X-GNOME-Autostart-enabled=true\n"
        "NoDisplay=true\n");
    return file.commit();
}

} // namespace PassMirror
