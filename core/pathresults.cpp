// SPDX-License-Identifier: GPL-2.0-or-later
#include "pathresults.h"

#include <QMetaType>

namespace PassMirror::PathRules
{

ErrorRole errorRole(Role role)
{
    return role == Role::Source ? ErrorRole::Source : ErrorRole::MountPoint;
}

MirrorResult toResult(const Problem &problem)
{
    QString message = QString::fromStdString(problem.message);
    if (!problem.detail.empty()) {
        message += QStringLiteral(" (%1)").arg(QString::fromStdString(problem.detail));
    }
    return MirrorResult::failure(problem.error, message, errorRole(problem.role));
}

MirrorResult toResult(const Check &check)
{
    return check ? toResult(*check) : MirrorResult::success();
}

MirrorResult checkSyntax(const QByteArray &path, Role role)
{
    return toResult(checkSyntax(bytesOf(path), role));
}

QByteArray normalize(const QByteArray &absolutePath)
{
    return QByteArray::fromStdString(normalize(bytesOf(absolutePath)));
}

std::variant<QByteArray, MirrorResult> pathFromVariant(const QVariant &value, Role role)
{
    const auto type = value.metaType().id();
    if (type == QMetaType::QByteArray) {
        return value.toByteArray();
    }
    if (type == QMetaType::QString) {
        const QString text = value.toString();
        if (!text.isValidUtf16()) {
            return MirrorResult::failure(MirrorError::PathInvalid,
                                         QStringLiteral("The %1 path is not valid Unicode").arg(QLatin1StringView(roleName(role))),
                                         errorRole(role));
        }
        return text.toUtf8();
    }
    return MirrorResult::failure(MirrorError::Usage, QStringLiteral("The %1 must be a string").arg(QLatin1StringView(roleName(role))), errorRole(role));
}

} // namespace PassMirror::PathRules
