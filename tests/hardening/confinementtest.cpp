// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrord's confinement: each process's system call allowlist refuses
// what is not on it (the same filter function the daemon loads, in a child),
// and a running server and supervisor really are filtered, without new
// privileges, with only the capabilities they need, and still do their job.
#include "fileutil.h"
#include "mirrorprocess.h"
#include "mountinfo.h"
#include "runas.h"
#include "scratchdir.h"
#include "waiting.h"

#include "confinement.h"
#include "mirrorerror.h"
#include "seccompfilter.h"

#include <QScopeGuard>
#include <QTest>

#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <linux/capability.h>
#include <linux/mempolicy.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

using namespace PassMirror;
using namespace PassMirror::Test;

namespace
{

// "Key:\tvalue" from /proc/<pid>/status.
std::string statusField(pid_t pid, const std::string &key)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with(key + ":")) {
            const auto start = line.find_first_not_of(" \t", key.size() + 1);
            return start == std::string::npos ? std::string() : line.substr(start);
        }
    }
    return {};
}

unsigned long long capabilityMask(std::initializer_list<int> capabilities)
{
    unsigned long long bits = 0;
    for (const int capability : capabilities) {
        bits |= 1ULL << capability;
    }
    return bits;
}

unsigned long long capabilityField(pid_t pid, const std::string &key)
{
    return std::stoull(statusField(pid, key), nullptr, 16);
}

bool refused(long result)
{
    return result == -1 && errno == EPERM;
}

} // namespace

class ConfinementTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRefuseCallsOffTheAllowlist_data();
    void shouldRefuseCallsOffTheAllowlist();
    void shouldConfineTheRunningServer_data();
    void shouldConfineTheRunningServer();
    void shouldServeAnotherCallerWithoutLettingItSignalTheServer();
    void shouldRefuseCallsOffTheSupervisorAllowlist();
    void shouldConfineTheRunningSupervisor_data();
    void shouldConfineTheRunningSupervisor();
};

void ConfinementTest::shouldRefuseCallsOffTheAllowlist_data()
{
    QTest::addColumn<bool>("shared");
    QTest::newRow("owner") << false;
    QTest::newRow("shared") << true;
}

// In a child (root, so every refusal is the filter's doing): each forbidden
// call fails with EPERM, allowed ones still work. The child reports which
// check failed as its exit code.
void ConfinementTest::shouldRefuseCallsOffTheAllowlist()
{
    QFETCH(bool, shared);
    const pid_t parent = ::getpid();
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        ServerFilterSetup setup;
        setup.shared = shared;
        if (installServerSyscallFilter(setup)) {
            ::_exit(100);
        }
        const auto expectRefused = [](int check, long result) {
            if (!refused(result)) {
                ::_exit(check);
            }
        };
        const auto expectAllowed = [](int check, long result) {
            if (result == -1 && errno == EPERM) {
                ::_exit(check);
            }
        };
        // /bin/false: an exec that got through ends the child with 1.
        char *const argv[] = {const_cast<char *>("/bin/false"), nullptr};
        expectRefused(1, ::execv("/bin/false", argv));
        expectRefused(2, ::socket(AF_UNIX, SOCK_STREAM, 0));
        expectRefused(3, ::mount("none", "/tmp", "tmpfs", 0, nullptr));
        expectRefused(4, ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr));
        expectRefused(5, ::unshare(CLONE_NEWNS));
        expectRefused(6, ::chroot("/"));
        // Signals only to this process.
        expectRefused(7, ::kill(parent, 0));
        expectRefused(8, ::kill(1, 0));
        expectRefused(9, ::syscall(SYS_tgkill, parent, parent, 0));
        expectRefused(10, ::syscall(SYS_tkill, ::gettid(), 0));
        // Nothing that changes credentials, but the effective ids of a
        // shared mirror's worker (real and saved never).
        expectRefused(11, ::syscall(SYS_setresuid, 0, 0, 0));
        expectRefused(12, ::syscall(SYS_setresuid, 1000, -1, -1));
        expectRefused(13, ::syscall(SYS_setuid, 1000));
        expectRefused(14, ::syscall(SYS_setfsuid, 1000));
        expectRefused(15, ::syscall(SYS_setreuid, -1, 1000));
        expectRefused(16, ::prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
        expectRefused(17, ::prctl(PR_SET_SECUREBITS, 0, 0, 0, 0));
        expectRefused(18, ::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0));
        expectRefused(19, ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0));
        // io_uring only when the ring may start (it cannot here).
        expectRefused(20, ::syscall(SYS_io_uring_setup, 1, nullptr));
        if (shared) {
            expectAllowed(30, ::syscall(SYS_setresgid, -1, 0, -1));
            expectAllowed(31, ::syscall(SYS_setresuid, -1, 0, -1));
            gid_t none = 0;
            expectAllowed(32, ::syscall(SYS_setgroups, 0, &none));
        } else {
            expectRefused(30, ::syscall(SYS_setresgid, -1, 0, -1));
            expectRefused(31, ::syscall(SYS_setresuid, -1, 0, -1));
            expectRefused(32, ::syscall(SYS_setgroups, 0, nullptr));
        }
        // Still allowed: what serving files needs.
        const int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
        char buffer[16];
        if (fd < 0 || ::read(fd, buffer, sizeof buffer) <= 0 || ::close(fd) != 0) {
            ::_exit(40);
        }
        // libnuma under libfuse's io_uring queues: the policy query and a
        // binding of our own page to the default policy.
        if (::syscall(SYS_get_mempolicy, nullptr, nullptr, 0UL, nullptr, 0UL) != 0) {
            ::_exit(41);
        }
        void *page = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page == MAP_FAILED || ::syscall(SYS_mbind, page, 4096UL, MPOL_DEFAULT, nullptr, 0UL, 0U) != 0) {
            ::_exit(42);
        }
        // A worker's own umask, reading the fs ids, signals to ourselves.
        expectAllowed(43, ::unshare(CLONE_FS));
        expectAllowed(44, ::syscall(SYS_setfsuid, -1));
        expectAllowed(45, ::kill(::getpid(), 0));
        expectAllowed(46, ::syscall(SYS_tgkill, ::getpid(), ::gettid(), 0));
        expectAllowed(47, ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
        ::_exit(0);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFEXITED(status), "the filtered child was killed instead of getting EPERM");
    QCOMPARE(WEXITSTATUS(status), 0);
}

void ConfinementTest::shouldConfineTheRunningServer_data()
{
    QTest::addColumn<bool>("shared");
    QTest::newRow("owner") << false;
    QTest::newRow("shared") << true;
}

// A live server: filtered (Seccomp 2), no_new_privs, every id of every
// thread the owner's, no capability effective on any thread while idle,
// only what it may raise permitted and in the bounding set; and the mirror
// works under all that.
void ConfinementTest::shouldConfineTheRunningServer()
{
    QFETCH(bool, shared);
    MirrorOptions options;
    options.shared = shared;
    MirrorProcess mirror(options);
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    const pid_t server = mirror.serverPid();
    QVERIFY(server > 0);
    // Some requests first, so that worker threads exist and have served.
    const Outcome used = runAs(Tester, [&mirror] {
        const std::string data = pattern(7, 100000);
        if (const int error = writeFile(mirror.mountPoint() + "/file", data); error != 0) {
            return Outcome::failure("write", error);
        }
        return readFile(mirror.mountPoint() + "/file") == data ? Outcome::success() : Outcome::failure("read back", errno);
    });
    QVERIFY2(used.succeeded(), used.describe().c_str());

    unsigned long long permitted = capabilityMask({CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH});
    if (shared) {
        permitted |= capabilityMask({CAP_SETUID, CAP_SETGID, CAP_CHOWN, CAP_FOWNER, CAP_DAC_OVERRIDE, CAP_FSETID, CAP_MKNOD});
    }
    const auto threads = listDirectory("/proc/" + std::to_string(server) + "/task");
    QVERIFY(threads.has_value() && threads->size() >= 2);
    int serving = 0;
    for (const std::string &thread : *threads) {
        const pid_t tid = std::stoi(thread);
        QCOMPARE(statusField(tid, "Seccomp"), std::string("2"));
        QCOMPARE(statusField(tid, "NoNewPrivs"), std::string("1"));
        QCOMPARE(statusField(tid, "Uid"), std::string("1000\t1000\t1000\t1000"));
        QCOMPARE(statusField(tid, "Gid"), std::string("1000\t1000\t1000\t1000"));
        QCOMPARE(capabilityField(tid, "CapEff"), 0ULL);
        QCOMPARE(capabilityField(tid, "CapInh"), 0ULL);
        QCOMPARE(capabilityField(tid, "CapAmb"), 0ULL);
        // A thread that existed before the drop (a sanitizer's) became the
        // owner through glibc's broadcast without SECBIT_NO_SETUID_FIXUP and
        // lost every capability; it can never gain one (no exec, no_new_privs).
        if (capabilityField(tid, "CapPrm") == 0) {
            continue;
        }
        QCOMPARE(capabilityField(tid, "CapPrm"), permitted);
        QCOMPARE(capabilityField(tid, "CapBnd"), permitted);
        ++serving;
    }
    QVERIFY2(serving >= 2, "the main thread and at least one worker hold the permitted set");
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
}

// A shared mirror serving tester2: the worker thread runs with tester2's
// effective and fs ids and no capability, while its real and saved ids stay
// the owner's, so tester2 may not signal the thread that serves it (a kill
// would end the mirror for everyone). To catch a worker in the middle of a
// request, the mirror's source is a second mirror whose server is stopped:
// the lookup the worker forwards there waits until it is continued.
void ConfinementTest::shouldServeAnotherCallerWithoutLettingItSignalTheServer()
{
    MirrorOptions innerOptions;
    innerOptions.shared = true;
    MirrorProcess inner(innerOptions);
    QVERIFY2(inner.start(), inner.errorString().c_str());
    MirrorOptions outerOptions;
    outerOptions.shared = true;
    outerOptions.sourceOverride = inner.mountPoint();
    MirrorProcess outer(outerOptions);
    QVERIFY2(outer.start(), outer.errorString().c_str());
    const pid_t server = outer.serverPid();

    QCOMPARE(::kill(inner.serverPid(), SIGSTOP), 0);
    const std::string name = outer.mountPoint() + "/waits";
    ChildProcess looker;
    QVERIFY(looker.start(Tester2, [name] {
        struct stat st{};
        return Outcome::of(::lstat(name.c_str(), &st));
    }));

    // The worker serving the lookup: effective and fs uid tester2.
    pid_t worker = -1;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (worker < 0 && std::chrono::steady_clock::now() < deadline) {
        for (const std::string &thread : listDirectory("/proc/" + std::to_string(server) + "/task").value_or(std::vector<std::string>{})) {
            const pid_t tid = std::stoi(thread);
            if (statusField(tid, "Uid") == "1000\t1001\t1000\t1001") {
                worker = tid;
            }
        }
        std::this_thread::sleep_for(10ms);
    }
    const auto resume = qScopeGuard([&inner] {
        ::kill(inner.serverPid(), SIGCONT);
    });
    QVERIFY2(worker > 0, "no worker thread served tester2's lookup with tester2's effective ids");
    QCOMPARE(statusField(worker, "Gid"), std::string("1000\t1001\t1000\t1001"));
    QCOMPARE(capabilityField(worker, "CapEff"), 0ULL);
    const Outcome signalled = runAs(Tester2, [server, worker] {
        return Outcome::of(::syscall(SYS_tgkill, server, worker, 0));
    });
    QVERIFY2(!signalled.succeeded() && signalled.error == EPERM, signalled.describe().c_str());
    const Outcome killed = runAs(Tester2, [server] {
        return Outcome::of(::kill(server, 0));
    });
    QVERIFY2(!killed.succeeded() && killed.error == EPERM, killed.describe().c_str());

    QCOMPARE(::kill(inner.serverPid(), SIGCONT), 0);
    const Outcome looked = looker.wait(10s);
    QVERIFY2(!looked.succeeded() && looked.error == ENOENT, looked.describe().c_str());
    // Back to the owner once the request is answered.
    QVERIFY(waitUntil(
        [&] {
            return statusField(worker, "Uid") == "1000\t1000\t1000\t1000";
        },
        5s));
    QCOMPARE(capabilityField(worker, "CapEff"), 0ULL);
}

// The supervisor's filter, in a child whose parent (this test) stands in
// for the server: it may wait, signal itself and the server, read, detach a
// mount and unlink in the stats directory; everything else a root process
// could do is refused. The child reports which check failed as its exit code.
void ConfinementTest::shouldRefuseCallsOffTheSupervisorAllowlist()
{
    ScratchDir scratch("supervisor-filter");
    QVERIFY(scratch.isValid());
    const std::string statsDirectory = scratch.makeDirectory("stats", Credentials{0, 0});
    const std::string otherDirectory = scratch.makeDirectory("other", Credentials{0, 0});
    QCOMPARE(writeFile(statsDirectory + "/mirror.stats", "stats"), 0);
    QCOMPARE(writeFile(otherDirectory + "/keep", "keep"), 0);

    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        const int stats = ::open(statsDirectory.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        const int other = ::open(otherDirectory.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (stats < 0 || other < 0) {
            ::_exit(101);
        }
        const pid_t server = ::getppid(); // getppid is not on the list
        ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if (installSupervisorSyscallFilter({server, stats})) {
            ::_exit(100);
        }
        const auto expectRefused = [](int check, long result) {
            if (!refused(result)) {
                ::_exit(check);
            }
        };
        // /bin/false: an exec that got through ends the child with 1.
        char *const argv[] = {const_cast<char *>("/bin/false"), nullptr};
        expectRefused(1, ::execv("/bin/false", argv));
        expectRefused(2, ::fork());
        expectRefused(3, ::socket(AF_UNIX, SOCK_STREAM, 0));
        expectRefused(4, ::mount("none", "/tmp", "tmpfs", 0, nullptr));
        expectRefused(5, ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr));
        expectRefused(6, ::open("/dev/null", O_WRONLY | O_CLOEXEC));
        expectRefused(7, ::openat(other, "new", O_RDONLY | O_CREAT | O_CLOEXEC, 0600));
        expectRefused(8, ::openat(other, "keep", O_RDONLY | O_TRUNC | O_CLOEXEC));
        expectRefused(9, ::unlinkat(other, "keep", 0));
        expectRefused(10, ::unlinkat(stats, "..", AT_REMOVEDIR));
        expectRefused(11, ::kill(1, 0));
        expectRefused(12, ::setuid(0));
        expectRefused(13, ::mkdirat(other, "dir", 0700));
        expectRefused(14, ::renameat(other, "keep", stats, "moved"));
        expectRefused(15, ::chmod(otherDirectory.c_str(), 0777));
        // Still allowed: what waiting, detaching and cleaning up need.
        const int info = ::open("/proc/self/fdinfo/0", O_RDONLY | O_CLOEXEC);
        char buffer[16];
        if (info < 0 || ::read(info, buffer, sizeof buffer) <= 0 || ::close(info) != 0) {
            ::_exit(20);
        }
        if (::kill(::getpid(), 0) != 0 || ::kill(server, 0) != 0) {
            ::_exit(21);
        }
        if (::waitpid(-1, nullptr, WNOHANG) != -1 || errno != ECHILD) {
            ::_exit(22); // refused would be EPERM
        }
        if (::umount2(otherDirectory.c_str(), MNT_DETACH) != -1 || errno != EINVAL) {
            ::_exit(23); // not a mount point: the kernel's answer, not the filter's
        }
        if (::unlinkat(stats, "mirror.stats", 0) != 0) {
            ::_exit(24);
        }
        ::_exit(0);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFEXITED(status), "the filtered child was killed instead of getting EPERM");
    QCOMPARE(WEXITSTATUS(status), 0);
    QVERIFY2(::access((statsDirectory + "/mirror.stats").c_str(), F_OK) != 0, "the stats file was not unlinked");
    QVERIFY2(::access((otherDirectory + "/keep").c_str(), F_OK) == 0, "a file outside the stats directory went");
    QVERIFY2(::access((otherDirectory + "/new").c_str(), F_OK) != 0, "a file was created");
}

void ConfinementTest::shouldConfineTheRunningSupervisor_data()
{
    QTest::addColumn<bool>("killServer"); // else SIGTERM to the supervisor
    QTest::newRow("server SIGKILLed") << true;
    QTest::newRow("supervisor SIGTERMed") << false;
}

// A live supervisor (the process the test started, in the foreground) is
// filtered, without new privileges, with CAP_SYS_ADMIN and
// CAP_DAC_READ_SEARCH and CAP_KILL alone; and under all that it still detaches the mount
// and removes the stats file when its server is killed or it is told to stop.
// The mount point's parent is the owner's and private (like a home folder),
// so looking the mount up again needs CAP_DAC_READ_SEARCH.
void ConfinementTest::shouldConfineTheRunningSupervisor()
{
    QFETCH(bool, killServer);
    MirrorOptions options;
    options.mountPointName = "home/mnt";
    MirrorProcess mirror(options);
    const std::string home = mirror.scratchPath() + "/home";
    QCOMPARE(::chown(home.c_str(), Tester.uid, Tester.gid), 0);
    QCOMPARE(::chmod(home.c_str(), 0700), 0);
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    const pid_t supervisor = mirror.pid();
    const pid_t server = mirror.serverPid();
    QVERIFY(server > 0 && server != supervisor);

    QCOMPARE(statusField(supervisor, "Seccomp"), std::string("2"));
    QCOMPARE(statusField(supervisor, "NoNewPrivs"), std::string("1"));
    QCOMPARE(statusField(supervisor, "Uid"), std::string("0\t0\t0\t0"));
    const unsigned long long kept = capabilityMask({CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH, CAP_KILL});
    for (const char *set : {"CapEff", "CapPrm", "CapBnd"}) {
        QCOMPARE(capabilityField(supervisor, set), kept);
    }
    QCOMPARE(capabilityField(supervisor, "CapInh"), 0ULL);
    QCOMPARE(capabilityField(supervisor, "CapAmb"), 0ULL);

    if (killServer) {
        QCOMPARE(::kill(server, SIGKILL), 0);
    } else {
        mirror.signal(SIGTERM);
    }
    QVERIFY2(waitForMountState(mirror.mountPoint(), false, 2000), "the mount is still there 2 s later");
    const ExitStatus status = mirror.waitForExit(10s);
    QVERIFY2(status.exited, status.describe().c_str());
    QCOMPARE(status.code, killServer ? static_cast<int>(MirrorError::DaemonDied) : 0);
    QVERIFY2(::access(mirror.statsPath().c_str(), F_OK) != 0, "the stats file is left behind");
}

QTEST_GUILESS_MAIN(ConfinementTest)
#include "confinementtest.moc"
