// SPDX-License-Identifier: GPL-2.0-or-later
// A stats file laid out as passmirrord makes it (base/statslayout.h), mapped
// read-write so a test can count as the daemon would.
#pragma once

#include "statslayout.h"
#include "statsreader.h"

#include <QFile>
#include <QString>

#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

namespace PassMirror
{

// What a fresh stats file of a mounted daemon says (a FakeStats starts so),
// as the watcher's sample of it.
inline Stats::Snapshot mountedSnapshot()
{
    Stats::Snapshot snapshot;
    snapshot.valid = true;
    snapshot.state = Stats::DaemonState::Mounted;
    snapshot.passthroughAvailable = true;
    return snapshot;
}

class FakeStats
{
public:
    explicit FakeStats(const QString &path)
        : m_path(path)
    {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0 || ftruncate(fd, sizeof(Stats::Layout)) != 0) {
            qFatal("cannot create %s", qPrintable(path));
        }
        void *map = mmap(nullptr, sizeof(Stats::Layout), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        ::close(fd);
        if (map == MAP_FAILED) {
            qFatal("cannot map %s", qPrintable(path));
        }
        m_layout = new (map) Stats::Layout{};
        m_layout->state = static_cast<std::uint32_t>(Stats::DaemonState::Mounted);
        m_layout->passthroughAvailable = 1;
    }
    ~FakeStats()
    {
        munmap(m_layout, sizeof(Stats::Layout));
    }
    FakeStats(const FakeStats &) = delete;
    FakeStats &operator=(const FakeStats &) = delete;

    void count(Stats::Operation operation, std::uint64_t n = 1)
    {
        m_layout->counters(operation).requests += n;
    }
    Stats::Layout &layout()
    {
        return *m_layout;
    }
    [[nodiscard]] const QString &path() const
    {
        return m_path;
    }

private:
    QString m_path;
    Stats::Layout *m_layout = nullptr;
};

} // namespace PassMirror
