// SPDX-License-Identifier: GPL-2.0-or-later
// passmirror-bench: in one run on one machine, the native directory, the
// mirror with kernel passthrough on and off, bindfs, mergerfs and the floor
// daemon, each figure measured round after round with the variants
// interleaved (A B C A B C ...). See docs/PERFORMANCE.md for the method.
#include "mountlatency.h"
#include "process.h"
#include "realworkload.h"
#include "results.h"
#include "scale.h"
#include "useridentity.h"
#include "variant.h"
#include "workload.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace PassMirror::Bench;
using PassMirror::lookupUser;
using PassMirror::UserIdentity;

namespace
{

struct Options {
    bool quick = false;
    int rounds = 5;
    double seconds = 0.4;
    std::size_t dataMiB = 64;
    int files = 1000;
    std::vector<int> threads = {1, 8};
    std::string json;
    std::string base = "/var/tmp/passmirror-bench";
    std::string user = "tester";
    Programs programs;
    std::vector<std::string> only; // variant names; empty: all
    std::vector<std::string> figures; // workload names; empty: all
    bool peers = true;
    bool mountLatency = true;
    std::size_t scale = 0;
    bool real = true; // the real workloads (realworkload.h)
    bool microFigures = true; // the micro figures
    int realRounds = 3;
    int treeEntries = 20000;
};

const char *usageText =
    "Usage: passmirror-bench [OPTIONS]   (as root)\n"
    "Compares native, the mirror (passthrough on and off), bindfs, mergerfs and the floor daemon.\n"
    "  --quick                 1 round, small sizes, short runs (the ctest)\n"
    "  --rounds=N              rounds of interleaved variants (default 5)\n"
    "  --seconds=S             length of each time-bounded measurement (default 0.4)\n"
    "  --size-mib=N            size of the data files (default 64)\n"
    "  --files=N               files per thread directory (default 1000; readdir lists them)\n"
    "  --threads=1,8           thread counts\n"
    "  --json=FILE             write every sample and summary as JSON\n"
    "  --dir=DIR               scratch directory (default /var/tmp/passmirror-bench; removed after)\n"
    "  --user=NAME             owner of the mirrors and of the workloads (default tester)\n"
    "  --daemon=PATH           passmirrord to measure (default: this build's)\n"
    "  --daemon-arg=ARG        extra passmirrord argument (repeatable), e.g. --daemon-arg=--io-uring=on\n"
    "  --alt-daemon=PATH       also measure this passmirrord (variants mirror-pt-on-alt, mirror-pt-off-alt),\n"
    "                          e.g. one built with -DPASSMIRROR_COUNTERS=OFF\n"
    "  --floor=PATH            the floor daemon (default: this build's)\n"
    "  --floor-arg=ARG         extra floor daemon argument (repeatable), e.g. --floor-arg=--io-uring=on\n"
    "  --only=a,b              only these variants (native, mirror-pt-on, mirror-pt-on-shared, mirror-pt-on-1s\n"
    "                          (--source-watch=off), mirror-pt-on-noact (--no-activity), mirror-pt-off,\n"
    "                          bindfs, mergerfs, floor)\n"
    "  --figures=a,b           only these figures (seq-read-cold, open-close, readdir, ...)\n"
    "  --no-peers              leave out bindfs and mergerfs\n"
    "  --no-mount-latency      do not measure mount latency\n"
    "  --no-real               leave out the real workloads (tar, rsync, find, git, make)\n"
    "  --real-only             only the real workloads (no micro figures, no mount latency)\n"
    "  --real-rounds=N         rounds of the real workloads (default 3; 1 with --quick)\n"
    "  --tree-entries=N        entries of the real workloads' tree (default 20000; 1500 with --quick)\n"
    "  --scale=N               instead: mirror a generated tree of N files, walk and stat it, print fds and RSS\n";

std::vector<std::string> splitComma(std::string_view text)
{
    std::vector<std::string> parts;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        parts.emplace_back(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    }
    return parts;
}

bool parseOptions(int argc, char **argv, Options &options, std::string &error)
{
    options.programs.daemon = PASSMIRRORD_PATH;
    options.programs.floor = PASSMIRROR_FLOOR_PATH;
    bool roundsGiven = false;
    bool realRoundsGiven = false;
    bool treeEntriesGiven = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        const auto value = [&](std::string_view name) -> std::optional<std::string> {
            if (argument.size() > name.size() + 1 && argument.starts_with(name) && argument[name.size()] == '=') {
                return std::string(argument.substr(name.size() + 1));
            }
            return std::nullopt;
        };
        try {
            if (argument == "--quick") {
                options.quick = true;
            } else if (argument == "--no-peers") {
                options.peers = false;
            } else if (argument == "--no-mount-latency") {
                options.mountLatency = false;
            } else if (argument == "--help") {
                std::fputs(usageText, stdout);
                std::exit(0);
            } else if (auto v = value("--rounds")) {
                options.rounds = std::stoi(*v);
                roundsGiven = true;
            } else if (auto v = value("--seconds")) {
                options.seconds = std::stod(*v);
            } else if (auto v = value("--size-mib")) {
                options.dataMiB = std::stoul(*v);
            } else if (auto v = value("--files")) {
                options.files = std::stoi(*v);
            } else if (auto v = value("--threads")) {
                options.threads.clear();
                for (const std::string &part : splitComma(*v)) {
                    options.threads.push_back(std::stoi(part));
                }
            } else if (auto v = value("--json")) {
                options.json = *v;
            } else if (auto v = value("--dir")) {
                options.base = *v;
            } else if (auto v = value("--user")) {
                options.user = *v;
            } else if (auto v = value("--daemon")) {
                options.programs.daemon = *v;
            } else if (auto v = value("--daemon-arg")) {
                options.programs.daemonArguments.push_back(*v);
            } else if (auto v = value("--alt-daemon")) {
                options.programs.alternativeDaemon = *v;
            } else if (auto v = value("--floor")) {
                options.programs.floor = *v;
            } else if (auto v = value("--floor-arg")) {
                options.programs.floorArguments.push_back(*v);
            } else if (auto v = value("--only")) {
                options.only = splitComma(*v);
            } else if (auto v = value("--figures")) {
                options.figures = splitComma(*v);
            } else if (argument == "--no-real") {
                options.real = false;
            } else if (argument == "--real-only") {
                options.microFigures = false;
                options.mountLatency = false;
            } else if (auto v = value("--real-rounds")) {
                options.realRounds = std::stoi(*v);
                realRoundsGiven = true;
            } else if (auto v = value("--tree-entries")) {
                options.treeEntries = std::stoi(*v);
                treeEntriesGiven = true;
            } else if (auto v = value("--scale")) {
                options.scale = std::stoul(*v);
            } else {
                error = "unknown argument " + std::string(argument);
                return false;
            }
        } catch (const std::exception &) {
            error = "not a number in " + std::string(argument);
            return false;
        }
    }
    if (options.quick) {
        options.rounds = roundsGiven ? options.rounds : 1;
        options.seconds = std::min(options.seconds, 0.1);
        options.dataMiB = std::min<std::size_t>(options.dataMiB, 8);
        options.files = std::min(options.files, 100);
        options.realRounds = realRoundsGiven ? options.realRounds : 1;
        options.treeEntries = treeEntriesGiven ? options.treeEntries : 1500;
    }
    if (options.realRounds < 1 || options.treeEntries < 100) {
        error = "--real-rounds must be positive and --tree-entries at least 100";
        return false;
    }
    if (options.rounds < 1 || options.seconds <= 0 || options.dataMiB < 1 || options.files < 1 || options.threads.empty()) {
        error = "rounds, seconds, size and files must be positive and --threads not empty";
        return false;
    }
    for (const std::string &figure : options.figures) {
        const auto &known = allWorkloads();
        if (std::none_of(known.begin(), known.end(), [&](const WorkloadInfo &workload) {
                return workload.name == figure;
            })) {
            error = "unknown figure " + figure + " in --figures";
            return false;
        }
    }
    for (const int threads : options.threads) {
        if (threads < 1 || threads > 64) {
            error = "thread counts must be between 1 and 64";
            return false;
        }
    }
    return true;
}

std::string nowUtc()
{
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

double loadAverage()
{
    double load = 0;
    std::ifstream("/proc/loadavg") >> load;
    return load;
}

bool wanted(const Options &options, const std::string &name)
{
    if (options.only.empty()) {
        return true;
    }
    return std::find(options.only.begin(), options.only.end(), name) != options.only.end();
}

// Removes the scratch tree (never following symlinks, never crossing a mount).
void removeTree(const std::string &path)
{
    const std::vector<std::string> argv = {"/bin/rm", "-rf", "--one-file-system", path};
    const Started started = startProgram(argv, false, false, std::chrono::minutes(5));
    if (!started.error.empty()) {
        std::fprintf(stderr, "passmirror-bench: cannot remove %s: %s\n", path.c_str(), started.error.c_str());
    }
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    std::string error;
    if (!parseOptions(argc, argv, options, error)) {
        std::fprintf(stderr, "passmirror-bench: %s\n%s", error.c_str(), usageText);
        return 2;
    }
    if (::geteuid() != 0) {
        std::fprintf(stderr, "passmirror-bench: must run as root (it mounts, drops caches and acts as --user)\n");
        return 2;
    }
    const std::optional<UserIdentity> owner = lookupUser(options.user);
    if (!owner) {
        std::fprintf(stderr, "passmirror-bench: no user %s (see --user)\n", options.user.c_str());
        return 2;
    }
    const uid_t uid = owner->uid;
    const gid_t gid = owner->gid;
    if (::mkdir(options.base.c_str(), 0755) != 0) {
        std::fprintf(stderr, "passmirror-bench: cannot make %s: %s (remove a leftover first)\n", options.base.c_str(), std::strerror(errno));
        return 2;
    }
    struct ScratchGuard {
        std::string path;
        ~ScratchGuard()
        {
            removeTree(path);
        }
    } scratchGuard{options.base};

    if (options.scale > 0) {
        return runScale(options.scale, options.programs, options.base, uid, gid);
    }

    options.programs.bindfs = findInPath("bindfs").value_or("");
    options.programs.mergerfs = findInPath("mergerfs").value_or("");

    RunInfo info;
    info.startedAt = nowUtc();
    utsname system{};
    ::uname(&system);
    info.kernel = std::string(system.release);
    info.cpus = static_cast<int>(std::thread::hardware_concurrency());
    info.loadAverage = loadAverage();
    info.rounds = options.microFigures ? options.rounds : options.realRounds;
    info.quick = options.quick;
    info.scratch = options.base;
    const auto runStart = std::chrono::steady_clock::now();

    RunSettings settings;
    settings.uid = uid;
    settings.gid = gid;
    settings.seconds = options.seconds;
    settings.shape.filesPerDirectory = options.files;
    settings.shape.dataBytes = options.dataMiB << 20;
    settings.shape.directories = *std::max_element(options.threads.begin(), options.threads.end());

    const std::string source = options.base + "/source";
    if (::mkdir(source.c_str(), 0755) != 0 || ::chown(source.c_str(), uid, gid) != 0) {
        std::fprintf(stderr, "passmirror-bench: cannot make %s: %s\n", source.c_str(), std::strerror(errno));
        return 1;
    }
    // The micro figures' tree; the real workloads make their own.
    if (options.microFigures) {
        std::fprintf(stderr,
                     "passmirror-bench: making the tree (%d dirs x %d files, 2 x %zu MiB) in %s\n",
                     settings.shape.directories,
                     settings.shape.filesPerDirectory,
                     options.dataMiB,
                     source.c_str());
        if (const std::string problem = createTree(source, settings, false); !problem.empty()) {
            std::fprintf(stderr, "passmirror-bench: %s\n", problem.c_str());
            return 1;
        }
    }

    std::optional<MountLatency> latency;
    if (options.mountLatency && wanted(options, "mirror-pt-on")) {
        std::fprintf(stderr, "passmirror-bench: mount latency (1 cold, %d warm)\n", options.quick ? 2 : 10);
        latency = measureMountLatency(options.programs, options.base, source, uid, gid, options.quick ? 2 : 10, error);
        if (!error.empty()) {
            std::fprintf(stderr, "passmirror-bench: mount latency: %s\n", error.c_str());
            return 1;
        }
    }

    std::vector<VariantSpec> specs = {
        {"native", VariantKind::Native, {}, false},
        {"mirror-pt-on", VariantKind::Mirror, {"--passthrough=on"}, false},
        {"mirror-pt-on-shared", VariantKind::Mirror, {"--passthrough=on", "--shared"}, false},
        // The source watch's lever: the same mirror with the kernel's caches
        // kept 1 s instead of pushed invalidations.
        {"mirror-pt-on-1s", VariantKind::Mirror, {"--passthrough=on", "--source-watch=off"}, false},
        // What the activity ring costs: the same mirror with counters only.
        {"mirror-pt-on-noact", VariantKind::Mirror, {"--passthrough=on", "--no-activity"}, false},
        {"mirror-pt-off", VariantKind::Mirror, {"--passthrough=off"}, false},
    };
    if (!options.programs.alternativeDaemon.empty()) {
        specs.push_back({"mirror-pt-on-alt", VariantKind::Mirror, {"--passthrough=on"}, true});
        specs.push_back({"mirror-pt-off-alt", VariantKind::Mirror, {"--passthrough=off"}, true});
    }
    specs.push_back({"bindfs", VariantKind::Bindfs, {}, false});
    specs.push_back({"mergerfs", VariantKind::Mergerfs, {}, false});
    specs.push_back({"floor", VariantKind::Floor, {}, false});
    std::vector<std::unique_ptr<Variant>> variants;
    for (const VariantSpec &spec : specs) {
        if (!wanted(options, spec.name)) {
            continue;
        }
        const bool peer = spec.kind == VariantKind::Bindfs || spec.kind == VariantKind::Mergerfs;
        if (peer && !options.peers) {
            info.skipped.push_back(spec.name + ": --no-peers");
            continue;
        }
        if ((spec.kind == VariantKind::Bindfs && options.programs.bindfs.empty())
            || (spec.kind == VariantKind::Mergerfs && options.programs.mergerfs.empty())) {
            info.skipped.push_back(spec.name + ": not installed");
            std::fprintf(stderr, "passmirror-bench: %s is not installed; left out\n", spec.name.c_str());
            continue;
        }
        auto variant = std::make_unique<Variant>(spec, options.base, source, uid, gid);
        if (const std::string problem = variant->start(options.programs); !problem.empty()) {
            std::fprintf(stderr, "passmirror-bench: %s\n", problem.c_str());
            return 1;
        }
        if (spec.kind == VariantKind::Floor && options.microFigures) {
            if (const std::string problem = createTree(variant->root(), settings, true); !problem.empty()) {
                std::fprintf(stderr, "passmirror-bench: floor tree: %s\n", problem.c_str());
                return 1;
            }
        }
        info.variants.emplace_back(spec.name, variant->command());
        variants.push_back(std::move(variant));
    }

    Results results;
    std::vector<WorkloadInfo> workloads;
    for (const WorkloadInfo &workload : allWorkloads()) {
        if (options.figures.empty() || std::find(options.figures.begin(), options.figures.end(), workload.name) != options.figures.end()) {
            workloads.push_back(workload);
        }
    }
    if (!options.microFigures) {
        workloads.clear();
    }
    const std::size_t steps = static_cast<std::size_t>(options.rounds) * workloads.size() * options.threads.size();
    std::size_t step = 0;
    for (int round = 1; round <= options.rounds; ++round) {
        for (const WorkloadInfo &workload : workloads) {
            for (const int threads : options.threads) {
                ++step;
                std::string line = "[" + std::to_string(step) + "/" + std::to_string(steps) + "] round " + std::to_string(round) + " "
                    + std::string(workload.name) + " x" + std::to_string(threads) + ":";
                // Each round starts with the next variant: whichever runs
                // first after another figure measured up to 13 % slower
                // than the same daemon run later in the round (an A/A run
                // of open-close x8), which a fixed order charges to one.
                for (std::size_t turn = 0; turn < variants.size(); ++turn) {
                    const auto &variant = variants[(turn + static_cast<std::size_t>(round - 1)) % variants.size()];
                    const double value = measure(workload.workload, variant->root(), threads, settings, error);
                    if (value < 0) {
                        std::fprintf(stderr, "\npassmirror-bench: %s on %s: %s\n", std::string(workload.name).c_str(), variant->name().c_str(), error.c_str());
                        return 1;
                    }
                    results.add(std::string(workload.name), std::string(workload.unit), workload.metadata, threads, variant->name(), value);
                    char figure[96];
                    std::snprintf(figure, sizeof figure, " %s %.4g", variant->name().c_str(), value);
                    line += figure;
                }
                std::fprintf(stderr, "%s %s\n", line.c_str(), std::string(workload.unit).c_str());
            }
        }
    }

    // The real workloads: every variant but the floor (it keeps no data),
    // round after round, the variants in turn.
    std::optional<RealInputs> realInputs;
    RealResults realResults;
    if (options.real) {
        RealSettings real;
        real.uid = uid;
        real.gid = gid;
        real.groups = owner->groups;
        real.treeEntries = options.treeEntries;
        real.repositoryFiles = options.quick ? 200 : 2000;
        real.projectSources = options.quick ? 4 : 24;
        std::fprintf(stderr, "passmirror-bench: making the real workloads' inputs (a tree of about %d entries, a repository, a C project)\n", real.treeEntries);
        realInputs.emplace();
        if (const std::string problem = prepareRealInputs(options.base, real, *realInputs); !problem.empty()) {
            std::fprintf(stderr, "passmirror-bench: %s\n", problem.c_str());
            return 1;
        }
        for (int round = 1; round <= options.realRounds; ++round) {
            for (const auto &variant : variants) {
                if (variant->kind() == VariantKind::Floor) {
                    continue;
                }
                std::fprintf(stderr, "[real %d/%d] %s\n", round, options.realRounds, variant->name().c_str());
                const RealTarget target{variant->name(), variant->root(), source, variant->statsPath()};
                if (const std::string problem = runRealWorkloads(target, *realInputs, real, realResults); !problem.empty()) {
                    std::fprintf(stderr, "passmirror-bench: real workloads: %s\n", problem.c_str());
                    return 1;
                }
            }
        }
    }

    for (auto &variant : variants) {
        variant->stop();
    }
    info.loadAverageAtEnd = loadAverage();
    info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - runStart).count();

    std::printf("passmirror-bench %s, kernel %s, %d CPUs, load %.2f -> %.2f, %d rounds%s, %.0f s\n\n",
                info.startedAt.c_str(),
                info.kernel.c_str(),
                info.cpus,
                info.loadAverage,
                info.loadAverageAtEnd,
                info.rounds,
                info.quick ? " (quick)" : "",
                info.seconds);
    if (!workloads.empty()) {
        std::printf("%s\n", results.table().c_str());
        // Levers measured against their own baseline in the same run.
        std::printf("%s\n", results.comparisonTable({{"mirror-pt-on", "mirror-pt-on-noact"}, {"mirror-pt-on", "mirror-pt-on-1s"}}).c_str());
    }
    if (realInputs) {
        std::printf("%s\n", realResults.table(*realInputs).c_str());
    }
    if (latency) {
        std::printf("%s\n", latencyTable(*latency).c_str());
    }
    for (const std::string &skipped : info.skipped) {
        std::printf("skipped: %s\n", skipped.c_str());
    }
    if (!options.json.empty()) {
        std::ofstream out(options.json);
        out << results.json(info, latency, realInputs ? realResults.json(*realInputs) : std::string());
        if (!out) {
            std::fprintf(stderr, "passmirror-bench: cannot write %s\n", options.json.c_str());
            return 1;
        }
    }
    return 0;
}
