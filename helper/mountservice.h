// SPDX-License-Identifier: GPL-2.0-or-later
// What the helper's actions do, without KAuth: parse the argument map,
// validate as the caller, start passmirrord, keep the registry. Each call
// returns the reply map (Protocol keys) and finishes within the deadline.
#pragma once

#include "actionrequest.h"
#include "daemonlauncher.h"
#include "mirrorregistry.h"
#include "mirrorresult.h"
#include "pathrules.h"
#include "sharedmountapproval.h"
#include "useridentity.h"

#include <QVariantMap>

#include <chrono>
#include <memory>
#include <sys/types.h>
#include <variant>

namespace PassMirror
{

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
    // The steps of mount(), in order.
    // The caller's live mirror at the same mount point: its id when it is
    // the same mirror (asking again succeeds), a refusal when it is another
    // or the caller has as many as allowed; nothing when the start goes on.
    [[nodiscard]] std::variant<std::monostate, QString, MirrorResult> existingMirror(const ActionRequest &request, uid_t caller, bool shared) const;
    // (Then the path rules, as the caller.) An administrator's approval of a
    // shared mirror of exactly the validated folders.
    [[nodiscard]] MirrorResult approveShared(const ActionRequest &request, uid_t caller, const PathRules::ValidatedPaths &paths);
    // Starts passmirrord for the Starting entry and confirms its mount;
    // the entry is Live on success, gone (and nothing mounted) otherwise.
    [[nodiscard]] MirrorResult startDaemon(MirrorEntry &entry, const QString &passthrough, std::chrono::milliseconds deadline);

    MirrorResult unmountEntry(const MirrorEntry &entry, bool force);
    void cleanInterruptedStart(const MirrorEntry &entry);

    MirrorRegistry m_registry;
    std::unique_ptr<DaemonLauncher> m_launcher;
    ServiceConfig m_config;
    std::unique_ptr<SharedMountApproval> m_approval;
};

} // namespace PassMirror
