// SPDX-License-Identifier: GPL-2.0-or-later
#include "scale.h"

#include "process.h"
#include "workload.h"

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace PassMirror::Bench
{

namespace
{

using Clock = std::chrono::steady_clock;
constexpr std::size_t FilesPerDirectory = 1000;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// VmRSS of `pid` in KiB, or -1.
long residentKiB(pid_t pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            long kib = -1;
            status >> kib;
            return kib;
        }
        status.ignore(4096, '\n');
    }
    return -1;
}

long openFds(pid_t pid)
{
    DIR *directory = ::opendir(("/proc/" + std::to_string(pid) + "/fd").c_str());
    if (directory == nullptr) {
        return -1;
    }
    long count = 0;
    while (const dirent *entry = ::readdir(directory)) {
        count += entry->d_name[0] != '.' ? 1 : 0;
    }
    ::closedir(directory);
    return count;
}

// The "Max open files" soft limit of `pid`.
long fileLimit(pid_t pid)
{
    std::ifstream limits("/proc/" + std::to_string(pid) + "/limits");
    std::string line;
    while (std::getline(limits, line)) {
        if (line.starts_with("Max open files")) {
            long soft = -1;
            std::sscanf(line.c_str() + 14, "%ld", &soft);
            return soft;
        }
    }
    return -1;
}

// Makes `files` empty files in directories of 1000 below `root`, as the owner.
std::string generate(const std::string &root, std::size_t files, uid_t uid, gid_t gid)
{
    std::string error;
    std::thread maker([&] {
        if (!becomeOwnerInThisThread(uid, gid)) {
            error = "cannot take the owner's credentials";
            return;
        }
        for (std::size_t made = 0; made < files && error.empty();) {
            const std::string directory = root + "/d" + std::to_string(made / FilesPerDirectory);
            if (::mkdir(directory.c_str(), 0755) != 0) {
                error = "mkdir " + directory + ": " + std::strerror(errno);
                return;
            }
            const int directoryFd = ::open(directory.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
            for (std::size_t i = 0; i < FilesPerDirectory && made < files; ++i, ++made) {
                const int fd = ::openat(directoryFd, ("f" + std::to_string(i)).c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
                if (fd < 0) {
                    error = "create in " + directory + ": " + std::strerror(errno);
                    break;
                }
                ::close(fd);
            }
            ::close(directoryFd);
        }
    });
    maker.join();
    return error;
}

struct WalkCount {
    std::size_t entries = 0;
    std::size_t failures = 0;
    int firstError = 0;
};

// Depth-first walk: getdents64 each directory and fstatat every entry.
void walk(int directoryFd, WalkCount &count)
{
    std::vector<char> buffer(65536);
    std::vector<std::string> subdirectories;
    long got = 0;
    while ((got = ::syscall(SYS_getdents64, directoryFd, buffer.data(), buffer.size())) > 0) {
        for (long at = 0; at < got;) {
            const auto *entry = reinterpret_cast<const dirent64 *>(buffer.data() + at);
            at += entry->d_reclen;
            const std::string name = entry->d_name;
            if (name == "." || name == "..") {
                continue;
            }
            struct stat attributes{};
            if (::fstatat(directoryFd, name.c_str(), &attributes, AT_SYMLINK_NOFOLLOW) != 0) {
                ++count.failures;
                count.firstError = count.firstError != 0 ? count.firstError : errno;
                continue;
            }
            ++count.entries;
            if (S_ISDIR(attributes.st_mode)) {
                subdirectories.push_back(name);
            }
        }
    }
    if (got < 0) {
        ++count.failures;
        count.firstError = count.firstError != 0 ? count.firstError : errno;
    }
    for (const std::string &name : subdirectories) {
        const int child = ::openat(directoryFd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (child < 0) {
            ++count.failures;
            count.firstError = count.firstError != 0 ? count.firstError : errno;
            continue;
        }
        walk(child, count);
        ::close(child);
    }
}

WalkCount walkAsOwner(const std::string &root, uid_t uid, gid_t gid)
{
    WalkCount count;
    std::thread walker([&] {
        if (!becomeOwnerInThisThread(uid, gid)) {
            ++count.failures;
            return;
        }
        const int fd = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            ++count.failures;
            count.firstError = errno;
            return;
        }
        walk(fd, count);
        ::close(fd);
    });
    walker.join();
    return count;
}

} // namespace

int runScale(std::size_t files, const Programs &programs, const std::string &base, uid_t uid, gid_t gid)
{
    const std::string source = base + "/scale-source";
    if (::mkdir(source.c_str(), 0755) != 0 && errno != EEXIST) {
        std::fprintf(stderr, "passmirror-bench: mkdir %s: %s\n", source.c_str(), std::strerror(errno));
        return 1;
    }
    // A tmpfs: a million inodes in memory, nothing left on disk afterwards.
    const std::string options = "mode=0755,uid=" + std::to_string(uid) + ",gid=" + std::to_string(gid) + ",nr_inodes=" + std::to_string(files * 2 + 1000);
    if (::mount("passmirror-bench-scale", source.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
        std::fprintf(stderr, "passmirror-bench: mounting a tmpfs on %s: %s\n", source.c_str(), std::strerror(errno));
        return 1;
    }
    struct TmpfsGuard {
        std::string path;
        ~TmpfsGuard()
        {
            ::umount2(path.c_str(), MNT_DETACH);
            ::rmdir(path.c_str());
        }
    } tmpfsGuard{source};

    std::printf("scale: generating %zu files in directories of %zu on a tmpfs...\n", files, FilesPerDirectory);
    std::fflush(stdout);
    auto start = Clock::now();
    if (const std::string error = generate(source, files, uid, gid); !error.empty()) {
        std::fprintf(stderr, "passmirror-bench: %s\n", error.c_str());
        return 1;
    }
    std::printf("scale: generated in %.1f s\n", secondsSince(start));

    Variant mirror({"scale", VariantKind::Mirror, {}, false}, base, source, uid, gid);
    if (const std::string error = mirror.start(programs); !error.empty()) {
        std::fprintf(stderr, "passmirror-bench: %s\n", error.c_str());
        return 1;
    }
    const pid_t server = mirror.serverPid();
    const long limit = fileLimit(server);
    std::printf("scale: mirrored by %s; FUSE server pid %d, RLIMIT_NOFILE soft %ld (inode fd cap: half of it unless --max-inode-fds)\n",
                mirror.command().c_str(),
                server,
                limit);

    std::atomic<bool> done{false};
    std::atomic<long> peakFds{0};
    std::atomic<long> peakRss{0};
    std::thread sampler([&] {
        while (!done.load()) {
            peakFds.store(std::max(peakFds.load(), openFds(server)));
            peakRss.store(std::max(peakRss.load(), residentKiB(server)));
            for (int i = 0; i < 10 && !done.load(); ++i) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
    });

    int status = 0;
    for (const char *pass : {"cold", "warm"}) {
        start = Clock::now();
        const WalkCount count = walkAsOwner(mirror.root(), uid, gid);
        const double seconds = secondsSince(start);
        std::printf(
            "scale: %s walk+stat of the mirror: %zu entries in %.1f s (%.0f entries/s), %zu failures%s%s; "
            "server RSS now %ld KiB, fds now %ld\n",
            pass,
            count.entries,
            seconds,
            seconds > 0 ? static_cast<double>(count.entries) / seconds : 0.0,
            count.failures,
            count.firstError != 0 ? ", first: " : "",
            count.firstError != 0 ? std::strerror(count.firstError) : "",
            residentKiB(server),
            openFds(server));
        std::fflush(stdout);
        const std::size_t expected = files + (files + FilesPerDirectory - 1) / FilesPerDirectory;
        if (count.entries != expected || count.failures != 0) {
            std::printf("scale: FAILED: expected %zu entries and no failures\n", expected);
            status = 1;
        }
    }
    done.store(true);
    sampler.join();
    std::printf("scale: peak server fds %ld (soft limit %ld), peak server RSS %.1f MB (goal < 500 MB)\n",
                peakFds.load(),
                limit,
                static_cast<double>(peakRss.load()) / 1024.0);
    if (limit > 0 && peakFds.load() >= limit) {
        std::printf("scale: FAILED: fds reached the limit\n");
        status = 1;
    }
    mirror.stop();
    return status;
}

} // namespace PassMirror::Bench
