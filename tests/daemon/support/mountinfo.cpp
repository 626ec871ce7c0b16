// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountinfo.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace PassMirror::Test
{

namespace
{

// mountinfo escapes space, tab, newline and backslash as \ooo.
std::string unescape(const std::string &field)
{
    std::string result;
    result.reserve(field.size());
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size()) {
            const std::string octal = field.substr(i + 1, 3);
            if (std::all_of(octal.begin(), octal.end(), [](char c) {
                    return c >= '0' && c <= '7';
                })) {
                result += static_cast<char>(std::stoi(octal, nullptr, 8));
                i += 3;
                continue;
            }
        }
        result += field[i];
    }
    return result;
}

bool hasOption(const std::string &options, const std::string &option)
{
    std::stringstream stream(options);
    std::string item;
    while (std::getline(stream, item, ',')) {
        if (item == option) {
            return true;
        }
    }
    return false;
}

} // namespace

bool MountEntry::hasMountOption(const std::string &option) const
{
    return hasOption(mountOptions, option);
}

bool MountEntry::hasSuperOption(const std::string &option) const
{
    return hasOption(superOptions, option);
}

std::vector<MountEntry> readMountInfo()
{
    std::vector<MountEntry> entries;
    std::ifstream file("/proc/self/mountinfo");
    std::string line;
    while (std::getline(file, line)) {
        // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
        std::istringstream stream(line);
        std::vector<std::string> fields;
        std::string field;
        while (stream >> field) {
            fields.push_back(field);
        }
        const auto separator = std::find(fields.begin(), fields.end(), "-");
        if (fields.size() < 6 || separator == fields.end() || std::distance(separator, fields.end()) < 3) {
            continue;
        }
        MountEntry entry;
        entry.mountPoint = unescape(fields[4]);
        entry.mountOptions = fields[5];
        entry.fsType = *(separator + 1);
        entry.source = unescape(*(separator + 2));
        entry.superOptions = std::distance(separator, fields.end()) > 3 ? *(separator + 3) : std::string();
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::optional<MountEntry> findMount(const std::string &path)
{
    std::optional<MountEntry> found;
    for (auto &entry : readMountInfo()) {
        if (entry.mountPoint == path) {
            found = std::move(entry); // later lines are mounted on top
        }
    }
    return found;
}

bool isMountPoint(const std::string &path)
{
    return findMount(path).has_value();
}

std::vector<std::string> mountsBelow(const std::string &path)
{
    std::vector<std::string> result;
    const std::string prefix = path.back() == '/' ? path : path + '/';
    for (const auto &entry : readMountInfo()) {
        if (entry.mountPoint == path || entry.mountPoint.starts_with(prefix)) {
            result.push_back(entry.mountPoint);
        }
    }
    std::sort(result.begin(), result.end(), [](const std::string &a, const std::string &b) {
        return a.size() > b.size();
    });
    return result;
}

bool waitForMountState(const std::string &path, bool mounted, int timeoutMs)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (true) {
        if (isMountPoint(path) == mounted) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

} // namespace PassMirror::Test
