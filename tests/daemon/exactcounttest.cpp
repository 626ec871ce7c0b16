// SPDX-License-Identifier: GPL-2.0-or-later
// The stats file counts exactly: N opens, 2N flushes (every close(2) of an
// fd, dup'd ones too), N releases (asynchronous: waited for, never assumed),
// and the passthrough/userspace split of the opens.

#include "companion.h"
#include "credentials.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "runas.h"
#include "statsreader.h"
#include "waiting.h"

#include <QScopeGuard>
#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

constexpr int FileCount = 1000;

struct Sample {
    std::uint64_t opens, flushes, releases, openErrors, flushErrors, releaseErrors, passthroughOpens, userspaceOpens;
};

Sample sample(const Stats::StatsReader &stats)
{
    const Stats::Snapshot now = stats.sample();
    return {now.requestsOf(Stats::Operation::Open),
            now.requestsOf(Stats::Operation::Flush),
            now.requestsOf(Stats::Operation::Release),
            now.errorsOf(Stats::Operation::Open),
            now.errorsOf(Stats::Operation::Flush),
            now.errorsOf(Stats::Operation::Release),
            now.passthroughOpens,
            now.userspaceOpens};
}

QString describe(const char *what, std::uint64_t got, std::uint64_t expected)
{
    return QStringLiteral("%1: %2, expected exactly %3").arg(QLatin1String(what)).arg(got).arg(expected);
}

} // namespace

class ExactCountTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldCountOpensFlushesAndReleasesExactly_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<int>("flags");

        QTest::newRow("passthrough on, read-only") << QByteArray("on") << int(O_RDONLY);
        QTest::newRow("passthrough on, read-write") << QByteArray("on") << int(O_RDWR);
        QTest::newRow("passthrough off, read-only") << QByteArray("off") << int(O_RDONLY);
        QTest::newRow("passthrough off, read-write") << QByteArray("off") << int(O_RDWR);
        // auto: passthrough whenever the kernel offers it (it does here: 6.9+, root).
        QTest::newRow("passthrough auto, read-write") << QByteArray("auto") << int(O_RDWR);
    }

    void shouldCountOpensFlushesAndReleasesExactly()
    {
        QFETCH(QByteArray, passthrough);
        QFETCH(int, flags);

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        for (int i = 0; i < FileCount; ++i) {
            const std::string path = mirror.sourcePath() + "/file-" + std::to_string(i);
            QCOMPARE(writeFile(path, "x"), 0);
            QCOMPARE(::chown(path.c_str(), Tester.uid, Tester.gid), 0);
        }
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Stats::StatsReader &stats = mirror.stats();
        const Sample before = sample(stats);

        const std::string mount = mirror.mountPoint();
        const Outcome outcome = runAs(Tester, [&] {
            for (int i = 0; i < FileCount; ++i) {
                const std::string path = mount + "/file-" + std::to_string(i);
                const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
                if (fd < 0) {
                    return Outcome::failure("open " + path, errno);
                }
                const int duplicate = ::dup(fd);
                if (duplicate < 0) {
                    return Outcome::failure("dup", errno);
                }
                if (::close(fd) != 0 || ::close(duplicate) != 0) {
                    return Outcome::failure("close " + path, errno);
                }
            }
            return Outcome::success();
        });
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());

        const std::uint64_t n = FileCount;
        // OPEN and FLUSH are synchronous; RELEASE and openFiles need waiting.
        const std::uint64_t releases = waitForCounter(
            [&] {
                return stats.sample().requestsOf(Stats::Operation::Release) - before.releases;
            },
            n);
        const std::uint64_t openFiles = waitForCounter(
            [&] {
                return stats.sample().openFiles;
            },
            0);
        const Sample after = sample(stats);
        QVERIFY2(after.opens - before.opens == n, qPrintable(describe("opens", after.opens - before.opens, n)));
        QVERIFY2(after.flushes - before.flushes == 2 * n, qPrintable(describe("flushes", after.flushes - before.flushes, 2 * n)));
        QVERIFY2(releases == n, qPrintable(describe("releases", releases, n)));
        QVERIFY2(openFiles == 0, qPrintable(describe("openFiles", openFiles, 0)));
        QCOMPARE(after.openErrors - before.openErrors, std::uint64_t(0));
        QCOMPARE(after.flushErrors - before.flushErrors, std::uint64_t(0));
        QCOMPARE(after.releaseErrors - before.releaseErrors, std::uint64_t(0));
        const bool kernelPassthrough = passthrough == "on" || (passthrough == "auto" && stats.sample().passthroughAvailable);
        if (passthrough == "auto") {
            QVERIFY(stats.sample().passthroughAvailable);
            QCOMPARE(stats.sample().passthroughFallbacks, std::uint64_t(0));
        }
        const std::uint64_t passthroughOpens = after.passthroughOpens - before.passthroughOpens;
        const std::uint64_t userspaceOpens = after.userspaceOpens - before.userspaceOpens;
        QVERIFY2(passthroughOpens == (kernelPassthrough ? n : 0), qPrintable(describe("passthroughOpens", passthroughOpens, kernelPassthrough ? n : 0)));
        QVERIFY2(userspaceOpens == (kernelPassthrough ? 0 : n), qPrintable(describe("userspaceOpens", userspaceOpens, kernelPassthrough ? 0 : n)));
    }

    // Directory handles: N opendir, N releasedir (asynchronous), none left open.
    void shouldCountDirectoryHandlesExactly_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::newRow("passthrough on") << QByteArray("on");
        QTest::newRow("passthrough off") << QByteArray("off");
    }

    void shouldCountDirectoryHandlesExactly()
    {
        QFETCH(QByteArray, passthrough);
        constexpr int Count = 300;

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        for (int i = 0; i < 10; ++i) {
            const std::string path = mirror.sourcePath() + "/entry-" + std::to_string(i);
            QCOMPARE(writeFile(path, "x"), 0);
        }
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Stats::StatsReader &stats = mirror.stats();
        const std::uint64_t opendirsBefore = stats.sample().requestsOf(Stats::Operation::Opendir);
        const std::uint64_t releasedirsBefore = stats.sample().requestsOf(Stats::Operation::Releasedir);
        const std::string mount = mirror.mountPoint();
        const Outcome outcome = runAs(Tester, [&] {
            for (int i = 0; i < Count; ++i) {
                const auto names = listDirectory(mount);
                if (!names || names->size() != 10) {
                    return Outcome::failure("listing " + mount, errno);
                }
            }
            return Outcome::success();
        });
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());
        QCOMPARE(stats.sample().requestsOf(Stats::Operation::Opendir) - opendirsBefore, std::uint64_t(Count));
        QCOMPARE(waitForCounter(
                     [&] {
                         return stats.sample().requestsOf(Stats::Operation::Releasedir) - releasedirsBefore;
                     },
                     Count),
                 std::uint64_t(Count));
        QCOMPARE(waitForCounter(
                     [&] {
                         return stats.sample().openDirectories;
                     },
                     0),
                 std::uint64_t(0));
        QCOMPARE(stats.sample().errorsOf(Stats::Operation::Opendir), std::uint64_t(0));
    }

    // A name that is not there is asked about once: the kernel keeps the
    // daemon's answer as a negative entry for the entry timeout (1 s), so
    // 200 stat calls in a row cost one lookup, counted as one ENOENT. A name
    // then made through the mirror, in any of the ways a program makes one,
    // is there at once, and one removed through it is gone at once.
    // With the source watch, the kernel keeps names and attributes past the
    // short timeout (changes are pushed to it instead): a second stat of a
    // file, a missing name and a folder listing long after the first cost
    // no request. Without it (--source-watch=off) the kernel asks again
    // once the 1 s timeout ran out.
    void shouldAnswerFromTheKernelsCachePastTheShortTimeout_data()
    {
        QTest::addColumn<bool>("watched");
        QTest::addColumn<bool>("shared");
        QTest::newRow("watch-auto") << true << false;
        QTest::newRow("watch-off") << false << false;
        // Marks are placed by workers running as the caller.
        QTest::newRow("watch-auto, shared, another user") << true << true;
    }

    void shouldAnswerFromTheKernelsCachePastTheShortTimeout()
    {
        QFETCH(bool, watched);
        QFETCH(bool, shared);
        MirrorOptions options;
        options.shared = shared;
        options.extraArguments = {watched ? "--source-watch=auto" : "--source-watch=off"};
        const Credentials caller = shared ? Tester2 : Tester;
        MirrorProcess mirror(options);
        QCOMPARE(::mkdir((mirror.sourcePath() + "/folder").c_str(), 0755), 0);
        QCOMPARE(writeFile(mirror.sourcePath() + "/folder/file", "x"), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Stats::StatsReader &stats = mirror.stats();
        const std::string mount = mirror.mountPoint();
        const auto askedFor = [&] {
            const Stats::Snapshot now = stats.sample();
            return now.requestsOf(Stats::Operation::Lookup) + now.requestsOf(Stats::Operation::Getattr);
        };
        const auto statAll = [&] {
            return runAs(caller, [&] {
                struct stat st{};
                if (::stat((mount + "/folder/file").c_str(), &st) != 0 || st.st_size != 1) {
                    return Outcome::failure("stat of folder/file", errno);
                }
                if (::stat((mount + "/folder/absent").c_str(), &st) == 0 || errno != ENOENT) {
                    return Outcome::failure("stat of a missing name", errno);
                }
                return Outcome::success();
            });
        };
        const Outcome first = statAll();
        QVERIFY2(first.succeeded(), first.describe().c_str());
        std::this_thread::sleep_for(std::chrono::milliseconds(1500)); // past the short timeout
        const std::uint64_t before = askedFor();
        const Outcome second = statAll();
        QVERIFY2(second.succeeded(), second.describe().c_str());
        const std::uint64_t asked = askedFor() - before;
        if (watched) {
            QCOMPARE(Stats::sourceWatchName(stats.sample().sourceWatch), "active");
            QVERIFY2(stats.sample().inodesWatched >= 3, "the root, the folder and the file should be watched");
            QVERIFY2(asked == 0, qPrintable(describe("lookups and getattrs for the second stats", asked, 0)));
        } else {
            QCOMPARE(Stats::sourceWatchName(stats.sample().sourceWatch), "off");
            QVERIFY2(asked >= 2, qPrintable(describe("lookups and getattrs for the second stats (at least)", asked, 2)));
        }
    }

    void shouldAskOnceForANameThatIsNotThere()
    {
        MirrorOptions options;
        MirrorProcess mirror(options);
        QCOMPARE(writeFile(mirror.sourcePath() + "/present", "x"), 0);
        QCOMPARE(::chown((mirror.sourcePath() + "/present").c_str(), Tester.uid, Tester.gid), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Stats::StatsReader &stats = mirror.stats();
        const std::string mount = mirror.mountPoint();
        const auto lookups = [&] {
            return std::pair{stats.sample().requestsOf(Stats::Operation::Lookup), stats.sample().errorsOf(Stats::Operation::Lookup)};
        };
        const auto before = lookups();
        const Outcome repeated = runAs(Tester, [&] {
            for (int i = 0; i < 200; ++i) {
                struct stat st{};
                if (::stat((mount + "/absent").c_str(), &st) == 0 || errno != ENOENT) {
                    return Outcome::failure("stat of a name that is not there", errno);
                }
            }
            return Outcome::success();
        });
        QVERIFY2(repeated.succeeded(), repeated.describe().c_str());
        const auto after = lookups();
        // One; a second only if the loop was held off the CPU past the timeout.
        QVERIFY2(after.first - before.first >= 1 && after.first - before.first <= 2, qPrintable(describe("lookups", after.first - before.first, 1)));
        QCOMPARE(after.second - before.second, after.first - before.first);

        const Outcome made = runAs(Tester, [&] {
            const auto missing = [&](const std::string &name) {
                struct stat st{};
                return ::stat((mount + "/" + name).c_str(), &st) != 0 && errno == ENOENT;
            };
            const auto there = [&](const std::string &name) {
                struct stat st{};
                return ::lstat((mount + "/" + name).c_str(), &st) == 0;
            };
            for (const char *name : {"created", "made-dir", "fifo", "renamed", "linked", "symlinked"}) {
                if (!missing(name)) {
                    return Outcome::failure(std::string("before: ") + name + " is there", errno);
                }
            }
            const int fd = ::open((mount + "/created").c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
            if (fd < 0 || ::close(fd) != 0 || !there("created")) {
                return Outcome::failure("creat then stat", errno);
            }
            if (::mkdir((mount + "/made-dir").c_str(), 0755) != 0 || !there("made-dir")) {
                return Outcome::failure("mkdir then stat", errno);
            }
            if (::mknod((mount + "/fifo").c_str(), S_IFIFO | 0644, 0) != 0 || !there("fifo")) {
                return Outcome::failure("mknod then stat", errno);
            }
            if (::rename((mount + "/created").c_str(), (mount + "/renamed").c_str()) != 0 || !there("renamed") || !missing("created")) {
                return Outcome::failure("rename then stat", errno);
            }
            if (::link((mount + "/present").c_str(), (mount + "/linked").c_str()) != 0 || !there("linked")) {
                return Outcome::failure("link then stat", errno);
            }
            if (::symlink("present", (mount + "/symlinked").c_str()) != 0 || !there("symlinked")) {
                return Outcome::failure("symlink then lstat", errno);
            }
            if (::unlink((mount + "/linked").c_str()) != 0 || !missing("linked") || ::rmdir((mount + "/made-dir").c_str()) != 0 || !missing("made-dir")) {
                return Outcome::failure("unlink or rmdir then stat", errno);
            }
            return Outcome::success();
        });
        QVERIFY2(made.succeeded(), made.describe().c_str());
    }

    // The header says what was asked for and who it is for.
    void shouldDescribeTheMountInTheHeader_data()
    {
        QTest::addColumn<bool>("shared");
        QTest::addColumn<bool>("readOnly");
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<int>("expectedFlags");
        QTest::addColumn<int>("expectedMode");

        QTest::newRow("plain, auto") << false << false << QByteArray("auto") << 0 << int(Stats::PassthroughMode::Auto);
        QTest::newRow("shared, on") << true << false << QByteArray("on") << int(Stats::FlagShared) << int(Stats::PassthroughMode::On);
        QTest::newRow("read-only, off") << false << true << QByteArray("off") << int(Stats::FlagReadOnly) << int(Stats::PassthroughMode::Off);
        QTest::newRow("shared and read-only") << true << true << QByteArray("auto") << int(Stats::FlagShared | Stats::FlagReadOnly)
                                              << int(Stats::PassthroughMode::Auto);
    }

    void shouldDescribeTheMountInTheHeader()
    {
        QFETCH(bool, shared);
        QFETCH(bool, readOnly);
        QFETCH(QByteArray, passthrough);
        QFETCH(int, expectedFlags);
        QFETCH(int, expectedMode);

        MirrorOptions options;
        options.shared = shared;
        options.readOnly = readOnly;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        timespec before{};
        ::clock_gettime(CLOCK_REALTIME, &before);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Stats::Snapshot header = mirror.stats().sample();
        QCOMPARE(header.headerSize, std::uint32_t(sizeof(Stats::Layout)));
        QCOMPARE(header.operationCount, std::uint32_t(Stats::OperationCount));
        QCOMPARE(header.ownerUid, Tester.uid);
        QCOMPARE(int(header.flags), expectedFlags);
        QCOMPARE(int(header.requestedPassthrough), expectedMode);
        QCOMPARE(header.state, Stats::DaemonState::Mounted);
        QCOMPARE(header.transport, Stats::Transport::DevFuse);
        QCOMPARE(header.supervisorPid, std::int64_t(mirror.pid()));
        QVERIFY(header.daemonPid > 0 && header.daemonPid != header.supervisorPid);
        QCOMPARE(::kill(static_cast<pid_t>(header.daemonPid), 0), 0);
        const std::uint64_t beforeNs = std::uint64_t(before.tv_sec) * 1000000000ull + std::uint64_t(before.tv_nsec);
        QVERIFY2(header.startTimeUnixNs >= beforeNs - 1000000000ull && header.startTimeUnixNs <= beforeNs + 60000000000ull,
                 "startTimeUnixNs is not the mount time");
        if (passthrough == "on") {
            QVERIFY(header.passthroughAvailable);
        }
        // Root's, 0640 with an ACL (its mask is the group bits) that lets the owner read it.
        struct stat status{};
        QCOMPARE(::stat(mirror.statsPath().c_str(), &status), 0);
        QCOMPARE(int(status.st_mode & 07777), 0640);
        QCOMPARE(status.st_uid, uid_t(0));
        QCOMPARE(status.st_gid, gid_t(0));
    }

    // Only passmirrord writes the stats file: its owner may read it but not
    // write, truncate, chmod or replace it; nobody else may read it. A
    // reader survives the file truncated under it (by root here) without a
    // crash and says so; one whose file was replaced keeps its own.
    void shouldKeepTheStatsFileFromItsReaders()
    {
        MirrorProcess mirror;
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string path = mirror.statsPath();
        const Outcome owner = runAs(Tester, [&path] {
            Stats::StatsReader reader;
            if (!reader.open(path) || !reader.sample().valid) {
                return Outcome::failure("reading as the owner: " + reader.errorString());
            }
            std::string refused;
            for (const int flags : {O_WRONLY, O_RDWR, O_RDONLY | O_TRUNC}) {
                const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
                refused += fd < 0 ? errnoName(errno) + " " : "opened ";
            }
            refused += ::truncate(path.c_str(), 0) == 0 ? "truncated " : errnoName(errno) + " ";
            refused += ::chmod(path.c_str(), 0666) == 0 ? "chmodded" : errnoName(errno);
            return Outcome::success(refused);
        });
        QVERIFY2(owner.succeeded(), owner.describe().c_str());
        QCOMPARE(QByteArray::fromStdString(owner.data), QByteArray("EACCES EACCES EACCES EACCES EPERM"));
        const Outcome other = runAs(Tester2, [&path] {
            const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            return fd < 0 ? Outcome::failure("open", errno) : Outcome::success("opened");
        });
        QVERIFY2(!other.succeeded() && other.error == EACCES, other.describe().c_str());

        Stats::StatsReader reader;
        QVERIFY(reader.open(path));
        QVERIFY(reader.sample().valid);
        // Replaced: the reader keeps the file it mapped.
        const std::string copy = path + ".copy";
        QCOMPARE(writeFile(copy, readFile(path).value_or(""), 0600), 0);
        const std::string aside = path + ".aside";
        QCOMPARE(::rename(path.c_str(), aside.c_str()), 0);
        QCOMPARE(::rename(copy.c_str(), path.c_str()), 0);
        QVERIFY(reader.isOpen() && reader.sample().valid);
        // Truncated under it: no SIGBUS, no data, and the reader says it is closed.
        QCOMPARE(::truncate(aside.c_str(), 0), 0);
        const Stats::Snapshot after = reader.sample();
        QVERIFY(!after.valid);
        QCOMPARE(after.totalRequests(), std::uint64_t(0));
        QVERIFY(!reader.isOpen());
        // Its size back (zeros) before the daemon touches its own mapping again.
        QCOMPARE(::truncate(aside.c_str(), static_cast<off_t>(sizeof(Stats::Layout))), 0);
        QCOMPARE(::rename(aside.c_str(), path.c_str()), 0);
    }

    // READ and WRITE reach the daemon only on the userspace path, byte-exact.
    void shouldCountBytesOnlyOnTheUserspacePath_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<bool>("userspace");

        QTest::newRow("passthrough on") << QByteArray("on") << false;
        QTest::newRow("passthrough off") << QByteArray("off") << true;
    }

    void shouldCountBytesOnlyOnTheUserspacePath()
    {
        QFETCH(QByteArray, passthrough);
        QFETCH(bool, userspace);

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Stats::StatsReader &stats = mirror.stats();
        const std::string path = mirror.mountPoint() + "/counted";
        constexpr std::size_t Size = 123457;
        const std::uint64_t writtenBefore = stats.sample().bytesWritten;
        const std::uint64_t writesBefore = stats.sample().requestsOf(Stats::Operation::Write);
        const Outcome wrote = runAs(Tester, [&] {
            return Outcome::of(writeFile(path, pattern(7, Size)) == 0 ? 0 : -1);
        });
        QVERIFY2(wrote.succeeded(), wrote.describe().c_str());
        const std::uint64_t written = stats.sample().bytesWritten - writtenBefore;
        QCOMPARE(written, userspace ? std::uint64_t(Size) : std::uint64_t(0));
        if (!userspace) {
            QCOMPARE(stats.sample().requestsOf(Stats::Operation::Write), writesBefore);
        }

        const std::uint64_t readBefore = stats.sample().bytesRead;
        const std::uint64_t readsBefore = stats.sample().requestsOf(Stats::Operation::Read);
        const Outcome read = runAs(Tester, [&] {
            const auto data = readFile(path);
            return data == pattern(7, Size) ? Outcome::success() : Outcome::failure("read back differs", errno);
        });
        QVERIFY2(read.succeeded(), read.describe().c_str());
        const std::uint64_t bytesRead = stats.sample().bytesRead - readBefore;
        QCOMPARE(bytesRead, userspace ? std::uint64_t(Size) : std::uint64_t(0));
        if (!userspace) {
            QCOMPARE(stats.sample().requestsOf(Stats::Operation::Read), readsBefore);
        }
    }

    // RELEASE comes only when the last reference goes: a mapping or a forked
    // child keeps the open file alive after close(2).
    void shouldReleaseWhenTheLastReferenceGoes_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<bool>("mapping"); // else a forked child holds the fd

        // With kernel passthrough a mapping holds the backing file, not the
        // FUSE file (backing_file_mmap replaces vma->vm_file), so RELEASE comes
        // at close(2) there.
        QTest::addColumn<bool>("releasedAtClose");

        QTest::newRow("passthrough on, mmap") << QByteArray("on") << true << true;
        QTest::newRow("passthrough off, mmap") << QByteArray("off") << true << false;
        QTest::newRow("passthrough on, forked child") << QByteArray("on") << false << false;
        QTest::newRow("passthrough off, forked child") << QByteArray("off") << false << false;
    }

    void shouldReleaseWhenTheLastReferenceGoes()
    {
        QFETCH(QByteArray, passthrough);
        QFETCH(bool, mapping);
        QFETCH(bool, releasedAtClose);

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        const std::string sourceFile = mirror.sourcePath() + "/held";
        QCOMPARE(writeFile(sourceFile, std::string(8192, 'h')), 0);
        QCOMPARE(::chown(sourceFile.c_str(), Tester.uid, Tester.gid), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Stats::StatsReader &stats = mirror.stats();
        const std::uint64_t releasesBefore = stats.sample().requestsOf(Stats::Operation::Release);
        const std::string path = mirror.mountPoint() + "/held";

        // 'C': closed its fd but still holds the file; on 'x': lets go.
        Companion holder([&](const Companion::Channel &channel) {
            if (!dropPrivilegesTo(Tester)) {
                return 1;
            }
            const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
            if (fd < 0) {
                return 2;
            }
            if (mapping) {
                void *map = ::mmap(nullptr, 8192, PROT_READ, MAP_SHARED, fd, 0);
                if (map == MAP_FAILED) {
                    return 3;
                }
                ::close(fd);
                channel.send('C');
                channel.receive(30s);
                const bool intact = static_cast<const char *>(map)[8191] == 'h';
                ::munmap(map, 8192);
                channel.send(intact ? 'U' : 'D');
                channel.receive(30s);
                return 0;
            }
            const pid_t child = ::fork();
            if (child == 0) { // holds the inherited fd until killed
                while (true) {
                    ::pause();
                }
            }
            ::close(fd);
            channel.send('C');
            channel.receive(30s);
            ::kill(child, SIGKILL);
            ::waitpid(child, nullptr, 0);
            channel.send('U');
            channel.receive(30s);
            return 0;
        });
        QCOMPARE(holder.receive(), 'C');
        if (releasedAtClose) {
            QCOMPARE(waitForCounter(
                         [&] {
                             return stats.sample().requestsOf(Stats::Operation::Release) - releasesBefore;
                         },
                         1),
                     std::uint64_t(1));
        } else {
            std::this_thread::sleep_for(300ms);
            QVERIFY2(stats.sample().requestsOf(Stats::Operation::Release) == releasesBefore, "RELEASE arrived while the file was still referenced");
            QCOMPARE(stats.sample().openFiles, std::uint64_t(1));
        }
        QVERIFY(holder.send('x'));
        QCOMPARE(holder.receive(), 'U');
        QCOMPARE(waitForCounter(
                     [&] {
                         return stats.sample().requestsOf(Stats::Operation::Release) - releasesBefore;
                     },
                     1),
                 std::uint64_t(1));
        QCOMPARE(waitForCounter(
                     [&] {
                         return stats.sample().openFiles;
                     },
                     0),
                 std::uint64_t(0));
        holder.send('x');
        QCOMPARE(holder.wait(), 0);
    }

    // The mirror keeps a passthrough file's kernel backing id between opens
    // (no registration per open), but a file deleted through the mirror must
    // still give its space back once the last user closes it: nothing of the
    // daemon may hold it.
    void shouldGiveBackTheSpaceOfADeletedFile_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::newRow("passthrough on") << QByteArray("on");
        QTest::newRow("passthrough off") << QByteArray("off");
    }

    void shouldGiveBackTheSpaceOfADeletedFile()
    {
        QFETCH(QByteArray, passthrough);
        constexpr std::size_t FileBytes = 32 << 20;

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        // A source filesystem of its own, so its free space moves only with this test.
        const std::string source = mirror.sourcePath();
        QVERIFY2(::mount("passmirror-test", source.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=64m,mode=0755") == 0, std::strerror(errno));
        const auto unmountSource = qScopeGuard([&] {
            ::umount2(source.c_str(), MNT_DETACH);
        });
        QCOMPARE(::chown(source.c_str(), Tester.uid, Tester.gid), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const auto freeBytes = [&] {
            struct statvfs st{};
            return ::statvfs(source.c_str(), &st) == 0 ? std::uint64_t(st.f_bfree) * st.f_frsize : 0;
        };
        const std::uint64_t freeAtStart = freeBytes();

        const std::string path = mirror.mountPoint() + "/big";
        Companion user([&](const Companion::Channel &channel) {
            if (!dropPrivilegesTo(Tester)) {
                return 1;
            }
            if (writeFile(path, std::string(FileBytes, 'b')) != 0) {
                return 2;
            }
            for (int round = 0; round < 3; ++round) { // opened and closed again: the backing id is reused
                const std::optional<std::string> content = readFile(path);
                if (!content || content->size() != FileBytes) {
                    return 3;
                }
            }
            channel.send('W');
            channel.receive(30s);
            return ::unlink(path.c_str()) == 0 ? 0 : 4;
        });
        QCOMPARE(user.receive(30s), 'W');
        QVERIFY2(freeAtStart - freeBytes() >= FileBytes, "the file did not take its space on the source");
        QVERIFY(user.send('x'));
        QCOMPARE(user.wait(), 0);
        QVERIFY2(waitUntil(
                     [&] {
                         return freeAtStart - freeBytes() < FileBytes / 8;
                     },
                     5s),
                 qPrintable(QStringLiteral("%1 bytes still taken 5 s after the unlink").arg(freeAtStart - freeBytes())));
    }
};

QTEST_APPLESS_MAIN(ExactCountTest)

#include "exactcounttest.moc"
