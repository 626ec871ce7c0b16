// SPDX-License-Identifier: GPL-2.0-or-later
// The helper's log on its own: one line per message whatever the message
// quotes. A caller may name an argument anything; the helper's refusal
// quotes the name in root's log, where a newline would start a line of the
// caller's making ("org.passmirror.helper: request …: mounted") and an
// escape sequence would act on the administrator's terminal.
#include "helperlog.h"
#include "actionrequest.h"
#include "helperprotocol.h"
#include "passmirrorhelper_debug.h"
#include "randomid.h"

#include <QTest>

using namespace PassMirror;
using namespace Qt::StringLiterals;

namespace
{
QByteArrayList s_lines;

void capture(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    s_lines << helperLogLine(context.category, message);
}
} // namespace

class HelperLogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldWriteOneLinePerMessage_data()
    {
        QTest::addColumn<QByteArray>("category");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QByteArray>("line");
        const QByteArray own(PASSMIRROR_HELPER().categoryName());
        QTest::newRow("the helper's own") << own << u"request 1: refused [busy]"_s << QByteArray("org.passmirror.helper: request 1: refused [busy]\n");
        QTest::newRow("a library's") << QByteArray("kf.auth") << u"no caller"_s << QByteArray("org.passmirror.helper: kf.auth: no caller\n");
        QTest::newRow("Qt's default") << QByteArray("default") << u"x"_s << QByteArray("org.passmirror.helper: x\n");
        QTest::newRow("a forged line") << own << u"Unexpected argument \"x\norg.passmirror.helper: request 2: mounted\""_s
                                       << QByteArray("org.passmirror.helper: Unexpected argument \"x\\norg.passmirror.helper: request 2: mounted\"\n");
        QTest::newRow("an escape sequence") << own << u"proc is mounted at /home/eve/\x1b[2J\x1b]0;x\x07"_s
                                            << QByteArray("org.passmirror.helper: proc is mounted at /home/eve/\\x1b[2J\\x1b]0;x\\x07\n");
        QTest::newRow("UTF-8 as it is") << own << u"/home/ann/Fotos-ä"_s << QByteArray("org.passmirror.helper: /home/ann/Fotos-\xc3\xa4\n");
    }
    void shouldWriteOneLinePerMessage()
    {
        QFETCH(QByteArray, category);
        QFETCH(QString, message);
        QFETCH(QByteArray, line);
        QCOMPARE(helperLogLine(category.constData(), message), line);
    }

    // The whole way: an argument map with a forged name, refused, and the
    // refusal in the log.
    void shouldLogARefusedArgumentNameOnOneLine()
    {
        const QVariantMap arguments{
            {Protocol::RequestId, newRandomId()},
            {u"x\norg.passmirror.helper: mounted\x1b[8m"_s, true}, // within the 40 characters quoted
        };
        ActionRequest request;
        const MirrorResult refused = parseActionRequest(arguments, {Protocol::RequestId}, 1, request);
        QCOMPARE(refused.error, MirrorError::Usage);
        s_lines.clear();
        const QtMessageHandler previous = qInstallMessageHandler(capture);
        const QVariantMap answer = reply(arguments.value(Protocol::RequestId).toString(), refused);
        qInstallMessageHandler(previous);
        QCOMPARE(s_lines.size(), 1);
        QVERIFY2(s_lines.first().count('\n') == 1 && s_lines.first().endsWith('\n'), s_lines.first().constData());
        QVERIFY2(s_lines.first().contains("Unexpected argument \"x\\norg.passmirror.helper: mounted\\x1b[8m\""), s_lines.first().constData());
        QVERIFY(!s_lines.first().contains('\x1b'));
        QCOMPARE(answer.value(Protocol::Error).toInt(), int(MirrorError::Usage));
    }
};

QTEST_GUILESS_MAIN(HelperLogTest)
#include "helperlogtest.moc"
