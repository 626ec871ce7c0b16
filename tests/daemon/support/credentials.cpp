// SPDX-License-Identifier: GPL-2.0-or-later
#include "credentials.h"

#include <cerrno>
#include <grp.h>
#include <unistd.h>

namespace PassMirror::Test
{

bool dropPrivilegesTo(Credentials who, const std::vector<gid_t> &supplementary)
{
    std::vector<gid_t> groups{who.gid};
    groups.insert(groups.end(), supplementary.begin(), supplementary.end());
    if (::setgroups(groups.size(), groups.data()) != 0) {
        return false;
    }
    if (::setresgid(who.gid, who.gid, who.gid) != 0) {
        return false;
    }
    if (::setresuid(who.uid, who.uid, who.uid) != 0) {
        return false;
    }
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    if (::getresuid(&ruid, &euid, &suid) != 0 || ::getresgid(&rgid, &egid, &sgid) != 0) {
        return false;
    }
    if (ruid != who.uid || euid != who.uid || suid != who.uid || rgid != who.gid || egid != who.gid || sgid != who.gid) {
        errno = EPERM;
        return false;
    }
    return true;
}

} // namespace PassMirror::Test
