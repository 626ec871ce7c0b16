// SPDX-License-Identifier: GPL-2.0-or-later
// What the helper's actions do, without KAuth: parse the argument map,
// validate as the caller, start passmirrord, keep the registry. Each call
// returns the reply map (Protocol keys) and finishes within the deadline.
#pragma once

#include "mirrorregistry.h"
#include "mirrorresult.h"
#include "pathresults.h"
#include "sharedmountapproval.h"

#include <QByteArrayList>
#include <QVariantMap>

#include <chrono>
#include <memory>
#include <sys/types.h>

namespace PassMirror
{

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
    [[nodiscard]] virtual Outcome run(const QByteArrayList &arguments, std::chrono::milliseconds deadline) = 0;
};

// posix_spawn with a fixed program path, a clean environment and stdin/stdout
// on /dev/null; waits on a pidfd.
class ProcessLauncher : public DaemonLauncher
{
public:
    explicit ProcessLauncher(QByteArray program);
    [[nodiscard]] Outcome run(const QByteArrayList &arguments, std::chrono::milliseconds deadline) override;

private:
    QByteArray m_program;
};

struct ServiceConfig {
    int maxMirrorsPerUser = 8;
    std::chrono::milliseconds daemonDeadline{1500};
    // The most one sweep may take: the rest waits for the next call.
    std::chrono::milliseconds sweepBudget{500};
};

class MountService
{
public:
    // `approval` decides shared mirrors (null: none is ever approved).
    MountService(MirrorRegistry registry,
                 std::unique_ptr<DaemonLauncher> launcher,
                 ServiceConfig config = {},
                 std::unique_ptr<SharedMountApproval> approval = nullptr);

    [[nodiscard]] QVariantMap mount(const QVariantMap &arguments, uid_t caller, bool shared);
    // `anyOwner`: the caller was authorised as an administrator (unmountany).
    [[nodiscard]] QVariantMap unmount(const QVariantMap &arguments, uid_t caller, bool anyOwner);
    [[nodiscard]] QVariantMap unmountAll(const QVariantMap &arguments, uid_t caller);
    // The kernel's system-wide FUSE-over-io_uring switch (admin only, polkit
    // decides); mirrors already mounted keep what they started with.
    [[nodiscard]] QVariantMap setIoUring(const QVariantMap &arguments);

    // Removes entries of an earlier boot, of dead mirrors and of interrupted
    // starts (detaching the mount such a start left), and detaches recorded
    // mounts whose passmirrord is gone (recordedmounts.h). Run before every
    // action; bounded by ServiceConfig::sweepBudget, sends nothing to any
    // FUSE server and starts no process.
    void sweep();

private:
    MirrorResult unmountEntry(const MirrorEntry &entry, bool force);
    void cleanInterruptedStart(const MirrorEntry &entry);

    MirrorRegistry m_registry;
    std::unique_ptr<DaemonLauncher> m_launcher;
    ServiceConfig m_config;
    std::unique_ptr<SharedMountApproval> m_approval;
};

// The request id of an argument map when it is well formed, else empty.
[[nodiscard]] QString requestIdOf(const QVariantMap &arguments);

} // namespace PassMirror
