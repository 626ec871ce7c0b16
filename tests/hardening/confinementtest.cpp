// SPDX-License-Identifier: GPL-2.0-or-later
// The FUSE server's confinement: the system call allowlist refuses what is
// not on it (the same filter function the daemon loads, in a child), and a
// running server really is filtered, without new privileges, with only the
// capabilities it needs.
#include "mirrorprocess.h"
#include "runas.h"
#include "fileutil.h"

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
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

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

} // namespace

class ConfinementTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRefuseCallsOffTheAllowlist();
    void shouldConfineTheRunningServer();
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
        const auto refused = [](long result) {
            return result == -1 && errno == EPERM;
        };
        char *const argv[] = {const_cast<char *>("/bin/true"), nullptr};
        if (!refused(::execv("/bin/true", argv))) {
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
    const auto mask = [](std::initializer_list<int> capabilities) {
        unsigned long long bits = 0;
        for (const int capability : capabilities) {
            bits |= 1ULL << capability;
        }
        return bits;
    };
    QCOMPARE(std::stoull(statusField(server, "CapEff"), nullptr, 16), mask({CAP_SYS_ADMIN}));
    QCOMPARE(std::stoull(statusField(server, "CapBnd"), nullptr, 16), mask({CAP_SYS_ADMIN, CAP_DAC_READ_SEARCH}));
    QCOMPARE(std::stoull(statusField(server, "CapAmb"), nullptr, 16), 0ULL);

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

QTEST_GUILESS_MAIN(ConfinementTest)
#include "confinementtest.moc"
