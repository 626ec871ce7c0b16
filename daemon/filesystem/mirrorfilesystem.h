// SPDX-License-Identifier: GPL-2.0-or-later
// The FUSE low-level filesystem that mirrors a source directory: every FUSE
// inode has a backing inode, every FUSE open its own backing file.
//
// The process layer (main.cpp, mount, supervisor) creates one, passes
// operations() and this object as userdata to fuse_session_new(), mounts and
// runs the session loop. Nothing here knows about mounting or processes.
#pragma once

#include "filesystemconfig.h"
#include "mirrorerror.h"

#include <fuse_lowlevel.h>
#include <memory>
#include <string>

namespace PassMirror
{

class MirrorFilesystem
{
public:
    explicit MirrorFilesystem(FilesystemConfig config);
    ~MirrorFilesystem();
    MirrorFilesystem(const MirrorFilesystem &) = delete;
    MirrorFilesystem &operator=(const MirrorFilesystem &) = delete;

    [[nodiscard]] static const fuse_lowlevel_ops &operations();

    // Set when init() had to refuse the mount (e.g. --passthrough=on and the
    // kernel does not offer it); init then ends the session. None otherwise.
    [[nodiscard]] MirrorError startupError() const;
    [[nodiscard]] std::string startupErrorMessage() const;

    // Optional: the session this filesystem serves, so init() can end it with
    // fuse_session_exit() when it refuses the mount. Without it, init() makes
    // libfuse abort the INIT handshake instead (EPROTO), which ends the
    // session too. Call before fuse_session_loop*().
    void setSession(fuse_session *session) noexcept;

    class Private;
    // For the operations (which get this object as userdata).
    [[nodiscard]] Private &privateData() noexcept;

private:
    std::unique_ptr<Private> d;
};

} // namespace PassMirror
