// SPDX-License-Identifier: GPL-2.0-or-later
#include "randomid.h"

#include <QRandomGenerator>

#include <algorithm>

namespace PassMirror
{

QString newRandomId()
{
    quint32 words[RandomIdLength / 8];
    QRandomGenerator::system()->fillRange(words);
    QString id;
    id.reserve(RandomIdLength);
    for (const auto word : words) {
        id += QStringLiteral("%1").arg(word, 8, 16, QLatin1Char('0'));
    }
    return id;
}

bool isRandomId(const QString &id)
{
    return id.size() == RandomIdLength && std::all_of(id.begin(), id.end(), [](QChar c) {
               return (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
           });
}

} // namespace PassMirror
