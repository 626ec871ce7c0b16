// SPDX-License-Identifier: GPL-2.0-or-later
#include "realworkload.h"

#include "statsreader.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <ftw.h>
#include <functional>
#include <grp.h>
#include <iterator>
#include <sstream>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace PassMirror::Bench
{

namespace
{

using Clock = std::chrono::steady_clock;

// The tree steps, summed as "tree" (the tar + rsync figure).
const std::vector<std::string> TreeSteps = {"tar-x", "rsync-copy", "rsync-sync-back", "rsync-dry-run"};

// A deterministic sequence, so every run makes the same inputs.
class Sequence
{
public:
    std::uint64_t next()
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return m_state >> 33;
    }
    int below(int bound)
    {
        return static_cast<int>(next() % static_cast<std::uint64_t>(bound));
    }

private:
    std::uint64_t m_state = 0x5eed;
};

// A POSIX ACL as the kernel stores it in system.posix_acl_* (version 2, then
// tag, permissions and id per entry, sorted by tag and id): owner, group and
// others as in `mode`, plus `reader` with `readerPermissions` and a mask.
std::string aclValue(mode_t mode, uid_t reader, unsigned readerPermissions)
{
    struct Entry {
        std::uint16_t tag;
        std::uint16_t permissions;
        std::uint32_t id;
    };
    constexpr std::uint32_t Undefined = 0xffffffffu;
    const Entry entries[] = {
        {0x01, static_cast<std::uint16_t>((mode >> 6) & 7), Undefined}, // user::
        {0x02, static_cast<std::uint16_t>(readerPermissions), reader}, // user:reader:
        {0x04, static_cast<std::uint16_t>((mode >> 3) & 7), Undefined}, // group::
        {0x10, static_cast<std::uint16_t>(((mode >> 3) & 7) | readerPermissions), Undefined}, // mask::
        {0x20, static_cast<std::uint16_t>(mode & 7), Undefined}, // other::
    };
    std::string value;
    const auto put = [&value](auto number) {
        for (std::size_t i = 0; i < sizeof number; ++i) {
            value.push_back(static_cast<char>((static_cast<std::uint64_t>(number) >> (8 * i)) & 0xff));
        }
    };
    put(std::uint32_t{2});
    for (const Entry &entry : entries) {
        put(entry.tag);
        put(entry.permissions);
        put(entry.id);
    }
    return value;
}

bool writeText(const std::string &path, const std::string &text)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return false;
    }
    const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
    return ::close(fd) == 0 && ok;
}

// Text-like content of `size` bytes that differs from file to file.
std::string contentOf(const std::string &name, std::size_t size, int version = 1)
{
    std::string text;
    text.reserve(size + 64);
    for (int line = 0; text.size() < size; ++line) {
        text += "/* " + name + " v" + std::to_string(version) + " line " + std::to_string(line) + " */ int value_" + std::to_string(line) + " = "
            + std::to_string(line * 7 + version) + ";\n";
    }
    text.resize(size);
    return text;
}

// The tree: directories two deep, files of mixed sizes (most small, a few
// up to 2 MiB), symlinks, hard links across directories, user xattrs on
// every tenth file, an access ACL on every 33rd file and a default ACL on
// every 20th directory. Runs as the owner. False on the first failure.
bool makeTree(const std::string &root, int entries, uid_t aclUser)
{
    Sequence random;
    const int directories = std::max(4, entries / 25);
    const int filesPerDirectory = std::max(1, (entries - directories) * 90 / 100 / directories);
    if (::mkdir(root.c_str(), 0755) != 0) {
        return false;
    }
    std::vector<std::string> files;
    std::string lastTop;
    for (int d = 0; d < directories; ++d) {
        const std::string top = root + "/pkg" + std::to_string(d / 8);
        if (top != lastTop && ::mkdir(top.c_str(), 0755) != 0) {
            return false;
        }
        lastTop = top;
        const std::string directory = top + "/mod" + std::to_string(d % 8);
        if (::mkdir(directory.c_str(), 0755) != 0) {
            return false;
        }
        if (d % 20 == 0) {
            const std::string acl = aclValue(0755, aclUser, 5);
            if (::setxattr(directory.c_str(), "system.posix_acl_default", acl.data(), acl.size(), 0) != 0) {
                return false;
            }
        }
        static const char *const suffixes[] = {".c", ".h", ".py", ".pl", ".txt", ".json"};
        for (int f = 0; f < filesPerDirectory; ++f) {
            const std::string name = "file" + std::to_string(f) + suffixes[f % 6];
            const std::string path = directory + "/" + name;
            const int sizeClass = random.below(100);
            std::size_t size = 0;
            if (sizeClass < 60) {
                size = static_cast<std::size_t>(random.below(2048));
            } else if (sizeClass < 90) {
                size = 2048 + static_cast<std::size_t>(random.below(30 * 1024));
            } else if (sizeClass < 99) {
                size = 32 * 1024 + static_cast<std::size_t>(random.below(224 * 1024));
            } else {
                size = 256 * 1024 + static_cast<std::size_t>(random.below(1792 * 1024));
            }
            if (!writeText(path, contentOf(name, size))) {
                return false;
            }
            if (random.below(10) == 0) {
                const std::string origin = "bench:" + name;
                if (::setxattr(path.c_str(), "user.origin", origin.data(), origin.size(), 0) != 0) {
                    return false;
                }
            }
            if (random.below(33) == 0) {
                const std::string acl = aclValue(0644, aclUser, 6);
                if (::setxattr(path.c_str(), "system.posix_acl_access", acl.data(), acl.size(), 0) != 0) {
                    return false;
                }
            }
            files.push_back(path);
        }
        // Symlinks to neighbours, hard links to files of earlier directories.
        for (int s = 0; s < std::max(1, filesPerDirectory / 20); ++s) {
            const int file = random.below(filesPerDirectory);
            const std::string target = "file" + std::to_string(file) + suffixes[file % 6];
            if (::symlink(target.c_str(), (directory + "/link" + std::to_string(s)).c_str()) != 0) {
                return false;
            }
        }
        for (int h = 0; h < std::max(1, filesPerDirectory / 33) && files.size() > static_cast<std::size_t>(filesPerDirectory); ++h) {
            const std::string &target = files[static_cast<std::size_t>(random.below(static_cast<int>(files.size()) - filesPerDirectory))];
            if (::link(target.c_str(), (directory + "/hard" + std::to_string(h)).c_str()) != 0) {
                return false;
            }
        }
    }
    return true;
}

// `count` text files of 1–8 KiB in directories of 20, or (version 2) every
// tenth of them rewritten longer.
bool makeSources(const std::string &root, int count, int version)
{
    if (version == 1 && ::mkdir(root.c_str(), 0755) != 0) {
        return false;
    }
    Sequence random;
    for (int i = 0; i < count; ++i) {
        const std::string directory = root + "/dir" + std::to_string(i / 20);
        if (version == 1 && i % 20 == 0 && ::mkdir(directory.c_str(), 0755) != 0) {
            return false;
        }
        const std::string name = "source" + std::to_string(i) + ".txt";
        const std::size_t size = 1024 + static_cast<std::size_t>(random.below(7 * 1024));
        if ((version == 1 || i % 10 == 0) && !writeText(directory + "/" + name, contentOf(name, size + (version == 1 ? 0 : 100), version))) {
            return false;
        }
    }
    return true;
}

// A C project: `count` files of 60 small functions each, a header, a main
// calling one function of each, and a Makefile with one object per file.
bool makeProject(const std::string &root, int count)
{
    if (::mkdir(root.c_str(), 0755) != 0 || ::mkdir((root + "/src").c_str(), 0755) != 0) {
        return false;
    }
    std::string header = "#pragma once\n";
    std::string mainFile = "#include <stdio.h>\n#include \"common.h\"\nint main(void)\n{\n    long sum = 0;\n";
    for (int i = 0; i < count; ++i) {
        std::string file = "#include \"common.h\"\n#include <string.h>\n";
        for (int f = 0; f < 60; ++f) {
            const std::string name = "unit" + std::to_string(i) + "_f" + std::to_string(f);
            file += "long " + name + "(long x)\n{\n    long acc = x;\n    for (int i = 0; i < " + std::to_string(8 + f) + "; ++i) {\n"
                + "        switch ((acc + i) % 4) {\n        case 0: acc = acc * 3 + i; break;\n        case 1: acc ^= acc >> 3; break;\n"
                + "        case 2: acc += (long)strlen(\"" + name + "\"); break;\n        default: acc -= i * " + std::to_string(f + 1) + "; break;\n"
                + "        }\n    }\n    return acc;\n}\n";
            header += "long " + name + "(long x);\n";
        }
        if (!writeText(root + "/src/unit" + std::to_string(i) + ".c", file)) {
            return false;
        }
        mainFile += "    sum += unit" + std::to_string(i) + "_f0(" + std::to_string(i) + ");\n";
    }
    mainFile += "    printf(\"%ld\\n\", sum);\n    return 0;\n}\n";
    const std::string makefile =
        "CFLAGS = -O2 -Wall\n"
        "OBJECTS = $(patsubst %.c,%.o,$(wildcard src/*.c))\n"
        "app: $(OBJECTS)\n\t$(CC) -o $@ $^\n"
        "src/%.o: src/%.c src/common.h\n\t$(CC) $(CFLAGS) -c -o $@ $<\n";
    return writeText(root + "/src/common.h", header) && writeText(root + "/src/main.c", mainFile) && writeText(root + "/Makefile", makefile);
}

// Every 40th regular file below `root` grows, every 97th goes, 20 new ones
// come: what the sync-back has to repair.
bool damageCopy(const std::string &root)
{
    static int seen;
    static bool ok;
    seen = 0;
    ok = true;
    const auto visit = [](const char *path, const struct stat *st, int kind, FTW *) -> int {
        if (kind != FTW_F || !S_ISREG(st->st_mode)) {
            return 0;
        }
        ++seen;
        if (seen % 97 == 0) {
            ok = ok && ::unlink(path) == 0;
        } else if (seen % 40 == 0) {
            const int fd = ::open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
            ok = ok && fd >= 0 && ::write(fd, "damaged\n", 8) == 8;
            if (fd >= 0) {
                ::close(fd);
            }
        }
        return 0;
    };
    if (::nftw(root.c_str(), visit, 32, FTW_PHYS | FTW_MOUNT) != 0) {
        return false;
    }
    for (int i = 0; i < 20 && ok; ++i) {
        ok = writeText(root + "/pkg0/mod0/new" + std::to_string(i) + ".txt", "new\n");
    }
    return ok;
}

// The outcome of a child: exit status 0 and how long it took.
struct ChildRun {
    bool ok = false;
    double seconds = 0;
    std::string error;
};

// Runs `work` in a child that has become the owner (groups, gid, uid, for
// good) in `directory`, with a fixed environment; its output goes to `log`.
ChildRun
runAsOwner(const RealSettings &settings, const std::string &home, const std::string &directory, const std::string &log, const std::function<int()> &work)
{
    const auto started = Clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) {
        return {false, 0, std::string("fork: ") + std::strerror(errno)};
    }
    if (pid == 0) {
        const int output = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        const int input = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (output < 0 || input < 0 || ::dup2(input, 0) < 0 || ::dup2(output, 1) < 0 || ::dup2(output, 2) < 0) {
            ::_exit(126);
        }
        if (::setgroups(settings.groups.size(), settings.groups.data()) != 0 || ::setresgid(settings.gid, settings.gid, settings.gid) != 0
            || ::setresuid(settings.uid, settings.uid, settings.uid) != 0) {
            ::_exit(126);
        }
        if (::chdir(directory.c_str()) != 0) {
            ::_exit(126);
        }
        ::clearenv();
        ::setenv("HOME", home.c_str(), 1);
        ::setenv("PATH", "/usr/local/bin:/usr/bin:/bin", 1);
        ::setenv("LC_ALL", "C", 1);
        ::setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
        ::umask(022);
        ::_exit(work());
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    ChildRun run;
    run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    run.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!run.ok) {
        run.error = WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status)) : "killed by signal " + std::to_string(WTERMSIG(status));
        // The scratch directory goes when the bench ends: keep the words.
        std::ifstream output(log);
        std::string text((std::istreambuf_iterator<char>(output)), std::istreambuf_iterator<char>());
        if (text.size() > 2000) {
            text = "..." + text.substr(text.size() - 2000);
        }
        run.error += "; its output:\n" + text;
    }
    return run;
}

ChildRun runShell(const RealSettings &settings, const std::string &home, const std::string &directory, const std::string &log, const std::string &command)
{
    return runAsOwner(settings, home, directory, log, [&command]() {
        ::execl("/bin/sh", "sh", "-ec", command.c_str(), static_cast<char *>(nullptr));
        return 127;
    });
}

std::string quoted(const std::string &text)
{
    std::string result = "'";
    for (const char c : text) {
        result += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return result + "'";
}

std::optional<int> readNumber(const std::string &path)
{
    std::ifstream in(path);
    int value = 0;
    if (!(in >> value)) {
        return std::nullopt;
    }
    return value;
}

void removeAsRoot(const std::string &path)
{
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execl("/bin/rm", "rm", "-rf", "--one-file-system", path.c_str(), static_cast<char *>(nullptr));
        ::_exit(127);
    }
    int status = 0;
    if (pid > 0) {
        while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) { }
    }
}

std::string format(const char *pattern, double value)
{
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

double medianOf(std::vector<double> values)
{
    return summarise(std::move(values)).median;
}

} // namespace

const std::vector<std::string> &realSteps()
{
    static const std::vector<std::string> steps =
        {"tar-x", "rsync-copy", "rsync-sync-back", "rsync-dry-run", "tree", "find-stat", "git-clone", "git-status", "make"};
    return steps;
}

std::string prepareRealInputs(const std::string &base, const RealSettings &settings, RealInputs &inputs)
{
    inputs.directory = base + "/inputs";
    inputs.home = inputs.directory + "/home";
    inputs.tarball = inputs.directory + "/tree.tar";
    inputs.repository = inputs.directory + "/repository";
    inputs.project = inputs.directory + "/project";
    if (::mkdir(inputs.directory.c_str(), 0755) != 0 || ::chown(inputs.directory.c_str(), settings.uid, settings.gid) != 0) {
        return "cannot make " + inputs.directory + ": " + std::strerror(errno);
    }
    const std::string log = inputs.directory + "/prepare.log";
    const std::string &dir = inputs.directory;
    const auto made = [&](const char *what, const ChildRun &run) {
        return run.ok ? std::string() : std::string("making the ") + what + ": " + run.error;
    };
    // Anyone's uid works as the ACL's named user; tester2's when there is one.
    const uid_t aclUser = settings.uid + 1;
    std::string problem = made("home", runAsOwner(settings, dir, dir, log, [&]() {
                                   return ::mkdir(inputs.home.c_str(), 0755) == 0
                                           && writeText(inputs.home + "/.gitconfig",
                                                        "[user]\n\tname = PassMirror bench\n\temail = bench@localhost\n[init]\n\tdefaultBranch = main\n")
                                       ? 0
                                       : 1;
                               }));
    if (problem.empty()) {
        problem = made("tree", runAsOwner(settings, inputs.home, dir, log, [&]() {
                           return makeTree(dir + "/tree", settings.treeEntries, aclUser) ? 0 : 1;
                       }));
    }
    if (problem.empty()) {
        problem = made("tarball",
                       runShell(settings,
                                inputs.home,
                                dir,
                                log,
                                "tar --xattrs --xattrs-include='user.*' --acls -cf tree.tar tree && tar -tf tree.tar | wc -l > tree.count && rm -rf tree"));
    }
    if (problem.empty()) {
        problem = made("repository", runAsOwner(settings, inputs.home, dir, log, [&]() {
                           return makeSources(inputs.repository, settings.repositoryFiles, 1) ? 0 : 1;
                       }));
    }
    if (problem.empty()) {
        problem = made("repository", runShell(settings, inputs.home, inputs.repository, log, "git init -q && git add -A && git commit -qm one"));
    }
    if (problem.empty()) {
        problem = made("repository", runAsOwner(settings, inputs.home, dir, log, [&]() {
                           return makeSources(inputs.repository, settings.repositoryFiles, 2) ? 0 : 1;
                       }));
    }
    if (problem.empty()) {
        problem = made("repository", runShell(settings, inputs.home, inputs.repository, log, "git commit -qam two && git gc -q"));
    }
    if (problem.empty()) {
        problem = made("project", runAsOwner(settings, inputs.home, dir, log, [&]() {
                           return makeProject(inputs.project, settings.projectSources) ? 0 : 1;
                       }));
    }
    if (!problem.empty()) {
        return problem;
    }
    inputs.treeEntries = readNumber(dir + "/tree.count").value_or(0);
    inputs.repositoryFiles = settings.repositoryFiles;
    inputs.projectSources = settings.projectSources + 1;
    if (inputs.treeEntries <= 0) {
        return "tree.tar lists no entries";
    }
    return {};
}

std::string runRealWorkloads(const RealTarget &target, const RealInputs &inputs, const RealSettings &settings, RealResults &results)
{
    static int runs = 0;
    const std::string name = "real-" + target.name + "-" + std::to_string(++runs);
    const std::string work = target.root + "/" + name;
    const std::string log = inputs.directory + "/" + name + ".log";

    Stats::StatsReader stats;
    if (!target.statsPath.empty() && !stats.open(target.statsPath)) {
        return target.name + ": stats file: " + stats.errorString();
    }
    const auto requestsNow = [&stats]() -> std::optional<std::uint64_t> {
        if (!stats.isOpen()) {
            return std::nullopt;
        }
        return stats.sample().totalRequests();
    };

    if (const ChildRun made = runShell(settings, inputs.home, target.root, log, "mkdir " + quoted(name)); !made.ok) {
        return target.name + ": mkdir: " + made.error;
    }
    struct Step {
        std::string name;
        std::string command; // empty: `work` below instead
        std::function<int()> work;
        bool timed = true;
    };
    const std::vector<Step> steps = {
        {"tar-x", "tar --xattrs --xattrs-include='user.*' --acls -xf " + quoted(inputs.tarball), {}},
        {"rsync-copy", "rsync -aHAX --checksum tree/ copy/", {}},
        {"damage",
         {},
         [&]() {
             return damageCopy(work + "/copy") ? 0 : 1;
         },
         false},
        {"rsync-sync-back", "rsync -aHAX --checksum --delete copy/ tree/", {}},
        {"rsync-dry-run", "rsync -aHAX --checksum --delete --dry-run copy/ tree/", {}},
        {"find-stat", "find tree -print0 | xargs -0 stat > /dev/null", {}},
        {"git-clone", "git clone -q --no-local " + quoted(inputs.repository) + " repository", {}},
        {"git-status", "git -C repository status --porcelain > /dev/null", {}},
        {"copy-project", "cp -a " + quoted(inputs.project) + " project", {}, false},
        {"make", "make -s -j2 -C project", {}},
    };

    Stats::Snapshot treeStart;
    RealSample tree;
    bool treeHasRequests = true;
    for (const Step &step : steps) {
        if (step.name == "tar-x" && stats.isOpen()) {
            treeStart = stats.sample();
        }
        // Untimed: the dirty data of earlier steps and variants is written
        // back now, not during this step (native's times swung 3 × between
        // rounds when the previous variant's gigabyte of copies landed on it).
        if (step.timed) {
            ::sync();
        }
        const auto before = requestsNow();
        const ChildRun run =
            step.command.empty() ? runAsOwner(settings, inputs.home, work, log, step.work) : runShell(settings, inputs.home, work, log, step.command);
        if (!run.ok) {
            return target.name + ": " + step.name + ": " + run.error;
        }
        if (!step.timed) {
            continue;
        }
        RealSample sample;
        sample.seconds = run.seconds;
        if (const auto after = requestsNow(); before && after) {
            sample.requests = *after - *before;
        }
        results.add(step.name, target.name, sample);
        if (std::find(TreeSteps.begin(), TreeSteps.end(), step.name) != TreeSteps.end()) {
            tree.seconds += sample.seconds;
            if (sample.requests) {
                tree.requests = tree.requests.value_or(0) + *sample.requests;
            } else {
                treeHasRequests = false;
            }
        }
        if (step.name == "rsync-dry-run" && stats.isOpen()) {
            const Stats::Snapshot end = stats.sample();
            std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> operations;
            for (std::size_t i = 0; i < Stats::OperationCount; ++i) {
                const std::uint64_t requests = end.requests[i] - treeStart.requests[i];
                if (requests > 0) {
                    operations[std::string(Stats::operationName(static_cast<Stats::Operation>(i)))] = {requests, end.errors[i] - treeStart.errors[i]};
                }
            }
            results.addOperations(target.name, operations);
        }
    }
    if (!treeHasRequests) {
        tree.requests.reset();
    }
    results.add("tree", target.name, tree);
    removeAsRoot(target.sourceRoot + "/" + name);
    ::unlink(log.c_str());
    return {};
}

void RealResults::add(const std::string &step, const std::string &variant, const RealSample &sample)
{
    for (Row &row : m_rows) {
        if (row.step == step && row.variant == variant) {
            row.samples.push_back(sample);
            return;
        }
    }
    m_rows.push_back({step, variant, {sample}});
}

void RealResults::addOperations(const std::string &variant, const std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> &operations)
{
    if (std::find(m_operationVariants.begin(), m_operationVariants.end(), variant) == m_operationVariants.end()) {
        m_operationVariants.push_back(variant);
    }
    auto &sums = m_operations[variant];
    for (const auto &[operation, counts] : operations) {
        sums[operation].first += counts.first;
        sums[operation].second += counts.second;
    }
}

const RealResults::Row *RealResults::find(const std::string &step, const std::string &variant) const
{
    for (const Row &row : m_rows) {
        if (row.step == step && row.variant == variant) {
            return &row;
        }
    }
    return nullptr;
}

std::optional<double> RealResults::ratioToNative(const Row &row) const
{
    const Row *native = find(row.step, "native");
    if (native == nullptr) {
        return std::nullopt;
    }
    std::vector<double> ratios;
    for (std::size_t i = 0; i < row.samples.size() && i < native->samples.size(); ++i) {
        if (native->samples[i].seconds > 0) {
            ratios.push_back(row.samples[i].seconds / native->samples[i].seconds);
        }
    }
    if (ratios.empty()) {
        return std::nullopt;
    }
    return medianOf(ratios);
}

int RealResults::entriesOf(const std::string &step, const RealInputs &inputs) const
{
    if (step.starts_with("git")) {
        return inputs.repositoryFiles;
    }
    if (step == "make") {
        return inputs.projectSources;
    }
    return inputs.treeEntries;
}

std::string RealResults::table(const RealInputs &inputs) const
{
    std::ostringstream out;
    out << "Real workloads: seconds per step as the owner; x native is the median of per-round ratios; requests are the mirror's, "
           "per entry of the step's input (tree "
        << inputs.treeEntries << " entries, repository " << inputs.repositoryFiles << " files, project " << inputs.projectSources << " sources)\n\n";
    out << "| step | variant | min s | median s | max s | x native | requests | per entry |\n";
    out << "|---|---|---:|---:|---:|---:|---:|---:|\n";
    for (const std::string &step : realSteps()) {
        for (const Row &row : m_rows) {
            if (row.step != step) {
                continue;
            }
            std::vector<double> seconds;
            std::vector<double> requests;
            for (const RealSample &sample : row.samples) {
                seconds.push_back(sample.seconds);
                if (sample.requests) {
                    requests.push_back(static_cast<double>(*sample.requests));
                }
            }
            const Summary summary = summarise(seconds);
            const auto ratio = ratioToNative(row);
            out << "| " << step << " | " << row.variant << " | " << format("%.3f", summary.min) << " | " << format("%.3f", summary.median) << " | "
                << format("%.3f", summary.max) << " | " << (ratio ? format("%.2f", *ratio) : std::string("-")) << " | ";
            if (requests.empty()) {
                out << "- | - |\n";
            } else {
                const double median = medianOf(requests);
                out << format("%.0f", median) << " | " << format("%.1f", median / std::max(1, entriesOf(step, inputs))) << " |\n";
            }
        }
    }
    for (const std::string &variant : m_operationVariants) {
        const Row *tree = find("tree", variant);
        const double rounds = tree != nullptr ? static_cast<double>(tree->samples.size()) : 1.0;
        out << "\nRequests of the tree steps on " << variant << ", per round:\n\n| operation | requests | errors |\n|---|---:|---:|\n";
        std::vector<std::pair<std::string, std::pair<std::uint64_t, std::uint64_t>>> sorted(m_operations.at(variant).begin(), m_operations.at(variant).end());
        std::sort(sorted.begin(), sorted.end(), [](const auto &a, const auto &b) {
            return a.second.first > b.second.first;
        });
        for (const auto &[operation, counts] : sorted) {
            out << "| " << operation << " | " << format("%.0f", static_cast<double>(counts.first) / rounds) << " | "
                << format("%.0f", static_cast<double>(counts.second) / rounds) << " |\n";
        }
    }
    return out.str();
}

std::string RealResults::json(const RealInputs &inputs) const
{
    std::ostringstream out;
    out << "[";
    bool first = true;
    for (const Row &row : m_rows) {
        out << (first ? "" : ",") << "\n    {\"step\": \"" << row.step << "\", \"variant\": \"" << row.variant
            << "\", \"entries\": " << entriesOf(row.step, inputs) << ", \"seconds\": [";
        for (std::size_t i = 0; i < row.samples.size(); ++i) {
            out << (i ? ", " : "") << format("%.6f", row.samples[i].seconds);
        }
        out << "], \"requests\": [";
        bool firstRequest = true;
        for (const RealSample &sample : row.samples) {
            if (sample.requests) {
                out << (firstRequest ? "" : ", ") << *sample.requests;
                firstRequest = false;
            }
        }
        const auto ratio = ratioToNative(row);
        out << "], \"ratio_to_native\": " << (ratio ? format("%.4f", *ratio) : std::string("null")) << "}";
        first = false;
    }
    out << "\n  ]";
    return out.str();
}

} // namespace PassMirror::Bench
