// SPDX-License-Identifier: GPL-2.0-or-later
// The mapped activity ring (base/activitylayout.h), published beside the
// stats file as publishedmemory.h says: root's, readable by the owner,
// written by passmirrord alone. Its records name the files the owner's
// mirror touched and the processes that touched them, so it is exactly as
// private as the stats file.
#pragma once

#include "activitylayout.h"
#include "failure.h"
#include "publishedmemory.h"

#include <variant>

namespace PassMirror
{

struct ActivityFileRequest {
    std::string path; // base/activityreader.h ringPathFor(the stats file's path)
    int directoryFd = -1; // the stats file's directory (StatsFile::directoryFd())
    std::uint64_t capacity = Activity::DefaultCapacity; // records; rounded up to a power of two
    UserIdentity owner;
};

class ActivityFile
{
public:
    [[nodiscard]] static std::variant<ActivityFile, Failure> create(const ActivityFileRequest &request);

    // MAP_SHARED: the forked server writes into the same pages.
    [[nodiscard]] Activity::Header *header() const
    {
        return static_cast<Activity::Header *>(m_file.memory());
    }
    [[nodiscard]] const std::string &path() const
    {
        return m_file.path();
    }
    void remove()
    {
        m_file.remove();
    }

private:
    explicit ActivityFile(PublishedMemory file)
        : m_file(std::move(file))
    {
    }

    PublishedMemory m_file;
};

} // namespace PassMirror
