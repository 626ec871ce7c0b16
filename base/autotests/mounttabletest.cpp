// SPDX-License-Identifier: GPL-2.0-or-later
// base's mount table parser (mounttable.h) on literal mountinfo text: the
// fields around the optional ones, the kernel's octal escapes, lines that do
// not parse, the option lookups, and the two questions the helper and the
// daemon ask of a table (a user-served FUSE mount every user may enter at or
// above a path; a pseudo-filesystem at or below one). Every process that
// reads /proc/self/mountinfo goes through this code, and a live table never
// holds the odd cases, so they are written out here.
#include "mounttable.h"

#include <QTest>

using namespace PassMirror;

namespace
{

QByteArray bytes(const std::string &text)
{
    return QByteArray::fromStdString(text);
}

std::string_view view(const QByteArray &text)
{
    return {text.constData(), static_cast<std::size_t>(text.size())};
}

QList<quint64> idsOf(const std::vector<MountTableEntry> &mounts)
{
    QList<quint64> ids;
    for (const MountTableEntry &mount : mounts) {
        ids.append(mount.id);
    }
    return ids;
}

// A small table for the questions about paths; the id is the line number.
const char *const Table = //
    "1 0 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "2 1 0:5 / /proc rw,nosuid,nodev,noexec shared:2 - proc proc rw\n"
    "3 1 0:6 / /sys rw,nosuid shared:3 - sysfs sysfs rw\n"
    "4 3 0:7 / /sys/fs/cgroup rw shared:4 - cgroup2 cgroup2 rw,nsdelegate\n"
    "5 3 0:8 / /sys/fs/fuse/connections rw - fusectl fusectl rw\n"
    "6 1 0:9 / /tmp rw shared:5 - tmpfs tmpfs rw,mode=1777\n"
    "7 1 8:2 / /home rw shared:6 - ext4 /dev/sda2 rw\n"
    "8 7 0:40 / /home/ann/m rw,nosuid,nodev master:7 - fuse.sshfs host:/x rw,user_id=1000,group_id=1000,allow_other\n"
    "9 7 0:41 / /home/ann/private rw,nosuid,nodev - fuse.sshfs host:/y rw,user_id=1000,group_id=1000\n"
    "10 7 0:42 / /home/ann/rootserved rw - fuse.passmirror /src rw,user_id=0,group_id=0,allow_other\n"
    "11 10 0:43 / /home/ann/rootserved/inner rw - fuse host:/z rw,user_id=1001,group_id=1001,allow_other\n"
    "12 7 0:44 / /home/ann/src/deep/proc rw - proc proc rw\n"
    "13 1 0:45 / /a/b rw - sysfs sysfs rw\n"
    "14 1 8:3 / /a/bc rw - ext4 /dev/sda3 rw\n"
    "15 1 0:46 / /media/usb rw - fuseblk /dev/sdb1 rw,user_id=0,group_id=0,default_permissions,allow_other\n"
    "16 1 0:47 / /media/card rw - fuseblk /dev/sdc1 rw,group_id=0,allow_other\n"
    "17 1 0:48 / /srv/ext rw - ext4 /dev/sdd1 rw,user_id=1000,allow_other\n"
    "18 1 0:49 / /srv/optonly rw,allow_other - fuse.x x rw,user_id=1000\n"
    "19 1 0:50 / /srv/prefix rw - fuse.x x rw,user_id_x=0,allow_other\n";

} // namespace

class MountTableTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each row: one mountinfo line and every field it must give.
    void shouldParseEachField_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<quint64>("id");
        QTest::addColumn<quint64>("parentId");
        QTest::addColumn<QByteArray>("root");
        QTest::addColumn<QByteArray>("mountPoint");
        QTest::addColumn<QByteArray>("mountOptions");
        QTest::addColumn<QByteArray>("fsType");
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<QByteArray>("superOptions");
        const auto row = [](const char *name,
                            const QByteArray &line,
                            quint64 id,
                            quint64 parentId,
                            const QByteArray &root,
                            const QByteArray &mountPoint,
                            const QByteArray &mountOptions,
                            const QByteArray &fsType,
                            const QByteArray &source,
                            const QByteArray &superOptions) {
            QTest::newRow(name) << line << id << parentId << root << mountPoint << mountOptions << fsType << source << superOptions;
        };
        row("no optional fields",
            "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw,errors=remount-ro",
            22,
            1,
            "/",
            "/",
            "rw,relatime",
            "ext4",
            "/dev/sda1",
            "rw,errors=remount-ro");
        row("shared",
            "36 35 98:0 /mnt1 /mnt2 rw,noatime shared:5 - ext3 /dev/root rw,errors=continue",
            36,
            35,
            "/mnt1",
            "/mnt2",
            "rw,noatime",
            "ext3",
            "/dev/root",
            "rw,errors=continue");
        row("shared and master",
            "36 35 98:0 /mnt1 /mnt2 rw,noatime shared:5 master:1 - ext3 /dev/root rw",
            36,
            35,
            "/mnt1",
            "/mnt2",
            "rw,noatime",
            "ext3",
            "/dev/root",
            "rw");
        row("every kind of optional field",
            "40 2 0:33 / /x ro shared:7 master:3 propagate_from:2 unbindable - tmpfs tmpfs ro,size=10k",
            40,
            2,
            "/",
            "/x",
            "ro",
            "tmpfs",
            "tmpfs",
            "ro,size=10k");
        row("fuse",
            "812 29 0:81 / /home/ann/m rw,nosuid,nodev,relatime - fuse.passmirror /home/ann/src rw,user_id=1000,group_id=1000,allow_other",
            812,
            29,
            "/",
            "/home/ann/m",
            "rw,nosuid,nodev,relatime",
            "fuse.passmirror",
            "/home/ann/src",
            "rw,user_id=1000,group_id=1000,allow_other");
        row("large ids",
            "18446744073709551615 18446744073709551614 0:1 / /z rw - tmpfs t rw",
            18446744073709551615ull,
            18446744073709551614ull,
            "/",
            "/z",
            "rw",
            "tmpfs",
            "t",
            "rw");
        row("no super options", "5 1 0:1 / /z rw - tmpfs t", 5, 1, "/", "/z", "rw", "tmpfs", "t", "");
        row("no newline, spaces doubled", "5  1 0:1 / /z rw  -  tmpfs t rw", 5, 1, "/", "/z", "rw", "tmpfs", "t", "rw");
        // The kernel escapes space, tab, newline and backslash as \ooo.
        row("space in mount point",
            "50 1 0:1 / /home/ann/My\\040Files rw - ext4 /dev/sda rw",
            50,
            1,
            "/",
            "/home/ann/My Files",
            "rw",
            "ext4",
            "/dev/sda",
            "rw");
        row("tab in mount point", "50 1 0:1 / /a\\011b rw - ext4 s rw", 50, 1, "/", "/a\tb", "rw", "ext4", "s", "rw");
        row("newline in mount point", "50 1 0:1 / /a\\012b rw - ext4 s rw", 50, 1, "/", "/a\nb", "rw", "ext4", "s", "rw");
        row("backslash in mount point", "50 1 0:1 / /a\\134b rw - ext4 s rw", 50, 1, "/", "/a\\b", "rw", "ext4", "s", "rw");
        row("escaped backslash before digits", "50 1 0:1 / /a\\134040 rw - ext4 s rw", 50, 1, "/", "/a\\040", "rw", "ext4", "s", "rw");
        row("escapes side by side", "50 1 0:1 / /\\040\\011\\012\\134 rw - ext4 s rw", 50, 1, "/", "/ \t\n\\", "rw", "ext4", "s", "rw");
        row("escape at the end", "50 1 0:1 / /end\\040 rw - ext4 s rw", 50, 1, "/", "/end ", "rw", "ext4", "s", "rw");
        row("escaped mount point looks like the separator", "50 1 0:1 / \\055 rw - ext4 s rw", 50, 1, "/", "-", "rw", "ext4", "s", "rw");
        row("escapes in the root", "51 1 0:1 /sub\\040dir/a\\134b /m rw - ext4 s rw", 51, 1, "/sub dir/a\\b", "/m", "rw", "ext4", "s", "rw");
        row("escapes in the source",
            "52 1 0:1 / /m rw - fuse.sshfs ann@host:/My\\040Files\\011x rw",
            52,
            1,
            "/",
            "/m",
            "rw",
            "fuse.sshfs",
            "ann@host:/My Files\tx",
            "rw");
        // Not escapes: kept as they are.
        row("backslash without digits", "53 1 0:1 / /a\\b rw - ext4 s rw", 53, 1, "/", "/a\\b", "rw", "ext4", "s", "rw");
        row("backslash and two digits at the end", "53 1 0:1 / /a\\04 rw - ext4 s rw", 53, 1, "/", "/a\\04", "rw", "ext4", "s", "rw");
        row("backslash and a non-octal digit", "53 1 0:1 / /a\\048 rw - ext4 s rw", 53, 1, "/", "/a\\048", "rw", "ext4", "s", "rw");
        row("four digits", "53 1 0:1 / /a\\0401 rw - ext4 s rw", 53, 1, "/", "/a 1", "rw", "ext4", "s", "rw");
    }
    void shouldParseEachField()
    {
        QFETCH(QByteArray, line);
        QFETCH(quint64, id);
        QFETCH(quint64, parentId);
        QFETCH(QByteArray, root);
        QFETCH(QByteArray, mountPoint);
        QFETCH(QByteArray, mountOptions);
        QFETCH(QByteArray, fsType);
        QFETCH(QByteArray, source);
        QFETCH(QByteArray, superOptions);
        // With and without a final newline, and between two other lines.
        const QByteArray other = "1 0 8:1 / / rw - ext4 /dev/sda1 rw";
        for (const QByteArray &text : QByteArrayList{line, line + '\n', other + '\n' + line + '\n' + other}) {
            const std::vector<MountTableEntry> mounts = parseMountTable(view(text));
            const bool alone = text.startsWith(line);
            QCOMPARE(mounts.size(), std::size_t(alone ? 1 : 3));
            const MountTableEntry &mount = mounts[alone ? 0 : 1];
            QCOMPARE(mount.id, id);
            QCOMPARE(mount.parentId, parentId);
            QCOMPARE(bytes(mount.root), root);
            QCOMPARE(bytes(mount.mountPoint), mountPoint);
            QCOMPARE(bytes(mount.mountOptions), mountOptions);
            QCOMPARE(bytes(mount.fsType), fsType);
            QCOMPARE(bytes(mount.source), source);
            QCOMPARE(bytes(mount.superOptions), superOptions);
        }
    }

    // Each row: a line that is not mountinfo. It is skipped; its neighbours are not.
    void shouldSkipLinesThatDoNotParse_data()
    {
        QTest::addColumn<QByteArray>("line");
        const auto row = [](const char *name, const QByteArray &line) {
            QTest::newRow(name) << line;
        };
        row("empty", "");
        row("blank", "   ");
        row("no separator", "5 1 0:1 / /m rw shared:1 ext4 s rw");
        row("separator last", "5 1 0:1 / /m rw -");
        row("type but no source", "5 1 0:1 / /m rw - ext4");
        row("fields missing before the separator", "5 1 0:1 / /m - ext4 s rw");
        row("id not a number", "x 1 0:1 / /m rw - ext4 s rw");
        row("id with letters after", "5x 1 0:1 / /m rw - ext4 s rw");
        row("negative id", "-5 1 0:1 / /m rw - ext4 s rw");
        row("id too large", "18446744073709551616 1 0:1 / /m rw - ext4 s rw");
        row("parent not a number", "5 p 0:1 / /m rw - ext4 s rw");
        row("parent with a sign", "5 +1 0:1 / /m rw - ext4 s rw");
        row("tab separated", "5\t1\t0:1\t/\t/m\trw\t-\text4\ts\trw");
        row("text", "hello world");
    }
    void shouldSkipLinesThatDoNotParse()
    {
        QFETCH(QByteArray, line);
        QVERIFY(parseMountTable(view(line)).empty());
        QVERIFY(parseMountTable(view(line + '\n')).empty());
        const QByteArray text = "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n" + line + "\n3 1 0:2 / /t rw - tmpfs t rw\n";
        QCOMPARE(idsOf(parseMountTable(view(text))), (QList<quint64>{1, 3}));
    }

    void shouldParseAnEmptyTable()
    {
        QVERIFY(parseMountTable("").empty());
        QVERIFY(parseMountTable("\n\n").empty());
    }

    // Each row: an option list, a key and its value (absent, empty for a
    // bare key, or the text after the first "=").
    void shouldFindOptionValues_data()
    {
        QTest::addColumn<QByteArray>("options");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<bool>("present");
        QTest::addColumn<QByteArray>("value");
        const auto row = [](const char *name, const QByteArray &options, const QByteArray &key, bool present, const QByteArray &value) {
            QTest::newRow(name) << options << key << present << value;
        };
        row("first", "user_id=1000,group_id=100", "user_id", true, "1000");
        row("last", "user_id=1000,group_id=100", "group_id", true, "100");
        row("middle", "rw,user_id=7,allow_other", "user_id", true, "7");
        row("bare key", "rw,allow_other", "allow_other", true, "");
        row("bare key first", "allow_other,rw", "allow_other", true, "");
        row("only key", "rw", "rw", true, "");
        row("empty value", "user_id=,rw", "user_id", true, "");
        row("value with =", "opt=a=b,rw", "opt", true, "a=b");
        row("absent", "rw,nosuid", "user_id", false, "");
        row("empty options", "", "rw", false, "");
        row("empty entries", ",,rw,,", "rw", true, "");
        // A key that begins another key is not that key.
        row("longer key only", "user_id_x=5", "user_id", false, "");
        row("longer key first", "user_id_x=5,user_id=7", "user_id", true, "7");
        row("longer bare key", "allow_other_x", "allow_other", false, "");
        row("key ends another key", "xuser_id=5", "user_id", false, "");
        row("shorter key", "user=5", "user_id", false, "");
        row("key is a value", "fsname=user_id", "user_id", false, "");
        row("the first of two", "user_id=1,user_id=2", "user_id", true, "1");
        row("case matters", "User_Id=1", "user_id", false, "");
    }
    void shouldFindOptionValues()
    {
        QFETCH(QByteArray, options);
        QFETCH(QByteArray, key);
        QFETCH(bool, present);
        QFETCH(QByteArray, value);
        const std::optional<std::string> found = optionValue(view(options), view(key));
        QCOMPARE(found.has_value(), present);
        if (found) {
            QCOMPARE(bytes(*found), value);
        }
        // The entry's accessors read the same lists.
        MountTableEntry entry;
        entry.mountOptions = options.toStdString();
        entry.superOptions = options.toStdString();
        QCOMPARE(entry.hasMountOption(view(key)), present);
        QCOMPARE(entry.hasSuperOption(view(key)), present);
        QCOMPARE(entry.superOption(view(key)), found);
        // And each list only its own.
        MountTableEntry mountOnly;
        mountOnly.mountOptions = options.toStdString();
        QVERIFY(!mountOnly.hasSuperOption(view(key)));
        MountTableEntry superOnly;
        superOnly.superOptions = options.toStdString();
        QVERIFY(!superOnly.hasMountOption(view(key)));
    }

    // Each row: super options and the user and group ids FUSE shows in them
    // (-1: absent or not a number).
    void shouldReadFuseIds_data()
    {
        QTest::addColumn<QByteArray>("superOptions");
        QTest::addColumn<qlonglong>("userId");
        QTest::addColumn<qlonglong>("groupId");
        QTest::newRow("both") << QByteArray("rw,user_id=1000,group_id=100,allow_other") << 1000LL << 100LL;
        QTest::newRow("root") << QByteArray("rw,user_id=0,group_id=0") << 0LL << 0LL;
        QTest::newRow("largest uid") << QByteArray("user_id=4294967294,group_id=4294967294") << 4294967294LL << 4294967294LL;
        QTest::newRow("absent") << QByteArray("rw,allow_other") << -1LL << -1LL;
        QTest::newRow("empty list") << QByteArray() << -1LL << -1LL;
        QTest::newRow("bare keys") << QByteArray("user_id,group_id") << -1LL << -1LL;
        QTest::newRow("empty values") << QByteArray("user_id=,group_id=") << -1LL << -1LL;
        QTest::newRow("not numbers") << QByteArray("user_id=ann,group_id=users") << -1LL << -1LL;
        QTest::newRow("trailing letters") << QByteArray("user_id=1000x,group_id=10 ") << -1LL << -1LL;
        QTest::newRow("plus sign") << QByteArray("user_id=+1000,group_id=+1") << -1LL << -1LL;
        QTest::newRow("hex") << QByteArray("user_id=0x10,group_id=0x1") << -1LL << -1LL;
        QTest::newRow("overflow") << QByteArray("user_id=99999999999999999999,group_id=1") << -1LL << 1LL;
        QTest::newRow("only longer keys") << QByteArray("user_id_x=5,group_id_x=6") << -1LL << -1LL;
        QTest::newRow("longer keys first") << QByteArray("user_id_x=5,group_id_x=6,user_id=7,group_id=8") << 7LL << 8LL;
    }
    void shouldReadFuseIds()
    {
        QFETCH(QByteArray, superOptions);
        QFETCH(qlonglong, userId);
        QFETCH(qlonglong, groupId);
        QCOMPARE(numericOption(view(superOptions), "user_id"), userId);
        QCOMPARE(numericOption(view(superOptions), "group_id"), groupId);
        MountTableEntry entry;
        entry.superOptions = superOptions.toStdString();
        QCOMPARE(entry.fuseUserId(), userId);
        QCOMPARE(entry.fuseGroupId(), groupId);
        // Mount options are not where FUSE puts them.
        MountTableEntry wrongList;
        wrongList.mountOptions = superOptions.toStdString();
        QCOMPARE(wrongList.fuseUserId(), -1LL);
    }

    // Later lines are mounted on top of earlier ones at the same point.
    void shouldPickTheTopmostMount()
    {
        const std::vector<MountTableEntry> mounts = parseMountTable(
            "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n"
            "20 1 0:1 / /a rw - tmpfs first rw\n"
            "21 20 0:2 / /a/b rw - tmpfs below rw\n"
            "22 20 0:3 / /a rw - tmpfs second rw\n"
            "23 22 0:4 / /a rw - tmpfs third rw\n"
            "24 1 0:5 / /with\\040space rw - tmpfs spaced rw\n");
        QCOMPARE(mounts.size(), std::size_t(6));
        const auto at = [&mounts](std::string_view path) -> quint64 {
            const auto mount = mountAt(mounts, path);
            return mount ? mount->id : 0;
        };
        QCOMPARE(at("/a"), quint64(23));
        QCOMPARE(bytes(mountAt(mounts, "/a")->source), QByteArray("third"));
        QCOMPARE(at("/a/b"), quint64(21));
        QCOMPARE(at("/"), quint64(1));
        QCOMPARE(at("/with space"), quint64(24));
        // Exactly that path: not a path below, above or spelled otherwise.
        QCOMPARE(at("/a/"), quint64(0));
        QCOMPARE(at("/a/b/c"), quint64(0));
        QCOMPARE(at("/with\\040space"), quint64(0));
        QCOMPARE(at("/c"), quint64(0));
        QCOMPARE(at(""), quint64(0));
        QVERIFY(!mountAt({}, "/"));
    }

    // Each row: a path, the directory, and whether the path is the directory
    // or below it (whole components only).
    void shouldTellAtOrBelow_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QByteArray>("directory");
        QTest::addColumn<bool>("expected");
        const auto row = [](const char *path, const char *directory, bool expected) {
            QTest::newRow(qPrintable(QStringLiteral("%1 in %2").arg(QLatin1String(path), QLatin1String(directory))))
                << QByteArray(path) << QByteArray(directory) << expected;
        };
        row("/a/b", "/a/b", true);
        row("/a/b/c", "/a/b", true);
        row("/a/b/c/d", "/a", true);
        row("/a/bc", "/a/b", false);
        row("/a/b", "/a/bc", false);
        row("/a", "/a/b", false);
        row("/ab", "/a", false);
        row("/", "/", true);
        row("/x", "/", true);
        row("/x/y", "/", true);
        row("/", "/a", false);
    }
    void shouldTellAtOrBelow()
    {
        QFETCH(QByteArray, path);
        QFETCH(QByteArray, directory);
        QFETCH(bool, expected);
        QCOMPARE(isAtOrBelow(view(path), view(directory)), expected);
    }

    // Each row: a path and the id (in Table) of the user-served FUSE mount
    // every user may enter that lies at or above it, 0 for none.
    void shouldFindUserServedSharedFuseAtOrAbove_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<quint64>("expected");
        const auto row = [](const char *name, const char *path, quint64 expected) {
            QTest::newRow(name) << QByteArray(path) << expected;
        };
        row("the mount point", "/home/ann/m", 8);
        row("below it", "/home/ann/m/a/b", 8);
        row("a sibling with the same prefix", "/home/ann/mx", 0);
        row("a sibling with the same prefix, below", "/home/ann/mx/m", 0);
        row("above it", "/home/ann", 0);
        row("the root", "/", 0);
        row("without allow_other", "/home/ann/private/x", 0);
        row("root-served", "/home/ann/rootserved/x", 0);
        row("user-served inside a root-served one", "/home/ann/rootserved/inner/x", 11);
        row("fuseblk served by root", "/media/usb/x", 0);
        row("fuseblk without user_id", "/media/card/x", 16);
        row("not FUSE", "/srv/ext/x", 0);
        row("allow_other only among mount options", "/srv/optonly/x", 0);
        row("user_id only as a prefix of another key", "/srv/prefix", 19);
        row("fusectl is not FUSE", "/sys/fs/fuse/connections/1", 0);
    }
    void shouldFindUserServedSharedFuseAtOrAbove()
    {
        QFETCH(QByteArray, path);
        QFETCH(quint64, expected);
        const std::vector<MountTableEntry> mounts = parseMountTable(Table);
        QCOMPARE(mounts.size(), std::size_t(19));
        const auto found = userServedSharedFuseMountAtOrAbove(mounts, view(path));
        QCOMPARE(found ? found->id : quint64(0), expected);
    }

    // A user-served shared FUSE mount on "/" covers every path; the FUSE
    // kinds are fuse, fuseblk and fuse.<subtype>.
    void shouldKnowEveryFuseType_data()
    {
        QTest::addColumn<QByteArray>("fsType");
        QTest::addColumn<bool>("fuse");
        QTest::newRow("fuse") << QByteArray("fuse") << true;
        QTest::newRow("fuseblk") << QByteArray("fuseblk") << true;
        QTest::newRow("fuse.sshfs") << QByteArray("fuse.sshfs") << true;
        QTest::newRow("fuse.passmirror") << QByteArray("fuse.passmirror") << true;
        QTest::newRow("fusectl") << QByteArray("fusectl") << false;
        QTest::newRow("fuse2") << QByteArray("fuse2") << false;
        QTest::newRow("ext4") << QByteArray("ext4") << false;
        QTest::newRow("myfuse.x") << QByteArray("myfuse.x") << false;
    }
    void shouldKnowEveryFuseType()
    {
        QFETCH(QByteArray, fsType);
        QFETCH(bool, fuse);
        const QByteArray text = "30 1 0:60 / / rw - " + fsType + " src rw,user_id=1000,group_id=1000,allow_other\n";
        const std::vector<MountTableEntry> mounts = parseMountTable(view(text));
        QCOMPARE(mounts.size(), std::size_t(1));
        for (const char *path : {"/", "/home/ann", "/tmp/x"}) {
            QCOMPARE(userServedSharedFuseMountAtOrAbove(mounts, path).has_value(), fuse);
        }
    }

    // Each row: a directory and the id (in Table) of the first
    // pseudo-filesystem mounted at or below it, 0 for none.
    void shouldFindPseudoFilesystemsAtOrBelow_data()
    {
        QTest::addColumn<QByteArray>("directory");
        QTest::addColumn<quint64>("expected");
        const auto row = [](const char *name, const char *directory, quint64 expected) {
            QTest::newRow(name) << QByteArray(directory) << expected;
        };
        row("the root: the first in the table", "/", 2);
        row("proc itself", "/proc", 2);
        // Below, not above: what a directory itself is on is pseudoFilesystemOf()'s.
        row("inside proc", "/proc/sys", 0);
        row("sysfs", "/sys", 3);
        row("cgroup2 below /sys/fs", "/sys/fs", 4);
        row("fusectl", "/sys/fs/fuse", 5);
        row("deep below a source", "/home/ann/src", 12);
        row("the source's parent", "/home", 12);
        row("a source beside it", "/home/ann/srcx", 0);
        row("the mount point's parent", "/a", 13);
        row("a name that extends it", "/a/bc", 0);
        row("below a name that extends it", "/a/bc/d", 0);
        row("tmpfs", "/tmp", 0);
        row("FUSE", "/home/ann/m", 0);
    }
    void shouldFindPseudoFilesystemsAtOrBelow()
    {
        QFETCH(QByteArray, directory);
        QFETCH(quint64, expected);
        const std::vector<MountTableEntry> mounts = parseMountTable(Table);
        const auto found = pseudoFilesystemMountAtOrBelow(mounts, view(directory));
        QCOMPARE(found ? found->id : quint64(0), expected);
    }
};

QTEST_GUILESS_MAIN(MountTableTest)
#include "mounttabletest.moc"
