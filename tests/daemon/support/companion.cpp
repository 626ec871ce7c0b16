// SPDX-License-Identifier: GPL-2.0-or-later
#include "companion.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace PassMirror::Test
{

bool Companion::Channel::send(char byte) const
{
    while (true) {
        const ssize_t written = ::write(m_write, &byte, 1);
        if (written == 1) {
            return true;
        }
        if (written < 0 && errno == EINTR) {
            continue;
        }
        return false;
    }
}

char Companion::Channel::receive(std::chrono::milliseconds timeout) const
{
    pollfd pfd{m_read, POLLIN, 0};
    int ready = 0;
    do {
        ready = ::poll(&pfd, 1, static_cast<int>(timeout.count()));
    } while (ready < 0 && errno == EINTR);
    if (ready <= 0) {
        return 0;
    }
    char byte = 0;
    return ::read(m_read, &byte, 1) == 1 ? byte : 0;
}

Companion::Companion(const std::function<int(const Channel &)> &body)
{
    int toChild[2];
    int fromChild[2];
    if (::pipe2(toChild, O_CLOEXEC) != 0) {
        return;
    }
    if (::pipe2(fromChild, O_CLOEXEC) != 0) {
        ::close(toChild[0]);
        ::close(toChild[1]);
        return;
    }
    const pid_t pid = ::fork();
    if (pid < 0) {
        for (int fd : {toChild[0], toChild[1], fromChild[0], fromChild[1]}) {
            ::close(fd);
        }
        return;
    }
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        ::close(toChild[1]);
        ::close(fromChild[0]);
        const Channel channel(toChild[0], fromChild[1]);
        ::_exit(body(channel));
    }
    ::close(toChild[0]);
    ::close(fromChild[1]);
    m_pid = pid;
    m_toChild = toChild[1];
    m_fromChild = fromChild[0];
    m_channel = Channel(m_fromChild, m_toChild);
}

Companion::~Companion()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    if (m_toChild >= 0) {
        ::close(m_toChild);
    }
    if (m_fromChild >= 0) {
        ::close(m_fromChild);
    }
}

void Companion::kill()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
        m_pid = -1;
    }
}

int Companion::wait(std::chrono::milliseconds timeout)
{
    if (m_pid <= 0) {
        return -1;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        int status = 0;
        const pid_t result = ::waitpid(m_pid, &status, WNOHANG);
        if (result == m_pid) {
            m_pid = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        }
        if (result < 0 || std::chrono::steady_clock::now() >= deadline) {
            ::kill(m_pid, SIGKILL);
            ::waitpid(m_pid, nullptr, 0);
            m_pid = -1;
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

} // namespace PassMirror::Test
