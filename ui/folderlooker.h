// SPDX-License-Identifier: GPL-2.0-or-later
// Looks at a folder (lstat) off the GUI thread. A source on a network share
// that stopped answering (an NFS hard mount whose server is gone, a FUSE
// server that hangs) blocks lstat for as long as it does not answer, and a
// look on the GUI thread would freeze the window with it. Each look waits
// at most `patience`; a folder whose look has not come back is answered
// "not answering" at once, without another thread, until it comes back.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>
#include <sys/types.h>

namespace PassMirror
{

struct FolderLook {
    bool answered = false; // false: the look is still out (the folder hangs)
    bool isDirectory = false; // a directory itself, not a symbolic link to one
    uid_t owner = 0;
    // The folders whose changes may make it appear or go: the folder and
    // its parent when it exists, else its nearest existing ancestor.
    QStringList foldersToWatch;

    // Done on the calling thread: what a FolderLooker runs in its threads.
    [[nodiscard]] static FolderLook of(const QString &path);
};

class FolderLooker
{
public:
    explicit FolderLooker(std::chrono::milliseconds patience = std::chrono::milliseconds(200));
    ~FolderLooker();
    FolderLooker(const FolderLooker &) = delete;
    FolderLooker &operator=(const FolderLooker &) = delete;

    [[nodiscard]] FolderLook look(const QString &path);

    // Whether a look is still out (a caller looks again later).
    [[nodiscard]] bool anyNotAnswering() const
    {
        return !m_outstanding.isEmpty();
    }

private:
    struct Look; // shared by the caller and the thread that looks
    std::chrono::milliseconds m_patience;
    QHash<QString, std::shared_ptr<Look>> m_outstanding;
};

} // namespace PassMirror
