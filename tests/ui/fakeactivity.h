// SPDX-License-Identifier: GPL-2.0-or-later
// An activity ring laid out as passmirrord makes it (base/activitylayout.h),
// mapped read-write, written with the daemon's own writer (RingWriter) so a
// test can record requests as the daemon would, at any rate.
#pragma once

#include "activitywriter.h"
#include "recentactivity.h"
#include "statslayout.h"

#include <QFile>
#include <QString>

#include <algorithm>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <optional>
#include <string_view>
#include <sys/mman.h>
#include <unistd.h>

namespace PassMirror
{

class FakeActivity
{
public:
    struct Request {
        Stats::Operation operation = Stats::Operation::Open;
        int pid = 4242;
        std::string_view command = "cat";
        std::string_view path = "docs/a.txt"; // relative to the mirror
        int error = 0;
        std::uint32_t uid = 1000;
        std::uint64_t bytes = 0;
        std::uint64_t timeUnixNs = 0; // 0: now
    };

    explicit FakeActivity(const QString &path, std::uint64_t capacity = Activity::DefaultCapacity)
        : m_path(path)
        , m_size(Activity::fileSize(capacity))
    {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0 || ftruncate(fd, static_cast<off_t>(m_size)) != 0) {
            qFatal("cannot create %s", qPrintable(path));
        }
        void *map = mmap(nullptr, m_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        ::close(fd);
        if (map == MAP_FAILED) {
            qFatal("cannot map %s", qPrintable(path));
        }
        m_header = new (map) Activity::Header{};
        m_header->capacity = capacity;
        m_header->daemonPid = getpid();
        m_header->ownerUid = getuid();
        for (std::uint64_t i = 0; i < capacity; ++i) {
            new (Activity::records(m_header) + i) Activity::Record{};
        }
        m_writer.emplace(m_header);
    }
    ~FakeActivity()
    {
        munmap(m_header, m_size);
    }
    FakeActivity(const FakeActivity &) = delete;
    FakeActivity &operator=(const FakeActivity &) = delete;

    // Records one answered request, as the daemon does after its reply.
    void write(const Request &request)
    {
        const Activity::RingWriter::Slot slot = m_writer->claim();
        if (!slot.record) {
            return;
        }
        Activity::Record &record = *slot.record;
        record.timeUnixNs = request.timeUnixNs != 0 ? request.timeUnixNs : RecentActivity::nowUnixNs();
        record.operation = static_cast<std::uint32_t>(request.operation);
        record.error = request.error;
        record.pid = request.pid;
        record.uid = request.uid;
        record.bytes = request.bytes;
        record.nodeId = 1;
        std::memset(record.command, 0, sizeof(record.command));
        std::memcpy(record.command, request.command.data(), std::min(request.command.size(), Activity::CommandSize));
        const std::size_t length = std::min(request.path.size(), Activity::PathCapacity);
        std::memcpy(record.path, request.path.data(), length);
        record.pathLength = static_cast<std::uint16_t>(length);
        record.targetLength = 0;
        record.flags = 0;
        Activity::RingWriter::commit(slot);
    }

    [[nodiscard]] const QString &path() const
    {
        return m_path;
    }
    [[nodiscard]] std::uint64_t written() const
    {
        return m_header->head.load();
    }

private:
    QString m_path;
    std::size_t m_size;
    Activity::Header *m_header = nullptr;
    std::optional<Activity::RingWriter> m_writer;
};

} // namespace PassMirror
