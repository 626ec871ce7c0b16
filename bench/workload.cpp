// SPDX-License-Identifier: GPL-2.0-or-later
#include "workload.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <latch>
#include <memory>
#include <mutex>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <thread>
#include <unistd.h>

namespace PassMirror::Bench
{

namespace
{

using Clock = std::chrono::steady_clock;
constexpr std::size_t ChunkBytes = 1u << 20;
constexpr std::size_t BlockBytes = 4096;

std::string directoryOf(const std::string &root, int index)
{
    return root + "/t" + std::to_string(index);
}

std::string fileOf(const std::string &root, int directory, int file)
{
    return directoryOf(root, directory) + "/f" + std::to_string(file);
}

// A small fast generator: the offsets only need to defeat read-ahead.
struct XorShift {
    std::uint64_t state;
    std::uint64_t next()
    {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    }
};

std::string errnoText(const std::string &what)
{
    return what + ": " + std::strerror(errno);
}

// Reads [offset, offset + length) of `fd` in chunks; false on a short or failed read.
bool readRange(int fd, std::vector<char> &buffer, off_t offset, std::size_t length)
{
    while (length > 0) {
        const ssize_t got = ::pread(fd, buffer.data(), std::min(length, buffer.size()), offset);
        if (got <= 0) {
            return false;
        }
        offset += got;
        length -= static_cast<std::size_t>(got);
    }
    return true;
}

// What one worker thread reports.
struct WorkerResult {
    double units = 0; // bytes or operations
    Clock::time_point end;
    std::string error;
};

// The body of one worker: prepare() runs before the start signal (as the
// owner), work(stop) runs after it and returns units done or sets error.
struct Worker {
    std::function<bool(std::string &)> prepare;
    std::function<double(const std::atomic<bool> &, std::string &)> work;
    std::function<void()> finish;
};

// Starts the workers, lines them up, lets them go at once; time-bounded
// workloads are told to stop after `seconds` (fixed-work ones ignore it).
double runWorkers(std::vector<Worker> &workers, const RunSettings &settings, bool timeBounded, bool perSecond, std::string &error)
{
    const auto count = static_cast<std::ptrdiff_t>(workers.size());
    std::latch prepared(count);
    std::atomic<bool> go{false};
    std::atomic<bool> stop{false};
    std::vector<WorkerResult> results(workers.size());
    std::vector<std::thread> threads;
    threads.reserve(workers.size());
    for (std::size_t i = 0; i < workers.size(); ++i) {
        threads.emplace_back([&, i] {
            WorkerResult &result = results[i];
            if (!becomeOwnerInThisThread(settings.uid, settings.gid)) {
                result.error = errnoText("cannot take the owner's credentials");
            } else if (workers[i].prepare && !workers[i].prepare(result.error) && result.error.empty()) {
                result.error = "preparation failed";
            }
            prepared.count_down();
            go.wait(false);
            if (result.error.empty()) {
                result.units = workers[i].work(stop, result.error);
            }
            result.end = Clock::now();
            if (workers[i].finish) {
                workers[i].finish();
            }
        });
    }
    prepared.wait();
    const auto start = Clock::now();
    go.store(true);
    go.notify_all();
    if (timeBounded) {
        std::this_thread::sleep_for(std::chrono::duration<double>(settings.seconds));
        stop.store(true);
    }
    for (std::thread &thread : threads) {
        thread.join();
    }
    double units = 0;
    auto end = start;
    for (const WorkerResult &result : results) {
        if (!result.error.empty()) {
            error = result.error;
            return -1;
        }
        units += result.units;
        end = std::max(end, result.end);
    }
    const double seconds = std::chrono::duration<double>(end - start).count();
    if (!perSecond) {
        return seconds;
    }
    return seconds > 0 ? units / seconds : -1;
}

// Sequential read of this thread's slice of seq.dat: once (cold) or over and over (warm).
Worker sequentialReader(const std::string &root, int index, int threads, const RunSettings &settings, bool warm)
{
    auto fd = std::make_shared<int>(-1);
    auto buffer = std::make_shared<std::vector<char>>(ChunkBytes);
    const std::size_t slice = settings.shape.dataBytes / static_cast<std::size_t>(threads);
    const off_t offset = static_cast<off_t>(slice) * index;
    Worker worker;
    worker.prepare = [=](std::string &error) {
        *fd = ::open((root + "/seq.dat").c_str(), O_RDONLY | O_CLOEXEC);
        if (*fd < 0) {
            error = errnoText("open seq.dat");
            return false;
        }
        if (warm && !readRange(*fd, *buffer, offset, slice)) {
            error = errnoText("warming seq.dat");
            return false;
        }
        return true;
    };
    worker.work = [=](const std::atomic<bool> &stop, std::string &error) {
        double bytes = 0;
        do {
            if (!readRange(*fd, *buffer, offset, slice)) {
                error = errnoText("read seq.dat");
                return 0.0;
            }
            bytes += static_cast<double>(slice);
        } while (warm && !stop.load(std::memory_order_relaxed));
        return bytes;
    };
    worker.finish = [=] {
        if (*fd >= 0) {
            ::close(*fd);
        }
    };
    return worker;
}

Worker sequentialWriter(const std::string &root, int index, int threads, const RunSettings &settings)
{
    auto fd = std::make_shared<int>(-1);
    const std::size_t slice = settings.shape.dataBytes / static_cast<std::size_t>(threads);
    const std::string path = root + "/w" + std::to_string(index) + ".dat";
    Worker worker;
    worker.prepare = [=](std::string &) {
        return true;
    };
    worker.work = [=](const std::atomic<bool> &, std::string &error) {
        std::vector<char> buffer(ChunkBytes, static_cast<char>(0x5a + index));
        *fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (*fd < 0) {
            error = errnoText("create " + path);
            return 0.0;
        }
        std::size_t left = slice;
        while (left > 0) {
            const ssize_t put = ::write(*fd, buffer.data(), std::min(left, buffer.size()));
            if (put <= 0) {
                error = errnoText("write " + path);
                return 0.0;
            }
            left -= static_cast<std::size_t>(put);
        }
        if (::fsync(*fd) != 0) {
            error = errnoText("fsync " + path);
            return 0.0;
        }
        return static_cast<double>(slice);
    };
    worker.finish = [=] {
        if (*fd >= 0) {
            ::close(*fd);
        }
    };
    return worker;
}

// 4 KiB at random aligned offsets of rand.dat (read after warming it, or write).
Worker randomBlocks(const std::string &root, int index, int threads, const RunSettings &settings, bool write)
{
    auto fd = std::make_shared<int>(-1);
    const std::size_t blocks = settings.shape.dataBytes / BlockBytes;
    Worker worker;
    worker.prepare = [=](std::string &error) {
        *fd = ::open((root + "/rand.dat").c_str(), (write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
        if (*fd < 0) {
            error = errnoText("open rand.dat");
            return false;
        }
        std::vector<char> buffer(ChunkBytes);
        const std::size_t slice = settings.shape.dataBytes / static_cast<std::size_t>(threads);
        if (!write && !readRange(*fd, buffer, static_cast<off_t>(slice) * index, slice)) {
            error = errnoText("warming rand.dat");
            return false;
        }
        return true;
    };
    worker.work = [=](const std::atomic<bool> &stop, std::string &error) {
        alignas(4096) static thread_local char block[BlockBytes];
        std::memset(block, 0x33 + index, sizeof block);
        XorShift random{0x9e3779b97f4a7c15ull * static_cast<std::uint64_t>(index + 1)};
        double operations = 0;
        while (!stop.load(std::memory_order_relaxed)) {
            const off_t offset = static_cast<off_t>((random.next() % blocks) * BlockBytes);
            const ssize_t done = write ? ::pwrite(*fd, block, BlockBytes, offset) : ::pread(*fd, block, BlockBytes, offset);
            if (done != static_cast<ssize_t>(BlockBytes)) {
                error = errnoText(write ? "pwrite rand.dat" : "pread rand.dat");
                return 0.0;
            }
            ++operations;
        }
        return operations;
    };
    worker.finish = [=] {
        if (*fd >= 0) {
            ::close(*fd);
        }
    };
    return worker;
}

// The metadata workloads: one operation, repeated on this thread's directory.
Worker metadataLoop(Workload workload, const std::string &root, int index, const RunSettings &settings)
{
    const std::string directory = directoryOf(root, index);
    const int files = settings.shape.filesPerDirectory;
    Worker worker;
    worker.work = [=](const std::atomic<bool> &stop, std::string &error) {
        // Names made before the loop, so the figure is the filesystem's, not snprintf's.
        std::vector<std::string> names;
        names.reserve(static_cast<std::size_t>(files));
        for (int k = 0; k < files; ++k) {
            names.push_back(fileOf(root, index, k));
        }
        const std::string fresh = directory + "/c";
        const std::string renames[2] = {directory + "/r0", directory + "/r1"};
        std::vector<char> entries(32768);
        double operations = 0;
        std::size_t k = 0;
        while (!stop.load(std::memory_order_relaxed)) {
            switch (workload) {
            case Workload::OpenClose: {
                const int fd = ::open(names[k % names.size()].c_str(), O_RDONLY | O_CLOEXEC);
                if (fd < 0) {
                    error = errnoText("open " + names[k % names.size()]);
                    return 0.0;
                }
                ::close(fd);
                break;
            }
            case Workload::Stat: {
                struct stat attributes{};
                if (::stat(names[k % names.size()].c_str(), &attributes) != 0) {
                    error = errnoText("stat " + names[k % names.size()]);
                    return 0.0;
                }
                break;
            }
            case Workload::CreateUnlink: {
                const int fd = ::open(fresh.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
                if (fd < 0) {
                    error = errnoText("create " + fresh);
                    return 0.0;
                }
                ::close(fd);
                if (::unlink(fresh.c_str()) != 0) {
                    error = errnoText("unlink " + fresh);
                    return 0.0;
                }
                break;
            }
            case Workload::Readdir: {
                const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
                if (fd < 0) {
                    error = errnoText("open " + directory);
                    return 0.0;
                }
                long got = 0;
                long seen = 0;
                while ((got = ::syscall(SYS_getdents64, fd, entries.data(), entries.size())) > 0) {
                    for (long at = 0; at < got;) {
                        const auto *entry = reinterpret_cast<const dirent64 *>(entries.data() + at);
                        at += entry->d_reclen;
                        ++seen;
                    }
                }
                ::close(fd);
                if (got < 0 || seen < files) {
                    error = got < 0 ? errnoText("getdents " + directory) : directory + " listed " + std::to_string(seen) + " entries";
                    return 0.0;
                }
                break;
            }
            case Workload::Rename:
                if (::rename(renames[k % 2].c_str(), renames[(k + 1) % 2].c_str()) != 0) {
                    error = errnoText("rename " + renames[k % 2]);
                    return 0.0;
                }
                break;
            default:
                error = "not a metadata workload";
                return 0.0;
            }
            ++operations;
            ++k;
        }
        // The rename pair ends where it started, so the next run finds r0.
        if (workload == Workload::Rename && k % 2 == 1 && ::rename(renames[1].c_str(), renames[0].c_str()) != 0) {
            error = errnoText("rename back " + renames[1]);
        }
        return operations;
    };
    return worker;
}

bool writeFile(const std::string &path, std::size_t bytes, bool sparse, std::string &error)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        error = errnoText("create " + path);
        return false;
    }
    bool ok = true;
    if (sparse) {
        ok = ::ftruncate(fd, static_cast<off_t>(bytes)) == 0;
    } else {
        std::vector<char> buffer(ChunkBytes);
        for (std::size_t i = 0; i < buffer.size(); ++i) {
            buffer[i] = static_cast<char>(i * 131 + 7);
        }
        for (std::size_t left = bytes; ok && left > 0;) {
            const ssize_t put = ::write(fd, buffer.data(), std::min(left, buffer.size()));
            ok = put > 0;
            left -= ok ? static_cast<std::size_t>(put) : 0;
        }
    }
    if (!ok) {
        error = errnoText("fill " + path);
    }
    ::close(fd);
    return ok;
}

} // namespace

const std::vector<WorkloadInfo> &allWorkloads()
{
    static const std::vector<WorkloadInfo> workloads = {
        {Workload::SeqReadCold, "seq-read-cold", "MB/s", false},
        {Workload::SeqReadWarm, "seq-read-warm", "MB/s", false},
        {Workload::SeqWriteFsync, "seq-write-fsync", "MB/s", false},
        {Workload::RandRead4k, "rand-read-4k", "IOPS", false},
        {Workload::RandWrite4k, "rand-write-4k", "IOPS", false},
        {Workload::OpenClose, "open-close", "ops/s", true},
        {Workload::Stat, "stat", "ops/s", true},
        {Workload::CreateUnlink, "create-close-unlink", "ops/s", true},
        {Workload::Readdir, "readdir", "lists/s", true},
        {Workload::Rename, "rename", "ops/s", true},
    };
    return workloads;
}

bool becomeOwnerInThisThread(uid_t uid, gid_t gid)
{
    if (::geteuid() != 0) {
        return ::geteuid() == uid;
    }
    return ::syscall(SYS_setgroups, 0, nullptr) == 0 && ::syscall(SYS_setresgid, gid, gid, gid) == 0 && ::syscall(SYS_setresuid, uid, uid, uid) == 0;
}

bool dropCaches()
{
    ::sync();
    const int fd = ::open("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    const bool ok = ::write(fd, "3\n", 2) == 2;
    ::close(fd);
    return ok;
}

std::string createTree(const std::string &root, const RunSettings &settings, bool sparseData)
{
    std::string error;
    std::thread builder([&] {
        if (!becomeOwnerInThisThread(settings.uid, settings.gid)) {
            error = errnoText("cannot take the owner's credentials");
            return;
        }
        for (int d = 0; d < settings.shape.directories && error.empty(); ++d) {
            const std::string directory = directoryOf(root, d);
            if (::mkdir(directory.c_str(), 0755) != 0 && errno != EEXIST) {
                error = errnoText("mkdir " + directory);
                return;
            }
            for (int f = 0; f < settings.shape.filesPerDirectory; ++f) {
                const std::string file = fileOf(root, d, f);
                const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
                if (fd < 0) {
                    error = errnoText("create " + file);
                    return;
                }
                ::close(fd);
            }
            if (!writeFile(directory + "/r0", 0, true, error)) {
                return;
            }
        }
        if (writeFile(root + "/seq.dat", settings.shape.dataBytes, sparseData, error)) {
            (void)writeFile(root + "/rand.dat", settings.shape.dataBytes, sparseData, error);
        }
    });
    builder.join();
    return error;
}

double measure(Workload workload, const std::string &root, int threads, const RunSettings &settings, std::string &error)
{
    threads = std::clamp(threads, 1, settings.shape.directories);
    std::vector<Worker> workers;
    bool timeBounded = true;
    for (int i = 0; i < threads; ++i) {
        switch (workload) {
        case Workload::SeqReadCold:
        case Workload::SeqReadWarm:
            workers.push_back(sequentialReader(root, i, threads, settings, workload == Workload::SeqReadWarm));
            timeBounded = workload == Workload::SeqReadWarm;
            break;
        case Workload::SeqWriteFsync:
            workers.push_back(sequentialWriter(root, i, threads, settings));
            timeBounded = false;
            break;
        case Workload::RandRead4k:
        case Workload::RandWrite4k:
            workers.push_back(randomBlocks(root, i, threads, settings, workload == Workload::RandWrite4k));
            break;
        default:
            workers.push_back(metadataLoop(workload, root, i, settings));
            break;
        }
    }
    if (workload == Workload::SeqReadCold && !dropCaches()) {
        error = errnoText("cannot drop caches (the bench must run as root)");
        return -1;
    }
    const double figure = runWorkers(workers, settings, timeBounded, true, error);
    if (figure > 0 && (workload == Workload::SeqReadCold || workload == Workload::SeqReadWarm || workload == Workload::SeqWriteFsync)) {
        return figure / 1e6; // MB/s
    }
    return figure;
}

} // namespace PassMirror::Bench
