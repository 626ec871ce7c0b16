// SPDX-License-Identifier: GPL-2.0-or-later
// passmirror-soak SECONDS: mirrors under a mixed write load, one after
// another, each ended by a fault: the FUSE server or the supervisor SIGKILLed,
// the source filling up (ENOSPC), or a plain SIGTERM. After each: the mount
// is gone within 2 s, and every file a writer had fsynced and closed is
// intact in the source. Prints the figures (and with --figures FILE writes
// them there too, for a run whose output nobody reads: the suite's);
// exit status 1 at the first failure (with what failed), 0 otherwise.
// Run as root (./dev soak MINUTES).
#include "faultload.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "mountinfo.h"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

enum class Fault {
    KillServer,
    KillSupervisor,
    FillSource,
    Terminate
};
constexpr const char *FaultNames[] = {"server SIGKILL", "supervisor SIGKILL", "source full (ENOSPC)", "SIGTERM"};

struct Totals {
    unsigned long long rounds = 0;
    unsigned long long operations = 0;
    unsigned long long faults[4] = {};
    unsigned long long recovered = 0;
    unsigned long long files = 0;
    unsigned long long bytes = 0;
    long long slowestDetachMs = 0;
};

bool alive(pid_t pid)
{
    return pid > 0 && ::kill(pid, 0) == 0;
}

int fail(const Totals &totals, const std::string &what)
{
    std::fprintf(stderr, "soak: FAILED in round %llu: %s\n", totals.rounds, what.c_str());
    return 1;
}

// Replaces `path` with `text` as a whole (a reader never sees half of it).
bool writeFigures(const std::string &path, const std::string &text)
{
    const std::string temporary = path + ".tmp";
    std::FILE *file = std::fopen(temporary.c_str(), "w");
    if (!file) {
        return false;
    }
    const bool written = std::fputs(text.c_str(), file) >= 0;
    return std::fclose(file) == 0 && written && std::rename(temporary.c_str(), path.c_str()) == 0;
}

std::string format(const char *pattern, auto... values)
{
    char line[512];
    std::snprintf(line, sizeof line, pattern, values...);
    return line;
}

} // namespace

int main(int argc, char **argv)
{
    const long seconds = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 0;
    const bool figuresOption = argc == 4 && std::string(argv[2]) == "--figures";
    if (seconds <= 0 || (argc != 2 && !figuresOption)) {
        std::fprintf(stderr, "usage: passmirror-soak SECONDS [--figures FILE] (as root)\n");
        return 2;
    }
    const std::string figuresPath = figuresOption ? argv[3] : "";
    std::signal(SIGPIPE, SIG_IGN);
    const std::uint64_t seed = std::random_device{}();
    std::mt19937_64 random(seed);
    std::printf("soak: %ld s, seed %llu\n", seconds, static_cast<unsigned long long>(seed));
    std::fflush(stdout);

    Totals totals;
    const auto start = std::chrono::steady_clock::now();
    const auto end = start + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < end) {
        ++totals.rounds;
        const auto fault = static_cast<Fault>(random() % 4);
        MirrorOptions options;
        options.passthrough = random() % 2 ? "auto" : "off";
        MirrorProcess mirror(options);
        if (fault == Fault::FillSource
            && ::mount("tmpfs", mirror.sourcePath().c_str(), "tmpfs", MS_NOSUID | MS_NODEV, "size=2M,uid=1000,gid=1000,mode=0755") != 0) {
            return fail(totals, "cannot mount a small tmpfs source");
        }
        if (!mirror.start()) {
            return fail(totals, "start: " + mirror.errorString());
        }
        const std::string journals = mirror.scratchPath() + "/journals";
        if (::mkdir(journals.c_str(), 0700) != 0 || ::chown(journals.c_str(), Tester.uid, Tester.gid) != 0) {
            return fail(totals, "cannot make the journal directory");
        }
        WriterLoad load(mirror.mountPoint(), journals, Tester, seed + totals.rounds);
        if (!load.start(4)) {
            return fail(totals, "cannot start writers");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200 + random() % 1300));

        const pid_t server = mirror.serverPid();
        const auto injected = std::chrono::steady_clock::now();
        switch (fault) {
        case Fault::KillServer:
            ::kill(server, SIGKILL);
            break;
        case Fault::KillSupervisor:
            mirror.signal(SIGKILL);
            break;
        case Fault::FillSource:
            // The writers have hit ENOSPC by now (2 MiB fill in well under
            // 200 ms) and stopped; the daemon must still be there.
            load.stop();
            if (!alive(server) || !mirror.isMounted()) {
                return fail(totals, "the daemon did not survive ENOSPC");
            }
            mirror.signal(SIGTERM);
            break;
        case Fault::Terminate:
            load.stop(); // SIGTERM detaches; open files would keep the server
            mirror.signal(SIGTERM);
            break;
        }
        ++totals.faults[static_cast<int>(fault)];
        if (!waitForMountState(mirror.mountPoint(), false, 2000)) {
            return fail(totals, std::string("mount still there 2 s after ") + FaultNames[static_cast<int>(fault)]);
        }
        totals.slowestDetachMs =
            std::max<long long>(totals.slowestDetachMs,
                                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - injected).count());
        ++totals.recovered;
        load.stop();
        mirror.waitForExit(5s);
        const LoadFigures figures = load.figures();
        const VerifyFigures verified = load.verify(mirror.sourcePath());
        if (!verified.problems.empty()) {
            return fail(totals, "lost data: " + join(verified.problems));
        }
        totals.operations += figures.operations;
        totals.files += verified.files;
        totals.bytes += verified.bytes;
        if (totals.rounds % 20 == 0) {
            std::printf("soak: %llu rounds, %llu operations, %llu bytes verified so far\n", totals.rounds, totals.operations, totals.bytes);
            std::fflush(stdout);
        }
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string figures = format("soak: done in %.0f s: %llu rounds (mirrors), seed %llu\n", elapsed, totals.rounds, static_cast<unsigned long long>(seed));
    figures += format("  operations done:  %llu (%.0f/s)\n", totals.operations, totals.operations / elapsed);
    figures += format("  faults injected:  %llu (server SIGKILL %llu, supervisor SIGKILL %llu, ENOSPC %llu, SIGTERM %llu)\n",
                      totals.faults[0] + totals.faults[1] + totals.faults[2] + totals.faults[3],
                      totals.faults[0],
                      totals.faults[1],
                      totals.faults[2],
                      totals.faults[3]);
    figures += format("  mounts recovered: %llu (every mount gone within 2 s; slowest %lld ms)\n", totals.recovered, totals.slowestDetachMs);
    figures += format("  bytes verified:   %llu in %llu files fsynced and closed before the fault, all intact\n", totals.bytes, totals.files);
    std::fputs(figures.c_str(), stdout);
    if (!figuresPath.empty()) {
        if (!writeFigures(figuresPath, figures)) {
            std::fprintf(stderr, "soak: cannot write the figures to %s\n", figuresPath.c_str());
            return 1;
        }
        std::printf("soak: figures written to %s\n", figuresPath.c_str());
    }
    return 0;
}
