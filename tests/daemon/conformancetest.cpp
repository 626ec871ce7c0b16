// SPDX-License-Identifier: GPL-2.0-or-later
// Conformance: every FUSE operation, with the same expectations on a native
// directory and on the mirror. PASSMIRROR_TEST_MODE picks where:
//   native              a directory on the scratch filesystem, owned by tester
//   mirror-passthrough  a passmirrord mount (--passthrough=on) of such a directory
//   mirror-userspace    the same with --passthrough=off
//   mirror-*-shared     the same with --shared: every request switches to its
//                       caller (tester, the owner, here)
// main() runs as root: it prepares the tree (including files of tester2 that
// only root can make), starts the mirror, then forks the test itself as user
// tester (uid/gid 1000, for good) and cleans up after it.
//
// Where the filesystem decides (fallocate modes, say), a case does the same
// thing on a reference directory on the same filesystem and compares.

#include "companion.h"
#include "credentials.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "mountinfo.h"
#include "runas.h"
#include "scratchdir.h"
#include "waiting.h"

#include <QTest>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <linux/falloc.h>
#include <map>
#include <memory>
#include <set>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

// Where the test works; set by main() before the tests run.
struct Environment {
    std::string mode; // native | mirror-passthrough | mirror-userspace
    std::string root; // the directory under test (mount point or native directory)
    std::string reference; // a native directory on the same filesystem as the source
};
Environment g_environment;

// A scenario for one row: gets the row's fresh directory, returns "" when the
// filesystem behaved, or what went wrong.
using Scenario = std::function<QString(const std::string &dir)>;

int errnoOf(long long returned)
{
    return returned < 0 ? errno : 0;
}

QString errnoText(int error)
{
    return error == 0 ? QStringLiteral("success") : QString::fromStdString(errnoName(error)) + QLatin1Char(' ') + QString::fromLocal8Bit(std::strerror(error));
}

QString expectErrno(const char *what, int actual, int expected)
{
    if (actual == expected) {
        return {};
    }
    return QStringLiteral("%1: got %2, expected %3").arg(QLatin1String(what), errnoText(actual), errnoText(expected));
}

#define COMPARE_ERRNO(actual, expected)                                                                                                                        \
    do {                                                                                                                                                       \
        const QString problem_ = expectErrno(#actual, (actual), (expected));                                                                                   \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));                                                                                                    \
    } while (false)

#define VERIFY_SCENARIO(scenario, dir)                                                                                                                         \
    do {                                                                                                                                                       \
        const QString problem_ = (scenario)(dir);                                                                                                              \
        QVERIFY2(problem_.isEmpty(), qPrintable(problem_));                                                                                                    \
    } while (false)

bool sameTime(const timespec &a, const timespec &b)
{
    return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

QString timeText(const timespec &time)
{
    return QStringLiteral("%1.%2").arg(time.tv_sec).arg(time.tv_nsec, 9, 10, QLatin1Char('0'));
}

// A POSIX ACL in the kernel's xattr form (system.posix_acl_*).
struct AclEntry {
    std::uint16_t tag;
    std::uint16_t perm;
    std::uint32_t id;
};
constexpr std::uint16_t AclUserObj = 0x01, AclUser = 0x02, AclGroupObj = 0x04, AclGroup = 0x08, AclMask = 0x10, AclOther = 0x20;
constexpr std::uint32_t AclNoId = 0xffffffffu;

std::string aclXattr(const std::vector<AclEntry> &entries)
{
    std::string value;
    const std::uint32_t version = 2;
    value.append(reinterpret_cast<const char *>(&version), sizeof(version));
    for (const auto &entry : entries) {
        value.append(reinterpret_cast<const char *>(&entry.tag), sizeof(entry.tag));
        value.append(reinterpret_cast<const char *>(&entry.perm), sizeof(entry.perm));
        value.append(reinterpret_cast<const char *>(&entry.id), sizeof(entry.id));
    }
    return value;
}

std::optional<std::string> getXattr(const std::string &path, const char *name)
{
    std::string value(65536, '\0');
    const ssize_t size = ::lgetxattr(path.c_str(), name, value.data(), value.size());
    if (size < 0) {
        return std::nullopt;
    }
    value.resize(static_cast<std::size_t>(size));
    return value;
}

std::set<std::string> listXattrs(const std::string &path)
{
    std::string buffer(65536, '\0');
    const ssize_t size = ::llistxattr(path.c_str(), buffer.data(), buffer.size());
    std::set<std::string> names;
    for (ssize_t start = 0; start < size;) {
        const std::string name(buffer.data() + start);
        names.insert(name);
        start += static_cast<ssize_t>(name.size()) + 1;
    }
    return names;
}

// The calls that create a file system object with a mode the umask applies to.
enum class CreateCall {
    Open,
    Creat,
    Mkdir,
    MknodFifo,
    MknodRegular,
    Mkfifo,
    Tmpfile
};
constexpr int CreateCallCount = 7;

const char *createCallName(CreateCall call)
{
    switch (call) {
    case CreateCall::Open:
        return "open O_CREAT";
    case CreateCall::Creat:
        return "creat";
    case CreateCall::Mkdir:
        return "mkdir";
    case CreateCall::MknodFifo:
        return "mknod S_IFIFO";
    case CreateCall::MknodRegular:
        return "mknod S_IFREG";
    case CreateCall::Mkfifo:
        return "mkfifo";
    case CreateCall::Tmpfile:
        return "O_TMPFILE";
    }
    return "?";
}

// What a create left: its errno, the new object's permission bits and ACLs.
struct CreateOutcome {
    int error = 0;
    mode_t mode = 0; // st_mode & 07777
    std::optional<std::string> accessAcl;
    std::optional<std::string> defaultAcl;
};

// An extended attribute of an open file, nullopt when it has none.
std::optional<std::string> getFdXattr(int fd, const char *name)
{
    std::string value(65536, '\0');
    const ssize_t size = ::fgetxattr(fd, name, value.data(), value.size());
    if (size < 0) {
        return std::nullopt;
    }
    value.resize(static_cast<std::size_t>(size));
    return value;
}

// Makes "new" in `dir` with `call`, under the process's umask.
CreateOutcome create(CreateCall call, const std::string &dir, mode_t mode)
{
    const std::string path = dir + "/new";
    int result = 0;
    int fd = -1;
    switch (call) {
    case CreateCall::Open:
        result = fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        break;
    case CreateCall::Creat:
        result = fd = ::creat(path.c_str(), mode);
        break;
    case CreateCall::Mkdir:
        result = ::mkdir(path.c_str(), mode);
        break;
    case CreateCall::MknodFifo:
        result = ::mknod(path.c_str(), S_IFIFO | mode, 0);
        break;
    case CreateCall::MknodRegular:
        result = ::mknod(path.c_str(), S_IFREG | mode, 0);
        break;
    case CreateCall::Mkfifo:
        result = ::mkfifo(path.c_str(), mode);
        break;
    case CreateCall::Tmpfile:
        result = fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, mode);
        break;
    }
    CreateOutcome outcome;
    if (result < 0) {
        outcome.error = errno;
        return outcome;
    }
    struct stat status{};
    const int statResult = fd >= 0 ? ::fstat(fd, &status) : ::lstat(path.c_str(), &status);
    if (statResult != 0) {
        outcome.error = errno;
    }
    outcome.mode = status.st_mode & 07777;
    if (call == CreateCall::Tmpfile) {
        outcome.accessAcl = getFdXattr(fd, "system.posix_acl_access"); // an unnamed file
    } else {
        outcome.accessAcl = getXattr(path, "system.posix_acl_access");
        outcome.defaultAcl = getXattr(path, "system.posix_acl_default");
    }
    if (fd >= 0) {
        ::close(fd);
    }
    return outcome;
}

// The files main() prepares as root in the tree under test, before the tests
// run as tester.
namespace Prepared
{
constexpr const char *Directory = "prepared";
constexpr const char *Private = "prepared/private"; // tester2, 0600
constexpr const char *AclGranted = "prepared/acl-granted"; // tester2, 0600 + user:tester:r--
constexpr const char *AclMasked = "prepared/acl-masked"; // tester2, 0600 + user:tester:rw- masked to ---
} // namespace Prepared

std::string underRoot(const char *relative)
{
    return g_environment.root + '/' + relative;
}

bool prepareTree(const std::string &backing, std::string &error)
{
    const std::string dir = backing + '/' + Prepared::Directory;
    if (::mkdir(dir.c_str(), 0755) != 0) {
        error = "mkdir " + dir + ": " + std::strerror(errno);
        return false;
    }
    struct File {
        const char *name;
        std::string acl;
    };
    const File files[] = {
        {Prepared::Private, {}},
        {Prepared::AclGranted,
         aclXattr({{AclUserObj, 6, AclNoId}, {AclUser, 4, Tester.uid}, {AclGroupObj, 0, AclNoId}, {AclMask, 4, AclNoId}, {AclOther, 0, AclNoId}})},
        {Prepared::AclMasked,
         aclXattr({{AclUserObj, 6, AclNoId}, {AclUser, 6, Tester.uid}, {AclGroupObj, 0, AclNoId}, {AclMask, 0, AclNoId}, {AclOther, 0, AclNoId}})},
    };
    for (const auto &file : files) {
        const std::string path = backing + '/' + file.name;
        if (writeFile(path, std::string("content of ") + file.name, 0600) != 0 || ::chown(path.c_str(), Tester2.uid, Tester2.gid) != 0
            || ::chmod(path.c_str(), 0600) != 0) {
            error = "preparing " + path + ": " + std::strerror(errno);
            return false;
        }
        if (!file.acl.empty() && ::setxattr(path.c_str(), "system.posix_acl_access", file.acl.data(), file.acl.size(), 0) != 0) {
            error = "setting an ACL on " + path + ": " + std::strerror(errno);
            return false;
        }
    }
    return true;
}

} // namespace

Q_DECLARE_METATYPE(Scenario)

class ConformanceTest : public QObject
{
    Q_OBJECT

private:
    std::string m_dir; // fresh for every test function and row
    std::string m_referenceDir; // the same, natively, for comparisons

    std::string at(const std::string &name) const
    {
        return m_dir + '/' + name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!g_environment.root.empty(), "no directory under test");
        QCOMPARE(::getuid(), Tester.uid);
        QCOMPARE(::geteuid(), Tester.uid);
        ::umask(022);
        qInfo("mode %s: testing in %s", g_environment.mode.c_str(), g_environment.root.c_str());
    }

    void init()
    {
        QString name = QString::fromLatin1(QTest::currentTestFunction());
        if (const char *tag = QTest::currentDataTag()) {
            name += QLatin1Char('-') + QString::fromUtf8(tag);
        }
        for (QChar &c : name) {
            if (!c.isLetterOrNumber() && c != QLatin1Char('-')) {
                c = QLatin1Char('_');
            }
        }
        m_dir = g_environment.root + '/' + name.toStdString();
        m_referenceDir = g_environment.reference + '/' + name.toStdString();
        QVERIFY2(::mkdir(m_dir.c_str(), 0755) == 0, qPrintable(QStringLiteral("mkdir %1: %2").arg(QString::fromStdString(m_dir), errnoText(errno))));
        QVERIFY2(::mkdir(m_referenceDir.c_str(), 0755) == 0, qPrintable(QString::fromStdString(m_referenceDir)));
    }

    // lookup + getattr
    void shouldLookUpAndReportAttributes_data()
    {
        QTest::addColumn<QByteArray>("name"); // below the test's directory
        QTest::addColumn<Scenario>("make");
        QTest::addColumn<int>("expectedType");
        QTest::addColumn<int>("expectedLinks");
        QTest::addColumn<qint64>("expectedSize");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("regular file") << QByteArray("entry") << Scenario([](const std::string &p) -> QString {
            return writeFile(p, "hello") == 0 ? QString() : QStringLiteral("create failed");
        }) << int(S_IFREG) << 1 << qint64(5)
                                      << 0;
        QTest::newRow("directory") << QByteArray("entry") << Scenario([](const std::string &p) -> QString {
            return ::mkdir(p.c_str(), 0755) == 0 ? QString() : QStringLiteral("mkdir failed");
        }) << int(S_IFDIR) << 2 << qint64(-1)
                                   << 0;
        QTest::newRow("symlink") << QByteArray("entry") << Scenario([](const std::string &p) -> QString {
            return ::symlink("some/target", p.c_str()) == 0 ? QString() : QStringLiteral("symlink failed");
        }) << int(S_IFLNK) << 1 << qint64(11)
                                 << 0;
        QTest::newRow("fifo") << QByteArray("entry") << Scenario([](const std::string &p) -> QString {
            return ::mkfifo(p.c_str(), 0644) == 0 ? QString() : QStringLiteral("mkfifo failed");
        }) << int(S_IFIFO) << 1
                              << qint64(0) << 0;
        QTest::newRow("missing") << QByteArray("entry") << Scenario([](const std::string &) -> QString {
            return QString();
        }) << 0 << 0 << qint64(0) << ENOENT;
        QTest::newRow("below a file") << QByteArray("file/entry") << Scenario([](const std::string &p) -> QString {
            return writeFile(p.substr(0, p.rfind('/')), "x") == 0 ? QString() : QStringLiteral("create failed");
        }) << 0 << 0 << qint64(0) << ENOTDIR;
    }

    void shouldLookUpAndReportAttributes()
    {
        QFETCH(QByteArray, name);
        QFETCH(Scenario, make);
        QFETCH(int, expectedType);
        QFETCH(int, expectedLinks);
        QFETCH(qint64, expectedSize);
        QFETCH(int, expectedErrno);

        const std::string path = at(name.toStdString());
        VERIFY_SCENARIO(make, path);
        struct stat status{};
        COMPARE_ERRNO(errnoOf(::lstat(path.c_str(), &status)), expectedErrno);
        if (expectedErrno != 0) {
            return;
        }
        QCOMPARE(int(status.st_mode & S_IFMT), expectedType);
        QCOMPARE(int(status.st_nlink), expectedLinks);
        QCOMPARE(status.st_uid, Tester.uid);
        QCOMPARE(status.st_gid, Tester.gid);
        if (expectedSize >= 0) {
            QCOMPARE(qint64(status.st_size), expectedSize);
        }
        // The same inode through a directory fd and again by name.
        Fd dirFd(::open(m_dir.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        QVERIFY(dirFd.isValid());
        struct stat again{};
        QCOMPARE(::fstatat(dirFd.get(), "entry", &again, AT_SYMLINK_NOFOLLOW), 0);
        QCOMPARE(again.st_ino, status.st_ino);
        QCOMPARE(again.st_mode, status.st_mode);
        // Lookup of a nested path finds the same entry.
        const std::string nested = m_dir + "/./entry";
        QCOMPARE(::lstat(nested.c_str(), &again), 0);
        QCOMPARE(again.st_ino, status.st_ino);
    }

    // setattr: chmod
    void shouldChangeMode_data()
    {
        QTest::addColumn<bool>("directory");
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("throughFd");

        QTest::newRow("file 0600") << false << 0600 << false;
        QTest::newRow("file 0755") << false << 0755 << false;
        QTest::newRow("file 0444 via fchmod") << false << 0444 << true;
        QTest::newRow("file 0000") << false << 0000 << false;
        QTest::newRow("file setuid 04755") << false << 04755 << false;
        QTest::newRow("directory 0700") << true << 0700 << false;
        QTest::newRow("directory sticky 01777") << true << 01777 << false;
    }

    void shouldChangeMode()
    {
        QFETCH(bool, directory);
        QFETCH(int, mode);
        QFETCH(bool, throughFd);

        const std::string path = at("target");
        if (directory) {
            QCOMPARE(::mkdir(path.c_str(), 0755), 0);
        } else {
            QCOMPARE(writeFile(path, "data"), 0);
        }
        struct stat before{};
        QCOMPARE(::stat(path.c_str(), &before), 0);
        if (throughFd) {
            Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
            QVERIFY(fd.isValid());
            COMPARE_ERRNO(errnoOf(::fchmod(fd.get(), static_cast<mode_t>(mode))), 0);
        } else {
            COMPARE_ERRNO(errnoOf(::chmod(path.c_str(), static_cast<mode_t>(mode))), 0);
        }
        struct stat after{};
        QCOMPARE(::stat(path.c_str(), &after), 0);
        QCOMPARE(int(after.st_mode & 07777), mode);
        QCOMPARE(after.st_mode & S_IFMT, before.st_mode & S_IFMT);
    }

    // setattr: chown as a non-owner-of-the-target-ids user
    void shouldRefuseChownForNonOwner_data()
    {
        QTest::addColumn<int>("uid");
        QTest::addColumn<int>("gid");
        QTest::addColumn<bool>("symlink");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("give to tester2") << int(Tester2.uid) << -1 << false << EPERM;
        QTest::newRow("give to root") << 0 << -1 << false << EPERM;
        QTest::newRow("group of tester2") << -1 << int(Tester2.gid) << false << EPERM;
        QTest::newRow("symlink to tester2") << int(Tester2.uid) << -1 << true << EPERM;
        QTest::newRow("own ids") << int(Tester.uid) << int(Tester.gid) << false << 0;
        QTest::newRow("no change") << -1 << -1 << false << 0;
    }

    void shouldRefuseChownForNonOwner()
    {
        QFETCH(int, uid);
        QFETCH(int, gid);
        QFETCH(bool, symlink);
        QFETCH(int, expectedErrno);

        const std::string path = at("target");
        if (symlink) {
            QCOMPARE(::symlink("somewhere", path.c_str()), 0);
        } else {
            QCOMPARE(writeFile(path, "data"), 0);
        }
        COMPARE_ERRNO(errnoOf(::lchown(path.c_str(), static_cast<uid_t>(uid), static_cast<gid_t>(gid))), expectedErrno);
        struct stat status{};
        QCOMPARE(::lstat(path.c_str(), &status), 0);
        QCOMPARE(status.st_uid, Tester.uid);
        QCOMPARE(status.st_gid, Tester.gid);
    }

    // setattr: chown(path, -1, -1) changes no id, yet it is a chown: its
    // ctime moves and a file loses its set-user-id bit, and its set-group-id
    // bit when the group may execute it (natively; the kernel leaves that
    // to the mirror, and sends a SETATTR that names no attribute).
    void shouldClearSetIdBitsOnAChownOfNoId_data()
    {
        QTest::addColumn<bool>("directory");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("expectedMode");

        QTest::newRow("file 06755") << false << 06755 << 0755;
        QTest::newRow("file 04700") << false << 04700 << 0700;
        QTest::newRow("file 02745 (no group execute)") << false << 02745 << 02745;
        QTest::newRow("file 0644") << false << 0644 << 0644;
        QTest::newRow("directory 02755") << true << 02755 << 02755;
    }

    void shouldClearSetIdBitsOnAChownOfNoId()
    {
        QFETCH(bool, directory);
        QFETCH(int, mode);
        QFETCH(int, expectedMode);

        const std::string path = at("target");
        if (directory) {
            QCOMPARE(::mkdir(path.c_str(), 0755), 0);
        } else {
            QCOMPARE(writeFile(path, "data"), 0);
        }
        QCOMPARE(::chmod(path.c_str(), static_cast<mode_t>(mode)), 0);
        struct stat before{};
        QCOMPARE(::stat(path.c_str(), &before), 0);
        QCOMPARE(int(before.st_mode & 07777), mode);
        // Past the filesystem's timestamp granularity (a jiffy).
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        COMPARE_ERRNO(errnoOf(::chown(path.c_str(), static_cast<uid_t>(-1), static_cast<gid_t>(-1))), 0);
        struct stat after{};
        QCOMPARE(::stat(path.c_str(), &after), 0);
        QCOMPARE(int(after.st_mode & 07777), expectedMode);
        QVERIFY2(after.st_ctim.tv_sec > before.st_ctim.tv_sec
                     || (after.st_ctim.tv_sec == before.st_ctim.tv_sec && after.st_ctim.tv_nsec > before.st_ctim.tv_nsec),
                 "ctime did not move");
    }

    // setattr: size
    void shouldTruncate_data()
    {
        QTest::addColumn<int>("initialSize");
        QTest::addColumn<qint64>("newSize");
        QTest::addColumn<bool>("throughFd");

        QTest::newRow("shrink by path") << 10000 << qint64(100) << false;
        QTest::newRow("shrink by fd") << 10000 << qint64(4097) << true;
        QTest::newRow("grow by path") << 100 << qint64(70000) << false;
        QTest::newRow("grow by fd") << 100 << qint64(4096) << true;
        QTest::newRow("to zero") << 5000 << qint64(0) << false;
        QTest::newRow("same size") << 5000 << qint64(5000) << true;
        QTest::newRow("sparse 5 GiB") << 10 << qint64(5) * 1024 * 1024 * 1024 << true;
    }

    void shouldTruncate()
    {
        QFETCH(int, initialSize);
        QFETCH(qint64, newSize);
        QFETCH(bool, throughFd);

        const std::string path = at("file");
        const std::string initial = pattern(1, static_cast<std::size_t>(initialSize));
        QCOMPARE(writeFile(path, initial), 0);
        if (throughFd) {
            Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
            QVERIFY(fd.isValid());
            COMPARE_ERRNO(errnoOf(::ftruncate(fd.get(), newSize)), 0);
        } else {
            COMPARE_ERRNO(errnoOf(::truncate(path.c_str(), newSize)), 0);
        }
        struct stat status{};
        QCOMPARE(::stat(path.c_str(), &status), 0);
        QCOMPARE(qint64(status.st_size), newSize);
        Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        QVERIFY(fd.isValid());
        const std::size_t check = static_cast<std::size_t>(std::min<qint64>(newSize, initialSize + 8192));
        const auto content = preadAll(fd.get(), 0, check);
        QVERIFY(content.has_value());
        std::string expected = initial.substr(0, std::min<std::size_t>(initial.size(), check));
        expected.resize(check, '\0');
        QVERIFY2(*content == expected, "content after truncate differs: kept bytes changed or the grown part is not zeros");
    }

    // setattr: times (tar sets mtime with atime UTIME_OMIT)
    void shouldSetTimes_data()
    {
        QTest::addColumn<qint64>("atimeSec");
        QTest::addColumn<qint64>("atimeNsec");
        QTest::addColumn<qint64>("mtimeSec");
        QTest::addColumn<qint64>("mtimeNsec");
        QTest::addColumn<bool>("throughFd");

        QTest::newRow("atime omit, explicit mtime (tar)") << qint64(0) << qint64(UTIME_OMIT) << qint64(1234567890) << qint64(123456789) << false;
        QTest::newRow("atime omit, explicit mtime, by fd") << qint64(0) << qint64(UTIME_OMIT) << qint64(1234567890) << qint64(5) << true;
        QTest::newRow("explicit atime, mtime omit") << qint64(1500000000) << qint64(999999999) << qint64(0) << qint64(UTIME_OMIT) << false;
        QTest::newRow("both now") << qint64(0) << qint64(UTIME_NOW) << qint64(0) << qint64(UTIME_NOW) << false;
        QTest::newRow("both now, by fd") << qint64(0) << qint64(UTIME_NOW) << qint64(0) << qint64(UTIME_NOW) << true;
        QTest::newRow("atime now, mtime omit") << qint64(0) << qint64(UTIME_NOW) << qint64(0) << qint64(UTIME_OMIT) << false;
        QTest::newRow("atime omit, mtime now") << qint64(0) << qint64(UTIME_OMIT) << qint64(0) << qint64(UTIME_NOW) << false;
        QTest::newRow("both explicit") << qint64(1000000000) << qint64(1) << qint64(1100000000) << qint64(2) << false;
        QTest::newRow("both omit") << qint64(0) << qint64(UTIME_OMIT) << qint64(0) << qint64(UTIME_OMIT) << false;
        QTest::newRow("year 2100") << qint64(4102444800) << qint64(0) << qint64(4102444801) << qint64(0) << false;
        QTest::newRow("before 1970") << qint64(-1) << qint64(0) << qint64(-86400) << qint64(500) << false;
    }

    void shouldSetTimes()
    {
        QFETCH(qint64, atimeSec);
        QFETCH(qint64, atimeNsec);
        QFETCH(qint64, mtimeSec);
        QFETCH(qint64, mtimeNsec);
        QFETCH(bool, throughFd);

        const std::string path = at("file");
        QCOMPARE(writeFile(path, "data"), 0);
        const timespec initial[2] = {{946684800, 111}, {946684800, 222}}; // 2000-01-01
        QCOMPARE(::utimensat(AT_FDCWD, path.c_str(), initial, 0), 0);

        const timespec wanted[2] = {{static_cast<time_t>(atimeSec), static_cast<long>(atimeNsec)},
                                    {static_cast<time_t>(mtimeSec), static_cast<long>(mtimeNsec)}};
        timespec before{};
        ::clock_gettime(CLOCK_REALTIME_COARSE, &before);
        if (throughFd) {
            Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
            QVERIFY(fd.isValid());
            COMPARE_ERRNO(errnoOf(::futimens(fd.get(), wanted)), 0);
        } else {
            COMPARE_ERRNO(errnoOf(::utimensat(AT_FDCWD, path.c_str(), wanted, 0)), 0);
        }
        timespec after{};
        ::clock_gettime(CLOCK_REALTIME, &after);

        struct stat status{};
        QCOMPARE(::stat(path.c_str(), &status), 0);
        const timespec actual[2] = {status.st_atim, status.st_mtim};
        const char *names[2] = {"atime", "mtime"};
        for (int i = 0; i < 2; ++i) {
            const timespec &got = actual[i];
            if (wanted[i].tv_nsec == UTIME_OMIT) {
                QVERIFY2(
                    sameTime(got, initial[i]),
                    qPrintable(
                        QStringLiteral("%1 changed to %2, expected it untouched at %3").arg(QLatin1String(names[i]), timeText(got), timeText(initial[i]))));
            } else if (wanted[i].tv_nsec == UTIME_NOW) {
                const bool inRange = (got.tv_sec > before.tv_sec || (got.tv_sec == before.tv_sec && got.tv_nsec >= before.tv_nsec))
                    && (got.tv_sec < after.tv_sec || (got.tv_sec == after.tv_sec && got.tv_nsec <= after.tv_nsec));
                QVERIFY2(
                    inRange,
                    qPrintable(
                        QStringLiteral("%1 is %2, expected now (%3 .. %4)").arg(QLatin1String(names[i]), timeText(got), timeText(before), timeText(after))));
            } else {
                QVERIFY2(sameTime(got, wanted[i]),
                         qPrintable(QStringLiteral("%1 is %2, expected exactly %3").arg(QLatin1String(names[i]), timeText(got), timeText(wanted[i]))));
            }
        }
    }

    // symlink + readlink
    void shouldKeepSymlinkTargets_data()
    {
        QTest::addColumn<QByteArray>("target");

        QTest::newRow("relative") << QByteArray("target");
        QTest::newRow("absolute") << QByteArray("/etc/passwd");
        QTest::newRow("dangling") << QByteArray("does/not/exist");
        QTest::newRow("dot-dot") << QByteArray("../../outside");
        QTest::newRow("spaces and unicode") << QByteArray("dir with space/\xc3\xbc\xe2\x82\xac.txt");
        QTest::newRow("1000 bytes") << QByteArray(1000, 'x');
        QTest::newRow("4095 bytes") << QByteArray(4095, 'y');
    }

    void shouldKeepSymlinkTargets()
    {
        QFETCH(QByteArray, target);

        const std::string link = at("link");
        COMPARE_ERRNO(errnoOf(::symlink(target.constData(), link.c_str())), 0);
        char buffer[8192];
        const ssize_t size = ::readlink(link.c_str(), buffer, sizeof(buffer));
        QVERIFY2(size >= 0, qPrintable(errnoText(errno)));
        QCOMPARE(QByteArray(buffer, size), target);
        struct stat status{};
        QCOMPARE(::lstat(link.c_str(), &status), 0);
        QVERIFY(S_ISLNK(status.st_mode));
        QCOMPARE(qint64(status.st_size), qint64(target.size()));
        // A short buffer truncates, as readlink(2) says.
        char small[4];
        QCOMPARE(::readlink(link.c_str(), small, sizeof(small)), ssize_t(std::min<qsizetype>(4, target.size())));
        // Creating it again fails.
        COMPARE_ERRNO(errnoOf(::symlink("other", link.c_str())), EEXIST);
    }

    // mknod
    void shouldMakeNodes_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("fifo") << int(S_IFIFO) << 0;
        QTest::newRow("socket") << int(S_IFSOCK) << 0;
        QTest::newRow("regular file") << int(S_IFREG) << 0;
        QTest::newRow("character device refused") << int(S_IFCHR) << EPERM;
        QTest::newRow("block device refused") << int(S_IFBLK) << EPERM;
    }

    void shouldMakeNodes()
    {
        QFETCH(int, type);
        QFETCH(int, expectedErrno);

        const std::string path = at("node");
        const dev_t device = (type == S_IFCHR || type == S_IFBLK) ? makedev(1, 3) : 0;
        COMPARE_ERRNO(errnoOf(::mknod(path.c_str(), static_cast<mode_t>(type) | 0640, device)), expectedErrno);
        struct stat status{};
        if (expectedErrno != 0) {
            COMPARE_ERRNO(errnoOf(::lstat(path.c_str(), &status)), ENOENT);
            return;
        }
        QCOMPARE(::lstat(path.c_str(), &status), 0);
        QCOMPARE(int(status.st_mode & S_IFMT), type);
        QCOMPARE(int(status.st_mode & 07777), 0640);
        QCOMPARE(status.st_uid, Tester.uid);
    }

    void shouldPassDataThroughFifoAndSocket_data()
    {
        QTest::addColumn<bool>("socket");
        QTest::newRow("fifo") << false;
        QTest::newRow("unix socket") << true;
    }

    void shouldPassDataThroughFifoAndSocket()
    {
        QFETCH(bool, socket);
        const std::string path = at("node");
        if (!socket) {
            QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
            Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
            QVERIFY2(fd.isValid(), qPrintable(errnoText(errno)));
            QCOMPARE(::write(fd.get(), "ping", 4), ssize_t(4));
            char buffer[4];
            QCOMPARE(::read(fd.get(), buffer, 4), ssize_t(4));
            QCOMPARE(QByteArray(buffer, 4), QByteArray("ping"));
            return;
        }
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        QVERIFY(path.size() < sizeof(address.sun_path));
        std::strcpy(address.sun_path, path.c_str());
        Fd server(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        COMPARE_ERRNO(errnoOf(::bind(server.get(), reinterpret_cast<sockaddr *>(&address), sizeof(address))), 0);
        QCOMPARE(::listen(server.get(), 1), 0);
        struct stat status{};
        QCOMPARE(::lstat(path.c_str(), &status), 0);
        QVERIFY(S_ISSOCK(status.st_mode));
        Fd client(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        COMPARE_ERRNO(errnoOf(::connect(client.get(), reinterpret_cast<sockaddr *>(&address), sizeof(address))), 0);
        Fd accepted(::accept4(server.get(), nullptr, nullptr, SOCK_CLOEXEC));
        QVERIFY(accepted.isValid());
        QCOMPARE(::write(client.get(), "pong", 4), ssize_t(4));
        char buffer[4];
        QCOMPARE(::read(accepted.get(), buffer, 4), ssize_t(4));
        QCOMPARE(QByteArray(buffer, 4), QByteArray("pong"));
    }

    // mkdir
    void shouldMakeDirectories_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("expectedMode");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("0755") << QByteArray("d") << 0755 << 0755 << 0;
        QTest::newRow("0777 under umask 022") << QByteArray("d") << 0777 << 0755 << 0;
        QTest::newRow("0700") << QByteArray("d") << 0700 << 0700 << 0;
        QTest::newRow("sticky 01777") << QByteArray("d") << 01777 << 01755 << 0;
        QTest::newRow("existing") << QByteArray("existing") << 0755 << 0 << EEXIST;
        QTest::newRow("missing parent") << QByteArray("missing/d") << 0755 << 0 << ENOENT;
        QTest::newRow("name too long") << QByteArray(256, 'n') << 0755 << 0 << ENAMETOOLONG;
    }

    void shouldMakeDirectories()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, mode);
        QFETCH(int, expectedMode);
        QFETCH(int, expectedErrno);

        QCOMPARE(::mkdir(at("existing").c_str(), 0755), 0);
        const std::string path = at(name.toStdString());
        COMPARE_ERRNO(errnoOf(::mkdir(path.c_str(), static_cast<mode_t>(mode))), expectedErrno);
        if (expectedErrno != 0) {
            return;
        }
        struct stat status{};
        QCOMPARE(::stat(path.c_str(), &status), 0);
        QVERIFY(S_ISDIR(status.st_mode));
        QCOMPARE(int(status.st_mode & 07777), expectedMode);
        QCOMPARE(status.st_uid, Tester.uid);
        QCOMPARE(int(status.st_nlink), 2);
        struct stat parent{};
        QCOMPARE(::stat(m_dir.c_str(), &parent), 0);
        QCOMPARE(int(parent.st_nlink), 4); // ., .., existing, the new one
    }

    // unlink
    void shouldUnlink_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("file") << QByteArray("file") << 0;
        QTest::newRow("symlink") << QByteArray("symlink") << 0;
        QTest::newRow("fifo") << QByteArray("fifo") << 0;
        QTest::newRow("open file stays readable") << QByteArray("open") << 0;
        QTest::newRow("directory") << QByteArray("directory") << EISDIR;
        QTest::newRow("missing") << QByteArray("missing") << ENOENT;
    }

    void shouldUnlink()
    {
        QFETCH(QByteArray, kind);
        QFETCH(int, expectedErrno);

        const std::string path = at("entry");
        Fd open;
        if (kind == "file" || kind == "open") {
            QCOMPARE(writeFile(path, "still here"), 0);
        } else if (kind == "symlink") {
            QCOMPARE(::symlink("target", path.c_str()), 0);
        } else if (kind == "fifo") {
            QCOMPARE(::mkfifo(path.c_str(), 0600), 0);
        } else if (kind == "directory") {
            QCOMPARE(::mkdir(path.c_str(), 0755), 0);
        }
        if (kind == "open") {
            open = Fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
            QVERIFY(open.isValid());
        }
        COMPARE_ERRNO(errnoOf(::unlink(path.c_str())), expectedErrno);
        struct stat status{};
        if (expectedErrno == 0) {
            COMPARE_ERRNO(errnoOf(::lstat(path.c_str(), &status)), ENOENT);
            COMPARE_ERRNO(errnoOf(::unlink(path.c_str())), ENOENT);
        }
        if (open.isValid()) {
            QCOMPARE(preadAll(open.get(), 0, 100).value_or("<error>"), std::string("still here"));
            QCOMPARE(pwriteAll(open.get(), "!", 10), 0);
            QCOMPARE(::fstat(open.get(), &status), 0);
            QCOMPARE(int(status.st_nlink), 0);
            QCOMPARE(qint64(status.st_size), qint64(11));
        }
        const auto names = listDirectory(m_dir);
        QVERIFY(names.has_value());
        QCOMPARE(names->size(), std::size_t(expectedErrno == 0 || kind == "missing" ? 0 : 1));
    }

    // rmdir
    void shouldRemoveDirectories_data()
    {
        QTest::addColumn<QByteArray>("kind");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("empty") << QByteArray("empty") << 0;
        QTest::newRow("not empty") << QByteArray("nonempty") << ENOTEMPTY;
        QTest::newRow("containing only a subdirectory") << QByteArray("nested") << ENOTEMPTY;
        QTest::newRow("a file") << QByteArray("file") << ENOTDIR;
        QTest::newRow("missing") << QByteArray("missing") << ENOENT;
        QTest::newRow("dot") << QByteArray("dot") << EINVAL;
    }

    void shouldRemoveDirectories()
    {
        QFETCH(QByteArray, kind);
        QFETCH(int, expectedErrno);

        std::string path = at("d");
        if (kind == "file") {
            QCOMPARE(writeFile(path, "x"), 0);
        } else if (kind != "missing") {
            QCOMPARE(::mkdir(path.c_str(), 0755), 0);
        }
        if (kind == "nonempty") {
            QCOMPARE(writeFile(path + "/f", "x"), 0);
        } else if (kind == "nested") {
            QCOMPARE(::mkdir((path + "/sub").c_str(), 0755), 0);
        } else if (kind == "dot") {
            path += "/.";
        }
        COMPARE_ERRNO(errnoOf(::rmdir(path.c_str())), expectedErrno);
        struct stat status{};
        const int statResult = errnoOf(::lstat(at("d").c_str(), &status));
        QCOMPARE(statResult, (expectedErrno == 0 || kind == "missing") ? ENOENT : 0);
    }

    // rename and renameat2
    void shouldRename_data()
    {
        QTest::addColumn<QByteArray>("setup"); // what exists before: f=file "from", t=file "to", D=dir "dir" with file, E=empty dir "empty"
        QTest::addColumn<QByteArray>("from");
        QTest::addColumn<QByteArray>("to");
        QTest::addColumn<uint>("flags");
        QTest::addColumn<int>("expectedErrno");
        QTest::addColumn<QByteArray>("expectedAfter"); // name=content;name=content (content "<dir>" for directories)

        QTest::newRow("plain") << QByteArray("f") << QByteArray("from") << QByteArray("renamed") << 0u << 0 << QByteArray("renamed=FROM");
        QTest::newRow("over a file") << QByteArray("ft") << QByteArray("from") << QByteArray("to") << 0u << 0 << QByteArray("to=FROM");
        QTest::newRow("into a subdirectory") << QByteArray("fD") << QByteArray("from") << QByteArray("dir/moved") << 0u << 0
                                             << QByteArray("dir=<dir>;dir/inner=INNER;dir/moved=FROM");
        QTest::newRow("onto itself") << QByteArray("f") << QByteArray("from") << QByteArray("from") << 0u << 0 << QByteArray("from=FROM");
        QTest::newRow("noreplace onto existing") << QByteArray("ft") << QByteArray("from") << QByteArray("to") << uint(RENAME_NOREPLACE) << EEXIST
                                                 << QByteArray("from=FROM;to=TO");
        QTest::newRow("noreplace onto nothing") << QByteArray("f") << QByteArray("from") << QByteArray("to") << uint(RENAME_NOREPLACE) << 0
                                                << QByteArray("to=FROM");
        QTest::newRow("exchange files") << QByteArray("ft") << QByteArray("from") << QByteArray("to") << uint(RENAME_EXCHANGE) << 0
                                        << QByteArray("from=TO;to=FROM");
        QTest::newRow("exchange file and directory") << QByteArray("fD") << QByteArray("from") << QByteArray("dir") << uint(RENAME_EXCHANGE) << 0
                                                     << QByteArray("dir=FROM;from=<dir>;from/inner=INNER");
        QTest::newRow("exchange with missing") << QByteArray("f") << QByteArray("from") << QByteArray("to") << uint(RENAME_EXCHANGE) << ENOENT
                                               << QByteArray("from=FROM");
        QTest::newRow("directory into its own subtree")
            << QByteArray("D") << QByteArray("dir") << QByteArray("dir/inside") << 0u << EINVAL << QByteArray("dir=<dir>;dir/inner=INNER");
        QTest::newRow("directory over empty directory")
            << QByteArray("DE") << QByteArray("dir") << QByteArray("empty") << 0u << 0 << QByteArray("empty=<dir>;empty/inner=INNER");
        QTest::newRow("directory over non-empty directory")
            << QByteArray("DE") << QByteArray("empty") << QByteArray("dir") << 0u << ENOTEMPTY << QByteArray("dir=<dir>;dir/inner=INNER;empty=<dir>");
        QTest::newRow("file over directory") << QByteArray("fE") << QByteArray("from") << QByteArray("empty") << 0u << EISDIR
                                             << QByteArray("empty=<dir>;from=FROM");
        QTest::newRow("directory over file") << QByteArray("tE") << QByteArray("empty") << QByteArray("to") << 0u << ENOTDIR << QByteArray("empty=<dir>;to=TO");
        QTest::newRow("missing source") << QByteArray("t") << QByteArray("nothing") << QByteArray("to") << 0u << ENOENT << QByteArray("to=TO");
    }

    void shouldRename()
    {
        QFETCH(QByteArray, setup);
        QFETCH(QByteArray, from);
        QFETCH(QByteArray, to);
        QFETCH(uint, flags);
        QFETCH(int, expectedErrno);
        QFETCH(QByteArray, expectedAfter);

        if (setup.contains('f')) {
            QCOMPARE(writeFile(at("from"), "FROM"), 0);
        }
        if (setup.contains('t')) {
            QCOMPARE(writeFile(at("to"), "TO"), 0);
        }
        if (setup.contains('D')) {
            QCOMPARE(::mkdir(at("dir").c_str(), 0755), 0);
            QCOMPARE(writeFile(at("dir/inner"), "INNER"), 0);
        }
        if (setup.contains('E')) {
            QCOMPARE(::mkdir(at("empty").c_str(), 0755), 0);
        }
        // Make the kernel know every entry first, so stale caches would show.
        for (const char *name : {"from", "to", "dir", "empty", "dir/inner"}) {
            struct stat ignored{};
            ::lstat(at(name).c_str(), &ignored);
        }
        COMPARE_ERRNO(errnoOf(::renameat2(AT_FDCWD, at(from.toStdString()).c_str(), AT_FDCWD, at(to.toStdString()).c_str(), flags)), expectedErrno);

        // Walk the tree and compare with what should be there.
        QStringList found;
        std::function<void(const std::string &)> walk = [&](const std::string &relative) {
            const auto names = listDirectory(relative.empty() ? m_dir : at(relative));
            QVERIFY(names.has_value());
            for (const auto &name : *names) {
                const std::string child = relative.empty() ? name : relative + '/' + name;
                struct stat status{};
                QCOMPARE(::lstat(at(child).c_str(), &status), 0);
                if (S_ISDIR(status.st_mode)) {
                    found << QString::fromStdString(child) + QStringLiteral("=<dir>");
                    walk(child);
                } else {
                    found << QString::fromStdString(child + '=' + readFile(at(child)).value_or("<unreadable>"));
                }
            }
        };
        walk({});
        found.sort();
        QStringList expected = QString::fromLatin1(expectedAfter).split(QLatin1Char(';'));
        expected.sort();
        QCOMPARE(found.join(QLatin1Char(';')), expected.join(QLatin1Char(';')));
    }

    // link: every name shows the same attributes at once
    void shouldShowSameAttributesOnEveryName_data()
    {
        QTest::addColumn<Scenario>("change"); // applied through the second name
        QTest::addColumn<int>("expectedLinks");

        QTest::newRow("just linked") << Scenario([](const std::string &) -> QString {
            return QString();
        }) << 2;
        QTest::newRow("chmod through the new name") << Scenario([](const std::string &p) -> QString {
            return ::chmod(p.c_str(), 0604) == 0 ? QString() : errnoText(errno);
        }) << 2;
        QTest::newRow("mtime set through the new name") << Scenario([](const std::string &p) -> QString {
            const timespec times[2] = {{0, UTIME_OMIT}, {1111111111, 42}};
            return ::utimensat(AT_FDCWD, p.c_str(), times, 0) == 0 ? QString() : errnoText(errno);
        }) << 2;
        QTest::newRow("written through the new name") << Scenario([](const std::string &p) -> QString {
            return writeFile(p, "a longer content than before", 0644, O_APPEND) == 0 ? QString() : errnoText(errno);
        }) << 2;
        QTest::newRow("third name") << Scenario([](const std::string &p) -> QString {
            return ::link(p.c_str(), (p + "-third").c_str()) == 0 ? QString() : errnoText(errno);
        }) << 3;
        QTest::newRow("new name unlinked again") << Scenario([](const std::string &p) -> QString {
            return ::unlink(p.c_str()) == 0 ? QString() : errnoText(errno);
        }) << 1;
    }

    void shouldShowSameAttributesOnEveryName()
    {
        QFETCH(Scenario, change);
        QFETCH(int, expectedLinks);

        const std::string first = at("first");
        const std::string second = at("second");
        QCOMPARE(writeFile(first, "content"), 0);
        struct stat cached{};
        QCOMPARE(::stat(first.c_str(), &cached), 0); // the kernel now caches first's attributes
        QCOMPARE(int(cached.st_nlink), 1);
        Fd openFirst(::open(first.c_str(), O_RDONLY | O_CLOEXEC));
        QVERIFY(openFirst.isValid());

        COMPARE_ERRNO(errnoOf(::link(first.c_str(), second.c_str())), 0);
        VERIFY_SCENARIO(change, second);

        struct stat viaFirst{};
        struct stat viaFd{};
        QCOMPARE(::stat(first.c_str(), &viaFirst), 0);
        QCOMPARE(::fstat(openFirst.get(), &viaFd), 0);
        QCOMPARE(int(viaFirst.st_nlink), expectedLinks);
        QCOMPARE(int(viaFd.st_nlink), expectedLinks);
        std::vector<std::string> names{second};
        if (expectedLinks == 3) {
            names.push_back(second + "-third");
        }
        if (expectedLinks == 1) {
            names.clear();
        }
        for (const auto &name : names) {
            struct stat other{};
            QCOMPARE(::stat(name.c_str(), &other), 0);
            QCOMPARE(other.st_ino, viaFirst.st_ino);
            QCOMPARE(int(other.st_nlink), int(viaFirst.st_nlink));
            QCOMPARE(other.st_mode, viaFirst.st_mode);
            QCOMPARE(qint64(other.st_size), qint64(viaFirst.st_size));
            QVERIFY2(sameTime(other.st_mtim, viaFirst.st_mtim), qPrintable(timeText(other.st_mtim) + QStringLiteral(" vs ") + timeText(viaFirst.st_mtim)));
            QVERIFY2(sameTime(other.st_ctim, viaFirst.st_ctim), qPrintable(timeText(other.st_ctim) + QStringLiteral(" vs ") + timeText(viaFirst.st_ctim)));
        }
        QCOMPARE(viaFd.st_mode, viaFirst.st_mode);
        QCOMPARE(qint64(viaFd.st_size), qint64(viaFirst.st_size));
        QVERIFY(sameTime(viaFd.st_mtim, viaFirst.st_mtim));
        QVERIFY(sameTime(viaFd.st_ctim, viaFirst.st_ctim));
    }

    void shouldRefuseLinks_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("to a directory") << QByteArray("dir") << QByteArray("dirlink") << EPERM;
        QTest::newRow("onto an existing name") << QByteArray("file") << QByteArray("other") << EEXIST;
        QTest::newRow("missing source") << QByteArray("missing") << QByteArray("newname") << ENOENT;
        QTest::newRow("into a missing directory") << QByteArray("file") << QByteArray("missing/newname") << ENOENT;
    }

    void shouldRefuseLinks()
    {
        QFETCH(QByteArray, source);
        QFETCH(QByteArray, target);
        QFETCH(int, expectedErrno);

        QCOMPARE(::mkdir(at("dir").c_str(), 0755), 0);
        QCOMPARE(writeFile(at("file"), "f"), 0);
        QCOMPARE(writeFile(at("other"), "o"), 0);
        COMPARE_ERRNO(errnoOf(::link(at(source.toStdString()).c_str(), at(target.toStdString()).c_str())), expectedErrno);
        struct stat status{};
        QCOMPARE(::stat(at("file").c_str(), &status), 0);
        QCOMPARE(int(status.st_nlink), 1);
    }

    // create/open flags
    void shouldOpenWithFlags_data()
    {
        QTest::addColumn<QByteArray>("existing"); // none | file | symlink | directory
        QTest::addColumn<int>("flags");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("expectedErrno");
        QTest::addColumn<QByteArray>("expectedContent"); // after writing "abc" at offset 0 (when writable)
        QTest::addColumn<int>("expectedMode"); // -1: not checked

        QTest::newRow("O_TRUNC empties") << QByteArray("file") << int(O_WRONLY | O_TRUNC) << 0 << 0 << QByteArray("abc") << -1;
        QTest::newRow("O_APPEND writes at the end") << QByteArray("file") << int(O_WRONLY | O_APPEND) << 0 << 0 << QByteArray("helloabc") << -1;
        QTest::newRow("O_RDWR overwrites in place") << QByteArray("file") << int(O_RDWR) << 0 << 0 << QByteArray("abclo") << -1;
        QTest::newRow("O_CREAT|O_EXCL on existing") << QByteArray("file") << int(O_WRONLY | O_CREAT | O_EXCL) << 0600 << EEXIST << QByteArray("hello") << -1;
        QTest::newRow("O_CREAT|O_EXCL on symlink") << QByteArray("symlink") << int(O_WRONLY | O_CREAT | O_EXCL) << 0600 << EEXIST << QByteArray() << -1;
        QTest::newRow("O_CREAT|O_EXCL new") << QByteArray("none") << int(O_WRONLY | O_CREAT | O_EXCL) << 0640 << 0 << QByteArray("abc") << 0640;
        QTest::newRow("O_CREAT honours umask") << QByteArray("none") << int(O_RDWR | O_CREAT) << 0666 << 0 << QByteArray("abc") << 0644;
        QTest::newRow("O_CREAT read-only mode still writable by this fd")
            << QByteArray("none") << int(O_RDWR | O_CREAT) << 0444 << 0 << QByteArray("abc") << 0444;
        QTest::newRow("O_CREAT|O_TRUNC existing") << QByteArray("file") << int(O_WRONLY | O_CREAT | O_TRUNC) << 0600 << 0 << QByteArray("abc") << 0644;
        QTest::newRow("missing without O_CREAT") << QByteArray("none") << int(O_RDONLY) << 0 << ENOENT << QByteArray() << -1;
        QTest::newRow("O_DIRECTORY on a file") << QByteArray("file") << int(O_RDONLY | O_DIRECTORY) << 0 << ENOTDIR << QByteArray("hello") << -1;
        QTest::newRow("O_NOFOLLOW on a symlink") << QByteArray("symlink") << int(O_RDONLY | O_NOFOLLOW) << 0 << ELOOP << QByteArray() << -1;
        QTest::newRow("O_WRONLY on a directory") << QByteArray("directory") << int(O_WRONLY) << 0 << EISDIR << QByteArray() << -1;
        QTest::newRow("O_CREAT on a directory") << QByteArray("directory") << int(O_RDWR | O_CREAT) << 0644 << EISDIR << QByteArray() << -1;
        QTest::newRow("write to O_RDONLY fd") << QByteArray("file") << int(O_RDONLY) << 0 << 0 << QByteArray("hello") << -1;
    }

    void shouldOpenWithFlags()
    {
        QFETCH(QByteArray, existing);
        QFETCH(int, flags);
        QFETCH(int, mode);
        QFETCH(int, expectedErrno);
        QFETCH(QByteArray, expectedContent);
        QFETCH(int, expectedMode);

        const std::string path = at("target");
        if (existing == "file") {
            QCOMPARE(writeFile(path, "hello"), 0);
        } else if (existing == "symlink") {
            QCOMPARE(writeFile(at("real"), "real"), 0);
            QCOMPARE(::symlink("real", path.c_str()), 0);
        } else if (existing == "directory") {
            QCOMPARE(::mkdir(path.c_str(), 0755), 0);
        }
        Fd fd(::open(path.c_str(), flags | O_CLOEXEC, mode));
        COMPARE_ERRNO(fd.isValid() ? 0 : errno, expectedErrno);
        if (fd.isValid()) {
            const int access = flags & O_ACCMODE;
            const ssize_t written = ::write(fd.get(), "abc", 3);
            if (access == O_RDONLY) {
                COMPARE_ERRNO(errnoOf(written), EBADF);
            } else {
                QCOMPARE(written, ssize_t(3));
            }
            if (flags & O_APPEND) {
                QCOMPARE(::lseek(fd.get(), 0, SEEK_CUR), off_t(8));
            }
            QCOMPARE(fd.close(), 0);
        }
        if (!expectedContent.isNull()) {
            QCOMPARE(QByteArray::fromStdString(readFile(existing == "symlink" ? at("real") : path).value_or("<unreadable>")), expectedContent);
        }
        if (expectedMode >= 0) {
            struct stat status{};
            QCOMPARE(::stat(path.c_str(), &status), 0);
            QCOMPARE(int(status.st_mode & 07777), expectedMode);
            QCOMPARE(status.st_uid, Tester.uid);
            QCOMPARE(status.st_gid, Tester.gid);
        }
    }

    // O_TMPFILE (+ linkat through /proc/self/fd, the unprivileged way)
    void shouldCreateTmpfiles_data()
    {
        QTest::addColumn<bool>("exclusive");
        QTest::addColumn<int>("expectedLinkErrno");

        QTest::newRow("linked into the directory") << false << 0;
        QTest::newRow("O_EXCL cannot be linked") << true << ENOENT;
    }

    void shouldCreateTmpfiles()
    {
        QFETCH(bool, exclusive);
        QFETCH(int, expectedLinkErrno);

        Fd fd(::open(m_dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC | (exclusive ? O_EXCL : 0), 0640));
        QVERIFY2(fd.isValid(), qPrintable(QStringLiteral("O_TMPFILE: ") + errnoText(errno)));
        QCOMPARE(pwriteAll(fd.get(), "temporary", 0), 0);
        struct stat status{};
        QCOMPARE(::fstat(fd.get(), &status), 0);
        QCOMPARE(int(status.st_nlink), 0);
        QCOMPARE(status.st_uid, Tester.uid);
        QCOMPARE(int(status.st_mode & 07777), 0640);
        QCOMPARE(listDirectory(m_dir).value_or(std::vector<std::string>{"<error>"}).size(), std::size_t(0));

        const std::string procPath = "/proc/self/fd/" + std::to_string(fd.get());
        COMPARE_ERRNO(errnoOf(::linkat(AT_FDCWD, procPath.c_str(), AT_FDCWD, at("named").c_str(), AT_SYMLINK_FOLLOW)), expectedLinkErrno);
        if (expectedLinkErrno != 0) {
            return;
        }
        QCOMPARE(readFile(at("named")).value_or("<unreadable>"), std::string("temporary"));
        QCOMPARE(::stat(at("named").c_str(), &status), 0);
        QCOMPARE(int(status.st_nlink), 1);
        QCOMPARE(status.st_uid, Tester.uid);
        QCOMPARE(::fstat(fd.get(), &status), 0);
        QCOMPARE(int(status.st_nlink), 1);
    }

    // read + write
    void shouldReadWhatWasWritten_data()
    {
        QTest::addColumn<int>("size");
        QTest::newRow("empty") << 0;
        QTest::newRow("1 byte") << 1;
        QTest::newRow("4095 bytes") << 4095;
        QTest::newRow("4096 bytes") << 4096;
        QTest::newRow("4097 bytes") << 4097;
        QTest::newRow("128 KiB + 3") << 131075;
        QTest::newRow("3 MiB + 17") << 3 * 1024 * 1024 + 17;
    }

    void shouldReadWhatWasWritten()
    {
        QFETCH(int, size);
        const std::string data = pattern(static_cast<std::uint64_t>(size), static_cast<std::size_t>(size));
        const std::string path = at("file");
        {
            Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
            QVERIFY(fd.isValid());
            std::size_t done = 0;
            while (done < data.size()) { // in odd-sized pieces through write(2)
                const std::size_t piece = std::min<std::size_t>(data.size() - done, 77777);
                const ssize_t written = ::write(fd.get(), data.data() + done, piece);
                QVERIFY2(written > 0, qPrintable(errnoText(errno)));
                done += static_cast<std::size_t>(written);
            }
            QCOMPARE(fd.close(), 0);
        }
        QVERIFY(readFile(path) == data);
        Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        QVERIFY(fd.isValid());
        struct stat status{};
        QCOMPARE(::fstat(fd.get(), &status), 0);
        QCOMPARE(qint64(status.st_size), qint64(size));
        char byte;
        QCOMPARE(::pread(fd.get(), &byte, 1, size), ssize_t(0));
        QCOMPARE(::pread(fd.get(), &byte, 1, size + 100000), ssize_t(0));
    }

    // pread/pwrite at offsets
    void shouldPreadAndPwriteAtOffsets_data()
    {
        QTest::addColumn<int>("initialSize");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<int>("length");

        QTest::newRow("start") << 10000 << qint64(0) << 10;
        QTest::newRow("inside") << 10000 << qint64(4096) << 100;
        QTest::newRow("across a page") << 10000 << qint64(4095) << 2;
        QTest::newRow("extends the end") << 10000 << qint64(9990) << 100;
        QTest::newRow("past the end leaves a hole") << 100 << qint64(1048576) << 5;
        QTest::newRow("beyond 4 GiB") << 100 << qint64(4294967296LL + 7) << 4096;
    }

    void shouldPreadAndPwriteAtOffsets()
    {
        QFETCH(int, initialSize);
        QFETCH(qint64, offset);
        QFETCH(int, length);

        const std::string path = at("file");
        const std::string initial = pattern(3, static_cast<std::size_t>(initialSize));
        QCOMPARE(writeFile(path, initial), 0);
        const std::string piece = pattern(4, static_cast<std::size_t>(length));
        Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
        QVERIFY(fd.isValid());
        QCOMPARE(::lseek(fd.get(), 17, SEEK_SET), off_t(17));
        QCOMPARE(pwriteAll(fd.get(), piece, offset), 0);
        QCOMPARE(::lseek(fd.get(), 0, SEEK_CUR), off_t(17)); // pwrite does not move the offset
        const qint64 expectedSize = std::max<qint64>(initialSize, offset + length);
        struct stat status{};
        QCOMPARE(::fstat(fd.get(), &status), 0);
        QCOMPARE(qint64(status.st_size), expectedSize);
        // Read around the written piece through a second open.
        Fd reader(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        QVERIFY(reader.isValid());
        const qint64 from = std::max<qint64>(0, offset - 100);
        const qint64 to = std::min<qint64>(expectedSize, offset + length + 100);
        const auto got = preadAll(reader.get(), from, static_cast<std::size_t>(to - from));
        QVERIFY(got.has_value());
        std::string expected;
        for (qint64 position = from; position < to; ++position) {
            if (position >= offset && position < offset + length) {
                expected += piece[static_cast<std::size_t>(position - offset)];
            } else if (position < initialSize) {
                expected += initial[static_cast<std::size_t>(position)];
            } else {
                expected += '\0';
            }
        }
        QVERIFY2(*got == expected, "pread does not return what pwrite wrote (or the hole is not zeros)");
    }

    // fsync, fdatasync, fsync on a directory, syncfs
    void shouldSync_data()
    {
        QTest::addColumn<QByteArray>("call");
        QTest::newRow("fsync") << QByteArray("fsync");
        QTest::newRow("fdatasync") << QByteArray("fdatasync");
        QTest::newRow("fsync directory") << QByteArray("fsyncdir");
        QTest::newRow("syncfs") << QByteArray("syncfs");
        QTest::newRow("sync_file_range") << QByteArray("sync_file_range");
    }

    void shouldSync()
    {
        QFETCH(QByteArray, call);
        const std::string path = at("file");
        Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
        QVERIFY(fd.isValid());
        const std::string data = pattern(5, 50000);
        QCOMPARE(pwriteAll(fd.get(), data, 0), 0);
        int result = 0;
        if (call == "fsync") {
            result = errnoOf(::fsync(fd.get()));
        } else if (call == "fdatasync") {
            result = errnoOf(::fdatasync(fd.get()));
        } else if (call == "fsyncdir") {
            Fd dir(::open(m_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
            QVERIFY(dir.isValid());
            result = errnoOf(::fsync(dir.get()));
        } else if (call == "syncfs") {
            result = errnoOf(::syncfs(fd.get()));
        } else {
            result = errnoOf(::sync_file_range(fd.get(), 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER));
        }
        COMPARE_ERRNO(result, 0);
        QVERIFY(readFile(path) == data);
    }

    // opendir/readdir: names and d_type
    void shouldListDirectoriesWithTypes_data()
    {
        QTest::addColumn<int>("files");
        QTest::addColumn<int>("nameLength");
        QTest::addColumn<bool>("everyType");
        QTest::addColumn<bool>("removeHalf");

        QTest::newRow("one of each type") << 0 << 0 << true << false;
        QTest::newRow("1000 files") << 1000 << 12 << false << false;
        QTest::newRow("255-byte names") << 40 << 255 << false << false;
        QTest::newRow("after removing half") << 300 << 20 << true << true;
    }

    void shouldListDirectoriesWithTypes()
    {
        QFETCH(int, files);
        QFETCH(int, nameLength);
        QFETCH(bool, everyType);
        QFETCH(bool, removeHalf);

        std::map<std::string, unsigned char> expected;
        if (everyType) {
            QCOMPARE(writeFile(at("regular"), "r"), 0);
            QCOMPARE(::mkdir(at("directory").c_str(), 0755), 0);
            QCOMPARE(::symlink("regular", at("symlink").c_str()), 0);
            QCOMPARE(::mkfifo(at("fifo").c_str(), 0644), 0);
            QCOMPARE(::mknod(at("socket").c_str(), S_IFSOCK | 0644, 0), 0);
            expected = {{"regular", DT_REG}, {"directory", DT_DIR}, {"symlink", DT_LNK}, {"fifo", DT_FIFO}, {"socket", DT_SOCK}};
        }
        for (int i = 0; i < files; ++i) {
            std::string name = std::to_string(i) + '-';
            name.resize(static_cast<std::size_t>(nameLength), 'n');
            QCOMPARE(writeFile(at(name), ""), 0);
            expected[name] = DT_REG;
        }
        if (removeHalf) {
            int i = 0;
            for (auto it = expected.begin(); it != expected.end();) {
                if (it->second == DT_REG && (i++ % 2) == 0) {
                    QCOMPARE(::unlink(at(it->first).c_str()), 0);
                    it = expected.erase(it);
                } else {
                    ++it;
                }
            }
        }
        expected["."] = DT_DIR;
        expected[".."] = DT_DIR;

        DIR *dir = ::opendir(m_dir.c_str());
        QVERIFY(dir);
        std::map<std::string, unsigned char> found;
        QStringList duplicates;
        errno = 0;
        while (const dirent *entry = ::readdir(dir)) {
            if (!found.emplace(entry->d_name, entry->d_type).second) {
                duplicates << QString::fromUtf8(entry->d_name);
            }
        }
        const int error = errno;
        ::closedir(dir);
        COMPARE_ERRNO(error, 0);
        QVERIFY2(duplicates.isEmpty(), qPrintable(QStringLiteral("listed twice: ") + duplicates.join(QStringLiteral(", "))));
        QCOMPARE(found.size(), expected.size());
        for (const auto &[name, type] : expected) {
            const auto it = found.find(name);
            QVERIFY2(it != found.end(), qPrintable(QStringLiteral("missing from readdir: ") + QString::fromStdString(name)));
            QVERIFY2(it->second == type,
                     qPrintable(QStringLiteral("d_type of %1 is %2, expected %3").arg(QString::fromStdString(name)).arg(int(it->second)).arg(int(type))));
        }
    }

    // telldir/seekdir: a directory stream resumes where it was.
    void shouldResumeDirectoryStreams_data()
    {
        QTest::addColumn<int>("files");
        QTest::addColumn<int>("readFirst");

        QTest::newRow("10 files, resume after 3") << 10 << 3;
        QTest::newRow("600 files, resume after 250") << 600 << 250;
        QTest::newRow("600 files, resume at the end") << 600 << 602;
    }

    void shouldResumeDirectoryStreams()
    {
        QFETCH(int, files);
        QFETCH(int, readFirst);

        for (int i = 0; i < files; ++i) {
            QCOMPARE(writeFile(at("entry-" + std::to_string(i)), ""), 0);
        }
        DIR *dir = ::opendir(m_dir.c_str());
        QVERIFY(dir);
        std::vector<std::string> all;
        long position = 0;
        std::vector<std::string> rest;
        for (int i = 0;; ++i) {
            if (i == readFirst) {
                position = ::telldir(dir);
            }
            const dirent *entry = ::readdir(dir);
            if (!entry) {
                break;
            }
            all.emplace_back(entry->d_name);
            if (i >= readFirst) {
                rest.emplace_back(entry->d_name);
            }
        }
        if (readFirst >= int(all.size())) {
            position = ::telldir(dir);
        }
        ::seekdir(dir, position);
        std::vector<std::string> again;
        while (const dirent *entry = ::readdir(dir)) {
            again.emplace_back(entry->d_name);
        }
        ::rewinddir(dir);
        std::vector<std::string> rewound;
        while (const dirent *entry = ::readdir(dir)) {
            rewound.emplace_back(entry->d_name);
        }
        ::closedir(dir);
        QCOMPARE(int(all.size()), files + 2);
        QVERIFY2(again == rest,
                 qPrintable(QStringLiteral("after seekdir: %1 entries, expected the %2 that followed telldir").arg(again.size()).arg(rest.size())));
        QVERIFY2(rewound == all, "after rewinddir the listing differs");
    }

    // Changing a file's data updates mtime and ctime, visible at once.
    void shouldUpdateTimesOnModification_data()
    {
        QTest::addColumn<Scenario>("modify");

        QTest::newRow("write") << Scenario([](const std::string &p) -> QString {
            return writeFile(p, "new content", 0644, O_APPEND) == 0 ? QString() : errnoText(errno);
        });
        QTest::newRow("pwrite through a kept fd") << Scenario([](const std::string &p) -> QString {
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            return pwriteAll(fd.get(), "xyz", 100) == 0 ? QString() : errnoText(errno);
        });
        QTest::newRow("ftruncate") << Scenario([](const std::string &p) -> QString {
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            return ::ftruncate(fd.get(), 3) == 0 ? QString() : errnoText(errno);
        });
        QTest::newRow("fallocate extending") << Scenario([](const std::string &p) -> QString {
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            return ::fallocate(fd.get(), 0, 0, 100000) == 0 ? QString() : errnoText(errno);
        });
        QTest::newRow("copy_file_range into it") << Scenario([](const std::string &p) -> QString {
            const std::string other = p + "-other";
            if (writeFile(other, "copied") != 0) {
                return QStringLiteral("creating the source");
            }
            Fd in(::open(other.c_str(), O_RDONLY | O_CLOEXEC));
            Fd out(::open(p.c_str(), O_WRONLY | O_CLOEXEC));
            loff_t from = 0, to = 0;
            return ::copy_file_range(in.get(), &from, out.get(), &to, 6, 0) == 6 ? QString() : errnoText(errno);
        });
    }

    void shouldUpdateTimesOnModification()
    {
        QFETCH(Scenario, modify);

        const std::string path = at("file");
        QCOMPARE(writeFile(path, std::string(200, 'o')), 0);
        const timespec old[2] = {{946684800, 0}, {946684800, 0}};
        QCOMPARE(::utimensat(AT_FDCWD, path.c_str(), old, 0), 0);
        struct stat before{};
        QCOMPARE(::stat(path.c_str(), &before), 0); // cached now
        QCOMPARE(before.st_mtim.tv_sec, time_t(946684800));
        timespec start{};
        ::clock_gettime(CLOCK_REALTIME_COARSE, &start);
        VERIFY_SCENARIO(modify, path);
        struct stat after{};
        QCOMPARE(::stat(path.c_str(), &after), 0);
        QVERIFY2(after.st_mtim.tv_sec >= start.tv_sec, qPrintable(QStringLiteral("mtime still %1 after the change").arg(timeText(after.st_mtim))));
        QVERIFY2(after.st_ctim.tv_sec >= start.tv_sec, qPrintable(QStringLiteral("ctime still %1 after the change").arg(timeText(after.st_ctim))));
        // And the size stat reports is the one read(2) sees.
        QCOMPARE(qint64(after.st_size), qint64(readFile(path).value_or("").size()));
    }

    // O_DIRECT with aligned buffers, as databases use it.
    void shouldDoDirectIo_data()
    {
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<int>("length");

        QTest::newRow("one block at 0") << qint64(0) << 4096;
        QTest::newRow("16 blocks at 8 KiB") << qint64(8192) << 65536;
        QTest::newRow("1 MiB past a hole") << qint64(4 * 1024 * 1024) << 1024 * 1024;
    }

    void shouldDoDirectIo()
    {
        QFETCH(qint64, offset);
        QFETCH(int, length);

        const std::string path = at("direct");
        Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_DIRECT | O_CLOEXEC, 0644));
        QVERIFY2(fd.isValid(), qPrintable(QStringLiteral("open O_DIRECT: ") + errnoText(errno)));
        void *buffer = nullptr;
        QCOMPARE(::posix_memalign(&buffer, 4096, static_cast<std::size_t>(length)), 0);
        const std::unique_ptr<void, decltype(&std::free)> owner(buffer, &std::free);
        const std::string data = pattern(41, static_cast<std::size_t>(length));
        std::memcpy(buffer, data.data(), data.size());
        QCOMPARE(::pwrite(fd.get(), buffer, static_cast<std::size_t>(length), offset), ssize_t(length));
        std::memset(buffer, 0, static_cast<std::size_t>(length));
        QCOMPARE(::pread(fd.get(), buffer, static_cast<std::size_t>(length), offset), ssize_t(length));
        QVERIFY2(std::memcmp(buffer, data.data(), data.size()) == 0, "O_DIRECT read does not return the O_DIRECT write");
        // A buffered reader sees it too.
        Fd buffered(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        QVERIFY(preadAll(buffered.get(), offset, static_cast<std::size_t>(length)) == data);
        struct stat status{};
        QCOMPARE(::fstat(fd.get(), &status), 0);
        QCOMPARE(qint64(status.st_size), offset + length);
    }

    // An open file follows its inode through renames and unlinks of its name.
    void shouldFollowOpenFilesAcrossRenames_data()
    {
        QTest::addColumn<QByteArray>("change");

        QTest::newRow("renamed in the same directory") << QByteArray("same");
        QTest::newRow("moved to another directory") << QByteArray("other");
        QTest::newRow("replaced by another file") << QByteArray("replaced");
    }

    void shouldFollowOpenFilesAcrossRenames()
    {
        QFETCH(QByteArray, change);

        QCOMPARE(::mkdir(at("sub").c_str(), 0755), 0);
        QCOMPARE(writeFile(at("file"), "original"), 0);
        Fd fd(::open(at("file").c_str(), O_RDWR | O_CLOEXEC));
        QVERIFY(fd.isValid());
        std::string newName = change == "other" ? "sub/moved" : "renamed";
        QCOMPARE(::rename(at("file").c_str(), at(newName).c_str()), 0);
        if (change == "replaced") {
            QCOMPARE(writeFile(at("other"), "other"), 0);
            QCOMPARE(::rename(at("other").c_str(), at("renamed").c_str()), 0); // the open file now has no name
            newName.clear();
        }
        QCOMPARE(pwriteAll(fd.get(), "ORIG", 0), 0);
        QCOMPARE(preadAll(fd.get(), 0, 100).value_or(""), std::string("ORIGinal"));
        struct stat status{};
        QCOMPARE(::fstat(fd.get(), &status), 0);
        QCOMPARE(int(status.st_nlink), newName.empty() ? 0 : 1);
        if (!newName.empty()) {
            QCOMPARE(readFile(at(newName)).value_or(""), std::string("ORIGinal"));
        } else {
            QCOMPARE(readFile(at("renamed")).value_or(""), std::string("other"));
        }
        COMPARE_ERRNO(errnoOf(::lstat(at("file").c_str(), &status)), ENOENT);
    }

    // Times of a symlink itself (AT_SYMLINK_NOFOLLOW), not of its target.
    void shouldSetSymlinkTimesWithoutFollowing()
    {
        QCOMPARE(writeFile(at("target"), "t"), 0);
        const timespec targetTimes[2] = {{946684800, 0}, {946684800, 0}};
        QCOMPARE(::utimensat(AT_FDCWD, at("target").c_str(), targetTimes, 0), 0);
        QCOMPARE(::symlink("target", at("link").c_str()), 0);
        const timespec linkTimes[2] = {{1300000000, 7}, {1300000001, 8}};
        COMPARE_ERRNO(errnoOf(::utimensat(AT_FDCWD, at("link").c_str(), linkTimes, AT_SYMLINK_NOFOLLOW)), 0);
        struct stat link{};
        struct stat target{};
        QCOMPARE(::lstat(at("link").c_str(), &link), 0);
        QCOMPARE(::stat(at("target").c_str(), &target), 0);
        QVERIFY2(sameTime(link.st_mtim, linkTimes[1]), qPrintable(timeText(link.st_mtim)));
        QVERIFY2(sameTime(link.st_atim, linkTimes[0]), qPrintable(timeText(link.st_atim)));
        QVERIFY2(sameTime(target.st_mtim, targetTimes[1]), qPrintable(QStringLiteral("the target changed: ") + timeText(target.st_mtim)));
    }

    // statfs
    void shouldReportFilesystemStatistics()
    {
        struct statvfs mirror{};
        struct statvfs native{};
        QCOMPARE(::statvfs(m_dir.c_str(), &mirror), 0);
        QCOMPARE(::statvfs(m_referenceDir.c_str(), &native), 0);
        QCOMPARE(mirror.f_bsize, native.f_bsize);
        QCOMPARE(mirror.f_frsize, native.f_frsize);
        QCOMPARE(mirror.f_blocks, native.f_blocks);
        QCOMPARE(mirror.f_files, native.f_files);
        QCOMPARE(mirror.f_namemax, native.f_namemax);
        QVERIFY(mirror.f_bavail <= mirror.f_bfree);
        QVERIFY(mirror.f_bfree <= mirror.f_blocks);
    }

    // user.* xattrs
    void shouldHandleUserXattrs_data()
    {
        QTest::addColumn<Scenario>("scenario");

        QTest::newRow("set and get") << Scenario([](const std::string &p) -> QString {
            if (::setxattr(p.c_str(), "user.new", "value", 5, 0) != 0) {
                return QStringLiteral("setxattr: ") + errnoText(errno);
            }
            return getXattr(p, "user.new") == std::string("value") ? QString() : QStringLiteral("getxattr does not return what was set");
        });
        QTest::newRow("empty value") << Scenario([](const std::string &p) -> QString {
            if (::setxattr(p.c_str(), "user.empty", "", 0, 0) != 0) {
                return QStringLiteral("setxattr: ") + errnoText(errno);
            }
            return getXattr(p, "user.empty") == std::string() ? QString() : QStringLiteral("empty value not kept");
        });
        QTest::newRow("binary 3000-byte value") << Scenario([](const std::string &p) -> QString {
            const std::string value = pattern(9, 3000);
            if (::setxattr(p.c_str(), "user.big", value.data(), value.size(), 0) != 0) {
                return QStringLiteral("setxattr: ") + errnoText(errno);
            }
            return getXattr(p, "user.big") == value ? QString() : QStringLiteral("big value not kept");
        });
        QTest::newRow("size query") << Scenario([](const std::string &p) -> QString {
            const ssize_t size = ::getxattr(p.c_str(), "user.present", nullptr, 0);
            return size == 7 ? QString() : QStringLiteral("size query gave %1 (%2)").arg(size).arg(errnoText(errno));
        });
        QTest::newRow("too small buffer") << Scenario([](const std::string &p) -> QString {
            char small[3];
            return expectErrno("getxattr", errnoOf(::getxattr(p.c_str(), "user.present", small, sizeof(small))), ERANGE);
        });
        QTest::newRow("missing name") << Scenario([](const std::string &p) -> QString {
            char buffer[16];
            return expectErrno("getxattr", errnoOf(::getxattr(p.c_str(), "user.absent", buffer, sizeof(buffer))), ENODATA);
        });
        QTest::newRow("XATTR_CREATE on existing") << Scenario([](const std::string &p) -> QString {
            return expectErrno("setxattr", errnoOf(::setxattr(p.c_str(), "user.present", "x", 1, XATTR_CREATE)), EEXIST);
        });
        QTest::newRow("XATTR_REPLACE on missing") << Scenario([](const std::string &p) -> QString {
            return expectErrno("setxattr", errnoOf(::setxattr(p.c_str(), "user.absent", "x", 1, XATTR_REPLACE)), ENODATA);
        });
        QTest::newRow("XATTR_REPLACE on existing") << Scenario([](const std::string &p) -> QString {
            if (::setxattr(p.c_str(), "user.present", "replaced", 8, XATTR_REPLACE) != 0) {
                return QStringLiteral("setxattr: ") + errnoText(errno);
            }
            return getXattr(p, "user.present") == std::string("replaced") ? QString() : QStringLiteral("value not replaced");
        });
        QTest::newRow("list") << Scenario([](const std::string &p) -> QString {
            ::setxattr(p.c_str(), "user.second", "2", 1, 0);
            const auto names = listXattrs(p);
            return names.contains("user.present") && names.contains("user.second") ? QString() : QStringLiteral("listxattr misses names");
        });
        QTest::newRow("list size query") << Scenario([](const std::string &p) -> QString {
            const ssize_t size = ::listxattr(p.c_str(), nullptr, 0);
            char buffer[4096];
            const ssize_t real = ::listxattr(p.c_str(), buffer, sizeof(buffer));
            return size > 0 && size == real ? QString() : QStringLiteral("listxattr size %1, actual %2").arg(size).arg(real);
        });
        QTest::newRow("remove") << Scenario([](const std::string &p) -> QString {
            if (::removexattr(p.c_str(), "user.present") != 0) {
                return QStringLiteral("removexattr: ") + errnoText(errno);
            }
            char buffer[16];
            const QString gone = expectErrno("getxattr after remove", errnoOf(::getxattr(p.c_str(), "user.present", buffer, sizeof(buffer))), ENODATA);
            if (!gone.isEmpty()) {
                return gone;
            }
            return listXattrs(p).contains("user.present") ? QStringLiteral("still listed after removal") : QString();
        });
        QTest::newRow("remove missing") << Scenario([](const std::string &p) -> QString {
            return expectErrno("removexattr", errnoOf(::removexattr(p.c_str(), "user.absent")), ENODATA);
        });
        QTest::newRow("through an fd") << Scenario([](const std::string &p) -> QString {
            Fd fd(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
            if (::fsetxattr(fd.get(), "user.viafd", "fd", 2, 0) != 0) {
                return QStringLiteral("fsetxattr: ") + errnoText(errno);
            }
            char buffer[8];
            const ssize_t size = ::fgetxattr(fd.get(), "user.viafd", buffer, sizeof(buffer));
            return size == 2 && std::memcmp(buffer, "fd", 2) == 0 ? QString() : QStringLiteral("fgetxattr does not see fsetxattr's value");
        });
        QTest::newRow("on a directory") << Scenario([](const std::string &p) -> QString {
            const std::string dir = p + "-dir";
            ::mkdir(dir.c_str(), 0755);
            if (::setxattr(dir.c_str(), "user.dir", "d", 1, 0) != 0) {
                return QStringLiteral("setxattr on a directory: ") + errnoText(errno);
            }
            return getXattr(dir, "user.dir") == std::string("d") ? QString() : QStringLiteral("directory xattr not kept");
        });
        QTest::newRow("user.* on a symlink refused") << Scenario([](const std::string &p) -> QString {
            const std::string link = p + "-link";
            ::symlink("target", link.c_str());
            return expectErrno("lsetxattr", errnoOf(::lsetxattr(link.c_str(), "user.x", "x", 1, 0)), EPERM);
        });
        QTest::newRow("trusted.* refused for a user") << Scenario([](const std::string &p) -> QString {
            return expectErrno("setxattr", errnoOf(::setxattr(p.c_str(), "trusted.x", "x", 1, 0)), EPERM);
        });
        QTest::newRow("unknown namespace") << Scenario([](const std::string &p) -> QString {
            return expectErrno("setxattr", errnoOf(::setxattr(p.c_str(), "bogus.x", "x", 1, 0)), EOPNOTSUPP);
        });
    }

    void shouldHandleUserXattrs()
    {
        QFETCH(Scenario, scenario);
        const std::string path = at("file");
        QCOMPARE(writeFile(path, "data"), 0);
        QCOMPARE(::setxattr(path.c_str(), "user.present", "present", 7, 0), 0);
        VERIFY_SCENARIO(scenario, path);
    }

    // POSIX ACLs through system.posix_acl_*
    void shouldApplyPosixAcls_data()
    {
        QTest::addColumn<Scenario>("scenario");

        QTest::newRow("access ACL round-trips, mask sets group bits") << Scenario([](const std::string &p) -> QString {
            const std::string acl =
                aclXattr({{AclUserObj, 6, AclNoId}, {AclUser, 4, Tester2.uid}, {AclGroupObj, 4, AclNoId}, {AclMask, 6, AclNoId}, {AclOther, 0, AclNoId}});
            if (::setxattr(p.c_str(), "system.posix_acl_access", acl.data(), acl.size(), 0) != 0) {
                return QStringLiteral("setting the ACL: ") + errnoText(errno);
            }
            if (getXattr(p, "system.posix_acl_access") != acl) {
                return QStringLiteral("the ACL read back differs");
            }
            struct stat status{};
            ::stat(p.c_str(), &status);
            return (status.st_mode & 0777) == 0660 ? QString()
                                                   : QStringLiteral("mode is %1, expected 0660 (group bits from the mask)").arg(status.st_mode & 0777, 0, 8);
        });
        QTest::newRow("ACL user:: entry restricts the owner") << Scenario([](const std::string &p) -> QString {
            const std::string acl =
                aclXattr({{AclUserObj, 4, AclNoId}, {AclUser, 6, Tester2.uid}, {AclGroupObj, 4, AclNoId}, {AclMask, 6, AclNoId}, {AclOther, 0, AclNoId}});
            if (::setxattr(p.c_str(), "system.posix_acl_access", acl.data(), acl.size(), 0) != 0) {
                return QStringLiteral("setting the ACL: ") + errnoText(errno);
            }
            return expectErrno("open for writing", ::open(p.c_str(), O_WRONLY | O_CLOEXEC) < 0 ? errno : 0, EACCES);
        });
        QTest::newRow("named user entry grants read of tester2's file") << Scenario([](const std::string &) -> QString {
            Fd fd(::open(underRoot(Prepared::AclGranted).c_str(), O_RDONLY | O_CLOEXEC));
            if (!fd.isValid()) {
                return QStringLiteral("open for reading: ") + errnoText(errno);
            }
            const QString write =
                expectErrno("open for writing", ::open(underRoot(Prepared::AclGranted).c_str(), O_WRONLY | O_CLOEXEC) < 0 ? errno : 0, EACCES);
            return write;
        });
        QTest::newRow("named user entry limited by the mask") << Scenario([](const std::string &) -> QString {
            return expectErrno("open for reading", ::open(underRoot(Prepared::AclMasked).c_str(), O_RDONLY | O_CLOEXEC) < 0 ? errno : 0, EACCES);
        });
        QTest::newRow("access() honours the ACL") << Scenario([](const std::string &) -> QString {
            const QString read = expectErrno("access R_OK", errnoOf(::access(underRoot(Prepared::AclGranted).c_str(), R_OK)), 0);
            return read.isEmpty() ? expectErrno("access W_OK", errnoOf(::access(underRoot(Prepared::AclGranted).c_str(), W_OK)), EACCES) : read;
        });
        QTest::newRow("default ACL is inherited") << Scenario([](const std::string &p) -> QString {
            const std::string dir = p + "-dir";
            ::mkdir(dir.c_str(), 0755);
            const std::string acl =
                aclXattr({{AclUserObj, 7, AclNoId}, {AclUser, 5, Tester2.uid}, {AclGroupObj, 5, AclNoId}, {AclMask, 5, AclNoId}, {AclOther, 0, AclNoId}});
            if (::setxattr(dir.c_str(), "system.posix_acl_default", acl.data(), acl.size(), 0) != 0) {
                return QStringLiteral("setting the default ACL: ") + errnoText(errno);
            }
            if (getXattr(dir, "system.posix_acl_default") != acl) {
                return QStringLiteral("default ACL read back differs");
            }
            const std::string file = dir + "/child";
            if (writeFile(file, "c", 0666) != 0) {
                return QStringLiteral("creating a file below");
            }
            const auto inherited = getXattr(file, "system.posix_acl_access");
            if (!inherited) {
                return QStringLiteral("the new file has no access ACL: ") + errnoText(errno);
            }
            const std::string expectedInherited =
                aclXattr({{AclUserObj, 6, AclNoId}, {AclUser, 5, Tester2.uid}, {AclGroupObj, 5, AclNoId}, {AclMask, 4, AclNoId}, {AclOther, 0, AclNoId}});
            if (*inherited != expectedInherited) {
                return QStringLiteral("the inherited ACL differs from what create(0666) should give");
            }
            struct stat status{};
            ::stat(file.c_str(), &status);
            return (status.st_mode & 0777) == 0640 ? QString()
                                                   : QStringLiteral("mode %1, expected 0640 (umask ignored, mask r--)").arg(status.st_mode & 0777, 0, 8);
        });
        QTest::newRow("removing the ACL") << Scenario([](const std::string &p) -> QString {
            const std::string acl =
                aclXattr({{AclUserObj, 6, AclNoId}, {AclUser, 4, Tester2.uid}, {AclGroupObj, 4, AclNoId}, {AclMask, 4, AclNoId}, {AclOther, 4, AclNoId}});
            if (::setxattr(p.c_str(), "system.posix_acl_access", acl.data(), acl.size(), 0) != 0) {
                return QStringLiteral("setting the ACL: ") + errnoText(errno);
            }
            if (::removexattr(p.c_str(), "system.posix_acl_access") != 0) {
                return QStringLiteral("removing the ACL: ") + errnoText(errno);
            }
            char buffer[64];
            return expectErrno("getxattr after removal", errnoOf(::getxattr(p.c_str(), "system.posix_acl_access", buffer, sizeof(buffer))), ENODATA);
        });
    }

    void shouldApplyPosixAcls()
    {
        QFETCH(Scenario, scenario);
        const std::string path = at("file");
        QCOMPARE(writeFile(path, "data", 0644), 0);
        VERIFY_SCENARIO(scenario, path);
    }

    // The create family under the caller's umask, and under a parent with a
    // default ACL (which takes the umask's place): the same steps here and on
    // a native directory of the same filesystem give the same mode and ACLs.
    void shouldCreateWithTheCallersUmask_data()
    {
        QTest::addColumn<int>("call");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("mask");
        QTest::addColumn<bool>("defaultAcl");

        for (int call = 0; call < CreateCallCount; ++call) {
            const int mode = static_cast<CreateCall>(call) == CreateCall::Mkdir ? 0777 : 0666;
            for (const int mask : {000, 002, 022, 077}) {
                for (const bool acl : {false, true}) {
                    QTest::addRow("%s %04o umask %03o%s", createCallName(static_cast<CreateCall>(call)), mode, mask, acl ? " default ACL" : "")
                        << call << mode << mask << acl;
                }
            }
        }
        // Set-id and sticky bits asked for (the owner may set them on its own files).
        for (const CreateCall call : {CreateCall::Open, CreateCall::Mkdir, CreateCall::Tmpfile}) {
            for (const int mask : {000, 022}) {
                QTest::addRow("%s 07777 umask %03o", createCallName(call), mask) << static_cast<int>(call) << 07777 << mask << false;
            }
        }
    }

    void shouldCreateWithTheCallersUmask()
    {
        QFETCH(int, call);
        QFETCH(int, mode);
        QFETCH(int, mask);
        QFETCH(bool, defaultAcl);

        const auto createIn = [&](const std::string &base) -> CreateOutcome {
            const std::string parent = base + "/parent";
            if (::mkdir(parent.c_str(), 0777) != 0 || ::chmod(parent.c_str(), 0777) != 0) {
                return {errno, 0, {}, {}};
            }
            if (defaultAcl) {
                const std::string acl =
                    aclXattr({{AclUserObj, 7, AclNoId}, {AclUser, 6, Tester2.uid}, {AclGroupObj, 5, AclNoId}, {AclMask, 7, AclNoId}, {AclOther, 1, AclNoId}});
                if (::setxattr(parent.c_str(), "system.posix_acl_default", acl.data(), acl.size(), 0) != 0) {
                    return {errno, 0, {}, {}};
                }
            }
            const mode_t previous = ::umask(static_cast<mode_t>(mask));
            CreateOutcome outcome = create(static_cast<CreateCall>(call), parent, static_cast<mode_t>(mode));
            ::umask(previous);
            return outcome;
        };
        const CreateOutcome native = createIn(m_referenceDir);
        const CreateOutcome here = createIn(m_dir);
        QVERIFY2(native.error == 0, qPrintable(QStringLiteral("natively: ") + errnoText(native.error)));
        COMPARE_ERRNO(here.error, native.error);
        QVERIFY2(here.mode == native.mode, qPrintable(QStringLiteral("mode %1, natively %2").arg(here.mode, 0, 8).arg(native.mode, 0, 8)));
        QVERIFY2(here.accessAcl == native.accessAcl, "the access ACL differs from the native one");
        QVERIFY2(here.defaultAcl == native.defaultAcl, "the default ACL differs from the native one");
        if (defaultAcl) {
            return;
        }
        // Without a default ACL the umask decides: exactly mode & ~umask.
        const mode_t expected = static_cast<mode_t>(mode & ~mask) & 07777;
        QVERIFY2((here.mode & 0777) == (expected & 0777), qPrintable(QStringLiteral("mode %1, expected %2").arg(here.mode, 0, 8).arg(expected, 0, 8)));
    }

    // fallocate: the same result (or errno) as natively on the same filesystem
    void shouldFallocateLikeNative_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("length");
        // FUSE itself (fs/fuse/file.c, fuse_file_fallocate) forwards only
        // KEEP_SIZE, PUNCH_HOLE and ZERO_RANGE and answers EOPNOTSUPP for the
        // other modes before the daemon sees them: there the mirror must give
        // EOPNOTSUPP and leave the file as it was.
        QTest::addColumn<bool>("fuseForwards");

        QTest::newRow("default, extending") << 0 << qint64(60 * 1024) << qint64(16 * 1024) << true;
        QTest::newRow("default, inside") << 0 << qint64(4096) << qint64(8192) << true;
        QTest::newRow("keep size") << int(FALLOC_FL_KEEP_SIZE) << qint64(60 * 1024) << qint64(16 * 1024) << true;
        QTest::newRow("punch hole") << int(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE) << qint64(8192) << qint64(16384) << true;
        QTest::newRow("punch hole, unaligned") << int(FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE) << qint64(100) << qint64(5000) << true;
        QTest::newRow("punch hole without keep size") << int(FALLOC_FL_PUNCH_HOLE) << qint64(0) << qint64(4096) << true;
        QTest::newRow("zero range") << int(FALLOC_FL_ZERO_RANGE) << qint64(4096) << qint64(8192) << true;
        QTest::newRow("zero range, extending") << int(FALLOC_FL_ZERO_RANGE) << qint64(60 * 1024) << qint64(16 * 1024) << true;
        QTest::newRow("zero range, keep size") << int(FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE) << qint64(60 * 1024) << qint64(16 * 1024) << true;
        QTest::newRow("collapse range") << int(FALLOC_FL_COLLAPSE_RANGE) << qint64(8192) << qint64(8192) << false;
        QTest::newRow("collapse range, unaligned") << int(FALLOC_FL_COLLAPSE_RANGE) << qint64(100) << qint64(4096) << false;
        QTest::newRow("insert range") << int(FALLOC_FL_INSERT_RANGE) << qint64(8192) << qint64(4096) << false;
        QTest::newRow("negative length") << 0 << qint64(0) << qint64(-1) << true;
    }

    void shouldFallocateLikeNative()
    {
        QFETCH(int, mode);
        QFETCH(qint64, offset);
        QFETCH(qint64, length);
        QFETCH(bool, fuseForwards);

        const std::string initial = pattern(11, 64 * 1024);
        struct Result {
            int error = 0;
            qint64 size = 0;
            std::string content;
            std::vector<std::pair<off_t, off_t>> extents;
        };
        const auto apply = [&](const std::string &path, bool call) {
            Result result;
            if (writeFile(path, initial) != 0) {
                result.error = -1;
                return result;
            }
            Fd fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
            ::fsync(fd.get()); // real extents, not delayed allocation
            result.error = call ? errnoOf(::fallocate(fd.get(), mode, offset, length)) : EOPNOTSUPP;
            struct stat status{};
            ::fstat(fd.get(), &status);
            result.size = status.st_size;
            result.content = preadAll(fd.get(), 0, static_cast<std::size_t>(status.st_size)).value_or("<unreadable>");
            result.extents = dataExtents(fd.get());
            return result;
        };
        const bool mirror = g_environment.mode != "native";
        const Result native = apply(m_referenceDir + "/file", !mirror || fuseForwards);
        QVERIFY2(native.error >= 0, "preparing the native file failed");
        const Result tested = apply(at("file"), true);
        COMPARE_ERRNO(tested.error, native.error);
        QCOMPARE(tested.size, native.size);
        QVERIFY2(tested.content == native.content, "content differs from native after the same fallocate");
        QCOMPARE(tested.extents.size(), native.extents.size());
        for (std::size_t i = 0; i < native.extents.size(); ++i) {
            QCOMPARE(tested.extents[i].first, native.extents[i].first);
            QCOMPARE(tested.extents[i].second, native.extents[i].second);
        }
        qInfo("native: %s, size %lld, %zu data extents", qPrintable(errnoText(native.error)), static_cast<long long>(native.size), native.extents.size());
    }

    // copy_file_range
    void shouldCopyFileRanges_data()
    {
        QTest::addColumn<bool>("sameFile");
        QTest::addColumn<qint64>("sourceOffset");
        QTest::addColumn<qint64>("targetOffset");
        QTest::addColumn<qint64>("length");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("whole file") << false << qint64(0) << qint64(0) << qint64(100000) << 0;
        QTest::newRow("middle to an offset") << false << qint64(5000) << qint64(300) << qint64(20000) << 0;
        QTest::newRow("past the target's end") << false << qint64(0) << qint64(200000) << qint64(4096) << 0;
        QTest::newRow("from beyond the source's end") << false << qint64(200000) << qint64(0) << qint64(100) << 0;
        QTest::newRow("longer than the source") << false << qint64(90000) << qint64(0) << qint64(100000) << 0;
        QTest::newRow("same file, apart") << true << qint64(0) << qint64(50000) << qint64(10000) << 0;
        QTest::newRow("same file, overlapping") << true << qint64(0) << qint64(5000) << qint64(10000) << EINVAL;
    }

    void shouldCopyFileRanges()
    {
        QFETCH(bool, sameFile);
        QFETCH(qint64, sourceOffset);
        QFETCH(qint64, targetOffset);
        QFETCH(qint64, length);
        QFETCH(int, expectedErrno);

        const std::string sourceData = pattern(21, 100000);
        const std::string targetData = pattern(22, 30000);
        QCOMPARE(writeFile(at("source"), sourceData), 0);
        QCOMPARE(writeFile(at("target"), targetData), 0);
        Fd source(::open(at("source").c_str(), O_RDWR | O_CLOEXEC));
        Fd target(::open(at(sameFile ? "source" : "target").c_str(), O_RDWR | O_CLOEXEC));
        QVERIFY(source.isValid() && target.isValid());

        std::string model = sameFile ? sourceData : targetData;
        const qint64 available = std::max<qint64>(0, std::min<qint64>(length, qint64(sourceData.size()) - sourceOffset));
        qint64 copied = 0;
        int error = 0;
        while (copied < length) {
            loff_t in = sourceOffset + copied;
            loff_t out = targetOffset + copied;
            const ssize_t done = ::copy_file_range(source.get(), &in, target.get(), &out, static_cast<std::size_t>(length - copied), 0);
            if (done < 0) {
                error = errno;
                break;
            }
            if (done == 0) {
                break;
            }
            copied += done;
        }
        COMPARE_ERRNO(error, expectedErrno);
        if (expectedErrno != 0) {
            return;
        }
        QCOMPARE(copied, available);
        if (available > 0) {
            if (model.size() < std::size_t(targetOffset + available)) {
                model.resize(std::size_t(targetOffset + available), '\0');
            }
            model.replace(std::size_t(targetOffset), std::size_t(available), sourceData.substr(std::size_t(sourceOffset), std::size_t(available)));
        }
        QVERIFY2(readFile(at(sameFile ? "source" : "target")) == model, "the copy's content is wrong");
        if (!sameFile) {
            QVERIFY(readFile(at("source")) == sourceData);
        }
    }

    // lseek SEEK_DATA / SEEK_HOLE
    void shouldSeekDataAndHoles_data()
    {
        // The file: data [0, 4 KiB), hole, data [1 MiB, 1 MiB + 4 KiB), hole to 2 MiB.
        QTest::addColumn<int>("whence");
        QTest::addColumn<qint64>("from");
        QTest::addColumn<qint64>("expected");
        QTest::addColumn<int>("expectedErrno");

        constexpr qint64 MiB = 1024 * 1024;
        QTest::newRow("data from 0") << int(SEEK_DATA) << qint64(0) << qint64(0) << 0;
        QTest::newRow("hole from 0") << int(SEEK_HOLE) << qint64(0) << qint64(4096) << 0;
        QTest::newRow("data from inside the first hole") << int(SEEK_DATA) << qint64(5000) << MiB << 0;
        QTest::newRow("hole from inside the hole") << int(SEEK_HOLE) << qint64(5000) << qint64(5000) << 0;
        QTest::newRow("hole from the second extent") << int(SEEK_HOLE) << MiB << MiB + 4096 << 0;
        QTest::newRow("data after the last extent") << int(SEEK_DATA) << MiB + 4096 << qint64(0) << ENXIO;
        QTest::newRow("hole near the end") << int(SEEK_HOLE) << 2 * MiB - 1 << 2 * MiB - 1 << 0;
        QTest::newRow("data at the end") << int(SEEK_DATA) << 2 * MiB << qint64(0) << ENXIO;
        QTest::newRow("hole beyond the end") << int(SEEK_HOLE) << 3 * MiB << qint64(0) << ENXIO;
        QTest::newRow("SEEK_END") << int(SEEK_END) << qint64(-10) << 2 * MiB - 10 << 0;
        QTest::newRow("negative SEEK_SET") << int(SEEK_SET) << qint64(-1) << qint64(0) << EINVAL;
    }

    void shouldSeekDataAndHoles()
    {
        QFETCH(int, whence);
        QFETCH(qint64, from);
        QFETCH(qint64, expected);
        QFETCH(int, expectedErrno);

        const std::string path = at("sparse");
        Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
        QVERIFY(fd.isValid());
        QCOMPARE(pwriteAll(fd.get(), pattern(1, 4096), 0), 0);
        QCOMPARE(pwriteAll(fd.get(), pattern(2, 4096), 1024 * 1024), 0);
        QCOMPARE(::ftruncate(fd.get(), 2 * 1024 * 1024), 0);
        QCOMPARE(::fsync(fd.get()), 0);
        Fd reader(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
        const off_t result = ::lseek(reader.get(), from, whence);
        COMPARE_ERRNO(errnoOf(result), expectedErrno);
        if (expectedErrno == 0) {
            QCOMPARE(qint64(result), expected);
            QCOMPARE(qint64(::lseek(reader.get(), 0, SEEK_CUR)), expected);
        }
    }

    // flock: a lock belongs to the open file
    void shouldLockWithFlockPerOpenFile_data()
    {
        QTest::addColumn<Scenario>("scenario");

        QTest::newRow("a second open cannot take a held lock") << Scenario([](const std::string &p) -> QString {
            Fd first(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            Fd second(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            if (::flock(first.get(), LOCK_EX | LOCK_NB) != 0) {
                return QStringLiteral("first flock: ") + errnoText(errno);
            }
            return expectErrno("second open's flock", errnoOf(::flock(second.get(), LOCK_EX | LOCK_NB)), EWOULDBLOCK);
        });
        QTest::newRow("a dup shares the lock") << Scenario([](const std::string &p) -> QString {
            Fd first(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            Fd duplicate(::dup(first.get()));
            if (::flock(first.get(), LOCK_EX | LOCK_NB) != 0) {
                return QStringLiteral("first flock: ") + errnoText(errno);
            }
            return expectErrno("flock through the dup", errnoOf(::flock(duplicate.get(), LOCK_EX | LOCK_NB)), 0);
        });
        QTest::newRow("unlock lets the next one in") << Scenario([](const std::string &p) -> QString {
            Fd first(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            Fd second(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            ::flock(first.get(), LOCK_EX | LOCK_NB);
            if (::flock(first.get(), LOCK_UN) != 0) {
                return QStringLiteral("unlock: ") + errnoText(errno);
            }
            return expectErrno("flock after unlock", errnoOf(::flock(second.get(), LOCK_EX | LOCK_NB)), 0);
        });
        QTest::newRow("closing the holder releases it") << Scenario([](const std::string &p) -> QString {
            Fd first(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            Fd second(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            ::flock(first.get(), LOCK_EX | LOCK_NB);
            first.close();
            const bool got = waitUntil(
                [&] {
                    return ::flock(second.get(), LOCK_EX | LOCK_NB) == 0;
                },
                2s);
            return got ? QString() : QStringLiteral("the lock outlived the close of its only fd: ") + errnoText(errno);
        });
        QTest::newRow("shared locks coexist, exclusive waits") << Scenario([](const std::string &p) -> QString {
            Fd first(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
            Fd second(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
            Fd third(::open(p.c_str(), O_RDONLY | O_CLOEXEC));
            if (::flock(first.get(), LOCK_SH | LOCK_NB) != 0 || ::flock(second.get(), LOCK_SH | LOCK_NB) != 0) {
                return QStringLiteral("two shared locks: ") + errnoText(errno);
            }
            return expectErrno("exclusive while shared held", errnoOf(::flock(third.get(), LOCK_EX | LOCK_NB)), EWOULDBLOCK);
        });
        QTest::newRow("the lock dies with the process that held it") << Scenario([](const std::string &p) -> QString {
            Companion holder([&](const Companion::Channel &channel) {
                Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
                if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
                    channel.send('E');
                    return 1;
                }
                channel.send('L');
                channel.receive(20s);
                return 0; // exits holding the lock
            });
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Fd mine(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            const QString held = expectErrno("flock while the other process holds it", errnoOf(::flock(mine.get(), LOCK_EX | LOCK_NB)), EWOULDBLOCK);
            if (!held.isEmpty()) {
                return held;
            }
            holder.send('x');
            if (holder.wait() != 0) {
                return QStringLiteral("the holder did not exit cleanly");
            }
            const auto start = std::chrono::steady_clock::now();
            const bool got = waitUntil(
                [&] {
                    return ::flock(mine.get(), LOCK_EX | LOCK_NB) == 0;
                },
                2s);
            const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
            return got ? QString() : QStringLiteral("the lock outlived its holder process (still EWOULDBLOCK after %1 ms)").arg(waited);
        });
        QTest::newRow("a blocking locker wakes when the holder exits") << Scenario([](const std::string &p) -> QString {
            Companion holder([&](const Companion::Channel &channel) {
                Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
                ::flock(fd.get(), LOCK_EX);
                channel.send('L');
                channel.receive(20s);
                return 0;
            });
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Companion waiter([&](const Companion::Channel &channel) {
                Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
                channel.send('W');
                const int result = ::flock(fd.get(), LOCK_EX); // blocks
                channel.send(result == 0 ? 'G' : 'E');
                return 0;
            });
            if (waiter.receive() != 'W') {
                return QStringLiteral("the waiter did not start");
            }
            if (waiter.receive(300ms) != 0) {
                return QStringLiteral("the waiter got the lock while it was held");
            }
            holder.send('x');
            holder.wait();
            const char answer = waiter.receive(3s);
            return answer == 'G' ? QString() : QStringLiteral("the blocked locker did not get the lock within 3 s of the holder's exit");
        });
        QTest::newRow("a waiter killed while blocked does not get the lock later") << Scenario([](const std::string &p) -> QString {
            Companion holder([&](const Companion::Channel &channel) {
                Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
                ::flock(fd.get(), LOCK_EX);
                channel.send('L');
                channel.receive(20s);
                return 0;
            });
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Companion waiter([&](const Companion::Channel &channel) {
                Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
                channel.send('W');
                ::flock(fd.get(), LOCK_EX); // blocks until killed
                channel.send('G');
                channel.receive(20s);
                return 0;
            });
            if (waiter.receive() != 'W') {
                return QStringLiteral("the waiter did not start");
            }
            std::this_thread::sleep_for(200ms); // let it block in flock
            waiter.kill();
            holder.send('x');
            holder.wait();
            Fd mine(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            const bool got = waitUntil(
                [&] {
                    return ::flock(mine.get(), LOCK_EX | LOCK_NB) == 0;
                },
                2s);
            return got ? QString() : QStringLiteral("the lock went to the killed waiter (or stayed with the holder): still EWOULDBLOCK 2 s later");
        });
    }

    void shouldLockWithFlockPerOpenFile()
    {
        QFETCH(Scenario, scenario);
        const std::string path = at("locked");
        QCOMPARE(writeFile(path, "lock me"), 0);
        VERIFY_SCENARIO(scenario, path);
    }

    // POSIX record locks and OFD locks
    void shouldLockRangesBetweenProcesses_data()
    {
        QTest::addColumn<Scenario>("scenario");

        const auto holdInChild = [](const std::string &p, short type, off_t start, off_t length, int command) {
            return [=](const Companion::Channel &channel) {
                Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
                struct flock lock{};
                lock.l_type = type;
                lock.l_whence = SEEK_SET;
                lock.l_start = start;
                lock.l_len = length;
                if (::fcntl(fd.get(), command, &lock) != 0) {
                    channel.send('E');
                    return 1;
                }
                channel.send('L');
                channel.receive(20s);
                return 0;
            };
        };
        const auto tryLock = [](int fd, short type, off_t start, off_t length, int command) {
            struct flock lock{};
            lock.l_type = type;
            lock.l_whence = SEEK_SET;
            lock.l_start = start;
            lock.l_len = length;
            return errnoOf(::fcntl(fd, command, &lock));
        };

        QTest::newRow("conflicting write locks") << Scenario([=](const std::string &p) -> QString {
            Companion holder(holdInChild(p, F_WRLCK, 0, 100, F_SETLK));
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            return expectErrno("F_SETLK on a locked range", tryLock(fd.get(), F_WRLCK, 50, 10, F_SETLK), EAGAIN);
        });
        QTest::newRow("F_GETLK reports the holder") << Scenario([=](const std::string &p) -> QString {
            Companion holder(holdInChild(p, F_WRLCK, 10, 20, F_SETLK));
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            struct flock query{};
            query.l_type = F_WRLCK;
            query.l_whence = SEEK_SET;
            query.l_start = 0;
            query.l_len = 0;
            if (::fcntl(fd.get(), F_GETLK, &query) != 0) {
                return QStringLiteral("F_GETLK: ") + errnoText(errno);
            }
            if (query.l_type != F_WRLCK || query.l_start != 10 || query.l_len != 20 || query.l_pid != holder.pid()) {
                return QStringLiteral("F_GETLK says type %1 start %2 len %3 pid %4, expected write lock 10+20 by pid %5")
                    .arg(query.l_type)
                    .arg(query.l_start)
                    .arg(query.l_len)
                    .arg(query.l_pid)
                    .arg(holder.pid());
            }
            return QString();
        });
        QTest::newRow("separate ranges coexist") << Scenario([=](const std::string &p) -> QString {
            Companion holder(holdInChild(p, F_WRLCK, 0, 100, F_SETLK));
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            return expectErrno("F_SETLK on another range", tryLock(fd.get(), F_WRLCK, 100, 100, F_SETLK), 0);
        });
        QTest::newRow("read locks share") << Scenario([=](const std::string &p) -> QString {
            Companion holder(holdInChild(p, F_RDLCK, 0, 0, F_SETLK));
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            const QString read = expectErrno("read lock beside a read lock", tryLock(fd.get(), F_RDLCK, 0, 0, F_SETLK), 0);
            return read.isEmpty() ? expectErrno("write lock beside a read lock", tryLock(fd.get(), F_WRLCK, 0, 0, F_SETLK), EAGAIN) : read;
        });
        QTest::newRow("released when the holder exits") << Scenario([=](const std::string &p) -> QString {
            Companion holder(holdInChild(p, F_WRLCK, 0, 0, F_SETLK));
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            holder.send('x');
            holder.wait();
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            const bool got = waitUntil(
                [&] {
                    return tryLock(fd.get(), F_WRLCK, 0, 0, F_SETLK) == 0;
                },
                2s);
            return got ? QString() : QStringLiteral("the record lock outlived its holder");
        });
        QTest::newRow("a blocking F_SETLKW waits for the holder") << Scenario([=](const std::string &p) -> QString {
            Companion holder(holdInChild(p, F_WRLCK, 0, 0, F_SETLK));
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Companion waiter([&](const Companion::Channel &channel) {
                Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
                channel.send('W');
                channel.send(tryLock(fd.get(), F_WRLCK, 0, 0, F_SETLKW) == 0 ? 'G' : 'E');
                return 0;
            });
            if (waiter.receive() != 'W') {
                return QStringLiteral("the waiter did not start");
            }
            if (waiter.receive(300ms) != 0) {
                return QStringLiteral("F_SETLKW returned while the lock was held");
            }
            holder.send('x');
            holder.wait();
            return waiter.receive(3s) == 'G' ? QString() : QStringLiteral("F_SETLKW did not get the lock within 3 s of the holder's exit");
        });
        QTest::newRow("OFD locks conflict between two opens") << Scenario([=](const std::string &p) -> QString {
            Fd first(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            Fd second(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            const QString mine = expectErrno("first OFD lock", tryLock(first.get(), F_WRLCK, 0, 0, F_OFD_SETLK), 0);
            return mine.isEmpty() ? expectErrno("second OFD lock", tryLock(second.get(), F_WRLCK, 0, 0, F_OFD_SETLK), EAGAIN) : mine;
        });
        QTest::newRow("OFD lock released on close") << Scenario([=](const std::string &p) -> QString {
            Fd first(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            Fd second(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            tryLock(first.get(), F_WRLCK, 0, 0, F_OFD_SETLK);
            first.close();
            const bool got = waitUntil(
                [&] {
                    return tryLock(second.get(), F_WRLCK, 0, 0, F_OFD_SETLK) == 0;
                },
                2s);
            return got ? QString() : QStringLiteral("the OFD lock outlived its open file");
        });
        QTest::newRow("OFD lock held by another process") << Scenario([=](const std::string &p) -> QString {
            Companion holder(holdInChild(p, F_WRLCK, 0, 0, F_OFD_SETLK));
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            return expectErrno("OFD lock against another process's", tryLock(fd.get(), F_RDLCK, 0, 0, F_OFD_SETLK), EAGAIN);
        });
        QTest::newRow("a F_SETLKW waiter killed while blocked does not get the lock later") << Scenario([=](const std::string &p) -> QString {
            Companion holder(holdInChild(p, F_WRLCK, 0, 0, F_SETLK));
            if (holder.receive() != 'L') {
                return QStringLiteral("the holder could not lock");
            }
            Companion waiter([&](const Companion::Channel &channel) {
                Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
                channel.send('W');
                tryLock(fd.get(), F_WRLCK, 0, 0, F_SETLKW); // blocks until killed
                channel.send('G');
                channel.receive(20s);
                return 0;
            });
            if (waiter.receive() != 'W') {
                return QStringLiteral("the waiter did not start");
            }
            std::this_thread::sleep_for(200ms);
            waiter.kill();
            holder.send('x');
            holder.wait();
            Fd fd(::open(p.c_str(), O_RDWR | O_CLOEXEC));
            const bool got = waitUntil(
                [&] {
                    return tryLock(fd.get(), F_WRLCK, 0, 0, F_SETLK) == 0;
                },
                2s);
            return got ? QString() : QStringLiteral("the record lock went to the killed waiter: still refused 2 s later");
        });
    }

    void shouldLockRangesBetweenProcesses()
    {
        QFETCH(Scenario, scenario);
        const std::string path = at("locked");
        QCOMPARE(writeFile(path, std::string(1000, 'l')), 0);
        VERIFY_SCENARIO(scenario, path);
    }

    // mmap MAP_SHARED write, then read(2)
    void shouldMapSharedAndReadBack_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<bool>("msyncFirst");
        QTest::addColumn<bool>("reopen");

        QTest::newRow("one page, read through the same fd") << 4096 << false << false;
        QTest::newRow("three pages and a bit, msync") << 3 * 4096 + 10 << true << false;
        QTest::newRow("after munmap, through a new open") << 5 * 4096 << false << true;
        QTest::newRow("1 MiB, msync, new open") << 1024 * 1024 << true << true;
    }

    void shouldMapSharedAndReadBack()
    {
        QFETCH(int, size);
        QFETCH(bool, msyncFirst);
        QFETCH(bool, reopen);

        const std::string path = at("mapped");
        Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
        QVERIFY(fd.isValid());
        QCOMPARE(::ftruncate(fd.get(), size), 0);
        void *map = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd.get(), 0);
        QVERIFY2(map != MAP_FAILED, qPrintable(QStringLiteral("mmap MAP_SHARED: ") + errnoText(errno)));
        const std::string data = pattern(31, static_cast<std::size_t>(size));
        std::memcpy(map, data.data(), data.size());
        if (msyncFirst) {
            QCOMPARE(::msync(map, static_cast<std::size_t>(size), MS_SYNC), 0);
        }
        if (reopen) {
            QCOMPARE(::munmap(map, static_cast<std::size_t>(size)), 0);
            map = nullptr;
            QCOMPARE(fd.close(), 0);
            QVERIFY(readFile(path) == data);
        } else {
            QVERIFY2(preadAll(fd.get(), 0, static_cast<std::size_t>(size)) == data, "read(2) does not see the data written through the shared mapping");
            QCOMPARE(::munmap(map, static_cast<std::size_t>(size)), 0);
        }
        // And the other way: write(2), then the mapping sees it.
        Fd again(::open(path.c_str(), O_RDWR | O_CLOEXEC));
        void *view = ::mmap(nullptr, static_cast<std::size_t>(size), PROT_READ, MAP_SHARED, again.get(), 0);
        QVERIFY(view != MAP_FAILED);
        QCOMPARE(pwriteAll(again.get(), "written", 100), 0);
        QCOMPARE(QByteArray(static_cast<const char *>(view) + 100, 7), QByteArray("written"));
        ::munmap(view, static_cast<std::size_t>(size));
    }

    // access()
    void shouldCheckAccess_data()
    {
        QTest::addColumn<QByteArray>("target"); // own file (created with `mode`) or prepared/private
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("check");
        QTest::addColumn<int>("flags");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("exists") << QByteArray("own") << 0644 << int(F_OK) << 0 << 0;
        QTest::newRow("missing") << QByteArray("missing") << 0 << int(F_OK) << 0 << ENOENT;
        QTest::newRow("readable 0400") << QByteArray("own") << 0400 << int(R_OK) << 0 << 0;
        QTest::newRow("not writable 0400") << QByteArray("own") << 0400 << int(W_OK) << 0 << EACCES;
        QTest::newRow("not executable 0644") << QByteArray("own") << 0644 << int(X_OK) << 0 << EACCES;
        QTest::newRow("executable 0755") << QByteArray("own") << 0755 << int(X_OK) << 0 << 0;
        QTest::newRow("read+write 0600, AT_EACCESS") << QByteArray("own") << 0600 << int(R_OK | W_OK) << int(AT_EACCESS) << 0;
        QTest::newRow("nothing for the owner 0077") << QByteArray("own") << 0077 << int(R_OK) << 0 << EACCES;
        QTest::newRow("another user's 0600 file") << QByteArray("private") << 0 << int(R_OK) << 0 << EACCES;
        QTest::newRow("another user's file exists") << QByteArray("private") << 0 << int(F_OK) << 0 << 0;
    }

    void shouldCheckAccess()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, mode);
        QFETCH(int, check);
        QFETCH(int, flags);
        QFETCH(int, expectedErrno);

        std::string path = at("file");
        if (target == "own") {
            QCOMPARE(writeFile(path, "x", 0600), 0);
            QCOMPARE(::chmod(path.c_str(), static_cast<mode_t>(mode)), 0);
        } else if (target == "private") {
            path = underRoot(Prepared::Private);
        }
        COMPARE_ERRNO(errnoOf(::faccessat(AT_FDCWD, path.c_str(), check, flags)), expectedErrno);
        // open() agrees with access().
        if (check == R_OK && target != "missing") {
            Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
            COMPARE_ERRNO(fd.isValid() ? 0 : errno, expectedErrno);
        }
    }
};

// Runs as root: make the tree, start the mirror, run the tests as tester.
int main(int argc, char **argv)
{
    const char *modeVariable = std::getenv("PASSMIRROR_TEST_MODE");
    const std::string mode = modeVariable ? modeVariable : "native";
    const std::set<std::string> modes = {"native", "mirror-passthrough", "mirror-userspace", "mirror-passthrough-shared", "mirror-userspace-shared"};
    if (!modes.contains(mode)) {
        std::fprintf(stderr, "PASSMIRROR_TEST_MODE must be native, mirror-passthrough or mirror-userspace (each with -shared), not '%s'\n", mode.c_str());
        return 2;
    }
    if (::geteuid() != 0) {
        std::fprintf(stderr, "conformancetest must start as root (it drops to tester itself)\n");
        return 2;
    }
    ScratchDir scratch("conformance");
    if (!scratch.isValid()) {
        std::fprintf(stderr, "cannot create a scratch directory under %s\n", scratchBase().c_str());
        return 1;
    }
    const std::string reference = scratch.makeDirectory("reference", Tester);
    std::unique_ptr<MirrorProcess> mirror;
    std::string backing;
    std::string root;
    if (mode == "native") {
        backing = scratch.makeDirectory("native", Tester);
        root = backing;
    } else {
        MirrorOptions options;
        options.owner = Tester;
        options.passthrough = mode.starts_with("mirror-passthrough") ? "on" : "off";
        options.shared = mode.ends_with("-shared");
        mirror = std::make_unique<MirrorProcess>(options);
        backing = mirror->sourcePath();
        root = mirror->mountPoint();
    }
    std::string error;
    if (reference.empty() || backing.empty() || !prepareTree(backing, error)) {
        std::fprintf(stderr, "cannot prepare the test tree: %s\n", error.c_str());
        return 1;
    }
    if (mirror && !mirror->start()) {
        std::fprintf(stderr, "FAIL: cannot start the mirror: %s\n", mirror->errorString().c_str());
        return 1;
    }
    std::fflush(stdout);
    std::fflush(stderr);

    const pid_t child = ::fork();
    if (child < 0) {
        std::perror("fork");
        return 1;
    }
    if (child == 0) {
        if (!dropPrivilegesTo(Tester)) {
            std::perror("dropping to tester");
            ::_exit(1);
        }
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        g_environment = {mode, root, reference};
        ConformanceTest test;
        const int result = QTest::qExec(&test, argc, argv);
        std::fflush(stdout);
        std::fflush(stderr);
        ::_exit(result);
    }
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) { }
    int result = WIFEXITED(status) ? WEXITSTATUS(status) : 1;
    if (!WIFEXITED(status)) {
        std::fprintf(stderr, "FAIL: the test process died (signal %d)\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    }
    if (mirror) {
        if (!mirror->isMounted()) {
            std::fprintf(stderr, "FAIL: the mirror was no longer mounted after the tests\n");
            result = result ? result : 1;
        }
        const ExitStatus exit = mirror->terminate();
        if (!exit.exited || exit.code != 0) {
            std::fprintf(stderr, "FAIL: passmirrord did not exit 0 on SIGTERM: %s\n", exit.describe().c_str());
            result = result ? result : 1;
        }
    }
    return result;
}

#include "conformancetest.moc"
