// SPDX-License-Identifier: GPL-2.0-or-later
// "/proc/self/<kind>/<fd>" ("fd", "fdinfo"), built in a fixed buffer
// without allocating: async-signal-safe, for the orphan guard's handler.
#pragma once

namespace PassMirror
{

class ProcFdPath
{
public:
    ProcFdPath(const char *kind, int fd) noexcept;

    [[nodiscard]] const char *c_str() const noexcept
    {
        return m_path;
    }

private:
    char m_path[48];
};

} // namespace PassMirror
