// SPDX-License-Identifier: GPL-2.0-or-later
// Proves the kernel and libfuse offer FUSE passthrough here: a tiny
// filesystem with no read operation at all serves a file whose bytes can only
// come from the backing file through the kernel's passthrough.

#define FUSE_USE_VERSION 317
#include <fuse_lowlevel.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace
{
constexpr fuse_ino_t ProbeInode = 2;
const char ProbeName[] = "probe";

struct ProbeFilesystem {
    QByteArray backingPath;
    std::atomic<bool> passthroughOffered = false;
    std::atomic<int> backingId = 0;
};

ProbeFilesystem *probe(fuse_req_t req)
{
    return static_cast<ProbeFilesystem *>(fuse_req_userdata(req));
}

void probeInit(void *userdata, fuse_conn_info *conn)
{
    auto *fs = static_cast<ProbeFilesystem *>(userdata);
    fs->passthroughOffered = fuse_set_feature_flag(conn, FUSE_CAP_PASSTHROUGH);
    conn->max_backing_stack_depth = 1;
    fuse_unset_feature_flag(conn, FUSE_CAP_WRITEBACK_CACHE);
}

bool statOf(fuse_ino_t ino, const ProbeFilesystem *fs, struct stat *st)
{
    std::memset(st, 0, sizeof(*st));
    if (ino == FUSE_ROOT_ID) {
        st->st_mode = S_IFDIR | 0755;
        st->st_nlink = 2;
    } else if (ino == ProbeInode) {
        if (::stat(fs->backingPath.constData(), st) != 0) {
            return false;
        }
    } else {
        return false;
    }
    st->st_ino = ino;
    return true;
}

void probeLookup(fuse_req_t req, fuse_ino_t parent, const char *name)
{
    fuse_entry_param entry{};
    if (parent != FUSE_ROOT_ID || std::strcmp(name, ProbeName) != 0 || !statOf(ProbeInode, probe(req), &entry.attr)) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    entry.ino = ProbeInode;
    fuse_reply_entry(req, &entry);
}

void probeGetattr(fuse_req_t req, fuse_ino_t ino, fuse_file_info *)
{
    struct stat st;
    if (!statOf(ino, probe(req), &st)) {
        fuse_reply_err(req, ENOENT);
        return;
    }
    fuse_reply_attr(req, &st, 0);
}

void probeOpen(fuse_req_t req, fuse_ino_t ino, fuse_file_info *fi)
{
    if (ino != ProbeInode) {
        fuse_reply_err(req, EISDIR);
        return;
    }
    const int fd = ::open(probe(req)->backingPath.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        fuse_reply_err(req, errno);
        return;
    }
    const int id = fuse_passthrough_open(req, fd);
    ::close(fd); // the kernel holds its own reference to the backing file
    if (id <= 0) {
        fuse_reply_err(req, EIO);
        return;
    }
    probe(req)->backingId = id;
    fi->backing_id = id;
    fuse_reply_open(req, fi);
}

void probeRelease(fuse_req_t req, fuse_ino_t, fuse_file_info *fi)
{
    fuse_passthrough_close(req, fi->backing_id);
    fuse_reply_err(req, 0);
}

const fuse_lowlevel_ops ProbeOperations = [] {
    fuse_lowlevel_ops ops{};
    ops.init = probeInit;
    ops.lookup = probeLookup;
    ops.getattr = probeGetattr;
    ops.open = probeOpen;
    ops.release = probeRelease;
    return ops;
}();
} // namespace

class FusePassthroughTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldServeReadsThroughKernelPassthrough()
    {
        QVERIFY2(QFile::exists(u"/dev/fuse"_s), "/dev/fuse is missing");
        QCOMPARE(geteuid(), 0u); // FUSE_DEV_IOC_BACKING_OPEN needs CAP_SYS_ADMIN

        QTemporaryDir work;
        QVERIFY(work.isValid());
        const QByteArray payload = "bytes that only the backing file holds\n";
        ProbeFilesystem fs;
        fs.backingPath = QFile::encodeName(work.filePath(u"backing"_s));
        QFile backing(QString::fromLocal8Bit(fs.backingPath));
        QVERIFY(backing.open(QIODevice::WriteOnly));
        backing.write(payload);
        backing.close();
        QVERIFY(QDir(work.path()).mkdir(u"mnt"_s));
        const QByteArray mountPoint = QFile::encodeName(work.filePath(u"mnt"_s));

        const char *argv[] = {"fusepassthroughtest"};
        fuse_args args = FUSE_ARGS_INIT(1, const_cast<char **>(argv));
        fuse_session *session = fuse_session_new(&args, &ProbeOperations, sizeof(ProbeOperations), &fs);
        fuse_opt_free_args(&args);
        QVERIFY(session);
        QCOMPARE(fuse_session_mount(session, mountPoint.constData()), 0);
        std::thread loop([session] {
            fuse_session_loop(session);
        });

        QFile mirrored(QString::fromLocal8Bit(mountPoint + '/' + ProbeName));
        const bool opened = mirrored.open(QIODevice::ReadOnly);
        const QByteArray read = opened ? mirrored.readAll() : QByteArray();
        mirrored.close();

        fuse_session_unmount(session);
        fuse_session_exit(session);
        loop.join();
        fuse_session_destroy(session);

        QVERIFY2(fs.passthroughOffered, "the kernel or libfuse did not offer FUSE_CAP_PASSTHROUGH");
        QVERIFY2(opened, "opening through the mount failed (backing id refused?)");
        QVERIFY(fs.backingId > 0);
        // The filesystem has no read operation: these bytes came from the kernel.
        QCOMPARE(read, payload);
    }
};

QTEST_GUILESS_MAIN(FusePassthroughTest)
#include "fusepassthroughtest.moc"
