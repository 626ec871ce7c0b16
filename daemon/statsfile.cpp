// SPDX-License-Identifier: GPL-2.0-or-later
#include "statsfile.h"

#include "rundirectory.h"

#include <ctime>
#include <new>
#include <unistd.h>

namespace PassMirror
{

std::variant<StatsFile, Failure> StatsFile::create(const StatsFileRequest &request)
{
    PublishedMemoryRequest file;
    file.path = request.path ? *request.path : statsDirectory() + "/" + std::to_string(request.supervisorPid) + ".stats";
    file.makeDirectory = !request.path; // the default directory is made when missing; a given one must exist
    file.size = sizeof(Stats::Layout);
    file.owner = request.owner;
    file.what = "stats file";
    auto published = PublishedMemory::create(file, [&request](void *memory) {
        auto *layout = new (memory) Stats::Layout();
        layout->supervisorPid = request.supervisorPid;
        layout->ownerUid = request.owner.uid;
        layout->flags = request.flags;
        layout->requestedPassthrough = request.requestedPassthrough;
        timespec now{};
        clock_gettime(CLOCK_REALTIME, &now);
        layout->startTimeUnixNs = static_cast<std::uint64_t>(now.tv_sec) * 1000000000u + static_cast<std::uint64_t>(now.tv_nsec);
    });
    if (auto *problem = std::get_if<Failure>(&published)) {
        return *problem;
    }
    return StatsFile(std::move(std::get<PublishedMemory>(published)));
}

void StatsFile::setState(Stats::DaemonState state)
{
    if (auto *stats = layout()) {
        stats->state.store(static_cast<std::uint32_t>(state));
    }
}

} // namespace PassMirror
