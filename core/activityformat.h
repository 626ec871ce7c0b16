// SPDX-License-Identifier: GPL-2.0-or-later
// Activity events (base/activityreader.h) for people and programs: one
// line in the spirit of strace and fatrace, a JSON object, CSV cells, and
// the names of errors. passmirrorctl and the window both show events
// through these, so they say the same thing the same way.
#pragma once

#include "activityreader.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace PassMirror
{

// "ENOENT" for 2; "" for 0; "E123" for an errno the C library cannot name.
[[nodiscard]] QString errnoName(int error);
// "ENOENT (No such file or directory)", or "ok".
[[nodiscard]] QString resultText(int error);
// The local time of an event, with microseconds: "14:03:07.123456".
[[nodiscard]] QString eventClockTime(std::uint64_t timeUnixNs);
// Names come from whoever made the file or ran the process (in a shared
// mirror, other users): every text below shows them through
// printableText() (core/displaytext.h), so "\x1b[2J" is what a file
// named ESC [ 2 J reads as, never an escape a terminal acts on, and a
// newline in a name never starts a line of its own. The JSON keeps the
// exact name.
[[nodiscard]] QString eventPath(const Activity::Event &event);
[[nodiscard]] QString eventTarget(const Activity::Event &event);
// A command name as shown; "?" when the process was gone before the daemon
// could read its name.
[[nodiscard]] QString commandText(std::string_view command);
// "cat[4242]".
[[nodiscard]] QString processText(std::string_view command, int pid);
[[nodiscard]] QString eventProcess(const Activity::Event &event);

// 14:03:07.123456 cat[4242] uid=1000 open /docs/a.txt = 0
// 14:03:07.123999 cat[4242] uid=1000 read /docs/a.txt 4096 bytes = 0
// 14:03:08.000001 mv[4250] uid=1000 rename /a -> /b = -1 EXDEV (Invalid cross-device link)
[[nodiscard]] QString eventLine(const Activity::Event &event);
// command, path and target are the exact names when they are UTF-8; when
// not, printableText() of them and, exact, commandBase64, pathBase64,
// targetBase64.
[[nodiscard]] QJsonObject eventJson(const Activity::Event &event);

// One CSV record (RFC 4180 quoting) and its header.
[[nodiscard]] QString csvHeader();
[[nodiscard]] QString csvRecord(const Activity::Event &event);

// Operation names ("open,flush") to a set of Stats::Operation indices;
// nullopt with `unknown` set to the first name that is none.
[[nodiscard]] std::optional<QList<std::uint32_t>> operationsNamed(const QString &names, QString &unknown);

} // namespace PassMirror
