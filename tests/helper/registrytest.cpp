// SPDX-License-Identifier: GPL-2.0-or-later
// The registry format, the mount table parser and the liveness rules, from tables.
#include "mirrorregistry.h"
#include "mountinfo.h"
#include "randomid.h"

#include <QJsonDocument>
#include <QTest>

#include <unistd.h>

using namespace PassMirror;

Q_DECLARE_METATYPE(PassMirror::Liveness)

namespace
{
MirrorEntry liveEntry()
{
    MirrorEntry e;
    e.id = QStringLiteral("0123456789abcdef0123456789abcdef");
    e.state = MirrorEntry::State::Live;
    e.source = "/home/tester/Photos";
    e.mountPoint = "/home/tester/Mirrors/photos";
    e.ownerUid = 1000;
    e.statsPath = QStringLiteral("/run/passmirror/stats/x.stats");
    e.supervisorPid = getpid(); // alive
    e.mountId = 42;
    e.startTime = QDateTime::fromString(QStringLiteral("2026-11-25T14:24:16.000Z"), Qt::ISODateWithMs);
    e.bootId = QStringLiteral("boot-a");
    return e;
}

const QByteArray mountInfoText =
    "22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n"
    "42 22 0:52 / /home/tester/Mirrors/photos rw,nosuid,nodev,relatime - fuse.passmirror /home/tester/Photos "
    "rw,user_id=1000,group_id=1000,default_permissions\n"
    "43 22 0:53 / /home/tester/with\\040space rw - fuse.passmirror /src\\040dir rw,user_id=1001,group_id=1001\n"
    "garbage line\n";
} // namespace

class RegistryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldRoundTripEntries()
    {
        const MirrorEntry entry = liveEntry();
        const auto parsed = MirrorEntry::fromJson(QJsonDocument::fromJson(QJsonDocument(entry.toJson()).toJson()).object());
        QVERIFY(parsed);
        QCOMPARE(parsed->id, entry.id);
        QCOMPARE(parsed->source, entry.source);
        QCOMPARE(parsed->mountPoint, entry.mountPoint);
        QCOMPARE(parsed->ownerUid, entry.ownerUid);
        QCOMPARE(parsed->mountId, entry.mountId);
        QCOMPARE(parsed->supervisorPid, entry.supervisorPid);
        QCOMPARE(parsed->startTime, entry.startTime);
        QCOMPARE(parsed->state, MirrorEntry::State::Live);
    }

    void shouldRefuseMalformedEntries_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("version 2") << "version" << QJsonValue(2);
        QTest::newRow("short id") << "id" << QJsonValue(QStringLiteral("0123"));
        QTest::newRow("upper-case id") << "id" << QJsonValue(QStringLiteral("0123456789ABCDEF0123456789ABCDEF"));
        QTest::newRow("id with slash") << "id" << QJsonValue(QStringLiteral("../../../../etc/passwd0123456789a"));
        QTest::newRow("unknown state") << "state" << QJsonValue(QStringLiteral("zombie"));
    }
    void shouldRefuseMalformedEntries()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QJsonObject object = liveEntry().toJson();
        object.insert(key, value);
        QVERIFY(!MirrorEntry::fromJson(object));
    }

    void shouldParseMountInfo()
    {
        const auto mounts = parseMountInfo(mountInfoText);
        QCOMPARE(mounts.size(), 3);
        QCOMPARE(mounts[1].id, quint64(42));
        QVERIFY(mounts[1].isMirror());
        QCOMPARE(mounts[1].fuseUserId(), qint64(1000));
        QCOMPARE(mounts[2].mountPoint, QByteArray("/home/tester/with space"));
        QCOMPARE(mounts[2].mountSource, QByteArray("/src dir"));
        QVERIFY(!mounts[0].isMirror());
        QCOMPARE(mounts[0].fuseUserId(), qint64(-1));
        QCOMPARE(mountAt(mounts, "/home/tester/Mirrors/photos")->id, quint64(42));
        QVERIFY(!mountAt(mounts, "/nowhere"));
    }

    void shouldJudgeLiveness_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<Liveness>("expected");
        QTest::newRow("live") << "" << Liveness::Live;
        QTest::newRow("other boot") << "boot" << Liveness::OtherBoot;
        QTest::newRow("starting") << "starting" << Liveness::Starting;
        QTest::newRow("mount id reused elsewhere") << "mountId" << Liveness::MountGone;
        QTest::newRow("mount point differs") << "mountPoint" << Liveness::MountGone;
        QTest::newRow("supervisor gone") << "supervisor" << Liveness::SupervisorGone;
    }
    void shouldJudgeLiveness()
    {
        QFETCH(QString, change);
        QFETCH(Liveness, expected);
        MirrorEntry entry = liveEntry();
        if (change == QLatin1String("boot")) {
            entry.bootId = QStringLiteral("boot-b");
        } else if (change == QLatin1String("starting")) {
            entry.state = MirrorEntry::State::Starting;
        } else if (change == QLatin1String("mountId")) {
            entry.mountId = 43;
        } else if (change == QLatin1String("mountPoint")) {
            entry.mountPoint = "/home/tester/Mirrors/other";
        } else if (change == QLatin1String("supervisor")) {
            entry.supervisorPid = 0x3fffffff; // no such process
        }
        QCOMPARE(livenessOf(entry, parseMountInfo(mountInfoText), QStringLiteral("boot-a")), expected);
    }

    void shouldMakeUnguessableIds()
    {
        QSet<QString> ids;
        for (int i = 0; i < 1000; ++i) {
            const QString id = newRandomId();
            QVERIFY(isRandomId(id));
            ids.insert(id);
        }
        QCOMPARE(ids.size(), 1000);
    }
};

QTEST_GUILESS_MAIN(RegistryTest)
#include "registrytest.moc"
