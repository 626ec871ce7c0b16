// SPDX-License-Identifier: GPL-2.0-or-later
// The parts of "following the session" that need no mount: when a source
// counts as available (its folder, and the drive or share it lives on), the
// options saved with a mirror, the dialog's rule for a source that is not
// there yet, and the row's "Waiting for" state. ui.sessionfollow runs the
// same with a real drive, the real helper and real mounts.
#include "mirrorconfig.h"
#include "mirrorlistmodel.h"
#include "mirrorvalidation.h"
#include "sourceavailability.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
// A mount table with a line per mount point (the other fields plausible).
QList<MountEntry> mountsAt(const QStringList &points)
{
    QByteArray text = "22 1 0:21 / / rw - ext4 /dev/sda1 rw\n";
    int id = 30;
    for (const QString &point : points) {
        text += QByteArray::number(id) + " 22 0:" + QByteArray::number(id + 100) + " / " + QFile::encodeName(point) + " rw - tmpfs tmpfs rw\n";
        ++id;
    }
    return parseMountInfo(text);
}
} // namespace

class SessionOptionsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldFindTheDriveOfARemovableSource()
    {
        using SourceAvailability::volumeOf;
        const QString me = u"tester"_s;
        QCOMPARE(volumeOf(u"/media/tester/USB/photos/2026"_s, {}, me), u"/media/tester/USB"_s);
        QCOMPARE(volumeOf(u"/media/tester/USB"_s, {}, me), u"/media/tester/USB"_s);
        QCOMPARE(volumeOf(u"/run/media/tester/Stick/docs"_s, {}, me), u"/run/media/tester/Stick"_s);
        // The user's folder under /media is not a drive.
        QCOMPARE(volumeOf(u"/media/tester"_s, {}, me), QString());
        // /media/data is an fstab mount (not a user's drives): not the convention.
        QCOMPARE(volumeOf(u"/media/data/photos"_s, {}, me), QString());
        QCOMPARE(volumeOf(u"/media/data/photos"_s, u"/media/data"_s, me), u"/media/data"_s);
        // Another user's drive is not this user's convention either.
        QCOMPARE(volumeOf(u"/media/alice/USB/photos"_s, {}, me), QString());
        QCOMPARE(volumeOf(u"/media/tester/USB/photos"_s, {}, QString()), QString());
        // Elsewhere: where the source was seen mounted last, if it is above it.
        QCOMPARE(volumeOf(u"/mnt/share/photos"_s, u"/mnt/share"_s, me), u"/mnt/share"_s);
        QCOMPARE(volumeOf(u"/mnt/share/photos"_s, u"/mnt/other"_s, me), QString());
        QCOMPARE(volumeOf(u"/mnt/shared/photos"_s, u"/mnt/share"_s, me), QString());
        QCOMPARE(volumeOf(u"/home/tester/docs"_s, u"/"_s, me), QString());
        QCOMPARE(volumeOf(u"/home/tester/docs"_s, {}, me), QString());
    }

    void shouldFindTheMountContainingAPath()
    {
        const auto mounts = mountsAt({u"/mnt/share"_s, u"/mnt/share/inner"_s, u"/mnt/sharex"_s});
        QCOMPARE(SourceAvailability::mountContaining(u"/mnt/share/a/b"_s, mounts), u"/mnt/share"_s);
        QCOMPARE(SourceAvailability::mountContaining(u"/mnt/share/inner/c"_s, mounts), u"/mnt/share/inner"_s);
        QCOMPARE(SourceAvailability::mountContaining(u"/mnt/share"_s, mounts), u"/mnt/share"_s);
        QCOMPARE(SourceAvailability::mountContaining(u"/mnt/sharey/d"_s, mounts), u"/"_s);
    }

    void shouldWaitForTheVolumeThenTheFolder()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString volume = root.path() + u"/share"_s;
        const QString source = volume + u"/photos"_s;
        QVERIFY(QDir().mkpath(volume));

        // The share's folder is there, empty, nothing mounted on it: waiting for the share.
        auto status = SourceAvailability::check(source, volume, mountsAt({}), getuid());
        QVERIFY(!status.available);
        QCOMPARE(status.waitingFor, volume);
        // Mounted, but the folder is not on it: waiting for the folder.
        status = SourceAvailability::check(source, volume, mountsAt({volume}), getuid());
        QVERIFY(!status.available);
        QCOMPARE(status.waitingFor, source);
        // Both there.
        QVERIFY(QDir().mkpath(source));
        status = SourceAvailability::check(source, volume, mountsAt({volume}), getuid());
        QVERIFY(status.available);
        QCOMPARE(status.waitingFor, QString());
        // No volume asked for: the folder alone decides.
        QVERIFY(SourceAvailability::check(source, {}, mountsAt({}), getuid()).available);
        // A file of the name is not a source.
        QVERIFY(QFile(root.path() + u"/file"_s).open(QIODevice::WriteOnly));
        status = SourceAvailability::check(root.path() + u"/file"_s, {}, mountsAt({}), getuid());
        QVERIFY(!status.available);
        QCOMPARE(status.waitingFor, root.path() + u"/file"_s);
        // A symbolic link to a folder is not the folder.
        QVERIFY(QFile::link(source, root.path() + u"/link"_s));
        QVERIFY(!SourceAvailability::check(root.path() + u"/link"_s, {}, mountsAt({}), getuid()).available);
    }

    // In a folder others may write to, anyone can make the folder a mirror
    // waits for: it must be the person's own (or root's).
    void shouldNotTakeSomeoneElsesFolderForTheSource()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const QString source = root.path() + u"/share"_s;
        QVERIFY(QDir().mkpath(source));
        QVERIFY(SourceAvailability::check(source, {}, mountsAt({}), getuid()).available);
        if (getuid() != 0) {
            QSKIP("giving the folder to another user needs root");
        }
        QCOMPARE(::chown(QFile::encodeName(source).constData(), 4242, 4242), 0);
        auto status = SourceAvailability::check(source, {}, mountsAt({}), 1000);
        QVERIFY(!status.available);
        QVERIFY(status.foreignOwner);
        QCOMPARE(status.waitingFor, source);
        // Its owner's own, and root's, are fine.
        QVERIFY(SourceAvailability::check(source, {}, mountsAt({}), 4242).available);
        QCOMPARE(::chown(QFile::encodeName(source).constData(), 0, 0), 0);
        QVERIFY(SourceAvailability::check(source, {}, mountsAt({}), 1000).available);
    }

    void shouldWatchTheFoldersThatMayBringTheSource()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        QCOMPARE(SourceAvailability::foldersToWatch(root.path() + u"/a/b/c"_s), QStringList{root.path()});
        QVERIFY(QDir().mkpath(root.path() + u"/a"_s));
        QCOMPARE(SourceAvailability::foldersToWatch(root.path() + u"/a/b/c"_s), QStringList{root.path() + u"/a"_s});
        QCOMPARE(SourceAvailability::foldersToWatch(root.path() + u"/a"_s), (QStringList{root.path() + u"/a"_s, root.path()}));
    }

    void shouldSaveTheSessionOptionsWithTheMirror()
    {
        MirrorConfig config;
        config.name = u"usb"_s;
        config.source = u"/media/tester/USB/photos"_s;
        config.mountPoint = u"/home/tester/Mirrors/usb"_s;
        config.mountWhenAvailable = true;
        config.sourceVolume = u"/media/tester/USB"_s;
        config.unmountOnLock = true;
        config.mountOnUnlock = true;
        config.idleMinutes = 15;
        QCOMPARE(MirrorConfig::fromJson(config.toJson()), config);

        QTemporaryDir root;
        MirrorStore store(root.path() + u"/mirrors.json"_s);
        QVERIFY(store.save({config}));
        QCOMPARE(store.load(), QList<MirrorConfig>{config});

        // Files of older versions have none of the options: all off.
        const MirrorConfig old = MirrorConfig::fromJson(QJsonObject{{u"name"_s, u"a"_s}, {u"source"_s, u"/a"_s}, {u"mountPoint"_s, u"/b"_s}});
        QVERIFY(!old.mountWhenAvailable && !old.unmountOnLock && !old.mountOnUnlock);
        QCOMPARE(old.idleMinutes, 0);
        // A hand-edited file: no negative or endless wait.
        QCOMPARE(MirrorConfig::fromJson(QJsonObject{{u"idleMinutes"_s, -5}}).idleMinutes, 0);
        QCOMPARE(MirrorConfig::fromJson(QJsonObject{{u"idleMinutes"_s, 1000000}}).idleMinutes, MirrorConfig::MaxIdleMinutes);
    }

    void shouldAcceptAMissingSourceOnlyForAMirrorThatWaitsForIt()
    {
        QTemporaryDir root;
        QVERIFY(QDir().mkpath(root.path() + u"/mnt"_s));
        MirrorConfig config;
        config.name = u"usb"_s;
        config.source = root.path() + u"/not-plugged-in/photos"_s;
        config.mountPoint = root.path() + u"/mnt"_s;
        QCOMPARE(MirrorValidation::validate(config, {}).source, u"The source folder does not exist."_s);
        config.mountWhenAvailable = true;
        QVERIFY(MirrorValidation::validate(config, {}).ok());
        // Anything else wrong with the path still is.
        config.source = u"relative/photos"_s;
        QVERIFY(!MirrorValidation::validate(config, {}).source.isEmpty());
    }

    void shouldSayWhatARowWaitsFor()
    {
        MirrorListModel model;
        MirrorConfig config;
        config.name = u"usb"_s;
        config.source = u"/media/tester/USB/photos"_s;
        config.mountPoint = u"/home/tester/Mirrors/usb"_s;
        config.mountWhenAvailable = true;
        const int row = model.addMirror(config);
        QCOMPARE(model.state(row), MirrorListModel::State::Stopped);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy summary(&model, &MirrorListModel::summaryChanged);
        model.setWaitingFor(row, u"/media/tester/USB"_s);
        QCOMPARE(model.state(row), MirrorListModel::State::Waiting);
        QCOMPARE(model.index(row, MirrorListModel::StateColumn).data().toString(), u"Waiting for /media/tester/USB"_s);
        QCOMPARE(model.index(row, 0).data(MirrorListModel::WaitingForRole).toString(), u"/media/tester/USB"_s);
        QCOMPARE(model.index(row, MirrorListModel::StateColumn).data(Qt::ToolTipRole).toString(), u"Waiting for /media/tester/USB"_s);
        QCOMPARE(model.countInState(MirrorListModel::State::Waiting), 1);
        QVERIFY(!changed.isEmpty());
        QVERIFY(!summary.isEmpty());

        // Waiting for something else: the cell says so.
        changed.clear();
        model.setWaitingFor(row, u"/media/tester/USB/photos"_s);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(row, MirrorListModel::StateColumn).data().toString(), u"Waiting for /media/tester/USB/photos"_s);

        // An error outranks waiting; cleared, it waits again; then it waits for nothing.
        model.setError(row, u"The helper is not available."_s);
        QCOMPARE(model.state(row), MirrorListModel::State::Error);
        model.setError(row, {});
        QCOMPARE(model.state(row), MirrorListModel::State::Waiting);
        model.setWaitingFor(row, {});
        QCOMPARE(model.state(row), MirrorListModel::State::Stopped);
        QCOMPARE(model.index(row, 0).data(MirrorListModel::WaitingForRole).toString(), QString());
    }
};

QTEST_GUILESS_MAIN(SessionOptionsTest)

#include "sessionoptionstest.moc"
