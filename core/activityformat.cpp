// SPDX-License-Identifier: GPL-2.0-or-later
#include "activityformat.h"

#include "displaytext.h"

#include <QDateTime>
#include <QJsonArray>

#include <cstring>

namespace PassMirror
{

QString errnoName(int error)
{
    if (error == 0) {
        return {};
    }
    if (const char *name = strerrorname_np(error)) {
        return QString::fromLatin1(name);
    }
    return QStringLiteral("E%1").arg(error);
}

QString resultText(int error)
{
    if (error == 0) {
        return QStringLiteral("ok");
    }
    return QStringLiteral("%1 (%2)").arg(errnoName(error), QString::fromLocal8Bit(strerror(error)));
}

QString eventClockTime(std::uint64_t timeUnixNs)
{
    const auto ms = static_cast<qint64>(timeUnixNs / 1000000u);
    const auto micro = static_cast<int>((timeUnixNs / 1000u) % 1000000u);
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss")) + QStringLiteral(".%1").arg(micro, 6, 10, QLatin1Char('0'));
}

QString eventPath(const Activity::Event &event)
{
    return printableText(event.displayPath());
}

QString eventTarget(const Activity::Event &event)
{
    return printableText(event.displayTarget());
}

QString commandText(std::string_view command)
{
    return command.empty() ? QStringLiteral("?") : printableText(command);
}

QString processText(std::string_view command, int pid)
{
    // Not "%1[%2]".arg(command).arg(pid): a second arg() would replace a
    // "%1" in the command itself.
    return commandText(command) + QLatin1Char('[') + QString::number(pid) + QLatin1Char(']');
}

QString eventProcess(const Activity::Event &event)
{
    return processText(event.command, event.pid);
}

QString eventLine(const Activity::Event &event)
{
    QString line = eventClockTime(event.timeUnixNs) + QLatin1Char(' ') + eventProcess(event) + QStringLiteral(" uid=") + QString::number(event.uid)
        + QLatin1Char(' ') + QLatin1String(event.operationName()) + QLatin1Char(' ') + eventPath(event);
    if (const QString target = eventTarget(event); !target.isEmpty()) {
        line += QStringLiteral(" -> ") + target;
    }
    if (event.bytes != 0) {
        line += QStringLiteral(" %1 bytes").arg(event.bytes);
    }
    line += event.error == 0 ? QStringLiteral(" = 0") : QStringLiteral(" = -1 ") + resultText(event.error);
    return line;
}

QJsonObject eventJson(const Activity::Event &event)
{
    QJsonObject object{
        {QStringLiteral("sequence"), static_cast<qint64>(event.sequence)},
        {QStringLiteral("timeUnixNs"), QString::number(event.timeUnixNs)},
        {QStringLiteral("time"), QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(event.timeUnixNs / 1000000u)).toUTC().toString(Qt::ISODateWithMs)},
        {QStringLiteral("pid"), event.pid},
        {QStringLiteral("uid"), static_cast<qint64>(event.uid)},
        {QStringLiteral("operation"), QLatin1String(event.operationName())},
        {QStringLiteral("error"), event.error},
        {QStringLiteral("errorName"), errnoName(event.error)},
        {QStringLiteral("bytes"), static_cast<qint64>(event.bytes)},
    };
    insertBytes(object, QStringLiteral("command"), event.command);
    insertBytes(object, QStringLiteral("path"), event.displayPath());
    if (const std::string target = event.displayTarget(); !target.empty()) {
        insertBytes(object, QStringLiteral("target"), target);
    }
    QJsonArray flags;
    if (event.flags & Activity::PathDeleted) {
        flags.append(QStringLiteral("deleted"));
    }
    if (event.flags & (Activity::PathTruncated | Activity::TargetTruncated)) {
        flags.append(QStringLiteral("truncated"));
    }
    if (event.flags & Activity::PathUnknown) {
        flags.append(QStringLiteral("path-unknown"));
    }
    if (event.flags & Activity::CallerFromOpen) {
        flags.append(QStringLiteral("caller-is-opener"));
    }
    if (!flags.isEmpty()) {
        object.insert(QStringLiteral("flags"), flags);
    }
    return object;
}

namespace
{
// A cell of text from outside (a command name, a path), already printable:
// quoted as RFC 4180 says, and, as OWASP advises for CSV a spreadsheet
// opens, with a ' in front when it starts like a formula (a command named
// "=1+1" or "@SUM(...)" is text, not a formula).
QString csvCell(const QString &text)
{
    QString cell = text;
    if (!cell.isEmpty() && QStringLiteral("=+-@").contains(cell.front())) {
        cell.prepend(QLatin1Char('\''));
    }
    if (!cell.contains(QLatin1Char(',')) && !cell.contains(QLatin1Char('"')) && !cell.contains(QLatin1Char('\n')) && !cell.contains(QLatin1Char('\r'))) {
        return cell;
    }
    cell.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + cell + QLatin1Char('"');
}
} // namespace

QString csvHeader()
{
    return QStringLiteral("time,pid,command,uid,operation,path,target,bytes,result\r\n");
}

QString csvRecord(const Activity::Event &event)
{
    const QString time = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(event.timeUnixNs / 1000000u)).toUTC().toString(Qt::ISODateWithMs);
    const QStringList cells{time,
                            QString::number(event.pid),
                            csvCell(event.command.empty() ? QString() : printableText(event.command)),
                            QString::number(event.uid),
                            QLatin1String(event.operationName()),
                            csvCell(eventPath(event)),
                            csvCell(eventTarget(event)),
                            QString::number(event.bytes),
                            event.error == 0 ? QStringLiteral("ok") : errnoName(event.error)};
    return cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

std::optional<QList<std::uint32_t>> operationsNamed(const QString &names, QString &unknown)
{
    QList<std::uint32_t> operations;
    for (const QString &name : names.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString wanted = name.trimmed();
        bool found = false;
        for (std::uint32_t i = 0; i < Stats::OperationCount; ++i) {
            if (wanted == QLatin1String(Stats::OperationNames[i])) {
                operations.append(i);
                found = true;
                break;
            }
        }
        if (!found) {
            unknown = wanted;
            return std::nullopt;
        }
    }
    return operations;
}

} // namespace PassMirror
