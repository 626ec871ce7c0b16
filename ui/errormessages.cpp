// SPDX-License-Identifier: GPL-2.0-or-later
#include "errormessages.h"

namespace PassMirror
{

QString ErrorMessages::text(MirrorError error, ErrorRole role, const QString &source, const QString &mountPoint, const QString &detail)
{
    // Only worth adding when it says more than the error's fixed text.
    const QString extra = detail.isEmpty() || detail == errorText(error) || detail == fixedText(error, role) ? QString() : detail;
    auto withDetail = [&extra](const QString &sentence) {
        return extra.isEmpty() ? sentence : tr("%1 (%2)", "@info error sentence (helper's detail, in English)").arg(sentence, extra);
    };
    switch (error) {
    case MirrorError::None:
        return {};
    case MirrorError::Internal:
        return withDetail(tr("Something went wrong inside PassMirror.", "@info error"));
    case MirrorError::Usage:
        return withDetail(tr("The helper did not understand the request.", "@info error"));
    case MirrorError::SourceMissing:
        return tr("The source folder %1 does not exist.", "@info error").arg(source);
    case MirrorError::SourceNotDirectory:
        return tr("The source %1 is not a folder.", "@info error").arg(source);
    case MirrorError::SourceNotReadable:
        return tr("You cannot read the source folder %1.", "@info error").arg(source);
    case MirrorError::MountPointMissing:
        return tr("The mount point %1 does not exist.", "@info error").arg(mountPoint);
    case MirrorError::MountPointNotDirectory:
        return tr("The mount point %1 is not a folder.", "@info error").arg(mountPoint);
    case MirrorError::MountPointNotEmpty:
        return tr("The mount point %1 is not empty; choose an empty folder.", "@info error").arg(mountPoint);
    case MirrorError::MountPointNotOwned:
        return tr("The mount point %1 does not belong to you.", "@info error").arg(mountPoint);
    case MirrorError::MountPointInsideSource:
        return tr("The mount point %1 is inside the source folder %2.", "@info error").arg(mountPoint, source);
    case MirrorError::SourceInsideMountPoint:
        return tr("The source folder %1 is inside the mount point %2.", "@info error").arg(source, mountPoint);
    case MirrorError::PassthroughUnavailable:
        return tr("Kernel passthrough is not available on this system; set the data path of %1 to automatic.", "@info error").arg(mountPoint);
    case MirrorError::MountFailed:
        return withDetail(tr("The kernel refused to mount %1.", "@info error").arg(mountPoint));
    case MirrorError::NotPermitted:
        return tr("PassMirror lacks a privilege it needs to mount %1.", "@info error").arg(mountPoint);
    case MirrorError::OwnerUnknown:
        return tr("Your user account could not be found.", "@info error");
    case MirrorError::PathInvalid:
        return tr("The path %1 is not valid: it must be absolute, in UTF-8, without control characters and free of symbolic links.", "@info error")
            .arg(role == ErrorRole::Source ? source : mountPoint);
    case MirrorError::TooManyMirrors:
        return tr("You have reached the limit of mirrors; unmount one before mounting %1.", "@info error").arg(mountPoint);
    case MirrorError::NotMounted:
        return tr("There is no mirror at %1.", "@info error").arg(mountPoint);
    case MirrorError::Busy:
        return tr("The mirror at %1 is in use.", "@info error").arg(mountPoint);
    case MirrorError::AuthorizationDenied:
        return tr("You are not allowed to do this, or the authentication was cancelled.", "@info error");
    case MirrorError::HelperUnavailable:
        return tr("The PassMirror helper could not be reached; check that PassMirror is installed completely.", "@info error");
    case MirrorError::Timeout:
        return tr("The helper did not answer in time.", "@info error");
    case MirrorError::DaemonDied:
        return tr("The mirror daemon for %1 stopped unexpectedly.", "@info error").arg(mountPoint);
    case MirrorError::IoUringUnavailable:
        return tr("This kernel has no FUSE over io_uring.", "@info error");
    case MirrorError::SourcePseudoFilesystem:
        return tr("The source %1 is, or contains, a system folder of the kernel (such as /proc or /sys), which cannot be mirrored.", "@info error").arg(source);
    }
    return withDetail(tr("Unknown error %1.", "@info error").arg(static_cast<int>(error)));
}

} // namespace PassMirror
