// SPDX-License-Identifier: GPL-2.0-or-later
// HelperClient against a scripted transport: every way KAuth 6 answers a
// caller while another one is served (busy, someone else's reply, silence,
// someone else's denial), from a table.
#include "helperclient.h"
#include "helperprotocol.h"
#include "randomid.h"

#include <KAuth/ActionReply>

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace PassMirror;

Q_DECLARE_METATYPE(PassMirror::MirrorError)

namespace
{
// One scripted answer per call, in order.
enum class Answer {
    OwnTyped, // our request id, the error of the row
    OwnSuccess,
    Foreign, // another caller's reply (someone else's request id)
    Busy, // HelperBusy
    Silent, // never answers (KAuth waiting forever)
    Denied, // AuthorizationDenied
    DBusFailure,
    EarlierId, // a late reply to our previous attempt
};

class ScriptedTransport : public HelperTransport
{
public:
    QList<Answer> script;
    MirrorError typedError = MirrorError::None;
    bool authorized = true;
    int calls = 0;
    int cancels = 0;
    int outstanding = 0;
    int maxOutstanding = 0;
    QStringList ids;

    void call(const QString &, const QVariantMap &arguments, std::chrono::milliseconds) override
    {
        ++calls;
        maxOutstanding = std::max(maxOutstanding, ++outstanding);
        ids.append(arguments.value(Protocol::RequestId).toString());
        const Answer answer = script.isEmpty() ? Answer::Busy : script.takeFirst();
        if (answer == Answer::Silent) {
            return;
        }
        QTimer::singleShot(1, this, [this, answer]() {
            --outstanding;
            QVariantMap data{{Protocol::RequestId, ids.last()},
                             {Protocol::Error, static_cast<int>(typedError)},
                             {Protocol::Role, static_cast<int>(ErrorRole::MountPoint)},
                             {Protocol::Message, fixedText(typedError, ErrorRole::MountPoint)}};
            switch (answer) {
            case Answer::OwnSuccess:
                data[Protocol::Error] = 0;
                data[Protocol::MirrorId] = QStringLiteral("0123456789abcdef0123456789abcdef");
                Q_EMIT replied(KAuth::ActionReply::NoError, data, {});
                break;
            case Answer::OwnTyped:
                Q_EMIT replied(KAuth::ActionReply::NoError, data, {});
                break;
            case Answer::EarlierId:
                data[Protocol::RequestId] = ids.value(ids.size() - 2);
                Q_EMIT replied(KAuth::ActionReply::NoError, data, {});
                break;
            case Answer::Foreign:
                data[Protocol::RequestId] = newRandomId();
                data[Protocol::Error] = 0;
                Q_EMIT replied(KAuth::ActionReply::NoError, data, {});
                break;
            case Answer::Busy:
                Q_EMIT replied(KAuth::ActionReply::HelperBusyError, {}, {});
                break;
            case Answer::Denied:
                Q_EMIT replied(KAuth::ActionReply::AuthorizationDeniedError, {}, {});
                break;
            case Answer::DBusFailure:
                Q_EMIT replied(KAuth::ActionReply::DBusError, {}, QStringLiteral("no bus"));
                break;
            case Answer::Silent:
                break;
            }
        });
    }
    void cancel() override
    {
        ++cancels;
        outstanding = 0;
    }
    bool authorizedWithoutPrompt(const QString &) override
    {
        return authorized;
    }
};

HelperClient::Options fastOptions()
{
    HelperClient::Options options;
    options.attemptTimeout = std::chrono::milliseconds(100);
    options.promptTimeout = std::chrono::milliseconds(100);
    options.requestTimeout = std::chrono::milliseconds(1500);
    options.backoffStart = std::chrono::milliseconds(1);
    options.backoffMax = std::chrono::milliseconds(10);
    options.confirmTimeout = std::chrono::milliseconds(100);
    options.confirm = [](const HelperRequest &, const QString &) {
        return true;
    };
    return options;
}

HelperRequest unmountRequest()
{
    HelperRequest request;
    request.kind = HelperRequest::Kind::Unmount;
    request.mountPoint = "/home/tester/m";
    return request;
}
} // namespace

class HelperClientTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldAnswerEachWayKAuthReplies_data()
    {
        QTest::addColumn<QList<Answer>>("script");
        QTest::addColumn<bool>("authorized");
        QTest::addColumn<MirrorError>("expected");
        QTest::addColumn<int>("attempts");
        QTest::addColumn<int>("busyRetries");
        const auto typed = MirrorError::MountPointNotEmpty;
        QTest::newRow("own typed error") << QList<Answer>{Answer::OwnTyped} << true << typed << 1 << 0;
        QTest::newRow("own success") << QList<Answer>{Answer::OwnSuccess} << true << MirrorError::None << 1 << 0;
        QTest::newRow("someone else's reply, then ours") << QList<Answer>{Answer::Foreign, Answer::OwnTyped} << true << typed << 2 << 1;
        QTest::newRow("busy twice") << QList<Answer>{Answer::Busy, Answer::Busy, Answer::OwnSuccess} << true << MirrorError::None << 3 << 2;
        QTest::newRow("silence, then ours") << QList<Answer>{Answer::Silent, Answer::OwnTyped} << true << typed << 2 << 1;
        QTest::newRow("late reply to an earlier attempt") << QList<Answer>{Answer::Busy, Answer::EarlierId} << true << typed << 2 << 1;
        QTest::newRow("someone else's denial") << QList<Answer>{Answer::Denied, Answer::OwnTyped} << true << typed << 2 << 1;
        QTest::newRow("our denial") << QList<Answer>{Answer::Denied} << false << MirrorError::AuthorizationDenied << 1 << 0;
        QTest::newRow("no helper") << QList<Answer>{Answer::DBusFailure, Answer::DBusFailure, Answer::DBusFailure} << true << MirrorError::HelperUnavailable
                                   << 3 << 0;
        QTest::newRow("busy for ever") << QList<Answer>{} << true << MirrorError::Timeout << -1 << -1;
    }
    void shouldAnswerEachWayKAuthReplies()
    {
        QFETCH(QList<Answer>, script);
        QFETCH(bool, authorized);
        QFETCH(MirrorError, expected);
        QFETCH(int, attempts);
        QFETCH(int, busyRetries);
        auto transport = std::make_unique<ScriptedTransport>();
        transport->script = script;
        transport->authorized = authorized;
        transport->typedError = MirrorError::MountPointNotEmpty;
        ScriptedTransport *scripted = transport.get();
        HelperClient client(std::move(transport), fastOptions());
        QElapsedTimer clock;
        clock.start();
        const HelperResult result = client.run(unmountRequest());
        QCOMPARE(result.error, expected);
        if (attempts >= 0) {
            QCOMPARE(result.attempts, attempts);
            QCOMPARE(result.busyRetries, busyRetries);
        }
        QCOMPARE(scripted->maxOutstanding, 1);
        QVERIFY(clock.elapsed() < 2500); // never past the request watchdog
        if (!result.ok()) {
            QVERIFY(!result.message.isEmpty());
        }
        if (result.error == MirrorError::MountPointNotEmpty) {
            // The helper's typed answer, as it came: its fixed text and role.
            QCOMPARE(result.message, fixedText(MirrorError::MountPointNotEmpty, ErrorRole::MountPoint));
            QCOMPARE(result.role, ErrorRole::MountPoint);
        }
    }

    void shouldRunQueuedRequestsOneAtATimeInOrder()
    {
        auto transport = std::make_unique<ScriptedTransport>();
        transport->script = {Answer::Busy, Answer::OwnSuccess, Answer::Foreign, Answer::OwnSuccess, Answer::OwnSuccess};
        ScriptedTransport *scripted = transport.get();
        HelperClient client(std::move(transport), fastOptions());
        QSignalSpy finished(&client, &HelperClient::finished);
        const quint64 first = client.enqueue(unmountRequest());
        const quint64 second = client.enqueue(unmountRequest());
        const quint64 third = client.enqueue(unmountRequest());
        QTRY_COMPARE(finished.count(), 3);
        QCOMPARE(finished.at(0).at(0).toULongLong(), first);
        QCOMPARE(finished.at(1).at(0).toULongLong(), second);
        QCOMPARE(finished.at(2).at(0).toULongLong(), third);
        QCOMPARE(scripted->maxOutstanding, 1);
        QCOMPARE(scripted->calls, 5);
        QCOMPARE(QSet<QString>(scripted->ids.begin(), scripted->ids.end()).size(), 5); // a fresh id every attempt
    }

    void shouldNotReportSuccessUntilConfirmed()
    {
        auto transport = std::make_unique<ScriptedTransport>();
        transport->script = {Answer::OwnSuccess};
        auto options = fastOptions();
        options.confirm = [](const HelperRequest &, const QString &) {
            return false;
        };
        HelperClient client(std::move(transport), options);
        const HelperResult result = client.run(unmountRequest());
        QCOMPARE(result.error, MirrorError::Internal);
    }
};

QTEST_GUILESS_MAIN(HelperClientTest)
#include "helperclienttest.moc"
