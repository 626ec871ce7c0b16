// SPDX-License-Identifier: GPL-2.0-or-later
// The directories passmirrord publishes in (rootdirectory.h), on real
// directories under /tmp: which owners and modes are safe for the last
// directory and for the ones above it, that a symlink anywhere on the way is
// refused and never followed (not even to create something), that missing
// directories get exactly the modes asked whatever the umask, and that a
// published file is removed only while it is still the one passmirrord made.
// These rules keep a user from steering root's writes; the end-to-end tests
// only ever see the happy path. Runs as root (chown, root-owned directories).
#include "rootdirectory.h"

#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace PassMirror;

namespace
{

const std::string What = "stats file directory";

std::string pathOf(const QTemporaryDir &base, const QString &relative)
{
    return QFile::encodeName(base.path() + QLatin1Char('/') + relative).toStdString();
}

bool makeDirectory(const std::string &path, uid_t uid, mode_t mode)
{
    return ::mkdir(path.c_str(), 0700) == 0 && ::chown(path.c_str(), uid, uid) == 0 && ::chmod(path.c_str(), mode) == 0;
}

bool makeFile(const std::string &path, const char *content = "")
{
    const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
    const auto size = static_cast<ssize_t>(std::strlen(content));
    return fd && ::write(fd.get(), content, static_cast<std::size_t>(size)) == size;
}

bool exists(const std::string &path)
{
    struct stat st{};
    return ::lstat(path.c_str(), &st) == 0;
}

std::optional<struct stat> statOf(const std::string &path)
{
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0) {
        return std::nullopt;
    }
    return st;
}

QByteArray contentOf(const std::string &path)
{
    QFile file(QFile::decodeName(QByteArray::fromStdString(path)));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

QString messageOf(const Failure &problem)
{
    return QString::fromStdString(problem.message);
}

// The scratch tree the open tests walk: base (root's, 0700, under /tmp
// which is 1777) holds
//   real/ real/sub/  root's 0755
//   link -> real, dangling -> target (missing), real/sublink -> sub
//   file             a regular file
//   user/            tester's (uid 1000), 0755
//   ww/ gw/ sticky/  root's 0777, 0775, 01777
bool makeTree(const QTemporaryDir &base)
{
    return makeDirectory(pathOf(base, QStringLiteral("real")), 0, 0755) && makeDirectory(pathOf(base, QStringLiteral("real/sub")), 0, 0755)
        && ::symlink("real", pathOf(base, QStringLiteral("link")).c_str()) == 0 && ::symlink("target", pathOf(base, QStringLiteral("dangling")).c_str()) == 0
        && ::symlink("sub", pathOf(base, QStringLiteral("real/sublink")).c_str()) == 0 && makeFile(pathOf(base, QStringLiteral("file")), "data")
        && makeDirectory(pathOf(base, QStringLiteral("user")), 1000, 0755) && makeDirectory(pathOf(base, QStringLiteral("ww")), 0, 0777)
        && makeDirectory(pathOf(base, QStringLiteral("gw")), 0, 0775) && makeDirectory(pathOf(base, QStringLiteral("sticky")), 0, 01777);
}

} // namespace

class RootDirectoryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root (inside ./dev): it makes root's and other users' directories");
        // The tree starts at /tmp: root's, world-writable and sticky.
        const auto tmp = statOf("/tmp");
        QVERIFY(tmp && tmp->st_uid == 0 && (tmp->st_mode & 07777) == 01777);
    }

    // Each row: a directory's owner and mode, whether it is the last one, and
    // whether checkRootDirectory lets it pass.
    void shouldCheckOneDirectory_data()
    {
        QTest::addColumn<int>("uid");
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("isLast");
        QTest::addColumn<bool>("accepted");
        const auto row = [](const char *name, int uid, int mode, bool isLast, bool accepted) {
            QTest::newRow(name) << uid << mode << isLast << accepted;
        };
        row("root 0755 last", 0, 0755, true, true);
        row("root 0755 above", 0, 0755, false, true);
        row("root 0700 last", 0, 0700, true, true);
        row("root 0711 last", 0, 0711, true, true);
        row("root sticky 01755 last", 0, 01755, true, true);
        row("user's 0755 last", 1000, 0755, true, false);
        row("user's 0755 above", 1000, 0755, false, false);
        row("user's 0700 last", 1000, 0700, true, false);
        row("nobody's 0755 above", 65534, 0755, false, false);
        row("group-writable last", 0, 0775, true, false);
        row("world-writable last", 0, 0757, true, false);
        row("0777 last", 0, 0777, true, false);
        row("sticky 01777 last", 0, 01777, true, false);
        row("sticky group-writable last", 0, 01775, true, false);
        row("sticky 01777 above", 0, 01777, false, true);
        row("world-writable above", 0, 0757, false, false);
        row("0777 above", 0, 0777, false, false);
        // As documented: above the last, only others' write permission counts.
        row("group-writable above", 0, 0775, false, true);
    }
    void shouldCheckOneDirectory()
    {
        QFETCH(int, uid);
        QFETCH(int, mode);
        QFETCH(bool, isLast);
        QFETCH(bool, accepted);
        QTemporaryDir base(QStringLiteral("/tmp/rootdirectory-XXXXXX"));
        QVERIFY(base.isValid());
        const std::string path = pathOf(base, QStringLiteral("d"));
        QVERIFY(makeDirectory(path, static_cast<uid_t>(uid), static_cast<mode_t>(mode)));
        const UniqueFd fd(::open(path.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        QVERIFY(fd);

        const CheckResult result = checkRootDirectory(fd.get(), path, isLast, What);
        QVERIFY2(result.has_value() != accepted, result ? result->message.c_str() : "accepted");
        if (result) {
            QCOMPARE(static_cast<int>(result->error), static_cast<int>(MirrorError::PathInvalid));
            QVERIFY2(messageOf(*result).contains(QString::fromStdString(What)), result->message.c_str());
            QVERIFY2(messageOf(*result).contains(QString::fromStdString(path)), result->message.c_str());
        }
    }

    void shouldRefuseWhatIsNotADirectory()
    {
        QTemporaryDir base(QStringLiteral("/tmp/rootdirectory-XXXXXX"));
        QVERIFY(base.isValid());
        const std::string file = pathOf(base, QStringLiteral("file"));
        const std::string link = pathOf(base, QStringLiteral("link"));
        QVERIFY(makeFile(file));
        QVERIFY(::symlink(base.path().toLocal8Bit().constData(), link.c_str()) == 0);

        const UniqueFd fileFd(::open(file.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        QVERIFY(fileFd);
        const CheckResult onFile = checkRootDirectory(fileFd.get(), file, true, What);
        QVERIFY(onFile && onFile->error == MirrorError::PathInvalid);
        QVERIFY2(messageOf(*onFile).contains(QLatin1String("not a directory")), onFile->message.c_str());

        // A symlink to a good directory is still a symlink.
        const UniqueFd linkFd(::open(link.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        QVERIFY(linkFd);
        const CheckResult onLink = checkRootDirectory(linkFd.get(), link, false, What);
        QVERIFY(onLink && onLink->error == MirrorError::PathInvalid);
        QVERIFY2(messageOf(*onLink).contains(QLatin1String("symbolic link")), onLink->message.c_str());

        const CheckResult onNothing = checkRootDirectory(-1, "/nowhere", true, What);
        QVERIFY(onNothing && onNothing->error == MirrorError::Internal);
        QVERIFY2(messageOf(*onNothing).contains(QLatin1String("/nowhere")), onNothing->message.c_str());
    }

    // Each row: a path under the scratch tree (makeTree), whether missing
    // directories are to be made, and the outcome: accepted, or refused
    // with words the message must hold. `absent` must not exist afterwards
    // (nothing made through or next to a refused component).
    void shouldOpenOrRefuse_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("create");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("named");
        QTest::addColumn<QString>("absent");
        const auto row = [](const char *name, const char *path, bool create, bool accepted, const char *named, const char *absent) {
            QTest::newRow(name) << QString::fromLatin1(path) << create << accepted << QString::fromLatin1(named) << QString::fromLatin1(absent);
        };
        row("existing", "real/sub", false, true, "", "");
        row("existing, creating", "real/sub", true, true, "", "");
        row("doubled and trailing slashes", "real//sub/", false, true, "", "");
        row("below a sticky world-writable directory", "sticky/new", true, true, "", "");
        row("missing, not creating", "real/missing/deeper", false, false, "real/missing", "real/missing");
        // Symlinks, wherever they are.
        row("last is a symlink", "link", false, false, "symbolic link", "");
        row("last is a symlink, creating", "link", true, false, "symbolic link", "");
        row("symlink in the middle", "link/sub", false, false, "symbolic link", "");
        row("symlink in the middle, creating", "link/sub/new", true, false, "symbolic link", "real/sub/new");
        row("symlink below a good directory", "real/sublink", true, false, "symbolic link", "");
        row("dangling symlink, creating", "dangling", true, false, "symbolic link", "target");
        row("through a dangling symlink, creating", "dangling/new", true, false, "symbolic link", "target");
        // Files.
        row("last is a file", "file", false, false, "not a directory", "");
        row("last is a file, creating", "file", true, false, "not a directory", "");
        row("file in the middle", "file/x", false, false, "not a directory", "");
        row("file in the middle, creating", "file/x", true, false, "not a directory", "");
        // Owners and modes.
        row("user's last", "user", false, false, "not owned by root", "");
        row("user's above, creating", "user/new", true, false, "not owned by root", "user/new");
        row("world-writable above, creating", "ww/new", true, false, "writable by other users", "ww/new");
        row("world-writable last", "ww", true, false, "writable by other users", "");
        row("group-writable last", "gw", true, false, "writable by other users", "");
        row("sticky as last", "sticky", true, false, "writable by other users", "");
    }
    void shouldOpenOrRefuse()
    {
        QFETCH(QString, path);
        QFETCH(bool, create);
        QFETCH(bool, accepted);
        QFETCH(QString, named);
        QFETCH(QString, absent);
        QTemporaryDir base(QStringLiteral("/tmp/rootdirectory-XXXXXX"));
        QVERIFY(base.isValid());
        QVERIFY(makeTree(base));
        const auto modeBefore = statOf(pathOf(base, path));

        const auto opened = openRootDirectory(pathOf(base, path), What, create ? std::optional<mode_t>(0755) : std::nullopt);
        if (const auto *problem = std::get_if<Failure>(&opened)) {
            QVERIFY2(!accepted, problem->message.c_str());
            QCOMPARE(static_cast<int>(problem->error), static_cast<int>(MirrorError::PathInvalid));
            QVERIFY2(messageOf(*problem).contains(named), problem->message.c_str());
            QVERIFY2(messageOf(*problem).contains(QString::fromStdString(What)), problem->message.c_str());
        } else {
            QVERIFY2(accepted, "opened");
            // The fd is the directory at that path.
            struct stat viaFd{};
            QCOMPARE(::fstatat(std::get<UniqueFd>(opened).get(), "", &viaFd, AT_EMPTY_PATH), 0);
            const auto viaPath = statOf(pathOf(base, path));
            QVERIFY(viaPath && S_ISDIR(viaPath->st_mode));
            QVERIFY(viaFd.st_dev == viaPath->st_dev && viaFd.st_ino == viaPath->st_ino);
        }
        if (!absent.isEmpty()) {
            QVERIFY2(!exists(pathOf(base, absent)), qPrintable(absent));
        }
        // Nothing that was there changed its mode.
        const auto modeAfter = statOf(pathOf(base, path));
        QCOMPARE(modeAfter.has_value(), modeBefore.has_value() || accepted);
        if (modeBefore) {
            QCOMPARE(modeAfter->st_mode, modeBefore->st_mode);
            QCOMPARE(modeAfter->st_uid, modeBefore->st_uid);
        }
        QCOMPARE(contentOf(pathOf(base, QStringLiteral("file"))), QByteArray("data"));
    }

    // Each row: the umask in force and the mode asked for the last
    // directory. Directories made on the way are 0755, the last one has
    // exactly the mode asked, all are root's; what existed keeps its mode.
    void shouldMakeMissingDirectoriesWithTheModesAsked_data()
    {
        QTest::addColumn<int>("mask");
        QTest::addColumn<int>("lastMode");
        QTest::newRow("umask 0, 0700") << 0 << 0700;
        QTest::newRow("umask 0, 0755") << 0 << 0755;
        QTest::newRow("umask 0, 0750") << 0 << 0750;
        QTest::newRow("umask 077, 0755") << 077 << 0755;
        QTest::newRow("umask 077, 0711") << 077 << 0711;
        QTest::newRow("umask 077, 0700") << 077 << 0700;
        QTest::newRow("umask 022, 0750") << 022 << 0750;
        QTest::newRow("umask 0777, 0755") << 0777 << 0755;
    }
    void shouldMakeMissingDirectoriesWithTheModesAsked()
    {
        QFETCH(int, mask);
        QFETCH(int, lastMode);
        QTemporaryDir base(QStringLiteral("/tmp/rootdirectory-XXXXXX"));
        QVERIFY(base.isValid());
        QVERIFY(makeDirectory(pathOf(base, QStringLiteral("kept")), 0, 0711));

        const mode_t previous = ::umask(static_cast<mode_t>(mask));
        const auto restore = qScopeGuard([previous] {
            ::umask(previous);
        });
        const std::string last = pathOf(base, QStringLiteral("kept/new1/new2/last"));
        const auto opened = openRootDirectory(last, What, static_cast<mode_t>(lastMode));
        QVERIFY2(std::holds_alternative<UniqueFd>(opened), std::get_if<Failure>(&opened) ? std::get<Failure>(opened).message.c_str() : "");

        const struct {
            const char *path;
            int mode;
        } expected[] = {
            {"kept", 0711},
            {"kept/new1", 0755},
            {"kept/new1/new2", 0755},
            {"kept/new1/new2/last", lastMode},
        };
        for (const auto &[relative, mode] : expected) {
            const auto st = statOf(pathOf(base, QString::fromLatin1(relative)));
            QVERIFY2(st && S_ISDIR(st->st_mode), relative);
            QVERIFY2(static_cast<int>(st->st_mode & 07777) == mode,
                     qPrintable(QStringLiteral("%1: mode %2, expected %3").arg(QLatin1String(relative)).arg(st->st_mode & 07777, 0, 8).arg(mode, 0, 8)));
            QCOMPARE(st->st_uid, uid_t(0));
        }
        struct stat viaFd{};
        QCOMPARE(::fstatat(std::get<UniqueFd>(opened).get(), "", &viaFd, AT_EMPTY_PATH), 0);
        QCOMPARE(viaFd.st_ino, statOf(last)->st_ino);

        // Once more, all there: the same directory, nothing changed.
        QVERIFY(::chmod(last.c_str(), 0701) == 0);
        const auto again = openRootDirectory(last, What, static_cast<mode_t>(lastMode));
        QVERIFY(std::holds_alternative<UniqueFd>(again));
        QCOMPARE(statOf(last)->st_mode & 07777, mode_t(0701));
    }

    // Each row: what happens to the published name between creating the
    // file and removing it. Only the file passmirrord made may go.
    void shouldUnlinkOnlyWhatIsStillOurs_data()
    {
        QTest::addColumn<QString>("meanwhile");
        QTest::addColumn<bool>("removed");
        QTest::newRow("nothing") << QStringLiteral("nothing") << true;
        QTest::newRow("another file renamed over it") << QStringLiteral("rename") << false;
        QTest::newRow("replaced by a new file") << QStringLiteral("recreate") << false;
        QTest::newRow("replaced by a symlink to it") << QStringLiteral("symlink") << false;
        QTest::newRow("replaced by a directory") << QStringLiteral("directory") << false;
        QTest::newRow("already gone") << QStringLiteral("unlink") << false;
    }
    void shouldUnlinkOnlyWhatIsStillOurs()
    {
        QFETCH(QString, meanwhile);
        QFETCH(bool, removed);
        QTemporaryDir base(QStringLiteral("/tmp/rootdirectory-XXXXXX"));
        QVERIFY(base.isValid());
        QVERIFY(makeDirectory(pathOf(base, QStringLiteral("stats")), 0, 0755));
        auto opened = openRootDirectory(pathOf(base, QStringLiteral("stats")), What);
        QVERIFY(std::holds_alternative<UniqueFd>(opened));
        const UniqueFd directory = std::move(std::get<UniqueFd>(opened));

        const UniqueFd ours(::openat(directory.get(), "1234.stats", O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
        QVERIFY(ours);
        const std::string published = pathOf(base, QStringLiteral("stats/1234.stats"));
        const std::string other = pathOf(base, QStringLiteral("stats/other"));
        if (meanwhile == QLatin1String("rename")) {
            QVERIFY(makeFile(other, "theirs"));
            QVERIFY(::renameat(directory.get(), "other", directory.get(), "1234.stats") == 0);
        } else if (meanwhile == QLatin1String("recreate")) {
            QVERIFY(::unlink(published.c_str()) == 0);
            QVERIFY(makeFile(published, "theirs"));
        } else if (meanwhile == QLatin1String("symlink")) {
            QVERIFY(::rename(published.c_str(), other.c_str()) == 0);
            QVERIFY(::symlink("other", published.c_str()) == 0);
        } else if (meanwhile == QLatin1String("directory")) {
            QVERIFY(::unlink(published.c_str()) == 0);
            QVERIFY(::mkdir(published.c_str(), 0755) == 0);
        } else if (meanwhile == QLatin1String("unlink")) {
            QVERIFY(::unlink(published.c_str()) == 0);
        }
        const auto before = statOf(published);

        unlinkIfStillOurs(directory.get(), "1234.stats", ours.get());

        const auto after = statOf(published);
        if (removed) {
            QVERIFY(!after);
        } else {
            QCOMPARE(after.has_value(), before.has_value());
            if (before) {
                QCOMPARE(after->st_ino, before->st_ino);
                QCOMPARE(after->st_mode, before->st_mode);
            }
        }
        if (meanwhile == QLatin1String("rename") || meanwhile == QLatin1String("recreate")) {
            QCOMPARE(contentOf(published), QByteArray("theirs"));
        }
        if (meanwhile == QLatin1String("symlink")) {
            QVERIFY(exists(other)); // nor is the symlink followed to our file under its new name
        }
        // Our own fd is left alone.
        QVERIFY(::fcntl(ours.get(), F_GETFD) >= 0);
    }
};

QTEST_GUILESS_MAIN(RootDirectoryTest)
#include "rootdirectorytest.moc"
