// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrorctl metrics' text on its own: every field of a stats snapshot
// under its name, HELP and TYPE once per family, label values escaped as
// the format says, and Prometheus' own promtool accepting the result.
#include "metricsformat.h"

#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace PassMirror;
using namespace PassMirror::Ctl;

using Change = void (*)(Stats::Snapshot &);
Q_DECLARE_METATYPE(Change)

namespace
{

Stats::Snapshot readable()
{
    Stats::Snapshot snapshot;
    snapshot.valid = true;
    snapshot.headerSize = sizeof(Stats::Layout);
    snapshot.operationCount = Stats::OperationCount;
    return snapshot;
}

Metrics::Mirror mirror(const QByteArray &mountPoint = QByteArrayLiteral("/home/ann/m"), Stats::Snapshot snapshot = readable())
{
    return {QStringLiteral("0123456789abcdef0123456789abcdef"), mountPoint, QByteArrayLiteral("/home/ann/src"), snapshot};
}

// The sample lines of `family` in `text`.
QList<QByteArray> samplesOf(const QByteArray &text, const QByteArray &family)
{
    QList<QByteArray> found;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(family + '{')) || line.startsWith(QByteArray(family + ' '))) {
            found.append(line);
        }
    }
    return found;
}

struct Checked {
    int exitCode = -1;
    QByteArray output;
};

Checked promtool(const QByteArray &text)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(QStandardPaths::findExecutable(QStringLiteral("promtool")), {QStringLiteral("check"), QStringLiteral("metrics")});
    process.write(text);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll()};
}

} // namespace

class MetricsFormatTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty(),
                 "promtool is needed to check the text (Debian: prometheus, in tools/devroot/packages.txt)");
    }

    void shouldEscapeLabelValues_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QByteArray>("escaped");
        QTest::newRow("plain") << QByteArray("/home/ann/m") << QByteArray("/home/ann/m");
        QTest::newRow("space") << QByteArray("/home/ann/my mirror") << QByteArray("/home/ann/my mirror");
        QTest::newRow("double quote") << QByteArray("/a\"b") << QByteArray("/a\\\"b");
        QTest::newRow("backslash") << QByteArray("/a\\b") << QByteArray("/a\\\\b");
        QTest::newRow("line feed") << QByteArray("/a\nb") << QByteArray("/a\\nb");
        QTest::newRow("all three") << QByteArray("\\\"\n") << QByteArray("\\\\\\\"\\n");
        QTest::newRow("escape-like text") << QByteArray("/a\\n") << QByteArray("/a\\\\n");
        QTest::newRow("tab and carriage return stay") << QByteArray("/a\tb\rc") << QByteArray("/a\tb\rc");
        QTest::newRow("UTF-8 stays") << QByteArray("/home/ann/M\xc3\xbcsik") << QByteArray("/home/ann/M\xc3\xbcsik");
        QTest::newRow("not UTF-8") << QByteArray("/caf\xe9") << QByteArray("/caf\xef\xbf\xbd");
    }
    void shouldEscapeLabelValues()
    {
        QFETCH(QByteArray, value);
        QFETCH(QByteArray, escaped);
        QCOMPARE(Metrics::escapeLabelValue(value), escaped);
    }

    void shouldEscapeHelp()
    {
        QCOMPARE(Metrics::escapeHelp("a \\ b\nc \"d\""), QByteArray("a \\\\ b\\nc \"d\""));
    }

    // Grows with Stats::Snapshot: a new field needs its row in the table of
    // cli/metricsformat.cpp and its row in shouldExportEveryField below.
    void shouldKnowEveryFieldOfTheSnapshot()
    {
        QVERIFY2(sizeof(Stats::Snapshot) == 840,
                 qPrintable(QStringLiteral("Stats::Snapshot is %1 bytes now: export its new field (cli/metricsformat.cpp), "
                                           "add its row to shouldExportEveryField, then update this size")
                                .arg(sizeof(Stats::Snapshot))));
    }

    // Each field on its own, changed from a plain readable snapshot, shows in
    // its family, in a line that the plain snapshot does not give.
    void shouldExportEveryField_data()
    {
        QTest::addColumn<Change>("change");
        QTest::addColumn<QByteArray>("family");
        QTest::addColumn<QByteArray>("contains");
        using namespace Stats;
        // clang-format off
        QTest::newRow("valid") << Change([](Snapshot &s) { s.valid = false; }) << QByteArray("passmirror_up") << QByteArray("} 0");
        QTest::newRow("headerSize") << Change([](Snapshot &s) { s.headerSize = 1234; }) << QByteArray("passmirror_mirror_info") << QByteArray("stats_header_size=\"1234\"");
        QTest::newRow("operationCount") << Change([](Snapshot &s) { s.operationCount = 44; }) << QByteArray("passmirror_mirror_info") << QByteArray("stats_operations=\"44\"");
        QTest::newRow("daemonPid") << Change([](Snapshot &s) { s.daemonPid = 31337; }) << QByteArray("passmirror_mirror_info") << QByteArray("daemon_pid=\"31337\"");
        QTest::newRow("supervisorPid") << Change([](Snapshot &s) { s.supervisorPid = 31336; }) << QByteArray("passmirror_mirror_info") << QByteArray("supervisor_pid=\"31336\"");
        QTest::newRow("startTimeUnixNs") << Change([](Snapshot &s) { s.startTimeUnixNs = 1764775456250000000ull; }) << QByteArray("passmirror_start_time_seconds") << QByteArray("} 1764775456.25");
        QTest::newRow("ownerUid") << Change([](Snapshot &s) { s.ownerUid = 4242; }) << QByteArray("passmirror_mirror_info") << QByteArray("owner_uid=\"4242\"");
        QTest::newRow("flags shared") << Change([](Snapshot &s) { s.flags = FlagShared; }) << QByteArray("passmirror_mirror_info") << QByteArray("shared=\"true\"");
        QTest::newRow("flags read-only") << Change([](Snapshot &s) { s.flags = FlagReadOnly; }) << QByteArray("passmirror_mirror_info") << QByteArray("read_only=\"true\"");
        QTest::newRow("requestedPassthrough") << Change([](Snapshot &s) { s.requestedPassthrough = PassthroughMode::Off; }) << QByteArray("passmirror_passthrough_requested") << QByteArray("mode=\"off\"} 1");
        QTest::newRow("state") << Change([](Snapshot &s) { s.state = DaemonState::Died; }) << QByteArray("passmirror_state") << QByteArray("state=\"died\"} 1");
        QTest::newRow("transport") << Change([](Snapshot &s) { s.transport = Transport::IoUring; }) << QByteArray("passmirror_transport") << QByteArray("transport=\"io-uring\"} 1");
        QTest::newRow("passthroughAvailable") << Change([](Snapshot &s) { s.passthroughAvailable = true; }) << QByteArray("passmirror_passthrough_available") << QByteArray("} 1");
        QTest::newRow("sourceWatch") << Change([](Snapshot &s) { s.sourceWatch = SourceWatchState::Failed; }) << QByteArray("passmirror_source_watch") << QByteArray("state=\"failed\"} 1");
        QTest::newRow("bytesRead") << Change([](Snapshot &s) { s.bytesRead = 18446744073709551615u; }) << QByteArray("passmirror_read_bytes_total") << QByteArray("} 18446744073709551615");
        QTest::newRow("bytesWritten") << Change([](Snapshot &s) { s.bytesWritten = 1002; }) << QByteArray("passmirror_written_bytes_total") << QByteArray("} 1002");
        QTest::newRow("openFiles") << Change([](Snapshot &s) { s.openFiles = 1003; }) << QByteArray("passmirror_open_files") << QByteArray("} 1003");
        QTest::newRow("openDirectories") << Change([](Snapshot &s) { s.openDirectories = 1004; }) << QByteArray("passmirror_open_directories") << QByteArray("} 1004");
        QTest::newRow("passthroughOpens") << Change([](Snapshot &s) { s.passthroughOpens = 1005; }) << QByteArray("passmirror_passthrough_opens_total") << QByteArray("} 1005");
        QTest::newRow("userspaceOpens") << Change([](Snapshot &s) { s.userspaceOpens = 1006; }) << QByteArray("passmirror_userspace_opens_total") << QByteArray("} 1006");
        QTest::newRow("passthroughFallbacks") << Change([](Snapshot &s) { s.passthroughFallbacks = 1007; }) << QByteArray("passmirror_passthrough_fallbacks_total") << QByteArray("} 1007");
        QTest::newRow("inodesKnown") << Change([](Snapshot &s) { s.inodesKnown = 1008; }) << QByteArray("passmirror_inodes_known") << QByteArray("} 1008");
        QTest::newRow("inodeFdsHeld") << Change([](Snapshot &s) { s.inodeFdsHeld = 1009; }) << QByteArray("passmirror_inode_fds_held") << QByteArray("} 1009");
        QTest::newRow("inodesWatched") << Change([](Snapshot &s) { s.inodesWatched = 1010; }) << QByteArray("passmirror_inodes_watched") << QByteArray("} 1010");
        QTest::newRow("sourceInvalidations") << Change([](Snapshot &s) { s.sourceInvalidations = 1011; }) << QByteArray("passmirror_source_invalidations_total") << QByteArray("} 1011");
        QTest::newRow("sourceOverflows") << Change([](Snapshot &s) { s.sourceOverflows = 1012; }) << QByteArray("passmirror_source_overflows_total") << QByteArray("} 1012");
        QTest::newRow("requests (open)") << Change([](Snapshot &s) { s.requests[std::size_t(Operation::Open)] = 1013; }) << QByteArray("passmirror_requests_total") << QByteArray("operation=\"open\"} 1013");
        QTest::newRow("errors (open)") << Change([](Snapshot &s) { s.errors[std::size_t(Operation::Open)] = 1014; }) << QByteArray("passmirror_request_errors_total") << QByteArray("operation=\"open\"} 1014");
        // clang-format on
    }
    void shouldExportEveryField()
    {
        QFETCH(Change, change);
        QFETCH(QByteArray, family);
        QFETCH(QByteArray, contains);
        const QByteArray plain = Metrics::render({mirror()});
        Stats::Snapshot changed = readable();
        change(changed);
        const QByteArray text = Metrics::render({mirror("/home/ann/m", changed)});
        auto has = [&contains](const QList<QByteArray> &lines) {
            return std::ranges::any_of(lines, [&contains](const QByteArray &line) {
                return line.contains("{mirror=\"0123456789abcdef0123456789abcdef\",mountpoint=\"/home/ann/m\"") && line.contains(contains);
            });
        };
        QVERIFY2(!has(samplesOf(plain, family)), plain.constData());
        QVERIFY2(has(samplesOf(text, family)), text.constData());
    }

    // Every operation, by its name in Stats::OperationNames, in both families.
    void shouldExportEveryOperation()
    {
        Stats::Snapshot snapshot = readable();
        for (std::size_t i = 0; i < Stats::OperationCount; ++i) {
            snapshot.requests[i] = 1000 + i;
            snapshot.errors[i] = 2000 + i;
        }
        const QByteArray text = Metrics::render({mirror("/m", snapshot)});
        const QList<QByteArray> requests = samplesOf(text, "passmirror_requests_total");
        const QList<QByteArray> errors = samplesOf(text, "passmirror_request_errors_total");
        QCOMPARE(requests.size(), qsizetype(Stats::OperationCount));
        QCOMPARE(errors.size(), qsizetype(Stats::OperationCount));
        for (std::size_t i = 0; i < Stats::OperationCount; ++i) {
            const QByteArray name(Stats::OperationNames[i].data(), qsizetype(Stats::OperationNames[i].size()));
            const QByteArray labels = "{mirror=\"0123456789abcdef0123456789abcdef\",mountpoint=\"/m\",operation=\"" + name + "\"} ";
            QVERIFY2(requests.contains(QByteArray("passmirror_requests_total" + labels + QByteArray::number(1000 + qulonglong(i)))), name.constData());
            QVERIFY2(errors.contains(QByteArray("passmirror_request_errors_total" + labels + QByteArray::number(2000 + qulonglong(i)))), name.constData());
        }
    }

    // HELP, then TYPE, then every sample of the family, once per family in
    // the table's order; counters end in _total and gauges do not; no series
    // twice; a mirror whose counters cannot be read only says so.
    void shouldWriteEachFamilyOnceWithItsSamples()
    {
        Stats::Snapshot unreadable;
        const QList<Metrics::Mirror> mirrors{mirror("/home/ann/a"),
                                             mirror("/home/ann/b"),
                                             {QStringLiteral("fedcba9876543210fedcba9876543210"), "/home/ann/c", "/home/ann/src", unreadable}};
        const QByteArray text = Metrics::render(mirrors);
        QVERIFY(text.endsWith('\n'));
        const QList<QByteArray> lines = text.chopped(1).split('\n');
        qsizetype at = 0;
        QSet<QByteArray> series;
        for (const Metrics::Family &family : Metrics::families()) {
            const QByteArray name(family.name.data(), qsizetype(family.name.size()));
            QCOMPARE(name.endsWith("_total"), family.type == Metrics::Type::Counter);
            QVERIFY2(at + 1 < lines.size(), name.constData());
            QVERIFY2(lines[at++].startsWith(QByteArray("# HELP " + name + ' ')), name.constData());
            QCOMPARE(lines[at++], QByteArray("# TYPE " + name + (family.type == Metrics::Type::Counter ? " counter" : " gauge")));
            QSet<QByteArray> mountPoints;
            for (; at < lines.size() && !lines[at].startsWith('#'); ++at) {
                const QByteArray &line = lines[at];
                QVERIFY2(line.startsWith(QByteArray(name + '{')), line.constData());
                const QByteArray key = line.left(line.lastIndexOf(' '));
                QVERIFY2(!series.contains(key), line.constData());
                series.insert(key);
                mountPoints.insert(line.mid(line.indexOf("mountpoint=\"") + 12).split('"').first());
                if (line.contains("/home/ann/c")) {
                    QCOMPARE(line, QByteArray("passmirror_up{mirror=\"fedcba9876543210fedcba9876543210\",mountpoint=\"/home/ann/c\"} 0"));
                }
            }
            QSet<QByteArray> expected{"/home/ann/a", "/home/ann/b"};
            if (family.evenUnreadable) {
                expected.insert("/home/ann/c");
            }
            QCOMPARE(mountPoints, expected);
        }
        QCOMPARE(at, lines.size());
    }

    void shouldWriteOnlyHelpAndTypeWithoutMirrors()
    {
        const QByteArray text = Metrics::render({});
        const QList<QByteArray> lines = text.chopped(1).split('\n');
        QCOMPARE(lines.size(), 2 * qsizetype(Metrics::families().size()));
        for (const QByteArray &line : lines) {
            QVERIFY2(line.startsWith("# HELP ") || line.startsWith("# TYPE "), line.constData());
        }
        const Checked checked = promtool(text);
        QVERIFY2(checked.exitCode == 0, checked.output.constData());
    }

    // promtool parses and lints the text as Prometheus would, mount points
    // with every character the format escapes included. It does refuse a
    // quote left unescaped, so its yes means something.
    void shouldPassPromtool()
    {
        Stats::Snapshot busy = readable();
        busy.state = Stats::DaemonState::Mounted;
        busy.startTimeUnixNs = 1764775456123456789ull;
        busy.requests[std::size_t(Stats::Operation::Open)] = 7;
        const QList<Metrics::Mirror> mirrors{
            mirror("/home/ann/my \"quoted\" mirror", busy),
            mirror("/home/ann/back\\slash\nnew line", busy),
            mirror("/home/ann/caf\xe9", busy),
            {QStringLiteral("fedcba9876543210fedcba9876543210"), "/home/ann/gone", "/src \"x\"", Stats::Snapshot{}},
        };
        const QByteArray text = Metrics::render(mirrors);
        const Checked checked = promtool(text);
        QVERIFY2(checked.exitCode == 0, checked.output.constData());
        QVERIFY(text.contains("mountpoint=\"/home/ann/my \\\"quoted\\\" mirror\",operation=\"open\"} 7"));
        QVERIFY(text.contains("mountpoint=\"/home/ann/back\\\\slash\\nnew line\",operation=\"open\"} 7"));

        const Checked broken = promtool("# TYPE x gauge\nx{mountpoint=\"/a\"b\"} 1\n");
        QVERIFY2(broken.exitCode != 0, broken.output.constData());
    }
};

QTEST_GUILESS_MAIN(MetricsFormatTest)
#include "metricsformattest.moc"
