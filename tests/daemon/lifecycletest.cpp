// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrord's life: what it refuses (exit code, nothing mounted), how it
// ends (SIGTERM, an outside umount) and what its supervisor does when the
// FUSE server is killed under load.

#include "credentials.h"
#include "fileutil.h"
#include "mirrorerror.h"
#include "mirrorprocess.h"
#include "mountinfo.h"
#include "runas.h"
#include "scratchdir.h"
#include "statsreader.h"
#include "waiting.h"

#include <QScopeGuard>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

// Builds a refusal case under `base` and returns the daemon's arguments.
using Setup = std::function<std::vector<std::string>(const std::string &base)>;

std::string owner()
{
    return "--owner=" + std::to_string(Tester.uid);
}

// base/name as a directory of `who`.
std::string directory(const std::string &base, const std::string &name, Credentials who = Tester, mode_t mode = 0755)
{
    const std::string path = base + '/' + name;
    ::mkdir(path.c_str(), mode);
    [[maybe_unused]] const int chowned = ::chown(path.c_str(), who.uid, who.gid);
    ::chmod(path.c_str(), mode);
    return path;
}

std::string file(const std::string &base, const std::string &name)
{
    const std::string path = base + '/' + name;
    [[maybe_unused]] const int written = writeFile(path, "x");
    [[maybe_unused]] const int chowned = ::chown(path.c_str(), Tester.uid, Tester.gid);
    return path;
}

// Exited (or a zombie waiting for a parent that is not us).
bool processGone(pid_t pid)
{
    if (::kill(pid, 0) != 0 && errno == ESRCH) {
        return true;
    }
    const auto stat = readFile("/proc/" + std::to_string(pid) + "/stat");
    if (!stat) {
        return true;
    }
    const auto close = stat->rfind(')');
    return close != std::string::npos && close + 2 < stat->size() && (*stat)[close + 2] == 'Z';
}

QString describeMounts(const std::string &base)
{
    QStringList list;
    for (const auto &mount : mountsBelow(base)) {
        list << QString::fromStdString(mount);
    }
    return list.join(QStringLiteral(", "));
}

} // namespace

Q_DECLARE_METATYPE(Setup)

class LifecycleTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(::geteuid(), uid_t(0));
        QVERIFY2(::access(daemonPath().c_str(), X_OK) == 0, qPrintable(QStringLiteral("passmirrord missing: ") + QString::fromStdString(daemonPath())));
    }

    void shouldRefuseBadMounts_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<int>("expectedCode");

        QTest::newRow("mount point not empty") << Setup([](const std::string &b) {
            const std::string mount = directory(b, "mnt");
            file(mount, "occupied");
            return std::vector<std::string>{directory(b, "src"), mount, owner()};
        }) << int(MirrorError::MountPointNotEmpty);
        QTest::newRow("mount point is a file") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), file(b, "mnt"), owner()};
        }) << int(MirrorError::MountPointNotDirectory);
        QTest::newRow("mount point missing") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), b + "/missing", owner()};
        }) << int(MirrorError::MountPointMissing);
        QTest::newRow("mount point inside the source") << Setup([](const std::string &b) {
            const std::string source = directory(b, "src");
            return std::vector<std::string>{source, directory(source, "mnt"), owner()};
        }) << int(MirrorError::MountPointInsideSource);
        QTest::newRow("mount point is the source") << Setup([](const std::string &b) {
            const std::string source = directory(b, "src");
            return std::vector<std::string>{source, source, owner()};
        }) << int(MirrorError::MountPointInsideSource);
        QTest::newRow("source inside the mount point") << Setup([](const std::string &b) {
            const std::string mount = directory(b, "mnt");
            return std::vector<std::string>{directory(mount, "src"), mount, owner()};
        }) << int(MirrorError::SourceInsideMountPoint);
        QTest::newRow("source missing") << Setup([](const std::string &b) {
            return std::vector<std::string>{b + "/missing", directory(b, "mnt"), owner()};
        }) << int(MirrorError::SourceMissing);
        QTest::newRow("source is a file") << Setup([](const std::string &b) {
            return std::vector<std::string>{file(b, "src"), directory(b, "mnt"), owner()};
        }) << int(MirrorError::SourceNotDirectory);
        QTest::newRow("symlinked mount point") << Setup([](const std::string &b) {
            const std::string mount = directory(b, "mnt");
            ::symlink(mount.c_str(), (b + "/link").c_str());
            return std::vector<std::string>{directory(b, "src"), b + "/link", owner()};
        }) << int(MirrorError::PathInvalid);
        QTest::newRow("symlink inside the source path") << Setup([](const std::string &b) {
            const std::string real = directory(b, "real");
            directory(real, "src");
            ::symlink(real.c_str(), (b + "/link").c_str());
            return std::vector<std::string>{b + "/link/src", directory(b, "mnt"), owner()};
        }) << int(MirrorError::PathInvalid);
        QTest::newRow("source unreadable by the owner") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src", {0, 0}, 0700), directory(b, "mnt"), owner()};
        }) << int(MirrorError::SourceNotReadable);
        QTest::newRow("mount point not the owner's") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), directory(b, "mnt", {0, 0}), owner()};
        }) << int(MirrorError::MountPointNotOwned);
        QTest::newRow("relative source") << Setup([](const std::string &b) {
            directory(b, "src");
            return std::vector<std::string>{"src", directory(b, "mnt"), owner()};
        }) << int(MirrorError::PathInvalid);
        QTest::newRow("relative mount point") << Setup([](const std::string &b) {
            directory(b, "mnt");
            return std::vector<std::string>{directory(b, "src"), "mnt", owner()};
        }) << int(MirrorError::PathInvalid);
        QTest::newRow("dot-dot in a path") << Setup([](const std::string &b) {
            directory(b, "mnt");
            return std::vector<std::string>{directory(b, "src"), b + "/src/../mnt", owner()};
        }) << int(MirrorError::PathInvalid);
        // A control character in a folder's name (the folders are real,
        // empty and the owner's).
        QTest::newRow("newline in the mount point") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), directory(b, "mnt\nx"), owner()};
        }) << int(MirrorError::PathInvalid);
        QTest::newRow("tab in the source") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src\tx"), directory(b, "mnt"), owner()};
        }) << int(MirrorError::PathInvalid);
        QTest::newRow("escape in the mount point") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), directory(b, "mnt\x1b[2J"), owner()};
        }) << int(MirrorError::PathInvalid);
        QTest::newRow("unknown option") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), directory(b, "mnt"), owner(), "--bogus"};
        }) << int(MirrorError::Usage);
        QTest::newRow("bad --passthrough value") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), directory(b, "mnt"), owner(), "--passthrough=sometimes"};
        }) << int(MirrorError::Usage);
        QTest::newRow("bad --max-inode-fds value") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), directory(b, "mnt"), owner(), "--max-inode-fds=lots"};
        }) << int(MirrorError::Usage);
        QTest::newRow("missing mount point argument") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), owner()};
        }) << int(MirrorError::Usage);
        QTest::newRow("extra argument") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), directory(b, "mnt"), b + "/third", owner()};
        }) << int(MirrorError::Usage);
        QTest::newRow("unknown owner") << Setup([](const std::string &b) {
            return std::vector<std::string>{directory(b, "src"), directory(b, "mnt"), "--owner=no-such-user-here"};
        }) << int(MirrorError::OwnerUnknown);
        // The kernel's own views of its state are never mirrored: the
        // daemon's privileges would stand between the user and checks that
        // look at who opens a file.
        for (const char *pseudo : {"/proc", "/proc/sys", "/sys", "/sys/fs/cgroup"}) {
            QTest::addRow("source %s", pseudo) << Setup([pseudo](const std::string &b) {
                return std::vector<std::string>{pseudo, directory(b, "mnt"), owner()};
            }) << int(MirrorError::SourcePseudoFilesystem);
        }
    }

    // Without --foreground: the exit code is the MirrorError, with a message.
    void shouldRefuseBadMounts()
    {
        QFETCH(Setup, setup);
        QFETCH(int, expectedCode);

        ScratchDir base("refusal");
        QVERIFY(base.isValid());
        const std::vector<std::string> arguments = setup(base.path());
        std::string output;
        const ExitStatus status = runProgram(daemonPath(), arguments, 15s, &output);
        QVERIFY2(status.exited, qPrintable(QString::fromStdString(status.describe())));
        QVERIFY2(status.code == expectedCode,
                 qPrintable(QStringLiteral("exit code %1, expected %2; output: %3").arg(status.code).arg(expectedCode).arg(QString::fromStdString(output))));
        QVERIFY2(!output.empty(), "refused without a message");
        QVERIFY2(mountsBelow(base.path()).empty(), qPrintable(QStringLiteral("left mounted: ") + describeMounts(base.path())));
    }

    // The stats file's path is the last line of the mount record the helper
    // trusts: a newline in it is refused like one in a folder's path.
    void shouldRefuseAControlCharacterInTheStatsFilePath()
    {
        ScratchDir base("refusal");
        QVERIFY(base.isValid());
        const std::string b = base.path();
        const std::vector<std::string> arguments{directory(b, "src"),
                                                 directory(b, "mnt"),
                                                 owner(),
                                                 "--stats-file=" + directory(b, "stats") + "/a\nowner-uid 0"};
        std::string output;
        const ExitStatus status = runProgram(daemonPath(), arguments, 15s, &output);
        QVERIFY2(status.exited && status.code == int(MirrorError::PathInvalid), qPrintable(QString::fromStdString(status.describe() + ": " + output)));
        QVERIFY2(output.find("control character") != std::string::npos, output.c_str());
        QVERIFY2(mountsBelow(b).empty(), qPrintable(QStringLiteral("left mounted: ") + describeMounts(b)));
    }

    // A source with a procfs (or sysfs) mounted somewhere below it is refused
    // the same way, by the daemon itself; nothing of passmirror is mounted.
    void shouldRefuseASourceContainingAPseudoFilesystem_data()
    {
        QTest::addColumn<QByteArray>("type");
        QTest::newRow("proc") << QByteArray("proc");
        QTest::newRow("sysfs") << QByteArray("sysfs");
    }

    void shouldRefuseASourceContainingAPseudoFilesystem()
    {
        QFETCH(QByteArray, type);
        ScratchDir base("refusal");
        QVERIFY(base.isValid());
        const std::string source = directory(base.path(), "src");
        const std::string inner = directory(directory(source, "deep"), "kernel");
        QVERIFY2(::mount(type.constData(), inner.c_str(), type.constData(), MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0, strerror(errno));
        const auto unmount = qScopeGuard([&inner] {
            ::umount2(inner.c_str(), MNT_DETACH);
        });
        std::string output;
        const ExitStatus status = runProgram(daemonPath(), {source, directory(base.path(), "mnt"), owner()}, 15s, &output);
        QVERIFY2(status.exited && status.code == int(MirrorError::SourcePseudoFilesystem),
                 qPrintable(QStringLiteral("%1; output: %2").arg(QString::fromStdString(status.describe()), QString::fromStdString(output))));
        QVERIFY2(output.find(inner) != std::string::npos, output.c_str());
        for (const std::string &mount : mountsBelow(base.path())) {
            QVERIFY2(mount == inner, qPrintable(QStringLiteral("left mounted: ") + describeMounts(base.path())));
        }
    }

    // A pseudo-filesystem mounted below the source after the mirror started
    // is not entered: EACCES through the mirror, for the owner as for root.
    void shouldNotEnterAPseudoFilesystemMountedLater()
    {
        MirrorOptions options;
        options.shared = true;
        MirrorProcess mirror(options);
        const std::string inner = directory(mirror.sourcePath(), "kernel");
        QCOMPARE(writeFile(mirror.sourcePath() + "/kernel-sibling", "x"), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        QVERIFY2(::mount("proc", inner.c_str(), "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) == 0, strerror(errno));
        const auto unmount = qScopeGuard([&inner] {
            ::umount2(inner.c_str(), MNT_DETACH);
        });
        const std::string through = mirror.mountPoint() + "/kernel/self/status";
        const Outcome asOwner = runAs(Tester, [&through] {
            return readFile(through) ? Outcome::success() : Outcome::failure("read", errno);
        });
        QVERIFY2(!asOwner.succeeded() && asOwner.error == EACCES, asOwner.describe().c_str());
        struct stat st{};
        QCOMPARE(::stat((mirror.mountPoint() + "/kernel").c_str(), &st), -1);
        QCOMPARE(errno, EACCES);
        // The rest of the mirror is unaffected.
        QCOMPARE(readFile(mirror.mountPoint() + "/kernel-sibling").value_or(""), std::string("x"));
    }

    // With --foreground --ready-fd: "error <code> <message>" and the same exit code.
    void shouldReportRefusalsOnTheReadyFd_data()
    {
        shouldRefuseBadMounts_data();
    }

    void shouldReportRefusalsOnTheReadyFd()
    {
        QFETCH(Setup, setup);
        QFETCH(int, expectedCode);

        ScratchDir base("refusal");
        QVERIFY(base.isValid());
        MirrorOptions options;
        options.arguments = setup(base.path());
        MirrorProcess probe(options);
        QVERIFY(!probe.start());
        QVERIFY2(probe.reportedError() == expectedCode,
                 qPrintable(QStringLiteral("expected \"error %1 ...\", got: %2").arg(expectedCode).arg(QString::fromStdString(probe.errorString()))));
        const ExitStatus status = probe.waitForExit(10s);
        QVERIFY2(status.exited && status.code == expectedCode, qPrintable(QString::fromStdString(status.describe())));
        QVERIFY2(mountsBelow(base.path()).empty(), qPrintable(QStringLiteral("left mounted: ") + describeMounts(base.path())));
    }

    // --owner takes a name or a uid; the mount is the owner's.
    void shouldMountForTheOwner_data()
    {
        QTest::addColumn<QByteArray>("ownerArgument");
        QTest::addColumn<int>("uid");

        QTest::newRow("by uid") << QByteArray("1000") << int(Tester.uid);
        QTest::newRow("by name") << QByteArray("tester") << int(Tester.uid);
        QTest::newRow("tester2 by name") << QByteArray("tester2") << int(Tester2.uid);
    }

    void shouldMountForTheOwner()
    {
        QFETCH(QByteArray, ownerArgument);
        QFETCH(int, uid);

        MirrorOptions options;
        options.owner = uid == int(Tester.uid) ? Tester : Tester2;
        options.ownerArgument = ownerArgument.toStdString();
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        QCOMPARE(int(mirror.stats().sample().ownerUid), uid);
        const auto mount = findMount(mirror.mountPoint());
        QVERIFY(mount.has_value());
        QVERIFY2(mount->hasSuperOption("user_id=" + std::to_string(uid)), mount->superOptions.c_str());
        QVERIFY2(mount->hasMountOption("nosuid") && mount->hasMountOption("nodev"), mount->mountOptions.c_str());
        QVERIFY2(mount->hasSuperOption("default_permissions"), mount->superOptions.c_str());
        QVERIFY(!mount->hasSuperOption("allow_other"));
    }

    // The kernel makes a FUSE mount's root with placeholder attributes (mode
    // 040000, uid 0: nobody may list or enter it) and keeps the first GETATTR
    // reply that no invalidation of the root overtook. While the source
    // folder itself keeps changing (here: its times, as a program writing
    // in it would change them), the source watch invalidates the root every
    // moment; a mount that said ready with the placeholder still in the
    // kernel refused its own owner with EACCES (no request reached the
    // server). Ready must mean the kernel holds the source's attributes.
    void shouldHandTheKernelTheRootsAttributesBeforeReady_data()
    {
        QTest::addColumn<bool>("shared");
        QTest::newRow("private") << false;
        QTest::newRow("shared") << true;
    }

    void shouldHandTheKernelTheRootsAttributesBeforeReady()
    {
        QFETCH(bool, shared);
        constexpr int Mounts = 10;
        for (int round = 0; round < Mounts; ++round) {
            MirrorOptions options;
            options.shared = shared;
            MirrorProcess mirror(options);
            QCOMPARE(writeFile(mirror.sourcePath() + "/hello", "hello"), 0);
            struct stat source{};
            QCOMPARE(::stat(mirror.sourcePath().c_str(), &source), 0);
            std::atomic<bool> stop{false};
            std::thread toucher([&] {
                while (!stop) {
                    ::utimensat(AT_FDCWD, mirror.sourcePath().c_str(), nullptr, 0);
                    ::usleep(100);
                }
            });
            const bool started = mirror.start();
            // What the kernel holds for the root now, without asking the server.
            const Outcome cached = runAs(Tester, [&] {
                struct statx st{};
                if (::statx(AT_FDCWD, mirror.mountPoint().c_str(), AT_STATX_DONT_SYNC, STATX_BASIC_STATS, &st) != 0) {
                    return Outcome::failure("statx", errno);
                }
                return Outcome::success(std::to_string(st.stx_mode) + ' ' + std::to_string(st.stx_uid) + ' ' + std::to_string(st.stx_ino));
            });
            const Outcome listed = runAs(Tester, [&] {
                DIR *dir = ::opendir(mirror.mountPoint().c_str());
                if (dir == nullptr) {
                    return Outcome::failure("opendir", errno);
                }
                ::closedir(dir);
                return Outcome::success();
            });
            stop = true;
            toucher.join();
            QVERIFY2(started, mirror.errorString().c_str());
            const std::string expected = std::to_string(source.st_mode) + ' ' + std::to_string(source.st_uid) + ' ' + std::to_string(source.st_ino);
            QVERIFY2(cached.data == expected,
                     qPrintable(QStringLiteral("mount %1: the kernel holds \"%2\" (mode uid inode) for the root, not the source's \"%3\"")
                                    .arg(round)
                                    .arg(QString::fromStdString(cached.succeeded() ? cached.data : cached.describe()), QString::fromStdString(expected))));
            QVERIFY2(listed.succeeded(), qPrintable(QStringLiteral("mount %1: ").arg(round) + QString::fromStdString(listed.describe())));
        }
    }

    // Paths with what option strings and mountinfo escape, and long ones
    // (the kernel refuses a mount source label over 255 bytes).
    void shouldMountUnusualPaths_data()
    {
        QTest::addColumn<QByteArray>("sourceName");
        QTest::addColumn<QByteArray>("mountPointName");

        QTest::newRow("spaces") << QByteArray("my source") << QByteArray("my mount");
        QTest::newRow("comma and equals") << QByteArray("a,b=c") << QByteArray("m,n=o");
        // mountinfo writes a backslash as \134: one before digits must
        // come back as itself. (A tab, escaped as \011, is a control
        // character: refused, as the refusals above show.)
        QTest::newRow("backslashes before digits") << QByteArray("back\\slash\\134x") << QByteArray("mount\\040point\\");
        QTest::newRow("unicode") << QByteArray(
            "Qu\xc3\xa9"
            "bec \xe2\x82\xac") << QByteArray("\xe6\x97\xa5\xe6\x9c\xac");
        QTest::newRow("source path over 255 bytes") << (QByteArray(200, 's') + '/' + QByteArray(200, 't')) << QByteArray("mnt");
        QTest::newRow("both paths over 255 bytes") << (QByteArray(250, 's') + '/' + QByteArray(100, 't'))
                                                   << (QByteArray(250, 'm') + '/' + QByteArray(100, 'n'));
    }

    void shouldMountUnusualPaths()
    {
        QFETCH(QByteArray, sourceName);
        QFETCH(QByteArray, mountPointName);

        MirrorOptions options;
        options.sourceName = sourceName.toStdString();
        options.mountPointName = mountPointName.toStdString();
        MirrorProcess mirror(options);
        QCOMPARE(writeFile(mirror.sourcePath() + "/hello", "hello"), 0);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        QVERIFY(isMountPoint(mirror.mountPoint()));
        const Outcome read = runAs(Tester, [&] {
            const auto content = readFile(mirror.mountPoint() + "/hello");
            return content ? Outcome::success(*content) : Outcome::failure("read", errno);
        });
        QCOMPARE(read.data, std::string("hello"));
        const ExitStatus status = mirror.terminate(10s);
        QVERIFY2(status.exited && status.code == 0, status.describe().c_str());
        QVERIFY(!isMountPoint(mirror.mountPoint()));
    }

    void shouldUnmountAndExitOnSigterm_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<bool>("use");
        QTest::addColumn<bool>("holdOpen"); // a process keeps a file open in the mirror

        QTest::newRow("never used") << QByteArray("auto") << false << false;
        QTest::newRow("passthrough on, after use") << QByteArray("on") << true << false;
        QTest::newRow("passthrough off, after use") << QByteArray("off") << true << false;
        QTest::newRow("passthrough on, a file open") << QByteArray("on") << true << true;
        QTest::newRow("passthrough off, a file open") << QByteArray("off") << true << true;
    }

    void shouldUnmountAndExitOnSigterm()
    {
        QFETCH(QByteArray, passthrough);
        QFETCH(bool, use);
        QFETCH(bool, holdOpen);

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        if (use) {
            const std::string path = mirror.mountPoint() + "/written";
            const Outcome wrote = runAs(Tester, [&] {
                return Outcome::of(writeFile(path, "kept after SIGTERM") == 0 ? 0 : -1);
            });
            QVERIFY2(wrote.succeeded(), wrote.describe().c_str());
        }
        ChildProcess holder;
        if (holdOpen) {
            const std::string path = mirror.mountPoint() + "/written";
            QVERIFY(holder.start(Tester, [&] {
                const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
                if (fd < 0) {
                    return Outcome::failure("open", errno);
                }
                while (true) {
                    ::pause();
                }
            }));
            QVERIFY2(waitUntil(
                         [&] {
                             return mirror.stats().sample().openFiles == 1;
                         },
                         10s),
                     "the holder's open did not show in openFiles");
        }
        const ExitStatus status = mirror.terminate(10s);
        holder.kill();
        QVERIFY2(status.exited && status.code == 0, qPrintable(QStringLiteral("after SIGTERM: ") + QString::fromStdString(status.describe())));
        QVERIFY2(!isMountPoint(mirror.mountPoint()), "still mounted after passmirrord exited");
        QVERIFY2(::access(mirror.statsPath().c_str(), F_OK) != 0, "stats file left behind");
        QCOMPARE(mirror.stats().sample().state, Stats::DaemonState::Stopped);
        if (use) {
            QCOMPARE(readFile(mirror.sourcePath() + "/written").value_or("<missing>"), std::string("kept after SIGTERM"));
        }
    }

    void shouldExitWhenUnmountedFromOutside_data()
    {
        QTest::addColumn<int>("flags");
        QTest::newRow("umount") << 0;
        QTest::newRow("lazy umount") << int(MNT_DETACH);
    }

    void shouldExitWhenUnmountedFromOutside()
    {
        QFETCH(int, flags);

        MirrorProcess mirror;
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        QCOMPARE(::umount2(mirror.mountPoint().c_str(), flags), 0);
        const ExitStatus status = mirror.waitForExit(10s);
        QVERIFY2(status.exited && status.code == 0, qPrintable(QStringLiteral("after an outside umount: ") + QString::fromStdString(status.describe())));
        QVERIFY(!isMountPoint(mirror.mountPoint()));
        QVERIFY2(::access(mirror.statsPath().c_str(), F_OK) != 0, "stats file left behind");
    }

    // Without --foreground: exit 0 once mounted, a supervisor keeps running.
    void shouldMountInTheBackground()
    {
        ScratchDir base("background");
        QVERIFY(base.isValid());
        const std::string source = base.makeDirectory("src", Tester);
        const std::string mount = base.makeDirectory("mnt", Tester);
        const std::string stats = base.path() + "/stats";
        QCOMPARE(writeFile(source + "/hello", "hello"), 0);
        std::string output;
        const ExitStatus status = runProgram(daemonPath(), {source, mount, owner(), "--stats-file=" + stats}, 15s, &output);
        QVERIFY2(status.exited && status.code == 0, qPrintable(QString::fromStdString(status.describe() + ": " + output)));
        QVERIFY2(isMountPoint(mount), "exit 0 but nothing mounted");
        const Outcome read = runAs(Tester, [&] {
            const auto content = readFile(mount + "/hello");
            return content ? Outcome::success(*content) : Outcome::failure("read", errno);
        });
        QCOMPARE(read.data, std::string("hello"));
        Stats::StatsReader view;
        QVERIFY2(view.open(stats), view.errorString().c_str());
        const pid_t supervisor = static_cast<pid_t>(view.sample().supervisorPid);
        QVERIFY(supervisor > 0);
        QCOMPARE(::kill(supervisor, 0), 0);
        QCOMPARE(::umount2(mount.c_str(), 0), 0);
        QVERIFY2(waitUntil(
                     [&] {
                         return ::kill(supervisor, 0) != 0 && errno == ESRCH;
                     },
                     10s),
                 "the detached supervisor did not exit after the umount");
        QVERIFY2(::access(stats.c_str(), F_OK) != 0, "stats file left behind");
    }

    // SIGKILL of the FUSE server under a write load: the supervisor detaches
    // the mount within 2 s and removes the stats file; files closed before the
    // kill are intact in the source.
    void shouldCleanUpWhenTheServerIsKilled_data()
    {
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<bool>("terminate"); // SIGTERM to passmirrord instead of SIGKILL to the server
        QTest::newRow("server killed, passthrough on") << QByteArray("on") << false;
        QTest::newRow("server killed, passthrough off") << QByteArray("off") << false;
        QTest::newRow("SIGTERM under load, passthrough on") << QByteArray("on") << true;
        QTest::newRow("SIGTERM under load, passthrough off") << QByteArray("off") << true;
    }

    void shouldCleanUpWhenTheServerIsKilled()
    {
        QFETCH(QByteArray, passthrough);
        QFETCH(bool, terminate);

        MirrorOptions options;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        QVERIFY2(mirror.start(), mirror.errorString().c_str());
        const pid_t server = mirror.serverPid();
        QVERIFY2(server > 0 && server != mirror.pid(), "the stats file names no separate FUSE server process");

        // The writer publishes how many files it has closed successfully.
        auto *closed = static_cast<std::atomic<std::uint64_t> *>(::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0));
        QVERIFY(closed != MAP_FAILED);
        new (closed) std::atomic<std::uint64_t>(0);
        const std::string mount = mirror.mountPoint();
        const auto content = [](std::uint64_t i) {
            return pattern(i, 16384 + (i * 4099) % 65536);
        };
        ChildProcess writer;
        QVERIFY(writer.start(Tester, [&] {
            // Through an fd of the mount's root: once the mount is detached a
            // path would lead into the bare mount point directory instead.
            Fd root(::open(mount.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
            if (!root.isValid()) {
                return Outcome::failure("open the mount", errno);
            }
            for (std::uint64_t i = 0;; ++i) {
                const std::string data = content(i);
                Fd fd(::openat(root.get(), ("file-" + std::to_string(i)).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
                int error = fd.isValid() ? pwriteAll(fd.get(), data, 0) : errno;
                if (error == 0 && fd.close() != 0) {
                    error = errno;
                }
                if (error != 0) {
                    return Outcome::failure("stopped at file " + std::to_string(i), error);
                }
                closed->store(i + 1);
            }
        }));
        QVERIFY2(waitUntil(
                     [&] {
                         return closed->load() >= 30;
                     },
                     20s),
                 "the writer did not get going");
        const std::uint64_t closedBeforeKill = closed->load();
        if (terminate) {
            mirror.signal(SIGTERM);
        } else {
            QCOMPARE(::kill(server, SIGKILL), 0);
        }
        const auto killed = std::chrono::steady_clock::now();

        const bool detached = waitForMountState(mount, false, 2000);
        const auto detachMs = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - killed).count();
        QVERIFY2(detached, "the mount is still there 2 s after the FUSE server was killed (or passmirrord got SIGTERM)");
        QVERIFY2(waitUntil(
                     [&] {
                         return ::access(mirror.statsPath().c_str(), F_OK) != 0;
                     },
                     std::chrono::milliseconds(std::max<long long>(0, 2000 - detachMs)) + 10ms),
                 "the stats file is still there 2 s after the kill");
        qInfo("detached %lld ms after the kill; %llu files closed before it",
              static_cast<long long>(detachMs),
              static_cast<unsigned long long>(closedBeforeKill));

        const ExitStatus supervisor = mirror.waitForExit(10s);
        if (terminate) {
            // Detached lazily: the writer, holding an fd of the mount, may go
            // on (as on any lazily unmounted filesystem) and an orphaned server
            // serves it; once the writer is gone the server must end too.
            QCOMPARE(mirror.stats().sample().state, Stats::DaemonState::Stopped);
            QVERIFY2(supervisor.exited && supervisor.code == 0,
                     qPrintable(QStringLiteral("after SIGTERM under load: ") + QString::fromStdString(supervisor.describe())));
            writer.kill();
            qInfo("the writer %s", writer.wait(5s).describe().c_str());
            QVERIFY2(waitUntil(
                         [&] {
                             return processGone(server);
                         },
                         5s),
                     "the FUSE server still runs 5 s after the last user of the detached mount went");
        } else {
            QVERIFY2(processGone(server), "the killed FUSE server is still there");
            const Outcome stopped = writer.wait(5s);
            QVERIFY2(stopped.data.starts_with("stopped at file"),
                     qPrintable(QStringLiteral("the writer did not notice the mount going: ") + QString::fromStdString(stopped.describe())));
            qInfo("the writer %s", stopped.describe().c_str());
            QCOMPARE(mirror.stats().sample().state, Stats::DaemonState::Died);
            QVERIFY2(supervisor.exited || supervisor.signal != 0, "the supervisor is still running after the server died and the mount was detached");
        }

        for (std::uint64_t i = 0; i < closedBeforeKill; ++i) {
            const std::string path = mirror.sourcePath() + "/file-" + std::to_string(i);
            const auto data = readFile(path);
            QVERIFY2(data.has_value(), qPrintable(QStringLiteral("missing after the kill: ") + QString::fromStdString(path)));
            QVERIFY2(*data == content(i), qPrintable(QStringLiteral("content damaged: ") + QString::fromStdString(path)));
        }
        ::munmap(closed, 4096);
    }
};

QTEST_APPLESS_MAIN(LifecycleTest)

#include "lifecycletest.moc"
