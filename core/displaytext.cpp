// SPDX-License-Identifier: GPL-2.0-or-later
#include "displaytext.h"

#include "printable.h"

namespace PassMirror
{

namespace
{
std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), static_cast<std::size_t>(bytes.size())};
}
} // namespace

QString printableText(std::string_view bytes)
{
    if (isPrintable(bytes)) {
        return QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size()));
    }
    return QString::fromStdString(printable(bytes));
}

QString printableText(const QByteArray &bytes)
{
    return printableText(view(bytes));
}

QString printableText(const QString &text)
{
    return printableText(text.toUtf8());
}

QString toolTipText(const QString &plain)
{
    if (plain.isEmpty()) {
        return plain;
    }
    return QStringLiteral("<p style=\"white-space:pre\">") + plain.toHtmlEscaped() + QStringLiteral("</p>");
}

QString jsonString(std::string_view bytes)
{
    return isValidUtf8(bytes) ? QString::fromUtf8(bytes.data(), static_cast<qsizetype>(bytes.size())) : printableText(bytes);
}

QString jsonString(const QByteArray &bytes)
{
    return jsonString(view(bytes));
}

void insertBytes(QJsonObject &object, const QString &key, std::string_view bytes)
{
    object.insert(key, jsonString(bytes));
    if (isValidUtf8(bytes)) {
        return;
    }
    const QByteArray exact(bytes.data(), static_cast<qsizetype>(bytes.size()));
    object.insert(key + QStringLiteral("Base64"), QString::fromLatin1(exact.toBase64()));
}

QByteArray terminalSafeJson(const QByteArray &json)
{
    const std::string_view text = view(json);
    QByteArray safe;
    safe.reserve(json.size());
    std::uint32_t codePoint = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t length = utf8SequenceAt(text, i, codePoint);
        if (length == 0) {
            safe += text[i]; // QJsonDocument writes UTF-8; nothing to improve on here
            ++i;
            continue;
        }
        if (codePoint >= 0x20 && isShownEscaped(codePoint)) {
            safe += QByteArray("\\u") + QByteArray::number(codePoint, 16).rightJustified(4, '0');
        } else {
            safe.append(text.data() + i, static_cast<qsizetype>(length));
        }
        i += length;
    }
    return safe;
}

} // namespace PassMirror
