// SPDX-License-Identifier: GPL-2.0-or-later
// base's printable() (printable.h) for the Qt processes: bytes that come
// from outside — file names in a mirror, command names, paths — as text a
// person may be shown in a terminal, a table cell, a tool tip or a
// notification, and the same bytes in JSON, which must stay valid and exact
// for programs while a terminal that shows it acts on nothing in it.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <string_view>

namespace PassMirror
{

// printable(bytes): control characters, line separators and bidi controls
// as visible escapes ("\x1b", "\n", "\u202e"), bytes that are not UTF-8 as
// "\xNN", a backslash as "\\"; everything else as it is.
[[nodiscard]] QString printableText(std::string_view bytes);
[[nodiscard]] QString printableText(const QByteArray &bytes);
// The same for text already decoded (through its UTF-8).
[[nodiscard]] QString printableText(const QString &text);

// The bytes as a JSON string: the text itself when they are UTF-8 (JSON
// escapes what it must), else printableText().
[[nodiscard]] QString jsonString(std::string_view bytes);
[[nodiscard]] QString jsonString(const QByteArray &bytes);

// Text for a tool tip (or any label Qt would guess the format of): Qt shows
// a tool tip as rich text when its first line looks like markup, so a file
// named "<img src=…>" or "<font size=20>" would be drawn as such. This is
// the text with its markup escaped, marked as rich text so nothing is
// guessed, its spaces and lines kept.
[[nodiscard]] QString toolTipText(const QString &plain);

// Sets `key` of `object` to the bytes as a JSON string: the text itself
// when they are UTF-8 (JSON escapes what it must), else printableText()
// and, so that a program still gets the exact bytes, `key` + "Base64".
void insertBytes(QJsonObject &object, const QString &key, std::string_view bytes);

// JSON text as QJsonDocument wrote it, with DEL, the C1 controls, U+2028,
// U+2029 and the bidi controls written as \u escapes: JSON allows them raw
// in a string, but a terminal acts on some (U+009B is CSI). The same JSON
// value; it only ever stands inside strings, which is the only place such
// characters can be.
[[nodiscard]] QByteArray terminalSafeJson(const QByteArray &json);

} // namespace PassMirror
