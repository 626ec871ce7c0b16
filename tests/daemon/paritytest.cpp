// SPDX-License-Identifier: GPL-2.0-or-later
// The mirror grants exactly what the source grants. Every row prepares the
// same tree twice, in a native directory and in a mirror's source on the
// same filesystem, runs the same steps as the same user on each (natively
// and through the mirror) and compares what that user saw: errnos, modes,
// names. The mirror is owned by tester; rows run in owner and shared mode
// and in both data paths. The test runs as root; each step runs in a child
// that dropped to its user for good (root rows keep root).
#include "credentials.h"
#include "fileutil.h"
#include "mirrorprocess.h"
#include "runas.h"
#include "scratchdir.h"

#include <QTest>

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <functional>
#include <sstream>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

using namespace PassMirror::Test;
using namespace std::chrono_literals;

namespace
{

constexpr Credentials Root{0, 0};

// Makes the row's tree below `base` (as root).
using Prepare = std::function<bool(const std::string &base)>;
// Does the row's steps below `base` and describes what it saw.
using Steps = std::function<std::string(const std::string &base)>;

struct Mode {
    bool shared = false;
    std::string passthrough = "on";
};

// "ok" or the errno name of a call's result.
std::string result(long returned)
{
    return returned < 0 ? errnoName(errno) : std::string("ok");
}

std::string modeOf(const struct stat &st)
{
    std::ostringstream text;
    text << std::oct << (st.st_mode & 07777);
    return text.str();
}

bool makeDirectory(const std::string &path, Credentials owner, mode_t mode)
{
    return ::mkdir(path.c_str(), mode) == 0 && ::chown(path.c_str(), owner.uid, owner.gid) == 0 && ::chmod(path.c_str(), mode) == 0;
}

bool makeFile(const std::string &path, Credentials owner, mode_t mode, const std::string &content = "content")
{
    return writeFile(path, content, mode) == 0 && ::chown(path.c_str(), owner.uid, owner.gid) == 0 && ::chmod(path.c_str(), mode) == 0;
}

// Runs `steps` on `base` as `who`; the description, or why the child failed.
std::string seenBy(Credentials who, const Steps &steps, const std::string &base, mode_t umask = 022)
{
    const Outcome outcome = runAs(who, [&] {
        ::umask(umask);
        return Outcome::success(steps(base));
    });
    return outcome.succeeded() ? outcome.data : "child failed: " + outcome.describe();
}

// --- Steps

// Opens a directory for reading (no search needed), lists it, and stats an
// entry (search needed).
Steps listDirectoryAt(const std::string &name)
{
    return [name](const std::string &base) {
        const std::string dir = base + "/" + name;
        std::string seen;
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        seen += "open " + result(fd);
        if (fd >= 0) {
            ::close(fd);
        }
        const auto names = listDirectory(dir);
        seen += ", list " + (names ? join(*names) : errnoName(errno));
        struct stat st{};
        seen += ", stat entry " + result(::lstat((dir + "/entry").c_str(), &st));
        return seen;
    };
}

// Writes through an open fd, then: mode by fstat on that fd at once, and by
// stat after the close.
Steps writeAndLookAtMode(const std::string &name)
{
    return [name](const std::string &base) {
        const std::string path = base + "/" + name;
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            return "open " + errnoName(errno);
        }
        std::string seen = "write " + result(::pwrite(fd, "new", 3, 0));
        struct stat st{};
        seen += ", fstat " + (::fstat(fd, &st) == 0 ? modeOf(st) : errnoName(errno));
        ::close(fd);
        seen += ", stat " + (::stat(path.c_str(), &st) == 0 ? modeOf(st) : errnoName(errno));
        return seen;
    };
}

Steps truncateAndLookAtMode(const std::string &name)
{
    return [name](const std::string &base) {
        const std::string path = base + "/" + name;
        std::string seen = "truncate " + result(::truncate(path.c_str(), 1));
        struct stat st{};
        seen += ", stat " + (::stat(path.c_str(), &st) == 0 ? modeOf(st) : errnoName(errno));
        return seen;
    };
}

Steps renameAndList(const std::string &from, const std::string &to)
{
    return [from, to](const std::string &base) {
        std::string seen = "rename " + result(::rename((base + "/" + from).c_str(), (base + "/" + to).c_str()));
        const auto names = listDirectory(base + "/pub");
        return seen + ", pub holds " + (names ? join(*names) : errnoName(errno));
    };
}

Steps listAndReadTrustedXattrs(const std::string &name)
{
    return [name](const std::string &base) {
        const std::string path = base + "/" + name;
        char buffer[4096];
        const ssize_t size = ::llistxattr(path.c_str(), buffer, sizeof buffer);
        std::string seen = "names";
        for (ssize_t at = 0; at < size; at += static_cast<ssize_t>(std::strlen(buffer + at)) + 1) {
            seen += " " + std::string(buffer + at);
        }
        if (size < 0) {
            seen += " " + errnoName(errno);
        }
        seen += ", get trusted.pm " + result(::lgetxattr(path.c_str(), "trusted.pm", buffer, sizeof buffer));
        return seen;
    };
}

// Creates `name` with `mode` (open O_CREAT, or mkdir for a trailing "/").
Steps createWithMode(const std::string &name, mode_t mode)
{
    return [name, mode](const std::string &base) {
        const bool directory = name.ends_with('/');
        const std::string path = base + "/" + (directory ? name.substr(0, name.size() - 1) : name);
        int made = 0;
        if (directory) {
            made = ::mkdir(path.c_str(), mode);
        } else {
            made = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
            if (made >= 0) {
                ::close(made);
            }
        }
        std::string seen = "create " + result(made);
        struct stat st{};
        seen += ", mode " + (::lstat(path.c_str(), &st) == 0 ? modeOf(st) : errnoName(errno));
        return seen;
    };
}

} // namespace

Q_DECLARE_METATYPE(Prepare)
Q_DECLARE_METATYPE(Steps)

class ParityTest : public QObject
{
    Q_OBJECT

private:
    // Adds the row in owner and shared mode, each in both data paths.
    static void addRows(const char *name,
                        const Prepare &prepare,
                        Credentials who,
                        const Steps &steps,
                        const std::string &expected,
                        mode_t umask = 022,
                        bool sharedOnly = false)
    {
        for (const bool shared : {false, true}) {
            if (sharedOnly && !shared) {
                continue;
            }
            for (const char *passthrough : {"on", "off"}) {
                QTest::addRow("%s, %s, passthrough %s", name, shared ? "shared" : "owner", passthrough)
                    << prepare << int(who.uid) << int(who.gid) << steps << QByteArray::fromStdString(expected) << shared << QByteArray(passthrough)
                    << int(umask);
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(::geteuid(), uid_t(0));
    }

    void shouldGrantWhatTheSourceGrants_data()
    {
        QTest::addColumn<Prepare>("prepare");
        QTest::addColumn<int>("uid");
        QTest::addColumn<int>("gid");
        QTest::addColumn<Steps>("steps");
        QTest::addColumn<QByteArray>("expected"); // what the user sees natively (checked too)
        QTest::addColumn<bool>("shared");
        QTest::addColumn<QByteArray>("passthrough");
        QTest::addColumn<int>("umask");

        // 2. A directory its caller may read but not search opens and lists.
        const auto readNotSearch = [](Credentials owner, mode_t mode) {
            return Prepare([owner, mode](const std::string &b) {
                return makeDirectory(b + "/dir", Root, 0755) && makeFile(b + "/dir/entry", Root, 0644)
                    && ::chown((b + "/dir").c_str(), owner.uid, owner.gid) == 0 && ::chmod((b + "/dir").c_str(), mode) == 0;
            });
        };
        addRows("owner reads a 0600 directory", readNotSearch(Tester, 0600), Tester, listDirectoryAt("dir"), "open ok, list entry, stat entry EACCES");
        addRows("group reads a 0040 directory",
                readNotSearch(Credentials{Tester2.uid, Tester.gid}, 0040),
                Tester,
                listDirectoryAt("dir"),
                "open ok, list entry, stat entry EACCES");
        addRows("others read a 0004 directory", readNotSearch(Tester2, 0004), Tester, listDirectoryAt("dir"), "open ok, list entry, stat entry EACCES");

        // 3. A write or truncate by someone else than the owner clears the
        // set-id bits, seen at once by fstat and later by stat.
        const auto setIdFile = [](Credentials owner, mode_t mode) {
            return Prepare([owner, mode](const std::string &b) {
                return makeFile(b + "/setid", owner, mode);
            });
        };
        addRows("non-owner writes a 06777 file", setIdFile(Tester2, 06777), Tester, writeAndLookAtMode("setid"), "write ok, fstat 777, stat 777");
        addRows("non-owner writes root's 04777 file", setIdFile(Root, 04777), Tester, writeAndLookAtMode("setid"), "write ok, fstat 777, stat 777");
        addRows("owner writes its 06775 file", setIdFile(Tester, 06775), Tester, writeAndLookAtMode("setid"), "write ok, fstat 775, stat 775");
        addRows("sgid without group exec goes for a non-member",
                setIdFile(Tester2, 02766),
                Tester,
                writeAndLookAtMode("setid"),
                "write ok, fstat 766, stat 766");
        addRows("sgid without group exec stays for a member",
                setIdFile(Credentials{Tester2.uid, Tester.gid}, 02766),
                Tester,
                writeAndLookAtMode("setid"),
                "write ok, fstat 2766, stat 2766");
        addRows("non-owner truncates a 06777 file", setIdFile(Tester2, 06777), Tester, truncateAndLookAtMode("setid"), "truncate ok, stat 777");
        addRows("root writes tester2's 06777 file", setIdFile(Tester2, 06777), Root, writeAndLookAtMode("setid"), "write ok, fstat 6777, stat 6777", 022, true);

        // 4. A non-owner renames in a world-writable parent: within it
        // always; into another parent only a directory it may write (its
        // ".." changes).
        const auto publicTree = Prepare([](const std::string &b) {
            return makeDirectory(b + "/pub", Tester2, 0777) && makeDirectory(b + "/pub/closed", Tester2, 0755) && makeDirectory(b + "/pub/open", Tester2, 0777)
                && makeFile(b + "/pub/file", Tester2, 0644) && makeDirectory(b + "/pub2", Tester2, 0777);
        });
        addRows("non-owner renames a 0755 directory", publicTree, Tester, renameAndList("pub/closed", "pub/moved"), "rename ok, pub holds file, moved, open");
        addRows("non-owner moves a 0755 directory to another parent",
                publicTree,
                Tester,
                renameAndList("pub/closed", "pub2/closed"),
                "rename EACCES, pub holds closed, file, open");
        addRows("non-owner moves a 0777 directory to another parent",
                publicTree,
                Tester,
                renameAndList("pub/open", "pub2/open"),
                "rename ok, pub holds closed, file");
        addRows("non-owner renames a 0777 directory", publicTree, Tester, renameAndList("pub/open", "pub/moved"), "rename ok, pub holds closed, file, moved");
        addRows("non-owner renames a file", publicTree, Tester, renameAndList("pub/file", "pub/moved"), "rename ok, pub holds closed, moved, open");
        addRows("non-owner moves a 0777 directory into a 0755 one",
                publicTree,
                Tester,
                renameAndList("pub/open", "pub/closed/open"),
                "rename EACCES, pub holds closed, file, open");

        // 5. trusted.* belongs to CAP_SYS_ADMIN: not listed, not readable.
        const auto trusted = Prepare([](const std::string &b) {
            return makeFile(b + "/marked", Tester, 0644) && ::setxattr((b + "/marked").c_str(), "trusted.pm", "x", 1, 0) == 0
                && ::setxattr((b + "/marked").c_str(), "user.pm", "x", 1, 0) == 0;
        });
        addRows("trusted xattrs stay hidden", trusted, Tester, listAndReadTrustedXattrs("marked"), "names user.pm, get trusted.pm ENODATA");

        // 1. A root caller of a shared mirror: its umask and CAP_FSETID.
        const auto rootOwnedDirectory = Prepare([](const std::string &b) {
            return makeDirectory(b + "/dir", Tester2, 0777);
        });
        addRows("root creates 04777 under umask 000", rootOwnedDirectory, Root, createWithMode("dir/new", 04777), "create ok, mode 4777", 000, true);
        addRows("root creates 02777 under umask 022", rootOwnedDirectory, Root, createWithMode("dir/new", 02777), "create ok, mode 2755", 022, true);
        addRows("root makes a 01777 directory under umask 000", rootOwnedDirectory, Root, createWithMode("dir/new/", 01777), "create ok, mode 1777", 000, true);
        addRows("tester creates 0666 under umask 077", rootOwnedDirectory, Tester, createWithMode("dir/new", 0666), "create ok, mode 600", 077);
    }

    void shouldGrantWhatTheSourceGrants()
    {
        QFETCH(Prepare, prepare);
        QFETCH(int, uid);
        QFETCH(int, gid);
        QFETCH(Steps, steps);
        QFETCH(QByteArray, expected);
        QFETCH(bool, shared);
        QFETCH(QByteArray, passthrough);
        QFETCH(int, umask);
        const Credentials who{static_cast<uid_t>(uid), static_cast<gid_t>(gid)};

        MirrorOptions options;
        options.shared = shared;
        options.passthrough = passthrough.toStdString();
        MirrorProcess mirror(options);
        // The native twin of the source: same filesystem, same owner and mode.
        const std::string native = mirror.scratchPath() + "/native";
        QVERIFY(makeDirectory(native, Tester, 0755));
        QVERIFY2(prepare(native) && prepare(mirror.sourcePath()), "preparing the trees failed");
        QVERIFY2(mirror.start(), mirror.errorString().c_str());

        const std::string seenNatively = seenBy(who, steps, native, static_cast<mode_t>(umask));
        const std::string seenThrough = seenBy(who, steps, mirror.mountPoint(), static_cast<mode_t>(umask));
        QCOMPARE(QByteArray::fromStdString(seenNatively), expected);
        QCOMPARE(QByteArray::fromStdString(seenThrough), QByteArray::fromStdString(seenNatively));
    }
};

QTEST_GUILESS_MAIN(ParityTest)

#include "paritytest.moc"
