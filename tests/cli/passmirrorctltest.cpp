// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrorctl's command line without a helper: help, version, usage errors
// and the refusals it makes itself, each with its documented exit status.
#include <QProcess>
#include <QTest>

class PassMirrorCtlTest : public QObject
{
    Q_OBJECT

    QString m_ctl = QString::fromLocal8Bit(qgetenv("PASSMIRRORCTL"));

    struct Run {
        int exitCode;
        QByteArray out;
        QByteArray err;
    };
    Run run(const QList<QByteArray> &arguments)
    {
        QProcess process;
        // Arguments must reach passmirrorctl as raw bytes (the non-UTF-8
        // case): QProcess would re-encode them, so printf rebuilds each one.
        QString script = QStringLiteral("exec \"$0\"");
        for (const QByteArray &argument : arguments) {
            QString octal;
            for (const char byte : argument) {
                octal += QStringLiteral("\\0%1").arg(static_cast<unsigned char>(byte), 3, 8, QLatin1Char('0'));
            }
            script += QStringLiteral(" \"$(printf '%b' '%1')\"").arg(octal);
        }
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"));
        environment.insert(QStringLiteral("DBUS_SYSTEM_BUS_ADDRESS"), QStringLiteral("unix:path=/nonexistent"));
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, m_ctl});
        process.waitForFinished(20000);
        return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(m_ctl), "PASSMIRRORCTL must name the built passmirrorctl");
    }

    void shouldAnswerWithDocumentedExitStatus_data()
    {
        QTest::addColumn<QList<QByteArray>>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("stdoutContains");
        QTest::addColumn<QByteArray>("stderrContains");
        QTest::newRow("help") << QList<QByteArray>{"--help"} << 0 << QByteArray("Usage: passmirrorctl") << QByteArray();
        QTest::newRow("no arguments") << QList<QByteArray>{} << 0 << QByteArray("Commands:") << QByteArray();
        QTest::newRow("version") << QList<QByteArray>{"--version"} << 0 << QByteArray("passmirrorctl 0.") << QByteArray();
        QTest::newRow("unknown command") << QList<QByteArray>{"frobnicate"} << 2 << QByteArray() << QByteArray("unknown command");
        QTest::newRow("unknown option") << QList<QByteArray>{"list", "--colour"} << 2 << QByteArray() << QByteArray("unknown option --colour");
        QTest::newRow("flag with value") << QList<QByteArray>{"list", "--json=yes"} << 2 << QByteArray() << QByteArray("takes no value");
        QTest::newRow("mount without paths") << QList<QByteArray>{"mount"} << 2 << QByteArray() << QByteArray("mount needs SRC and MNT");
        QTest::newRow("mount with three paths") << QList<QByteArray>{"mount", "/a", "/b", "/c"} << 2 << QByteArray() << QByteArray("mount needs SRC and MNT");
        QTest::newRow("bad passthrough") << QList<QByteArray>{"mount", "/a", "/b", "--passthrough=always"} << 2 << QByteArray() << QByteArray("--passthrough");
        QTest::newRow("unmount both") << QList<QByteArray>{"unmount", "/a", "--all"} << 2 << QByteArray() << QByteArray("either MNT or --all");
        QTest::newRow("unmount nothing") << QList<QByteArray>{"unmount"} << 2 << QByteArray() << QByteArray("either MNT or --all");
        QTest::newRow("stats without path") << QList<QByteArray>{"stats"} << 2 << QByteArray() << QByteArray("stats needs MNT");
        QTest::newRow("watch interval bad") << QList<QByteArray>{"stats", "/a", "--watch=0"} << 2 << QByteArray() << QByteArray("--watch");
        QTest::newRow("not UTF-8") << QList<QByteArray>{"mount", "/tmp/caf\xe9", "/tmp"} << 23 << QByteArray() << QByteArray("[path-invalid]");
        QTest::newRow("over-long") << QList<QByteArray>{"mount", "/" + QByteArray(5000, 'a'), "/tmp"} << 23 << QByteArray() << QByteArray("[path-invalid]");
        QTest::newRow("newline in the mount point") << QList<QByteArray>{"mount", "/tmp", "/tmp/mnt\nx"} << 23 << QByteArray()
                                                    << QByteArray("passmirrorctl: The mount point path contains a control character");
        QTest::newRow("escape in the source") << QList<QByteArray>{"mount", "/tmp/\x1b[2J", "/tmp/m"} << 23 << QByteArray()
                                              << QByteArray("passmirrorctl: The source path contains a control character");
        QTest::newRow("C1 control in the mount point")
            << QList<QByteArray>{"mount", "/tmp", "/tmp/\xc2\x9bJ"} << 23 << QByteArray() << QByteArray("[path-invalid]");
        QTest::newRow("unmount a path with a tab") << QList<QByteArray>{"unmount", "/tmp/a\tb"} << 23 << QByteArray()
                                                   << QByteArray("The mount point path contains a control character");
        QTest::newRow("stats of nothing") << QList<QByteArray>{"stats", "/tmp"} << 25 << QByteArray() << QByteArray("[not-mounted]");
        QTest::newRow("activity without path") << QList<QByteArray>{"activity"} << 2 << QByteArray() << QByteArray("activity needs MNT");
        QTest::newRow("activity unknown op") << QList<QByteArray>{"activity", "/a", "--op=opne"} << 2 << QByteArray() << QByteArray("unknown operation 'opne'");
        QTest::newRow("activity empty op") << QList<QByteArray>{"activity", "/a", "--op="} << 2 << QByteArray() << QByteArray("--op needs operation names");
        QTest::newRow("activity bad pid") << QList<QByteArray>{"activity", "/a", "--pid", "me"} << 2 << QByteArray() << QByteArray("--pid needs a process id");
        QTest::newRow("activity pid as next word") << QList<QByteArray>{"activity", "--pid", "42", "/tmp"} << 25 << QByteArray() << QByteArray("[not-mounted]");
        QTest::newRow("activity of nothing") << QList<QByteArray>{"activity", "/tmp", "--follow"} << 25 << QByteArray() << QByteArray("[not-mounted]");
        QTest::newRow("top bad seconds") << QList<QByteArray>{"top", "/a", "--seconds=0"} << 2 << QByteArray() << QByteArray("--seconds");
        QTest::newRow("top bad limit") << QList<QByteArray>{"top", "/a", "--limit=-3"} << 2 << QByteArray() << QByteArray("--limit");
        QTest::newRow("top of nothing") << QList<QByteArray>{"top", "/tmp"} << 25 << QByteArray() << QByteArray("[not-mounted]");
        QTest::newRow("list") << QList<QByteArray>{"list"} << 0 << QByteArray() << QByteArray(); // contents depend on /run
        QTest::newRow("list json") << QList<QByteArray>{"list", "--json"} << 0 << QByteArray("\"version\": 1") << QByteArray();
        QTest::newRow("no helper") << QList<QByteArray>{"unmount", "--all"} << 28 << QByteArray() << QByteArray("[helper-unavailable]");
        QTest::newRow("metrics") << QList<QByteArray>{"metrics"} << 0 << QByteArray("# TYPE passmirror_up gauge") << QByteArray();
        QTest::newRow("metrics listen anywhere") << QList<QByteArray>{"metrics", "--listen", "0.0.0.0:9731"} << 2 << QByteArray()
                                                 << QByteArray("only loopback addresses");
        QTest::newRow("metrics listen on a LAN") << QList<QByteArray>{"metrics", "--listen=192.168.1.2:9731"} << 2 << QByteArray()
                                                 << QByteArray("only loopback addresses");
        QTest::newRow("metrics listen without address")
            << QList<QByteArray>{"metrics", "--listen"} << 2 << QByteArray() << QByteArray("--listen needs HOST:PORT");
        QTest::newRow("metrics bad port") << QList<QByteArray>{"metrics", "--listen", "127.0.0.1:http"} << 2 << QByteArray()
                                          << QByteArray("port must be a number");
        QTest::newRow("metrics extra argument") << QList<QByteArray>{"metrics", "/tmp"} << 2 << QByteArray() << QByteArray("metrics takes no arguments");
    }
    void shouldAnswerWithDocumentedExitStatus()
    {
        QFETCH(QList<QByteArray>, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, stdoutContains);
        QFETCH(QByteArray, stderrContains);
        const Run result = run(arguments);
        QVERIFY2(result.exitCode == exitCode, QByteArray(result.out + result.err).constData());
        QVERIFY2(result.out.contains(stdoutContains), result.out.constData());
        QVERIFY2(result.err.contains(stderrContains), result.err.constData());
    }

    // Whatever word passmirrorctl echoes (a path, a command, an option), a
    // control character in it reaches the terminal as a visible escape.
    void shouldNeverEchoAControlCharacter_data()
    {
        QTest::addColumn<QList<QByteArray>>("arguments");
        QTest::addColumn<QByteArray>("shown");
        QTest::newRow("unknown command") << QList<QByteArray>{"\x1b[2J\x1b]0;x\x07"} << QByteArray("'\\x1b[2J\\x1b]0;x\\x07'");
        QTest::newRow("unknown option") << QList<QByteArray>{"list", "--\x1b[2J"} << QByteArray("--\\x1b[2J");
        QTest::newRow("stats of a path") << QList<QByteArray>{"stats", "/tmp/a\nb\x1b[2J"} << QByteArray("/tmp/a\\nb\\x1b[2J [not-mounted]");
        QTest::newRow("activity of a path") << QList<QByteArray>{"activity", "/tmp/\x1b]52;c;eA==\x07"} << QByteArray("/tmp/\\x1b]52;c;eA==\\x07");
        QTest::newRow("top of a path") << QList<QByteArray>{"top",
                                                            "/tmp/\xc2\x9b"
                                                            "2J"}
                                       << QByteArray("/tmp/\\u009b2J");
    }
    void shouldNeverEchoAControlCharacter()
    {
        QFETCH(QList<QByteArray>, arguments);
        QFETCH(QByteArray, shown);
        const Run result = run(arguments);
        const QByteArray printed = result.out + result.err;
        QVERIFY2(printed.contains(shown), printed.constData());
        for (qsizetype i = 0; i < printed.size(); ++i) {
            const auto byte = static_cast<unsigned char>(printed[i]);
            const bool c1 = byte == 0xc2 && i + 1 < printed.size() && static_cast<unsigned char>(printed[i + 1]) < 0xa0;
            QVERIFY2((byte >= 0x20 || byte == '\n') && byte != 0x7f && !c1, printed.toHex(' ').constData());
        }
    }

    void shouldFitATerminal()
    {
        const Run help = run({"--help"});
        for (const QByteArray &line : help.out.split('\n')) {
            QVERIFY2(line.size() <= 80, line.constData());
        }
    }
};

QTEST_GUILESS_MAIN(PassMirrorCtlTest)
#include "passmirrorctltest.moc"
