// SPDX-License-Identifier: GPL-2.0-or-later
#include "signalnotifier.h"

#include "passmirrorui_debug.h"

#include <QSocketNotifier>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{
// The write end for the handler; -1 while no SignalNotifier lives.
std::atomic<int> s_writeFd{-1};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads it");

void onSignal(int number)
{
    const int savedErrno = errno;
    const int fd = s_writeFd.load(std::memory_order_relaxed);
    if (fd >= 0) {
        const auto byte = static_cast<unsigned char>(number);
        // Non-blocking: with the pipe full, the signal is already on its way.
        [[maybe_unused]] const ssize_t written = ::write(fd, &byte, 1);
    }
    errno = savedErrno;
}
} // namespace

SignalNotifier::SignalNotifier(const QList<int> &signalNumbers, QObject *parent)
    : QObject(parent)
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        qCWarning(PASSMIRROR_UI) << "no pipe for signals:" << std::strerror(errno);
        return;
    }
    m_read = UniqueFd(fds[0]);
    m_write = UniqueFd(fds[1]);
    int expected = -1;
    if (!s_writeFd.compare_exchange_strong(expected, m_write.get())) {
        qCWarning(PASSMIRROR_UI) << "another SignalNotifier already catches signals";
        return;
    }
    for (const int number : signalNumbers) {
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        struct sigaction previous = {};
        if (::sigaction(number, &action, &previous) != 0) {
            qCWarning(PASSMIRROR_UI) << "cannot catch signal" << number << ":" << std::strerror(errno);
            continue;
        }
        m_previous.emplace_back(number, previous);
    }
    m_notifier = new QSocketNotifier(m_read.get(), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalNotifier::readPending);
}

SignalNotifier::~SignalNotifier()
{
    for (auto &[number, previous] : m_previous) {
        ::sigaction(number, &previous, nullptr);
    }
    int mine = m_write.get();
    s_writeFd.compare_exchange_strong(mine, -1);
}

void SignalNotifier::readPending()
{
    unsigned char numbers[64];
    ssize_t count = 0;
    while ((count = ::read(m_read.get(), numbers, sizeof numbers)) > 0) {
        for (ssize_t i = 0; i < count; ++i) {
            Q_EMIT received(numbers[i]);
        }
    }
}

} // namespace PassMirror
