// SPDX-License-Identifier: GPL-2.0-or-later
// Faults a mirror must survive without losing what a program had finished:
// the daemon killed at random moments under a mixed write load, a source that
// fills up, a source removed, renamed or unmounted under the mirror, a mount
// point removed after unmount. Real passmirrord, real mounts, as root.
#include "faultload.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "mountinfo.h"
#include "runas.h"
#include "waiting.h"

#include "mirrorerror.h"
#include "mirrorregistry.h"
#include "mirrorwatcher.h"
#include "randomid.h"

#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

constexpr int KillRounds = 50;
constexpr auto DetachLimit = 2000ms;
// Only a bound against a hang: how soon the watcher hears is a figure this
// test prints (slowest watcher); under TSan on a loaded machine its first
// look at a new registry entry once took over 2 s.
constexpr auto WatcherLimit = 10000ms;

bool alive(pid_t pid)
{
    return pid > 0 && ::kill(pid, 0) == 0;
}

// ms until `path` stops being a mount point (polled every millisecond), or -1.
long long millisecondsUntilUnmounted(const std::string &path, std::chrono::steady_clock::time_point since)
{
    while (std::chrono::steady_clock::now() - since < 5s) {
        if (!isMountPoint(path)) {
            return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since).count();
        }
        std::this_thread::sleep_for(1ms);
    }
    return -1;
}

std::string makeOwnedDirectory(const std::string &path, Credentials owner)
{
    ::mkdir(path.c_str(), 0700);
    return ::chown(path.c_str(), owner.uid, owner.gid) == 0 ? path : std::string();
}

// The mount's id as mountinfo's first field gives it (what the registry
// records). Root may not stat inside the mount (no allow_other), so not statx.
std::uint64_t mountTableId(const std::string &mountPoint)
{
    std::ifstream table("/proc/self/mountinfo");
    std::string line;
    std::uint64_t found = 0;
    while (std::getline(table, line)) {
        std::istringstream fields(line);
        std::uint64_t id = 0;
        std::string parent, device, root, point;
        if (fields >> id >> parent >> device >> root >> point && point == mountPoint) {
            found = id; // the last one is the topmost
        }
    }
    return found;
}

// The registry entry the helper would have written, so a MirrorWatcher sees
// the mirror as live.
MirrorEntry liveEntry(const MirrorProcess &mirror)
{
    MirrorEntry entry;
    entry.id = newRandomId();
    entry.state = MirrorEntry::State::Live;
    entry.source = QByteArray::fromStdString(mirror.sourcePath());
    entry.mountPoint = QByteArray::fromStdString(mirror.mountPoint());
    entry.ownerUid = Tester.uid;
    entry.statsPath = QString::fromStdString(mirror.statsPath());
    entry.supervisorPid = mirror.pid();
    entry.daemonPid = mirror.serverPid();
    entry.mountId = mountTableId(mirror.mountPoint());
    entry.startTime = QDateTime::currentDateTimeUtc();
    entry.bootId = currentBootId();
    return entry;
}

} // namespace

class FaultTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldLoseNothingClosedWhenTheDaemonIsKilled();
    void shouldPassEnospcToTheWriter_data();
    void shouldPassEnospcToTheWriter();
    void shouldFollowARenamedSource();
    void shouldFailCleanlyWhenTheSourceIsRemoved();
    void shouldKeepServingWhenTheSourceFilesystemIsLazilyUnmounted();
    void shouldLetTheMountPointBeRemovedAfterUnmount();
};

// 50 SIGKILLs at random moments of a mixed write load: 40 of the FUSE server
// (the supervisor detaches), 10 of the supervisor itself (the server's orphan
// guard detaches). Every file fsynced and closed before the kill is intact,
// the mount is gone within 2 s, and a MirrorWatcher hears it.
void FaultTest::shouldLoseNothingClosedWhenTheDaemonIsKilled()
{
    ScratchDir registryDir("registry");
    QVERIFY(registryDir.isValid());
    MirrorRegistry registry(QString::fromStdString(registryDir.path()));
    MirrorWatcher watcher(nullptr, registry.directory());
    watcher.setSampleInterval(0ms);
    QSignalSpy added(&watcher, &MirrorWatcher::mirrorAdded);
    QSignalSpy removed(&watcher, &MirrorWatcher::mirrorRemoved);
    watcher.start();

    std::mt19937_64 random(QRandomGenerator::global()->generate64());
    const std::uint64_t seed = random();
    qInfo("seed %llu", static_cast<unsigned long long>(seed));
    long long slowestDetach = 0;
    long long slowestWatcher = 0;
    std::uint64_t files = 0;
    std::uint64_t bytes = 0;
    for (int round = 0; round < KillRounds; ++round) {
        const bool killSupervisor = round % 5 == 4;
        MirrorOptions options;
        options.passthrough = round % 2 == 0 ? "auto" : "off";
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string journals = makeOwnedDirectory(mirror.scratchPath() + "/journals", Tester);
        QVERIFY(!journals.empty());

        const MirrorEntry entry = liveEntry(mirror);
        QVERIFY(registry.write(entry).ok());
        QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(added,
                                                     [&](const QList<QVariant> &s) {
                                                         return s.at(0).toString() == entry.id;
                                                     }),
                                 WatcherLimit.count());

        WriterLoad load(mirror.mountPoint(), journals, Tester, seed + static_cast<std::uint64_t>(round));
        QVERIFY(load.start(2));
        std::this_thread::sleep_for(std::chrono::milliseconds(20 + random() % 280));

        const pid_t server = mirror.serverPid();
        const pid_t victim = killSupervisor ? mirror.pid() : server;
        const auto killed = std::chrono::steady_clock::now();
        QCOMPARE(::kill(victim, SIGKILL), 0);
        const long long detach = millisecondsUntilUnmounted(mirror.mountPoint(), killed);
        QVERIFY2(detach >= 0 && detach <= DetachLimit.count(),
                 qPrintable(QStringLiteral("round %1: mount still there %2 ms after the kill").arg(round).arg(detach)));
        slowestDetach = std::max(slowestDetach, detach);
        QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(removed,
                                                     [&](const QList<QVariant> &s) {
                                                         return s.at(0).toString() == entry.id;
                                                     }),
                                 WatcherLimit.count());
        slowestWatcher =
            std::max<long long>(slowestWatcher, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - killed).count());

        load.stop();
        const ExitStatus status = mirror.waitForExit(5s);
        if (killSupervisor) {
            QCOMPARE(status.signal, SIGKILL);
            // Its writers gone, the orphaned server has nothing left to serve.
            QVERIFY2(QTest::qWaitFor(
                         [server] {
                             return !alive(server);
                         },
                         5000),
                     "the orphaned FUSE server did not end");
        } else {
            QVERIFY2(status.exited && status.code == static_cast<int>(MirrorError::DaemonDied), status.describe().c_str());
        }
        const VerifyFigures verified = load.verify(mirror.sourcePath());
        QVERIFY2(verified.problems.empty(), qPrintable(QStringLiteral("round %1: %2").arg(round).arg(QString::fromStdString(join(verified.problems)))));
        files += verified.files;
        bytes += verified.bytes;
        registry.remove(entry.id);
    }
    QVERIFY2(files > 0, "no file was ever finished before a kill: the load did not run");
    qInfo(
        "%d kills (%d of the supervisor): slowest detach %lld ms, slowest watcher notice %lld ms; %llu files (%llu bytes) closed before the kills, all intact",
        KillRounds,
        KillRounds / 5,
        slowestDetach,
        slowestWatcher,
        static_cast<unsigned long long>(files),
        static_cast<unsigned long long>(bytes));
}

void FaultTest::shouldPassEnospcToTheWriter_data()
{
    QTest::addColumn<QString>("passthrough");
    QTest::newRow("passthrough") << QStringLiteral("on");
    QTest::newRow("userspace") << QStringLiteral("off");
}

// The source on a 1 MiB tmpfs: writing 2 MiB ends in ENOSPC for the writer,
// the daemon lives, and once space is freed writing works again: as soon as
// the file's last close has reached the daemon (RELEASE is asynchronous)
// and it is unlinked, its space is back, not only once the kernel forgets
// the inode.
void FaultTest::shouldPassEnospcToTheWriter()
{
    QFETCH(QString, passthrough);
    MirrorOptions options;
    options.passthrough = passthrough.toStdString();
    MirrorProcess mirror(options);
    QVERIFY(!mirror.sourcePath().empty());
    QVERIFY2(::mount("tmpfs", mirror.sourcePath().c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=1M,uid=1000,gid=1000,mode=0755") == 0, strerror(errno));
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    const std::string file = mirror.mountPoint() + "/big";

    const Outcome full = runAs(Tester, [&file] {
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) {
            return Outcome::failure("open", errno);
        }
        const std::string chunk = pattern(1, 64 * 1024);
        for (int i = 0; i < 32; ++i) {
            if (::write(fd, chunk.data(), chunk.size()) < 0) {
                const int error = errno;
                ::close(fd);
                return Outcome::failure("write " + std::to_string(i), error);
            }
        }
        if (::fsync(fd) != 0 || ::close(fd) != 0) {
            return Outcome::failure("fsync/close", errno);
        }
        return Outcome::success("2 MiB fitted in 1 MiB");
    });
    QVERIFY2(!full.succeeded() && full.error == ENOSPC, full.describe().c_str());
    QVERIFY2(alive(mirror.serverPid()), "the FUSE server died of ENOSPC");
    QVERIFY(mirror.isMounted());
    QVERIFY(waitUntil(
        [&mirror] {
            return mirror.stats().sample().openFiles == 0;
        },
        5s));

    const Outcome again = runAs(Tester, [&file, &mirror] {
        if (::unlink(file.c_str()) != 0) {
            return Outcome::failure("unlink", errno);
        }
        const std::string data = pattern(2, 4096);
        if (const int error = writeFile(mirror.mountPoint() + "/small", data); error != 0) {
            return Outcome::failure("write after freeing space", error);
        }
        const auto back = readFile(mirror.mountPoint() + "/small");
        return back == data ? Outcome::success() : Outcome::failure("read back differs");
    });
    QVERIFY2(again.succeeded(), again.describe().c_str());
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
    QVERIFY(!mirror.isMounted());
}

// The mirror holds its source by fd: renamed, the source is still what the
// mirror shows, and writes land in it under its new name.
void FaultTest::shouldFollowARenamedSource()
{
    MirrorProcess mirror;
    QCOMPARE(writeFile(mirror.sourcePath() + "/before", "old"), 0);
    QCOMPARE(::chown((mirror.sourcePath() + "/before").c_str(), Tester.uid, Tester.gid), 0);
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    const std::string moved = mirror.scratchPath() + "/moved";
    QCOMPARE(::rename(mirror.sourcePath().c_str(), moved.c_str()), 0);

    const Outcome used = runAs(Tester, [&mirror] {
        if (readFile(mirror.mountPoint() + "/before") != std::optional<std::string>("old")) {
            return Outcome::failure("read of an old file", errno);
        }
        const int error = writeFile(mirror.mountPoint() + "/after", "new");
        return error == 0 ? Outcome::success() : Outcome::failure("write", error);
    });
    QVERIFY2(used.succeeded(), used.describe().c_str());
    QCOMPARE(readFile(moved + "/after"), std::optional<std::string>("new"));
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
    QVERIFY(!mirror.isMounted());
}

// The source directory deleted under the mirror: creating fails with ENOENT
// (as in a deleted working directory), nothing hangs, the daemon lives, and
// unmounting is clean.
void FaultTest::shouldFailCleanlyWhenTheSourceIsRemoved()
{
    MirrorProcess mirror;
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    QCOMPARE(::rmdir(mirror.sourcePath().c_str()), 0);

    const Outcome created = runAs(
        Tester,
        [&mirror] {
            const int error = writeFile(mirror.mountPoint() + "/new", "x");
            return error == 0 ? Outcome::success() : Outcome::failure("create", error);
        },
        10s);
    QVERIFY2(!created.succeeded() && created.error == ENOENT, created.describe().c_str());
    const Outcome listed = runAs(
        Tester,
        [&mirror] {
            const auto names = listDirectory(mirror.mountPoint());
            return names ? Outcome::success(join(*names)) : Outcome::failure("list", errno);
        },
        10s);
    QVERIFY2(listed.succeeded() && listed.data.empty(), listed.describe().c_str());
    QVERIFY(alive(mirror.serverPid()));
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
    QVERIFY(!mirror.isMounted());
}

// The source's filesystem lazily unmounted under the mirror: the daemon's
// fds keep it alive, the mirror keeps working, and unmounting the mirror
// lets it go.
void FaultTest::shouldKeepServingWhenTheSourceFilesystemIsLazilyUnmounted()
{
    MirrorProcess mirror;
    QVERIFY(!mirror.sourcePath().empty());
    QVERIFY2(::mount("tmpfs", mirror.sourcePath().c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=4M,uid=1000,gid=1000,mode=0755") == 0, strerror(errno));
    QCOMPARE(writeFile(mirror.sourcePath() + "/kept", "still here"), 0);
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    QCOMPARE(::umount2(mirror.sourcePath().c_str(), MNT_DETACH), 0);
    QVERIFY(!isMountPoint(mirror.sourcePath()));

    const Outcome used = runAs(Tester, [&mirror] {
        if (readFile(mirror.mountPoint() + "/kept") != std::optional<std::string>("still here")) {
            return Outcome::failure("read", errno);
        }
        const int error = writeFile(mirror.mountPoint() + "/written", "after");
        return error == 0 ? Outcome::success() : Outcome::failure("write", error);
    });
    QVERIFY2(used.succeeded(), used.describe().c_str());
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
    QVERIFY(!mirror.isMounted());
}

// After an unmount the mount point is a plain empty directory again: the
// user can remove it, and nothing of the daemon is left.
void FaultTest::shouldLetTheMountPointBeRemovedAfterUnmount()
{
    MirrorProcess mirror;
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    const pid_t server = mirror.serverPid();
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
    // Its parent is root's in this test, so root removes it.
    QVERIFY2(::rmdir(mirror.mountPoint().c_str()) == 0, strerror(errno));
    QVERIFY(!isMountPoint(mirror.mountPoint()));
    QVERIFY(QTest::qWaitFor(
        [server] {
            return !alive(server);
        },
        2000));
}

QTEST_GUILESS_MAIN(FaultTest)
#include "faulttest.moc"
