// SPDX-License-Identifier: GPL-2.0-or-later
// The FUSE server's inode table (filesystem/inodetable.h) on a real source
// tree under /var/tmp, without a mount: one Inode per backing (dev, ino) so
// hard links agree, lookup counts and forgets, a fresh generation for every
// Inode so a reused node id never names two files, the fd cap (unused file
// fds dropped, reopened by file handle as the same inode), and an unlinked
// file let go of its key. Through a mount these show only as timing or as
// rare wrong answers; here each rule is checked by its counts. Runs as root:
// reopening by handle needs CAP_DAC_READ_SEARCH.
#include "inodetable.h"
#include "threadcapabilities.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <set>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror;
using namespace PassMirror::Fs;

namespace
{

std::optional<struct stat> statOfFd(int fd)
{
    struct stat st{};
    if (::fstatat(fd, "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW) != 0) {
        return std::nullopt;
    }
    return st;
}

bool holdsFd(Inode &inode)
{
    std::lock_guard lock(inode.mutex);
    return inode.path != nullptr;
}

// A source directory with its table, as MirrorFilesystem sets one up: the
// stats in private memory, the root as an O_PATH fd.
class Source
{
public:
    explicit Source(std::size_t maxFds = 0)
        : m_dir(QStringLiteral("/var/tmp/inodetable-XXXXXX"))
        , m_stats(std::make_unique<Stats::Layout>())
    {
        if (!m_dir.isValid()) {
            return;
        }
        m_dirFd.reset(::open(QFile::encodeName(m_dir.path()).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        UniqueFd root(::open(QFile::encodeName(m_dir.path()).constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (m_dirFd && root) {
            m_table = std::make_unique<InodeTable>(*m_stats, std::move(root), maxFds);
        }
    }

    [[nodiscard]] bool isValid() const
    {
        return m_table != nullptr;
    }
    InodeTable &table()
    {
        return *m_table;
    }
    Stats::Layout &stats()
    {
        return *m_stats;
    }
    [[nodiscard]] std::uint64_t fdsHeld() const
    {
        return m_stats->inodeFdsHeld.load();
    }
    [[nodiscard]] std::uint64_t inodesKnown() const
    {
        return m_stats->inodesKnown.load();
    }
    [[nodiscard]] int dirFd() const
    {
        return m_dirFd.get();
    }

    bool makeFile(const std::string &name)
    {
        return UniqueFd(::openat(m_dirFd.get(), name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)).isValid();
    }
    bool makeDirectory(const std::string &name)
    {
        return ::mkdirat(m_dirFd.get(), name.c_str(), 0755) == 0;
    }
    bool link(const std::string &from, const std::string &to)
    {
        return ::linkat(m_dirFd.get(), from.c_str(), m_dirFd.get(), to.c_str(), 0) == 0;
    }
    bool unlink(const std::string &name, int flags = 0)
    {
        return ::unlinkat(m_dirFd.get(), name.c_str(), flags) == 0;
    }
    std::optional<struct stat> statOf(const std::string &name) const
    {
        struct stat st{};
        if (::fstatat(m_dirFd.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
            return std::nullopt;
        }
        return st;
    }

    // What a FUSE lookup does: open the name O_PATH, stat it, remember it.
    std::shared_ptr<Inode> lookUp(const std::string &name)
    {
        UniqueFd fd(::openat(m_dirFd.get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        const auto st = fd ? statOfFd(fd.get()) : std::nullopt;
        if (!st) {
            return nullptr;
        }
        return m_table->remember(std::move(fd), *st);
    }

    // Files f0..f<count-1>, each looked up once; empty if any step failed.
    std::vector<std::shared_ptr<Inode>> makeAndLookUp(int count)
    {
        std::vector<std::shared_ptr<Inode>> inodes;
        for (int i = 0; i < count; ++i) {
            const std::string name = "f" + std::to_string(i);
            std::shared_ptr<Inode> inode = makeFile(name) ? lookUp(name) : nullptr;
            if (!inode) {
                return {};
            }
            inodes.push_back(std::move(inode));
        }
        return inodes;
    }

    std::uint64_t lookupsOf(const Inode &inode)
    {
        // nlookup is the table's; no other thread runs here.
        return inode.nlookup;
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Stats::Layout> m_stats;
    UniqueFd m_dirFd;
    std::unique_ptr<InodeTable> m_table;
};

std::string fileName(int i)
{
    return "f" + std::to_string(i);
}

bool sameFile(int fd, const Inode &inode)
{
    const auto st = statOfFd(fd);
    return st && st->st_dev == inode.dev && st->st_ino == inode.ino;
}

} // namespace

class InodeTableTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root (inside ./dev)");
        QVERIFY2(threadHasPermittedCapability(CAP_DAC_READ_SEARCH), "reopening by file handle needs CAP_DAC_READ_SEARCH");
        // The scratch filesystem must hand out file handles (ext4, tmpfs, ... do).
        Source source;
        QVERIFY(source.isValid());
        std::vector<unsigned char> buffer(sizeof(file_handle) + MAX_HANDLE_SZ);
        auto *handle = reinterpret_cast<file_handle *>(buffer.data());
        handle->handle_bytes = MAX_HANDLE_SZ;
        int mountId = 0;
        QVERIFY2(::name_to_handle_at(source.dirFd(), "", handle, &mountId, AT_EMPTY_PATH) == 0, "/var/tmp has no file handles");
    }

    void shouldStartWithTheRootOnly()
    {
        Source source;
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        QCOMPARE(source.inodesKnown(), std::uint64_t(0));
        QCOMPARE(source.fdsHeld(), std::uint64_t(1));
        QVERIFY(table.root().isDirectory());
        QCOMPARE(table.root().nodeId, fuse_ino_t(FUSE_ROOT_ID));
        QCOMPARE(&table.get(FUSE_ROOT_ID), &table.root());
        const auto st = statOfFd(source.dirFd());
        QVERIFY(st);
        QCOMPARE(table.find(st->st_dev, st->st_ino).get(), &table.root());
        QVERIFY(sameFile(table.pathOf(table.root()).get(), table.root()));
        // The root is never forgotten.
        QVERIFY(!table.forget(FUSE_ROOT_ID, 1));
        QVERIFY(!table.forget(FUSE_ROOT_ID, 1000));
        QCOMPARE(table.find(st->st_dev, st->st_ino).get(), &table.root());
        QCOMPARE(source.fdsHeld(), std::uint64_t(1));
    }

    // Two names of one file are one Inode: one fd, one count, one node id.
    void shouldGiveHardLinksOneInode()
    {
        Source source;
        QVERIFY(source.isValid());
        QVERIFY(source.makeFile("a") && source.link("a", "b") && source.makeFile("c") && source.makeDirectory("d"));
        InodeTable &table = source.table();

        const auto a = source.lookUp("a");
        QVERIFY(a);
        QVERIFY(a->isRegular() && !a->isDirectory());
        QCOMPARE(source.lookupsOf(*a), std::uint64_t(1));
        QCOMPARE(a->nodeId, reinterpret_cast<fuse_ino_t>(a.get()));
        QCOMPARE(&table.get(a->nodeId), a.get());
        QVERIFY(a->generation != table.root().generation);
        QCOMPARE(source.inodesKnown(), std::uint64_t(1));
        QCOMPARE(source.fdsHeld(), std::uint64_t(2));

        const auto b = source.lookUp("b");
        QCOMPARE(b.get(), a.get());
        QCOMPARE(source.lookupsOf(*a), std::uint64_t(2));
        QCOMPARE(source.inodesKnown(), std::uint64_t(1));
        QCOMPARE(source.fdsHeld(), std::uint64_t(2)); // the second name's fd was not kept

        // find() does not count as a lookup.
        QCOMPARE(table.find(a->dev, a->ino).get(), a.get());
        QCOMPARE(source.lookupsOf(*a), std::uint64_t(2));

        const auto c = source.lookUp("c");
        QVERIFY(c && c.get() != a.get());
        QVERIFY(c->generation != a->generation);
        const auto d = source.lookUp("d");
        QVERIFY(d && d->isDirectory() && !d->isRegular());
        QCOMPARE(source.inodesKnown(), std::uint64_t(3));
        QCOMPARE(source.fdsHeld(), std::uint64_t(4));
        QVERIFY(sameFile(table.pathOf(*a).get(), *a));
    }

    // Each row: lookups made, then the forgets the kernel sends; the Inode
    // leaves the table at zero, and only then.
    void shouldLeaveTheTableAtTheLastForget_data()
    {
        QTest::addColumn<int>("lookups");
        QTest::addColumn<QList<int>>("forgets");
        QTest::addColumn<int>("leavesAt"); // index into forgets, -1: never
        QTest::newRow("one and one") << 1 << QList<int>{1} << 0;
        QTest::newRow("three, one at a time") << 3 << QList<int>{1, 1, 1} << 2;
        QTest::newRow("three at once") << 3 << QList<int>{3} << 0;
        QTest::newRow("two then one of three") << 3 << QList<int>{2, 1} << 1;
        QTest::newRow("too few") << 3 << QList<int>{1, 1} << -1;
        // A kernel that forgets more than it looked up: clamped, the Inode goes.
        QTest::newRow("more than looked up") << 2 << QList<int>{5} << 0;
    }
    void shouldLeaveTheTableAtTheLastForget()
    {
        QFETCH(int, lookups);
        QFETCH(QList<int>, forgets);
        QFETCH(int, leavesAt);
        Source source;
        QVERIFY(source.isValid());
        QVERIFY(source.makeFile("a") && source.link("a", "b"));
        InodeTable &table = source.table();

        std::shared_ptr<Inode> inode;
        for (int i = 0; i < lookups; ++i) {
            inode = source.lookUp(i % 2 == 0 ? "a" : "b");
            QVERIFY(inode);
        }
        QCOMPARE(source.lookupsOf(*inode), std::uint64_t(lookups));
        const fuse_ino_t nodeId = inode->nodeId;
        const dev_t dev = inode->dev;
        const ino_t ino = inode->ino;
        const std::weak_ptr<Inode> watch = inode;
        inode.reset();

        for (int i = 0; i < forgets.size(); ++i) {
            const std::shared_ptr<Inode> gone = table.forget(nodeId, static_cast<std::uint64_t>(forgets[i]));
            if (i == leavesAt) {
                QVERIFY2(gone, "the last forget hands the Inode back");
                QCOMPARE(gone.get(), watch.lock().get());
                QVERIFY(!table.find(dev, ino));
                QCOMPARE(source.inodesKnown(), std::uint64_t(0));
                QCOMPARE(source.fdsHeld(), std::uint64_t(2)); // the Inode still lives here
            } else {
                QVERIFY2(!gone, qPrintable(QStringLiteral("forget %1 handed it back").arg(i)));
                QCOMPARE(table.find(dev, ino).get(), watch.lock().get());
                QCOMPARE(source.inodesKnown(), std::uint64_t(1));
            }
        }
        // Once the last reference goes, so does the fd.
        QCOMPARE(watch.expired(), leavesAt >= 0);
        QCOMPARE(source.fdsHeld(), std::uint64_t(leavesAt >= 0 ? 1 : 2));
    }

    // The node id is the Inode's address, which a new Inode may get again:
    // the generation tells them apart.
    void shouldGiveEveryNewInodeANewGeneration()
    {
        Source source;
        QVERIFY(source.isValid());
        QVERIFY(source.makeFile("a"));
        InodeTable &table = source.table();
        std::set<std::pair<fuse_ino_t, std::uint64_t>> seen;
        std::set<std::uint64_t> generations;
        for (int round = 0; round < 8; ++round) {
            std::shared_ptr<Inode> inode = source.lookUp("a");
            QVERIFY(inode);
            QVERIFY2(seen.emplace(inode->nodeId, inode->generation).second, "a node id and generation came back");
            QVERIFY(generations.insert(inode->generation).second);
            const fuse_ino_t nodeId = inode->nodeId;
            inode.reset();
            QVERIFY(table.forget(nodeId, 1));
        }
        QCOMPARE(source.inodesKnown(), std::uint64_t(0));
        QCOMPARE(source.fdsHeld(), std::uint64_t(1));
    }

    // rememberHeld: only an Inode the table holds with its fd open.
    void shouldRememberHeldOnlyWhatItHolds()
    {
        Source source;
        QVERIFY(source.isValid());
        QVERIFY(source.makeFile("a") && source.link("a", "b"));
        InodeTable &table = source.table();
        const auto st = source.statOf("a");
        const auto otherName = source.statOf("b");
        QVERIFY(st && otherName);

        QVERIFY(!table.rememberHeld(*st));
        QCOMPARE(source.inodesKnown(), std::uint64_t(0));

        const auto a = source.lookUp("a");
        QVERIFY(a);
        QCOMPARE(table.rememberHeld(*st).get(), a.get());
        QCOMPARE(table.rememberHeld(*otherName).get(), a.get());
        QCOMPARE(source.lookupsOf(*a), std::uint64_t(3));
        QCOMPARE(source.fdsHeld(), std::uint64_t(2));

        QVERIFY(table.forget(a->nodeId, 3));
        QVERIFY(!table.rememberHeld(*st));
        QCOMPARE(source.lookupsOf(*a), std::uint64_t(0));
    }

    // Each row: the fd cap. Files beyond it lose their fds (oldest unused
    // first), directories and the root never; pathOf() brings a file's fd
    // back by its handle, as the same inode.
    void shouldDropUnusedFileFdsAboveTheCap_data()
    {
        QTest::addColumn<int>("cap");
        QTest::newRow("cap 4") << 4;
        QTest::newRow("cap 10") << 10;
        QTest::newRow("cap 25") << 25;
    }
    void shouldDropUnusedFileFdsAboveTheCap()
    {
        QFETCH(int, cap);
        const std::uint64_t maxFds = static_cast<std::uint64_t>(cap);
        Source source(static_cast<std::size_t>(cap));
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        table.setHandleReopenAvailable(true);
        const int files = 3 * cap;
        QVERIFY(source.makeDirectory("sub"));
        const auto sub = source.lookUp("sub");
        QVERIFY(sub);

        std::vector<std::shared_ptr<Inode>> inodes;
        for (int i = 0; i < files; ++i) {
            QVERIFY(source.makeFile(fileName(i)));
            inodes.push_back(source.lookUp(fileName(i)));
            QVERIFY(inodes.back());
            QVERIFY2(source.fdsHeld() <= maxFds, qPrintable(QStringLiteral("%1 fds held after %2 files").arg(source.fdsHeld()).arg(i + 1)));
        }
        QCOMPARE(source.inodesKnown(), std::uint64_t(files + 1));
        std::uint64_t holding = 1; // the root
        std::vector<bool> dropped;
        for (const auto &inode : inodes) {
            dropped.push_back(!holdsFd(*inode));
            holding += dropped.back() ? 0 : 1;
        }
        QVERIFY(holdsFd(*sub));
        QVERIFY(holdsFd(table.root()));
        holding += 1; // sub
        // The stats count exactly the fds the Inodes hold.
        QCOMPARE(source.fdsHeld(), holding);
        QVERIFY(std::count(dropped.begin(), dropped.end(), true) >= files + 2 - cap);
        // The newest file kept its fd: the oldest unused ones went first.
        QVERIFY(!dropped.back());
        QVERIFY(dropped.front());

        // A dropped Inode is not "held": a lookup must reopen it by name.
        const auto st = source.statOf(fileName(0));
        QVERIFY(st);
        QVERIFY(!table.rememberHeld(*st));
        QCOMPARE(source.lookupsOf(*inodes[0]), std::uint64_t(1));

        for (int i = 0; i < files; ++i) {
            Inode &inode = *inodes[static_cast<std::size_t>(i)];
            const bool wasDropped = !holdsFd(inode);
            {
                const PathResult path = table.pathOf(inode);
                QVERIFY2(path, qPrintable(QStringLiteral("%1: errno %2").arg(i).arg(path.error)));
                QCOMPARE(path.reopened, wasDropped);
                QVERIFY(sameFile(path.get(), inode));
                // An O_PATH fd, as the table keeps them.
                QCOMPARE(::fcntl(path.get(), F_GETFL) & O_PATH, O_PATH);
            }
            QVERIFY2(source.fdsHeld() <= maxFds, qPrintable(QStringLiteral("%1 fds held after reopening %2").arg(source.fdsHeld()).arg(i)));
        }
        QVERIFY(holdsFd(*sub));

        // Forgetting everything closes every fd but the root's.
        for (auto &inode : inodes) {
            const fuse_ino_t nodeId = inode->nodeId;
            inode.reset();
            QVERIFY(table.forget(nodeId, 1));
        }
        const fuse_ino_t subId = sub->nodeId;
        QVERIFY(table.forget(subId, 1));
        QCOMPARE(source.inodesKnown(), std::uint64_t(0));
    }

    // What cannot be reopened, or must stay open, keeps its fd whatever the cap.
    void shouldKeepFdsItMayNotDrop()
    {
        Source source(4);
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        table.setHandleReopenAvailable(true);
        QVERIFY(source.makeFile("open") && source.makeFile("unlinked") && source.makeDirectory("dir"));
        const auto open = source.lookUp("open");
        const auto unlinked = source.lookUp("unlinked");
        const auto dir = source.lookUp("dir");
        QVERIFY(open && unlinked && dir);
        {
            std::lock_guard lock(open->mutex);
            open->userspaceOpens = 1;
        }
        // Unlinked through the source, unseen by the table: no handle finds it again.
        QVERIFY(source.unlink("unlinked"));

        std::vector<std::shared_ptr<Inode>> others;
        for (int i = 0; i < 20; ++i) {
            QVERIFY(source.makeFile(fileName(i)));
            others.push_back(source.lookUp(fileName(i)));
            QVERIFY(others.back());
        }
        QVERIFY(holdsFd(*open));
        QVERIFY(holdsFd(*unlinked));
        QVERIFY(holdsFd(*dir));
        QVERIFY(holdsFd(table.root()));
        // Those four fill the cap: every other file lost its fd.
        QVERIFY(std::none_of(others.begin(), others.end(), [](const std::shared_ptr<Inode> &inode) {
            return holdsFd(*inode);
        }));
        QCOMPARE(source.fdsHeld(), std::uint64_t(4));
        {
            std::lock_guard lock(open->mutex);
            open->userspaceOpens = 0;
        }
    }

    // Without handle reopening (no CAP_DAC_READ_SEARCH) nothing is dropped:
    // a dropped fd could never come back.
    void shouldKeepEveryFdWithoutHandleReopening()
    {
        Source source(4);
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        table.setHandleReopenAvailable(false);
        const std::vector<std::shared_ptr<Inode>> inodes = source.makeAndLookUp(12);
        QCOMPARE(inodes.size(), std::size_t(12));
        QCOMPARE(source.fdsHeld(), std::uint64_t(13));
        QVERIFY(!table.relieveFdShortage());
        QCOMPARE(source.fdsHeld(), std::uint64_t(13));
        for (const auto &inode : inodes) {
            QVERIFY(holdsFd(*inode));
        }
    }

    // Out of fds: half of the droppable ones go at once, and come back on use.
    void shouldRelieveAnFdShortage()
    {
        Source source(1000);
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        table.setHandleReopenAvailable(true);
        const std::vector<std::shared_ptr<Inode>> inodes = source.makeAndLookUp(40);
        QCOMPARE(inodes.size(), std::size_t(40));
        QCOMPARE(source.fdsHeld(), std::uint64_t(41));
        QVERIFY(table.relieveFdShortage());
        QVERIFY2(source.fdsHeld() <= 20u, qPrintable(QString::number(source.fdsHeld())));
        for (const auto &inode : inodes) {
            const PathResult path = table.pathOf(*inode);
            QVERIFY(path);
            QVERIFY(sameFile(path.get(), *inode));
        }
        QCOMPARE(source.fdsHeld(), std::uint64_t(41));
    }

    // A file dropped under the cap and removed since cannot be reopened:
    // ESTALE, never some other file.
    void shouldAnswerStaleForADroppedFileRemovedSince()
    {
        Source source(4);
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        table.setHandleReopenAvailable(true);
        const std::vector<std::shared_ptr<Inode>> inodes = source.makeAndLookUp(12);
        QCOMPARE(inodes.size(), std::size_t(12));
        Inode &first = *inodes.front();
        QVERIFY(!holdsFd(first));
        QVERIFY(source.unlink(fileName(0)));
        QVERIFY(source.makeFile("newcomer")); // may take the freed inode number
        const PathResult path = table.pathOf(first);
        QVERIFY(!path);
        QCOMPARE(path.error, ESTALE);
        QCOMPARE(path.get(), -1);
    }

    // The same, and the source gives the freed number to a new file: a
    // lookup of the new file gets an inode of its own, with the new file's
    // fd, never the dropped inode (whose stale handle would answer ESTALE
    // for the new file, or whose type may differ). The old one stays ESTALE.
    void shouldGiveANewInodeToAFileThatReusesADroppedNumber()
    {
        Source source(4);
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        table.setHandleReopenAvailable(true);
        const std::vector<std::shared_ptr<Inode>> inodes = source.makeAndLookUp(12);
        QCOMPARE(inodes.size(), std::size_t(12));
        const std::shared_ptr<Inode> first = inodes.front();
        QVERIFY(!holdsFd(*first));
        QVERIFY(source.unlink(fileName(0)));
        // ext4 hands the lowest free number out again at once; try a few names.
        std::string reusing;
        for (int i = 0; i < 64 && reusing.empty(); ++i) {
            const std::string name = "newcomer" + std::to_string(i);
            QVERIFY(source.makeFile(name));
            if (source.statOf(name)->st_ino == first->ino) {
                reusing = name;
            }
        }
        if (reusing.empty()) {
            QSKIP("the scratch filesystem did not reuse the freed inode number");
        }
        const std::shared_ptr<Inode> newcomer = source.lookUp(reusing);
        QVERIFY(newcomer);
        QVERIFY2(newcomer.get() != first.get(), "the new file was given the dropped inode of the removed one");
        QVERIFY(newcomer->generation != first->generation);
        const PathResult path = table.pathOf(*newcomer);
        QVERIFY2(path, std::strerror(path.error));
        QVERIFY(sameFile(path.get(), *newcomer));
        // The removed file's inode reaches nothing.
        const PathResult old = table.pathOf(*first);
        QVERIFY(!old);
        QCOMPARE(old.error, ESTALE);
        // A second lookup of the new name finds the new inode again.
        QCOMPARE(source.lookUp(reusing).get(), newcomer.get());
    }

    // A file with no name left and no open: its fd closes and its key is
    // free at once, for the new file the source may give that number.
    void shouldDetachAnUnlinkedFile()
    {
        Source source;
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        QVERIFY(source.makeFile("gone") && source.link("gone", "alias") && source.makeDirectory("dir"));
        const auto inode = source.lookUp("gone");
        const auto dir = source.lookUp("dir");
        QVERIFY(inode && dir);
        QCOMPARE(source.fdsHeld(), std::uint64_t(3));

        QVERIFY2(!table.detachUnlinked(*inode), "it has two names");
        QVERIFY(source.unlink("gone"));
        QVERIFY2(!table.detachUnlinked(*inode), "it still has a name");
        QCOMPARE(table.find(inode->dev, inode->ino).get(), inode.get());
        QVERIFY(source.unlink("alias"));

        for (const auto opens : {&Inode::userspaceOpens, &Inode::passthroughOpens}) {
            {
                std::lock_guard lock(inode->mutex);
                (*inode).*opens = 1;
            }
            QVERIFY2(!table.detachUnlinked(*inode), "it is open");
            QCOMPARE(table.find(inode->dev, inode->ino).get(), inode.get());
            std::lock_guard lock(inode->mutex);
            (*inode).*opens = 0;
        }

        QVERIFY(table.detachUnlinked(*inode));
        QVERIFY(!table.find(inode->dev, inode->ino));
        QVERIFY(!holdsFd(*inode));
        QCOMPARE(source.fdsHeld(), std::uint64_t(2)); // its fd is closed: the space comes back
        QCOMPARE(source.inodesKnown(), std::uint64_t(2)); // the kernel still knows it
        const PathResult path = table.pathOf(*inode);
        QVERIFY(!path);
        QCOMPARE(path.error, ESTALE);
        QVERIFY2(!table.detachUnlinked(*inode), "once only");

        // A new file under any name, even with the same number, is a new Inode.
        QVERIFY(source.makeFile("gone"));
        const auto newcomer = source.lookUp("gone");
        QVERIFY(newcomer && newcomer.get() != inode.get());
        QVERIFY(newcomer->generation != inode->generation);

        // The kernel's forget still finds the detached Inode.
        const auto forgotten = table.forget(inode->nodeId, 1);
        QCOMPARE(forgotten.get(), inode.get());
        QCOMPARE(source.inodesKnown(), std::uint64_t(2)); // the newcomer and dir

        // Only regular files, never the root.
        QVERIFY(source.unlink("dir", AT_REMOVEDIR));
        QVERIFY(!table.detachUnlinked(*dir));
        QVERIFY(!table.detachUnlinked(table.root()));
        QVERIFY(table.find(dir->dev, dir->ino));
    }

    // A request for a let-go file comes from a path walk that reached it
    // before its name went, and the VFS retries it once with a fresh lookup.
    // Were the retry's file let go too before its open arrived, the program
    // would get ESTALE, which it never gets natively; so after an ESTALE
    // answer files are kept (until FORGET) for a moment.
    void shouldKeepFilesWhileAStaleAnswerIsRetried()
    {
        Source source;
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        QVERIFY(source.makeFile("first"));
        const auto first = source.lookUp("first");
        QVERIFY(first);
        QVERIFY(source.unlink("first"));
        QVERIFY(table.detachUnlinked(*first));
        QCOMPARE(table.pathOf(*first).error, ESTALE);

        // The retry's lookup finds the name's new file, whose name goes too.
        QVERIFY(source.makeFile("first"));
        const auto second = source.lookUp("first");
        QVERIFY(second && second.get() != first.get());
        QVERIFY(source.unlink("first"));
        QVERIFY2(!table.detachUnlinked(*second), "let go right after an ESTALE answer");
        const PathResult path = table.pathOf(*second);
        QVERIFY2(path, "the retry's open cannot reach its file");
        QCOMPARE(table.find(second->dev, second->ino).get(), second.get());
        QCOMPARE(table.forget(second->nodeId, 1).get(), second.get()); // it goes at FORGET
    }

    // A detached file that someone still has open (so its inode lives, and
    // a handle would still find it) is not reopened by a handle recorded
    // when the cap dropped its fd earlier: off its key means gone.
    void shouldNotReopenADetachedFileByHandle()
    {
        Source source(4);
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        table.setHandleReopenAvailable(true);
        QVERIFY(source.makeFile("kept"));
        const auto inode = source.lookUp("kept");
        QVERIFY(inode);
        std::vector<std::shared_ptr<Inode>> others;
        for (int i = 0; i < 8; ++i) {
            QVERIFY(source.makeFile(fileName(i)));
            others.push_back(source.lookUp(fileName(i)));
        }
        QVERIFY2(!holdsFd(*inode), "dropped under the cap, with its handle recorded");
        QVERIFY(table.pathOf(*inode).reopened);
        QVERIFY(holdsFd(*inode));

        // Another process has it open; its last name goes.
        const UniqueFd elsewhere(::openat(source.dirFd(), "kept", O_RDONLY | O_CLOEXEC));
        QVERIFY(elsewhere);
        QVERIFY(source.unlink("kept"));
        QVERIFY(table.detachUnlinked(*inode));
        QVERIFY(!holdsFd(*inode));

        const PathResult path = table.pathOf(*inode);
        QVERIFY2(!path, "reopened by its old handle");
        QCOMPARE(path.error, ESTALE);
        QVERIFY(!table.find(inode->dev, inode->ino));
    }

    // Workers look up, use and forget the same files at once, under a cap
    // that keeps dropping and reopening fds: the counts must come out even.
    // (Under the tsan preset this is the table's race check.)
    void shouldKeepCountsUnderConcurrentUse()
    {
        constexpr int Files = 16;
        constexpr int Threads = 4;
        constexpr int Rounds = 60;
        Source source(8);
        QVERIFY(source.isValid());
        InodeTable &table = source.table();
        table.setHandleReopenAvailable(true);
        for (int i = 0; i < Files; ++i) {
            QVERIFY(source.makeFile(fileName(i)));
        }
        std::atomic<int> failures{0};
        std::vector<std::thread> workers;
        for (int t = 0; t < Threads; ++t) {
            workers.emplace_back([&source, &table, &failures, t] {
                for (int round = 0; round < Rounds; ++round) {
                    for (int i = 0; i < Files; ++i) {
                        const auto inode = source.lookUp(fileName((i + t * 5) % Files));
                        if (!inode) {
                            ++failures;
                            continue;
                        }
                        {
                            const PathResult path = table.pathOf(*inode);
                            if (!path || !sameFile(path.get(), *inode)) {
                                ++failures;
                            }
                        }
                        table.forget(inode->nodeId, 1);
                    }
                }
            });
        }
        for (std::thread &worker : workers) {
            worker.join();
        }
        QCOMPARE(failures.load(), 0);
        QCOMPARE(source.inodesKnown(), std::uint64_t(0));
        QCOMPARE(source.fdsHeld(), std::uint64_t(1));
        for (int i = 0; i < Files; ++i) {
            const auto st = source.statOf(fileName(i));
            QVERIFY(st && !table.find(st->st_dev, st->st_ino));
        }
    }
};

QTEST_GUILESS_MAIN(InodeTableTest)
#include "inodetabletest.moc"
