// SPDX-License-Identifier: GPL-2.0-or-later
#include "passmirrorhelper.h"
#include "helperlog.h"
#include "helperprotocol.h"
#include "passmirrorhelper_debug.h"

#include <KAuth/HelperSupport>

#include <cstdio>
#include <mutex>
#include <sys/types.h>

#ifndef PASSMIRROR_DAEMON_PATH
#error "PASSMIRROR_DAEMON_PATH must name the passmirrord the helper starts"
#endif
#ifndef PASSMIRROR_MAX_MIRRORS_PER_USER
#define PASSMIRROR_MAX_MIRRORS_PER_USER 8
#endif

using namespace PassMirror;

namespace
{
// Always a KAuth success: KAuth drops the data of failed replies, and the
// typed error and the request id travel in the data.
KAuth::ActionReply toReply(const QVariantMap &data)
{
    KAuth::ActionReply reply = KAuth::ActionReply::SuccessReply();
    reply.setData(data);
    return reply;
}

// KAuth's helper main installs a Qt message handler that sends every
// qDebug/qWarning of the helper (Qt's and libraries' own warnings included)
// to every client on the bus, like its replies. Whatever the helper
// (its category org.passmirror.helper) or a library says goes to standard
// error (the system log) instead. Installed at the first action, after
// KAuth's own, and never handing a message on to it.
void keepMessagesPrivate()
{
    static std::once_flag installed;
    std::call_once(installed, [] {
        qInstallMessageHandler([](QtMsgType, const QMessageLogContext &context, const QString &message) {
            const QByteArray line = helperLogLine(context.category, message);
            std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stderr);
        });
    });
}

// callerUid() is -1 when the bus cannot tell; such a call is refused.
bool callerKnown(uid_t &uid)
{
    keepMessagesPrivate();
    const int caller = KAuth::HelperSupport::callerUid();
    if (caller < 0) {
        return false;
    }
    uid = static_cast<uid_t>(caller);
    return true;
}

QVariantMap unknownCaller(const QVariantMap &arguments)
{
    return QVariantMap{{Protocol::RequestId, requestIdOf(arguments)},
                       {Protocol::Error, static_cast<int>(MirrorError::NotPermitted)},
                       {Protocol::Role, static_cast<int>(ErrorRole::None)},
                       {Protocol::Message, fixedText(MirrorError::NotPermitted, ErrorRole::None)}};
}
} // namespace

PassMirrorHelper::PassMirrorHelper()
    : m_service(MirrorRegistry(),
                std::make_unique<ProcessLauncher>(QByteArrayLiteral(PASSMIRROR_DAEMON_PATH)),
                ServiceConfig{PASSMIRROR_MAX_MIRRORS_PER_USER, std::chrono::milliseconds(1500)},
                std::make_unique<PolkitSharedMountApproval>())
{
    // The helper's own working directory never pins a mount.
    (void)chdir("/");
}

KAuth::ActionReply PassMirrorHelper::mount(const QVariantMap &arguments)
{
    uid_t uid;
    return toReply(callerKnown(uid) ? m_service.mount(arguments, uid, false) : unknownCaller(arguments));
}

KAuth::ActionReply PassMirrorHelper::mountshared(const QVariantMap &arguments)
{
    uid_t uid;
    return toReply(callerKnown(uid) ? m_service.mount(arguments, uid, true) : unknownCaller(arguments));
}

KAuth::ActionReply PassMirrorHelper::unmount(const QVariantMap &arguments)
{
    uid_t uid;
    return toReply(callerKnown(uid) ? m_service.unmount(arguments, uid, false) : unknownCaller(arguments));
}

KAuth::ActionReply PassMirrorHelper::unmountany(const QVariantMap &arguments)
{
    uid_t uid;
    return toReply(callerKnown(uid) ? m_service.unmount(arguments, uid, true) : unknownCaller(arguments));
}

KAuth::ActionReply PassMirrorHelper::unmountall(const QVariantMap &arguments)
{
    uid_t uid;
    return toReply(callerKnown(uid) ? m_service.unmountAll(arguments, uid) : unknownCaller(arguments));
}

KAuth::ActionReply PassMirrorHelper::setiouring(const QVariantMap &arguments)
{
    uid_t uid;
    return toReply(callerKnown(uid) ? m_service.setIoUring(arguments) : unknownCaller(arguments));
}

KAUTH_HELPER_MAIN("org.passmirror.helper", PassMirrorHelper)

#include "moc_passmirrorhelper.cpp"
