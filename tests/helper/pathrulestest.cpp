// SPDX-License-Identifier: GPL-2.0-or-later
// Every path rule on its own, from a table; the file system rules on a real
// tree, checked as user tester (uid 1000) when run as root.
#include "pathrules.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTest>

#include <fcntl.h>
#include <cstring>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::PathRules;

Q_DECLARE_METATYPE(PassMirror::MirrorError)

class PathRulesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldCheckSyntax_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<MirrorError>("expected");
        QTest::newRow("plain") << QByteArray("/home/tester/a") << MirrorError::None;
        QTest::newRow("root") << QByteArray("/") << MirrorError::None;
        QTest::newRow("double slash") << QByteArray("/home//tester/") << MirrorError::None;
        QTest::newRow("utf8 name") << QByteArray("/home/tester/Fotos-\xc3\xa4") << MirrorError::None;
        QTest::newRow("empty") << QByteArray() << MirrorError::PathInvalid;
        QTest::newRow("relative") << QByteArray("home/tester") << MirrorError::PathInvalid;
        QTest::newRow("nul") << QByteArray("/home/te\0ster", 13) << MirrorError::PathInvalid;
        QTest::newRow("latin1 byte") << QByteArray("/home/tester/caf\xe9") << MirrorError::PathInvalid;
        QTest::newRow("overlong utf8") << QByteArray("/home/\xc0\xaf") << MirrorError::PathInvalid;
        QTest::newRow("dot") << QByteArray("/home/./tester") << MirrorError::PathInvalid;
        QTest::newRow("dotdot") << QByteArray("/home/tester/../root") << MirrorError::PathInvalid;
        QTest::newRow("dotfile ok") << QByteArray("/home/tester/.hidden") << MirrorError::None;
        QTest::newRow("name 255") << QByteArray("/" + QByteArray(255, 'a')) << MirrorError::None;
        QTest::newRow("name 256") << QByteArray("/" + QByteArray(256, 'a')) << MirrorError::PathInvalid;
        QTest::newRow("path 4095") << QByteArray(QByteArray("/") + QByteArray(200, 'a').repeated(1) + QByteArray("/" + QByteArray(199, 'b')).repeated(19) + "/" + QByteArray(93, 'c')) << MirrorError::None;
        QTest::newRow("path 4096") << QByteArray("/" + QByteArray("/" + QByteArray(199, 'b')).repeated(20) + QByteArray(95, 'c')) << MirrorError::PathInvalid;
    }
    void shouldCheckSyntax()
    {
        QFETCH(QByteArray, path);
        QFETCH(MirrorError, expected);
        const auto result = checkSyntax(path, Role::Source);
        QCOMPARE(result.error, expected);
        if (!result.ok()) {
            QVERIFY(!result.message.isEmpty());
            QVERIFY2(!result.message.contains(QString::fromUtf8(path)) || path.size() < 2, "messages never name the path");
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
        QCOMPARE(normalize(path), expected);
    }

    void shouldTakePathsFromVariants_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<MirrorError>("expected");
        QTest::newRow("string") << QVariant(QStringLiteral("/a")) << MirrorError::None;
        QTest::newRow("bytes") << QVariant(QByteArray("/a")) << MirrorError::None;
        QTest::newRow("lone surrogate") << QVariant(QString(QChar(0xd800))) << MirrorError::PathInvalid;
        QTest::newRow("int") << QVariant(5) << MirrorError::Usage;
        QTest::newRow("list") << QVariant(QStringList{QStringLiteral("/a")}) << MirrorError::Usage;
        QTest::newRow("invalid") << QVariant() << MirrorError::Usage;
    }
    void shouldTakePathsFromVariants()
    {
        QFETCH(QVariant, value);
        QFETCH(MirrorError, expected);
        const auto result = pathFromVariant(value, Role::MountPoint);
        const MirrorError got = std::holds_alternative<QByteArray>(result) ? MirrorError::None : std::get<MirrorResult>(result).error;
        QCOMPARE(got, expected);
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
    }
    void shouldValidateOnDisk()
    {
        if (geteuid() != 0) {
            QSKIP("needs root to act as tester (run inside ./dev)");
        }
        QFETCH(QString, source);
        QFETCH(QString, mountPoint);
        QFETCH(MirrorError, expected);
        auto tester = lookupCredentials(1000);
        QVERIFY2(std::holds_alternative<Credentials>(tester), "user tester (uid 1000) must exist");

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
        const auto result = validateForMount(QFile::encodeName(sourcePath),
                                             QFile::encodeName(b + QLatin1Char('/') + mountPoint),
                                             std::get<Credentials>(tester));
        const MirrorError got = std::holds_alternative<ValidatedPaths>(result) ? MirrorError::None : std::get<MirrorResult>(result).error;
        if (got != expected) {
            qWarning() << "message:" << std::get<MirrorResult>(result).message;
        }
        QCOMPARE(got, expected);
        // The thread is root again afterwards.
        QCOMPARE(static_cast<uid_t>(syscall(SYS_setfsuid, -1)), uid_t(0));
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
        auto tester = lookupCredentials(1000);
        QVERIFY(std::holds_alternative<Credentials>(tester));
        QElapsedTimer clock;
        clock.start();
        const QByteArray outside = QFile::encodeName(base.path());
        const std::tuple<QByteArray, QByteArray, ErrorRole> cases[] = {
            {QByteArray(hung + "/src"), QByteArray(outside + "/mnt"), ErrorRole::Source},
            {outside, QByteArray(hung + "/mnt"), ErrorRole::MountPoint},
            {hung, outside, ErrorRole::Source},
        };
        for (const auto &[source, mountPoint, role] : cases) {
            const auto result = validateForMount(source, mountPoint, std::get<Credentials>(tester));
            QVERIFY(std::holds_alternative<MirrorResult>(result));
            const MirrorResult refused = std::get<MirrorResult>(result);
            QVERIFY2(refused.error == MirrorError::PathInvalid && refused.role == role, qPrintable(refused.message));
        }
        QVERIFY(clock.elapsed() < 1000);
        QCOMPARE(checkNotInsideUserServedSharedFuse(QFile::encodeName(base.path()) + "/elsewhere", Role::Source).error, MirrorError::None);
    }
};

QTEST_GUILESS_MAIN(PathRulesTest)
#include "pathrulestest.moc"
