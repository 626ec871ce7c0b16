// SPDX-License-Identifier: GPL-2.0-or-later
#include "printable.h"

namespace PassMirror
{

std::size_t utf8SequenceAt(std::string_view text, std::size_t at, std::uint32_t &codePoint) noexcept
{
    if (at >= text.size()) {
        return 0;
    }
    const auto byte = static_cast<std::uint8_t>(text[at]);
    std::size_t length = 0;
    std::uint32_t value = 0;
    if (byte < 0x80) {
        codePoint = byte;
        return 1;
    } else if ((byte & 0xE0) == 0xC0) {
        length = 2;
        value = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
        length = 3;
        value = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
        length = 4;
        value = byte & 0x07;
    } else {
        return 0; // a continuation byte, or 0xF8 and above
    }
    if (at + length > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<std::uint8_t>(text[at + k]);
        if ((next & 0xC0) != 0x80) {
            return 0;
        }
        value = (value << 6) | (next & 0x3F);
    }
    constexpr std::uint32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < smallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0; // overlong, out of range, or a surrogate
    }
    codePoint = value;
    return length;
}

bool isValidUtf8(std::string_view text) noexcept
{
    std::uint32_t codePoint = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8SequenceAt(text, i, codePoint);
        if (length == 0) {
            return false;
        }
        i += length;
    }
    return true;
}

bool isControlCharacter(std::uint32_t codePoint) noexcept
{
    return (codePoint >= 0x01 && codePoint <= 0x1F) || (codePoint >= 0x7F && codePoint <= 0x9F);
}

bool isShownEscaped(std::uint32_t codePoint) noexcept
{
    return codePoint == 0 || isControlCharacter(codePoint) || codePoint == 0x2028 || codePoint == 0x2029 || codePoint == 0x061C || codePoint == 0x200E
        || codePoint == 0x200F || (codePoint >= 0x202A && codePoint <= 0x202E) || (codePoint >= 0x2066 && codePoint <= 0x2069);
}

namespace
{
constexpr char Hex[] = "0123456789abcdef";

void appendByteEscape(std::string &out, std::uint8_t byte)
{
    out += "\\x";
    out += Hex[byte >> 4];
    out += Hex[byte & 0xF];
}

void appendCodePointEscape(std::string &out, std::uint32_t codePoint)
{
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) {
        out += Hex[(codePoint >> shift) & 0xF];
    }
}
} // namespace

bool isPrintable(std::string_view bytes) noexcept
{
    std::uint32_t codePoint = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = utf8SequenceAt(bytes, i, codePoint);
        if (length == 0 || codePoint == '\\' || isShownEscaped(codePoint)) {
            return false;
        }
        i += length;
    }
    return true;
}

std::string printable(std::string_view bytes)
{
    if (isPrintable(bytes)) {
        return std::string(bytes);
    }
    std::string out;
    out.reserve(bytes.size() + 16);
    std::uint32_t codePoint = 0;
    for (std::size_t i = 0; i < bytes.size();) {
        const std::size_t length = utf8SequenceAt(bytes, i, codePoint);
        if (length == 0) {
            appendByteEscape(out, static_cast<std::uint8_t>(bytes[i]));
            ++i;
            continue;
        }
        switch (codePoint) {
        case '\\':
            out += "\\\\";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (codePoint < 0x80 && isShownEscaped(codePoint)) {
                appendByteEscape(out, static_cast<std::uint8_t>(codePoint));
            } else if (isShownEscaped(codePoint)) {
                appendCodePointEscape(out, codePoint);
            } else {
                out.append(bytes.substr(i, length));
            }
        }
        i += length;
    }
    return out;
}

} // namespace PassMirror
