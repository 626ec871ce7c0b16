// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorvalidation.h"

#include "pathresults.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <climits>
#include <cstdlib>
#include <unistd.h>

namespace PassMirror::MirrorValidation
{

namespace
{
using PathRules::Role;

QString translated(const char *text)
{
    return QCoreApplication::translate("PassMirror::MirrorValidation", text);
}

// The words the dialog shows for each rule of base's PathRules a path broke;
// which rule it was comes typed with the problem, never from its text.
QString invalidWords(PathRules::Invalid why, Role role)
{
    const bool source = role == Role::Source;
    switch (why) {
    case PathRules::Invalid::Empty:
        return source ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "Choose the folder to mirror."))
                      : translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "Choose an empty folder to show the mirror in."));
    case PathRules::Invalid::ContainsNul:
        return source ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path contains a NUL character."))
                      : translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path contains a NUL character."));
    case PathRules::Invalid::NotUtf8:
        return source ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path is not valid UTF-8."))
                      : translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path is not valid UTF-8."));
    case PathRules::Invalid::ControlCharacter:
        return source
            ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path contains a control character (such as a line break or a tab)."))
            : translated(
                  QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path contains a control character (such as a line break or a tab)."));
    case PathRules::Invalid::NotAbsolute:
        return source ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source must be an absolute path (starting with /)."))
                      : translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point must be an absolute path (starting with /)."));
    case PathRules::Invalid::TooLong:
    case PathRules::Invalid::NameTooLong:
        return source ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path or one of its names is too long."))
                      : translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path or one of its names is too long."));
    case PathRules::Invalid::DotComponent:
        return source ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path must not contain \".\" or \"..\"."))
                      : translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path must not contain \".\" or \"..\"."));
    case PathRules::Invalid::Symlink:
        return source ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path contains a symbolic link."))
                      : translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path contains a symbolic link."));
    case PathRules::Invalid::InsideUserServedFuse:
        break; // only the helper's own walk asks this
    }
    return {};
}

QString words(const PathRules::Problem &problem)
{
    if (problem.invalid) {
        if (QString text = invalidWords(*problem.invalid, problem.role); !text.isEmpty()) {
            return text;
        }
    }
    switch (problem.error) {
    case MirrorError::SourceMissing:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source folder does not exist."));
    case MirrorError::SourceNotDirectory:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source is not a folder."));
    case MirrorError::SourcePseudoFilesystem:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation",
                                            "The source is, or contains, a system folder of the kernel (such as /proc); it cannot be mirrored."));
    case MirrorError::SourceNotReadable:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "You cannot read the source folder."));
    case MirrorError::SourceInsideMountPoint:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source folder is inside the mount point."));
    case MirrorError::MountPointMissing:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point does not exist; create it or use \"Create under ~/Mirrors\"."));
    case MirrorError::MountPointNotDirectory:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point is not a folder."));
    case MirrorError::MountPointNotOwned:
        // Only the walk gives this here: whose folder it is, is asked apart.
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "You cannot reach the mount point."));
    case MirrorError::MountPointNotEmpty:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point is not empty; use an empty folder."));
    case MirrorError::MountPointInsideSource:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point is inside the source folder; the mirror would contain itself."));
    default:
        return QString::fromStdString(problem.message);
    }
}

bool samePath(const QString &a, const QString &b)
{
    return !a.isEmpty() && QDir::cleanPath(a) == QDir::cleanPath(b);
}
} // namespace

QString resolvePath(const QString &typed)
{
    QString path = typed.trimmed();
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/"))) {
        path = QDir::homePath() + path.mid(1);
    }
    if (!path.startsWith(QLatin1Char('/'))) {
        return path;
    }
    char resolved[PATH_MAX];
    if (realpath(QFile::encodeName(path).constData(), resolved)) {
        return QFile::decodeName(resolved);
    }
    return QString::fromUtf8(PathRules::normalize(path.toUtf8()));
}

Problems validate(const MirrorConfig &config, const QList<MirrorConfig> &others, bool mountedNow)
{
    Problems problems;
    if (config.name.trimmed().isEmpty()) {
        problems.name = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "Give the mirror a name."));
    } else if (std::any_of(others.begin(), others.end(), [&](const MirrorConfig &other) {
                   return other.name.trimmed() == config.name.trimmed();
               })) {
        problems.name = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "Another mirror already has this name."));
    }

    // As the person: the same rules the helper runs as them, one path at a time.
    const QByteArray source = QFile::encodeName(config.source);
    const QByteArray mountPoint = QFile::encodeName(config.mountPoint);
    auto openedSource = PathRules::openSource(PathRules::bytesOf(source));
    if (const auto *problem = std::get_if<PathRules::Problem>(&openedSource)) {
        // A mirror that waits for its source may be saved before the drive
        // or share is there; any other problem with the path still counts.
        if (!(config.mountWhenAvailable && problem->error == MirrorError::SourceMissing)) {
            problems.source = words(*problem);
        }
    }

    if (const auto syntax = PathRules::checkSyntax(PathRules::bytesOf(mountPoint), Role::MountPoint)) {
        problems.mountPoint = words(*syntax);
        return problems;
    }
    if (std::any_of(others.begin(), others.end(), [&](const MirrorConfig &other) {
            return samePath(other.mountPoint, config.mountPoint);
        })) {
        problems.mountPoint = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "Another mirror already uses this mount point."));
        return problems;
    }
    auto openedMountPoint = PathRules::openMountPoint(PathRules::bytesOf(mountPoint));
    if (const auto *problem = std::get_if<PathRules::Problem>(&openedMountPoint)) {
        problems.mountPoint = words(*problem);
        return problems;
    }
    if (mountedNow) {
        return problems; // its mount point is the mirror now: neither empty nor to be judged
    }
    const auto &mount = std::get<PathRules::OpenedPath>(openedMountPoint);
    if (PathRules::checkMountPointOwnedBy(mount, getuid())) {
        problems.mountPoint =
            translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point belongs to someone else; use a folder of your own."));
    } else if (const auto empty = PathRules::checkMountPointEmpty(mount)) {
        problems.mountPoint = words(*empty);
    } else if (const auto *opened = std::get_if<PathRules::OpenedPath>(&openedSource)) {
        if (const auto nested = PathRules::checkNotNested(*opened, mount)) {
            (nested->role == Role::Source ? problems.source : problems.mountPoint) = words(*nested);
        }
    }
    return problems;
}

} // namespace PassMirror::MirrorValidation
