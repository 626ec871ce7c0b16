// SPDX-License-Identifier: GPL-2.0-or-later
#include "activityfiltermodel.h"

#include "activitymodel.h"
#include "printable.h"

#include <algorithm>

namespace PassMirror
{

namespace
{
char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(const QString &text)
{
    std::string bytes = text.toStdString();
    std::transform(bytes.begin(), bytes.end(), bytes.begin(), asciiLower);
    return bytes;
}

// `needle` (already lower case) in `haystack`, ASCII letters in any case.
bool containsFolded(std::string_view haystack, const std::string &needle)
{
    return std::search(haystack.begin(),
                       haystack.end(),
                       needle.begin(),
                       needle.end(),
                       [](char a, char b) {
                           return asciiLower(a) == b;
                       })
        != haystack.end();
}
// In the name as it is, or as the table shows it ("\x1b[2J" for a name
// with an escape): a person types what they see.
bool nameContains(std::string_view name, const std::string &needle)
{
    return containsFolded(name, needle) || (!isPrintable(name) && containsFolded(printable(name), needle));
}
} // namespace

ActivityFilterModel::ActivityFilterModel(ActivityModel *source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    setDynamicSortFilter(false); // rows keep the ring's order; nothing sorts
    setSourceModel(source);
}

void ActivityFilterModel::setProcessFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    bool isNumber = false;
    const int pid = trimmed.toInt(&isNumber);
    std::optional<int> wantedPid = isNumber && pid >= 0 ? std::optional<int>(pid) : std::nullopt;
    std::string command = wantedPid ? std::string() : lowered(trimmed);
    if (wantedPid == m_pid && command == m_command) {
        return;
    }
    m_pid = wantedPid;
    m_command = std::move(command);
    invalidate();
}

void ActivityFilterModel::setOperationFilter(std::optional<std::uint32_t> operation)
{
    if (operation != m_operation) {
        m_operation = operation;
        invalidate();
    }
}

void ActivityFilterModel::setPathFilter(const QString &text)
{
    std::string path = lowered(text);
    if (path != m_path) {
        m_path = std::move(path);
        invalidate();
    }
}

void ActivityFilterModel::setErrorsOnly(bool errorsOnly)
{
    if (errorsOnly != m_errorsOnly) {
        m_errorsOnly = errorsOnly;
        invalidate();
    }
}

bool ActivityFilterModel::isFiltering() const
{
    return m_pid || !m_command.empty() || m_operation || !m_path.empty() || m_errorsOnly;
}

bool ActivityFilterModel::accepts(const Activity::Event &event) const
{
    if (m_errorsOnly && event.error == 0) {
        return false;
    }
    if (m_operation && event.operation != *m_operation) {
        return false;
    }
    if (m_pid && event.pid != *m_pid) {
        return false;
    }
    if (!m_command.empty() && !nameContains(event.command, m_command)) {
        return false;
    }
    if (!m_path.empty() && !nameContains(event.displayPath(), m_path) && !nameContains(event.displayTarget(), m_path)) {
        return false;
    }
    return true;
}

const Activity::Event &ActivityFilterModel::event(int row) const
{
    return m_source->event(mapToSource(index(row, 0)).row());
}

bool ActivityFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !sourceParent.isValid() && accepts(m_source->event(sourceRow));
}

} // namespace PassMirror
