// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorresult.h"

namespace PassMirror
{

namespace
{
struct ErrorInfo {
    MirrorError error;
    const char *name;
    const char *text;
};

constexpr ErrorInfo errorTable[] = {
    {MirrorError::None, "none", "done"},
    {MirrorError::Internal, "internal", "an internal error occurred"},
    {MirrorError::Usage, "usage", "the request was malformed"},
    {MirrorError::SourceMissing, "source-missing", "the source folder does not exist"},
    {MirrorError::SourceNotDirectory, "source-not-directory", "the source is not a folder"},
    {MirrorError::SourceNotReadable, "source-not-readable", "you cannot read the source folder"},
    {MirrorError::MountPointMissing, "mount-point-missing", "the mount point does not exist"},
    {MirrorError::MountPointNotDirectory, "mount-point-not-directory", "the mount point is not a folder"},
    {MirrorError::MountPointNotEmpty, "mount-point-not-empty", "the mount point is not empty"},
    {MirrorError::MountPointNotOwned, "mount-point-not-owned", "the mount point does not belong to you"},
    {MirrorError::MountPointInsideSource, "mount-point-inside-source", "the mount point is inside the source folder"},
    {MirrorError::SourceInsideMountPoint, "source-inside-mount-point", "the source folder is inside the mount point"},
    {MirrorError::PassthroughUnavailable, "passthrough-unavailable", "kernel passthrough is not available here"},
    {MirrorError::MountFailed, "mount-failed", "the kernel refused the mount"},
    {MirrorError::NotPermitted, "not-permitted", "a needed privilege is missing"},
    {MirrorError::OwnerUnknown, "owner-unknown", "your user account could not be found"},
    {MirrorError::PathInvalid, "path-invalid", "the path is not valid"},
    {MirrorError::TooManyMirrors, "too-many-mirrors", "you have reached the limit of mirrors"},
    {MirrorError::NotMounted, "not-mounted", "there is no mirror there"},
    {MirrorError::Busy, "busy", "the mirror is in use"},
    {MirrorError::AuthorizationDenied, "authorization-denied", "you are not allowed to do this"},
    {MirrorError::HelperUnavailable, "helper-unavailable", "the PassMirror helper could not be reached"},
    {MirrorError::Timeout, "timeout", "the operation did not finish in time"},
    {MirrorError::DaemonDied, "daemon-died", "the mirror daemon stopped unexpectedly"},
    {MirrorError::IoUringUnavailable, "io-uring-unavailable", "this kernel has no FUSE over io_uring"},
    {MirrorError::SourcePseudoFilesystem, "source-pseudo-filesystem", "the source is, or contains, a system folder of the kernel such as /proc or /sys"},
};

const ErrorInfo *find(MirrorError error)
{
    for (const auto &info : errorTable) {
        if (info.error == error) {
            return &info;
        }
    }
    return nullptr;
}
} // namespace

QString errorName(MirrorError error)
{
    const auto *info = find(error);
    return info ? QString::fromLatin1(info->name) : QStringLiteral("unknown-%1").arg(static_cast<int>(error));
}

MirrorError errorFromInt(int value)
{
    if (value < 0 || value > 255) {
        return MirrorError::Internal;
    }
    const auto error = static_cast<MirrorError>(value);
    return find(error) ? error : MirrorError::Internal;
}

QString fixedText(MirrorError error, ErrorRole role)
{
    if (error == MirrorError::PathInvalid && role == ErrorRole::Source) {
        return QStringLiteral("the source path is not valid");
    }
    if (error == MirrorError::PathInvalid && role == ErrorRole::MountPoint) {
        return QStringLiteral("the mount point path is not valid");
    }
    return error == MirrorError::None ? QString() : errorText(error);
}

ErrorRole roleFromInt(int value)
{
    switch (value) {
    case static_cast<int>(ErrorRole::Source):
        return ErrorRole::Source;
    case static_cast<int>(ErrorRole::MountPoint):
        return ErrorRole::MountPoint;
    default:
        return ErrorRole::None;
    }
}

QString errorText(MirrorError error)
{
    const auto *info = find(error);
    return info ? QString::fromLatin1(info->text) : QStringLiteral("unknown error %1").arg(static_cast<int>(error));
}

} // namespace PassMirror
