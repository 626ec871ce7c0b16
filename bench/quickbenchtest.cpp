// SPDX-License-Identifier: GPL-2.0-or-later
// Runs `passmirror-bench --quick` for real (every variant mounted, every
// figure taken once) and checks what a person reading its JSON relies on:
// every workload for every thread count and variant, positive figures,
// ratios to native and (for metadata) to the floor, a mount latency, and
// every real workload's step on every variant but the floor, with the
// requests it cost read from each mirror's stats file.
// It asserts no speed: figures on a loaded 2-core machine say nothing.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class QuickBenchTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldMeasureEveryVariantAndWriteWellFormedJson()
    {
        QTemporaryDir output;
        QVERIFY(output.isValid());
        const QString jsonPath = output.filePath(u"bench.json"_s);
        // Its own scratch directory, so parallel runs never meet.
        const QString scratch = u"/var/tmp/passmirror-bench-quick-%1"_s.arg(QCoreApplication::applicationPid());

        QProcess bench;
        bench.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        bench.start(QStringLiteral(PASSMIRROR_BENCH_PATH), {u"--quick"_s, u"--json="_s + jsonPath, u"--dir="_s + scratch});
        QVERIFY2(bench.waitForFinished(240000), "passmirror-bench --quick did not finish in 240 s");
        const QByteArray table = bench.readAllStandardOutput();
        QVERIFY2(bench.exitStatus() == QProcess::NormalExit && bench.exitCode() == 0, table.constData());
        QVERIFY2(!QFileInfo::exists(scratch), "the bench left its scratch directory behind");
        QVERIFY2(table.contains("| figure | threads | variant |"), table.constData());
        QVERIFY2(table.contains("| step | variant | min s | median s | max s | x native | requests | per entry |"), table.constData());
        QVERIFY2(table.contains("Requests of the tree steps on mirror-pt-on, per round:"), table.constData());
        QVERIFY2(table.contains("| open-close (ops/s) | 1 | mirror-pt-on ÷ mirror-pt-on-noact |"), table.constData());

        QFile file(jsonPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        const QJsonObject root = document.object();
        QCOMPARE(root.value(u"format"_s).toString(), u"passmirror-bench 1"_s);
        QCOMPARE(root.value(u"quick"_s).toBool(), true);
        QVERIFY(root.value(u"cpus"_s).toInt() >= 1);

        QSet<QString> variants;
        for (const QJsonValue &variant : root.value(u"variants"_s).toArray()) {
            variants.insert(variant.toObject().value(u"name"_s).toString());
            QVERIFY(!variant.toObject().value(u"command"_s).toString().isEmpty());
        }
        for (const QString &required : {u"native"_s, u"mirror-pt-on"_s, u"mirror-pt-on-shared"_s, u"mirror-pt-on-noact"_s, u"mirror-pt-off"_s, u"floor"_s}) {
            QVERIFY2(variants.contains(required), qPrintable(required));
        }
        // A peer that is not installed must be named as skipped, not silently missing.
        QStringList skipped;
        for (const QJsonValue &reason : root.value(u"skipped"_s).toArray()) {
            skipped.append(reason.toString());
        }
        for (const QString &peer : {u"bindfs"_s, u"mergerfs"_s}) {
            QVERIFY2(variants.contains(peer) || skipped.filter(peer + u":"_s).size() == 1, qPrintable(peer));
        }

        const QStringList workloads = {u"seq-read-cold"_s,
                                       u"seq-read-warm"_s,
                                       u"seq-write-fsync"_s,
                                       u"rand-read-4k"_s,
                                       u"rand-write-4k"_s,
                                       u"open-close"_s,
                                       u"stat"_s,
                                       u"create-close-unlink"_s,
                                       u"readdir"_s,
                                       u"rename"_s};
        const QStringList metadata = {u"open-close"_s, u"stat"_s, u"create-close-unlink"_s, u"readdir"_s, u"rename"_s};
        QSet<QString> seen;
        for (const QJsonValue &value : root.value(u"figures"_s).toArray()) {
            const QJsonObject figure = value.toObject();
            const QString workload = figure.value(u"workload"_s).toString();
            const QString variant = figure.value(u"variant"_s).toString();
            const int threads = figure.value(u"threads"_s).toInt();
            const QString key = workload + u'/' + QString::number(threads) + u'/' + variant;
            QVERIFY2(workloads.contains(workload), qPrintable(key));
            QVERIFY2(variants.contains(variant), qPrintable(key));
            QCOMPARE(figure.value(u"samples"_s).toArray().size(), 1);
            const double minimum = figure.value(u"min"_s).toDouble();
            const double median = figure.value(u"median"_s).toDouble();
            const double maximum = figure.value(u"max"_s).toDouble();
            QVERIFY2(minimum > 0 && minimum <= median && median <= maximum, qPrintable(key));
            QVERIFY2(figure.value(u"ratio_to_native"_s).toDouble() > 0, qPrintable(key));
            QCOMPARE(figure.value(u"ratio_to_floor"_s).isNull(), !metadata.contains(workload));
            seen.insert(key);
        }
        for (const QString &workload : workloads) {
            for (const int threads : {1, 8}) {
                for (const QString &variant : variants) {
                    const QString key = workload + u'/' + QString::number(threads) + u'/' + variant;
                    QVERIFY2(seen.contains(key), qPrintable(u"missing "_s + key));
                }
            }
        }

        const QStringList steps =
            {u"tar-x"_s, u"rsync-copy"_s, u"rsync-sync-back"_s, u"rsync-dry-run"_s, u"tree"_s, u"find-stat"_s, u"git-clone"_s, u"git-status"_s, u"make"_s};
        QSet<QString> realSeen;
        for (const QJsonValue &value : root.value(u"real"_s).toArray()) {
            const QJsonObject row = value.toObject();
            const QString step = row.value(u"step"_s).toString();
            const QString variant = row.value(u"variant"_s).toString();
            const QString key = step + u'/' + variant;
            QVERIFY2(steps.contains(step), qPrintable(key));
            QVERIFY2(variants.contains(variant) && variant != u"floor"_s, qPrintable(key));
            QVERIFY2(row.value(u"entries"_s).toInt() > 0, qPrintable(key));
            const QJsonArray seconds = row.value(u"seconds"_s).toArray();
            QCOMPARE(seconds.size(), 1);
            QVERIFY2(seconds.at(0).toDouble() > 0, qPrintable(key));
            QVERIFY2(row.value(u"ratio_to_native"_s).toDouble() > 0, qPrintable(key));
            // A mirror says what each step cost it; the others cannot.
            const QJsonArray requests = row.value(u"requests"_s).toArray();
            if (variant.startsWith(u"mirror-"_s)) {
                QCOMPARE(requests.size(), 1);
                QVERIFY2(requests.at(0).toInteger() > 0, qPrintable(key));
            } else {
                QVERIFY2(requests.isEmpty(), qPrintable(key));
            }
            realSeen.insert(key);
        }
        for (const QString &step : steps) {
            for (const QString &variant : variants) {
                if (variant != u"floor"_s) {
                    QVERIFY2(realSeen.contains(step + u'/' + variant), qPrintable(u"missing real "_s + step + u'/' + variant));
                }
            }
        }

        const QJsonObject latency = root.value(u"mount_latency"_s).toObject();
        QCOMPARE(latency.value(u"warm_ms"_s).toArray().size(), 2);
        QVERIFY(latency.value(u"warm_median_ms"_s).toDouble() > 0);
        QVERIFY(latency.value(u"cold_ms"_s).toDouble() > 0);
    }
};

QTEST_GUILESS_MAIN(QuickBenchTest)
#include "quickbenchtest.moc"
