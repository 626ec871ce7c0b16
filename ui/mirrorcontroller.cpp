// SPDX-License-Identifier: GPL-2.0-or-later
#include "mirrorcontroller.h"

#include "errormessages.h"
#include "mirrorlistmodel.h"
#include "mirrorwatcher.h"
#include "mountholders.h"
#include "passmirrorui_debug.h"

#include <QDir>
#include <QFile>

namespace PassMirror
{

MirrorController::MirrorController(MirrorListModel *model,
                                   MirrorWatcher *watcher,
                                   std::unique_ptr<HelperClient> client,
                                   const MirrorStore &store,
                                   QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_watcher(watcher)
    , m_client(std::move(client))
    , m_store(store)
{
    connect(m_client.get(), &HelperClient::finished, this, &MirrorController::onFinished);
    connect(m_watcher, &MirrorWatcher::entriesChanged, this, &MirrorController::showEntries);
    connect(m_watcher, &MirrorWatcher::sampled, this, [this]() {
        m_model->addSamples(m_watcher->lastSamples(), m_clock.elapsed());
    });
    m_clock.start();
}

MirrorController::~MirrorController() = default;

void MirrorController::start()
{
    m_model->setSavedMirrors(m_store.load());
    m_watcher->start();
    // Started again: the live mirrors of an earlier run become saved ones.
    bool adopted = false;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (!m_model->isSaved(row)) {
            m_model->adopt(row);
            adopted = true;
        }
    }
    if (adopted) {
        save();
    }
    m_watcher->setSampleInterval(SampleInterval);
}

void MirrorController::showEntries()
{
    m_model->setLiveMirrors(m_watcher->entries());
    // Sampled at the rescan: a mirror shows its counters (and a daemon that
    // died, its state) at once.
    m_model->addSamples(m_watcher->lastSamples(), m_clock.elapsed());
}

void MirrorController::save()
{
    if (!m_store.save(m_model->savedMirrors())) {
        qCWarning(PASSMIRROR_UI) << "cannot save the mirrors to" << m_store.path();
    }
    Q_EMIT savedMirrorsChanged();
}

int MirrorController::addMirror(const MirrorConfig &config)
{
    const int row = m_model->addMirror(config);
    save();
    return row;
}

void MirrorController::editMirror(int row, const MirrorConfig &config)
{
    m_model->updateMirror(row, config);
    save();
}

void MirrorController::removeMirror(int row)
{
    if (row < 0 || row >= m_model->rowCount()) {
        return;
    }
    if (canUnmount(row)) {
        const MirrorConfig config = m_model->config(row);
        HelperRequest request;
        request.kind = HelperRequest::Kind::Unmount;
        request.mountPoint = config.mountPoint.toUtf8();
        m_model->setPending(row, MirrorListModel::State::Unmounting);
        send(request, Request{request.kind, config.mountPoint, config.name, {}, false, true, false, Origin::Person});
        return;
    }
    m_model->removeMirror(row);
    save();
}

bool MirrorController::canMount(int row) const
{
    const auto state = m_model->state(row);
    // A dead daemon's registry entry is swept by the helper before it mounts.
    return row >= 0 && row < m_model->rowCount()
        && (state == MirrorListModel::State::Stopped || state == MirrorListModel::State::Error || state == MirrorListModel::State::Waiting)
        && (m_model->index(row, 0).data(MirrorListModel::LiveIdRole).toString().isEmpty() || m_model->hasDeadDaemon(row));
}

bool MirrorController::canUnmount(int row) const
{
    if (row < 0 || row >= m_model->rowCount()) {
        return false;
    }
    const auto state = m_model->state(row);
    return state != MirrorListModel::State::Unmounting && state != MirrorListModel::State::Mounting
        && !m_model->index(row, 0).data(MirrorListModel::LiveIdRole).toString().isEmpty();
}

void MirrorController::mount(int row, Origin origin)
{
    if (!canMount(row)) {
        return;
    }
    const MirrorConfig config = m_model->config(row);
    HelperRequest request;
    request.kind = HelperRequest::Kind::Mount;
    request.source = QFile::encodeName(config.source);
    request.mountPoint = QFile::encodeName(config.mountPoint);
    request.readOnly = config.readOnly;
    request.passthrough = config.passthrough;
    m_model->setPending(row, MirrorListModel::State::Mounting);
    send(request, Request{request.kind, config.mountPoint, config.name, config.source, false, false, false, origin});
}

void MirrorController::unmount(int row, bool force, Origin origin)
{
    if (!canUnmount(row)) {
        return;
    }
    const MirrorConfig config = m_model->config(row);
    HelperRequest request;
    request.kind = HelperRequest::Kind::Unmount;
    request.mountPoint = QFile::encodeName(config.mountPoint);
    request.force = force;
    m_model->setPending(row, MirrorListModel::State::Unmounting);
    send(request, Request{request.kind, config.mountPoint, config.name, {}, false, false, false, origin});
}

void MirrorController::toggle(int row)
{
    if (canUnmount(row)) {
        unmount(row);
    } else {
        mount(row);
    }
}

void MirrorController::mountAll()
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        mount(row);
    }
}

void MirrorController::unmountAll(bool force)
{
    for (int row = 0; row < m_model->rowCount(); ++row) {
        unmount(row, force);
    }
}

void MirrorController::mountAtLogin()
{
    m_loginMounted = m_loginFailed = m_loginPending = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const MirrorConfig config = m_model->config(row);
        // One that waits for its source mounts when the source comes.
        if (!config.mountAtLogin || !canMount(row) || m_model->state(row) == MirrorListModel::State::Waiting) {
            continue;
        }
        HelperRequest request;
        request.kind = HelperRequest::Kind::Mount;
        request.source = QFile::encodeName(config.source);
        request.mountPoint = QFile::encodeName(config.mountPoint);
        request.readOnly = config.readOnly;
        request.passthrough = config.passthrough;
        m_model->setPending(row, MirrorListModel::State::Mounting);
        ++m_loginPending;
        send(request, Request{request.kind, config.mountPoint, config.name, config.source, false, false, true, Origin::Session});
    }
    if (m_loginPending == 0) {
        Q_EMIT mountAtLoginFinished(0, 0);
    }
}

void MirrorController::setIoUring(bool enable)
{
    const quint64 ticket = m_client->setIoUring(enable);
    Request what;
    what.kind = HelperRequest::Kind::SetIoUring;
    what.enable = enable;
    m_requests.insert(ticket, what);
}

bool MirrorController::startAtLogin() const
{
    return m_store.startAtLogin();
}

void MirrorController::setStartAtLogin(bool enabled)
{
    if (!m_store.setStartAtLogin(enabled)) {
        Q_EMIT failed(QString(), tr("Cannot write the autostart entry %1", "@info").arg(MirrorStore::autostartPath()));
    }
}

void MirrorController::send(const HelperRequest &request, const Request &what)
{
    const quint64 ticket = m_client->enqueue(request);
    qCDebug(PASSMIRROR_UI) << "request" << ticket << "for" << what.mountPoint << "queued";
    m_requests.insert(ticket, what);
}

void MirrorController::onFinished(quint64 ticket, const HelperResult &result)
{
    const auto it = m_requests.constFind(ticket);
    if (it == m_requests.constEnd()) {
        return;
    }
    const Request request = *it;
    m_requests.erase(it);
    // The helper's own (English) words only here; people read the typed error.
    qCDebug(PASSMIRROR_UI) << "request" << ticket << "for" << request.mountPoint << "answered:" << errorName(result.error) << result.message;
    if (request.kind == HelperRequest::Kind::SetIoUring) {
        Q_EMIT ioUringFinished(request.enable, result.ok() ? QString() : ErrorMessages::text(result.error, result.role, {}, {}, result.message));
        if (m_requests.isEmpty()) {
            Q_EMIT requestsFinished();
        }
        return;
    }
    m_watcher->rescan();
    int row = m_model->rowForMountPoint(request.mountPoint);
    m_model->setPending(row, std::nullopt);

    const bool isMount = request.kind == HelperRequest::Kind::Mount || request.kind == HelperRequest::Kind::MountShared;
    if (result.ok()) {
        m_model->setError(row, {});
        if (isMount) {
            Q_EMIT mounted(request.name, request.mountPoint);
        } else {
            Q_EMIT unmounted(request.name);
            if (request.removeAfter && row >= 0) {
                m_model->removeMirror(row);
                save();
            }
        }
    } else {
        // In the person's language, from the typed error; the helper's
        // English message only as a detail where it is one.
        const QString message = ErrorMessages::text(result.error, result.role, request.source, request.mountPoint, result.message);
        m_model->setError(row, message);
        if (result.error == MirrorError::Busy) {
            Q_EMIT unmountBusy(request.name, request.mountPoint, holdersOf(request.mountPoint), request.origin);
        } else {
            Q_EMIT failed(request.name, message);
        }
    }

    if (request.loginPass) {
        (result.ok() ? m_loginMounted : m_loginFailed)++;
        if (--m_loginPending == 0) {
            Q_EMIT mountAtLoginFinished(m_loginMounted, m_loginFailed);
        }
    }
    if (m_requests.isEmpty()) {
        Q_EMIT requestsFinished();
    }
}

QStringList MirrorController::holdersOf(const QString &mountPoint) const
{
    QList<qint64> ownProcesses;
    if (const auto entry = m_watcher->liveMirrorAt(QFile::encodeName(mountPoint))) {
        ownProcesses = {entry->supervisorPid, entry->daemonPid};
    }
    QStringList found;
    for (const MountHolder &holder : processesUsing(QFile::encodeName(mountPoint), ownProcesses)) {
        found << QStringLiteral("%1 (%2)").arg(holder.name, QString::number(holder.pid));
    }
    return found;
}

} // namespace PassMirror
