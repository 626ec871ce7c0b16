// SPDX-License-Identifier: GPL-2.0-or-later
// The activity ring's sequence protocol on its own: the daemon's writer
// (activitywriter.h) and every client's reader (activityreader.h) on one
// ring file, in one process, so each rule can be driven exactly: records in
// order, a wrapped ring read from its oldest record with the loss counted, a
// slot still being written holding the reader back (and given up after a
// second), a writer refusing a slot one lap behind, a truncated file. The
// real daemon writing while real clients read is tests/daemon/activitytest.
#include "activityreader.h"
#include "activitywriter.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fcntl.h>
#include <new>
#include <sys/mman.h>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::Activity;

namespace
{

// A ring file as the daemon makes it, mapped writable for the test's writer.
class RingFile
{
public:
    RingFile(const QString &path, std::uint64_t capacity)
        : m_path(path.toStdString())
        , m_size(fileSize(capacity))
    {
        m_fd = ::open(m_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (m_fd < 0 || ::ftruncate(m_fd, static_cast<off_t>(m_size)) != 0) {
            return;
        }
        void *memory = ::mmap(nullptr, m_size, PROT_READ | PROT_WRITE, MAP_SHARED, m_fd, 0);
        if (memory == MAP_FAILED) {
            return;
        }
        m_header = new (memory) Header();
        m_header->capacity = capacity;
    }
    ~RingFile()
    {
        if (m_header) {
            ::munmap(m_header, m_size);
        }
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    RingFile(const RingFile &) = delete;
    RingFile &operator=(const RingFile &) = delete;

    [[nodiscard]] Header *header() const
    {
        return m_header;
    }
    [[nodiscard]] const std::string &path() const
    {
        return m_path;
    }
    void truncate() const
    {
        QCOMPARE(::ftruncate(m_fd, 0), 0);
    }

private:
    std::string m_path;
    std::size_t m_size;
    int m_fd = -1;
    Header *m_header = nullptr;
};

void fill(Record &record, std::uint32_t operation, int pid, const std::string &path)
{
    record.operation = operation;
    record.pid = pid;
    record.pathLength = static_cast<std::uint16_t>(path.size());
    std::memcpy(record.path, path.data(), path.size());
}

void append(RingWriter &writer, std::uint32_t operation, int pid, const std::string &path)
{
    const RingWriter::Slot slot = writer.claim();
    QVERIFY(slot.record);
    fill(*slot.record, operation, pid, path);
    RingWriter::commit(slot);
}

std::vector<Event> readAll(ActivityReader &reader, std::uint64_t &missed)
{
    std::vector<Event> events;
    for (;;) {
        const ReadResult result = reader.read(events);
        missed += result.missed;
        if (result.received == 0 && result.missed == 0) {
            return events;
        }
    }
}

} // namespace

class ActivityRingTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString path(const char *name) const
    {
        return m_dir.filePath(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void shouldReadRecordsInOrder()
    {
        RingFile ring(path("ordered"), 16);
        QVERIFY(ring.header());
        RingWriter writer(ring.header());
        ActivityReader reader;
        QVERIFY2(reader.open(ring.path()), reader.errorString().c_str());
        for (int i = 0; i < 10; ++i) {
            append(writer, 15, 100 + i, "f" + std::to_string(i));
        }
        std::uint64_t missed = 0;
        const auto events = readAll(reader, missed);
        QCOMPARE(events.size(), std::size_t(10));
        QCOMPARE(missed, 0u);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(events[i].sequence, std::uint64_t(i));
            QCOMPARE(events[i].pid, 100 + i);
            QCOMPARE(events[i].path, "f" + std::to_string(i));
            QCOMPARE(QByteArray(events[i].operationName().data()), QByteArray("open"));
        }
        // Nothing new: nothing read.
        std::vector<Event> none;
        QCOMPARE(reader.read(none).received, std::size_t(0));
    }

    void shouldCountWhatAWrappedRingLost()
    {
        RingFile ring(path("wrapped"), 16);
        RingWriter writer(ring.header());
        ActivityReader early;
        QVERIFY(early.open(ring.path()));
        for (int i = 0; i < 50; ++i) {
            append(writer, 18, i, "x");
        }
        std::uint64_t missed = 0;
        const auto events = readAll(early, missed);
        QCOMPARE(missed, 34u); // 50 written, the newest 16 kept
        QCOMPARE(events.size(), std::size_t(16));
        QCOMPARE(events.front().sequence, 34u);
        QCOMPARE(events.back().pid, 49);
        // A reader opened now starts at the oldest record held: nothing lost for it.
        ActivityReader late;
        QVERIFY(late.open(ring.path()));
        std::uint64_t lateMissed = 0;
        QCOMPARE(readAll(late, lateMissed).size(), std::size_t(16));
        QCOMPARE(lateMissed, 0u);
        // startAtNewest: only what comes next.
        late.startAtNewest();
        append(writer, 19, 77, "y");
        const auto next = readAll(late, lateMissed);
        QCOMPARE(next.size(), std::size_t(1));
        QCOMPARE(next.front().pid, 77);
    }

    void shouldWaitForASlotBeingWrittenThenGiveItUp()
    {
        RingFile ring(path("slow"), 16);
        RingWriter writer(ring.header());
        ActivityReader reader;
        QVERIFY(reader.open(ring.path()));
        const RingWriter::Slot slow = writer.claim(); // claimed, not yet committed
        QVERIFY(slow.record);
        append(writer, 15, 2, "after");
        std::vector<Event> events;
        ReadResult result = reader.read(events);
        QCOMPARE(result.received, std::size_t(0)); // held back: record 0 comes first
        fill(*slow.record, 15, 1, "before");
        RingWriter::commit(slow);
        result = reader.read(events);
        QCOMPARE(result.received, std::size_t(2));
        QCOMPARE(events[0].path, std::string("before"));
        QCOMPARE(events[1].path, std::string("after"));

        // A slot claimed and never completed counts as missed after a second.
        (void)writer.claim();
        append(writer, 15, 3, "later");
        events.clear();
        QCOMPARE(reader.read(events).received, std::size_t(0));
        QTest::qWait(1100);
        result = reader.read(events);
        QCOMPARE(result.missed, 1u);
        QCOMPARE(result.received, std::size_t(1));
        QCOMPARE(events[0].path, std::string("later"));
    }

    void shouldNeverLetTwoWritersShareASlot()
    {
        RingFile ring(path("lapped"), 16);
        RingWriter writer(ring.header());
        const RingWriter::Slot slow = writer.claim(); // record 0, slot 0, still being written
        for (int i = 1; i < 16; ++i) {
            append(writer, 15, i, "z");
        }
        // Record 16 wants slot 0 too: it is given up, not written over record 0.
        const RingWriter::Slot lapping = writer.claim();
        QVERIFY(!lapping.record);
        QCOMPARE(ring.header()->dropped.load(), 1u);
        fill(*slow.record, 15, 0, "slow");
        RingWriter::commit(slow);
        ActivityReader reader;
        QVERIFY(reader.open(ring.path()));
        std::uint64_t missed = 0;
        const auto events = readAll(reader, missed);
        QCOMPARE(events.front().path, std::string("z")); // record 1: record 0 fell out of the window
    }

    void shouldKeepTheEndOfALongPathAndSplitTheTarget()
    {
        RingFile ring(path("paths"), 16);
        RingWriter writer(ring.header());
        const RingWriter::Slot slot = writer.claim();
        slot.record->operation = 13; // rename
        const std::string from = "a/b", to = "c/d";
        std::memcpy(slot.record->path, from.data(), from.size());
        std::memcpy(slot.record->path + from.size(), to.data(), to.size());
        slot.record->pathLength = 3;
        slot.record->targetLength = 3;
        slot.record->flags = PathTruncated;
        RingWriter::commit(slot);
        // A record claiming more than it can hold is cut at the record's end.
        const RingWriter::Slot bad = writer.claim();
        bad.record->pathLength = 60000;
        bad.record->targetLength = 60000;
        RingWriter::commit(bad);
        ActivityReader reader;
        QVERIFY(reader.open(ring.path()));
        std::uint64_t missed = 0;
        const auto events = readAll(reader, missed);
        QCOMPARE(events.size(), std::size_t(2));
        QCOMPARE(events[0].path, from);
        QCOMPARE(events[0].target, to);
        QCOMPARE(events[0].displayPath(), std::string("…/a/b"));
        QCOMPARE(events[0].displayTarget(), std::string("/c/d"));
        QCOMPARE(events[1].path.size(), PathCapacity);
        QCOMPARE(events[1].target.size(), std::size_t(0));
    }

    void shouldRefuseWhatIsNotARingAndSurviveTruncation()
    {
        ActivityReader reader;
        QVERIFY(!reader.open(path("missing").toStdString()));
        QVERIFY(reader.errorString().find("No such file") != std::string::npos);
        {
            RingFile notRing(path("zeros"), 16);
            notRing.header()->magic = 0;
            QVERIFY(!reader.open(notRing.path()));
            QVERIFY(reader.errorString().find("not an activity ring") != std::string::npos);
        }
        {
            RingFile odd(path("odd"), 16);
            odd.header()->capacity = 12; // not a power of two
            QVERIFY(!reader.open(odd.path()));
        }
        RingFile ring(path("truncated"), 16);
        RingWriter writer(ring.header());
        append(writer, 15, 1, "a");
        QVERIFY(reader.open(ring.path()));
        ring.truncate();
        std::vector<Event> events;
        (void)reader.read(events); // touches the gone pages: SIGBUS caught, reader closed
        QVERIFY(!reader.isOpen());
    }

    void shouldSummarizeByProcessFileAndError()
    {
        std::vector<Event> events;
        const auto add = [&](std::uint64_t time, int pid, const char *command, const char *path, int error) {
            Event event;
            event.timeUnixNs = time;
            event.pid = pid;
            event.command = command;
            event.path = path;
            event.error = error;
            event.operation = 15;
            events.push_back(event);
        };
        add(100, 1, "old", "gone", 0); // before the window
        for (int i = 0; i < 5; ++i) {
            add(200, 7, "make", "Makefile", 0);
        }
        add(200, 8, "cat", "a", 0);
        add(200, 8, "cat", "missing", 2);
        add(200, 8, "cat", "missing", 2);
        const Summary summary = summarize(events, 150, 10);
        QCOMPARE(summary.events, 8u);
        QCOMPARE(summary.processes.front().command, std::string("make"));
        QCOMPARE(summary.processes.front().operations, 5u);
        QCOMPARE(summary.processes.back().errors, 2u);
        QCOMPARE(summary.files.front().path, std::string("/Makefile"));
        QCOMPARE(summary.errors.size(), std::size_t(1));
        QCOMPARE(summary.errors.front().error, 2);
        QCOMPARE(summary.errors.front().count, 2u);
        QCOMPARE(summarize(events, 150, 1).files.size(), std::size_t(1));
        QCOMPARE(ringPathFor("/run/passmirror/stats/ab.stats"), std::string("/run/passmirror/stats/ab.activity"));
        QCOMPARE(ringPathFor("/tmp/counters"), std::string("/tmp/counters.activity"));
    }
};

QTEST_GUILESS_MAIN(ActivityRingTest)
#include "activityringtest.moc"
