// SPDX-License-Identifier: GPL-2.0-or-later
// Every path rule on its own, from a table; the file system rules on a real
// tree, checked as user tester (uid 1000) when run as root. Qt Test is only
// the harness: the rules are base's, without Qt.
#include "pathrules.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::PathRules;
using Broken = std::optional<PassMirror::PathRules::Invalid>;

Q_DECLARE_METATYPE(PassMirror::MirrorError)
Q_DECLARE_METATYPE(std::optional<PassMirror::PathRules::Invalid>)

namespace
{
std::string_view bytesOf(const QByteArray &path)
{
    return {path.constData(), static_cast<std::size_t>(path.size())};
}

MirrorError errorOf(const std::variant<ValidatedPaths, Problem> &result)
{
    return std::holds_alternative<ValidatedPaths>(result) ? MirrorError::None : std::get<Problem>(result).error;
}
} // namespace

class PathRulesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldCheckSyntax_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<MirrorError>("expected");
        QTest::addColumn<Broken>("broken");
        QTest::newRow("plain") << QByteArray("/home/tester/a") << MirrorError::None << Broken();
        QTest::newRow("root") << QByteArray("/") << MirrorError::None << Broken();
        QTest::newRow("double slash") << QByteArray("/home//tester/") << MirrorError::None << Broken();
        QTest::newRow("utf8 name") << QByteArray("/home/tester/Fotos-\xc3\xa4") << MirrorError::None << Broken();
        QTest::newRow("empty") << QByteArray() << MirrorError::PathInvalid << Broken(Invalid::Empty);
        QTest::newRow("relative") << QByteArray("home/tester") << MirrorError::PathInvalid << Broken(Invalid::NotAbsolute);
        QTest::newRow("nul") << QByteArray("/home/te\0ster", 13) << MirrorError::PathInvalid << Broken(Invalid::ContainsNul);
        QTest::newRow("latin1 byte") << QByteArray("/home/tester/caf\xe9") << MirrorError::PathInvalid << Broken(Invalid::NotUtf8);
        QTest::newRow("overlong utf8") << QByteArray("/home/\xc0\xaf") << MirrorError::PathInvalid << Broken(Invalid::NotUtf8);
        QTest::newRow("newline") << QByteArray("/home/tester/mnt\nx") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("newline at the end") << QByteArray("/home/tester/mnt\n") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("tab") << QByteArray("/home/tester/a\tb") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("carriage return") << QByteArray("/home/tester/a\rb") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("escape") << QByteArray("/home/tester/\x1b[2J") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("SOH") << QByteArray("/home/tester/\x01") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("DEL") << QByteArray("/home/tester/\x7f") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("C1 CSI") << QByteArray("/home/tester/\xc2\x9bJ") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("relative with a newline") << QByteArray("mnt\n") << MirrorError::PathInvalid << Broken(Invalid::ControlCharacter);
        QTest::newRow("no-break space ok") << QByteArray("/home/tester/a\xc2\xa0z") << MirrorError::None << Broken();
        QTest::newRow("space and punctuation ok") << QByteArray("/home/tester/My Files (\"old\") \\ #1") << MirrorError::None << Broken();
        QTest::newRow("dot") << QByteArray("/home/./tester") << MirrorError::PathInvalid << Broken(Invalid::DotComponent);
        QTest::newRow("dotdot") << QByteArray("/home/tester/../root") << MirrorError::PathInvalid << Broken(Invalid::DotComponent);
        QTest::newRow("dotfile ok") << QByteArray("/home/tester/.hidden") << MirrorError::None << Broken();
        QTest::newRow("name 255") << QByteArray("/" + QByteArray(255, 'a')) << MirrorError::None << Broken();
        QTest::newRow("name 256") << QByteArray("/" + QByteArray(256, 'a')) << MirrorError::PathInvalid << Broken(Invalid::NameTooLong);
        QTest::newRow("path 4095") << QByteArray(QByteArray("/") + QByteArray(200, 'a').repeated(1) + QByteArray("/" + QByteArray(199, 'b')).repeated(19) + "/"
                                                 + QByteArray(93, 'c'))
                                   << MirrorError::None << Broken();
        QTest::newRow("path 4096") << QByteArray("/" + QByteArray("/" + QByteArray(199, 'b')).repeated(20) + QByteArray(95, 'c')) << MirrorError::PathInvalid
                                   << Broken(Invalid::TooLong);
    }
    void shouldCheckSyntax()
    {
        QFETCH(QByteArray, path);
        QFETCH(MirrorError, expected);
        QFETCH(Broken, broken);
        const Check found = checkSyntax(bytesOf(path), Role::Source);
        QCOMPARE(found ? found->error : MirrorError::None, expected);
        QCOMPARE(syntaxProblem(bytesOf(path)).has_value(), found.has_value());
        if (found) {
            QCOMPARE(found->role, Role::Source);
            QVERIFY(found->invalid == broken);
            QVERIFY(!found->message.empty());
            QVERIFY2(found->message.find(bytesOf(path)) == std::string::npos || path.size() < 2, "messages never name the path");
            // The same rule, for the mount point, names that role.
            const Check asMountPoint = checkSyntax(bytesOf(path), Role::MountPoint);
            QVERIFY(asMountPoint && asMountPoint->role == Role::MountPoint && asMountPoint->invalid == broken);
            QVERIFY(asMountPoint->message.starts_with("The mount point path "));
        }
    }

    void shouldNormalize_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("root") << QByteArray("/") << QByteArray("/");
        QTest::newRow("slashes") << QByteArray("//a///b//") << QByteArray("/a/b");
        QTest::newRow("plain") << QByteArray("/a/b") << QByteArray("/a/b");
    }
    void shouldNormalize()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, expected);
        QCOMPARE(QByteArray::fromStdString(normalize(bytesOf(path))), expected);
    }

    // --- On a real tree, as tester.
    void shouldValidateOnDisk_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("mountPoint");
        QTest::addColumn<MirrorError>("expected");
        QTest::newRow("good") << "src" << "mnt" << MirrorError::None;
        QTest::newRow("source missing") << "nothing" << "mnt" << MirrorError::SourceMissing;
        QTest::newRow("source a file") << "file" << "mnt" << MirrorError::SourceNotDirectory;
        QTest::newRow("source unreadable") << "secret" << "mnt" << MirrorError::SourceNotReadable;
        QTest::newRow("source behind closed folder") << "closed/inner" << "mnt" << MirrorError::SourceNotReadable;
        QTest::newRow("mount missing") << "src" << "nothing" << MirrorError::MountPointMissing;
        QTest::newRow("mount a file") << "src" << "file" << MirrorError::MountPointNotDirectory;
        QTest::newRow("mount not empty") << "src" << "full" << MirrorError::MountPointNotEmpty;
        QTest::newRow("mount root-owned") << "src" << "rootowned" << MirrorError::MountPointNotOwned;
        QTest::newRow("mount symlink to etc") << "src" << "link" << MirrorError::PathInvalid;
        QTest::newRow("symlink in the middle") << "src" << "linkdir/mnt" << MirrorError::PathInvalid;
        QTest::newRow("mount inside source") << "src" << "src/inner" << MirrorError::MountPointInsideSource;
        QTest::newRow("same folder") << "mnt" << "mnt" << MirrorError::MountPointInsideSource;
        QTest::newRow("source inside mount") << "mnt2/sub" << "mnt2" << MirrorError::SourceInsideMountPoint;
        QTest::newRow("someone else's source") << "others" << "mnt" << MirrorError::SourceNotReadable;
        QTest::newRow("source /proc") << "/proc" << "mnt" << MirrorError::SourcePseudoFilesystem;
        QTest::newRow("source /proc/sys") << "/proc/sys" << "mnt" << MirrorError::SourcePseudoFilesystem;
        QTest::newRow("source /sys") << "/sys" << "mnt" << MirrorError::SourcePseudoFilesystem;
        QTest::newRow("source /sys/fs/cgroup") << "/sys/fs/cgroup" << "mnt" << MirrorError::SourcePseudoFilesystem;
        QTest::newRow("source with proc below") << "withproc" << "mnt" << MirrorError::SourcePseudoFilesystem;
        // Real, empty folders of tester's: only the name is wrong.
        QTest::newRow("mount point with a newline") << "src" << "mnt\nx" << MirrorError::PathInvalid;
        QTest::newRow("source with an escape") << "src\x1b[2J" << "mnt" << MirrorError::PathInvalid;
    }
    void shouldValidateOnDisk()
    {
        if (geteuid() != 0) {
            QSKIP("needs root to act as tester (run inside ./dev)");
        }
        QFETCH(QString, source);
        QFETCH(QString, mountPoint);
        QFETCH(MirrorError, expected);
        const auto tester = lookupUser(uid_t(1000));
        QVERIFY2(tester, "user tester (uid 1000) must exist");

        QTemporaryDir base(QStringLiteral("/tmp/pathrules-XXXXXX"));
        QVERIFY(base.isValid());
        const QString b = base.path();
        QVERIFY(::chmod(QFile::encodeName(b).constData(), 0755) == 0);
        auto makeDir = [&](const QString &name, uid_t uid, mode_t mode) {
            const QByteArray path = QFile::encodeName(b + QLatin1Char('/') + name);
            QVERIFY(::mkdir(path.constData(), mode) == 0);
            QVERIFY(::chown(path.constData(), uid, uid) == 0);
            QVERIFY(::chmod(path.constData(), mode) == 0);
        };
        makeDir(QStringLiteral("src"), 1000, 0755);
        makeDir(QStringLiteral("src/inner"), 1000, 0755);
        makeDir(QStringLiteral("mnt"), 1000, 0755);
        makeDir(QStringLiteral("mnt2"), 1000, 0755);
        makeDir(QStringLiteral("mnt2/sub"), 1000, 0755);
        makeDir(QStringLiteral("full"), 1000, 0755);
        makeDir(QStringLiteral("full/x"), 1000, 0755);
        makeDir(QStringLiteral("secret"), 1000, 0000);
        makeDir(QStringLiteral("closed"), 0, 0700);
        makeDir(QStringLiteral("closed/inner"), 1000, 0755);
        makeDir(QStringLiteral("rootowned"), 0, 0777);
        makeDir(QStringLiteral("others"), 1001, 0700);
        makeDir(QStringLiteral("realdir"), 1000, 0755);
        makeDir(QStringLiteral("realdir/mnt"), 1000, 0755);
        makeDir(QStringLiteral("mnt\nx"), 1000, 0755);
        makeDir(QStringLiteral("src\x1b[2J"), 1000, 0755);
        QFile file(b + QStringLiteral("/file"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QVERIFY(::symlink("/etc", QFile::encodeName(b + QStringLiteral("/link")).constData()) == 0);
        QVERIFY(::symlink("realdir", QFile::encodeName(b + QStringLiteral("/linkdir")).constData()) == 0);
        makeDir(QStringLiteral("withproc"), 1000, 0755);
        makeDir(QStringLiteral("withproc/deep"), 1000, 0755);
        const QByteArray procBelow = QFile::encodeName(b + QStringLiteral("/withproc/deep"));
        QVERIFY(::mount("proc", procBelow.constData(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0);
        const auto unmount = qScopeGuard([&procBelow] {
            ::umount2(procBelow.constData(), MNT_DETACH);
        });

        const QString sourcePath = source.startsWith(QLatin1Char('/')) ? source : b + QLatin1Char('/') + source;
        const auto result = validate(QFile::encodeName(sourcePath).toStdString(), QFile::encodeName(b + QLatin1Char('/') + mountPoint).toStdString(), *tester);
        const MirrorError got = errorOf(result);
        if (got != expected) {
            qWarning() << "message:" << std::get<Problem>(result).message.c_str();
        }
        QCOMPARE(got, expected);
        if (got != MirrorError::None) {
            // The problem names the path it is about.
            const Problem &problem = std::get<Problem>(result);
            const bool aboutSource = expected == MirrorError::SourceMissing || expected == MirrorError::SourceNotDirectory
                || expected == MirrorError::SourceNotReadable || expected == MirrorError::SourcePseudoFilesystem
                || expected == MirrorError::SourceInsideMountPoint;
            if (expected != MirrorError::PathInvalid) {
                QCOMPARE(problem.role, aboutSource ? Role::Source : Role::MountPoint);
            } else if (source.contains(QLatin1Char('\x1b')) || mountPoint.contains(QLatin1Char('\n'))) {
                QVERIFY(problem.invalid == Invalid::ControlCharacter);
                QCOMPARE(problem.role, source.contains(QLatin1Char('\x1b')) ? Role::Source : Role::MountPoint);
                QVERIFY2(problem.message.find("control character") != std::string::npos, problem.message.c_str());
            }
        }
        // The thread is root again afterwards.
        QCOMPARE(static_cast<uid_t>(syscall(SYS_setfsuid, -1)), uid_t(0));
    }

    // Root gets no exemption from the owner rule (one copy of the rules had
    // one): an administrator's mirror goes on a folder of root's too.
    void shouldHoldRootToTheOwnerRule()
    {
        if (geteuid() != 0) {
            QSKIP("needs root to chown (run inside ./dev)");
        }
        QTemporaryDir base(QStringLiteral("/tmp/pathrules-XXXXXX"));
        QVERIFY(base.isValid());
        const QByteArray source = QFile::encodeName(base.path() + QStringLiteral("/src"));
        const QByteArray mountPoint = QFile::encodeName(base.path() + QStringLiteral("/mnt"));
        QVERIFY(::mkdir(source.constData(), 0755) == 0 && ::mkdir(mountPoint.constData(), 0755) == 0);
        QVERIFY(::chown(mountPoint.constData(), 1000, 1000) == 0);
        const auto root = lookupUser(uid_t(0));
        QVERIFY(root);
        QCOMPARE(errorOf(validate(bytesOf(source), bytesOf(mountPoint), *root)), MirrorError::MountPointNotOwned);
        QVERIFY(::chown(mountPoint.constData(), 0, 0) == 0);
        QCOMPARE(errorOf(validate(bytesOf(source), bytesOf(mountPoint), *root)), MirrorError::None);
    }

    // A symlink anywhere says which rule it broke, for the client's words.
    void shouldNameTheSymlinkRule()
    {
        QTemporaryDir base(QStringLiteral("/tmp/pathrules-XXXXXX"));
        QVERIFY(base.isValid());
        const QByteArray link = QFile::encodeName(base.path() + QStringLiteral("/link"));
        QVERIFY(::symlink("/tmp", link.constData()) == 0);
        const auto opened = openMountPoint(bytesOf(link));
        QVERIFY(std::holds_alternative<Problem>(opened));
        QVERIFY(std::get<Problem>(opened).invalid == Invalid::Symlink);
        QCOMPARE(std::get<Problem>(opened).role, Role::MountPoint);
        const auto throughIt = openSource(bytesOf(link + "/x"));
        QVERIFY(std::holds_alternative<Problem>(throughIt) && std::get<Problem>(throughIt).invalid == Invalid::Symlink);
    }

    // A FUSE mount every user may enter and a user serves (tester here, a
    // connection nobody reads, so every lookup in it would wait forever):
    // the rules refuse a path inside it from the mount table, without
    // looking anything up in it. A root-served one is walked as usual.
    void shouldNotLookInsideUserServedSharedFuse()
    {
        if (geteuid() != 0) {
            QSKIP("needs root to mount (run inside ./dev)");
        }
        QTemporaryDir base(QStringLiteral("/tmp/pathrules-XXXXXX"));
        QVERIFY(base.isValid());
        const QByteArray hung = QFile::encodeName(base.path() + QStringLiteral("/hung"));
        QVERIFY(::mkdir(hung.constData(), 0755) == 0);
        const int connection = ::open("/dev/fuse", O_RDWR | O_CLOEXEC);
        QVERIFY(connection >= 0);
        const QByteArray options = "fd=" + QByteArray::number(connection) + ",rootmode=40000,user_id=1000,group_id=1000,allow_other";
        QVERIFY2(::mount("hung", hung.constData(), "fuse.hung", MS_NOSUID | MS_NODEV, options.constData()) == 0, strerror(errno));
        const auto unmount = qScopeGuard([&] {
            ::umount2(hung.constData(), MNT_DETACH);
            ::close(connection);
        });
        const auto tester = lookupUser(uid_t(1000));
        QVERIFY(tester);
        QElapsedTimer clock;
        clock.start();
        const QByteArray outside = QFile::encodeName(base.path());
        const std::tuple<QByteArray, QByteArray, Role> cases[] = {
            {QByteArray(hung + "/src"), QByteArray(outside + "/mnt"), Role::Source},
            {outside, QByteArray(hung + "/mnt"), Role::MountPoint},
            {hung, outside, Role::Source},
        };
        for (const auto &[source, mountPoint, role] : cases) {
            const auto result = validate(bytesOf(source), bytesOf(mountPoint), *tester);
            QVERIFY(std::holds_alternative<Problem>(result));
            const Problem &refused = std::get<Problem>(result);
            QVERIFY2(refused.error == MirrorError::PathInvalid && refused.role == role && refused.invalid == Invalid::InsideUserServedFuse,
                     refused.message.c_str());
        }
        QVERIFY(clock.elapsed() < 1000);
        QVERIFY(!checkNotInsideUserServedSharedFuse(bytesOf(QFile::encodeName(base.path()) + "/elsewhere"), Role::Source));
    }
};

QTEST_GUILESS_MAIN(PathRulesTest)
#include "pathrulestest.moc"
