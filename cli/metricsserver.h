// SPDX-License-Identifier: GPL-2.0-or-later
// A small HTTP/1.1 server for `passmirrorctl metrics --listen`: GET (and
// HEAD) /metrics answers with a fresh scrape, anything else 404 or 405.
// Plain sockets and the Qt event loop (Qt Core only): no HTTP library, so
// passmirror-daemon gains no dependency.
//
// It listens on loopback addresses only (parseListenAddress refuses the
// rest): the counters tell which files are busy. Whoever may connect is
// still every local user, and none of them may pin its memory or hang it:
// a request head is at most MaxRequestBytes, a connection has
// RequestTimeout to send it and ResponseTimeout to take the answer, every
// answer closes the connection, and past MaxConnections the oldest
// connection still waiting for its request is dropped.
#pragma once

#include "uniquefd.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <netinet/in.h>
#include <variant>

class QSocketNotifier;

namespace PassMirror::Ctl
{

struct ListenAddress {
    int family = AF_INET; // AF_INET or AF_INET6
    QByteArray host; // numeric: "127.0.0.1", "::1"
    quint16 port = 0; // 0: any free port

    // "127.0.0.1:9731", "[::1]:9731"
    [[nodiscard]] QByteArray toText() const;
};

// HOST:PORT with HOST a loopback address: 127.0.0.0/8, [::1], or
// localhost (taken as 127.0.0.1, never looked up); PORT 0 to 65535. Else
// why not, in words for a usage error.
[[nodiscard]] std::variant<ListenAddress, QString> parseListenAddress(const QByteArray &text);

class MetricsServer : public QObject
{
public:
    using Scrape = std::function<QByteArray()>;

    static constexpr qsizetype MaxRequestBytes = 8192;
    static constexpr int MaxConnections = 16;
    static constexpr std::chrono::milliseconds RequestTimeout{5000};
    static constexpr std::chrono::milliseconds ResponseTimeout{10000};

    // `scrape` gives the body of each GET /metrics when it comes.
    explicit MetricsServer(Scrape scrape, QObject *parent = nullptr);
    ~MetricsServer() override;

    // Binds and listens; false with errorString() set when it cannot.
    [[nodiscard]] bool listen(const ListenAddress &address);
    // Where it listens, the port chosen when 0 was asked for.
    [[nodiscard]] ListenAddress address() const
    {
        return m_address;
    }
    [[nodiscard]] const QString &errorString() const
    {
        return m_error;
    }

private:
    class Connection;

    void acceptAll();
    void answer(Connection *connection);
    void drop(Connection *connection);

    Scrape m_scrape;
    UniqueFd m_listener;
    QSocketNotifier *m_acceptor = nullptr;
    ListenAddress m_address;
    QString m_error;
    QList<Connection *> m_connections; // oldest first; children of this
};

} // namespace PassMirror::Ctl
