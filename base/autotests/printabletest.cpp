// SPDX-License-Identifier: GPL-2.0-or-later
// base's printable() (printable.h): how a name another user chose is shown
// to the owner of a shared mirror. What a terminal acts on — ESC, CSI, OSC,
// a bell, a newline that fakes a line — comes out as a visible escape, a
// byte that is not UTF-8 too; ordinary names come out as they are; and two
// different names never read the same.
#include "printable.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

using namespace PassMirror;

namespace
{
std::string_view view(const QByteArray &text)
{
    return {text.constData(), static_cast<std::size_t>(text.size())};
}

QByteArray shown(const QByteArray &bytes)
{
    return QByteArray::fromStdString(printable(view(bytes)));
}
} // namespace

class PrintableTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldEscapeWhatATerminalActsOn_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("plain") << QByteArray("/docs/a.txt") << QByteArray("/docs/a.txt");
        QTest::newRow("spaces and punctuation") << QByteArray("/My Files/\"q\" 'x' %1 <b>") << QByteArray("/My Files/\"q\" 'x' %1 <b>");
        QTest::newRow("utf8") << QByteArray("/Fotos-\xc3\xa4/\xe2\x82\xac/\xf0\x9f\x93\xb7") << QByteArray("/Fotos-\xc3\xa4/\xe2\x82\xac/\xf0\x9f\x93\xb7");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("clear screen") << QByteArray("/\x1b[2J\x1b[H") << QByteArray("/\\x1b[2J\\x1b[H");
        QTest::newRow("window title (OSC, BEL)") << QByteArray("\x1b]0;owned\x07") << QByteArray("\\x1b]0;owned\\x07");
        QTest::newRow("clipboard (OSC 52, ST)") << QByteArray("\x1b]52;c;ZWNobw==\x1b\\") << QByteArray("\\x1b]52;c;ZWNobw==\\x1b\\\\");
        QTest::newRow("newline") << QByteArray("/a\n14:03:07 root[1] open /etc/shadow") << QByteArray("/a\\n14:03:07 root[1] open /etc/shadow");
        QTest::newRow("carriage return") << QByteArray("/a\rb") << QByteArray("/a\\rb");
        QTest::newRow("tab") << QByteArray("/a\tb") << QByteArray("/a\\tb");
        QTest::newRow("backspace") << QByteArray("/abc\b\b\b") << QByteArray("/abc\\x08\\x08\\x08");
        QTest::newRow("DEL") << QByteArray("/a\x7f") << QByteArray("/a\\x7f");
        QTest::newRow("NUL") << QByteArray("a\0b", 3) << QByteArray("a\\x00b");
        QTest::newRow("C1 CSI (U+009B)") << QByteArray("/a\xc2\x9bJ") << QByteArray("/a\\u009bJ");
        QTest::newRow("C1 NEL (U+0085)") << QByteArray("/a\xc2\x85z") << QByteArray("/a\\u0085z");
        QTest::newRow("no-break space stays") << QByteArray("/a\xc2\xa0z") << QByteArray("/a\xc2\xa0z");
        QTest::newRow("line separator") << QByteArray("/a\xe2\x80\xa8z") << QByteArray("/a\\u2028z");
        QTest::newRow("paragraph separator") << QByteArray("/a\xe2\x80\xa9z") << QByteArray("/a\\u2029z");
        QTest::newRow("right-to-left override") << QByteArray("/photo-\xe2\x80\xaegpj.exe") << QByteArray("/photo-\\u202egpj.exe");
        QTest::newRow("bidi isolate") << QByteArray("/\xe2\x81\xa6x\xe2\x81\xa9") << QByteArray("/\\u2066x\\u2069");
        QTest::newRow("backslash") << QByteArray("/a\\b") << QByteArray("/a\\\\b");
        QTest::newRow("escape-like text") << QByteArray("/a\\x1b") << QByteArray("/a\\\\x1b");
        QTest::newRow("latin1 byte") << QByteArray("/caf\xe9") << QByteArray("/caf\\xe9");
        QTest::newRow("stray continuation") << QByteArray("/\x80z") << QByteArray("/\\x80z");
        QTest::newRow("cut sequence") << QByteArray("/\xe2\x82") << QByteArray("/\\xe2\\x82");
        QTest::newRow("cut sequence before ascii") << QByteArray("\xe2\x82/") << QByteArray("\\xe2\\x82/");
        QTest::newRow("overlong slash") << QByteArray("/\xc0\xaf") << QByteArray("/\\xc0\\xaf");
        QTest::newRow("surrogate") << QByteArray("/\xed\xa0\x80") << QByteArray("/\\xed\\xa0\\x80");
        QTest::newRow("beyond U+10FFFF") << QByteArray("/\xf4\x90\x80\x80") << QByteArray("/\\xf4\\x90\\x80\\x80");
        QTest::newRow("0xff") << QByteArray("\xff\xfe") << QByteArray("\\xff\\xfe");
    }
    void shouldEscapeWhatATerminalActsOn()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, expected);
        QCOMPARE(shown(name), expected);
        QCOMPARE(isPrintable(view(name)), name == expected);
    }

    // Whatever the bytes: valid UTF-8 out, no control character in it, and
    // never the same text for two different names.
    void shouldBeSafeAndOneToOneForAnyBytes()
    {
        QRandomGenerator random(20261204);
        QHash<QByteArray, QByteArray> seen;
        // Bytes a hostile name would use, and some ordinary ones.
        const QByteArray alphabet("\x01\x07\x08\t\n\r\x1b\x7f\x80\x85\x9b\xa0\xa8\xae\xc0\xc2\xe2\xed\xf0\xff\\/ax[];0");
        for (int round = 0; round < 20000; ++round) {
            QByteArray name;
            const int length = random.bounded(1, 9);
            for (int i = 0; i < length; ++i) {
                name += alphabet[random.bounded(alphabet.size())];
            }
            const QByteArray text = shown(name);
            QVERIFY2(isValidUtf8(view(text)), text.toHex().constData());
            QVERIFY2(isPrintable(view(QByteArray(text).replace("\\", ""))), text.toHex().constData());
            if (const auto earlier = seen.constFind(text); earlier != seen.constEnd()) {
                QVERIFY2(*earlier == name, QByteArray(name.toHex() + " and " + earlier->toHex() + " read the same").constData());
            }
            seen.insert(text, name);
        }
    }

    void shouldTellControlCharacters_data()
    {
        QTest::addColumn<uint>("codePoint");
        QTest::addColumn<bool>("control");
        QTest::newRow("NUL") << 0u << false; // no path holds one; the syntax rules say so apart
        QTest::newRow("SOH") << 1u << true;
        QTest::newRow("newline") << 10u << true;
        QTest::newRow("ESC") << 0x1bu << true;
        QTest::newRow("US") << 0x1fu << true;
        QTest::newRow("space") << 0x20u << false;
        QTest::newRow("tilde") << 0x7eu << false;
        QTest::newRow("DEL") << 0x7fu << true;
        QTest::newRow("PAD") << 0x80u << true;
        QTest::newRow("CSI") << 0x9bu << true;
        QTest::newRow("APC") << 0x9fu << true;
        QTest::newRow("no-break space") << 0xa0u << false;
        QTest::newRow("line separator") << 0x2028u << false; // shown escaped, not a control
    }
    void shouldTellControlCharacters()
    {
        QFETCH(uint, codePoint);
        QFETCH(bool, control);
        QCOMPARE(isControlCharacter(codePoint), control);
    }
};

QTEST_GUILESS_MAIN(PrintableTest)
#include "printabletest.moc"
