// SPDX-License-Identifier: GPL-2.0-or-later
// Bytes that come from outside — file names in a mirror, the command names
// of processes, paths read from the kernel — as text that is safe to show
// on a terminal, in a log line or in a table cell, written once for every
// process.
//
// In a shared mirror other users name the files and the processes the
// owner's views show, so a name may hold anything but '/' and NUL: an
// escape sequence that clears the owner's terminal or sets its title, a
// newline that fakes another line of output, bytes that are not UTF-8. The
// rules are those of `ls -b` and systemd's cescape: what could act on a
// terminal or move text is shown as a visible escape, and everything else as
// it is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace PassMirror
{

// The valid UTF-8 sequence at `text[at]`: its length (1 to 4) with its code
// point in `codePoint`, or 0 when none starts there (a stray or overlong
// byte, a surrogate, a sequence cut short).
[[nodiscard]] std::size_t utf8SequenceAt(std::string_view text, std::size_t at, std::uint32_t &codePoint) noexcept;
[[nodiscard]] bool isValidUtf8(std::string_view text) noexcept;

// A C0 control (U+0001–U+001F), DEL (U+007F) or a C1 control
// (U+0080–U+009F): what a terminal may act on. NUL is not one: no path or
// name can hold it.
[[nodiscard]] bool isControlCharacter(std::uint32_t codePoint) noexcept;
// What printable() shows as an escape: NUL, the control characters, the line
// and paragraph separators (U+2028, U+2029: a line break in Qt's views)
// and the bidirectional formatting characters (Unicode's Bidi_Control:
// U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), which reorder
// the text around them.
[[nodiscard]] bool isShownEscaped(std::uint32_t codePoint) noexcept;

// `bytes` as text to show:
//   a backslash            \\        (so an escape is never ambiguous)
//   tab, newline, return   \t \n \r
//   other C0 controls, DEL \xNN      (ESC is \x1b)
//   a byte not in UTF-8    \xNN      (each byte of the broken sequence)
//   other escaped code points (C1, separators, bidi) \uNNNN
//   anything else          itself
// The result is valid UTF-8, holds no control character, and two different
// inputs never give the same text.
[[nodiscard]] std::string printable(std::string_view bytes);
// printable(bytes) == bytes, without building it.
[[nodiscard]] bool isPrintable(std::string_view bytes) noexcept;

} // namespace PassMirror
