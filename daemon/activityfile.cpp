// SPDX-License-Identifier: GPL-2.0-or-later
#include "activityfile.h"

#include <ctime>
#include <new>

namespace PassMirror
{

std::variant<ActivityFile, Failure> ActivityFile::create(const ActivityFileRequest &request)
{
    const std::uint64_t capacity = Activity::roundCapacity(request.capacity);
    PublishedMemoryRequest file;
    file.path = request.path;
    file.directoryFd = request.directoryFd;
    file.size = Activity::fileSize(capacity);
    file.owner = request.owner;
    file.what = "activity ring";
    // Only the header is written now: the records are zero pages of the new
    // file (sequence 0, never written) until a writer first reaches them, so
    // a ring costs memory as it fills.
    auto published = PublishedMemory::create(file, [&request, capacity](void *memory) {
        auto *header = new (memory) Activity::Header();
        header->capacity = capacity;
        header->ownerUid = request.owner.uid;
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        header->startTimeUnixNs = static_cast<std::uint64_t>(now.tv_sec) * 1000000000u + static_cast<std::uint64_t>(now.tv_nsec);
    });
    if (auto *problem = std::get_if<Failure>(&published)) {
        return *problem;
    }
    return ActivityFile(std::move(std::get<PublishedMemory>(published)));
}

} // namespace PassMirror
