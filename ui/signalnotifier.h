// SPDX-License-Identifier: GPL-2.0-or-later
// POSIX signals (SIGTERM from a session ending or `kill`, SIGINT from
// Ctrl-C) turned into a Qt signal in the event loop, so that the process
// can quit its event loop and end cleanly instead of dying mid-flight. The
// handler only writes the signal's number to a pipe (the one thing it may
// safely do); a QSocketNotifier reads it in the event loop. One at a time
// in a process; the previous handlers come back when it is destroyed.
#pragma once

#include "uniquefd.h"

#include <QList>
#include <QObject>

#include <csignal>
#include <utility>
#include <vector>

class QSocketNotifier;

namespace PassMirror
{

class SignalNotifier : public QObject
{
    Q_OBJECT
public:
    explicit SignalNotifier(const QList<int> &signalNumbers, QObject *parent = nullptr);
    ~SignalNotifier() override;
    SignalNotifier(const SignalNotifier &) = delete;
    SignalNotifier &operator=(const SignalNotifier &) = delete;

    // False when the pipe or a handler could not be set up (then nothing is caught).
    [[nodiscard]] bool isValid() const
    {
        return m_notifier != nullptr;
    }

Q_SIGNALS:
    void received(int signalNumber);

private:
    void readPending();

    UniqueFd m_read;
    UniqueFd m_write;
    QSocketNotifier *m_notifier = nullptr;
    std::vector<std::pair<int, struct sigaction>> m_previous;
};

} // namespace PassMirror
