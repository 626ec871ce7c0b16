// SPDX-License-Identifier: GPL-2.0-or-later
// Small helpers that turn syscall results into errno values, so every
// operation can say `if (int err = ...) return r.error(err);`.
#pragma once

#include <cerrno>
#include <string_view>

namespace PassMirror::Fs
{

// 0 when the call succeeded (result != -1), errno otherwise.
[[nodiscard]] inline int errnoOf(long result) noexcept
{
    return result == -1 ? errno : 0;
}

// The last errno, never 0 (a failing call that forgot to set errno is an I/O error).
[[nodiscard]] inline int lastError() noexcept
{
    return errno != 0 ? errno : EIO;
}

// Why a name from the kernel cannot name an entry of a directory: EINVAL for
// "." , ".." and names containing '/', ENAMETOOLONG for over-long ones, 0 when fine.
[[nodiscard]] inline int nameError(const char *name) noexcept
{
    if (name == nullptr) {
        return EINVAL;
    }
    const std::string_view view(name);
    if (view.empty() || view == "." || view == ".." || view.find('/') != std::string_view::npos) {
        return EINVAL;
    }
    if (view.size() > 255) {
        return ENAMETOOLONG;
    }
    return 0;
}

} // namespace PassMirror::Fs
