// SPDX-License-Identifier: GPL-2.0-or-later
// Big trees and few fds: the daemon holds one O_PATH fd per inode the kernel
// remembers only up to a cap (--max-inode-fds, else derived from
// RLIMIT_NOFILE), serves every inode anyway, and answers a caller it cannot
// serve with EMFILE/ENFILE, never a hang. (Copying two 20k-entry trees broke
// passthrough_hp at a limit of 20000.)

#include "credentials.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "runas.h"
#include "waiting.h"

#include <QTest>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

// source/d<k>/f<i>: `files` files spread over directories of 500.
bool makeTree(const std::string &source, int files)
{
    for (int i = 0; i < files; ++i) {
        const std::string dir = source + "/d" + std::to_string(i / 500);
        if (i % 500 == 0 && (::mkdir(dir.c_str(), 0755) != 0 || ::chown(dir.c_str(), Tester.uid, Tester.gid) != 0)) {
            return false;
        }
        const std::string file = dir + "/f" + std::to_string(i);
        if (writeFile(file, std::to_string(i)) != 0 || ::chown(file.c_str(), Tester.uid, Tester.gid) != 0) {
            return false;
        }
    }
    return true;
}

std::string treePath(const std::string &root, int i)
{
    return root + "/d" + std::to_string(i / 500) + "/f" + std::to_string(i);
}

} // namespace

class InodeLimitTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldServeMoreInodesThanItHoldsFds_data()
    {
        QTest::addColumn<int>("files");
        QTest::addColumn<int>("maxInodeFds"); // 0: not given
        QTest::addColumn<int>("fileLimit"); // the daemon's RLIMIT_NOFILE, 0: inherited
        QTest::addColumn<QByteArray>("passthrough");

        QTest::newRow("--max-inode-fds=100, 3000 files") << 3000 << 100 << 0 << QByteArray("auto");
        QTest::newRow("--max-inode-fds=100, 3000 files, userspace") << 3000 << 100 << 0 << QByteArray("off");
        QTest::newRow("fd limit 1024, 6000 files") << 6000 << 0 << 1024 << QByteArray("auto");
    }

    void shouldServeMoreInodesThanItHoldsFds()
    {
        QFETCH(int, files);
        QFETCH(int, maxInodeFds);
        QFETCH(int, fileLimit);
        QFETCH(QByteArray, passthrough);

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        options.fileLimit = static_cast<unsigned long>(fileLimit);
        if (maxInodeFds > 0) {
            options.extraArguments.push_back("--max-inode-fds=" + std::to_string(maxInodeFds));
        }
        MirrorProcess mirror(options);
        QVERIFY(makeTree(mirror.sourcePath(), files));
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Stats::StatsReader &stats = mirror.stats();
        const std::uint64_t cap = maxInodeFds > 0 ? std::uint64_t(maxInodeFds) : std::uint64_t(fileLimit);

        // Two passes: stat everything (the kernel keeps the inodes), then read
        // everything back, while the parent watches inodeFdsHeld.
        const std::string mount = mirror.mountPoint();
        ChildProcess walker;
        QVERIFY(walker.start(Tester, [&] {
            for (int pass = 0; pass < 2; ++pass) {
                for (int i = 0; i < files; ++i) {
                    const std::string path = treePath(mount, i);
                    struct stat status{};
                    if (pass == 0 && ::stat(path.c_str(), &status) != 0) {
                        return Outcome::failure("stat " + path, errno);
                    }
                    if (pass == 1 && readFile(path) != std::to_string(i)) {
                        return Outcome::failure("read " + path, errno);
                    }
                }
            }
            return Outcome::success();
        }));
        std::uint64_t mostHeld = 0;
        Outcome walked;
        ChildProcess *pending = &walker;
        while (pending) {
            mostHeld = std::max<std::uint64_t>(mostHeld, stats.sample().inodeFdsHeld);
            siginfo_t info{};
            if (::waitid(P_PID, static_cast<id_t>(walker.pid()), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_pid != 0) {
                walked = walker.wait(60s);
                pending = nullptr;
            } else {
                std::this_thread::sleep_for(2ms);
            }
        }
        QVERIFY2(walked.succeeded(), walked.describe().c_str());
        qInfo("inodes known %llu, at most %llu inode fds held (cap %llu)",
              static_cast<unsigned long long>(stats.sample().inodesKnown),
              static_cast<unsigned long long>(mostHeld),
              static_cast<unsigned long long>(cap));
        QVERIFY2(mostHeld <= cap, qPrintable(QStringLiteral("held %1 inode fds, the cap is %2").arg(mostHeld).arg(cap)));
        QVERIFY2(stats.sample().inodesKnown > cap, "the kernel did not keep more inodes than the cap: the test proves nothing");
        QCOMPARE(stats.sample().errorsOf(Stats::Operation::Lookup), std::uint64_t(0));
        QCOMPARE(stats.sample().errorsOf(Stats::Operation::Open), std::uint64_t(0));
    }

    // At start the daemon raises its soft fd limit to the hard one.
    void shouldRaiseTheSoftFileLimit()
    {
        MirrorOptions options;
        options.fileLimit = 8192;
        options.fileSoftLimit = 256;
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const auto limits = readFile("/proc/" + std::to_string(mirror.serverPid()) + "/limits");
        QVERIFY(limits.has_value());
        const auto line = limits->find("Max open files");
        QVERIFY(line != std::string::npos);
        unsigned long soft = 0;
        unsigned long hard = 0;
        QCOMPARE(std::sscanf(limits->c_str() + line, "Max open files %lu %lu", &soft, &hard), 2);
        QCOMPARE(hard, 8192ul);
        QCOMPARE(soft, 8192ul);
    }

    // More simultaneous opens than the daemon has fds for: each open succeeds
    // or fails with EMFILE/ENFILE, promptly; afterwards everything works again.
    void shouldRefuseOpensItCannotServeWithoutHanging_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::newRow("passthrough on") << QByteArray("on");
        QTest::newRow("passthrough off") << QByteArray("off");
    }

    void shouldRefuseOpensItCannotServeWithoutHanging()
    {
        QFETCH(QByteArray, passthrough);
        constexpr int Files = 1500;

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        options.fileLimit = 512;
        MirrorProcess mirror(options);
        QVERIFY(makeTree(mirror.sourcePath(), Files));
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string mount = mirror.mountPoint();

        rlimit own{};
        QCOMPARE(::getrlimit(RLIMIT_NOFILE, &own), 0);
        QVERIFY2(own.rlim_max >= Files + 100, "the test needs a hard fd limit above 1600 for itself");
        const Outcome outcome = runAs(
            Tester,
            [&] {
                rlimit raised{Files + 100, Files + 100};
                ::setrlimit(RLIMIT_NOFILE, &raised);
                std::vector<int> fds;
                int refused = 0;
                for (int i = 0; i < Files; ++i) {
                    const int fd = ::open(treePath(mount, i).c_str(), O_RDONLY | O_CLOEXEC);
                    if (fd >= 0) {
                        fds.push_back(fd);
                    } else if (errno == EMFILE || errno == ENFILE) {
                        ++refused;
                    } else {
                        return Outcome::failure("open " + std::to_string(i) + " failed with an unexpected error", errno);
                    }
                }
                for (const int fd : fds) {
                    ::close(fd);
                }
                // Served again once the opens are gone (releases are asynchronous).
                const bool recovered = waitUntil(
                    [&] {
                        const int fd = ::open(treePath(mount, Files - 1).c_str(), O_RDONLY | O_CLOEXEC);
                        return fd >= 0 && ::close(fd) == 0;
                    },
                    5s);
                if (!recovered) {
                    return Outcome::failure("opens still refused after every file was closed", errno);
                }
                return Outcome::success(std::to_string(fds.size()) + " opens served, " + std::to_string(refused) + " refused");
            },
            60s);
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());
        qInfo("%s", outcome.data.c_str());
    }
};

QTEST_APPLESS_MAIN(InodeLimitTest)

#include "inodelimittest.moc"
