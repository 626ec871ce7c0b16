// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountinfo.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace PassMirror::Test
{

std::optional<MountEntry> findMount(const std::string &path)
{
    return mountAt(readMountTable(), path);
}

bool isMountPoint(const std::string &path)
{
    return findMount(path).has_value();
}

std::vector<std::string> mountsBelow(const std::string &path)
{
    std::vector<std::string> result;
    for (const MountEntry &entry : readMountTable()) {
        if (isAtOrBelow(entry.mountPoint, path)) {
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
