// SPDX-License-Identifier: GPL-2.0-or-later
#include "daemonlauncher.h"

#include "mirrorerror.h"
#include "uniquefd.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace PassMirror
{

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

QByteArrayList DaemonLaunch::arguments() const
{
    QByteArrayList arguments{source,
                             mountPoint,
                             "--owner=" + QByteArray::number(owner),
                             "--passthrough=" + passthrough.toLatin1(),
                             "--stats-file=" + QFile::encodeName(statsPath)};
    if (shared) {
        arguments.append("--shared");
    }
    if (readOnly) {
        arguments.append("--read-only");
    }
    return arguments;
}

ProcessLauncher::ProcessLauncher(QByteArray program)
    : m_program(std::move(program))
{
}

DaemonLauncher::Outcome ProcessLauncher::run(const DaemonLaunch &launch, std::chrono::milliseconds deadline)
{
    Outcome outcome;
    int errorPipe[2];
    if (pipe2(errorPipe, O_CLOEXEC | O_NONBLOCK) != 0) {
        outcome.errorLine = "cannot create a pipe";
        return outcome;
    }
    UniqueFd readEnd(errorPipe[0]);
    UniqueFd writeEnd(errorPipe[1]);

    std::vector<char *> argv;
    QByteArrayList storage{m_program};
    storage += launch.arguments();
    for (QByteArray &argument : storage) {
        argv.push_back(argument.data());
    }
    argv.push_back(nullptr);
    char path[] = "PATH=/usr/sbin:/usr/bin:/sbin:/bin";
    char lang[] = "LANG=C.UTF-8";
    char *envp[] = {path, lang, nullptr};

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, writeEnd.get(), 2);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none;
    sigset_t all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSID);
    pid_t pid = -1;
    const int spawnError = posix_spawn(&pid, m_program.constData(), &actions, &attributes, argv.data(), envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    writeEnd.reset();
    if (spawnError != 0) {
        outcome.finished = true;
        outcome.exitCode = static_cast<int>(MirrorError::HelperUnavailable);
        outcome.errorLine = "cannot start passmirrord: " + QByteArray(strerror(spawnError));
        return outcome;
    }

    UniqueFd pidFd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
    const auto end = Clock::now() + deadline;
    bool exited = false;
    while (!exited) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now());
        if (left <= 0ms) {
            break;
        }
        pollfd fds[2] = {{pidFd.get(), POLLIN, 0}, {readEnd.get(), POLLIN, 0}};
        const int ready = poll(fds, readEnd.isValid() ? 2 : 1, static_cast<int>(left.count()));
        if (ready < 0 && errno != EINTR) {
            break;
        }
        if (fds[1].revents & (POLLIN | POLLHUP)) {
            char buffer[512];
            const ssize_t got = read(readEnd.get(), buffer, sizeof buffer);
            if (got > 0 && outcome.errorLine.size() < 4096) {
                outcome.errorLine.append(buffer, got);
            } else if (got == 0) {
                readEnd.reset();
            }
        }
        if (fds[0].revents & POLLIN) {
            exited = true;
        }
    }
    if (!exited) {
        kill(pid, SIGKILL);
    }
    // A process stuck in the kernel (a FUSE request already sent waits for
    // its answer unkillably) must not stop the helper: after a kill, wait a
    // moment, else leave it to be reaped when the helper exits.
    pollfd gone{pidFd.get(), POLLIN, 0};
    int status = 0;
    if (exited || !pidFd.isValid() || poll(&gone, 1, 1000) == 1) {
        waitpid(pid, &status, 0);
    }
    if (readEnd.isValid()) {
        // Only what is there now: a server or supervisor the daemon already
        // forked may hold the pipe open, and a blocking read would wait for
        // them (it hung the helper after a launch timed out).
        fcntl(readEnd.get(), F_SETFL, fcntl(readEnd.get(), F_GETFL) | O_NONBLOCK);
        char buffer[512];
        ssize_t got;
        while ((got = read(readEnd.get(), buffer, sizeof buffer)) > 0 && outcome.errorLine.size() < 4096) {
            outcome.errorLine.append(buffer, got);
        }
    }
    outcome.errorLine = outcome.errorLine.trimmed();
    if (const qsizetype newline = outcome.errorLine.lastIndexOf('\n'); newline >= 0) {
        outcome.errorLine = outcome.errorLine.mid(newline + 1);
    }
    outcome.finished = exited;
    outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return outcome;
}

} // namespace PassMirror
