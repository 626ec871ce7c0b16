// SPDX-License-Identifier: GPL-2.0-or-later
// POSIX ACLs in the kernel's own form: the value of the
// system.posix_acl_access xattr (version 2; a tag, permission bits and an id
// per entry, sorted), so a process needs no libacl to give one user access.
#pragma once

#include <string>
#include <sys/types.h>

namespace PassMirror
{

// The ACL of a file its owner may read and write and `reader` may read,
// nobody else: user::rw-, user:<reader>:r--, group::---, mask::r--,
// other::---. Set on a file its mode shows as 0640.
[[nodiscard]] std::string aclReadableBy(uid_t reader);

// Sets that ACL on `fd` (fsetxattr): false with errno set when the
// filesystem refuses it (EOPNOTSUPP: no ACL support).
[[nodiscard]] bool grantReadAccess(int fd, uid_t reader);

} // namespace PassMirror
