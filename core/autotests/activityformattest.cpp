// SPDX-License-Identifier: GPL-2.0-or-later
// core's activityformat on events whose names another user chose: in a
// shared mirror anyone names the files they make and the processes they
// run, and the owner reads them in passmirrorctl activity and top, the
// window's Activity panel and its CSV. The line never carries what a
// terminal acts on nor a line break of the name's own, a "%1" in a command
// name stays text, the JSON stays valid and exact, and a CSV cell never
// starts a spreadsheet formula.
#include "activityformat.h"
#include "displaytext.h"
#include "statslayout.h"

#include <QJsonDocument>
#include <QTest>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
Activity::Event eventOf(const QByteArray &command, const QByteArray &path, const QByteArray &target = {})
{
    Activity::Event e;
    e.sequence = 7;
    e.timeUnixNs = 1'764'000'000'000'000'000ull;
    e.operation = static_cast<std::uint32_t>(Stats::Operation::Open);
    e.pid = 4242;
    e.uid = 1001;
    e.command = command.toStdString();
    e.path = path.toStdString();
    e.target = target.toStdString();
    return e;
}

// Any byte a terminal acts on: C0 controls (a line's own end aside), DEL,
// and the C1 controls as UTF-8.
QByteArray controlsIn(const QByteArray &text)
{
    QByteArray found;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte < 0x20 || byte == 0x7f || (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xa0)) {
            found += text.mid(i, 2).toHex() + ' ';
        }
    }
    return found;
}
} // namespace

class ActivityFormatTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldShowHostileNamesAsText_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("shownProcess");
        QTest::addColumn<QString>("shownPath");
        QTest::newRow("clear screen file") << QByteArray("cat") << QByteArray("\x1b[2J\x1b[Hx") << u"cat[4242]"_s << u"/\\x1b[2J\\x1b[Hx"_s;
        QTest::newRow("title and clipboard") << QByteArray("sh") << QByteArray("\x1b]0;owned\x07\x1b]52;c;eA==\x07") << u"sh[4242]"_s
                                             << u"/\\x1b]0;owned\\x07\\x1b]52;c;eA==\\x07"_s;
        QTest::newRow("fake line") << QByteArray("sh") << QByteArray("a\n14:03:07.000000 root[1] uid=0 open /etc/shadow = 0") << u"sh[4242]"_s
                                   << u"/a\\n14:03:07.000000 root[1] uid=0 open /etc/shadow = 0"_s;
        QTest::newRow("carriage return overwrite") << QByteArray("sh") << QByteArray("secret\rinnocent") << u"sh[4242]"_s << u"/secret\\rinnocent"_s;
        QTest::newRow("command with an escape") << QByteArray("\x1b[31mred") << QByteArray("a") << u"\\x1b[31mred[4242]"_s << u"/a"_s;
        QTest::newRow("command with a newline") << QByteArray("x\ny") << QByteArray("a") << u"x\\ny[4242]"_s << u"/a"_s;
        QTest::newRow("command %1 stays text") << QByteArray("x%1%2") << QByteArray("a") << u"x%1%2[4242]"_s << u"/a"_s;
        QTest::newRow("C1 CSI in a name") << QByteArray("sh")
                                          << QByteArray(
                                                 "a\xc2\x9b"
                                                 "2J")
                                          << u"sh[4242]"_s << u"/a\\u009b2J"_s;
        QTest::newRow("right-to-left override") << QByteArray("sh")
                                                << QByteArray(
                                                       "invoice-\xe2\x80\xae"
                                                       "fdp.exe")
                                                << u"sh[4242]"_s << u"/invoice-\\u202efdp.exe"_s;
        QTest::newRow("not UTF-8") << QByteArray("sh") << QByteArray("caf\xe9") << u"sh[4242]"_s << u"/caf\\xe9"_s;
        QTest::newRow("ordinary names as they are") << QByteArray("gwenview") << QByteArray("2026/Fotos \xc3\xa4 \"x\" %1.jpg") << u"gwenview[4242]"_s
                                                    << QString::fromUtf8("/2026/Fotos \xc3\xa4 \"x\" %1.jpg");
    }
    void shouldShowHostileNamesAsText()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, path);
        QFETCH(QString, shownProcess);
        QFETCH(QString, shownPath);
        const Activity::Event e = eventOf(command, path);
        QCOMPARE(eventProcess(e), shownProcess);
        QCOMPARE(eventPath(e), shownPath);
        const QByteArray line = eventLine(e).toUtf8();
        QVERIFY2(controlsIn(line).isEmpty(), QByteArray(controlsIn(line) + "in " + line).constData());
        QVERIFY2(line.contains(QByteArray(' ' + shownProcess.toUtf8() + " uid=1001 open " + shownPath.toUtf8() + " = 0")), line.constData());
        const QByteArray csv = csvRecord(e).toUtf8();
        QVERIFY(csv.endsWith("\r\n"));
        QVERIFY2(controlsIn(csv.chopped(2)).isEmpty(), csv.constData());
    }

    // A rename's second name too.
    void shouldShowAHostileTargetAsText()
    {
        Activity::Event e = eventOf("mv", "a", "b\n\x1b[1A\x1b[2K");
        e.operation = static_cast<std::uint32_t>(Stats::Operation::Rename);
        QCOMPARE(eventTarget(e), u"/b\\n\\x1b[1A\\x1b[2K"_s);
        QVERIFY(controlsIn(eventLine(e).toUtf8()).isEmpty());
    }

    // JSON: valid whatever the bytes, the exact name where it is UTF-8, and
    // the exact bytes beside a readable form where it is not; printed, it
    // holds nothing a terminal acts on either.
    void shouldWriteValidExactJson_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("path");
        QTest::newRow("escape sequences") << QByteArray("\x1b[31mx") << QByteArray("\x1b[2J\x1b]0;t\x07");
        QTest::newRow("newline and quote") << QByteArray("sh") << QByteArray("a\"b\nc\\d");
        QTest::newRow("C1 and DEL") << QByteArray("sh\x7f")
                                    << QByteArray(
                                           "a\xc2\x9b"
                                           "2J\xc2\x85");
        QTest::newRow("line separator and bidi") << QByteArray("sh")
                                                 << QByteArray(
                                                        "a\xe2\x80\xa8"
                                                        "b\xe2\x80\xae"
                                                        "c");
        QTest::newRow("latin1 file name") << QByteArray("sh") << QByteArray("caf\xe9");
        QTest::newRow("latin1 command") << QByteArray("b\xe9") << QByteArray("a");
        QTest::newRow("cut UTF-8 (a path truncated at its front)") << QByteArray("sh")
                                                                   << QByteArray(
                                                                          "\xa4"
                                                                          "dir/file");
    }
    void shouldWriteValidExactJson()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, path);
        const Activity::Event e = eventOf(command, path);
        const QByteArray text = terminalSafeJson(QJsonDocument(eventJson(e)).toJson(QJsonDocument::Compact));
        QVERIFY2(controlsIn(text).isEmpty(), QByteArray(controlsIn(text) + "in " + text).constData());
        QJsonParseError error{};
        const QJsonObject object = QJsonDocument::fromJson(text, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const auto exact = [&object](const QString &key) {
            if (object.contains(key + QStringLiteral("Base64"))) {
                return QByteArray::fromBase64(object.value(key + QStringLiteral("Base64")).toString().toLatin1());
            }
            return object.value(key).toString().toUtf8();
        };
        QCOMPARE(exact(QStringLiteral("command")), command);
        QCOMPARE(exact(QStringLiteral("path")), '/' + path);
        const bool utf8 = QString::fromUtf8(path).toUtf8() == path;
        QCOMPARE(object.contains(QStringLiteral("pathBase64")), !utf8);
        if (!utf8) {
            QCOMPARE(object.value(QStringLiteral("path")).toString(), printableText('/' + path));
        }
    }

    void shouldNeverStartACsvFormula_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QString>("cell");
        QTest::newRow("equals") << QByteArray("=1+1") << u"'=1+1"_s;
        QTest::newRow("plus") << QByteArray("+cmd") << u"'+cmd"_s;
        QTest::newRow("minus") << QByteArray("-2+3") << u"'-2+3"_s;
        QTest::newRow("at") << QByteArray("@SUM(A1)") << u"'@SUM(A1)"_s;
        QTest::newRow("with a comma") << QByteArray("=A1,B1") << u"\"'=A1,B1\""_s;
        QTest::newRow("plain") << QByteArray("cat") << u"cat"_s;
    }
    void shouldNeverStartACsvFormula()
    {
        QFETCH(QByteArray, command);
        QFETCH(QString, cell);
        const QString record = csvRecord(eventOf(command, "a"));
        QVERIFY2(record.contains(u",4242,"_s + cell + u",1001,"_s), qPrintable(record));
    }

    // The JSON a terminal may show: the same value, with what it would act on
    // written as \u escapes.
    void shouldKeepJsonValuesWhenMadeTerminalSafe()
    {
        const QString value =
            QStringLiteral("a") + QChar(0x9b) + QStringLiteral("2J") + QChar(0x7f) + QChar(0x2028) + QChar(0x202e) + QStringLiteral("\x1b[0m");
        const QByteArray raw = QJsonDocument(QJsonObject{{QStringLiteral("v"), value}}).toJson(QJsonDocument::Compact);
        const QByteArray safe = terminalSafeJson(raw);
        QVERIFY2(controlsIn(safe).isEmpty(), safe.constData());
        QCOMPARE(safe, QByteArray("{\"v\":\"a\\u009b2J\\u007f\\u2028\\u202e\\u001b[0m\"}"));
        QCOMPARE(QJsonDocument::fromJson(safe).object().value(QStringLiteral("v")).toString(), value);
    }
};

QTEST_GUILESS_MAIN(ActivityFormatTest)
#include "activityformattest.moc"
