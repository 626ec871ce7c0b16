// SPDX-License-Identifier: GPL-2.0-or-later
#include "activityreader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <tuple>
#include <unistd.h>
#include <unordered_map>

namespace PassMirror::Activity
{

namespace
{

// A writer that claimed a slot but never completed it (it gave the record
// up, or died) is waited for this long before the record counts as missed.
constexpr auto GiveUpAfter = std::chrono::seconds(1);

std::string display(const std::string &path, bool truncated, bool deleted, bool unknown, bool hidden)
{
    if (hidden) {
        return "(hidden)";
    }
    if (unknown) {
        return "?";
    }
    std::string shown = truncated ? "…/" + path : "/" + path;
    if (deleted) {
        shown += " (deleted)";
    }
    return shown;
}

// The copy's loads must be done before the sequence is read again. GCC
// refuses atomic_thread_fence under ThreadSanitizer (which models no
// fences): there, a compiler barrier, which on x86 (loads are not
// reordered with loads) is the same.
inline void copyFinished()
{
#if defined(__SANITIZE_THREAD__)
    std::atomic_signal_fence(std::memory_order_acquire);
#else
    std::atomic_thread_fence(std::memory_order_acquire);
#endif
}

} // namespace

std::string_view operationName(std::uint32_t operation)
{
    return operation < Stats::OperationCount ? Stats::OperationNames[operation] : std::string_view("unknown");
}

std::string_view Event::operationName() const
{
    return Activity::operationName(operation);
}

std::string Event::displayPath() const
{
    return display(path, flags & PathTruncated, flags & PathDeleted, flags & PathUnknown, flags & PathHidden);
}

std::string Event::displayTarget() const
{
    return target.empty() && !(flags & TargetTruncated) ? std::string() : display(target, flags & TargetTruncated, false, false, false);
}

void ActivityReader::close()
{
    m_mapping.unmap();
    m_header = nullptr;
}

bool ActivityReader::isOpen() const
{
    return m_header != nullptr && !m_mapping.damaged();
}

bool ActivityReader::open(const std::string &path)
{
    close();
    m_missedTotal = 0;
    if (std::string problem = m_mapping.mapFile(path, sizeof(Header), "an activity ring"); !problem.empty()) {
        m_error = std::move(problem);
        return false;
    }
    const std::size_t size = m_mapping.size();
    const auto *header = static_cast<const Header *>(m_mapping.data());
    const std::uint64_t capacity = header->capacity;
    const bool powerOfTwo = capacity != 0 && (capacity & (capacity - 1)) == 0;
    if (header->magic != Magic || header->version != Version || header->headerSize != sizeof(Header) || header->recordSize != sizeof(Record) || !powerOfTwo
        || capacity > MaximumCapacity || fileSize(capacity) > size) {
        const bool truncated = m_mapping.damaged();
        m_mapping.unmap();
        m_error = path + ": " + (truncated ? std::string("truncated while opening") : "not an activity ring of version " + std::to_string(Version));
        return false;
    }
    m_header = header;
    m_error.clear();
    startAtOldest();
    return true;
}

std::uint64_t ActivityReader::capacity() const
{
    return isOpen() ? m_header->capacity : 0;
}

std::uint32_t ActivityReader::ownerUid() const
{
    return isOpen() ? m_header->ownerUid : 0;
}

std::uint64_t ActivityReader::written() const
{
    return isOpen() ? m_header->head.load(std::memory_order_acquire) : 0;
}

std::uint64_t ActivityReader::dropped() const
{
    return isOpen() ? m_header->dropped.load(std::memory_order_relaxed) : 0;
}

void ActivityReader::startAtOldest()
{
    const std::uint64_t head = written();
    m_next = head > capacity() ? head - capacity() : 0;
    m_waitingSince = {};
}

void ActivityReader::startAtNewest()
{
    m_next = written();
    m_waitingSince = {};
}

ReadResult ActivityReader::read(std::vector<Event> &events, std::size_t limit)
{
    ReadResult result;
    if (!isOpen()) {
        return result;
    }
    const std::uint64_t capacity = m_header->capacity;
    const Record *ring = records(m_header);
    const std::uint64_t head = m_header->head.load(std::memory_order_acquire);
    if (head > m_next + capacity) {
        // Whole laps went by: everything before the oldest slot is gone.
        result.missed += head - capacity - m_next;
        m_next = head - capacity;
    }
    while (m_next < head && result.received < limit) {
        const Record &slot = ring[m_next & (capacity - 1)];
        const std::uint64_t wanted = 2 * m_next + 2;
        const std::uint64_t before = slot.sequence.load(std::memory_order_acquire);
        if (before > wanted) {
            ++result.missed; // overwritten by a later lap
            ++m_next;
            continue;
        }
        if (before < wanted) {
            // Being written, or claimed and given up: wait a little for it.
            const auto now = std::chrono::steady_clock::now();
            if (m_waitingSince == std::chrono::steady_clock::time_point{}) {
                m_waitingSince = now;
            }
            if (now - m_waitingSince < GiveUpAfter) {
                break;
            }
            ++result.missed;
            ++m_next;
            m_waitingSince = {};
            continue;
        }
        m_waitingSince = {};
        Record copy;
        std::memcpy(static_cast<void *>(&copy), static_cast<const void *>(&slot), sizeof(Record));
        copyFinished();
        if (slot.sequence.load(std::memory_order_relaxed) != before || m_mapping.damaged()) {
            ++result.missed; // a writer of a later lap began on it while we copied
            ++m_next;
            continue;
        }
        Event event;
        event.sequence = m_next;
        event.timeUnixNs = copy.timeUnixNs;
        event.operation = copy.operation;
        event.error = copy.error;
        event.pid = copy.pid;
        event.uid = copy.uid;
        event.bytes = copy.bytes;
        event.nodeId = copy.nodeId;
        event.flags = copy.flags;
        event.command.assign(copy.command, strnlen(copy.command, CommandSize));
        const std::size_t pathLength = std::min<std::size_t>(copy.pathLength, PathCapacity);
        const std::size_t targetLength = std::min<std::size_t>(copy.targetLength, PathCapacity - pathLength);
        event.path.assign(copy.path, pathLength);
        event.target.assign(copy.path + pathLength, targetLength);
        events.push_back(std::move(event));
        ++result.received;
        ++m_next;
    }
    m_missedTotal += result.missed;
    return result;
}

std::string ringPathFor(const std::string &statsPath)
{
    constexpr std::string_view suffix = ".stats";
    if (statsPath.size() > suffix.size() && statsPath.compare(statsPath.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return statsPath.substr(0, statsPath.size() - suffix.size()) + ".activity";
    }
    return statsPath + ".activity";
}

namespace
{

// Keys that point into the events being summarized: no string is copied per
// event, only once per process or file found.
struct ProcessKey {
    int pid;
    std::uint32_t uid;
    std::string_view command;
    bool operator==(const ProcessKey &) const = default;
};
struct FileKey {
    std::string_view path;
    std::uint8_t flags; // those that change how the path reads
    bool operator==(const FileKey &) const = default;
};
struct KeyHash {
    std::size_t operator()(const ProcessKey &key) const noexcept
    {
        return std::hash<std::string_view>{}(key.command) ^ (static_cast<std::size_t>(key.pid) * 0x9e3779b97f4a7c15ull) ^ key.uid;
    }
    std::size_t operator()(const FileKey &key) const noexcept
    {
        return std::hash<std::string_view>{}(key.path) ^ (static_cast<std::size_t>(key.flags) << 1);
    }
};

constexpr std::uint8_t DisplayFlags = PathTruncated | PathDeleted | PathUnknown | PathHidden;

} // namespace

Summary summarize(const std::vector<Event> &events, std::uint64_t sinceUnixNs, std::size_t top)
{
    Summary summary;
    summary.fromUnixNs = sinceUnixNs;
    std::unordered_map<ProcessKey, ProcessActivity, KeyHash> processes;
    std::unordered_map<FileKey, std::pair<FileActivity, const Event *>, KeyHash> files;
    std::map<std::pair<std::uint32_t, int>, std::uint64_t> errors;
    for (const Event &event : events) {
        if (event.timeUnixNs < sinceUnixNs) {
            continue;
        }
        ++summary.events;
        summary.toUnixNs = std::max(summary.toUnixNs, event.timeUnixNs);
        const bool failed = event.error != 0;
        auto [process, newProcess] = processes.try_emplace(ProcessKey{event.pid, event.uid, event.command});
        if (newProcess) {
            process->second.pid = event.pid;
            process->second.command = event.command;
            process->second.uid = event.uid;
        }
        ++process->second.operations;
        process->second.errors += failed;
        process->second.bytes += event.bytes;
        const std::uint8_t flags = event.flags & DisplayFlags;
        auto [file, newFile] = files.try_emplace(FileKey{(flags & (PathUnknown | PathHidden)) ? std::string_view() : std::string_view(event.path), flags});
        if (newFile) {
            file->second.second = &event;
        }
        ++file->second.first.operations;
        file->second.first.errors += failed;
        file->second.first.bytes += event.bytes;
        if (failed) {
            ++errors[{event.operation, event.error}];
        }
    }
    summary.processes.reserve(processes.size());
    for (auto &[key, process] : processes) {
        summary.processes.push_back(std::move(process));
    }
    summary.files.reserve(files.size());
    for (auto &[key, file] : files) {
        file.first.path = file.second->displayPath();
        summary.files.push_back(std::move(file.first));
    }
    for (const auto &[key, count] : errors) {
        summary.errors.push_back({key.first, key.second, count});
    }
    // Most first; ties in a fixed order, so a view does not shuffle.
    std::sort(summary.processes.begin(), summary.processes.end(), [](const ProcessActivity &a, const ProcessActivity &b) {
        return std::tie(b.operations, a.pid, a.uid, a.command) < std::tie(a.operations, b.pid, b.uid, b.command);
    });
    std::sort(summary.files.begin(), summary.files.end(), [](const FileActivity &a, const FileActivity &b) {
        return std::tie(b.operations, a.path) < std::tie(a.operations, b.path);
    });
    std::stable_sort(summary.errors.begin(), summary.errors.end(), [](const OperationErrors &a, const OperationErrors &b) {
        return a.count > b.count;
    });
    summary.processes.resize(std::min(summary.processes.size(), top));
    summary.files.resize(std::min(summary.files.size(), top));
    summary.errors.resize(std::min(summary.errors.size(), top));
    return summary;
}

} // namespace PassMirror::Activity
