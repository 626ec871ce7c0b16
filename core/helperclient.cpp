// SPDX-License-Identifier: GPL-2.0-or-later
#include "helperclient.h"
#include "helperprotocol.h"
#include "iouringswitch.h"
#include "mirrorregistry.h"
#include "mountinfo.h"
#include "randomid.h"

#include <KAuth/Action>
#include <KAuth/ActionReply>
#include <KAuth/ExecuteJob>

#include <QDBusConnection>
#include <QEventLoop>
#include <QRandomGenerator>

#include <unistd.h>

namespace PassMirror
{

using namespace std::chrono_literals;

// --- KAuthTransport

void KAuthTransport::call(const QString &name, const QVariantMap &arguments, std::chrono::milliseconds timeout)
{
    KAuth::Action action(name);
    action.setHelperId(Protocol::HelperId);
    action.setArguments(arguments);
    action.setTimeout(timeout);
    KAuth::ExecuteJob *job = action.execute();
    m_job = job;
    connect(job, &KJob::result, this, [this, job]() {
        if (m_job != job) {
            return; // cancelled meanwhile
        }
        m_job = nullptr;
        Q_EMIT replied(job->error(), job->data(), job->errorText());
    });
    job->start();
}

void KAuthTransport::cancel()
{
    if (auto *job = qobject_cast<KJob *>(m_job.data())) {
        m_job = nullptr;
        job->disconnect(this);
        job->kill(KJob::Quietly);
    }
}

bool KAuthTransport::authorizedWithoutPrompt(const QString &name)
{
    KAuth::Action action(name);
    action.setHelperId(Protocol::HelperId);
    return action.status() == KAuth::Action::AuthorizedStatus;
}

bool KAuthTransport::needsAuthentication(const QString &name)
{
    KAuth::Action action(name);
    action.setHelperId(Protocol::HelperId);
    return action.status() == KAuth::Action::AuthRequiredStatus;
}

// --- helpers

QString liveMirrorAt(const QByteArray &mountPoint)
{
    for (const MirrorEntry &entry : MirrorRegistry().liveEntriesOf(getuid())) {
        if (entry.mountPoint == mountPoint) {
            return entry.id;
        }
    }
    return {};
}

namespace
{
bool mirrorMountedAt(const QByteArray &mountPoint)
{
    const auto mount = mountAt(readMountInfo(), mountPoint);
    return mount && mount->isMirror();
}

bool anyLiveMirrorOfMine()
{
    return !MirrorRegistry().liveEntriesOf(getuid()).isEmpty();
}

QByteArray normalized(const QByteArray &path)
{
    QByteArray out;
    for (const char c : path) {
        if (c == '/' && out.endsWith('/')) {
            continue;
        }
        out += c;
    }
    if (out.size() > 1 && out.endsWith('/')) {
        out.chop(1);
    }
    return out;
}
} // namespace

// --- HelperClient

HelperClient::HelperClient(QObject *parent)
    : HelperClient(std::make_unique<KAuthTransport>(), Options{}, parent)
{
}

HelperClient::HelperClient(std::unique_ptr<HelperTransport> transport, Options options, QObject *parent)
    : QObject(parent)
    , m_transport(std::move(transport))
    , m_options(options)
{
    qRegisterMetaType<PassMirror::HelperResult>();
    m_watchdog.setSingleShot(true);
    m_backoff.setSingleShot(true);
    m_confirm.setInterval(20);
    connect(m_transport.get(), &HelperTransport::replied, this, &HelperClient::onReplied);
    connect(&m_watchdog, &QTimer::timeout, this, &HelperClient::onWatchdog);
    connect(&m_backoff, &QTimer::timeout, this, &HelperClient::attempt);
}

HelperClient::~HelperClient()
{
    m_transport->cancel();
}

QString HelperClient::actionName(HelperRequest::Kind kind)
{
    switch (kind) {
    case HelperRequest::Kind::Mount:
        return Protocol::MountAction;
    case HelperRequest::Kind::MountShared:
        return Protocol::MountSharedAction;
    case HelperRequest::Kind::Unmount:
        return Protocol::UnmountAction;
    case HelperRequest::Kind::UnmountAny:
        return Protocol::UnmountAnyAction;
    case HelperRequest::Kind::UnmountAll:
        return Protocol::UnmountAllAction;
    case HelperRequest::Kind::SetIoUring:
        return Protocol::SetIoUringAction;
    }
    return {};
}

quint64 HelperClient::enqueue(const HelperRequest &request)
{
    Pending pending;
    pending.ticket = m_nextTicket++;
    pending.request = request;
    pending.request.source = normalized(request.source);
    pending.request.mountPoint = normalized(request.mountPoint);
    m_queue.push_back(std::move(pending));
    if (m_queue.size() == 1) {
        QTimer::singleShot(0, this, &HelperClient::startNext);
    }
    return m_queue.back().ticket;
}

quint64 HelperClient::setIoUring(bool enable)
{
    HelperRequest request;
    request.kind = HelperRequest::Kind::SetIoUring;
    request.enable = enable;
    return enqueue(request);
}

HelperResult HelperClient::run(const HelperRequest &request)
{
    QEventLoop loop;
    HelperResult out;
    const quint64 ticket = enqueue(request);
    connect(this, &HelperClient::finished, &loop, [&](quint64 done, const HelperResult &result) {
        if (done == ticket) {
            out = result;
            loop.quit();
        }
    });
    loop.exec();
    return out;
}

void HelperClient::startNext()
{
    if (m_queue.empty() || m_inFlight || m_backoff.isActive() || m_confirm.isActive()) {
        return;
    }
    Pending &pending = m_queue.front();
    if (pending.clock.isValid()) {
        return; // already started
    }
    pending.clock.start();
    const auto kind = pending.request.kind;
    pending.existedBefore = (kind == HelperRequest::Kind::Unmount || kind == HelperRequest::Kind::UnmountAny) && mirrorMountedAt(pending.request.mountPoint);
    // A shared mirror is approved by an administrator every time; other
    // actions prompt when polkit does not simply allow them.
    pending.mayPrompt = kind == HelperRequest::Kind::MountShared || !m_transport->authorizedWithoutPrompt(actionName(kind));
    attempt();
}

QVariantMap HelperClient::argumentsFor(const QString &requestId) const
{
    const HelperRequest &r = m_queue.front().request;
    QVariantMap arguments{{Protocol::RequestId, requestId}};
    switch (r.kind) {
    case HelperRequest::Kind::Mount:
    case HelperRequest::Kind::MountShared:
        arguments.insert(Protocol::Source, QString::fromUtf8(r.source));
        arguments.insert(Protocol::MountPoint, QString::fromUtf8(r.mountPoint));
        arguments.insert(Protocol::ReadOnly, r.readOnly);
        arguments.insert(Protocol::Passthrough, r.passthrough);
        if (r.kind == HelperRequest::Kind::MountShared) {
            // KAuth calls the helper on this same connection: the subject
            // of the administrator's approval.
            arguments.insert(Protocol::CallerBusName, QDBusConnection::systemBus().baseService());
        }
        break;
    case HelperRequest::Kind::Unmount:
    case HelperRequest::Kind::UnmountAny:
        arguments.insert(Protocol::MountPoint, QString::fromUtf8(r.mountPoint));
        arguments.insert(Protocol::Force, r.force);
        break;
    case HelperRequest::Kind::UnmountAll:
        arguments.insert(Protocol::Force, r.force);
        break;
    case HelperRequest::Kind::SetIoUring:
        arguments.insert(Protocol::Enable, r.enable);
        break;
    }
    return arguments;
}

void HelperClient::attempt()
{
    if (m_queue.empty()) {
        return;
    }
    Pending &pending = m_queue.front();
    const QString requestId = newRandomId();
    pending.requestIds.insert(requestId);
    ++pending.result.attempts;
    m_inFlight = true;
    const auto timeout = pending.mayPrompt ? m_options.promptTimeout : m_options.attemptTimeout;
    m_watchdog.start(timeout);
    m_transport->call(actionName(pending.request.kind), argumentsFor(requestId), timeout);
}

void HelperClient::onWatchdog()
{
    if (!m_inFlight) {
        return;
    }
    m_transport->cancel();
    m_inFlight = false;
    ++m_queue.front().result.busyRetries;
    retryLater();
}

void HelperClient::retryLater()
{
    Pending &pending = m_queue.front();
    const int step = std::min(pending.result.attempts, 10);
    const auto base = std::min<qint64>(m_options.backoffMax.count(), m_options.backoffStart.count() << step);
    const auto delay = base / 2 + QRandomGenerator::global()->bounded(base + 1);
    const auto limit = pending.mayPrompt ? m_options.requestTimeout + m_options.promptTimeout : m_options.requestTimeout;
    if (pending.clock.elapsed() + delay > limit.count()) {
        finish(MirrorResult::failure(MirrorError::Timeout,
                                     QStringLiteral("The helper stayed busy for %1 s; try again").arg(m_options.requestTimeout.count() / 1000.0)));
        return;
    }
    m_backoff.start(std::chrono::milliseconds(delay));
}

void HelperClient::onReplied(int kauthError, const QVariantMap &data, const QString &errorText)
{
    if (!m_inFlight || m_queue.empty()) {
        return;
    }
    m_inFlight = false;
    m_watchdog.stop();
    Pending &pending = m_queue.front();
    switch (kauthError) {
    case KAuth::ActionReply::NoError: {
        const QString id = data.value(Protocol::RequestId).toString();
        if (!pending.requestIds.contains(id)) {
            // Another caller's reply, delivered to us by action name: ours was refused as busy.
            ++pending.result.busyRetries;
            retryLater();
            return;
        }
        const MirrorError error = errorFromInt(data.value(Protocol::Error, static_cast<int>(MirrorError::Internal)).toInt());
        confirmAndFinish(MirrorResult{error, data.value(Protocol::Message).toString(), roleFromInt(data.value(Protocol::Role).toInt())}, data);
        return;
    }
    case KAuth::ActionReply::HelperBusyError:
        ++pending.result.busyRetries;
        retryLater();
        return;
    case KAuth::ActionReply::AuthorizationDeniedError:
        // A denial is not tagged with our id: it may be another caller's.
        if (m_transport->authorizedWithoutPrompt(actionName(pending.request.kind))) {
            ++pending.result.busyRetries;
            retryLater();
            return;
        }
        if (m_transport->needsAuthentication(actionName(pending.request.kind))) {
            finish(MirrorResult::failure(MirrorError::AuthorizationDenied,
                                         QStringLiteral("Not authorised: %1 needs administrator authentication, which was not given "
                                                        "(refused, cancelled, or no polkit authentication agent is running)")
                                             .arg(actionName(pending.request.kind))));
            return;
        }
        finish(MirrorResult::failure(MirrorError::AuthorizationDenied,
                                     QStringLiteral("Not authorised: polkit refused %1 for you").arg(actionName(pending.request.kind))));
        return;
    case KAuth::ActionReply::UserCancelledError:
        finish(MirrorResult::failure(MirrorError::AuthorizationDenied, QStringLiteral("Authentication was cancelled")));
        return;
    default:
        if (++pending.consecutiveFailures >= 3) {
            finish(MirrorResult::failure(MirrorError::HelperUnavailable, QStringLiteral("The PassMirror helper could not be reached: %1").arg(errorText)));
            return;
        }
        retryLater();
        return;
    }
}

bool HelperClient::confirmed() const
{
    const Pending &pending = m_queue.front();
    if (m_options.confirm) {
        return m_options.confirm(pending.request, pending.result.mirrorId);
    }
    switch (pending.request.kind) {
    case HelperRequest::Kind::Mount:
    case HelperRequest::Kind::MountShared:
        return !pending.result.mirrorId.isEmpty() && liveMirrorAt(pending.request.mountPoint) == pending.result.mirrorId;
    case HelperRequest::Kind::Unmount:
    case HelperRequest::Kind::UnmountAny:
        return !mirrorMountedAt(pending.request.mountPoint);
    case HelperRequest::Kind::UnmountAll:
        return !anyLiveMirrorOfMine();
    case HelperRequest::Kind::SetIoUring:
        return ioUringState() == (pending.request.enable ? IoUringState::Enabled : IoUringState::Disabled);
    }
    return false;
}

void HelperClient::confirmAndFinish(MirrorResult result, const QVariantMap &data)
{
    Pending &pending = m_queue.front();
    const auto kind = pending.request.kind;
    // An unmount whose first reply we missed answers NotMounted on retry.
    if (result.error == MirrorError::NotMounted && pending.existedBefore && pending.result.attempts > 1
        && (kind == HelperRequest::Kind::Unmount || kind == HelperRequest::Kind::UnmountAny)) {
        result = MirrorResult::success();
    }
    if (!result.ok()) {
        finish(result);
        return;
    }
    pending.result.mirrorId = data.value(Protocol::MirrorId).toString();
    pending.result.count = data.value(Protocol::Count).toInt();
    m_confirmClock.start();
    disconnect(&m_confirm, nullptr, this, nullptr);
    connect(&m_confirm, &QTimer::timeout, this, [this]() {
        if (confirmed()) {
            m_confirm.stop();
            finish(MirrorResult::success());
        } else if (m_confirmClock.elapsed() > m_options.confirmTimeout.count()) {
            m_confirm.stop();
            finish(MirrorResult::failure(MirrorError::Internal,
                                         QStringLiteral("The helper reported success, but the registry and the mount table do not show it")));
        }
    });
    if (confirmed()) {
        finish(MirrorResult::success());
        return;
    }
    m_confirm.start();
}

void HelperClient::finish(MirrorResult result)
{
    Pending pending = std::move(m_queue.front());
    m_queue.pop_front();
    pending.result.error = result.error;
    pending.result.role = result.role;
    pending.result.message = result.ok() ? QString() : (result.message.isEmpty() ? fixedText(result.error, result.role) : result.message);
    pending.result.elapsedMs = pending.clock.elapsed();
    Q_EMIT finished(pending.ticket, pending.result);
    if (!m_queue.empty()) {
        QTimer::singleShot(0, this, &HelperClient::startNext);
    }
}

} // namespace PassMirror
