// SPDX-License-Identifier: GPL-2.0-or-later
// Calls org.passmirror.helper for the window and passmirrorctl.
//
// KAuth runs one action at a time, answers a second caller with HelperBusy
// (or with another caller's reply, or never), and matches replies by action
// name only. So this client:
//   - queues its requests and never has two calls out at once;
//   - gives every attempt a fresh request id and accepts only a reply that
//     carries one of this request's ids — anything else counts as busy;
//   - retries busy with jittered exponential backoff under its own watchdog
//     (per attempt and per request), and gives up with Timeout;
//   - reports a mount or unmount as done only once the registry and
//     /proc/self/mountinfo agree.
#pragma once

#include "mirrorresult.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QVariantMap>

#include <chrono>
#include <deque>
#include <functional>
#include <memory>

namespace PassMirror
{

// How a call reaches the helper; KAuthTransport in production, a replaying
// fake in unit tests. At most one call is outstanding; cancel() forgets it.
class HelperTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    // KAuth-level outcome: 0 for a reply with data, else a KAuth::ActionReply::Error value.
    virtual void call(const QString &action, const QVariantMap &arguments, std::chrono::milliseconds timeout) = 0;
    virtual void cancel() = 0;
    // Is this process authorised for `action` without interaction? (polkit, from the client)
    [[nodiscard]] virtual bool authorizedWithoutPrompt(const QString &action) = 0;
    // Would polkit allow `action` after authentication (auth_admin)? Only
    // for the words of a denial.
    [[nodiscard]] virtual bool needsAuthentication(const QString &action)
    {
        Q_UNUSED(action)
        return false;
    }

Q_SIGNALS:
    void replied(int kauthError, const QVariantMap &data, const QString &errorText);
};

class KAuthTransport : public HelperTransport
{
    Q_OBJECT
public:
    using HelperTransport::HelperTransport;
    void call(const QString &action, const QVariantMap &arguments, std::chrono::milliseconds timeout) override;
    void cancel() override;
    bool authorizedWithoutPrompt(const QString &action) override;
    bool needsAuthentication(const QString &action) override;

private:
    QPointer<QObject> m_job;
};

struct HelperRequest {
    enum class Kind {
        Mount,
        MountShared,
        Unmount,
        UnmountAny,
        UnmountAll,
        SetIoUring
    };
    Kind kind = Kind::Mount;
    QByteArray source; // absolute; the caller canonicalises, the helper re-checks
    QByteArray mountPoint;
    bool readOnly = false;
    QString passthrough = QStringLiteral("auto");
    bool force = false;
    bool enable = false; // SetIoUring: Y or N for the kernel's FUSE-over-io_uring switch
};

struct HelperResult {
    MirrorError error = MirrorError::None;
    QString message; // the helper's fixed text (fixedText())
    ErrorRole role = ErrorRole::None; // which path the error is about
    QString mirrorId; // mount
    int count = 0; // unmountall
    int attempts = 0;
    int busyRetries = 0; // busy replies, foreign replies and watchdog expiries
    qint64 elapsedMs = 0;
    [[nodiscard]] bool ok() const
    {
        return error == MirrorError::None;
    }
};

class HelperClient : public QObject
{
    Q_OBJECT
public:
    struct Options {
        std::chrono::milliseconds attemptTimeout{4000}; // the watchdog of one call
        std::chrono::milliseconds requestTimeout{30000}; // all attempts of one request
        std::chrono::milliseconds backoffStart{20};
        std::chrono::milliseconds backoffMax{400};
        std::chrono::milliseconds confirmTimeout{2000};
        // The watchdog of a call during which polkit may ask a person to
        // authenticate (a shared mirror's approval, an auth_admin action).
        std::chrono::milliseconds promptTimeout{120000};
        // How success is confirmed; empty: the registry and /proc/self/mountinfo.
        std::function<bool(const HelperRequest &request, const QString &mirrorId)> confirm;
    };

    explicit HelperClient(QObject *parent = nullptr);
    HelperClient(std::unique_ptr<HelperTransport> transport, Options options, QObject *parent = nullptr);
    ~HelperClient() override;

    // Queues a request; finished(ticket, result) follows, in order.
    quint64 enqueue(const HelperRequest &request);
    // For command-line tools: enqueue and wait in a local event loop. Never
    // use it inside a D-Bus handler.
    HelperResult run(const HelperRequest &request);

    // Turns the kernel's system-wide FUSE-over-io_uring switch on or off
    // (/sys/module/fuse/parameters/enable_uring; admin authentication).
    // finished(ticket, result) follows; IoUringUnavailable when the kernel
    // has no such switch. Reading it needs no helper: ioUringState().
    quint64 setIoUring(bool enable);

    [[nodiscard]] static QString actionName(HelperRequest::Kind kind);

Q_SIGNALS:
    void finished(quint64 ticket, const PassMirror::HelperResult &result);

private:
    struct Pending {
        quint64 ticket = 0;
        HelperRequest request;
        QSet<QString> requestIds;
        HelperResult result;
        QElapsedTimer clock;
        bool existedBefore = false;
        bool mayPrompt = false; // a person may be asked to authenticate during the call
        int consecutiveFailures = 0;
    };

    void startNext();
    void attempt();
    void onReplied(int kauthError, const QVariantMap &data, const QString &errorText);
    void onWatchdog();
    void retryLater();
    void confirmAndFinish(MirrorResult result, const QVariantMap &data);
    void finish(MirrorResult result);
    [[nodiscard]] bool confirmed() const;
    [[nodiscard]] QVariantMap argumentsFor(const QString &requestId) const;

    std::unique_ptr<HelperTransport> m_transport;
    Options m_options;
    std::deque<Pending> m_queue;
    quint64 m_nextTicket = 1;
    bool m_inFlight = false;
    QTimer m_watchdog;
    QTimer m_backoff;
    QTimer m_confirm;
    QElapsedTimer m_confirmClock;
};

// The mirror of this user at `mountPoint` that the registry and mountinfo
// both show, if any (its registry id).
[[nodiscard]] QString liveMirrorAt(const QByteArray &mountPoint);

} // namespace PassMirror

Q_DECLARE_METATYPE(PassMirror::HelperResult)
