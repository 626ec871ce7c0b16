// SPDX-License-Identifier: GPL-2.0-or-later
#include "metricsserver.h"

#include "metricsformat.h"
#include "passmirrorctl_debug.h"

#include <QSocketNotifier>
#include <QTimer>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <sys/socket.h>

namespace PassMirror::Ctl
{

namespace
{

QString errnoText(int error)
{
    return QString::fromLocal8Bit(::strerror(error));
}

const char loopbackOnly[] = "only loopback addresses are served (127.0.0.0/8, [::1], localhost): the counters tell which files are busy";

// An answer that ends the connection. HEAD gets the same head without the body.
QByteArray response(QByteArrayView status, QByteArrayView contentType, const QByteArray &body, bool withBody, QByteArrayView extraHeaders = {})
{
    QByteArray text = "HTTP/1.1 " + status.toByteArray() + "\r\nContent-Type: " + contentType.toByteArray()
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n" + extraHeaders.toByteArray() + "\r\n";
    if (withBody) {
        text += body;
    }
    return text;
}

QByteArray plain(QByteArrayView status, const QByteArray &body, bool withBody, QByteArrayView extraHeaders = {})
{
    return response(status, "text/plain; charset=utf-8", body, withBody, extraHeaders);
}

// Where the request head ends (after its empty line), or -1 while it has not.
qsizetype headEnd(const QByteArray &request)
{
    const qsizetype crlf = request.indexOf("\r\n\r\n");
    const qsizetype lf = request.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
        return crlf + 4;
    }
    return lf >= 0 ? lf + 2 : -1;
}

} // namespace

QByteArray ListenAddress::toText() const
{
    return (family == AF_INET6 ? '[' + host + ']' : host) + ':' + QByteArray::number(port);
}

std::variant<ListenAddress, QString> parseListenAddress(const QByteArray &text)
{
    ListenAddress address;
    QByteArray host;
    QByteArray port;
    if (text.startsWith('[')) {
        const qsizetype close = text.indexOf(']');
        if (close < 0 || text.mid(close + 1, 1) != ":") {
            return QStringLiteral("--listen takes HOST:PORT, an IPv6 address in brackets: [::1]:9731");
        }
        host = text.mid(1, close - 1);
        port = text.mid(close + 2);
        address.family = AF_INET6;
    } else {
        const qsizetype colon = text.lastIndexOf(':');
        if (colon < 0) {
            return QStringLiteral("--listen takes HOST:PORT, such as 127.0.0.1:9731");
        }
        host = text.left(colon);
        port = text.mid(colon + 1);
        if (host.contains(':')) {
            return QStringLiteral("--listen takes an IPv6 address in brackets: [::1]:9731");
        }
        address.family = AF_INET;
        if (host == "localhost") {
            host = "127.0.0.1";
        }
    }
    bool number = !port.isEmpty() && port.size() <= 5;
    for (const char c : std::as_const(port)) {
        number = number && c >= '0' && c <= '9';
    }
    if (!number || port.toUInt() > 65535) {
        return QStringLiteral("--listen: the port must be a number from 0 to 65535 (0: any free port)");
    }
    address.port = static_cast<quint16>(port.toUInt());

    const QString shown = QString::fromUtf8(host);
    char normalized[INET6_ADDRSTRLEN] = {};
    if (address.family == AF_INET) {
        in_addr ip{};
        if (::inet_pton(AF_INET, host.constData(), &ip) != 1) {
            return QStringLiteral("--listen: '%1' is not an IPv4 address; %2").arg(shown, QLatin1String(loopbackOnly));
        }
        if ((ntohl(ip.s_addr) >> 24) != 127) {
            return QStringLiteral("--listen: refusing %1: %2").arg(shown, QLatin1String(loopbackOnly));
        }
        ::inet_ntop(AF_INET, &ip, normalized, sizeof normalized);
    } else {
        in6_addr ip{};
        if (::inet_pton(AF_INET6, host.constData(), &ip) != 1) {
            return QStringLiteral("--listen: '%1' is not an IPv6 address; %2").arg(shown, QLatin1String(loopbackOnly));
        }
        if (!IN6_IS_ADDR_LOOPBACK(&ip)) {
            return QStringLiteral("--listen: refusing [%1]: %2").arg(shown, QLatin1String(loopbackOnly));
        }
        ::inet_ntop(AF_INET6, &ip, normalized, sizeof normalized);
    }
    address.host = normalized;
    return address;
}

// One client: its request head coming in, the answer going out, then the
// wait for the client to close (reading and throwing away what it still
// sends, so that closing never resets the connection under the answer).
class MetricsServer::Connection : public QObject
{
public:
    enum class Phase {
        Request,
        Response,
        Closing
    };

    Connection(UniqueFd socket, QObject *parent)
        : QObject(parent)
        , fd(std::move(socket))
        , reader(fd.get(), QSocketNotifier::Read)
        , writer(fd.get(), QSocketNotifier::Write)
    {
        writer.setEnabled(false);
        deadline.setSingleShot(true);
    }

    ~Connection() override
    {
        reader.setEnabled(false);
        writer.setEnabled(false);
    }

    UniqueFd fd; // first: closed after the notifiers are gone
    QSocketNotifier reader;
    QSocketNotifier writer;
    QTimer deadline;
    Phase phase = Phase::Request;
    QByteArray request;
    QByteArray answer;
    qsizetype sent = 0;
};

MetricsServer::MetricsServer(Scrape scrape, QObject *parent)
    : QObject(parent)
    , m_scrape(std::move(scrape))
{
}

MetricsServer::~MetricsServer() = default;

bool MetricsServer::listen(const ListenAddress &address)
{
    const QString where = QString::fromUtf8(address.toText());
    sockaddr_storage storage{};
    socklen_t length = 0;
    if (address.family == AF_INET6) {
        auto *ip = reinterpret_cast<sockaddr_in6 *>(&storage);
        ip->sin6_family = AF_INET6;
        ip->sin6_port = htons(address.port);
        if (::inet_pton(AF_INET6, address.host.constData(), &ip->sin6_addr) != 1) {
            m_error = QStringLiteral("cannot listen on %1: not an address").arg(where);
            return false;
        }
        length = sizeof(sockaddr_in6);
    } else {
        auto *ip = reinterpret_cast<sockaddr_in *>(&storage);
        ip->sin_family = AF_INET;
        ip->sin_port = htons(address.port);
        if (::inet_pton(AF_INET, address.host.constData(), &ip->sin_addr) != 1) {
            m_error = QStringLiteral("cannot listen on %1: not an address").arg(where);
            return false;
        }
        length = sizeof(sockaddr_in);
    }
    UniqueFd listener(::socket(address.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    const int on = 1;
    if (!listener || ::setsockopt(listener.get(), SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0
        || (address.family == AF_INET6 && ::setsockopt(listener.get(), IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on) != 0)
        || ::bind(listener.get(), reinterpret_cast<const sockaddr *>(&storage), length) != 0 || ::listen(listener.get(), 64) != 0
        || ::getsockname(listener.get(), reinterpret_cast<sockaddr *>(&storage), &length) != 0) {
        m_error = QStringLiteral("cannot listen on %1: %2").arg(where, errnoText(errno));
        return false;
    }
    m_address = address;
    m_address.port = ntohs(address.family == AF_INET6 ? reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_port
                                                      : reinterpret_cast<const sockaddr_in *>(&storage)->sin_port);
    m_listener = std::move(listener);
    m_acceptor = new QSocketNotifier(m_listener.get(), QSocketNotifier::Read, this);
    connect(m_acceptor, &QSocketNotifier::activated, this, &MetricsServer::acceptAll);
    return true;
}

void MetricsServer::acceptAll()
{
    while (true) {
        UniqueFd socket(::accept4(m_listener.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (!socket) {
            const int error = errno;
            if (error == EINTR || error == ECONNABORTED) {
                continue;
            }
            if (error == EMFILE || error == ENFILE || error == ENOBUFS || error == ENOMEM) {
                // Out of descriptors: pause instead of spinning on a listener that stays readable.
                qCWarning(PASSMIRROR_CLI) << "metrics: cannot accept a connection:" << errnoText(error);
                m_acceptor->setEnabled(false);
                QTimer::singleShot(std::chrono::milliseconds(200), m_acceptor, [acceptor = m_acceptor]() {
                    acceptor->setEnabled(true);
                });
            }
            return; // EAGAIN: all taken
        }
        if (m_connections.size() >= MaxConnections) {
            // Make room: the oldest that has not even sent its request goes.
            Connection *idle = nullptr;
            for (Connection *connection : std::as_const(m_connections)) {
                if (connection->phase == Connection::Phase::Request) {
                    idle = connection;
                    break;
                }
            }
            if (!idle) {
                qCDebug(PASSMIRROR_CLI) << "metrics: too many connections, refusing one";
                continue; // `socket` closes
            }
            qCDebug(PASSMIRROR_CLI) << "metrics: too many connections, dropping the oldest waiting one";
            drop(idle);
        }
        auto *connection = new Connection(std::move(socket), this);
        m_connections.append(connection);
        connect(&connection->deadline, &QTimer::timeout, connection, [this, connection]() {
            qCDebug(PASSMIRROR_CLI) << "metrics: a connection timed out";
            drop(connection);
        });
        connect(&connection->reader, &QSocketNotifier::activated, connection, [this, connection]() {
            char buffer[4096];
            while (true) {
                qsizetype room = sizeof buffer;
                if (connection->phase == Connection::Phase::Request) {
                    room = std::min<qsizetype>(room, MaxRequestBytes + 1 - connection->request.size());
                }
                const ssize_t got = ::recv(connection->fd.get(), buffer, static_cast<size_t>(room), 0);
                if (got < 0 && errno == EINTR) {
                    continue;
                }
                if (got < 0 && errno == EAGAIN) {
                    return;
                }
                if (got <= 0) {
                    drop(connection); // closed by the client, or broken
                    return;
                }
                if (connection->phase == Connection::Phase::Request) {
                    connection->request.append(buffer, got);
                    if (headEnd(connection->request) >= 0 || connection->request.size() > MaxRequestBytes) {
                        answer(connection);
                        return;
                    }
                }
                // Closing: what the client still sends is thrown away.
            }
        });
        connect(&connection->writer, &QSocketNotifier::activated, connection, [this, connection]() {
            answer(connection);
        });
        connection->deadline.start(RequestTimeout);
    }
}

// Decides the answer once the request head is in, then sends as much of it
// as the socket takes; called again whenever the socket takes more.
void MetricsServer::answer(Connection *connection)
{
    if (connection->phase == Connection::Phase::Request) {
        const QByteArray &request = connection->request;
        const qsizetype end = headEnd(request);
        QByteArray &answer = connection->answer;
        if (end < 0) {
            answer = plain("431 Request Header Fields Too Large", "The request is too large.\n", true);
        } else {
            const QList<QByteArray> line = request.left(request.indexOf('\n')).trimmed().split(' ');
            if (line.size() != 3 || !line[1].startsWith('/') || !line[2].startsWith("HTTP/1.")) {
                answer = plain("400 Bad Request", "This is not an HTTP/1 request.\n", true);
            } else {
                const QByteArray &method = line[0];
                const QByteArray path = line[1].left(line[1].indexOf('?') < 0 ? line[1].size() : line[1].indexOf('?'));
                const bool withBody = method != "HEAD";
                if (path != "/metrics") {
                    answer = plain("404 Not Found", "Not found: the metrics are at /metrics\n", withBody);
                } else if (method != "GET" && method != "HEAD") {
                    answer = plain("405 Method Not Allowed", "Only GET and HEAD are served.\n", true, "Allow: GET, HEAD\r\n");
                } else {
                    answer = response("200 OK", Metrics::ContentType, m_scrape(), withBody);
                }
                qCDebug(PASSMIRROR_CLI) << "metrics:" << method << line[1] << "->" << answer.left(answer.indexOf('\r'));
            }
        }
        connection->request.clear();
        connection->phase = Connection::Phase::Response;
        connection->reader.setEnabled(false);
        connection->deadline.start(ResponseTimeout);
    }
    if (connection->phase != Connection::Phase::Response) {
        return;
    }
    while (connection->sent < connection->answer.size()) {
        const ssize_t sent = ::send(connection->fd.get(),
                                    connection->answer.constData() + connection->sent,
                                    static_cast<size_t>(connection->answer.size() - connection->sent),
                                    MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR) {
            continue;
        }
        if (sent < 0 && errno == EAGAIN) {
            connection->writer.setEnabled(true);
            return;
        }
        if (sent < 0) {
            drop(connection);
            return;
        }
        connection->sent += sent;
    }
    // All sent: say so, and wait (within the deadline) for the client to close.
    connection->answer.clear();
    connection->writer.setEnabled(false);
    connection->phase = Connection::Phase::Closing;
    ::shutdown(connection->fd.get(), SHUT_WR);
    connection->reader.setEnabled(true);
}

void MetricsServer::drop(Connection *connection)
{
    if (!m_connections.removeOne(connection)) {
        return;
    }
    connection->reader.setEnabled(false);
    connection->writer.setEnabled(false);
    connection->deadline.stop();
    connection->fd.reset();
    connection->deleteLater(); // maybe called from its own notifier
}

} // namespace PassMirror::Ctl
