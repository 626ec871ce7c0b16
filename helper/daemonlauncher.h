// SPDX-License-Identifier: GPL-2.0-or-later
// Starting passmirrord for one mirror: its command line, made in one place
// from named fields, and the process, waited for within a deadline.
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QString>

#include <chrono>
#include <sys/types.h>

namespace PassMirror
{

// passmirrord's command line for a mirror the helper starts (passmirrord(8)).
struct DaemonLaunch {
    QByteArray source; // validated, normalised
    QByteArray mountPoint; // validated, normalised
    uid_t owner = 0;
    QString passthrough = QStringLiteral("auto"); // auto, on or off
    QString statsPath;
    bool shared = false;
    bool readOnly = false;

    [[nodiscard]] QByteArrayList arguments() const;
};

// Starts passmirrord and waits for it to report: exit 0 once the mount is
// live, or a MirrorError as exit code with one line on stderr.
class DaemonLauncher
{
public:
    struct Outcome {
        bool finished = false; // false: still running at the deadline (killed)
        int exitCode = -1;
        QByteArray errorLine;
    };
    virtual ~DaemonLauncher() = default;
    [[nodiscard]] virtual Outcome run(const DaemonLaunch &launch, std::chrono::milliseconds deadline) = 0;
};

// posix_spawn with a fixed program path, a clean environment and stdin/stdout
// on /dev/null; waits on a pidfd. A process stuck in the kernel after the
// deadline's SIGKILL is left to be reaped later: it must not hold the helper.
class ProcessLauncher : public DaemonLauncher
{
public:
    explicit ProcessLauncher(QByteArray program);
    [[nodiscard]] Outcome run(const DaemonLaunch &launch, std::chrono::milliseconds deadline) override;

private:
    QByteArray m_program;
};

} // namespace PassMirror
