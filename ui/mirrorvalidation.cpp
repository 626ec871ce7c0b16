// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorvalidation.h"

#include "pathrules.h"

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

// Every syntax rule of core, each with the words the dialog shows.
struct SyntaxRule {
    MirrorResult (*check)(const QByteArray &, Role);
    const char *source;
    const char *mountPoint;
};

const SyntaxRule SyntaxRules[] = {
    {PathRules::checkNotEmpty,
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "Choose the folder to mirror."),
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "Choose an empty folder to show the mirror in.")},
    {PathRules::checkNoNul,
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path contains a NUL character."),
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path contains a NUL character.")},
    {PathRules::checkValidUtf8,
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path is not valid UTF-8."),
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path is not valid UTF-8.")},
    {PathRules::checkAbsolute,
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source must be an absolute path (starting with /)."),
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point must be an absolute path (starting with /).")},
    {PathRules::checkLength,
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path or one of its names is too long."),
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path or one of its names is too long.")},
    {PathRules::checkNoDotComponents,
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path must not contain \".\" or \"..\"."),
     QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path must not contain \".\" or \"..\".")},
};

QString syntaxProblem(const QByteArray &path, Role role)
{
    for (const SyntaxRule &rule : SyntaxRules) {
        if (!rule.check(path, role).ok()) {
            return translated(role == Role::Source ? rule.source : rule.mountPoint);
        }
    }
    return {};
}

QString openProblem(const MirrorResult &result, Role role)
{
    switch (result.error) {
    case MirrorError::SourceMissing:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source folder does not exist."));
    case MirrorError::MountPointMissing:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point does not exist; create it or use \"Create under ~/Mirrors\"."));
    case MirrorError::PathInvalid:
        return role == Role::Source ? translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source path contains a symbolic link."))
                                    : translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point path contains a symbolic link."));
    case MirrorError::SourceNotReadable:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "You cannot reach the source folder."));
    case MirrorError::MountPointNotOwned:
        return translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "You cannot reach the mount point."));
    default:
        return result.message;
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

    const QByteArray source = QFile::encodeName(config.source);
    const QByteArray mountPoint = QFile::encodeName(config.mountPoint);
    std::optional<PathRules::OpenedPath> openedSource;
    std::optional<PathRules::OpenedPath> openedMountPoint;

    problems.source = syntaxProblem(source, Role::Source);
    if (problems.source.isEmpty()) {
        auto opened = PathRules::openWithoutSymlinks(source, Role::Source);
        if (auto *failure = std::get_if<MirrorResult>(&opened)) {
            problems.source = openProblem(*failure, Role::Source);
        } else {
            auto &path = std::get<PathRules::OpenedPath>(opened);
            if (!PathRules::checkSourceIsDirectory(path).ok()) {
                problems.source = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source is not a folder."));
            } else if (!PathRules::checkSourceNotPseudoFilesystem(path).ok()) {
                problems.source = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation",
                                                               "The source is, or contains, a system folder of the kernel (such as /proc); it cannot be mirrored."));
            } else if (!PathRules::checkSourceReadable(path).ok()) {
                problems.source = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "You cannot read the source folder."));
            } else {
                openedSource = std::move(path);
            }
        }
    }

    problems.mountPoint = syntaxProblem(mountPoint, Role::MountPoint);
    if (problems.mountPoint.isEmpty()) {
        if (std::any_of(others.begin(), others.end(), [&](const MirrorConfig &other) {
                return samePath(other.mountPoint, config.mountPoint);
            })) {
            problems.mountPoint = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "Another mirror already uses this mount point."));
        }
    }
    if (problems.mountPoint.isEmpty()) {
        auto opened = PathRules::openWithoutSymlinks(mountPoint, Role::MountPoint);
        if (auto *failure = std::get_if<MirrorResult>(&opened)) {
            problems.mountPoint = openProblem(*failure, Role::MountPoint);
        } else {
            auto &path = std::get<PathRules::OpenedPath>(opened);
            if (!PathRules::checkMountPointIsDirectory(path).ok()) {
                problems.mountPoint = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point is not a folder."));
            } else if (!mountedNow && !PathRules::checkMountPointOwnedBy(path, getuid()).ok()) {
                problems.mountPoint = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point belongs to someone else; use a folder of your own."));
            } else if (!mountedNow && !PathRules::checkMountPointEmpty(path).ok()) {
                problems.mountPoint = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point is not empty; use an empty folder."));
            } else {
                openedMountPoint = std::move(path);
            }
        }
    }
    if (openedSource && openedMountPoint && !mountedNow) {
        const MirrorResult nested = PathRules::checkNotNested(*openedSource, *openedMountPoint);
        if (nested.error == MirrorError::MountPointInsideSource) {
            problems.mountPoint = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The mount point is inside the source folder; the mirror would contain itself."));
        } else if (nested.error == MirrorError::SourceInsideMountPoint) {
            problems.source = translated(QT_TRANSLATE_NOOP("PassMirror::MirrorValidation", "The source folder is inside the mount point."));
        }
    }
    return problems;
}

} // namespace PassMirror::MirrorValidation
