// SPDX-License-Identifier: GPL-2.0-or-later
#include "activityfeed.h"

#include <QFile>

#include <cerrno>
#include <unistd.h>

namespace PassMirror
{

ActivityFeed::ActivityFeed(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(DefaultInterval);
    m_backlog.setSingleShot(true);
    m_backlog.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, &ActivityFeed::poll);
    connect(&m_backlog, &QTimer::timeout, this, &ActivityFeed::poll);
}

ActivityFeed::~ActivityFeed() = default;

void ActivityFeed::open(const QString &ringPath)
{
    close();
    if (ringPath.isEmpty()) {
        return;
    }
    m_ringPath = ringPath;
    const QByteArray path = QFile::encodeName(ringPath);
    if (m_reader.open(path.toStdString())) {
        setStatus(Status::Reading);
    } else if (::access(path.constData(), F_OK) != 0 && errno == ENOENT) {
        setStatus(Status::NoRing);
    } else {
        m_error = QString::fromStdString(m_reader.errorString());
        setStatus(Status::Unreadable);
    }
    updateTimer();
}

void ActivityFeed::close()
{
    m_reader.close();
    m_ringPath.clear();
    m_error.clear();
    const bool counted = m_received != 0 || m_missed != 0;
    m_received = 0;
    m_missed = 0;
    if (counted) {
        Q_EMIT countsChanged();
    }
    setStatus(Status::Closed);
    updateTimer();
}

void ActivityFeed::setRunning(bool running)
{
    m_running = running;
    updateTimer();
}

void ActivityFeed::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

quint64 ActivityFeed::capacity() const
{
    return m_reader.capacity();
}

void ActivityFeed::poll()
{
    if (m_status != Status::Reading) {
        return;
    }
    m_batch.clear();
    quint64 missed = 0;
    bool more = true;
    while (m_batch.size() < PollLimit) {
        const Activity::ReadResult result = m_reader.read(m_batch, std::min(ReadLimit, PollLimit - m_batch.size()));
        missed += result.missed;
        if (result.received == 0 && result.missed == 0) {
            more = false;
            break;
        }
    }
    m_received += m_batch.size();
    m_missed += missed;
    if (!m_batch.empty()) {
        Q_EMIT eventsRead(m_batch);
    }
    if (!m_batch.empty() || missed != 0) {
        Q_EMIT countsChanged();
    }
    if (!m_reader.isOpen()) {
        setStatus(Status::Ended);
        updateTimer();
        return;
    }
    if (more && m_running) {
        m_backlog.start();
    }
}

void ActivityFeed::setStatus(Status status)
{
    if (m_status != status) {
        m_status = status;
        Q_EMIT statusChanged(status);
    }
}

void ActivityFeed::updateTimer()
{
    if (m_running && m_status == Status::Reading) {
        if (!m_timer.isActive()) {
            m_timer.start();
            m_backlog.start(); // what is there already, now
        }
    } else {
        m_timer.stop();
        m_backlog.stop();
    }
}

} // namespace PassMirror
