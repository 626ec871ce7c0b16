// SPDX-License-Identifier: GPL-2.0-or-later
#include "scratchdir.h"

#include "mountinfo.h"

#include <cstdlib>
#include <ftw.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace PassMirror::Test
{

std::string scratchBase()
{
    const char *base = std::getenv("PASSMIRROR_TEST_SCRATCH");
    return (base && *base) ? std::string(base) : std::string("/var/tmp");
}

ScratchDir::ScratchDir(const std::string &tag)
{
    std::string pattern = scratchBase() + "/passmirror-" + tag + "-XXXXXX";
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (::mkdtemp(buffer.data()) == nullptr) {
        return;
    }
    m_path = buffer.data();
    ::chmod(m_path.c_str(), 0755);
}

ScratchDir::~ScratchDir()
{
    if (!m_path.empty()) {
        removeTree(m_path);
    }
}

std::string ScratchDir::makeDirectory(const std::string &name, Credentials owner, mode_t mode) const
{
    const std::string path = m_path + '/' + name;
    if (::mkdir(path.c_str(), mode) != 0 || ::chown(path.c_str(), owner.uid, owner.gid) != 0 || ::chmod(path.c_str(), mode) != 0) {
        return {};
    }
    return path;
}

void removeTree(const std::string &path)
{
    for (const auto &mountPoint : mountsBelow(path)) {
        ::umount2(mountPoint.c_str(), MNT_DETACH);
    }
    ::nftw(
        path.c_str(),
        [](const char *entry, const struct stat *, int type, struct FTW *) {
            if (type == FTW_DP) {
                ::rmdir(entry);
            } else {
                ::unlink(entry);
            }
            return 0;
        },
        32,
        FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

} // namespace PassMirror::Test
