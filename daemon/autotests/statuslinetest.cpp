// SPDX-License-Identifier: GPL-2.0-or-later
// The one-line startup report (startupreport.h): "ready\n" or
// "error CODE MESSAGE\n". passmirrord's first process, the supervisor and the
// helper's --ready-fd reader all decide on this line whether a mirror is up
// and which error to show, so it must survive a round trip for every code and
// message, and anything that is not exactly one such line must be refused
// rather than read as some other error. Also over a real pipe, where a writer
// that died before the end of its line must read as no line at all.
#include "startupreport.h"

#include <QTest>

#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace PassMirror;

Q_DECLARE_METATYPE(PassMirror::MirrorError)

namespace
{

// A status as text, so QCOMPARE shows both sides.
QByteArray describe(const std::optional<StatusLine> &status)
{
    if (!status) {
        return QByteArrayLiteral("<no line>");
    }
    if (std::holds_alternative<Ready>(*status)) {
        return QByteArrayLiteral("<ready>");
    }
    const Failure &problem = std::get<Failure>(*status);
    return "<error " + QByteArray::number(static_cast<int>(problem.error)) + " \"" + QByteArray::fromStdString(problem.message) + "\">";
}

struct Pipe {
    UniqueFd read;
    UniqueFd write;
};

Pipe makePipe()
{
    int fds[2] = {-1, -1};
    if (pipe2(fds, O_CLOEXEC) != 0) {
        return {};
    }
    return {UniqueFd(fds[0]), UniqueFd(fds[1])};
}

bool writeAll(int fd, const std::string &text)
{
    return ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

const MirrorError EveryError[] = {
    MirrorError::Internal,
    MirrorError::Usage,
    MirrorError::SourceMissing,
    MirrorError::SourceNotDirectory,
    MirrorError::SourceNotReadable,
    MirrorError::MountPointMissing,
    MirrorError::MountPointNotDirectory,
    MirrorError::MountPointNotEmpty,
    MirrorError::MountPointNotOwned,
    MirrorError::MountPointInsideSource,
    MirrorError::SourceInsideMountPoint,
    MirrorError::PassthroughUnavailable,
    MirrorError::MountFailed,
    MirrorError::NotPermitted,
    MirrorError::OwnerUnknown,
    MirrorError::PathInvalid,
    MirrorError::TooManyMirrors,
    MirrorError::NotMounted,
    MirrorError::Busy,
    MirrorError::AuthorizationDenied,
    MirrorError::HelperUnavailable,
    MirrorError::Timeout,
    MirrorError::DaemonDied,
    MirrorError::IoUringUnavailable,
    MirrorError::SourcePseudoFilesystem,
};

} // namespace

class StatusLineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // As passmirrord does: a reader that went away is an error, not a signal.
        std::signal(SIGPIPE, SIG_IGN);
    }

    // The wire format itself: other processes (and other versions) read it.
    void shouldFormatTheDocumentedLine()
    {
        QCOMPARE(QByteArray::fromStdString(formatStatusLine(Ready{})), QByteArrayLiteral("ready\n"));
        QCOMPARE(QByteArray::fromStdString(formatStatusLine(Failure{MirrorError::MountPointNotEmpty, "Mount point /m is not empty"})),
                 QByteArrayLiteral("error 15 Mount point /m is not empty\n"));
        QCOMPARE(QByteArray::fromStdString(formatStatusLine(Failure{MirrorError::Usage, "two\nlines"})), QByteArrayLiteral("error 2 two lines\n"));
    }

    // Each row: a status; formatted, parsed back and sent over a pipe, it must
    // come back as `expected` (a message's newlines become spaces).
    void shouldRoundTrip_data()
    {
        QTest::addColumn<bool>("ready");
        QTest::addColumn<MirrorError>("error");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("expectedMessage");
        QTest::newRow("ready") << true << MirrorError::None << QByteArray() << QByteArray();
        for (const MirrorError error : EveryError) {
            const QByteArray message = "code " + QByteArray::number(static_cast<int>(error)) + ": Mount point /home/ann/My Files is not empty";
            QTest::newRow(qPrintable(QStringLiteral("error %1").arg(static_cast<int>(error)))) << false << error << message << message;
        }
        const auto row = [](const char *name, const QByteArray &message, const QByteArray &expected) {
            QTest::newRow(name) << false << MirrorError::MountFailed << message << expected;
        };
        row("empty message", QByteArray(), QByteArray());
        row("leading space", " indented", " indented");
        row("two spaces inside", "a  b", "a  b");
        row("trailing spaces", "end  ", "end  ");
        row("digits first", "42 is the answer", "42 is the answer");
        row("looks like a line", "error 3 ready", "error 3 ready");
        row("newlines", "first\nsecond\n", "first second ");
        row("tab and utf-8",
            "Ordner \xc2\xbb"
            "Fotos\xc2\xab\tleer",
            "Ordner \xc2\xbb"
            "Fotos\xc2\xab\tleer");
        row("long", QByteArray(3000, 'x'), QByteArray(3000, 'x'));
    }
    void shouldRoundTrip()
    {
        QFETCH(bool, ready);
        QFETCH(MirrorError, error);
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, expectedMessage);
        const StatusLine status = ready ? StatusLine(Ready{}) : StatusLine(Failure{error, message.toStdString()});
        const std::optional<StatusLine> expected = ready ? StatusLine(Ready{}) : StatusLine(Failure{error, expectedMessage.toStdString()});

        const std::string line = formatStatusLine(status);
        QVERIFY(line.ends_with('\n'));
        QCOMPARE(std::count(line.begin(), line.end(), '\n'), std::ptrdiff_t(1));
        QCOMPARE(describe(parseStatusLine(line)), describe(expected));

        Pipe pipe = makePipe();
        QVERIFY(pipe.read && pipe.write);
        writeStatusLine(pipe.write.get(), status);
        pipe.write.reset();
        QCOMPARE(describe(readStatusLine(pipe.read.get())), describe(expected));
        // Nothing but the line was written.
        char extra = 0;
        QCOMPARE(::read(pipe.read.get(), &extra, 1), ssize_t(0));
    }

    // The codes are exit statuses: 1 to 255. Codes this build does not
    // know (a newer daemon's) still arrive as errors.
    void shouldTakeEveryExitStatusAsCode_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("lowest") << QByteArray("error 1 m\n") << 1 << QByteArray("m");
        QTest::newRow("highest") << QByteArray("error 255 m\n") << 255 << QByteArray("m");
        QTest::newRow("unknown to this build") << QByteArray("error 99 later\n") << 99 << QByteArray("later");
        QTest::newRow("no message") << QByteArray("error 20\n") << 20 << QByteArray();
        QTest::newRow("space, no message") << QByteArray("error 20 \n") << 20 << QByteArray();
    }
    void shouldTakeEveryExitStatusAsCode()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, code);
        QFETCH(QByteArray, message);
        const std::optional<StatusLine> parsed = parseStatusLine(line.toStdString());
        QCOMPARE(describe(parsed), describe(StatusLine(Failure{static_cast<MirrorError>(code), message.toStdString()})));
    }

    // Anything but one whole status line is no status at all.
    void shouldRefuseMalformedLines_data()
    {
        QTest::addColumn<QByteArray>("text");
        const auto row = [](const char *name, const QByteArray &text) {
            QTest::newRow(name) << text;
        };
        row("empty", QByteArray());
        row("only a newline", "\n");
        row("ready without newline", "ready");
        row("ready with CRLF", "ready\r\n");
        row("ready with a space", "ready \n");
        row("space before ready", " ready\n");
        row("Ready", "Ready\n");
        row("ready and more", "readyx\n");
        row("two lines", "ready\nready\n");
        row("error without code", "error\n");
        row("error and a space", "error \n");
        row("ERROR", "ERROR 2 m\n");
        row("no space after error", "error2 m\n");
        row("two spaces before code", "error  2 m\n");
        row("code not a number", "error x m\n");
        row("code 0", "error 0 m\n");
        row("code negative", "error -2 m\n");
        row("code with plus", "error +2 m\n");
        row("code 256", "error 256 m\n");
        row("code overflows", "error 99999999999999999999 m\n");
        row("code with letters after", "error 2x m\n");
        row("code with a fraction", "error 2.5 m\n");
        row("code in hex", "error 0x2 m\n");
        row("code then a tab", "error 2\tm\n");
        row("partial error line", "error 2 half a mess");
        row("error line with a second line", "error 2 first\nsecond\n");
        row("error then ready", "error 2 m\nready\n");
    }
    void shouldRefuseMalformedLines()
    {
        QFETCH(QByteArray, text);
        QCOMPARE(describe(parseStatusLine(text.toStdString())), QByteArrayLiteral("<no line>"));
    }

    // readStatusLine stops at the first newline: what follows stays in the
    // pipe for the next read.
    void shouldReadOneLineAtATime()
    {
        Pipe pipe = makePipe();
        QVERIFY(pipe.read && pipe.write);
        writeStatusLine(pipe.write.get(), Ready{});
        writeStatusLine(pipe.write.get(), Failure{MirrorError::Busy, "in use"});
        QVERIFY(writeAll(pipe.write.get(), "tail"));
        pipe.write.reset();
        QCOMPARE(describe(readStatusLine(pipe.read.get())), QByteArrayLiteral("<ready>"));
        QCOMPARE(describe(readStatusLine(pipe.read.get())), QByteArrayLiteral("<error 26 \"in use\">"));
        // "tail" then end of file: no line.
        QCOMPARE(describe(readStatusLine(pipe.read.get())), QByteArrayLiteral("<no line>"));
        QCOMPARE(describe(readStatusLine(pipe.read.get())), QByteArrayLiteral("<no line>"));
    }

    // The writer ended (crashed, was killed) before or during its line.
    void shouldReadNoLineAtEndOfFile_data()
    {
        QTest::addColumn<QByteArray>("written");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("half of ready") << QByteArray("rea");
        QTest::newRow("ready without newline") << QByteArray("ready");
        QTest::newRow("error cut short") << QByteArray("error 20 cannot mou");
        QTest::newRow("garbage line") << QByteArray("hello\n");
    }
    void shouldReadNoLineAtEndOfFile()
    {
        QFETCH(QByteArray, written);
        Pipe pipe = makePipe();
        QVERIFY(pipe.read && pipe.write);
        QVERIFY(writeAll(pipe.write.get(), written.toStdString()));
        pipe.write.reset();
        QCOMPARE(describe(readStatusLine(pipe.read.get())), QByteArrayLiteral("<no line>"));
    }

    // A writer that never sends a newline cannot make the reader collect
    // without end: it gives up after a few KiB.
    void shouldGiveUpOnAnEndlessLine()
    {
        Pipe pipe = makePipe();
        QVERIFY(pipe.read && pipe.write);
        const std::string endless = "error 2 " + std::string(32 * 1024, 'x');
        QVERIFY(writeAll(pipe.write.get(), endless));
        // The write end stays open: the reader must stop by itself.
        QCOMPARE(describe(readStatusLine(pipe.read.get())), QByteArrayLiteral("<no line>"));
    }

    // Errors are ignored: a reader that went away neither stops nor hangs the writer.
    void shouldWriteToAGoneReaderWithoutHarm()
    {
        Pipe pipe = makePipe();
        QVERIFY(pipe.read && pipe.write);
        pipe.read.reset();
        writeStatusLine(pipe.write.get(), Failure{MirrorError::MountFailed, "nobody listens"});
        writeStatusLine(-1, Ready{});
        // The reader really is gone: a plain write fails as those did.
        QCOMPARE(::write(pipe.write.get(), "x", 1), ssize_t(-1));
        QCOMPARE(errno, EPIPE);
    }
};

QTEST_GUILESS_MAIN(StatusLineTest)
#include "statuslinetest.moc"
