// SPDX-License-Identifier: GPL-2.0-or-later
// The users the daemon tests act as, and dropping to them for good.
#pragma once

#include <sys/types.h>
#include <vector>

namespace PassMirror::Test
{

struct Credentials {
    uid_t uid = 0;
    gid_t gid = 0;
};

// Users that exist in the test root (tools/devroot/provision.sh).
inline constexpr Credentials Tester{1000, 1000};
inline constexpr Credentials Tester2{1001, 1001};

// Sets supplementary groups, real/effective/saved gid and uid to `who`.
// There is no way back. Returns false (errno set) if any step fails or the
// ids did not stick.
// `supplementary` are extra groups besides who.gid.
[[nodiscard]] bool dropPrivilegesTo(Credentials who, const std::vector<gid_t> &supplementary = {});

} // namespace PassMirror::Test
