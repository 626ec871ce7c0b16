// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrorctl metrics on a real mirror: mounted through the real helper
// on the private system bus (as tests/helper does), files opened through
// it, the text checked by Prometheus' promtool and its counters against
// `passmirrorctl stats --json`; then the same over HTTP, scraped as
// Prometheus would, until SIGTERM ends it. Runs as root to set the scene;
// every passmirrorctl runs as a test user.
#include "bustestsupport.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <grp.h>
#include <unistd.h>

using namespace BusTest;

namespace
{

constexpr uid_t Tester = 1000;

// The value of the one sample of `family` for mirror `id` whose line also contains `with`.
std::optional<qint64> sampleOf(const QByteArray &text, const QByteArray &family, const QString &id, const QByteArray &with = {})
{
    const QByteArray mirror = "mirror=\"" + id.toLatin1() + '"';
    std::optional<qint64> found;
    for (const QByteArray &line : text.split('\n')) {
        if (line.startsWith(QByteArray(family + '{')) && line.contains(mirror) && line.contains(with)) {
            if (found) {
                return std::nullopt; // not one
            }
            bool ok = false;
            found = line.mid(line.lastIndexOf(' ') + 1).toLongLong(&ok);
            if (!ok) {
                return std::nullopt;
            }
        }
    }
    return found;
}

const QByteArray OpenLabel = QByteArrayLiteral("operation=\"open\"");

} // namespace

class MetricsTest : public QObject
{
    Q_OBJECT

    QString m_ctl;
    QString m_promtool;
    QTemporaryDir m_base{QStringLiteral("/tmp/metricstest-XXXXXX")};
    QString m_source;
    // Every character the text format escapes, and a space: the helper takes them.
    QString m_mountPoint;
    QByteArray m_mountPointLabel; // as it must appear, escaped

    Run promtool(const QByteArray &text)
    {
        QProcess process;
        process.start(m_promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
        process.write(text);
        process.closeWriteChannel();
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
        }
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(), process.readAllStandardError()};
    }

    // `passmirrorctl metrics` as `user`, checked by promtool.
    QByteArray metricsAs(const QString &user)
    {
        const Run run = runAs(user, m_ctl, {QStringLiteral("metrics")});
        if (run.exitCode != 0 || !run.err.isEmpty()) {
            qWarning("passmirrorctl metrics as %s: exit %d: %s", qPrintable(user), run.exitCode, run.err.constData());
            return {};
        }
        const Run checked = promtool(run.out);
        if (checked.exitCode != 0) {
            qWarning("promtool check metrics: exit %d: %s%s", checked.exitCode, checked.out.constData(), checked.err.constData());
            return {};
        }
        return run.out;
    }

    // Mounts the mirror as tester; its registry id.
    QString mountMirror()
    {
        const Run mounted = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), m_source, m_mountPoint});
        if (mounted.exitCode != 0 || !mirrorAt(m_mountPoint)) {
            qWarning("mount failed: %s", mounted.err.constData());
            return {};
        }
        const QJsonArray mirrors =
            json(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("list"), QStringLiteral("--json")}).out).value(QStringLiteral("mirrors")).toArray();
        return mirrors.size() == 1 ? mirrors[0].toObject().value(QStringLiteral("id")).toString() : QString();
    }

    // Opens the file in the mirror `count` times, as tester.
    bool openFile(int count)
    {
        const Run run = runAs(QStringLiteral("tester"),
                              QStringLiteral("/bin/sh"),
                              {QStringLiteral("-c"),
                               QStringLiteral("i=0; while [ $i -lt %1 ]; do cat \"$1\" >/dev/null || exit 1; i=$((i + 1)); done").arg(count),
                               QStringLiteral("sh"),
                               m_mountPoint + QStringLiteral("/hello.txt")});
        return run.exitCode == 0;
    }

    qint64 opensInStats()
    {
        const Run stats = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("stats"), m_mountPoint, QStringLiteral("--json")});
        return json(stats.out)
            .value(QStringLiteral("operations"))
            .toObject()
            .value(QStringLiteral("open"))
            .toObject()
            .value(QStringLiteral("requests"))
            .toInteger(-1);
    }

    struct Fetched {
        int status = 0;
        QByteArray contentType;
        QByteArray body;
    };
    Fetched fetch(QNetworkAccessManager &network, const QUrl &url, const QByteArray &verb = "GET")
    {
        QNetworkRequest request(url);
        std::unique_ptr<QNetworkReply> reply(network.sendCustomRequest(request, verb));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(10000)) {
            return {};
        }
        return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->rawHeader("Content-Type"), reply->readAll()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root inside ./dev (it sets up folders for the test users)");
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SYSTEM_BUS_ADDRESS"), "needs the desktop-services fixture");
        m_ctl = QString::fromLocal8Bit(qgetenv("PASSMIRRORCTL"));
        QVERIFY(QFile::exists(m_ctl));
        m_promtool = QStandardPaths::findExecutable(QStringLiteral("promtool"));
        QVERIFY2(!m_promtool.isEmpty(), "promtool is needed (Debian: prometheus, in tools/devroot/packages.txt)");
        QVERIFY(m_base.isValid());
        const QString b = m_base.path();
        QVERIFY(::chmod(QFile::encodeName(b).constData(), 0755) == 0);
        m_source = b + QStringLiteral("/src");
        makeDir(m_source, Tester);
        writeFile(m_source + QStringLiteral("/hello.txt"), "hello\n", Tester);
        // A quote and a backslash, which label values escape. A newline
        // (the third) cannot be in a mount point: the path rules refuse
        // control characters, so no label of passmirrorctl carries one;
        // its escape is cli.metricsformat's.
        m_mountPoint = b + QStringLiteral("/my \"mirror\" \\ here");
        m_mountPointLabel = QFile::encodeName(b) + "/my \\\"mirror\\\" \\\\ here";
        makeDir(m_mountPoint, Tester);
        const QString withNewline = b + QStringLiteral("/my mirror\nline two");
        makeDir(withNewline, Tester);
        const Run refused = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), m_source, withNewline});
        QVERIFY2(refused.exitCode == 23 && !mirrorAt(withNewline), refused.err.constData());
    }

    void cleanup()
    {
        runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all"), QStringLiteral("--force")});
        QVERIFY(!mirrorAt(m_mountPoint));
    }

    // What a person checks after `passmirrorctl metrics`: promtool takes
    // it, the open counter moved by the opens made and says what `stats`
    // says, the awkward mount point is escaped, and only the caller's
    // mirrors are in it (everyone's for root).
    void shouldPrintTheCountersOfTheCallersMirrors()
    {
        const QString id = mountMirror();
        QVERIFY(!id.isEmpty());
        const QByteArray before = metricsAs(QStringLiteral("tester"));
        QVERIFY(!before.isEmpty());
        const auto opensBefore = sampleOf(before, "passmirror_requests_total", id, OpenLabel);
        QVERIFY2(opensBefore, before.constData());

        constexpr int Opens = 7;
        QVERIFY(openFile(Opens));
        const QByteArray after = metricsAs(QStringLiteral("tester"));
        QVERIFY(!after.isEmpty());
        const auto opensAfter = sampleOf(after, "passmirror_requests_total", id, OpenLabel);
        QVERIFY2(opensAfter, after.constData());
        QCOMPARE(*opensAfter - *opensBefore, qint64(Opens));
        QCOMPARE(*opensAfter, opensInStats());

        QCOMPARE(sampleOf(after, "passmirror_up", id), std::optional<qint64>(1));
        QCOMPARE(sampleOf(after, "passmirror_state", id, "state=\"mounted\""), std::optional<qint64>(1));
        QCOMPARE(sampleOf(after, "passmirror_mirror_info", id, "owner_uid=\"1000\""), std::optional<qint64>(1));
        QVERIFY2(after.contains(QByteArray("mountpoint=\"" + m_mountPointLabel + "\",operation=\"open\"} " + QByteArray::number(*opensAfter) + '\n')),
                 after.constData());
        QVERIFY(after.contains(QByteArray("source=\"" + QFile::encodeName(m_source) + '"')));

        // tester2 has no mirror: nothing but HELP and TYPE lines, still valid.
        const QByteArray others = metricsAs(QStringLiteral("tester2"));
        QVERIFY(!others.isEmpty());
        for (const QByteArray &line : others.trimmed().split('\n')) {
            QVERIFY2(line.startsWith("# HELP ") || line.startsWith("# TYPE "), line.constData());
        }
        // Root sees every mirror.
        const QByteArray roots = metricsAs(QStringLiteral("root"));
        const auto rootSees = sampleOf(roots, "passmirror_requests_total", id, OpenLabel);
        QVERIFY2(rootSees && *rootSees >= *opensAfter, roots.constData());
    }

    // --listen: each scrape samples afresh, HTTP as Prometheus expects it,
    // and SIGTERM ends it with status 0.
    void shouldServeFreshCountersUntilTerminated()
    {
        const QString id = mountMirror();
        QVERIFY(!id.isEmpty());
        QProcess exporter;
        exporter.setChildProcessModifier([&exporter]() {
            if (::setgroups(0, nullptr) != 0 || ::setgid(Tester) != 0 || ::setuid(Tester) != 0) {
                exporter.failChildProcessModifier("cannot become tester", errno);
            }
        });
        exporter.start(m_ctl, {QStringLiteral("metrics"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
        QVERIFY(exporter.waitForStarted());
        auto stop = qScopeGuard([&exporter]() {
            exporter.kill();
            exporter.waitForFinished();
        });
        QByteArray said;
        const QRegularExpression serving(QStringLiteral("serving the metrics at (http://127\\.0\\.0\\.1:(\\d+)/metrics)\n"));
        QRegularExpressionMatch match;
        for (int i = 0; i < 100 && !(match = serving.match(QString::fromUtf8(said))).hasMatch(); ++i) {
            exporter.waitForReadyRead(100);
            said += exporter.readAllStandardError();
        }
        QVERIFY2(match.hasMatch(), said.constData());
        const QUrl url(match.captured(1));
        QVERIFY(url.port() > 0);

        QNetworkAccessManager network;
        network.setProxy(QNetworkProxy::NoProxy);
        const Fetched first = fetch(network, url);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.contentType, QByteArray("text/plain; version=0.0.4; charset=utf-8"));
        const Run checked = promtool(first.body);
        QVERIFY2(checked.exitCode == 0, QByteArray(checked.out + checked.err).constData());
        const auto opensFirst = sampleOf(first.body, "passmirror_requests_total", id, OpenLabel);
        QVERIFY2(opensFirst, first.body.constData());

        constexpr int Opens = 5;
        QVERIFY(openFile(Opens));
        const Fetched second = fetch(network, url);
        QCOMPARE(second.status, 200);
        QCOMPARE(sampleOf(second.body, "passmirror_requests_total", id, OpenLabel), std::optional<qint64>(*opensFirst + Opens));

        QUrl other = url;
        other.setPath(QStringLiteral("/other"));
        QCOMPARE(fetch(network, other).status, 404);
        QCOMPARE(fetch(network, url, "POST").status, 405);

        QCOMPARE(exporter.state(), QProcess::Running);
        QVERIFY(::kill(static_cast<pid_t>(exporter.processId()), SIGTERM) == 0);
        QVERIFY(exporter.waitForFinished(5000));
        stop.dismiss();
        QCOMPARE(exporter.exitStatus(), QProcess::NormalExit);
        QCOMPARE(exporter.exitCode(), 0);
        said += exporter.readAllStandardError();
        QVERIFY2(QString::fromUtf8(said).count(QLatin1Char('\n')) == 1, said.constData()); // the address, nothing else

        // Gone with it: nobody listens there any more.
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(url.port()));
        QVERIFY(!socket.waitForConnected(2000));
        QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
    }
};

QTEST_GUILESS_MAIN(MetricsTest)
#include "metricstest.moc"
