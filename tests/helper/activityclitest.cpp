// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrorctl activity and top on a mirror mounted through the real helper
// (private system bus, real polkitd), run as the test users the way a person
// runs them: N opens by a known process are N lines with its pid, name and
// path, in text and JSON; the filters narrow them; --follow prints what
// happens from then on and ends with the mirror; top names the busiest
// process and file; another user reads nothing.
#include "bustestsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace BusTest;

namespace
{

constexpr int OpenCount = 50;

// A shell that opens `file` `count` times itself (exec 3<: no child
// process) and prints its own pid.
QStringList openingShell(const QString &file, int count)
{
    return {QStringLiteral("-c"), QStringLiteral("i=0; while [ $i -lt %1 ]; do exec 3< \"$0\"; exec 3<&-; i=$((i+1)); done; echo $$").arg(count), file};
}

QList<QJsonObject> jsonLines(const QByteArray &output)
{
    QList<QJsonObject> objects;
    for (const QByteArray &line : output.split('\n')) {
        if (!line.trimmed().isEmpty()) {
            objects.append(QJsonDocument::fromJson(line).object());
        }
    }
    return objects;
}

} // namespace

class ActivityCliTest : public QObject
{
    Q_OBJECT

    QString m_ctl;
    QTemporaryDir m_base{QStringLiteral("/tmp/activitycli-XXXXXX")};
    QString m_mnt;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(geteuid() == 0, "runs as root inside ./dev (it sets up folders for the test users)");
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SYSTEM_BUS_ADDRESS"), "needs the desktop-services fixture");
        m_ctl = QString::fromLocal8Bit(qgetenv("PASSMIRRORCTL"));
        QVERIFY(QFile::exists(m_ctl));
        QVERIFY(m_base.isValid());
        const QString b = m_base.path();
        QVERIFY(::chmod(QFile::encodeName(b).constData(), 0755) == 0);
        makeDir(b + QStringLiteral("/src"), 1000);
        writeFile(b + QStringLiteral("/src/hello.txt"), "hello\n", 1000);
        makeDir(b + QStringLiteral("/mnt"), 1000);
        m_mnt = b + QStringLiteral("/mnt");
        const Run mounted = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/src"), m_mnt});
        QVERIFY2(mounted.exitCode == 0, mounted.err.constData());
    }

    void cleanupTestCase()
    {
        runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), QStringLiteral("--all"), QStringLiteral("--force")});
        QVERIFY(!mirrorAt(m_mnt));
    }

    void shouldListEveryOpenOfAKnownProcess()
    {
        const Run shell = runAs(QStringLiteral("tester"), QStringLiteral("/bin/sh"), openingShell(m_mnt + QStringLiteral("/hello.txt"), OpenCount));
        QVERIFY2(shell.exitCode == 0, shell.err.constData());
        const QString pid = QString::fromLatin1(shell.out.trimmed());
        QTest::qWait(300); // the last releases come after close(2) returned

        const Run json = runAs(QStringLiteral("tester"),
                               m_ctl,
                               {QStringLiteral("activity"), m_mnt, QStringLiteral("--json"), QStringLiteral("--pid=") + pid, QStringLiteral("--op=open")});
        QVERIFY2(json.exitCode == 0, json.err.constData());
        const QList<QJsonObject> opens = jsonLines(json.out);
        QCOMPARE(opens.size(), OpenCount);
        for (const QJsonObject &open : opens) {
            QCOMPARE(open.value(QStringLiteral("pid")).toInt(), pid.toInt());
            QCOMPARE(open.value(QStringLiteral("command")).toString(), QStringLiteral("sh"));
            QCOMPARE(open.value(QStringLiteral("uid")).toInt(), 1000);
            QCOMPARE(open.value(QStringLiteral("operation")).toString(), QStringLiteral("open"));
            QCOMPARE(open.value(QStringLiteral("path")).toString(), QStringLiteral("/hello.txt"));
            QCOMPARE(open.value(QStringLiteral("error")).toInt(), 0);
        }

        // The text form, one line per operation; the closes too.
        const Run text = runAs(QStringLiteral("tester"),
                               m_ctl,
                               {QStringLiteral("activity"), m_mnt, QStringLiteral("--pid=") + pid, QStringLiteral("--op=open,flush,release")});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        const QList<QByteArray> lines = text.out.trimmed().split('\n');
        const auto count = [&](const char *operation) {
            const QByteArray expected = "sh[" + pid.toLatin1() + "] uid=1000 " + operation + " /hello.txt = 0";
            return std::count_if(lines.begin(), lines.end(), [&](const QByteArray &line) {
                return line.endsWith(expected);
            });
        };
        QCOMPARE(count("open"), qsizetype(OpenCount));
        QCOMPARE(count("release"), qsizetype(OpenCount));
        // Every close(2) of an fd is a flush: the shell moves the fd it
        // opened to 3 (dup2 and close), so there are more than opens.
        QVERIFY(count("flush") >= OpenCount);
        QCOMPARE(lines.size(), 2 * OpenCount + count("flush"));

        // --errors: a missing name, only.
        runAs(QStringLiteral("tester"), QStringLiteral("/bin/ls"), {m_mnt + QStringLiteral("/no-such-file")});
        const Run errors = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("activity"), m_mnt, QStringLiteral("--errors"), QStringLiteral("--json")});
        const QList<QJsonObject> failed = jsonLines(errors.out);
        QVERIFY(!failed.isEmpty());
        bool sawMissing = false;
        for (const QJsonObject &event : failed) {
            QVERIFY(event.value(QStringLiteral("error")).toInt() != 0);
            sawMissing |= event.value(QStringLiteral("path")).toString() == QStringLiteral("/no-such-file")
                && event.value(QStringLiteral("errorName")).toString() == QStringLiteral("ENOENT");
        }
        QVERIFY(sawMissing);
    }

    void shouldNameTheBusiestProcessAndFile()
    {
        const Run shell = runAs(QStringLiteral("tester"), QStringLiteral("/bin/sh"), openingShell(m_mnt + QStringLiteral("/hello.txt"), 3 * OpenCount));
        QVERIFY2(shell.exitCode == 0, shell.err.constData());
        const int pid = shell.out.trimmed().toInt();
        QTest::qWait(300);
        const Run top = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("top"), m_mnt, QStringLiteral("--json"), QStringLiteral("--seconds=30")});
        QVERIFY2(top.exitCode == 0, top.err.constData());
        const QJsonObject summary = json(top.out);
        const QJsonObject busiest = summary.value(QStringLiteral("processes")).toArray().first().toObject();
        QCOMPARE(busiest.value(QStringLiteral("pid")).toInt(), pid);
        QCOMPARE(busiest.value(QStringLiteral("command")).toString(), QStringLiteral("sh"));
        QVERIFY(busiest.value(QStringLiteral("operations")).toInteger() >= 3 * 3 * OpenCount);
        QCOMPARE(summary.value(QStringLiteral("files")).toArray().first().toObject().value(QStringLiteral("path")).toString(), QStringLiteral("/hello.txt"));

        const Run text = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("top"), m_mnt});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(text.out.contains(QByteArray::number(pid)) && text.out.contains("/hello.txt"), text.out.constData());
    }

    void shouldRefuseAnotherUserAndBadFilters()
    {
        const Run other = runAs(QStringLiteral("tester2"), m_ctl, {QStringLiteral("activity"), m_mnt});
        QCOMPARE(other.exitCode, 25); // NotMounted: no mirror of theirs there
        QVERIFY(other.out.isEmpty());
        const Run unknown = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("activity"), m_mnt, QStringLiteral("--op=opne")});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains("unknown operation 'opne'"), unknown.err.constData());
        const Run badPid = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("activity"), m_mnt, QStringLiteral("--pid=me")});
        QCOMPARE(badPid.exitCode, 2);
    }

    // A shared mirror: tester2 names a file and its own process with
    // escape sequences and a newline, in tester's mirror. tester's activity
    // and top show the names as text: nothing in them acts on tester's
    // terminal, no name starts a line of its own, and the JSON has the
    // exact names.
    void shouldShowOtherUsersNamesAsText()
    {
        const QString b = m_base.path();
        makeDir(b + QStringLiteral("/shared-src"), 1000, 01777);
        makeDir(b + QStringLiteral("/shared-mnt"), 1000);
        const QString mnt = b + QStringLiteral("/shared-mnt");
        const Run mounted =
            runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("mount"), b + QStringLiteral("/shared-src"), mnt, QStringLiteral("--shared")});
        QVERIFY2(mounted.exitCode == 0, mounted.err.constData());
        const auto unmount = qScopeGuard([&] {
            runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), mnt, QStringLiteral("--force")});
        });

        const QByteArray comm = "\x1b[2J\x1b]0;pwned\x07"; // 14 bytes: /proc/PID/comm keeps 15
        const QByteArray clearing = "\x1b[2J\x1b[Hclear";
        const QByteArray fakeLine = "a\n14:03:07.000000 root[1] uid=0 unlink shadow = 0";
        const Run hostile = runAs(QStringLiteral("tester2"),
                                  QStringLiteral("/bin/sh"),
                                  {QStringLiteral("-c"),
                                   QStringLiteral("printf '\\033[2J\\033]0;pwned\\007' >/proc/$$/comm || exit 1\n"
                                                  "name=$(printf '\\033[2J\\033[Hclear'); : >\"$0/$name\" && exec 3<\"$0/$name\" && exec 3<&-\n"
                                                  "name=$(printf 'a\\n14:03:07.000000 root[1] uid=0 unlink shadow = 0'); : >\"$0/$name\"\n"
                                                  "echo $$"),
                                   mnt});
        QVERIFY2(hostile.exitCode == 0, hostile.err.constData());
        const QByteArray pid = hostile.out.trimmed();
        QTest::qWait(300);

        const auto noControls = [](const QByteArray &printed) {
            for (qsizetype i = 0; i < printed.size(); ++i) {
                const auto byte = static_cast<unsigned char>(printed[i]);
                const bool c1 = byte == 0xc2 && i + 1 < printed.size() && static_cast<unsigned char>(printed[i + 1]) < 0xa0;
                if ((byte < 0x20 && byte != '\n') || byte == 0x7f || c1) {
                    return false;
                }
            }
            return true;
        };
        const QByteArray shownProcess = "\\x1b[2J\\x1b]0;pwned\\x07[" + pid + "] uid=1001 ";
        const Run text = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("activity"), mnt, QStringLiteral("--pid=") + QString::fromLatin1(pid)});
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(noControls(text.out), text.out.toHex(' ').constData());
        QVERIFY2(text.out.contains(QByteArray(shownProcess + "create /\\x1b[2J\\x1b[Hclear = 0")), text.out.constData());
        QVERIFY2(text.out.contains(QByteArray(shownProcess + "open /\\x1b[2J\\x1b[Hclear = 0")), text.out.constData());
        QVERIFY2(text.out.contains(QByteArray(shownProcess + "create /a\\n14:03:07.000000 root[1] uid=0 unlink shadow = 0 = 0")), text.out.constData());
        for (const QByteArray &line : text.out.trimmed().split('\n')) {
            QVERIFY2(line.contains(shownProcess), line.constData()); // every line is one of tester2's requests
        }

        const Run lines = runAs(QStringLiteral("tester"),
                                m_ctl,
                                {QStringLiteral("activity"), mnt, QStringLiteral("--json"), QStringLiteral("--pid=") + QString::fromLatin1(pid)});
        QVERIFY2(lines.exitCode == 0 && noControls(lines.out), lines.out.constData());
        QSet<QByteArray> paths;
        for (const QByteArray &line : lines.out.trimmed().split('\n')) {
            QJsonParseError error{};
            const QJsonObject event = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            QCOMPARE(event.value(QStringLiteral("command")).toString().toUtf8(), comm);
            paths.insert(event.value(QStringLiteral("path")).toString().toUtf8());
        }
        QVERIFY(paths.contains('/' + clearing));
        QVERIFY(paths.contains('/' + fakeLine));

        const Run top = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("top"), mnt, QStringLiteral("--seconds=60")});
        QVERIFY2(top.exitCode == 0 && noControls(top.out), top.out.toHex(' ').constData());
        QVERIFY2(top.out.contains("\\x1b[2J\\x1b]0;pwned\\x07") && top.out.contains("/\\x1b[2J\\x1b[Hclear"), top.out.constData());
        const Run topJson = runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("top"), mnt, QStringLiteral("--json")});
        QVERIFY2(topJson.exitCode == 0 && noControls(topJson.out), topJson.out.constData());
        QCOMPARE(json(topJson.out).value(QStringLiteral("processes")).toArray().first().toObject().value(QStringLiteral("command")).toString().toUtf8(), comm);
    }

    // Last: it ends with the mirror.
    void shouldFollowUntilTheMirrorGoes()
    {
        QProcess follow;
        follow.start(QStringLiteral("runuser"),
                     {QStringLiteral("-u"),
                      QStringLiteral("tester"),
                      QStringLiteral("--"),
                      m_ctl,
                      QStringLiteral("activity"),
                      m_mnt,
                      QStringLiteral("--follow"),
                      QStringLiteral("--json"),
                      QStringLiteral("--op=open")});
        QVERIFY(follow.waitForStarted());
        QTest::qWait(500); // it starts at the newest record: what came before is not shown
        const Run shell = runAs(QStringLiteral("tester"), QStringLiteral("/bin/sh"), openingShell(m_mnt + QStringLiteral("/hello.txt"), 5));
        QVERIFY2(shell.exitCode == 0, shell.err.constData());
        const int pid = shell.out.trimmed().toInt();
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += follow.readAllStandardOutput(), output.count("\"operation\":\"open\"") >= 5), 5000);
        QCOMPARE(runAs(QStringLiteral("tester"), m_ctl, {QStringLiteral("unmount"), m_mnt}).exitCode, 0);
        QVERIFY(follow.waitForFinished(5000));
        QCOMPARE(follow.exitCode(), 0);
        output += follow.readAllStandardOutput();
        const QList<QJsonObject> opens = jsonLines(output);
        QCOMPARE(opens.size(), 5);
        for (const QJsonObject &open : opens) {
            QCOMPARE(open.value(QStringLiteral("pid")).toInt(), pid);
        }
        QVERIFY2(follow.readAllStandardError().contains("is gone"), "the follow says why it ended");
    }
};

QTEST_GUILESS_MAIN(ActivityCliTest)
#include "activityclitest.moc"
