// SPDX-License-Identifier: GPL-2.0-or-later
#include "procfdpath.h"

#include <cstddef>
#include <initializer_list>

namespace PassMirror
{

ProcFdPath::ProcFdPath(const char *kind, int fd) noexcept
{
    std::size_t at = 0;
    for (const char *part : {"/proc/self/", kind, "/"}) {
        // "fdinfo" is the longest kind: 11 + 6 + 1 + 10 digits fit in 48.
        while (*part && at < sizeof m_path - 12) {
            m_path[at++] = *part++;
        }
    }
    char digits[12];
    int length = 0;
    for (unsigned int value = static_cast<unsigned int>(fd); length == 0 || value != 0; value /= 10) {
        digits[length++] = static_cast<char>('0' + value % 10);
    }
    while (length > 0) {
        m_path[at++] = digits[--length];
    }
    m_path[at] = '\0';
}

} // namespace PassMirror
