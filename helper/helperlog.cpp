// SPDX-License-Identifier: GPL-2.0-or-later
#include "helperlog.h"

#include "passmirrorhelper_debug.h"
#include "printable.h"

namespace PassMirror
{

QByteArray helperLogLine(const char *category, const QString &message)
{
    // A library's category ("kf.auth", "qt.dbus...") says who spoke.
    const QByteArray name(category);
    const bool named = !name.isEmpty() && name != "default" && name != PASSMIRROR_HELPER().categoryName();
    const QByteArray text = message.toUtf8();
    return "org.passmirror.helper: " + (named ? name + ": " : QByteArray())
        + QByteArray::fromStdString(printable(std::string_view(text.constData(), static_cast<std::size_t>(text.size())))) + '\n';
}

} // namespace PassMirror
