// SPDX-License-Identifier: GPL-2.0-or-later
// base's mount records (mountrecord.h): a record reads back as written; a
// cut or doubled one is no record. The stats path is the one free-text line;
// should a newline ever get into it (passmirrord's path rules refuse one),
// the line after it must not pass for one of the record's own.
#include "mountrecord.h"

#include <QTest>

using namespace PassMirror;

namespace
{
MountRecord sample()
{
    MountRecord record;
    record.uniqueMountId = 0x100000000001;
    record.mountId = 136;
    record.ownerUid = 1000;
    record.supervisorPid = 119;
    record.supervisorStart = 4242;
    record.serverPid = 120;
    record.serverStart = 4243;
    record.statsPath = "/run/passmirror/stats/2fc06ec8603b1c07a32a7ae9480888db.stats";
    return record;
}
} // namespace

class MountRecordTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldReadBackWhatItWrote()
    {
        const MountRecord record = sample();
        QCOMPARE(parseMountRecord(formatMountRecord(record)), std::optional<MountRecord>(record));
        MountRecord spaced = record;
        spaced.statsPath = "/run/pass mirror/stats/a b.stats";
        QCOMPARE(parseMountRecord(formatMountRecord(spaced)), std::optional<MountRecord>(spaced));
    }

    void shouldRefuseWhatIsNotOneOfItsRecords_data()
    {
        QTest::addColumn<QByteArray>("text");
        const QByteArray whole = QByteArray::fromStdString(formatMountRecord(sample()));
        QTest::newRow("cut") << whole.chopped(1);
        QTest::newRow("a line missing") << QByteArray(whole).replace("mount-id 136\n", "");
        QTest::newRow("another owner after the stats path") << QByteArray(whole + "owner-uid 0\n");
        QTest::newRow("a key twice") << QByteArray(whole).replace("server-pid 120\n", "server-pid 120\nserver-pid 1\n");
        MountRecord forged = sample();
        forged.statsPath += "\nowner-uid 0";
        QTest::newRow("a newline in the stats path") << QByteArray::fromStdString(formatMountRecord(forged));
    }
    void shouldRefuseWhatIsNotOneOfItsRecords()
    {
        QFETCH(QByteArray, text);
        QVERIFY(!parseMountRecord(std::string_view(text.constData(), static_cast<std::size_t>(text.size()))).has_value());
    }
};

QTEST_GUILESS_MAIN(MountRecordTest)
#include "mountrecordtest.moc"
