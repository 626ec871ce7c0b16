// SPDX-License-Identifier: GPL-2.0-or-later
// Credentials and security: the mirror acts as its owner (or, --shared, as
// the caller), never as root. The test runs as root; every operation on the
// mirror runs in a child that dropped to tester or tester2 for good.

#include "credentials.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "mountinfo.h"
#include "runas.h"

#include <QTest>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

// An operation on the mount (its path given), returning 0 or errno.
using MountOperation = std::function<int(const std::string &mount)>;

int errnoOf(long long returned)
{
    return returned < 0 ? errno : 0;
}

int openErrno(const std::string &path, int flags)
{
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) {
        return errno;
    }
    ::close(fd);
    return 0;
}

QString errnoText(int error)
{
    return error == 0 ? QStringLiteral("success") : QString::fromStdString(errnoName(error));
}

// Runs `operation` on the mount as `who`; the errno it gives (or -1 if the
// child failed to report).
int errnoAs(Credentials who, const MountOperation &operation, const std::string &mount)
{
    const Outcome outcome = runAs(who, [&] {
        Outcome result;
        result.error = operation(mount);
        return result;
    });
    return outcome.succeeded() ? outcome.error : -1;
}

// The source every test here mirrors (made as root before the mount).
//   secret          tester2's 0600 file
//   tester2-private tester2's 0700 directory with a file
//   shadow-link     -> /etc/shadow;  relative-shadow-link -> ../../../../../../etc/shadow
//   own             tester's 0600 file;  public  tester's 0644 file
//   drop            01777 directory (for --shared)
//   setuid-id       a copy of /usr/bin/id, root's, mode 04755
bool populate(const std::string &source)
{
    const auto make = [](const std::string &path, const std::string &content, Credentials who, mode_t mode) {
        return writeFile(path, content, mode) == 0 && ::chown(path.c_str(), who.uid, who.gid) == 0 && ::chmod(path.c_str(), mode) == 0;
    };
    const auto id = readFile("/usr/bin/id");
    return make(source + "/secret", "tester2's secret", Tester2, 0600) && ::mkdir((source + "/tester2-private").c_str(), 0700) == 0
        && make(source + "/tester2-private/file", "inside", Tester2, 0600) && ::chown((source + "/tester2-private").c_str(), Tester2.uid, Tester2.gid) == 0
        && ::symlink("/etc/shadow", (source + "/shadow-link").c_str()) == 0
        && ::symlink("../../../../../../../etc/shadow", (source + "/relative-shadow-link").c_str()) == 0 && make(source + "/own", "tester's own", Tester, 0600)
        && make(source + "/public", "for everyone", Tester, 0644) && ::mkdir((source + "/drop").c_str(), 01777) == 0
        && ::chmod((source + "/drop").c_str(), 01777) == 0 && ::chown((source + "/drop").c_str(), Tester.uid, Tester.gid) == 0 && id.has_value()
        && make(source + "/setuid-id", *id, {0, 0}, 04755);
}

bool protectedHardlinks()
{
    return readFile("/proc/sys/fs/protected_hardlinks").value_or("0").starts_with('1');
}

struct Ownership {
    uid_t uid;
    gid_t gid;
};

std::optional<Ownership> ownerOf(const std::string &path)
{
    struct stat status{};
    if (::lstat(path.c_str(), &status) != 0) {
        return std::nullopt;
    }
    return Ownership{status.st_uid, status.st_gid};
}

} // namespace

Q_DECLARE_METATYPE(MountOperation)

class CredentialTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(::geteuid(), uid_t(0));
        struct stat shadow{};
        QVERIFY2(::stat("/etc/shadow", &shadow) == 0 && (shadow.st_mode & 0004) == 0, "/etc/shadow must exist and not be world-readable");
    }

    // Tester, the owner, through a mirror of a source that holds tester2's files.
    void shouldRefuseWhatTheOwnerMayNotDo_data()
    {
        QTest::addColumn<MountOperation>("operation");
        QTest::addColumn<int>("expectedErrno");

        QTest::newRow("read tester2's 0600 file") << MountOperation([](const std::string &m) {
            return openErrno(m + "/secret", O_RDONLY);
        }) << EACCES;
        QTest::newRow("write tester2's 0600 file") << MountOperation([](const std::string &m) {
            return openErrno(m + "/secret", O_WRONLY);
        }) << EACCES;
        QTest::newRow("truncate tester2's file") << MountOperation([](const std::string &m) {
            return errnoOf(::truncate((m + "/secret").c_str(), 0));
        }) << EACCES;
        QTest::newRow("chmod tester2's file") << MountOperation([](const std::string &m) {
            return errnoOf(::chmod((m + "/secret").c_str(), 0666));
        }) << EPERM;
        QTest::newRow("chown tester2's file to tester") << MountOperation([](const std::string &m) {
            return errnoOf(::chown((m + "/secret").c_str(), Tester.uid, Tester.gid));
        }) << EPERM;
        QTest::newRow("chown own file to tester2") << MountOperation([](const std::string &m) {
            return errnoOf(::chown((m + "/own").c_str(), Tester2.uid, -1));
        }) << EPERM;
        QTest::newRow("set tester2's file times") << MountOperation([](const std::string &m) {
            const timespec times[2] = {{1, 0}, {1, 0}};
            return errnoOf(::utimensat(AT_FDCWD, (m + "/secret").c_str(), times, 0));
        }) << EPERM;
        QTest::newRow("set a user xattr on tester2's file") << MountOperation([](const std::string &m) {
            return errnoOf(::setxattr((m + "/secret").c_str(), "user.x", "x", 1, 0));
        }) << EACCES;
        QTest::newRow("set a trusted xattr") << MountOperation([](const std::string &m) {
            return errnoOf(::setxattr((m + "/own").c_str(), "trusted.x", "x", 1, 0));
        }) << EPERM;
        QTest::newRow("list tester2's 0700 directory") << MountOperation([](const std::string &m) {
            return listDirectory(m + "/tester2-private").has_value() ? 0 : errno;
        }) << EACCES;
        QTest::newRow("read inside tester2's 0700 directory") << MountOperation([](const std::string &m) {
            return openErrno(m + "/tester2-private/file", O_RDONLY);
        }) << EACCES;
        QTest::newRow("unlink inside tester2's 0700 directory") << MountOperation([](const std::string &m) {
            return errnoOf(::unlink((m + "/tester2-private/file").c_str()));
        }) << EACCES;
        QTest::newRow("hard link to tester2's file (protected_hardlinks)") << MountOperation([](const std::string &m) {
            return errnoOf(::link((m + "/secret").c_str(), (m + "/node").c_str()));
        }) << (protectedHardlinks() ? EPERM : 0);
        QTest::newRow("mknod a character device") << MountOperation([](const std::string &m) {
            return errnoOf(::mknod((m + "/node").c_str(), S_IFCHR | 0666, makedev(1, 3)));
        }) << EPERM;
        QTest::newRow("mknod a block device") << MountOperation([](const std::string &m) {
            return errnoOf(::mknod((m + "/node").c_str(), S_IFBLK | 0666, makedev(7, 0)));
        }) << EPERM;
        QTest::newRow("read /etc/shadow through a symlink in the source") << MountOperation([](const std::string &m) {
            return openErrno(m + "/shadow-link", O_RDONLY);
        }) << EACCES;
        QTest::newRow("read /etc/shadow through a relative symlink") << MountOperation([](const std::string &m) {
            return openErrno(m + "/relative-shadow-link", O_RDONLY);
        }) << EACCES;
        QTest::newRow("open the shadow symlink itself") << MountOperation([](const std::string &m) {
            return openErrno(m + "/shadow-link", O_RDONLY | O_NOFOLLOW);
        }) << ELOOP;
        QTest::newRow("write /etc/shadow through a symlink") << MountOperation([](const std::string &m) {
            return openErrno(m + "/shadow-link", O_WRONLY | O_APPEND);
        }) << EACCES;
    }

    void shouldRefuseWhatTheOwnerMayNotDo()
    {
        QFETCH(MountOperation, operation);
        QFETCH(int, expectedErrno);

        MirrorProcess mirror;
        QVERIFY(populate(mirror.sourcePath()));
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const int error = errnoAs(Tester, operation, mirror.mountPoint());
        QVERIFY2(error == expectedErrno, qPrintable(QStringLiteral("got %1, expected %2").arg(errnoText(error), errnoText(expectedErrno))));

        // Nothing changed behind the refusal.
        struct stat secret{};
        QCOMPARE(::lstat((mirror.sourcePath() + "/secret").c_str(), &secret), 0);
        QCOMPARE(secret.st_uid, Tester2.uid);
        QCOMPARE(int(secret.st_mode & 07777), 0600);
        QCOMPARE(readFile(mirror.sourcePath() + "/secret").value_or(""), std::string("tester2's secret"));
        QCOMPARE(ownerOf(mirror.sourcePath() + "/own")->uid, Tester.uid);
        QVERIFY(!ownerOf(mirror.sourcePath() + "/node").has_value());
        QVERIFY(ownerOf(mirror.sourcePath() + "/tester2-private/file").has_value());
    }

    // Everything tester creates through the mirror is tester's at once.
    void shouldCreateAsTheOwner_data()
    {
        QTest::addColumn<MountOperation>("create"); // creates <mount>/new

        const std::vector<std::pair<const char *, MountOperation>> creators = {
            {"file",
             [](const std::string &m) {
                 return writeFile(m + "/new", "mine");
             }},
            {"exclusive file",
             [](const std::string &m) {
                 const int fd = ::open((m + "/new").c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
                 return fd < 0 ? errno : (::close(fd), 0);
             }},
            {"directory",
             [](const std::string &m) {
                 return errnoOf(::mkdir((m + "/new").c_str(), 0755));
             }},
            {"symlink",
             [](const std::string &m) {
                 return errnoOf(::symlink("target", (m + "/new").c_str()));
             }},
            {"fifo",
             [](const std::string &m) {
                 return errnoOf(::mkfifo((m + "/new").c_str(), 0644));
             }},
            {"O_TMPFILE, linked",
             [](const std::string &m) {
                 const int fd = ::open(m.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
                 if (fd < 0) {
                     return errno;
                 }
                 const std::string proc = "/proc/self/fd/" + std::to_string(fd);
                 const int error = errnoOf(::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, (m + "/new").c_str(), AT_SYMLINK_FOLLOW));
                 ::close(fd);
                 return error;
             }},
        };
        for (const auto &[name, creator] : creators) {
            QTest::addRow("%s", name) << creator;
        }
    }

    void shouldCreateAsTheOwner()
    {
        QFETCH(MountOperation, create);

        MirrorProcess mirror;
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const int error = errnoAs(Tester, create, mirror.mountPoint());
        QVERIFY2(error == 0, qPrintable(errnoText(error)));
        const auto owner = ownerOf(mirror.sourcePath() + "/new");
        QVERIFY(owner.has_value());
        QCOMPARE(owner->uid, Tester.uid);
        QCOMPARE(owner->gid, Tester.gid);
    }

    // nosuid: a setuid-root program in the source runs as the caller.
    void shouldIgnoreSetuidBits()
    {
        MirrorProcess mirror;
        QVERIFY(populate(mirror.sourcePath()));
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const auto mount = findMount(mirror.mountPoint());
        QVERIFY(mount.has_value());
        QVERIFY2(mount->hasMountOption("nosuid") && mount->hasMountOption("nodev"), mount->mountOptions.c_str());

        const auto effectiveUidRunning = [](const std::string &program) {
            return runAs(Tester, [&] {
                FILE *pipe = ::popen((program + " -u 2>&1").c_str(), "r");
                if (!pipe) {
                    return Outcome::failure("popen", errno);
                }
                char buffer[256] = {};
                const std::size_t got = std::fread(buffer, 1, sizeof(buffer) - 1, pipe);
                const int status = ::pclose(pipe);
                return status == 0 ? Outcome::success(std::string(buffer, got)) : Outcome::failure(std::string(buffer, got));
            });
        };
        // The control: run from the source directly, the bit works (so the
        // check below means something).
        const Outcome native = effectiveUidRunning(mirror.sourcePath() + "/setuid-id");
        QVERIFY2(native.succeeded() && native.data == "0\n",
                 qPrintable(QStringLiteral("control run outside the mirror: ") + QString::fromStdString(native.describe())));
        const Outcome mirrored = effectiveUidRunning(mirror.mountPoint() + "/setuid-id");
        QVERIFY2(mirrored.succeeded(), mirrored.describe().c_str());
        QCOMPARE(mirrored.data, std::to_string(Tester.uid) + "\n");

        const Outcome flags = runAs(Tester, [&] {
            struct statvfs status{};
            if (::statvfs(mirror.mountPoint().c_str(), &status) != 0) {
                return Outcome::failure("statvfs", errno);
            }
            return Outcome::of(static_cast<long long>(status.f_flag));
        });
        QVERIFY2(flags.succeeded(), flags.describe().c_str());
        QVERIFY(flags.value & ST_NOSUID);
        QVERIFY(flags.value & ST_NODEV);
    }

    // Without --shared only the owner gets in.
    void shouldKeepOthersOut_data()
    {
        QTest::addColumn<MountOperation>("operation");

        QTest::newRow("stat the mount point") << MountOperation([](const std::string &m) {
            struct stat status{};
            return errnoOf(::stat(m.c_str(), &status));
        });
        QTest::newRow("list the mount point") << MountOperation([](const std::string &m) {
            return listDirectory(m).has_value() ? 0 : errno;
        });
        QTest::newRow("read a 0644 file") << MountOperation([](const std::string &m) {
            return openErrno(m + "/public", O_RDONLY);
        });
        QTest::newRow("create a file in a 01777 directory") << MountOperation([](const std::string &m) {
            return writeFile(m + "/drop/intruder", "x");
        });
    }

    void shouldKeepOthersOut()
    {
        QFETCH(MountOperation, operation);

        MirrorProcess mirror;
        QVERIFY(populate(mirror.sourcePath()));
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        QVERIFY(!findMount(mirror.mountPoint())->hasSuperOption("allow_other"));
        // The owner can; tester2 cannot.
        QCOMPARE(errnoAs(Tester, operation, mirror.mountPoint()), 0);
        const int error = errnoAs(Tester2, operation, mirror.mountPoint());
        QVERIFY2(error == EACCES, qPrintable(QStringLiteral("tester2 got %1, expected EACCES").arg(errnoText(error))));
        QVERIFY(!ownerOf(mirror.sourcePath() + "/drop/intruder").has_value() || ownerOf(mirror.sourcePath() + "/drop/intruder")->uid == Tester.uid);
    }

    // With --shared every caller acts as itself.
    void shouldActAsTheCallerWhenShared_data()
    {
        QTest::addColumn<MountOperation>("operation");
        QTest::addColumn<int>("expectedErrno");
        QTest::addColumn<int>("expectedUid"); // of source/drop/new afterwards, -1: must not exist

        QTest::newRow("tester2 creates a file") << MountOperation([](const std::string &m) {
            return writeFile(m + "/drop/new", "from tester2");
        }) << 0 << int(Tester2.uid);
        QTest::newRow("tester2 makes a directory") << MountOperation([](const std::string &m) {
            return errnoOf(::mkdir((m + "/drop/new").c_str(), 0755));
        }) << 0 << int(Tester2.uid);
        QTest::newRow("tester2 makes a symlink") << MountOperation([](const std::string &m) {
            return errnoOf(::symlink("t", (m + "/drop/new").c_str()));
        }) << 0 << int(Tester2.uid);
        QTest::newRow("tester2 reads tester's 0644 file") << MountOperation([](const std::string &m) {
            return readFile(m + "/public") == std::string("for everyone") ? 0 : (errno ? errno : EIO);
        }) << 0 << -1;
        QTest::newRow("tester2 cannot read tester's 0600 file") << MountOperation([](const std::string &m) {
            return openErrno(m + "/own", O_RDONLY);
        }) << EACCES << -1;
        QTest::newRow("tester2 cannot create in tester's 0755 root") << MountOperation([](const std::string &m) {
            return writeFile(m + "/new-in-root", "x");
        }) << EACCES << -1;
        QTest::newRow("tester2 cannot delete tester's file in a sticky directory") << MountOperation([](const std::string &m) {
            return errnoOf(::unlink((m + "/drop/testers").c_str()));
        }) << EPERM << -1;
    }

    void shouldActAsTheCallerWhenShared()
    {
        QFETCH(MountOperation, operation);
        QFETCH(int, expectedErrno);
        QFETCH(int, expectedUid);

        MirrorOptions options;
        options.shared = true;
        MirrorProcess mirror(options);
        QVERIFY(populate(mirror.sourcePath()));
        const std::string testers = mirror.sourcePath() + "/drop/testers";
        QCOMPARE(writeFile(testers, "tester's"), 0);
        QCOMPARE(::chown(testers.c_str(), Tester.uid, Tester.gid), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        QVERIFY(findMount(mirror.mountPoint())->hasSuperOption("allow_other"));

        const int error = errnoAs(Tester2, operation, mirror.mountPoint());
        QVERIFY2(error == expectedErrno, qPrintable(QStringLiteral("got %1, expected %2").arg(errnoText(error), errnoText(expectedErrno))));
        const auto owner = ownerOf(mirror.sourcePath() + "/drop/new");
        if (expectedUid < 0) {
            QVERIFY(!owner.has_value());
            QVERIFY(ownerOf(testers).has_value());
        } else {
            QVERIFY(owner.has_value());
            QCOMPARE(int(owner->uid), expectedUid);
            QCOMPARE(owner->gid, Tester2.gid);
        }
    }

    // With --shared the caller's supplementary groups count, as natively:
    // tester2 in tester's group reads tester's 0640 file and creates in a
    // 0770 directory of that group. (FUSE requests carry no groups; the
    // daemon must find the caller's, not the user database's.) The owner's
    // own processes skip the identity switch only when their ids and groups
    // are exactly what the server runs with (the user database's): the
    // owner holding tester2's group too is served with it, the owner
    // without it is not.
    void shouldUseTheCallersSupplementaryGroupsWhenShared_data()
    {
        QTest::addColumn<bool>("ownerCalls"); // tester calls, on tester2's files; else tester2 on tester's
        QTest::addColumn<bool>("member"); // the caller holds the files' group as a supplementary group
        QTest::addColumn<MountOperation>("operation");
        QTest::addColumn<int>("expectedErrno");

        const MountOperation read = [](const std::string &m) {
            return readFile(m + "/group-readable") == std::string("for the group") ? 0 : (errno ? errno : EIO);
        };
        const MountOperation create = [](const std::string &m) {
            return writeFile(m + "/group-dir/new", "from a member");
        };
        QTest::newRow("member reads a 0640 file of the group") << false << true << read << 0;
        QTest::newRow("member creates in a 0770 directory of the group") << false << true << create << 0;
        QTest::newRow("non-member cannot read") << false << false << read << EACCES;
        QTest::newRow("non-member cannot create") << false << false << create << EACCES;
        QTest::newRow("owner with the group reads a 0640 file") << true << true << read << 0;
        QTest::newRow("owner with the group creates in a 0770 directory") << true << true << create << 0;
        QTest::newRow("owner without it cannot read") << true << false << read << EACCES;
        QTest::newRow("owner without it cannot create") << true << false << create << EACCES;
    }

    void shouldUseTheCallersSupplementaryGroupsWhenShared()
    {
        QFETCH(bool, ownerCalls);
        QFETCH(bool, member);
        QFETCH(MountOperation, operation);
        QFETCH(int, expectedErrno);
        const Credentials caller = ownerCalls ? Tester : Tester2;
        const Credentials filesOwner = ownerCalls ? Tester2 : Tester;

        MirrorOptions options;
        options.shared = true;
        MirrorProcess mirror(options);
        const std::string file = mirror.sourcePath() + "/group-readable";
        const std::string dir = mirror.sourcePath() + "/group-dir";
        QCOMPARE(writeFile(file, "for the group", 0640), 0);
        QCOMPARE(::chown(file.c_str(), filesOwner.uid, filesOwner.gid), 0);
        QCOMPARE(::mkdir(dir.c_str(), 0770), 0);
        QCOMPARE(::chown(dir.c_str(), filesOwner.uid, filesOwner.gid), 0);
        QCOMPARE(::chmod(dir.c_str(), 0770), 0); // past the umask
        // The same natively, as the control. The owner keeps its own group
        // (what the user database gives it), so without the other group its
        // groups are the server's exactly.
        std::vector<gid_t> groups = ownerCalls ? std::vector<gid_t>{Tester.gid} : std::vector<gid_t>{};
        if (member) {
            groups.push_back(filesOwner.gid);
        }
        const auto errnoWithGroups = [&](const std::string &root) {
            const Outcome outcome = runAsWithGroups(caller, groups, [&] {
                Outcome result;
                result.error = operation(root);
                return result;
            });
            return outcome.succeeded() ? outcome.error : -1;
        };
        const int native = errnoWithGroups(mirror.sourcePath());
        QVERIFY2(native == expectedErrno, qPrintable(QStringLiteral("natively: got %1, expected %2").arg(errnoText(native), errnoText(expectedErrno))));
        ::unlink((dir + "/new").c_str());

        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const int error = errnoWithGroups(mirror.mountPoint());
        QVERIFY2(error == expectedErrno, qPrintable(QStringLiteral("through the mirror: got %1, expected %2").arg(errnoText(error), errnoText(expectedErrno))));
        if (expectedErrno == 0 && ownerOf(dir + "/new")) {
            QCOMPARE(ownerOf(dir + "/new")->uid, caller.uid);
        }
    }

    // --read-only: nothing changes the source.
    void shouldRefuseChangesWhenReadOnly_data()
    {
        QTest::addColumn<MountOperation>("operation");

        QTest::newRow("create") << MountOperation([](const std::string &m) {
            return writeFile(m + "/new", "x");
        });
        QTest::newRow("open for writing") << MountOperation([](const std::string &m) {
            return openErrno(m + "/public", O_WRONLY);
        });
        QTest::newRow("unlink") << MountOperation([](const std::string &m) {
            return errnoOf(::unlink((m + "/public").c_str()));
        });
        QTest::newRow("mkdir") << MountOperation([](const std::string &m) {
            return errnoOf(::mkdir((m + "/new").c_str(), 0755));
        });
        QTest::newRow("chmod") << MountOperation([](const std::string &m) {
            return errnoOf(::chmod((m + "/public").c_str(), 0600));
        });
        QTest::newRow("rename") << MountOperation([](const std::string &m) {
            return errnoOf(::rename((m + "/public").c_str(), (m + "/moved").c_str()));
        });
        QTest::newRow("setxattr") << MountOperation([](const std::string &m) {
            return errnoOf(::setxattr((m + "/public").c_str(), "user.x", "x", 1, 0));
        });
    }

    void shouldRefuseChangesWhenReadOnly()
    {
        QFETCH(MountOperation, operation);

        MirrorOptions options;
        options.readOnly = true;
        MirrorProcess mirror(options);
        QVERIFY(populate(mirror.sourcePath()));
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const int error = errnoAs(Tester, operation, mirror.mountPoint());
        QVERIFY2(error == EROFS, qPrintable(QStringLiteral("got %1, expected EROFS").arg(errnoText(error))));
        QCOMPARE(readFile(mirror.sourcePath() + "/public").value_or(""), std::string("for everyone"));
        struct stat status{};
        QCOMPARE(::stat((mirror.sourcePath() + "/public").c_str(), &status), 0);
        QCOMPARE(int(status.st_mode & 07777), 0644);
        QVERIFY(!ownerOf(mirror.sourcePath() + "/new").has_value());
        // Reading still works.
        const int readError = errnoAs(
            Tester,
            [](const std::string &m) {
                return readFile(m + "/public").has_value() ? 0 : errno;
            },
            mirror.mountPoint());
        QCOMPARE(readError, 0);
    }
};

QTEST_APPLESS_MAIN(CredentialTest)

#include "credentialtest.moc"
