// SPDX-License-Identifier: GPL-2.0-or-later
// What the window and the tray do to mirrors: keeps the saved list in the
// store, asks the helper (through core's queued HelperClient) to mount and
// unmount, and tells the model what is pending, what failed and why, which
// registry entries the watcher sees and what it samples.
#pragma once

#include "helperclient.h"
#include "mirrorconfig.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

#include <chrono>
#include <memory>

namespace PassMirror
{

class MirrorListModel;
class MirrorWatcher;

class MirrorController : public QObject
{
    Q_OBJECT
public:
    // How often the watcher samples the counters of the mirrors shown.
    static constexpr std::chrono::milliseconds SampleInterval{100};

    MirrorController(MirrorListModel *model, MirrorWatcher *watcher, std::unique_ptr<HelperClient> client, const MirrorStore &store, QObject *parent = nullptr);
    ~MirrorController() override;

    // Loads the saved mirrors, adopts the live ones and starts sampling.
    void start();

    [[nodiscard]] MirrorListModel *model() const
    {
        return m_model;
    }
    [[nodiscard]] const MirrorStore &store() const
    {
        return m_store;
    }

    int addMirror(const MirrorConfig &config);
    void editMirror(int row, const MirrorConfig &config);
    // Unmounts first when mounted.
    void removeMirror(int row);

    // Who asked: the person (a click, a shortcut) or the session follower.
    // A busy mirror asks the person whether to force only when they asked.
    enum class Origin {
        Person,
        Session
    };
    Q_ENUM(Origin)

    void mount(int row, Origin origin = Origin::Person);
    void unmount(int row, bool force = false, Origin origin = Origin::Person);
    void toggle(int row);
    void mountAll();
    void unmountAll(bool force = false);
    // Mounts every saved mirror marked "mount at login".
    void mountAtLogin();

    [[nodiscard]] bool hasPendingRequests() const
    {
        return !m_requests.isEmpty();
    }
    [[nodiscard]] bool canMount(int row) const;
    [[nodiscard]] bool canUnmount(int row) const;

    // The kernel's system-wide FUSE-over-io_uring switch, through the
    // helper (admin authentication); ioUringFinished follows.
    void setIoUring(bool enable);

    [[nodiscard]] bool startAtLogin() const;
    void setStartAtLogin(bool enabled);

    // Programs of this user that use something under `mountPoint`: "name
    // (pid)"; not the mirror's own supervisor and daemon.
    [[nodiscard]] QStringList holdersOf(const QString &mountPoint) const;

Q_SIGNALS:
    void mounted(const QString &name, const QString &mountPoint);
    void unmounted(const QString &name);
    // A request failed; `message` says why, in words.
    void failed(const QString &name, const QString &message);
    // An unmount failed because programs use the mirror.
    void unmountBusy(const QString &name, const QString &mountPoint, const QStringList &holders, PassMirror::MirrorController::Origin origin);
    void mountAtLoginFinished(int mountedCount, int failedCount);
    // `message` is empty on success, else why, in words.
    void ioUringFinished(bool enable, const QString &message);
    void requestsFinished();
    // A mirror was added, edited or removed (and saved).
    void savedMirrorsChanged();

private:
    struct Request {
        HelperRequest::Kind kind;
        QString mountPoint;
        QString name;
        QString source; // mounts only: for the error sentence
        bool enable = false; // SetIoUring
        bool removeAfter = false;
        bool loginPass = false;
        Origin origin = Origin::Person;
    };

    void send(const HelperRequest &request, const Request &what);
    void onFinished(quint64 ticket, const PassMirror::HelperResult &result);
    void showEntries();
    void save();

    MirrorListModel *m_model;
    MirrorWatcher *m_watcher;
    QElapsedTimer m_clock; // the samples' time
    std::unique_ptr<HelperClient> m_client;
    MirrorStore m_store;
    QHash<quint64, Request> m_requests;
    int m_loginMounted = 0;
    int m_loginFailed = 0;
    int m_loginPending = 0;
};

} // namespace PassMirror
