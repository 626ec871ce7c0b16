// SPDX-License-Identifier: GPL-2.0-or-later
// The supervisor's record of its mount (base/mountrecord.h says what it is
// for): published in mountRecordDirectory() once the mount is live, removed
// when the supervisor has detached it.
#pragma once

#include "failure.h"
#include "mountrecord.h"
#include "uniquefd.h"

#include <string>
#include <variant>

namespace PassMirror
{

class MountRecordFile
{
public:
    // Writes the record (a private name first, then renamed into place),
    // root's and 0600, in a root-owned directory that no one else may write
    // (made 0700 when missing).
    [[nodiscard]] static std::variant<MountRecordFile, Failure> create(const MountRecord &record);

    MountRecordFile(MountRecordFile &&other) noexcept;
    MountRecordFile &operator=(MountRecordFile &&) = delete;
    MountRecordFile(const MountRecordFile &) = delete;
    MountRecordFile &operator=(const MountRecordFile &) = delete;
    // Removes the record, only in the process that created it.
    ~MountRecordFile();

    // The directory (O_PATH): the supervisor's filter allows unlinkat there.
    [[nodiscard]] int directoryFd() const
    {
        return m_directory.get();
    }
    // Unlinks the published name if it still is this record.
    void remove();

private:
    MountRecordFile() = default;

    UniqueFd m_directory;
    UniqueFd m_file;
    std::string m_name;
    pid_t m_creator = -1;
    bool m_removed = false;
};

} // namespace PassMirror
