// SPDX-License-Identifier: GPL-2.0-or-later
#include "seccompfilter.h"

#include <cerrno>
#include <climits>
#include <cstdint>
#include <fcntl.h>
#include <memory>
#include <sched.h>
#include <seccomp.h>
#include <string>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{

// Grouped by who needs them. Not on the list, so refused: execve, execveat,
// fork, vfork, ptrace, process_vm_*, mount and the new mount API, pivot_root,
// chroot, setns, socket and every network call, bpf, perf_event_open,
// userfaultfd, keyctl, init_module, kexec_load, reboot, swapon, tkill. clone
// stays (libfuse's threads): a new process is possible but could only run
// this same program under this same filter. The calls that need their
// arguments checked (kill, tgkill, unshare, prctl, the set*id calls and
// io_uring) are added by addServerArgumentRules.
constexpr std::string_view AllowedSyscalls[] = {
    // Memory, threads, time: libc, libstdc++, libfuse's worker threads.
    "brk",
    "mmap",
    "munmap",
    "mremap",
    "mprotect",
    "madvise",
    "membarrier",
    "futex",
    "futex_waitv",
    "set_robust_list",
    "get_robust_list",
    "rseq",
    "clone",
    "clone3",
    "exit",
    "exit_group",
    "gettid",
    "getpid",
    "getppid",
    "set_tid_address",
    "sched_yield",
    "sched_getaffinity",
    "sched_setaffinity",
    "getcpu",
    "nanosleep",
    "clock_nanosleep",
    "clock_gettime",
    "clock_getres",
    "gettimeofday",
    "time",
    "getrandom",
    "uname",
    "sysinfo",
    "arch_prctl",
    "getrlimit",
    "setrlimit",
    "prlimit64",
    "getrusage",
    "restart_syscall",
    // Signals: libfuse's handlers, our orphan guard.
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigreturn",
    "rt_sigtimedwait",
    "sigaltstack",
    "signalfd4",
    // fds and waiting.
    "read",
    "write",
    "readv",
    "writev",
    "pread64",
    "pwrite64",
    "preadv",
    "pwritev",
    "preadv2",
    "pwritev2",
    "close",
    "close_range",
    "dup",
    "dup2",
    "dup3",
    "fcntl",
    "ioctl",
    "pipe",
    "pipe2",
    "poll",
    "ppoll",
    "select",
    "pselect6",
    "epoll_create1",
    "epoll_ctl",
    "epoll_wait",
    "epoll_pwait",
    "epoll_pwait2",
    "eventfd2",
    "lseek",
    // libfuse's io_uring queues allocate their buffers with libnuma on the
    // queue's node: libnuma asks get_mempolicy at start and binds with mbind
    // (refused, libfuse printed "mbind: Operation not permitted"). Both only
    // place this process's own memory.
    "mbind",
    "get_mempolicy",
    // The filesystem: everything a FUSE operation forwards to the source.
    "open",
    "openat",
    "openat2",
    "creat",
    "stat",
    "lstat",
    "fstat",
    "newfstatat",
    "statx",
    "statfs",
    "fstatfs",
    "getdents64",
    "mkdir",
    "mkdirat",
    "mknod",
    "mknodat",
    "symlink",
    "symlinkat",
    "link",
    "linkat",
    "unlink",
    "unlinkat",
    "rmdir",
    "rename",
    "renameat",
    "renameat2",
    "readlink",
    "readlinkat",
    "chmod",
    "fchmod",
    "fchmodat",
    "fchmodat2",
    "chown",
    "fchown",
    "lchown",
    "fchownat",
    "utimensat",
    "truncate",
    "ftruncate",
    "fallocate",
    "fadvise64",
    "fsync",
    "fdatasync",
    "sync_file_range",
    "syncfs",
    "flock",
    "copy_file_range",
    "splice",
    "tee",
    "vmsplice",
    "sendfile",
    "name_to_handle_at",
    "open_by_handle_at",
    // The source watch (filesystem/sourcewatch.h): an unprivileged group,
    // inode marks on the mirror's own inodes.
    "fanotify_init",
    "fanotify_mark",
    "access",
    "faccessat",
    "faccessat2",
    "chdir",
    "fchdir",
    "getcwd",
    "umask",
    "getxattr",
    "lgetxattr",
    "fgetxattr",
    "setxattr",
    "lsetxattr",
    "fsetxattr",
    "listxattr",
    "llistxattr",
    "flistxattr",
    "removexattr",
    "lremovexattr",
    "fremovexattr",
    "getxattrat",
    "setxattrat",
    "listxattrat",
    "removexattrat",
    // Reading ids and capabilities; raising a permitted capability on one
    // thread around one call, and lowering it again (capset cannot reach
    // beyond the permitted set, and the securebits are locked).
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getresuid",
    "getresgid",
    "getgroups",
    "capget",
    "capset",
    // The orphan guard detaches the mount when the supervisor is gone, after
    // checking with statmount that it is still ours.
    "umount2",
    "statmount",
};

// prctl options the libraries use once the server serves. Not among them:
// every option that changes credentials or what ptrace may do
// (PR_SET_SECUREBITS, PR_CAP_AMBIENT, PR_CAPBSET_DROP, PR_SET_KEEPCAPS,
// PR_SET_DUMPABLE, PR_SET_PTRACER, PR_SET_MM, PR_SET_NO_NEW_PRIVS).
constexpr int AllowedPrctlOptions[] = {
    PR_GET_PDEATHSIG,
    PR_SET_NAME,
    PR_GET_NAME,
    PR_GET_DUMPABLE,
    PR_CAPBSET_READ,
    PR_GET_SECUREBITS,
    PR_GET_KEEPCAPS,
    PR_GET_NO_NEW_PRIVS,
    PR_GET_TIMERSLACK,
    PR_SET_VMA,
};

// The supervisor after the mount is live: it waits for the server and for
// signals, and at the end detaches the mount (found through its parent fd,
// checked in fdinfo and with statmount/listmount) and removes the stats file
// and the mount record. No fork or clone (it has no threads by then), no
// exec, no sockets, no credential or capability changes, no open for
// writing, nothing that creates or removes a file but those two unlinks
// (addSupervisorArgumentRules). The memory and time calls are for libc,
// libstdc++ and the sanitizer runtimes at exit.
constexpr std::string_view SupervisorSyscalls[] = {
    "brk",
    "mmap",
    "munmap",
    "mremap",
    "mprotect",
    "madvise",
    "futex",
    "exit",
    "exit_group",
    "getpid",
    "gettid",
    "restart_syscall",
    "clock_gettime",
    "clock_nanosleep",
    "nanosleep",
    "sched_yield",
    // Signals: the signalfd, and an abort() of our own. sigaltstack only
    // reads or sets this thread's signal stack; AddressSanitizer asks for it
    // before every call that does not return (exit, throw).
    "rt_sigaction",
    "rt_sigprocmask",
    "rt_sigreturn",
    "sigaltstack",
    // Waiting and reading.
    "read",
    "write",
    "close",
    "poll",
    "ppoll",
    "fcntl",
    "lseek",
    "fstat",
    "newfstatat",
    "statx",
    "wait4",
    "waitid",
    // Finding our mount again and detaching it.
    "statmount",
    "listmount",
    "umount2",
};

struct FilterRelease {
    void operator()(scmp_filter_ctx context) const
    {
        seccomp_release(context);
    }
};
using Filter = std::unique_ptr<void, FilterRelease>;

// Allows every call in `names` with any arguments.
CheckResult allowAll(const Filter &filter, std::span<const std::string_view> names)
{
    for (const std::string_view name : names) {
        const int number = seccomp_syscall_resolve_name(std::string(name).c_str());
        if (number == __NR_SCMP_ERROR) {
            continue; // not on this architecture or unknown to this libseccomp
        }
        if (const int error = seccomp_rule_add(filter.get(), SCMP_ACT_ALLOW, number, 0); error != 0) {
            return failure(MirrorError::Internal, withErrno("cannot allow system call " + std::string(name), -error));
        }
    }
    return std::nullopt;
}

template<typename... Comparisons>
CheckResult allowWhen(const Filter &filter, const char *name, int number, Comparisons... comparisons)
{
    if (const int error = seccomp_rule_add(filter.get(), SCMP_ACT_ALLOW, number, sizeof...(comparisons), comparisons...); error != 0) {
        return failure(MirrorError::Internal, withErrno(std::string("cannot allow system call ") + name + " with its argument checks", -error));
    }
    return std::nullopt;
}

CheckResult load(const Filter &filter)
{
    // Every thread, not just this one: anything started before must not
    // escape the filter.
    if (const int error = seccomp_attr_set(filter.get(), SCMP_FLTATR_CTL_TSYNC, 1); error != 0) {
        return failure(MirrorError::Internal, withErrno("cannot ask for a filter on all threads", -error));
    }
    if (const int error = seccomp_load(filter.get()); error != 0) {
        return failure(MirrorError::Internal, withErrno("cannot load the system call filter", -error));
    }
    return std::nullopt;
}

// Read-only opens: no write access, no creating or truncating.
constexpr scmp_datum_t OpenFlagsRefused = O_ACCMODE | O_CREAT | O_TRUNC;

CheckResult addSupervisorArgumentRules(const Filter &filter, const SupervisorFilterSetup &setup)
{
    const auto self = static_cast<scmp_datum_t>(getpid());
    CheckResult problem = allowWhen(filter, "openat", SCMP_SYS(openat), SCMP_A2_32(SCMP_CMP_MASKED_EQ, OpenFlagsRefused, 0));
    if (!problem && SCMP_SYS(open) >= 0) {
        problem = allowWhen(filter, "open", SCMP_SYS(open), SCMP_A1_32(SCMP_CMP_MASKED_EQ, OpenFlagsRefused, 0));
    }
    if (!problem) {
        problem = allowWhen(filter, "kill", SCMP_SYS(kill), SCMP_A0_32(SCMP_CMP_EQ, self));
    }
    if (!problem && setup.server > 0) {
        problem = allowWhen(filter, "kill", SCMP_SYS(kill), SCMP_A0_32(SCMP_CMP_EQ, static_cast<scmp_datum_t>(setup.server)));
    }
    if (!problem) {
        problem = allowWhen(filter, "tgkill", SCMP_SYS(tgkill), SCMP_A0_32(SCMP_CMP_EQ, self));
    }
    // Files only (no AT_REMOVEDIR), and only in the stats and record directories.
    for (const int directory : {setup.statsDirectoryFd, setup.recordDirectoryFd}) {
        if (!problem && directory >= 0) {
            problem =
                allowWhen(filter, "unlinkat", SCMP_SYS(unlinkat), SCMP_A0_32(SCMP_CMP_EQ, static_cast<scmp_datum_t>(directory)), SCMP_A2_32(SCMP_CMP_EQ, 0));
        }
    }
    return problem;
}

// The server's rules with argument checks (seccompfilter.h).
CheckResult addServerArgumentRules(const Filter &filter, const ServerFilterSetup &setup)
{
    const auto self = static_cast<scmp_datum_t>(setup.self > 0 ? setup.self : getpid());
    constexpr auto unchanged = static_cast<scmp_datum_t>(static_cast<std::uint32_t>(-1));
    // Signals to this process only: libfuse's exit, raise() and abort(),
    // pthread_kill of our own threads (glibc's raise is a tgkill too).
    CheckResult problem = allowWhen(filter, "kill", SCMP_SYS(kill), SCMP_A0_32(SCMP_CMP_EQ, self));
    if (!problem) {
        problem = allowWhen(filter, "tgkill", SCMP_SYS(tgkill), SCMP_A0_32(SCMP_CMP_EQ, self));
    }
    // A worker thread's own fs_struct, for a per-thread umask (ScopedUmask):
    // exactly CLONE_FS, no new namespace.
    if (!problem) {
        problem = allowWhen(filter, "unshare", SCMP_SYS(unshare), SCMP_A0_64(SCMP_CMP_EQ, static_cast<scmp_datum_t>(CLONE_FS)));
    }
    for (const int option : AllowedPrctlOptions) {
        if (!problem) {
            problem = allowWhen(filter, "prctl", SCMP_SYS(prctl), SCMP_A0_32(SCMP_CMP_EQ, static_cast<scmp_datum_t>(option)));
        }
    }
    // setfsuid/setfsgid(-1) only read the fs id.
    if (!problem) {
        problem = allowWhen(filter, "setfsuid", SCMP_SYS(setfsuid), SCMP_A0_32(SCMP_CMP_EQ, unchanged));
    }
    if (!problem) {
        problem = allowWhen(filter, "setfsgid", SCMP_SYS(setfsgid), SCMP_A0_32(SCMP_CMP_EQ, unchanged));
    }
    if (setup.shared) {
        // Switching a worker to its caller: the effective (and with it the
        // fs) id and the groups; the real and saved ids never change.
        if (!problem) {
            problem = allowWhen(filter, "setresuid", SCMP_SYS(setresuid), SCMP_A0_32(SCMP_CMP_EQ, unchanged), SCMP_A2_32(SCMP_CMP_EQ, unchanged));
        }
        if (!problem) {
            problem = allowWhen(filter, "setresgid", SCMP_SYS(setresgid), SCMP_A0_32(SCMP_CMP_EQ, unchanged), SCMP_A2_32(SCMP_CMP_EQ, unchanged));
        }
        if (!problem) {
            problem = allowWhen(filter, "setgroups", SCMP_SYS(setgroups), SCMP_A0_32(SCMP_CMP_LE, static_cast<scmp_datum_t>(NGROUPS_MAX)));
        }
    }
    if (setup.ioUring) {
        for (const char *name : {"io_uring_setup", "io_uring_enter", "io_uring_register"}) {
            const int number = seccomp_syscall_resolve_name(name);
            if (!problem && number != __NR_SCMP_ERROR) {
                problem = allowWhen(filter, name, number);
            }
        }
    }
    return problem;
}

} // namespace

std::span<const std::string_view> serverAllowedSyscalls()
{
    return AllowedSyscalls;
}

CheckResult installServerSyscallFilter(const ServerFilterSetup &setup)
{
    const Filter filter(seccomp_init(SCMP_ACT_ERRNO(EPERM)));
    if (!filter) {
        return failure(MirrorError::Internal, "cannot create the system call filter");
    }
    if (auto problem = allowAll(filter, AllowedSyscalls)) {
        return problem;
    }
    if (auto problem = addServerArgumentRules(filter, setup)) {
        return problem;
    }
    return load(filter);
}

std::span<const std::string_view> supervisorAllowedSyscalls()
{
    return SupervisorSyscalls;
}

CheckResult installSupervisorSyscallFilter(const SupervisorFilterSetup &setup)
{
    const Filter filter(seccomp_init(SCMP_ACT_ERRNO(EPERM)));
    if (!filter) {
        return failure(MirrorError::Internal, "cannot create the system call filter");
    }
    if (auto problem = allowAll(filter, SupervisorSyscalls)) {
        return problem;
    }
    if (auto problem = addSupervisorArgumentRules(filter, setup)) {
        return problem;
    }
    return load(filter);
}

} // namespace PassMirror
