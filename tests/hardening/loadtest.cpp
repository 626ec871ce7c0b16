// SPDX-License-Identifier: GPL-2.0-or-later
// Load: 64 mirrors at once, 16 processes hammering one mirror for a bounded
// time, and the daemon at its file limit (callers get EMFILE, it lives).
// Figures are printed (qInfo), not asserted against a clock.
#include "faultload.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "mountinfo.h"
#include "runas.h"

#include <QTest>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace PassMirror;
using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

long long millisecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

class LoadTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldServe64MirrorsAtOnce();
    void shouldHold16ProcessesOnOneMirror();
    void shouldGiveEmfileAtTheDaemonsFileLimit();
};

void LoadTest::shouldServe64MirrorsAtOnce()
{
    constexpr int Count = 64;
    std::vector<std::unique_ptr<MirrorProcess>> mirrors;
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < Count; ++i) {
        mirrors.push_back(std::make_unique<MirrorProcess>());
        QVERIFY2(mirrors.back()->start(), (std::to_string(i) + ": " + mirrors.back()->errorString()).c_str());
    }
    const long long startMs = millisecondsSince(started);

    // One process of the owner uses every mirror while all are mounted.
    const auto used = std::chrono::steady_clock::now();
    const Outcome all = runAs(Tester, [&mirrors] {
        for (std::size_t i = 0; i < mirrors.size(); ++i) {
            const std::string data = pattern(i, 4096 + i);
            const std::string path = mirrors[i]->mountPoint() + "/file";
            if (const int error = writeFile(path, data); error != 0) {
                return Outcome::failure("write in mirror " + std::to_string(i), error);
            }
            if (readFile(path) != data) {
                return Outcome::failure("read back in mirror " + std::to_string(i), errno);
            }
        }
        return Outcome::success();
    });
    QVERIFY2(all.succeeded(), all.describe().c_str());
    const long long useMs = millisecondsSince(used);
    for (std::size_t i = 0; i < mirrors.size(); ++i) {
        QCOMPARE(readFile(mirrors[i]->sourcePath() + "/file"), std::optional<std::string>(pattern(i, 4096 + i)));
    }

    const auto stopping = std::chrono::steady_clock::now();
    for (auto &mirror : mirrors) {
        mirror->signal(SIGTERM);
    }
    for (auto &mirror : mirrors) {
        const ExitStatus status = mirror->waitForExit(10s);
        QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
        QVERIFY(!mirror->isMounted());
    }
    qInfo("%d mirrors: mounted one after another in %lld ms (%lld ms each), all used in %lld ms, all stopped in %lld ms",
          Count,
          startMs,
          startMs / Count,
          useMs,
          millisecondsSince(stopping));
}

// 16 writers (create/write/fsync/close, churn, mkdir/rmdir) for 10 s: every
// committed file intact, the daemon alive and still answering.
void LoadTest::shouldHold16ProcessesOnOneMirror()
{
    MirrorProcess mirror;
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    const std::string journals = mirror.scratchPath() + "/journals";
    QCOMPARE(::mkdir(journals.c_str(), 0700), 0);
    QCOMPARE(::chown(journals.c_str(), Tester.uid, Tester.gid), 0);
    WriterLoad load(mirror.mountPoint(), journals, Tester, 16);
    QVERIFY(load.start(16));
    std::this_thread::sleep_for(10s);
    load.stop();
    QVERIFY2(::kill(mirror.serverPid(), 0) == 0, "the FUSE server died under load");
    QVERIFY(mirror.isMounted());
    const LoadFigures figures = load.figures();
    const VerifyFigures verified = load.verify(mirror.sourcePath());
    QVERIFY2(verified.problems.empty(), join(verified.problems).c_str());
    QVERIFY(figures.filesCommitted > 0);
    qInfo("16 processes for 10 s: %llu operations (%llu/s), %llu files committed, %llu bytes verified",
          static_cast<unsigned long long>(figures.operations),
          static_cast<unsigned long long>(figures.operations / 10),
          static_cast<unsigned long long>(figures.filesCommitted),
          static_cast<unsigned long long>(verified.bytes));
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
}

// The daemon started with RLIMIT_NOFILE 256: it holds one backing fd per
// open, so a caller with a higher limit of its own runs it out. The caller
// gets EMFILE (not a hang, not a crash); after closing, opening works again.
void LoadTest::shouldGiveEmfileAtTheDaemonsFileLimit()
{
    MirrorOptions options;
    options.fileLimit = 256;
    MirrorProcess mirror(options);
    QCOMPARE(writeFile(mirror.sourcePath() + "/file", "data"), 0);
    QCOMPARE(::chown((mirror.sourcePath() + "/file").c_str(), Tester.uid, Tester.gid), 0);
    QVERIFY2(mirror.start(), mirror.errorString().c_str());

    const Outcome limited = runAs(Tester, [&mirror] {
        const rlimit own{4096, 4096};
        if (::setrlimit(RLIMIT_NOFILE, &own) != 0) {
            return Outcome::failure("setrlimit", errno);
        }
        const std::string path = mirror.mountPoint() + "/file";
        std::vector<int> fds;
        int error = 0;
        while (fds.size() < 2000) {
            const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) {
                error = errno;
                break;
            }
            fds.push_back(fd);
        }
        const std::size_t opened = fds.size();
        for (const int fd : fds) {
            ::close(fd);
        }
        if (error == 0) {
            return Outcome::failure("2000 opens and no limit hit");
        }
        // Once closed (RELEASE is asynchronous: give it a moment), it opens again.
        int again = -1;
        for (int attempt = 0; attempt < 200 && again < 0; ++attempt) {
            again = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
            if (again < 0) {
                std::this_thread::sleep_for(10ms);
            }
        }
        if (again < 0) {
            return Outcome::failure("open after closing everything", errno);
        }
        ::close(again);
        Outcome outcome = Outcome::of(-1);
        outcome.error = error;
        outcome.data = std::to_string(opened);
        return outcome;
    });
    QVERIFY2(limited.error == EMFILE || limited.error == ENFILE, limited.describe().c_str());
    qInfo("daemon limit 256: the caller got %s after %s opens", errnoName(limited.error).c_str(), limited.data.c_str());
    QVERIFY2(::kill(mirror.serverPid(), 0) == 0, "the FUSE server died at its file limit");
    QVERIFY(mirror.isMounted());
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
}

QTEST_GUILESS_MAIN(LoadTest)
#include "loadtest.moc"
