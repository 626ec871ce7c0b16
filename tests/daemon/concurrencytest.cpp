// SPDX-License-Identifier: GPL-2.0-or-later
// Concurrency: 8 processes x 10k mixed operations (create, write, read back,
// rename, unlink, stat, readdir) in the mirror, each in its own directory
// plus a shared one; an O_APPEND log all of them write to and a counter they
// increment under flock. No errors but the expected ones (a shared entry
// another worker just removed), and the final state checked in the source.
// Then races on a few names, and readers of names that writers keep
// replacing (rename over) or removing and creating again.
//
// PASSMIRROR_TEST_WORKERS and PASSMIRROR_TEST_OPERATIONS change the load.

#include "credentials.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "runas.h"

#include <QTest>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string_view>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

constexpr std::size_t RecordSize = 64;
constexpr std::size_t MessageSize = 1024;

std::uint64_t environmentNumber(const char *name, std::uint64_t fallback)
{
    const char *value = std::getenv(name);
    return (value && *value) ? std::strtoull(value, nullptr, 10) : fallback;
}

// What each worker reports through shared memory.
struct WorkerReport {
    std::atomic<int> done{0};
    int failed = 0;
    std::uint64_t appends = 0;
    std::uint64_t increments = 0;
    std::uint64_t expectedErrors = 0;
    char message[MessageSize] = {};
};

// Runs `count` processes at once, process i returning body(i): what went
// wrong in it, empty when nothing did. Returns all of that, and a line for
// each process that did not exit (a crash, a signal).
std::string inProcesses(int count, const std::function<std::string(int)> &body)
{
    int fds[2];
    if (::pipe(fds) != 0) {
        return "pipe: " + errnoName(errno) + '\n';
    }
    std::vector<pid_t> children;
    std::string problems;
    for (int i = 0; i < count; ++i) {
        const pid_t child = ::fork();
        if (child < 0) {
            problems += "fork: " + errnoName(errno) + '\n';
            break;
        }
        if (child == 0) {
            ::close(fds[0]);
            const std::string problem = body(i);
            if (!problem.empty()) {
                [[maybe_unused]] const auto written = ::write(fds[1], problem.data(), problem.size());
            }
            ::_exit(problem.empty() ? 0 : 1);
        }
        children.push_back(child);
    }
    ::close(fds[1]);
    for (const pid_t child : children) {
        int status = 0;
        ::waitpid(child, &status, 0);
        if (!WIFEXITED(status)) {
            problems += "a process died\n";
        }
    }
    char buffer[4096];
    ssize_t got = 0;
    while ((got = ::read(fds[0], buffer, sizeof(buffer))) > 0) {
        problems.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fds[0]);
    return problems;
}

std::string failed(const std::string &what, int error)
{
    return what + ": " + errnoName(error) + " (" + std::strerror(error) + ")";
}

// One fixed-size record: "w<worker> n<sequence>" padded with the worker's letter.
std::string record(int worker, std::uint64_t sequence)
{
    std::string text = 'w' + std::to_string(worker) + " n" + std::to_string(sequence) + ' ';
    text.resize(RecordSize - 1, static_cast<char>('a' + worker % 26));
    return text + '\n';
}

class Worker
{
public:
    Worker(int index, std::string mount, std::uint64_t seed, WorkerReport &report)
        : m_index(index)
        , m_mount(std::move(mount))
        , m_random(seed)
        , m_report(report)
    {
        m_own = m_mount + "/worker-" + std::to_string(index);
        m_shared = m_mount + "/shared";
    }

    std::string run(std::uint64_t operations)
    {
        if (::mkdir(m_own.c_str(), 0755) != 0) {
            return failed("mkdir " + m_own, errno);
        }
        for (std::uint64_t i = 0; i < operations; ++i) {
            if (std::string problem = step(i); !problem.empty()) {
                return "worker " + std::to_string(m_index) + ", operation " + std::to_string(i) + ": " + problem;
            }
        }
        return verifyOwn(m_own);
    }

    // Checks the worker's directory (in the mirror or the source) against its model.
    std::string verifyOwn(const std::string &directory) const
    {
        const auto names = listDirectory(directory);
        if (!names) {
            return failed("listing " + directory, errno);
        }
        std::vector<std::string> expected;
        for (const auto &entry : m_files) {
            expected.push_back(entry.first);
        }
        if (*names != expected) {
            return directory + " lists " + std::to_string(names->size()) + " entries, the model has " + std::to_string(expected.size());
        }
        for (const auto &[name, content] : m_files) {
            if (readFile(directory + '/' + name) != content) {
                return directory + '/' + name + " differs from what worker " + std::to_string(m_index) + " wrote";
            }
        }
        for (const auto &[name, content] : m_sharedFiles) {
            if (readFile(directory + "/../shared/" + name) != content) {
                return "shared/" + name + " differs from what worker " + std::to_string(m_index) + " wrote";
            }
        }
        return {};
    }

private:
    std::uint64_t number(std::uint64_t below)
    {
        return std::uniform_int_distribution<std::uint64_t>(0, below - 1)(m_random);
    }

    std::string pick(const std::map<std::string, std::string> &files)
    {
        auto it = files.begin();
        std::advance(it, static_cast<std::ptrdiff_t>(number(files.size())));
        return it->first;
    }

    std::string step(std::uint64_t sequence)
    {
        const std::uint64_t choice = number(100);
        if (choice < 20 || m_files.empty()) { // create
            const std::string name = "f" + std::to_string(m_nextName++);
            const std::string content = pattern(m_random(), number(6000));
            if (const int error = writeFile(m_own + '/' + name, content, 0644, O_EXCL)) {
                return failed("create " + name, error);
            }
            m_files[name] = content;
            return {};
        }
        if (choice < 32) { // overwrite part and read it back
            const std::string name = pick(m_files);
            std::string &content = m_files[name];
            const std::uint64_t offset = number(content.size() + 1);
            const std::string data = pattern(m_random(), 1 + number(3000));
            Fd fd(::open((m_own + '/' + name).c_str(), O_RDWR | O_CLOEXEC));
            if (!fd.isValid()) {
                return failed("open " + name, errno);
            }
            if (const int error = pwriteAll(fd.get(), data, static_cast<off_t>(offset))) {
                return failed("pwrite " + name, error);
            }
            if (content.size() < offset + data.size()) {
                content.resize(offset + data.size(), '\0');
            }
            content.replace(offset, data.size(), data);
            if (preadAll(fd.get(), 0, content.size() + 10) != content) {
                return "read-back of " + name + " differs right after the write";
            }
            return fd.close() == 0 ? std::string() : failed("close " + name, errno);
        }
        if (choice < 44) { // read
            const std::string name = pick(m_files);
            const auto data = readFile(m_own + '/' + name);
            if (!data) {
                return failed("read " + name, errno);
            }
            return *data == m_files[name] ? std::string() : "read of " + name + " differs from the model";
        }
        if (choice < 54) { // rename within the own directory (sometimes over another)
            const std::string from = pick(m_files);
            const std::string to = number(3) == 0 ? pick(m_files) : "f" + std::to_string(m_nextName++);
            if (::rename((m_own + '/' + from).c_str(), (m_own + '/' + to).c_str()) != 0) {
                return failed("rename " + from + " -> " + to, errno);
            }
            if (from != to) {
                std::string content = std::move(m_files[from]);
                m_files.erase(from);
                m_files[to] = std::move(content);
            }
            return {};
        }
        if (choice < 60) { // unlink
            const std::string name = pick(m_files);
            if (::unlink((m_own + '/' + name).c_str()) != 0) {
                return failed("unlink " + name, errno);
            }
            m_files.erase(name);
            return {};
        }
        if (choice < 70) { // stat
            const std::string name = pick(m_files);
            struct stat status{};
            if (::stat((m_own + '/' + name).c_str(), &status) != 0) {
                return failed("stat " + name, errno);
            }
            if (static_cast<std::size_t>(status.st_size) != m_files[name].size() || status.st_uid != Tester.uid) {
                return "stat of " + name + " says size " + std::to_string(status.st_size) + ", expected " + std::to_string(m_files[name].size());
            }
            return {};
        }
        if (choice < 74) { // readdir of the own directory
            const auto names = listDirectory(m_own);
            if (!names) {
                return failed("readdir", errno);
            }
            if (names->size() != m_files.size()) {
                return "readdir lists " + std::to_string(names->size()) + " entries, expected " + std::to_string(m_files.size());
            }
            return {};
        }
        if (choice < 84) { // shared directory: own entries come and go, others' are looked at
            return sharedStep();
        }
        if (choice < 92) { // append one record to the shared log
            Fd fd(::open((m_shared + "/log").c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
            const std::string line = record(m_index, sequence);
            if (!fd.isValid() || ::write(fd.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
                return failed("append to the shared log", errno);
            }
            ++m_report.appends;
            return fd.close() == 0 ? std::string() : failed("close the shared log", errno);
        }
        // increment the shared counter under an exclusive flock
        Fd fd(::open((m_shared + "/counter").c_str(), O_RDWR | O_CLOEXEC));
        if (!fd.isValid() || ::flock(fd.get(), LOCK_EX) != 0) {
            return failed("lock the shared counter", errno);
        }
        const auto text = preadAll(fd.get(), 0, 32);
        const std::uint64_t value = text ? std::strtoull(text->c_str(), nullptr, 10) : 0;
        std::string next = std::to_string(value + 1);
        next.resize(20, ' ');
        if (pwriteAll(fd.get(), next, 0) != 0) {
            return failed("write the shared counter", errno);
        }
        ++m_report.increments;
        ::flock(fd.get(), LOCK_UN);
        return fd.close() == 0 ? std::string() : failed("close the shared counter", errno);
    }

    std::string sharedStep()
    {
        const std::uint64_t choice = number(4);
        const std::string prefix = "w" + std::to_string(m_index) + "-";
        if (choice == 0 || m_sharedFiles.empty()) {
            const std::string name = prefix + std::to_string(m_nextName++);
            const std::string content = pattern(m_random(), number(2000));
            if (const int error = writeFile(m_shared + '/' + name, content, 0644, O_EXCL)) {
                return failed("create shared/" + name, error);
            }
            m_sharedFiles[name] = content;
            return {};
        }
        if (choice == 1) {
            const std::string from = pick(m_sharedFiles);
            const std::string to = prefix + std::to_string(m_nextName++);
            if (::rename((m_shared + '/' + from).c_str(), (m_shared + '/' + to).c_str()) != 0) {
                return failed("rename shared/" + from, errno);
            }
            std::string content = std::move(m_sharedFiles[from]);
            m_sharedFiles.erase(from);
            m_sharedFiles[to] = std::move(content);
            return {};
        }
        if (choice == 2) {
            const std::string name = pick(m_sharedFiles);
            if (::unlink((m_shared + '/' + name).c_str()) != 0) {
                return failed("unlink shared/" + name, errno);
            }
            m_sharedFiles.erase(name);
            return {};
        }
        // List the shared directory: every own entry is there, once; others'
        // may vanish before we stat them (the one expected error).
        const auto names = listDirectory(m_shared);
        if (!names) {
            return failed("readdir shared", errno);
        }
        const std::set<std::string> listed(names->begin(), names->end());
        if (listed.size() != names->size()) {
            return "readdir of shared lists an entry twice";
        }
        for (const auto &entry : m_sharedFiles) {
            if (!listed.contains(entry.first)) {
                return "readdir of shared misses own entry " + entry.first;
            }
        }
        const std::string other = (*names)[number(names->size())];
        struct stat status{};
        if (::stat((m_shared + '/' + other).c_str(), &status) != 0) {
            if (errno != ENOENT || other.starts_with(prefix)) {
                return failed("stat shared/" + other, errno);
            }
            ++m_report.expectedErrors;
        }
        return {};
    }

    int m_index;
    std::string m_mount;
    std::string m_own;
    std::string m_shared;
    std::mt19937_64 m_random;
    WorkerReport &m_report;
    std::map<std::string, std::string> m_files;
    std::map<std::string, std::string> m_sharedFiles;
    std::uint64_t m_nextName = 0;
};

} // namespace

class ConcurrencyTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldStayConsistentUnderConcurrentLoad_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::newRow("passthrough on") << QByteArray("on");
        QTest::newRow("passthrough off") << QByteArray("off");
    }

    void shouldStayConsistentUnderConcurrentLoad()
    {
        QFETCH(QByteArray, passthrough);

        const int workers = static_cast<int>(environmentNumber("PASSMIRROR_TEST_WORKERS", 8));
        const std::uint64_t operations = environmentNumber("PASSMIRROR_TEST_OPERATIONS", 10000);
        const std::uint64_t seed = environmentNumber("PASSMIRROR_TEST_SEED", std::random_device{}());
        qInfo("%d workers x %llu operations, seed %llu", workers, static_cast<unsigned long long>(operations), static_cast<unsigned long long>(seed));

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        const std::string sharedSource = mirror.sourcePath() + "/shared";
        QCOMPARE(::mkdir(sharedSource.c_str(), 0755), 0);
        QCOMPARE(writeFile(sharedSource + "/log", ""), 0);
        QCOMPARE(writeFile(sharedSource + "/counter", "0"), 0);
        for (const char *name : {"", "/log", "/counter"}) {
            QCOMPARE(::chown((sharedSource + name).c_str(), Tester.uid, Tester.gid), 0);
        }
        QVERIFY2(mirror.start(), mirror.errorString().c_str());

        const std::size_t reportBytes = sizeof(WorkerReport) * static_cast<std::size_t>(workers);
        void *memory = ::mmap(nullptr, reportBytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        QVERIFY(memory != MAP_FAILED);
        auto *reports = static_cast<WorkerReport *>(memory);
        for (int i = 0; i < workers; ++i) {
            new (&reports[i]) WorkerReport();
        }

        const std::string mount = mirror.mountPoint();
        const std::string source = mirror.sourcePath();
        const auto started = std::chrono::steady_clock::now();
        // One child as tester forks the workers and waits for them.
        const Outcome outcome = runAs(
            Tester,
            [&] {
                std::vector<pid_t> children;
                for (int i = 0; i < workers; ++i) {
                    const pid_t child = ::fork();
                    if (child == 0) {
                        Worker worker(i, mount, seed + static_cast<std::uint64_t>(i), reports[i]);
                        std::string problem = worker.run(operations);
                        if (problem.empty()) {
                            problem = worker.verifyOwn(source + "/worker-" + std::to_string(i));
                            if (!problem.empty()) {
                                problem = "in the source: " + problem;
                            }
                        }
                        std::strncpy(reports[i].message, problem.c_str(), MessageSize - 1);
                        reports[i].failed = problem.empty() ? 0 : 1;
                        reports[i].done.store(1);
                        ::_exit(0);
                    }
                    children.push_back(child);
                }
                std::string problems;
                for (const pid_t child : children) {
                    int status = 0;
                    ::waitpid(child, &status, 0);
                    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                        problems += "a worker died; ";
                    }
                }
                return problems.empty() ? Outcome::success() : Outcome::failure(problems);
            },
            280s);
        const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        qInfo("took %.1f s", seconds);
        QVERIFY2(mirror.isMounted(), "the mirror is gone (did the FUSE server crash?)");
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());

        std::uint64_t appends = 0;
        std::uint64_t increments = 0;
        std::uint64_t expectedErrors = 0;
        for (int i = 0; i < workers; ++i) {
            QVERIFY2(reports[i].done.load() == 1, qPrintable(QStringLiteral("worker %1 did not finish").arg(i)));
            QVERIFY2(reports[i].failed == 0, reports[i].message);
            appends += reports[i].appends;
            increments += reports[i].increments;
            expectedErrors += reports[i].expectedErrors;
        }
        qInfo("%llu appends, %llu increments, %llu expected ENOENTs",
              static_cast<unsigned long long>(appends),
              static_cast<unsigned long long>(increments),
              static_cast<unsigned long long>(expectedErrors));

        // The counter saw every increment (flock excluded each other).
        const auto counter = readFile(sharedSource + "/counter");
        QVERIFY(counter.has_value());
        QCOMPARE(std::strtoull(counter->c_str(), nullptr, 10), static_cast<unsigned long long>(increments));
        // The log holds every record whole: O_APPEND writes never interleave.
        const auto log = readFile(sharedSource + "/log");
        QVERIFY(log.has_value());
        QCOMPARE(log->size(), appends * RecordSize);
        std::map<int, std::uint64_t> perWorker;
        for (std::size_t offset = 0; offset < log->size(); offset += RecordSize) {
            const std::string line = log->substr(offset, RecordSize);
            const int worker = std::atoi(line.c_str() + 1);
            const std::uint64_t sequence = std::strtoull(line.c_str() + line.find(" n") + 2, nullptr, 10);
            QVERIFY2(worker >= 0 && worker < workers && line == record(worker, sequence),
                     qPrintable(QStringLiteral("damaged log record at offset %1").arg(offset)));
            ++perWorker[worker];
        }
        for (int i = 0; i < workers; ++i) {
            QCOMPARE(perWorker[i], reports[i].appends);
        }
        ::munmap(memory, reportBytes);
    }

    // Listing a directory while others fill and empty it: no errors, and the
    // entries nobody touches are in every listing.
    void shouldListDirectoriesWhileTheyChange_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::newRow("passthrough on") << QByteArray("on");
        QTest::newRow("passthrough off") << QByteArray("off");
    }

    void shouldListDirectoriesWhileTheyChange()
    {
        QFETCH(QByteArray, passthrough);
        constexpr int Stable = 200;
        constexpr int Listers = 4;
        constexpr int Changers = 4;
        const auto duration = std::chrono::seconds(environmentNumber("PASSMIRROR_TEST_SECONDS", 5));

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        const std::string busy = mirror.sourcePath() + "/busy";
        QCOMPARE(::mkdir(busy.c_str(), 0755), 0);
        QCOMPARE(::chown(busy.c_str(), Tester.uid, Tester.gid), 0);
        for (int i = 0; i < Stable; ++i) {
            const std::string path = busy + "/stable-" + std::to_string(i);
            QCOMPARE(writeFile(path, "s"), 0);
            QCOMPARE(::chown(path.c_str(), Tester.uid, Tester.gid), 0);
        }
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string dir = mirror.mountPoint() + "/busy";

        const Outcome outcome = runAs(
            Tester,
            [&] {
                const auto deadline = std::chrono::steady_clock::now() + duration;
                std::vector<pid_t> children;
                int fds[2];
                if (::pipe(fds) != 0) {
                    return Outcome::failure("pipe", errno);
                }
                for (int i = 0; i < Listers + Changers; ++i) {
                    const pid_t child = ::fork();
                    if (child != 0) {
                        children.push_back(child);
                        continue;
                    }
                    ::close(fds[0]);
                    std::string problem;
                    std::uint64_t rounds = 0;
                    while (problem.empty() && std::chrono::steady_clock::now() < deadline) {
                        ++rounds;
                        if (i < Listers) {
                            const auto names = listDirectory(dir);
                            if (!names) {
                                problem = failed("readdir", errno);
                                break;
                            }
                            const std::set<std::string> listed(names->begin(), names->end());
                            for (int k = 0; k < Stable; ++k) {
                                if (!listed.contains("stable-" + std::to_string(k))) {
                                    problem = "a listing misses stable-" + std::to_string(k);
                                    break;
                                }
                            }
                        } else {
                            const std::uint64_t turn = rounds - 1; // 50 creates, then the same 50 unlinked
                            const std::string name = dir + "/churn-" + std::to_string(i) + "-" + std::to_string(turn % 50);
                            if (turn % 100 < 50) {
                                if (const int error = writeFile(name, "c", 0644, O_EXCL)) {
                                    problem = failed("create " + name, error);
                                }
                            } else if (::unlink(name.c_str()) != 0) {
                                problem = failed("unlink " + name, errno);
                            }
                        }
                    }
                    if (!problem.empty()) {
                        problem = (i < Listers ? "lister: " : "changer: ") + problem + '\n';
                        [[maybe_unused]] const auto written = ::write(fds[1], problem.data(), problem.size());
                    }
                    ::_exit(problem.empty() ? 0 : 1);
                }
                ::close(fds[1]);
                std::string problems;
                for (const pid_t child : children) {
                    int status = 0;
                    ::waitpid(child, &status, 0);
                    if (!WIFEXITED(status)) {
                        problems += "a process died\n";
                    }
                }
                char buffer[4096];
                ssize_t got = 0;
                while ((got = ::read(fds[0], buffer, sizeof(buffer))) > 0) {
                    problems.append(buffer, static_cast<std::size_t>(got));
                }
                ::close(fds[0]);
                return problems.empty() ? Outcome::success() : Outcome::failure(problems);
            },
            duration + 60s);
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());
        QVERIFY2(mirror.isMounted(), "the mirror is gone (did the FUSE server crash?)");
    }

    // Many processes racing on the same few names (create, unlink, rename,
    // link, stat, read): only ENOENT/EEXIST-style errors, the daemon stays up,
    // and the mirror lists what the source holds afterwards.
    void shouldSurviveRacesOnTheSameNames_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::newRow("passthrough on") << QByteArray("on");
        QTest::newRow("passthrough off") << QByteArray("off");
    }

    void shouldSurviveRacesOnTheSameNames()
    {
        QFETCH(QByteArray, passthrough);
        constexpr int Processes = 8;
        constexpr int Names = 12;
        const auto duration = std::chrono::seconds(environmentNumber("PASSMIRROR_TEST_SECONDS", 5));
        const std::uint64_t seed = environmentNumber("PASSMIRROR_TEST_SEED", std::random_device{}());

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string dir = mirror.mountPoint();

        const Outcome outcome = runAs(
            Tester,
            [&] {
                const auto deadline = std::chrono::steady_clock::now() + duration;
                const std::string problems = inProcesses(Processes, [&](int i) {
                    std::mt19937_64 random(seed + static_cast<std::uint64_t>(i));
                    const auto name = [&] {
                        return dir + "/n" + std::to_string(random() % Names);
                    };
                    const auto expected = [](int error) {
                        return error == ENOENT || error == EEXIST;
                    };
                    std::string problem;
                    while (problem.empty() && std::chrono::steady_clock::now() < deadline) {
                        const std::string a = name();
                        const std::string b = name();
                        int error = 0;
                        const char *what = "";
                        switch (random() % 7) {
                        case 0:
                            what = "create";
                            // O_EXCL: no truncation races, so a reader may see a
                            // prefix of the content but never other bytes.
                            error = writeFile(a, "racing content", 0644, O_EXCL);
                            break;
                        case 1:
                            what = "unlink";
                            error = ::unlink(a.c_str()) == 0 ? 0 : errno;
                            break;
                        case 2:
                            what = "rename";
                            error = ::rename(a.c_str(), b.c_str()) == 0 ? 0 : errno;
                            break;
                        case 3:
                            what = "link";
                            error = ::link(a.c_str(), b.c_str()) == 0 ? 0 : errno;
                            break;
                        case 4: {
                            what = "stat";
                            struct stat status{};
                            error = ::stat(a.c_str(), &status) == 0 ? 0 : errno;
                            break;
                        }
                        case 5: {
                            what = "read";
                            const auto data = readFile(a);
                            error = data ? 0 : errno;
                            // Another process may be between O_TRUNC and its write.
                            if (data && !std::string_view("racing content").starts_with(*data)) {
                                problem = "read of " + a + " returned foreign bytes";
                            }
                            break;
                        }
                        default:
                            what = "readdir";
                            error = listDirectory(dir).has_value() ? 0 : errno;
                            break;
                        }
                        if (error != 0 && !expected(error)) {
                            problem = std::string(what) + ' ' + a + ": " + errnoName(error) + " (" + std::strerror(error) + ")\n";
                        }
                    }
                    return problem;
                });
                return problems.empty() ? Outcome::success() : Outcome::failure(problems);
            },
            duration + 60s);
        QVERIFY2(mirror.isMounted(), "the mirror is gone (did the FUSE server crash?)");
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());
        const Outcome listed = runAs(Tester, [&] {
            const auto names = listDirectory(dir);
            return names ? Outcome::success(join(*names)) : Outcome::failure("readdir", errno);
        });
        QVERIFY2(listed.succeeded(), listed.describe().c_str());
        QCOMPARE(listed.data, join(listDirectory(mirror.sourcePath()).value_or(std::vector<std::string>{"<unreadable>"})));
    }

    // The patterns of editors, git and configuration readers: writers
    // replace a name with rename (an atomic save) or remove and create it
    // again, while readers open it by name. Natively a reader of a replaced
    // name always opens a whole version, and of a removed one gets that or
    // ENOENT; never ESTALE (a CI run once gave a reader ESTALE: the file it
    // had looked up was let go, and so was the one the kernel's retry found).
    void shouldOpenNamesReplacedWhileOpening_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<bool>("replace");
        QTest::newRow("rename over, passthrough on") << QByteArray("on") << true;
        QTest::newRow("rename over, passthrough off") << QByteArray("off") << true;
        QTest::newRow("unlink and create, passthrough on") << QByteArray("on") << false;
        QTest::newRow("unlink and create, passthrough off") << QByteArray("off") << false;
    }

    void shouldOpenNamesReplacedWhileOpening()
    {
        QFETCH(QByteArray, passthrough);
        QFETCH(bool, replace);
        constexpr int Writers = 2;
        constexpr int Readers = 3;
        const auto duration = std::chrono::seconds(environmentNumber("PASSMIRROR_TEST_SECONDS", 3));
        const std::string version = "a whole version of the file\n";

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const std::string dir = mirror.mountPoint();
        const std::string name = dir + "/config";

        const Outcome outcome = runAs(
            Tester,
            [&] {
                if (const int error = writeFile(name, version)) {
                    return Outcome::failure("first version", error);
                }
                const auto deadline = std::chrono::steady_clock::now() + duration;
                const std::string problems = inProcesses(Writers + Readers, [&](int i) {
                    std::string problem;
                    std::uint64_t opened = 0;
                    const std::string temporary = dir + "/.config-" + std::to_string(i);
                    while (problem.empty() && std::chrono::steady_clock::now() < deadline) {
                        if (i < Writers) {
                            int error = 0;
                            if (replace) {
                                error = writeFile(temporary, version);
                                error = error != 0 ? error : (::rename(temporary.c_str(), name.c_str()) == 0 ? 0 : errno);
                            } else {
                                error = ::unlink(name.c_str()) == 0 || errno == ENOENT ? 0 : errno;
                                error = error != 0 ? error : writeFile(name, version, 0644, O_EXCL);
                                error = error == EEXIST ? 0 : error;
                            }
                            if (error != 0) {
                                problem = std::string(replace ? "save" : "remove and create") + ": " + errnoName(error) + '\n';
                            }
                            continue;
                        }
                        const auto data = readFile(name);
                        if (data) {
                            ++opened;
                            // An O_EXCL create is seen before its write.
                            if (*data != version && !(!replace && std::string_view(version).starts_with(*data))) {
                                problem = "read a torn version: '" + *data + "'\n";
                            }
                        } else if (replace || errno != ENOENT) {
                            problem = "read: " + errnoName(errno) + " (" + std::strerror(errno) + ")\n";
                        }
                    }
                    if (i >= Writers && problem.empty() && opened == 0) {
                        problem = "a reader never opened the file\n";
                    }
                    return problem;
                });
                return problems.empty() ? Outcome::success() : Outcome::failure(problems);
            },
            duration + 60s);
        QVERIFY2(mirror.isMounted(), "the mirror is gone (did the FUSE server crash?)");
        QVERIFY2(outcome.succeeded(), outcome.describe().c_str());
    }
};

QTEST_APPLESS_MAIN(ConcurrencyTest)

#include "concurrencytest.moc"
