// SPDX-License-Identifier: GPL-2.0-or-later
// Randomised data integrity: a seeded PRNG drives thousands of pwrite,
// truncate, fallocate (punch hole, zero range, ...), mmap writes, renames and
// unlinks over a handful of files in the mirror, checked against an
// in-memory model every few steps and, at the end, against the backing files
// in the source. Both data paths.
//
// PASSMIRROR_TEST_SEED=N replays a run; PASSMIRROR_TEST_STEPS=N changes its
// length. A failure names the seed, the step and the last operations.

#include "credentials.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "runas.h"

#include <QTest>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <linux/falloc.h>
#include <map>
#include <random>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

constexpr int FileNames = 6;
constexpr int CheckEvery = 50;

std::uint64_t environmentNumber(const char *name, std::uint64_t fallback)
{
    const char *value = std::getenv(name);
    return (value && *value) ? std::strtoull(value, nullptr, 10) : fallback;
}

class Exerciser
{
public:
    Exerciser(std::uint64_t seed, std::string mount, std::string source)
        : m_seed(seed)
        , m_random(seed)
        , m_mount(std::move(mount))
        , m_source(std::move(source))
    {
    }

    // "" when every check passed, else what went wrong.
    std::string run(int steps)
    {
        for (m_step = 0; m_step < steps; ++m_step) {
            if (std::string problem = step(); !problem.empty()) {
                return report(problem);
            }
            if ((m_step + 1) % CheckEvery == 0) {
                if (std::string problem = verify(m_mount); !problem.empty()) {
                    return report("model check through the mirror: " + problem);
                }
            }
        }
        if (std::string problem = verify(m_mount); !problem.empty()) {
            return report("final check through the mirror: " + problem);
        }
        if (std::string problem = verify(m_source); !problem.empty()) {
            return report("final check of the backing files: " + problem);
        }
        return {};
    }

private:
    std::uint64_t number(std::uint64_t below)
    {
        return std::uniform_int_distribution<std::uint64_t>(0, below - 1)(m_random);
    }

    std::string name(int index) const
    {
        return "file-" + std::to_string(index);
    }

    std::string path(const std::string &name) const
    {
        return m_mount + '/' + name;
    }

    std::string bytes(std::size_t size)
    {
        return pattern(m_random(), size);
    }

    void log(std::string entry)
    {
        m_log.push_back("step " + std::to_string(m_step) + ": " + std::move(entry));
        if (m_log.size() > 25) {
            m_log.pop_front();
        }
    }

    std::string report(const std::string &problem) const
    {
        std::string text = "seed " + std::to_string(m_seed) + " (rerun with PASSMIRROR_TEST_SEED=" + std::to_string(m_seed) + "), step "
            + std::to_string(m_step) + ": " + problem + "\nlast operations:\n";
        for (const auto &entry : m_log) {
            text += "  " + entry + '\n';
        }
        return text;
    }

    static std::string failed(const std::string &what, int error)
    {
        return what + " failed: " + errnoName(error) + " (" + std::strerror(error) + ")";
    }

    static void zero(std::string &content, std::uint64_t offset, std::uint64_t length)
    {
        if (offset >= content.size()) {
            return;
        }
        const std::uint64_t end = std::min<std::uint64_t>(content.size(), offset + length);
        std::fill(content.begin() + static_cast<std::ptrdiff_t>(offset), content.begin() + static_cast<std::ptrdiff_t>(end), '\0');
    }

    std::string step()
    {
        const std::string target = name(static_cast<int>(number(FileNames)));
        const bool exists = m_model.contains(target);
        const std::uint64_t size = exists ? m_model[target].size() : 0;
        const std::uint64_t choice = number(100);

        if (!exists || choice < 30) { // pwrite (creates when missing)
            const std::uint64_t offset = number(size + 8192);
            const std::size_t length = 1 + number(20000);
            const std::string data = bytes(length);
            log("pwrite " + target + " offset " + std::to_string(offset) + " length " + std::to_string(length));
            Fd fd(::open(path(target).c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
            if (!fd.isValid()) {
                return failed("open", errno);
            }
            if (const int error = pwriteAll(fd.get(), data, static_cast<off_t>(offset))) {
                return failed("pwrite", error);
            }
            std::string &content = m_model[target];
            if (content.size() < offset + length) {
                content.resize(offset + length, '\0');
            }
            content.replace(offset, length, data);
            return fd.close() == 0 ? std::string() : failed("close", errno);
        }
        std::string &content = m_model[target];
        if (choice < 42) { // truncate, by path or by fd
            const std::uint64_t newSize = number(size + size / 2 + 4096);
            const bool byFd = number(2) == 0;
            log(std::string(byFd ? "ftruncate " : "truncate ") + target + " to " + std::to_string(newSize));
            int result = 0;
            if (byFd) {
                Fd fd(::open(path(target).c_str(), O_RDWR | O_CLOEXEC));
                result = fd.isValid() ? ::ftruncate(fd.get(), static_cast<off_t>(newSize)) : -1;
            } else {
                result = ::truncate(path(target).c_str(), static_cast<off_t>(newSize));
            }
            if (result != 0) {
                return failed("truncate", errno);
            }
            content.resize(newSize, '\0');
            return {};
        }
        if (choice < 62) { // fallocate in its forwarded modes
            struct Mode {
                int flags;
                const char *name;
            };
            static constexpr Mode modes[] = {
                {0, "allocate"},
                {FALLOC_FL_KEEP_SIZE, "allocate keep-size"},
                {FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, "punch hole"},
                {FALLOC_FL_ZERO_RANGE, "zero range"},
                {FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, "zero range keep-size"},
            };
            const Mode &mode = modes[number(std::size(modes))];
            const std::uint64_t offset = number(size + 4096);
            const std::uint64_t length = 1 + number(65536);
            log(std::string("fallocate ") + mode.name + ' ' + target + " offset " + std::to_string(offset) + " length " + std::to_string(length));
            Fd fd(::open(path(target).c_str(), O_RDWR | O_CLOEXEC));
            if (!fd.isValid()) {
                return failed("open", errno);
            }
            if (::fallocate(fd.get(), mode.flags, static_cast<off_t>(offset), static_cast<off_t>(length)) != 0) {
                return failed(std::string("fallocate ") + mode.name, errno);
            }
            if (mode.flags & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) {
                zero(content, offset, length);
            }
            if (!(mode.flags & FALLOC_FL_KEEP_SIZE) && content.size() < offset + length) {
                content.resize(offset + length, '\0');
            }
            return {};
        }
        if (choice < 77) { // write through a shared mapping
            if (size == 0) {
                return {};
            }
            const std::uint64_t offset = number(size);
            const std::size_t length = 1 + number(std::min<std::uint64_t>(size - offset, 40000));
            const std::string data = bytes(length);
            const bool sync = number(2) == 0;
            log("mmap write " + target + " offset " + std::to_string(offset) + " length " + std::to_string(length) + (sync ? " msync" : ""));
            Fd fd(::open(path(target).c_str(), O_RDWR | O_CLOEXEC));
            if (!fd.isValid()) {
                return failed("open", errno);
            }
            void *map = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
            if (map == MAP_FAILED) {
                return failed("mmap MAP_SHARED", errno);
            }
            std::memcpy(static_cast<char *>(map) + offset, data.data(), length);
            if (sync && ::msync(map, size, MS_SYNC) != 0) {
                const int error = errno;
                ::munmap(map, size);
                return failed("msync", error);
            }
            ::munmap(map, size);
            content.replace(offset, length, data);
            return fd.close() == 0 ? std::string() : failed("close", errno);
        }
        if (choice < 82) { // read a random range back at once
            const std::uint64_t offset = number(size + 100);
            const std::size_t length = 1 + number(30000);
            log("pread " + target + " offset " + std::to_string(offset) + " length " + std::to_string(length));
            Fd fd(::open(path(target).c_str(), O_RDONLY | O_CLOEXEC));
            const auto got = fd.isValid() ? preadAll(fd.get(), static_cast<off_t>(offset), length) : std::nullopt;
            if (!got) {
                return failed("pread", errno);
            }
            const std::string expected = offset < size ? content.substr(offset, length) : std::string();
            if (*got != expected) {
                return "pread of " + target + " returned " + std::to_string(got->size()) + " bytes that differ from the model ("
                    + std::to_string(expected.size()) + " expected)";
            }
            return {};
        }
        if (choice < 95) { // rename, possibly over another file
            const std::string to = name(static_cast<int>(number(FileNames)));
            log("rename " + target + " -> " + to);
            if (::rename(path(target).c_str(), path(to).c_str()) != 0) {
                return failed("rename", errno);
            }
            if (to != target) {
                std::string moved = std::move(content);
                m_model.erase(target);
                m_model[to] = std::move(moved);
            }
            return {};
        }
        log("unlink " + target);
        if (::unlink(path(target).c_str()) != 0) {
            return failed("unlink", errno);
        }
        m_model.erase(target);
        return {};
    }

    std::string verify(const std::string &directory)
    {
        const auto names = listDirectory(directory);
        if (!names) {
            return failed("listing " + directory, errno);
        }
        std::vector<std::string> expected;
        for (const auto &entry : m_model) {
            expected.push_back(entry.first);
        }
        if (*names != expected) {
            return "directory lists [" + join(*names) + "], the model has [" + join(expected) + "]";
        }
        for (const auto &[file, content] : m_model) {
            const std::string filePath = directory + '/' + file;
            struct stat status{};
            if (::stat(filePath.c_str(), &status) != 0) {
                return failed("stat " + filePath, errno);
            }
            if (static_cast<std::uint64_t>(status.st_size) != content.size()) {
                return filePath + " has size " + std::to_string(status.st_size) + ", the model " + std::to_string(content.size());
            }
            const auto data = readFile(filePath);
            if (!data) {
                return failed("reading " + filePath, errno);
            }
            if (*data != content) {
                std::size_t first = 0;
                while (first < data->size() && first < content.size() && (*data)[first] == content[first]) {
                    ++first;
                }
                return filePath + " differs from the model, first at byte " + std::to_string(first);
            }
        }
        return {};
    }

    std::uint64_t m_seed;
    std::mt19937_64 m_random;
    std::string m_mount;
    std::string m_source;
    std::map<std::string, std::string> m_model;
    std::deque<std::string> m_log;
    int m_step = 0;
};

} // namespace

class IntegrityExerciserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldKeepDataIntactUnderRandomOperations_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::newRow("passthrough on") << QByteArray("on");
        QTest::newRow("passthrough off") << QByteArray("off");
    }

    void shouldKeepDataIntactUnderRandomOperations()
    {
        QFETCH(QByteArray, passthrough);

        const std::uint64_t seed = environmentNumber("PASSMIRROR_TEST_SEED", std::random_device{}());
        const int steps = static_cast<int>(environmentNumber("PASSMIRROR_TEST_STEPS", 5000));
        qInfo("seed %llu, %d steps (PASSMIRROR_TEST_SEED=%llu replays this run)",
              static_cast<unsigned long long>(seed),
              steps,
              static_cast<unsigned long long>(seed));

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const Outcome outcome = runAs(
            Tester,
            [&] {
                Exerciser exerciser(seed, mirror.mountPoint(), mirror.sourcePath());
                const std::string problem = exerciser.run(steps);
                return problem.empty() ? Outcome::success() : Outcome::failure(problem);
            },
            240s);
        QVERIFY2(mirror.isMounted(), "the mirror is gone (did the FUSE server crash?)");
        QVERIFY2(outcome.succeeded(), outcome.data.empty() ? outcome.describe().c_str() : outcome.data.c_str());
    }
};

QTEST_APPLESS_MAIN(IntegrityExerciserTest)

#include "integrityexercisertest.moc"
