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

#include "confinement.h"
#include "mirrorerror.h"
#include "seccompfilter.h"

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
    void shouldRefuseCallsOffTheAllowlist();
    void shouldConfineTheRunningServer();
    void shouldRefuseCallsOffTheSupervisorAllowlist();
    void shouldConfineTheRunningSupervisor_data();
    void shouldConfineTheRunningSupervisor();
};

// In a child (root, so every refusal is the filter's doing): each forbidden
// call fails with EPERM, allowed ones still work. The child reports which
// check failed as its exit code.
void ConfinementTest::shouldRefuseCallsOffTheAllowlist()
{
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
        if (installServerSyscallFilter()) {
            ::_exit(100);
        }
        // /bin/false: an exec that got through ends the child with 1.
        char *const argv[] = {const_cast<char *>("/bin/false"), nullptr};
        if (!refused(::execv("/bin/false", argv))) {
            ::_exit(1);
        }
        if (!refused(::socket(AF_UNIX, SOCK_STREAM, 0))) {
            ::_exit(2);
        }
        if (!refused(::mount("none", "/tmp", "tmpfs", 0, nullptr))) {
            ::_exit(3);
        }
        if (!refused(::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr))) {
            ::_exit(4);
        }
        if (!refused(::unshare(CLONE_NEWNS))) {
            ::_exit(5);
        }
        if (!refused(::chroot("/"))) {
            ::_exit(6);
        }
        // Still allowed: what serving files needs.
        const int fd = ::open("/proc/self/status", O_RDONLY | O_CLOEXEC);
        char buffer[16];
        if (fd < 0 || ::read(fd, buffer, sizeof buffer) <= 0 || ::close(fd) != 0) {
            ::_exit(10);
        }
        // libnuma under libfuse's io_uring queues: the policy query and a
        // binding of our own page to the default policy.
        if (::syscall(SYS_get_mempolicy, nullptr, nullptr, 0UL, nullptr, 0UL) != 0) {
            ::_exit(11);
        }
        void *page = ::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (page == MAP_FAILED || ::syscall(SYS_mbind, page, 4096UL, MPOL_DEFAULT, nullptr, 0UL, 0U) != 0) {
            ::_exit(12);
        }
        ::_exit(0);
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY2(WIFEXITED(status), "the filtered child was killed instead of getting EPERM");
    QCOMPARE(WEXITSTATUS(status), 0);
}

// A live server: filtered (Seccomp 2), no_new_privs, uid 0 with the owner's
// fs ids, CAP_SYS_ADMIN alone effective and only it and CAP_DAC_READ_SEARCH
// left in the bounding set; and the mirror works under all that.
void ConfinementTest::shouldConfineTheRunningServer()
{
    MirrorProcess mirror;
    QVERIFY2(mirror.start(), mirror.errorString().c_str());
    const pid_t server = mirror.serverPid();
    QVERIFY(server > 0);
    QCOMPARE(statusField(server, "Seccomp"), std::string("2"));
    QCOMPARE(statusField(server, "NoNewPrivs"), std::string("1"));
    QCOMPARE(statusField(server, "Uid"), std::string("0\t0\t0\t1000"));
    QCOMPARE(statusField(server, "Gid"), std::string("0\t0\t0\t1000"));
    QCOMPARE(capabilityField(server, "CapEff"), capabilityMask({CAP_SYS_ADMIN}));
    QCOMPARE(capabilityField(server, "CapBnd"), capabilityMask({CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH}));
    QCOMPARE(capabilityField(server, "CapAmb"), 0ULL);

    const Outcome used = runAs(Tester, [&mirror] {
        const std::string data = pattern(7, 100000);
        if (const int error = writeFile(mirror.mountPoint() + "/file", data); error != 0) {
            return Outcome::failure("write", error);
        }
        return readFile(mirror.mountPoint() + "/file") == data ? Outcome::success() : Outcome::failure("read back", errno);
    });
    QVERIFY2(used.succeeded(), used.describe().c_str());
    const ExitStatus status = mirror.terminate();
    QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
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
// CAP_DAC_READ_SEARCH alone; and under all that it still detaches the mount
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
    const unsigned long long kept = capabilityMask({CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH});
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
