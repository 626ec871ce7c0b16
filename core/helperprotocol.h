// SPDX-License-Identifier: GPL-2.0-or-later
// What crosses the system bus between the clients and org.passmirror.helper.
//
// Every call carries a fresh "requestId" that the helper echoes. KAuth
// matches replies by action name only and broadcasts them to every client,
// so a reply is (a) accepted only with one of the caller's own request ids
// and (b) never carries a path, a pid or anything else about a mirror: only
// the request id, a MirrorError with its ErrorRole, the error's fixed text
// (fixedText(), never composed from what the helper saw) and the mirror id.
// The helper always answers with a KAuth success reply carrying these keys
// (KAuth drops the data of failed replies); KAuth-level failures
// (authorization, busy, D-Bus) arrive as job errors.
#pragma once

#include <QLatin1StringView>

namespace PassMirror::Protocol
{

inline constexpr QLatin1StringView HelperId{"org.passmirror.helper"};
inline constexpr QLatin1StringView MountAction{"org.passmirror.helper.mount"};
inline constexpr QLatin1StringView MountSharedAction{"org.passmirror.helper.mountshared"};
inline constexpr QLatin1StringView UnmountAction{"org.passmirror.helper.unmount"};
inline constexpr QLatin1StringView UnmountAnyAction{"org.passmirror.helper.unmountany"};
inline constexpr QLatin1StringView UnmountAllAction{"org.passmirror.helper.unmountall"};
// The kernel's system-wide FUSE-over-io_uring switch (admin authentication).
inline constexpr QLatin1StringView SetIoUringAction{"org.passmirror.helper.setiouring"};
// Not called through KAuth: the helper asks polkit for it during mountshared,
// with the details "source" and "mountPoint" (the validated paths), and
// administrator authentication every time.
inline constexpr QLatin1StringView ConfirmSharedAction{"org.passmirror.helper.confirmshared"};

// Arguments. mount/mountshared: RequestId, Source, MountPoint, ReadOnly (bool),
// Passthrough ("auto"|"on"|"off"); mountshared also CallerBusName (the
// client's unique name on the system bus, the subject of the approval, which
// must belong to the calling user). unmount/unmountany: RequestId, MountPoint,
// Force (bool). unmountall: RequestId, Force. setiouring: RequestId, Enable
// (bool). Any other key is refused.
inline constexpr QLatin1StringView RequestId{"requestId"};
inline constexpr QLatin1StringView Source{"source"};
inline constexpr QLatin1StringView MountPoint{"mountPoint"};
inline constexpr QLatin1StringView ReadOnly{"readOnly"};
inline constexpr QLatin1StringView Passthrough{"passthrough"};
inline constexpr QLatin1StringView Force{"force"};
inline constexpr QLatin1StringView Enable{"enable"};
inline constexpr QLatin1StringView CallerBusName{"callerBusName"};

// Reply data.
inline constexpr QLatin1StringView Error{"error"}; // int, a MirrorError
inline constexpr QLatin1StringView Message{"message"}; // fixedText(error, role) only
inline constexpr QLatin1StringView Role{"role"}; // int, an ErrorRole: which path the error is about
inline constexpr QLatin1StringView MirrorId{"mirrorId"}; // mount: the registry id
inline constexpr QLatin1StringView Count{"count"}; // unmountall: mirrors removed

// A request id is 32 lowercase hex digits (randomid.h).

} // namespace PassMirror::Protocol
