// SPDX-License-Identifier: GPL-2.0-or-later
// The activity ring records who did what, exactly: N opens by a known
// process are N records with its pid, command name, uid and path; a ring
// that wrapped lost only its oldest records and says how many; a reader
// that starts mid-stream reads on from there; nobody but the owner (and
// root) can read it; --no-activity keeps none. Records are read the way
// every client reads them (base/activityreader.h) while the daemon writes.

#include "activityreader.h"
#include "credentials.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "runas.h"
#include "waiting.h"

#include <QTest>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <set>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

constexpr int OpenCount = 500;
constexpr char Command[] = "pm-opener";

// In a child as `who` named `Command`: opens and closes `path` `count` times.
Outcome openRepeatedly(const std::string &path, int count, int flags = O_RDONLY)
{
    prctl(PR_SET_NAME, Command, 0, 0, 0);
    for (int i = 0; i < count; ++i) {
        const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
        if (fd < 0) {
            return Outcome::failure("open " + path, errno);
        }
        if (::close(fd) != 0) {
            return Outcome::failure("close " + path, errno);
        }
    }
    return Outcome::success();
}

std::vector<Activity::Event> readAll(Activity::ActivityReader &reader, std::uint64_t *missed = nullptr)
{
    std::vector<Activity::Event> events;
    for (;;) {
        const Activity::ReadResult result = reader.read(events);
        if (missed) {
            *missed += result.missed;
        }
        if (result.received == 0 && result.missed == 0) {
            return events;
        }
    }
}

std::size_t countOf(const std::vector<Activity::Event> &events, Stats::Operation operation, pid_t pid, const std::string &path)
{
    return std::count_if(events.begin(), events.end(), [&](const Activity::Event &e) {
        return e.operation == static_cast<std::uint32_t>(operation) && e.pid == pid && e.path == path;
    });
}

// Releases come asynchronously after close(2), and every record is written
// after its reply (by a thread the scheduler may hold back a while): wait
// until `count` opens, flushes and releases are in.
bool waitForReleases(Activity::ActivityReader &reader, std::vector<Activity::Event> &events, pid_t pid, const std::string &path, std::size_t count)
{
    return waitUntil(
        [&] {
            const auto more = readAll(reader);
            events.insert(events.end(), more.begin(), more.end());
            return countOf(events, Stats::Operation::Release, pid, path) >= count && countOf(events, Stats::Operation::Open, pid, path) >= count
                && countOf(events, Stats::Operation::Flush, pid, path) >= count;
        },
        10s);
}

} // namespace

class ActivityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRecordEveryOpenWithItsProcessAndPath_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<bool>("shared");
        QTest::newRow("passthrough") << QByteArray("on") << false;
        QTest::newRow("userspace") << QByteArray("off") << false;
        QTest::newRow("shared, opened by another user") << QByteArray("on") << true;
    }

    void shouldRecordEveryOpenWithItsProcessAndPath()
    {
        QFETCH(QByteArray, passthrough);
        QFETCH(bool, shared);
        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        options.shared = shared;
        MirrorProcess mirror(options);
        QCOMPARE(::mkdir((mirror.sourcePath() + "/docs").c_str(), 0755), 0);
        QCOMPARE(writeFile(mirror.sourcePath() + "/docs/report.txt", "hello", 0644), 0);
        QCOMPARE(::chown((mirror.sourcePath() + "/docs").c_str(), Tester.uid, Tester.gid), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());

        Activity::ActivityReader reader;
        QVERIFY2(reader.open(Activity::ringPathFor(mirror.statsPath())), reader.errorString().c_str());
        QCOMPARE(reader.capacity(), Activity::DefaultCapacity);
        QCOMPARE(reader.ownerUid(), Tester.uid);

        // A reader copying records out while they are written: none may tear.
        std::atomic<bool> stop{false};
        std::vector<Activity::Event> concurrent;
        std::thread racing([&] {
            Activity::ActivityReader own;
            if (!own.open(Activity::ringPathFor(mirror.statsPath()))) {
                return;
            }
            while (!stop.load()) {
                own.read(concurrent);
            }
            own.read(concurrent);
        });

        const Credentials opener = shared ? Tester2 : Tester;
        const std::string path = mirror.mountPoint() + "/docs/report.txt";
        ChildProcess child;
        QVERIFY(child.start(opener, [&] {
            return openRepeatedly(path, OpenCount);
        }));
        const pid_t pid = child.pid();
        const Outcome outcome = child.wait();
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());

        std::vector<Activity::Event> events;
        QVERIFY2(waitForReleases(reader, events, pid, "docs/report.txt", OpenCount), "not every release was recorded");
        stop = true;
        racing.join();
        QCOMPARE(reader.missedTotal(), 0u);

        // Exactly N of each, all with the child's name and uid.
        QCOMPARE(countOf(events, Stats::Operation::Open, pid, "docs/report.txt"), std::size_t(OpenCount));
        QCOMPARE(countOf(events, Stats::Operation::Flush, pid, "docs/report.txt"), std::size_t(OpenCount));
        QCOMPARE(countOf(events, Stats::Operation::Release, pid, "docs/report.txt"), std::size_t(OpenCount));
        for (const Activity::Event &event : events) {
            if (event.pid != pid) {
                continue;
            }
            QCOMPARE(QByteArray::fromStdString(event.command), QByteArray(Command));
            QCOMPARE(event.uid, opener.uid);
            if (event.path == "docs/report.txt" && event.operation != static_cast<std::uint32_t>(Stats::Operation::Getxattr)) {
                QCOMPARE(event.error, 0);
            }
        }
        // The records agree with the counters of the stats file.
        const Stats::Snapshot counters = mirror.stats().sample();
        const auto opens = std::count_if(events.begin(), events.end(), [](const Activity::Event &e) {
            return e.operation == static_cast<std::uint32_t>(Stats::Operation::Open);
        });
        QCOMPARE(static_cast<std::uint64_t>(opens), counters.requestsOf(Stats::Operation::Open));

        // Sequence numbers run without a gap, and what the racing reader saw
        // is, record by record, what the calm one saw.
        for (std::size_t i = 1; i < events.size(); ++i) {
            QCOMPARE(events[i].sequence, events[i - 1].sequence + 1);
        }
        QVERIFY(!concurrent.empty());
        for (const Activity::Event &seen : concurrent) {
            if (seen.sequence >= events.size()) {
                continue; // written after the calm reader's last read
            }
            const Activity::Event &calm = events[seen.sequence];
            QCOMPARE(seen.operation, calm.operation);
            QCOMPARE(seen.pid, calm.pid);
            QCOMPARE(seen.path, calm.path);
            QCOMPARE(seen.command, calm.command);
            QCOMPARE(seen.timeUnixNs, calm.timeUnixNs);
        }
    }

    // A process names itself with any bytes (prctl, /proc/self/comm): the
    // record keeps them as the kernel has them, newlines and escapes
    // included; readers show them (base/printable.h).
    void shouldRecordTheCommandNameAsTheKernelHasIt_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("newline inside") << QByteArray("sh\nroot[1]");
        QTest::newRow("newline at the end") << QByteArray("sh\n");
        QTest::newRow("escape sequence") << QByteArray("\x1b[2J\x1b]0;x\x07");
        QTest::newRow("all 15 bytes") << QByteArray("abcdefghijklmn\n");
        QTest::newRow("not UTF-8") << QByteArray("caf\xe9");
    }
    void shouldRecordTheCommandNameAsTheKernelHasIt()
    {
        QFETCH(QByteArray, name);
        MirrorProcess mirror(MirrorOptions{});
        QCOMPARE(writeFile(mirror.sourcePath() + "/file", "x", 0644), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        Activity::ActivityReader reader;
        QVERIFY2(reader.open(Activity::ringPathFor(mirror.statsPath())), reader.errorString().c_str());
        const std::string path = mirror.mountPoint() + "/file";
        ChildProcess child;
        QVERIFY(child.start(Tester, [&] {
            prctl(PR_SET_NAME, name.constData(), 0, 0, 0);
            const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            return fd >= 0 && ::close(fd) == 0 ? Outcome::success() : Outcome::failure("open " + path, errno);
        }));
        const pid_t pid = child.pid();
        const Outcome outcome = child.wait();
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());
        std::vector<Activity::Event> events;
        QVERIFY(waitForReleases(reader, events, pid, "file", 1));
        for (const Activity::Event &event : events) {
            if (event.pid == pid) {
                QCOMPARE(QByteArray::fromStdString(event.command), name);
            }
        }
    }

    void shouldLoseOnlyTheOldestRecordsWhenTheRingWraps()
    {
        MirrorOptions options;
        options.extraArguments = {"--activity-records=1024"};
        MirrorProcess mirror(options);
        QCOMPARE(writeFile(mirror.sourcePath() + "/a", "x", 0644), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        Activity::ActivityReader reader;
        QVERIFY2(reader.open(Activity::ringPathFor(mirror.statsPath())), reader.errorString().c_str());
        QCOMPARE(reader.capacity(), 1024u);

        const std::string path = mirror.mountPoint() + "/a";
        ChildProcess child;
        QVERIFY(child.start(Tester, [&] {
            return openRepeatedly(path, 2000);
        }));
        const pid_t pid = child.pid();
        QVERIFY2(child.wait().succeeded(), "the opener failed");
        QVERIFY(waitUntil(
            [&] {
                return reader.written() >= 6000 && mirror.stats().sample().openFiles == 0;
            },
            10s));
        QTest::qWait(100); // the last release's record is written after its reply

        const std::uint64_t written = reader.written();
        std::uint64_t missed = 0;
        const std::vector<Activity::Event> events = readAll(reader, &missed);
        // It kept the newest `capacity` and says exactly how many went before.
        QCOMPARE(events.size(), std::size_t(1024));
        QCOMPARE(missed, written - 1024);
        QCOMPARE(events.front().sequence, written - 1024);
        QCOMPARE(events.back().sequence, written - 1);
        // All of them the burst's (a record is written after its reply, so
        // the last flush may land after the last release).
        for (const Activity::Event &event : events) {
            QCOMPARE(event.pid, pid);
            QCOMPARE(QByteArray::fromStdString(event.path), QByteArray("a"));
        }
        QCOMPARE(reader.dropped(), 0u);
    }

    void shouldReadOnFromWhereAReaderStarts()
    {
        MirrorProcess mirror;
        QCOMPARE(writeFile(mirror.sourcePath() + "/before", "x", 0644), 0);
        QCOMPARE(writeFile(mirror.sourcePath() + "/after", "x", 0644), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        ChildProcess first;
        QVERIFY(first.start(Tester, [&] {
            return openRepeatedly(mirror.mountPoint() + "/before", 10);
        }));
        const pid_t firstPid = first.pid();
        QVERIFY(first.wait().succeeded());
        QTest::qWait(200);

        // Opened mid-stream: from the newest record on, only what follows.
        Activity::ActivityReader late;
        QVERIFY(late.open(Activity::ringPathFor(mirror.statsPath())));
        late.startAtNewest();
        ChildProcess second;
        QVERIFY(second.start(Tester, [&] {
            return openRepeatedly(mirror.mountPoint() + "/after", 7);
        }));
        const pid_t pid = second.pid();
        QVERIFY(second.wait().succeeded());
        std::vector<Activity::Event> events;
        QVERIFY(waitForReleases(late, events, pid, "after", 7));
        QCOMPARE(countOf(events, Stats::Operation::Open, pid, "after"), std::size_t(7));
        QCOMPARE(countOf(events, Stats::Operation::Open, firstPid, "before"), std::size_t(0));
        QCOMPARE(late.missedTotal(), 0u);

        // From the oldest: both.
        Activity::ActivityReader whole;
        QVERIFY(whole.open(Activity::ringPathFor(mirror.statsPath())));
        const auto all = readAll(whole);
        QCOMPARE(countOf(all, Stats::Operation::Open, firstPid, "before"), std::size_t(10));
        QCOMPARE(countOf(all, Stats::Operation::Open, pid, "after"), std::size_t(7));
    }

    void shouldNameWhatEachOperationWasAbout()
    {
        MirrorOptions options;
        options.passthrough = "off"; // writes through the daemon carry byte counts
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string mount = mirror.mountPoint();
        ChildProcess child;
        QVERIFY(child.start(Tester, [&] {
            prctl(PR_SET_NAME, Command, 0, 0, 0);
            struct stat st{};
            if (::stat((mount + "/missing").c_str(), &st) == 0 || errno != ENOENT) {
                return Outcome::failure("stat of a missing name", errno);
            }
            if (::mkdir((mount + "/d").c_str(), 0755) != 0) {
                return Outcome::failure("mkdir", errno);
            }
            const int fd = ::open((mount + "/d/f").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
            if (fd < 0) {
                return Outcome::failure("create", errno);
            }
            if (::write(fd, "12345", 5) != 5) {
                return Outcome::failure("write", errno);
            }
            if (::rename((mount + "/d/f").c_str(), (mount + "/d/g").c_str()) != 0) {
                return Outcome::failure("rename", errno);
            }
            if (::link((mount + "/d/g").c_str(), (mount + "/h").c_str()) != 0) {
                return Outcome::failure("link", errno);
            }
            if (::unlink((mount + "/d/g").c_str()) != 0 || ::unlink((mount + "/h").c_str()) != 0) {
                return Outcome::failure("unlink", errno);
            }
            // Written after its last name went: the path it had, marked deleted.
            if (::pwrite(fd, "678", 3, 5) != 3) {
                return Outcome::failure("write after unlink", errno);
            }
            ::close(fd);
            return Outcome::success();
        }));
        const pid_t pid = child.pid();
        const Outcome outcome = child.wait();
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());
        QTest::qWait(300);

        Activity::ActivityReader reader;
        QVERIFY(reader.open(Activity::ringPathFor(mirror.statsPath())));
        std::vector<Activity::Event> events;
        for (auto &event : readAll(reader)) {
            if (event.pid == pid) {
                events.push_back(std::move(event));
            }
        }
        const auto find = [&](Stats::Operation operation, const std::string &path) -> const Activity::Event * {
            for (const Activity::Event &event : events) {
                if (event.operation == static_cast<std::uint32_t>(operation) && event.path == path) {
                    return &event;
                }
            }
            return nullptr;
        };
        const Activity::Event *missing = find(Stats::Operation::Lookup, "missing");
        QVERIFY(missing);
        QCOMPARE(missing->error, ENOENT);
        QVERIFY(find(Stats::Operation::Mkdir, "d"));
        QVERIFY(find(Stats::Operation::Create, "d/f"));
        const Activity::Event *write = find(Stats::Operation::Write, "d/f");
        QVERIFY(write);
        QCOMPARE(write->bytes, 5u);
        const Activity::Event *rename = find(Stats::Operation::Rename, "d/f");
        QVERIFY(rename);
        QCOMPARE(QByteArray::fromStdString(rename->target), QByteArray("d/g"));
        const Activity::Event *link = find(Stats::Operation::Link, "d/g");
        QVERIFY(link);
        QCOMPARE(QByteArray::fromStdString(link->target), QByteArray("h"));
        QVERIFY(find(Stats::Operation::Unlink, "d/g"));
        QVERIFY(find(Stats::Operation::Unlink, "h"));
        const Activity::Event *late = find(Stats::Operation::Write, "d/g");
        QVERIFY2(late, "the write after unlink names the file's last path");
        QVERIFY(late->flags & Activity::PathDeleted);
        QCOMPARE(QByteArray::fromStdString(late->displayPath()), QByteArray("/d/g (deleted)"));
        QCOMPARE(late->bytes, 3u);
        // The release comes from the kernel with no caller: it is the opener's.
        const Activity::Event *release = find(Stats::Operation::Release, "d/g");
        QVERIFY(release);
        QCOMPARE(QByteArray::fromStdString(release->command), QByteArray(Command));
    }

    void shouldLetNobodyButTheOwnerReadTheRing()
    {
        MirrorProcess mirror;
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string ring = Activity::ringPathFor(mirror.statsPath());
        struct stat st{};
        QCOMPARE(::stat(ring.c_str(), &st), 0);
        QCOMPARE(st.st_uid, 0u);
        QCOMPARE(st.st_mode & 0022, 0u); // nobody but root writes it
        const Outcome owner = runAs(Tester, [&] {
            Activity::ActivityReader reader;
            return reader.open(ring) ? Outcome::success() : Outcome::failure(reader.errorString(), errno);
        });
        QVERIFY2(owner.succeeded(), owner.describe().c_str());
        const Outcome other = runAs(Tester2, [&] {
            return Outcome::of(::open(ring.c_str(), O_RDONLY | O_CLOEXEC));
        });
        QVERIFY(!other.succeeded());
        QCOMPARE(other.error, EACCES);
        const Outcome ownerWrites = runAs(Tester, [&] {
            return Outcome::of(::open(ring.c_str(), O_RDWR | O_CLOEXEC));
        });
        QCOMPARE(ownerWrites.error, EACCES);
    }

    // Shared: the owner reads the ring, so another user's file in a folder
    // the owner may not list must not show its name there.
    void shouldHideFromTheOwnerWhatTheOwnerCannotSee()
    {
        MirrorOptions options;
        options.shared = true;
        MirrorProcess mirror(options);
        const std::string source = mirror.sourcePath();
        QCOMPARE(::chmod(source.c_str(), 0777), 0);
        QCOMPARE(::mkdir((source + "/private").c_str(), 0700), 0);
        QCOMPARE(writeFile(source + "/private/secret-plans.txt", "x", 0600), 0);
        QCOMPARE(::chown((source + "/private").c_str(), Tester2.uid, Tester2.gid), 0);
        QCOMPARE(::chown((source + "/private/secret-plans.txt").c_str(), Tester2.uid, Tester2.gid), 0);
        QCOMPARE(writeFile(source + "/public.txt", "x", 0644), 0);
        QCOMPARE(::chown((source + "/public.txt").c_str(), Tester2.uid, Tester2.gid), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());

        const std::string mount = mirror.mountPoint();
        ChildProcess other;
        QVERIFY(other.start(Tester2, [&] {
            const Outcome secret = openRepeatedly(mount + "/private/secret-plans.txt", 3);
            return secret.succeeded() ? openRepeatedly(mount + "/public.txt", 2) : secret;
        }));
        const pid_t pid = other.pid();
        const Outcome outcome = other.wait();
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());
        QTest::qWait(300);

        Activity::ActivityReader reader;
        QVERIFY(reader.open(Activity::ringPathFor(mirror.statsPath())));
        const auto events = readAll(reader);
        QCOMPARE(countOf(events, Stats::Operation::Open, pid, "public.txt"), std::size_t(2));
        std::size_t hiddenOpens = 0;
        for (const Activity::Event &event : events) {
            QVERIFY2(event.path.find("secret") == std::string::npos, event.path.c_str());
            QVERIFY2(event.target.find("secret") == std::string::npos, event.target.c_str());
            if (event.pid == pid && event.operation == static_cast<std::uint32_t>(Stats::Operation::Open) && (event.flags & Activity::PathHidden)) {
                ++hiddenOpens;
                QCOMPARE(QByteArray::fromStdString(event.displayPath()), QByteArray("(hidden)"));
            }
        }
        QCOMPARE(hiddenOpens, std::size_t(3));
        // Not one byte of the name anywhere in the file.
        const auto whole = readFile(Activity::ringPathFor(mirror.statsPath()));
        QVERIFY(whole);
        QVERIFY(whole->find("secret-plans") == std::string::npos);

        // The owner's own requests there show as ever (it could list the
        // folder if it were theirs): the owner cannot even enter it.
        const Outcome owner = runAs(Tester, [&] {
            return Outcome::of(::open((mount + "/private/secret-plans.txt").c_str(), O_RDONLY | O_CLOEXEC));
        });
        QCOMPARE(owner.error, EACCES);
    }

    void shouldKeepNoRingWithNoActivity()
    {
        MirrorOptions options;
        options.extraArguments = {"--no-activity"};
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        QCOMPARE(::access(Activity::ringPathFor(mirror.statsPath()).c_str(), F_OK), -1);
        QCOMPARE(errno, ENOENT);
        // The mirror and its counters work as ever.
        const Outcome missing = runAs(Tester, [&] {
            return Outcome::of(::access((mirror.mountPoint() + "/nothing").c_str(), F_OK));
        });
        QCOMPARE(missing.error, ENOENT);
        QCOMPARE(mirror.stats().sample().errorsOf(Stats::Operation::Lookup), 1u);
    }

    void shouldRemoveTheRingWhenTheMirrorEnds()
    {
        MirrorProcess mirror;
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string ring = Activity::ringPathFor(mirror.statsPath());
        QCOMPARE(::access(ring.c_str(), F_OK), 0);
        QVERIFY(mirror.terminate().exited);
        QCOMPARE(::access(ring.c_str(), F_OK), -1);
    }
};

QTEST_GUILESS_MAIN(ActivityTest)
#include "activitytest.moc"
