// SPDX-License-Identifier: GPL-2.0-or-later
#include "folderlooker.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <thread>

namespace PassMirror
{

struct FolderLooker::Look {
    std::mutex mutex;
    std::condition_variable done;
    std::optional<FolderLook> result;
};

FolderLook FolderLook::of(const QString &path)
{
    FolderLook look;
    look.answered = true;
    QString folder = QDir::cleanPath(path);
    // lstat, not stat: a symbolic link is not the folder (the helper refuses it too).
    struct stat st{};
    if (::lstat(QFile::encodeName(folder).constData(), &st) == 0 && S_ISDIR(st.st_mode)) {
        look.isDirectory = true;
        look.owner = st.st_uid;
        const QString parent = QFileInfo(folder).absolutePath();
        look.foldersToWatch = parent == folder ? QStringList{folder} : QStringList{folder, parent};
        return look;
    }
    while (folder != QLatin1String("/") && !QFileInfo(folder).isDir()) {
        folder = QFileInfo(folder).absolutePath();
    }
    look.foldersToWatch = {folder};
    return look;
}

FolderLooker::FolderLooker(std::chrono::milliseconds patience)
    : m_patience(patience)
{
}

// Threads still hung in a look are left to end on their own (each holds its
// Look); the process may end before they do.
FolderLooker::~FolderLooker() = default;

FolderLook FolderLooker::look(const QString &path)
{
    std::shared_ptr<Look> look = m_outstanding.value(path);
    if (look) {
        std::lock_guard lock(look->mutex);
        if (!look->result) {
            return {}; // still hung: no second thread for the same folder
        }
        m_outstanding.remove(path); // back at last: look afresh
    }
    look = std::make_shared<Look>();
    std::thread([look, path] {
        FolderLook result = FolderLook::of(path);
        std::lock_guard lock(look->mutex);
        look->result = std::move(result);
        look->done.notify_all();
    }).detach();
    std::unique_lock lock(look->mutex);
    if (!look->done.wait_for(lock, m_patience, [&look] {
            return look->result.has_value();
        })) {
        m_outstanding.insert(path, look);
        return {};
    }
    return *look->result;
}

} // namespace PassMirror
