// SPDX-License-Identifier: GPL-2.0-or-later
#include "iouringswitch.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

#include "uniquefd.h"

namespace PassMirror
{

QString ioUringParameterPath()
{
    return QStringLiteral("/sys/module/fuse/parameters/enable_uring");
}

IoUringState ioUringState()
{
    QFile parameter(ioUringParameterPath());
    if (!parameter.open(QIODevice::ReadOnly)) {
        return IoUringState::Unsupported;
    }
    // A bool module parameter reads back as "Y" or "N".
    const QByteArray value = parameter.readAll().trimmed();
    return value == "Y" || value == "1" ? IoUringState::Enabled : IoUringState::Disabled;
}

QString ioUringStateName(IoUringState state)
{
    switch (state) {
    case IoUringState::Unsupported:
        return QStringLiteral("unsupported");
    case IoUringState::Disabled:
        return QStringLiteral("off");
    case IoUringState::Enabled:
        return QStringLiteral("on");
    }
    return QStringLiteral("unsupported");
}

MirrorResult setIoUringState(bool enable)
{
    const QByteArray path = QFile::encodeName(ioUringParameterPath());
    // O_NOFOLLOW: sysfs has no symlink here; anything else is not the switch.
    UniqueFd fd(::open(path.constData(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd.isValid()) {
        const int error = errno;
        if (error == ENOENT) {
            return MirrorResult::failure(MirrorError::IoUringUnavailable,
                                         QStringLiteral("This kernel has no FUSE over io_uring (needs Linux 6.14 or later with CONFIG_FUSE_IO_URING)"));
        }
        return MirrorResult::failure(error == EACCES || error == EPERM ? MirrorError::NotPermitted : MirrorError::Internal,
                                     QStringLiteral("Opening the kernel's io_uring switch failed: %1").arg(QString::fromLocal8Bit(std::strerror(error))));
    }
    const char value = enable ? 'Y' : 'N';
    if (::write(fd.get(), &value, 1) != 1) {
        const int error = errno;
        return MirrorResult::failure(error == EACCES || error == EPERM ? MirrorError::NotPermitted : MirrorError::Internal,
                                     QStringLiteral("The kernel refused the io_uring switch: %1").arg(QString::fromLocal8Bit(std::strerror(error))));
    }
    fd.reset();
    const IoUringState now = ioUringState();
    if (now != (enable ? IoUringState::Enabled : IoUringState::Disabled)) {
        return MirrorResult::failure(MirrorError::Internal, QStringLiteral("The kernel's io_uring switch did not change"));
    }
    return MirrorResult::success();
}

} // namespace PassMirror
