// SPDX-License-Identifier: GPL-2.0-or-later
// The helper's log: what the helper (or a library in it) says goes to its
// standard error, the system log, one line per message — never to KAuth,
// which would send it to every client on the bus (passmirrorhelper.cpp).
//
// A message may quote what a caller sent (the name of an argument it should
// not have sent) or what the mount table holds (any user's mount point, in
// a refusal's detail): it is shown through printable() (base/printable.h),
// so no caller can start a line of its own in root's log or put an escape
// sequence in front of the administrator who reads it.
#pragma once

#include <QByteArray>
#include <QString>

namespace PassMirror
{

// "org.passmirror.helper: [category: ]message\n"; the category is named
// unless it is the helper's own (or Qt's "default").
[[nodiscard]] QByteArray helperLogLine(const char *category, const QString &message);

} // namespace PassMirror
