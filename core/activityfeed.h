// SPDX-License-Identifier: GPL-2.0-or-later
// Follows one mirror's activity ring (base/activityreader.h) for the window:
// polls it with a timer, reads what is new in bounded batches and hands
// each poll's events on in one signal, counting what was read and what was
// lost (overwritten before it was read). Says in a typed status why there
// is nothing to read: no ring beside the stats file (passmirrord ran with
// --no-activity), a file that is no ring, or a ring that went away.
#pragma once

#include "activityreader.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <chrono>
#include <vector>

namespace PassMirror
{

class ActivityFeed : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        Closed, // nothing opened
        Reading,
        NoRing, // the file does not exist: the daemon keeps no ring
        Unreadable, // errorString() says why
        Ended, // the ring was truncated under the reader (its daemon is gone)
    };
    Q_ENUM(Status)

    // Often enough to feel live; a poll of an idle ring costs two loads.
    static constexpr std::chrono::milliseconds DefaultInterval{100};
    // Records taken per read, and per poll: a backlog (a full ring, say) is
    // read over several turns of the event loop, never in one long stall.
    static constexpr std::size_t ReadLimit = 4096;
    static constexpr std::size_t PollLimit = 16384;

    explicit ActivityFeed(QObject *parent = nullptr);
    ~ActivityFeed() override;

    // Opens the ring at `ringPath` (empty: closes) and reads from the oldest
    // record it holds. Polling goes on (or starts) as setRunning() says.
    void open(const QString &ringPath);
    void close();
    // Polls only while running (the window: while the panel is shown).
    void setRunning(bool running);
    [[nodiscard]] bool isRunning() const
    {
        return m_running;
    }
    void setInterval(std::chrono::milliseconds interval);

    [[nodiscard]] Status status() const
    {
        return m_status;
    }
    [[nodiscard]] const QString &ringPath() const
    {
        return m_ringPath;
    }
    // Why the ring could not be opened (English, from base), for Unreadable.
    [[nodiscard]] const QString &errorString() const
    {
        return m_error;
    }
    // Since open(): events read, and events lost before they could be read.
    [[nodiscard]] quint64 received() const
    {
        return m_received;
    }
    [[nodiscard]] quint64 missed() const
    {
        return m_missed;
    }
    // Records the ring holds (0 when none is open).
    [[nodiscard]] quint64 capacity() const;

public Q_SLOTS:
    // Reads what is new now, at most PollLimit records (the timer calls it).
    void poll();

Q_SIGNALS:
    // One poll's events, in ring order (never empty).
    void eventsRead(const std::vector<PassMirror::Activity::Event> &events);
    // received() or missed() changed.
    void countsChanged();
    void statusChanged(PassMirror::ActivityFeed::Status status);

private:
    void setStatus(Status status);
    void updateTimer();

    Activity::ActivityReader m_reader;
    QString m_ringPath;
    QString m_error;
    Status m_status = Status::Closed;
    bool m_running = false;
    quint64 m_received = 0;
    quint64 m_missed = 0;
    QTimer m_timer;
    QTimer m_backlog; // at once again while a backlog remains
    std::vector<Activity::Event> m_batch;
};

} // namespace PassMirror
