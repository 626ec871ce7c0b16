// SPDX-License-Identifier: GPL-2.0-or-later
#include "posixacl.h"

#include <cstdint>
#include <cstring>
#include <sys/xattr.h>

namespace PassMirror
{

namespace
{

// include/uapi/linux/posix_acl_xattr.h and posix_acl.h
constexpr std::uint32_t AclVersion = 2;
constexpr std::uint16_t UserObj = 0x01, User = 0x02, GroupObj = 0x04, Mask = 0x10, Other = 0x20;
constexpr std::uint16_t Read = 4, Write = 2;
constexpr std::uint32_t NoId = 0xffffffffu;

void append(std::string &value, std::uint16_t tag, std::uint16_t permissions, std::uint32_t id)
{
    // Little-endian on disk and in the xattr; every Linux we build for is.
    char entry[8];
    std::memcpy(entry, &tag, 2);
    std::memcpy(entry + 2, &permissions, 2);
    std::memcpy(entry + 4, &id, 4);
    value.append(entry, sizeof entry);
}

} // namespace

std::string aclReadableBy(uid_t reader)
{
    std::string value(reinterpret_cast<const char *>(&AclVersion), sizeof AclVersion);
    append(value, UserObj, Read | Write, NoId);
    append(value, User, Read, reader);
    append(value, GroupObj, 0, NoId);
    append(value, Mask, Read, NoId);
    append(value, Other, 0, NoId);
    return value;
}

bool grantReadAccess(int fd, uid_t reader)
{
    const std::string acl = aclReadableBy(reader);
    return fsetxattr(fd, "system.posix_acl_access", acl.data(), acl.size(), 0) == 0;
}

} // namespace PassMirror
