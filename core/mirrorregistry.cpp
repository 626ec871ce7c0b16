// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorregistry.h"

#include "mountinfo.h"
#include "mountrecord.h"
#include "posixacl.h"
#include "randomid.h"
#include "rundirectory.h"
#include "uniquefd.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{
QString stateName(MirrorEntry::State state)
{
    return state == MirrorEntry::State::Live ? QStringLiteral("live") : QStringLiteral("starting");
}

bool processAlive(qint64 pid)
{
    return pid > 0 && (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
}
} // namespace

QJsonObject MirrorEntry::toJson() const
{
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("id"), id},
        {QStringLiteral("state"), stateName(state)},
        {QStringLiteral("source"), QString::fromUtf8(source)},
        {QStringLiteral("mountPoint"), QString::fromUtf8(mountPoint)},
        {QStringLiteral("ownerUid"), static_cast<qint64>(ownerUid)},
        {QStringLiteral("readOnly"), readOnly},
        {QStringLiteral("shared"), shared},
        {QStringLiteral("passthrough"), passthrough},
        {QStringLiteral("statsPath"), statsPath},
        {QStringLiteral("supervisorPid"), supervisorPid},
        {QStringLiteral("supervisorStart"), QString::number(supervisorStart)},
        {QStringLiteral("daemonPid"), daemonPid},
        {QStringLiteral("helperPid"), helperPid},
        {QStringLiteral("mountId"), QString::number(mountId)},
        {QStringLiteral("uniqueMountId"), QString::number(uniqueMountId)},
        {QStringLiteral("startTime"), startTime.toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("bootId"), bootId},
    };
}

std::optional<MirrorEntry> MirrorEntry::fromJson(const QJsonObject &o)
{
    if (o.value(QStringLiteral("version")).toInt() != 1) {
        return std::nullopt;
    }
    MirrorEntry e;
    e.id = o.value(QStringLiteral("id")).toString();
    const QString state = o.value(QStringLiteral("state")).toString();
    if (!isRandomId(e.id) || (state != QLatin1String("live") && state != QLatin1String("starting"))) {
        return std::nullopt;
    }
    e.state = state == QLatin1String("live") ? State::Live : State::Starting;
    e.source = o.value(QStringLiteral("source")).toString().toUtf8();
    e.mountPoint = o.value(QStringLiteral("mountPoint")).toString().toUtf8();
    e.ownerUid = static_cast<uid_t>(o.value(QStringLiteral("ownerUid")).toInteger(-1));
    e.readOnly = o.value(QStringLiteral("readOnly")).toBool();
    e.shared = o.value(QStringLiteral("shared")).toBool();
    e.passthrough = o.value(QStringLiteral("passthrough")).toString();
    e.statsPath = o.value(QStringLiteral("statsPath")).toString();
    e.supervisorPid = o.value(QStringLiteral("supervisorPid")).toInteger();
    e.supervisorStart = o.value(QStringLiteral("supervisorStart")).toString().toULongLong();
    e.daemonPid = o.value(QStringLiteral("daemonPid")).toInteger();
    e.helperPid = o.value(QStringLiteral("helperPid")).toInteger();
    e.mountId = o.value(QStringLiteral("mountId")).toString().toULongLong();
    e.uniqueMountId = o.value(QStringLiteral("uniqueMountId")).toString().toULongLong();
    e.startTime = QDateTime::fromString(o.value(QStringLiteral("startTime")).toString(), Qt::ISODateWithMs);
    e.bootId = o.value(QStringLiteral("bootId")).toString();
    return e;
}

Liveness livenessOf(const MirrorEntry &entry, const QList<MountEntry> &mounts, const QString &bootId)
{
    if (entry.bootId != bootId) {
        return Liveness::OtherBoot;
    }
    if (entry.state == MirrorEntry::State::Starting) {
        return Liveness::Starting;
    }
    const bool mounted = std::any_of(mounts.begin(), mounts.end(), [&entry](const MountEntry &mount) {
        return mount.id == entry.mountId && mount.isMirror() && mount.mountPoint == entry.mountPoint;
    });
    if (!mounted) {
        return Liveness::MountGone;
    }
    const bool supervisorRuns =
        entry.supervisorStart != 0 ? processRunning(static_cast<pid_t>(entry.supervisorPid), entry.supervisorStart) : processAlive(entry.supervisorPid);
    if (!supervisorRuns) {
        return Liveness::SupervisorGone;
    }
    return Liveness::Live;
}

QString currentBootId()
{
    QFile file(QStringLiteral("/proc/sys/kernel/random/boot_id"));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QString::fromLatin1(file.readAll().trimmed());
}

MirrorRegistry::MirrorRegistry(const QString &directory)
    : m_directory(directory)
{
}

QString MirrorRegistry::defaultDirectory()
{
    return QFile::decodeName(QByteArray::fromStdString(registryDirectory()));
}

QString MirrorRegistry::defaultStatsDirectory()
{
    return QFile::decodeName(QByteArray::fromStdString(statsDirectory()));
}

QList<MirrorEntry> MirrorRegistry::readableEntries() const
{
    QList<MirrorEntry> entries;
    const QDir dir(m_directory);
    const auto names = dir.entryList({QStringLiteral("*.json")}, QDir::Files | QDir::NoSymLinks, QDir::Name);
    for (const QString &name : names) {
        if (auto found = entry(name.chopped(5))) {
            entries.append(*found);
        }
    }
    return entries;
}

QList<MirrorEntry> MirrorRegistry::liveEntriesOf(uid_t owner) const
{
    const auto mounts = readMountInfo();
    const QString bootId = currentBootId();
    QList<MirrorEntry> live;
    for (const MirrorEntry &entry : readableEntries()) {
        if (entry.ownerUid == owner && livenessOf(entry, mounts, bootId) == Liveness::Live) {
            live.append(entry);
        }
    }
    return live;
}

std::optional<MirrorEntry> MirrorRegistry::entry(const QString &id) const
{
    if (!isRandomId(id)) {
        return std::nullopt;
    }
    const QByteArray path = QFile::encodeName(m_directory + QLatin1Char('/') + id + QStringLiteral(".json"));
    const UniqueFd fd(::open(path.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd) {
        return std::nullopt; // someone else's, or gone
    }
    QFile file;
    if (!file.open(fd.get(), QIODevice::ReadOnly, QFileDevice::DontCloseHandle)) {
        return std::nullopt;
    }
    const auto document = QJsonDocument::fromJson(file.read(64 * 1024));
    auto parsed = MirrorEntry::fromJson(document.object());
    if (parsed && parsed->id != id) {
        return std::nullopt;
    }
    return parsed;
}

MirrorResult MirrorRegistry::ensureDirectory() const
{
    for (const QString &path : {QFile::decodeName(QByteArray::fromStdString(runDirectory())), m_directory, defaultStatsDirectory()}) {
        const QByteArray native = QFile::encodeName(path);
        if (mkdir(native.constData(), 0755) != 0 && errno != EEXIST) {
            return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Cannot create %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno))));
        }
        struct stat st{};
        if (lstat(native.constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & 022) != 0) {
            return MirrorResult::failure(MirrorError::Internal, QStringLiteral("%1 is not a root-owned folder closed to others").arg(path));
        }
    }
    return MirrorResult::success();
}

MirrorResult MirrorRegistry::write(const MirrorEntry &entry) const
{
    if (!isRandomId(entry.id)) {
        return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Invalid registry id"));
    }
    const QByteArray data = QJsonDocument(entry.toJson()).toJson(QJsonDocument::Indented);
    const QString finalPath = m_directory + QLatin1Char('/') + entry.id + QStringLiteral(".json");
    const QString tempPath = m_directory + QStringLiteral("/.") + entry.id + QStringLiteral(".tmp");
    const QByteArray tempNative = QFile::encodeName(tempPath);
    unlink(tempNative.constData());
    UniqueFd fd(::open(tempNative.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
    if (!fd) {
        return MirrorResult::failure(MirrorError::Internal, QStringLiteral("Cannot write the registry: %1").arg(QString::fromLocal8Bit(strerror(errno))));
    }
    auto fail = [&](const char *what) {
        const QString message = QStringLiteral("Cannot write the registry (%1): %2").arg(QLatin1String(what), QString::fromLocal8Bit(strerror(errno)));
        fd.reset();
        unlink(tempNative.constData());
        return MirrorResult::failure(MirrorError::Internal, message);
    };
    // The owner may read the entry, nobody else (the same ACL as a stats file).
    if (!grantReadAccess(fd.get(), entry.ownerUid)) {
        return fail("acl");
    }
    if (::write(fd.get(), data.constData(), data.size()) != data.size()) {
        return fail("write");
    }
    fd.reset();
    if (rename(tempNative.constData(), QFile::encodeName(finalPath).constData()) != 0) {
        const QString message = QStringLiteral("Cannot write the registry: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        unlink(tempNative.constData());
        return MirrorResult::failure(MirrorError::Internal, message);
    }
    return MirrorResult::success();
}

bool MirrorRegistry::remove(const QString &id) const
{
    if (!isRandomId(id)) {
        return false;
    }
    return unlink(QFile::encodeName(m_directory + QLatin1Char('/') + id + QStringLiteral(".json")).constData()) == 0;
}

} // namespace PassMirror
