// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrorctl metrics' HTTP server on its own, in this process, with real
// sockets on the loopback: the addresses it takes, what it answers, and
// that clients which send too much, too slowly or nothing at all are cut
// off. The command on real mirrors is tests/cli/metricstest.cpp.
#include "metricsserver.h"
#include "metricsformat.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace PassMirror::Ctl;

namespace
{

struct Reply {
    QByteArray status; // "200 OK"
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
};

Reply parseReply(const QByteArray &raw)
{
    Reply reply;
    const qsizetype end = raw.indexOf("\r\n\r\n");
    if (end < 0) {
        return reply;
    }
    const QList<QByteArray> head = raw.left(end).split('\n');
    reply.status = head.first().trimmed().mid(int(strlen("HTTP/1.1 ")));
    for (qsizetype i = 1; i < head.size(); ++i) {
        const qsizetype colon = head[i].indexOf(':');
        reply.headers.insert(head[i].left(colon).trimmed().toLower(), head[i].mid(colon + 1).trimmed());
    }
    reply.body = raw.mid(end + 4);
    return reply;
}

// A client socket connected to `address`, or null.
std::unique_ptr<QTcpSocket> connectTo(const ListenAddress &address)
{
    auto socket = std::make_unique<QTcpSocket>();
    QSignalSpy connected(socket.get(), &QTcpSocket::connected);
    socket->connectToHost(QHostAddress(QString::fromLatin1(address.host)), address.port);
    if (!connected.wait(5000)) {
        return nullptr;
    }
    return socket;
}

// Sends `request` and reads until the server closes (it closes after every answer).
QByteArray exchange(const ListenAddress &address, const QByteArray &request)
{
    auto socket = connectTo(address);
    if (!socket) {
        return {};
    }
    QByteArray received;
    QObject::connect(socket.get(), &QTcpSocket::readyRead, socket.get(), [&received, client = socket.get()]() {
        received += client->readAll();
    });
    QSignalSpy closed(socket.get(), &QTcpSocket::disconnected);
    socket->write(request);
    if (!closed.wait(8000)) {
        return {};
    }
    return received + socket->readAll();
}

ListenAddress loopback()
{
    return std::get<ListenAddress>(parseListenAddress("127.0.0.1:0"));
}

} // namespace

class MetricsServerTest : public QObject
{
    Q_OBJECT

    int m_scrapes = 0;
    std::unique_ptr<MetricsServer> m_server;

    ListenAddress address() const
    {
        return m_server->address();
    }

private Q_SLOTS:
    void init()
    {
        m_scrapes = 0;
        m_server = std::make_unique<MetricsServer>([this]() {
            return QByteArray("# HELP scrapes Scrapes so far\n# TYPE scrapes gauge\nscrapes ") + QByteArray::number(++m_scrapes) + '\n';
        });
        QVERIFY2(m_server->listen(loopback()), qPrintable(m_server->errorString()));
        QVERIFY(m_server->address().port != 0);
    }

    void cleanup()
    {
        m_server.reset();
    }

    void shouldTakeOnlyLoopbackAddresses_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("listensOn"); // empty: refused
        QTest::addColumn<QString>("why");
        QTest::newRow("IPv4 loopback") << QByteArray("127.0.0.1:9731") << QByteArray("127.0.0.1:9731") << QString();
        QTest::newRow("elsewhere in 127/8") << QByteArray("127.1.2.3:80") << QByteArray("127.1.2.3:80") << QString();
        QTest::newRow("port 0") << QByteArray("127.0.0.1:0") << QByteArray("127.0.0.1:0") << QString();
        QTest::newRow("localhost") << QByteArray("localhost:9731") << QByteArray("127.0.0.1:9731") << QString();
        QTest::newRow("IPv6 loopback") << QByteArray("[::1]:9731") << QByteArray("[::1]:9731") << QString();
        QTest::newRow("IPv6 loopback written long") << QByteArray("[0:0:0:0:0:0:0:1]:1") << QByteArray("[::1]:1") << QString();
        QTest::newRow("any IPv4") << QByteArray("0.0.0.0:9731") << QByteArray() << QStringLiteral("refusing 0.0.0.0: only loopback");
        QTest::newRow("any IPv6") << QByteArray("[::]:9731") << QByteArray() << QStringLiteral("refusing [::]: only loopback");
        QTest::newRow("LAN address") << QByteArray("192.168.1.2:9731") << QByteArray() << QStringLiteral("only loopback");
        QTest::newRow("IPv4-mapped loopback") << QByteArray("[::ffff:127.0.0.1]:9731") << QByteArray() << QStringLiteral("only loopback");
        QTest::newRow("host name") << QByteArray("example.org:9731") << QByteArray() << QStringLiteral("not an IPv4 address");
        QTest::newRow("short IPv4") << QByteArray("127.1:9731") << QByteArray() << QStringLiteral("not an IPv4 address");
        QTest::newRow("no port") << QByteArray("127.0.0.1") << QByteArray() << QStringLiteral("HOST:PORT");
        QTest::newRow("empty port") << QByteArray("127.0.0.1:") << QByteArray() << QStringLiteral("port must be a number");
        QTest::newRow("port too big") << QByteArray("127.0.0.1:65536") << QByteArray() << QStringLiteral("port must be a number");
        QTest::newRow("negative port") << QByteArray("127.0.0.1:-1") << QByteArray() << QStringLiteral("port must be a number");
        QTest::newRow("port with sign") << QByteArray("127.0.0.1:+80") << QByteArray() << QStringLiteral("port must be a number");
        QTest::newRow("IPv6 without brackets") << QByteArray("::1:9731") << QByteArray() << QStringLiteral("in brackets");
        QTest::newRow("IPv6 without colon") << QByteArray("[::1]9731") << QByteArray() << QStringLiteral("in brackets");
        QTest::newRow("empty") << QByteArray() << QByteArray() << QStringLiteral("HOST:PORT");
    }
    void shouldTakeOnlyLoopbackAddresses()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, listensOn);
        QFETCH(QString, why);
        const auto parsed = parseListenAddress(text);
        if (listensOn.isEmpty()) {
            const auto *refused = std::get_if<QString>(&parsed);
            QVERIFY(refused);
            QVERIFY2(refused->contains(why), qPrintable(*refused));
        } else {
            const auto *refused = std::get_if<QString>(&parsed);
            QVERIFY2(!refused, refused ? qPrintable(*refused) : "");
            QCOMPARE(std::get<ListenAddress>(parsed).toText(), listensOn);
        }
    }

    void shouldAnswer_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QByteArray>("status");
        QTest::addColumn<bool>("scraped");
        QTest::addColumn<bool>("withBody");
        QTest::newRow("GET /metrics") << QByteArray("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n") << QByteArray("200 OK") << true << true;
        QTest::newRow("with a query") << QByteArray("GET /metrics?name[]=up HTTP/1.1\r\n\r\n") << QByteArray("200 OK") << true << true;
        QTest::newRow("HTTP/1.0, bare line feeds") << QByteArray("GET /metrics HTTP/1.0\n\n") << QByteArray("200 OK") << true << true;
        QTest::newRow("HEAD /metrics") << QByteArray("HEAD /metrics HTTP/1.1\r\n\r\n") << QByteArray("200 OK") << true << false;
        QTest::newRow("GET /") << QByteArray("GET / HTTP/1.1\r\n\r\n") << QByteArray("404 Not Found") << false << true;
        QTest::newRow("GET /other") << QByteArray("GET /other HTTP/1.1\r\n\r\n") << QByteArray("404 Not Found") << false << true;
        QTest::newRow("GET /metrics/") << QByteArray("GET /metrics/ HTTP/1.1\r\n\r\n") << QByteArray("404 Not Found") << false << true;
        QTest::newRow("POST with a body") << QByteArray("POST /metrics HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello") << QByteArray("405 Method Not Allowed")
                                          << false << true;
        QTest::newRow("DELETE") << QByteArray("DELETE /metrics HTTP/1.1\r\n\r\n") << QByteArray("405 Method Not Allowed") << false << true;
        QTest::newRow("not HTTP") << QByteArray("hello\r\n\r\n") << QByteArray("400 Bad Request") << false << true;
        QTest::newRow("HTTP/2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << QByteArray("400 Bad Request") << false << true;
    }
    void shouldAnswer()
    {
        QFETCH(QByteArray, request);
        QFETCH(QByteArray, status);
        QFETCH(bool, scraped);
        QFETCH(bool, withBody);
        const QByteArray raw = exchange(address(), request);
        QVERIFY2(raw.startsWith("HTTP/1.1 "), raw.constData());
        const Reply reply = parseReply(raw);
        QCOMPARE(reply.status, status);
        QCOMPARE(m_scrapes, scraped ? 1 : 0);
        QCOMPARE(reply.headers.value("connection"), QByteArray("close"));
        if (scraped) {
            QCOMPARE(reply.headers.value("content-type"), QByteArray(Metrics::ContentType));
            QCOMPARE(reply.headers.value("content-length"),
                     QByteArray::number(QByteArray("# HELP scrapes Scrapes so far\n# TYPE scrapes gauge\nscrapes 1\n").size()));
        } else {
            QCOMPARE(reply.headers.value("content-type"), QByteArray("text/plain; charset=utf-8"));
        }
        if (withBody) {
            QCOMPARE(QByteArray::number(reply.body.size()), reply.headers.value("content-length"));
        } else {
            QVERIFY(reply.body.isEmpty());
        }
        if (status.startsWith("405")) {
            QCOMPARE(reply.headers.value("allow"), QByteArray("GET, HEAD"));
        }
    }

    void shouldScrapeAfreshForEveryRequest()
    {
        for (int i = 1; i <= 3; ++i) {
            const Reply reply = parseReply(exchange(address(), "GET /metrics HTTP/1.1\r\n\r\n"));
            QVERIFY2(reply.body.endsWith(QByteArray("scrapes " + QByteArray::number(i) + '\n')), reply.body.constData());
        }
    }

    void shouldRefuseAnOversizedRequest()
    {
        const QByteArray huge = "GET /metrics HTTP/1.1\r\nX-Padding: " + QByteArray(MetricsServer::MaxRequestBytes, 'a');
        const Reply reply = parseReply(exchange(address(), huge));
        QCOMPARE(reply.status, QByteArray("431 Request Header Fields Too Large"));
        QCOMPARE(m_scrapes, 0);
    }

    // A client that connects and sends nothing, and one that sends a byte
    // now and then, are both cut off once RequestTimeout has passed.
    void shouldCutOffSilentAndSlowClients()
    {
        auto silent = connectTo(address());
        auto slow = connectTo(address());
        QVERIFY(silent && slow);
        QSignalSpy silentClosed(silent.get(), &QTcpSocket::disconnected);
        QSignalSpy slowClosed(slow.get(), &QTcpSocket::disconnected);
        QElapsedTimer clock;
        clock.start();
        const QByteArray request = "GET /metrics HTTP/1.1\r\n";
        for (qsizetype i = 0; slowClosed.isEmpty() && clock.elapsed() < MetricsServer::RequestTimeout.count() + 3000; ++i) {
            slow->write(request.mid(i % request.size(), 1));
            QTest::qWait(250);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!silentClosed.isEmpty(), 3000);
        QVERIFY(!slowClosed.isEmpty());
        QVERIFY2(clock.elapsed() >= MetricsServer::RequestTimeout.count() - 500, QByteArray::number(clock.elapsed()).constData());
        QCOMPARE(m_scrapes, 0);
    }

    // MaxConnections clients that say nothing do not lock others out: the
    // oldest of them makes room for the next.
    void shouldMakeRoomWhenFull()
    {
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < MetricsServer::MaxConnections; ++i) {
            idle.push_back(connectTo(address()));
            QVERIFY(idle.back());
        }
        QSignalSpy oldestClosed(idle.front().get(), &QTcpSocket::disconnected);
        QSignalSpy newestClosed(idle.back().get(), &QTcpSocket::disconnected);
        const Reply reply = parseReply(exchange(address(), "GET /metrics HTTP/1.1\r\n\r\n"));
        QCOMPARE(reply.status, QByteArray("200 OK"));
        QTRY_VERIFY_WITH_TIMEOUT(!oldestClosed.isEmpty(), 2000);
        QVERIFY(newestClosed.isEmpty());
    }

    void shouldSayWhenThePortIsTaken()
    {
        MetricsServer second([]() {
            return QByteArray();
        });
        ListenAddress taken = loopback();
        taken.port = address().port;
        QVERIFY(!second.listen(taken));
        QVERIFY2(second.errorString().contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(taken.port)), qPrintable(second.errorString()));
    }

    void shouldServeOnIpv6Loopback()
    {
        MetricsServer server([]() {
            return QByteArray("up 1\n");
        });
        if (!server.listen(std::get<ListenAddress>(parseListenAddress("[::1]:0")))) {
            QSKIP(qPrintable(QStringLiteral("no IPv6 loopback here: ") + server.errorString()));
        }
        const Reply reply = parseReply(exchange(server.address(), "GET /metrics HTTP/1.1\r\n\r\n"));
        QCOMPARE(reply.status, QByteArray("200 OK"));
        QCOMPARE(reply.body, QByteArray("up 1\n"));
    }
};

QTEST_GUILESS_MAIN(MetricsServerTest)
#include "metricsservertest.moc"
