// SPDX-License-Identifier: GPL-2.0-or-later
// MountService::mount on its own: real folders validated as a real user
// (tester) and a real registry folder, with passmirrord and the
// administrator's answer replaced by recorders. What is checked is what the
// helper hands passmirrord (the named fields and the time it may take) and
// that a refused or failed start leaves no registry entry. The whole path,
// with real polkitd and passmirrord, is tests/helper (helper.bus, helper.admin).
// Runs as root (folders owned by tester; the registry is root's).
#include "mountservice.h"
#include "daemonlauncher.h"
#include "helperprotocol.h"
#include "mirrorregistry.h"
#include "randomid.h"
#include "sharedmountapproval.h"
#include "useridentity.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <chrono>
#include <optional>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace PassMirror;
using namespace std::chrono_literals;

namespace
{

// Stands in for passmirrord: remembers what it was asked and answers with a
// refusal (so nothing is ever mounted).
struct LaunchLog {
    std::optional<DaemonLaunch> launch;
    std::chrono::milliseconds deadline{0};
};

class RecordingLauncher : public DaemonLauncher
{
public:
    explicit RecordingLauncher(LaunchLog &log)
        : m_log(log)
    {
    }
    Outcome run(const DaemonLaunch &launch, std::chrono::milliseconds deadline) override
    {
        m_log.launch = launch;
        m_log.deadline = deadline;
        return Outcome{.finished = true, .exitCode = static_cast<int>(MirrorError::MountFailed), .errorLine = "passmirrord: refused by the test"};
    }

private:
    LaunchLog &m_log;
};

// Stands in for the administrator: answers after `delay`, yes or no, and
// remembers the folders asked about.
class SlowAdministrator : public SharedMountApproval
{
public:
    SlowAdministrator(std::chrono::milliseconds delay, bool approves, QByteArrayList &asked)
        : m_delay(delay)
        , m_approves(approves)
        , m_asked(asked)
    {
    }
    MirrorResult approve(const QString &, uid_t, const QByteArray &source, const QByteArray &mountPoint) override
    {
        m_asked << source << mountPoint;
        std::this_thread::sleep_for(m_delay);
        return m_approves ? MirrorResult::success() : MirrorResult::failure(MirrorError::AuthorizationDenied, QStringLiteral("denied by the test"));
    }

private:
    std::chrono::milliseconds m_delay;
    bool m_approves;
    QByteArrayList &m_asked;
};

QVariantMap mountArguments(const QString &source, const QString &mountPoint, bool shared)
{
    QVariantMap arguments{
        {Protocol::RequestId, newRandomId()},
        {Protocol::Source, source},
        {Protocol::MountPoint, mountPoint},
        {Protocol::ReadOnly, false},
        {Protocol::Passthrough, QStringLiteral("off")},
    };
    if (shared) {
        arguments.insert(Protocol::CallerBusName, QStringLiteral(":1.42"));
    }
    return arguments;
}

} // namespace

class MountServiceTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_base;
    UserIdentity m_tester;
    QString m_source;
    QString m_mountPoint;
    QString m_registryDirectory;

    MountService service(LaunchLog &log, std::unique_ptr<SharedMountApproval> approval = nullptr) const
    {
        return MountService(MirrorRegistry(m_registryDirectory), std::make_unique<RecordingLauncher>(log), ServiceConfig{}, std::move(approval));
    }

    int entryCount() const
    {
        return QDir(m_registryDirectory).entryList(QDir::Files).size();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0) {
            QSKIP("needs root: the folders are tester's, the registry root's");
        }
        const auto tester = lookupUser(std::string("tester"));
        QVERIFY2(tester.has_value(), "user tester is missing (the development root has one)");
        m_tester = *tester;
        QVERIFY(m_base.isValid());
        // tester must reach the folders: the base is root's 0755.
        QVERIFY(::chmod(QFile::encodeName(m_base.path()).constData(), 0755) == 0);
        m_source = m_base.path() + QStringLiteral("/source");
        m_mountPoint = m_base.path() + QStringLiteral("/mount point");
        for (const QString &path : {m_source, m_mountPoint}) {
            const QByteArray native = QFile::encodeName(path);
            QVERIFY(::mkdir(native.constData(), 0755) == 0);
            QVERIFY(::chown(native.constData(), m_tester.uid, m_tester.gid) == 0);
        }
        m_registryDirectory = m_base.path() + QStringLiteral("/mirrors");
        QVERIFY(::mkdir(QFile::encodeName(m_registryDirectory).constData(), 0755) == 0);
    }

    // An ordinary mirror: passmirrord gets the validated folders and the
    // owner by name, and most of the 1.5 s the helper allows it.
    void shouldLaunchWithTheValidatedFolders()
    {
        LaunchLog log;
        auto mounts = service(log);
        const QVariantMap reply = mounts.mount(mountArguments(m_source + QStringLiteral("/"), m_mountPoint, false), m_tester.uid, false);
        QVERIFY(log.launch.has_value());
        QCOMPARE(log.launch->source, QFile::encodeName(m_source));
        QCOMPARE(log.launch->mountPoint, QFile::encodeName(m_mountPoint));
        QCOMPARE(log.launch->owner, m_tester.uid);
        QCOMPARE(log.launch->passthrough, QStringLiteral("off"));
        QVERIFY(!log.launch->shared);
        QVERIFY2(log.deadline > 1000ms && log.deadline <= 1500ms, QByteArray::number(qint64(log.deadline.count())).constData());
        // passmirrord's refusal is the reply, and nothing stays registered.
        QCOMPARE(reply.value(Protocol::Error).toInt(), int(MirrorError::MountFailed));
        QCOMPARE(entryCount(), 0);
    }

    // A shared mirror waits for an administrator. However long they take,
    // passmirrord still gets its full time once they said yes (it used to
    // get what was left of 1.5 s counted from the request: 200 ms).
    void shouldNotCountTheAdministratorsAnswerAgainstTheDaemon()
    {
        LaunchLog log;
        QByteArrayList asked;
        auto mounts = service(log, std::make_unique<SlowAdministrator>(1700ms, true, asked));
        const QVariantMap reply = mounts.mount(mountArguments(m_source, m_mountPoint, true), m_tester.uid, true);
        QCOMPARE(asked, (QByteArrayList{QFile::encodeName(m_source), QFile::encodeName(m_mountPoint)}));
        QVERIFY(log.launch.has_value());
        QVERIFY(log.launch->shared);
        QVERIFY2(log.deadline > 1000ms && log.deadline <= 1500ms, QByteArray::number(qint64(log.deadline.count())).constData());
        QCOMPARE(reply.value(Protocol::Error).toInt(), int(MirrorError::MountFailed));
        QCOMPARE(entryCount(), 0);
    }

    // Refused: passmirrord is never started and nothing is registered.
    void shouldStartNothingWhenTheAdministratorRefuses()
    {
        LaunchLog log;
        QByteArrayList asked;
        auto mounts = service(log, std::make_unique<SlowAdministrator>(0ms, false, asked));
        const QVariantMap reply = mounts.mount(mountArguments(m_source, m_mountPoint, true), m_tester.uid, true);
        QCOMPARE(asked.size(), 2);
        QVERIFY(!log.launch.has_value());
        QCOMPARE(reply.value(Protocol::Error).toInt(), int(MirrorError::AuthorizationDenied));
        QCOMPARE(entryCount(), 0);
    }

    // The path rules come before any question to an administrator: an
    // invalid request never prompts anyone.
    void shouldNotAskAboutFoldersTheCallerMayNotUse()
    {
        LaunchLog log;
        QByteArrayList asked;
        auto mounts = service(log, std::make_unique<SlowAdministrator>(0ms, true, asked));
        // Root's folder: not tester's to mount on.
        const QVariantMap reply = mounts.mount(mountArguments(m_source, m_registryDirectory, true), m_tester.uid, true);
        QCOMPARE(reply.value(Protocol::Error).toInt(), int(MirrorError::MountPointNotOwned));
        QVERIFY(asked.isEmpty());
        QVERIFY(!log.launch.has_value());
        QCOMPARE(entryCount(), 0);
    }

    // A control character in a folder's name: refused by the path rules as
    // such (the helper's log says which rule), before any administrator is
    // shown the path (a newline there would start a line of the caller's
    // choosing in the approval dialog) and before passmirrord. The folders
    // are real, empty and tester's: only their names are wrong.
    void shouldRefuseAControlCharacterBeforeAskingAnyone_data()
    {
        QTest::addColumn<QString>("sourceName");
        QTest::addColumn<QString>("mountPointName");
        QTest::addColumn<int>("role");
        QTest::newRow("newline in the mount point") << QStringLiteral("source") << QStringLiteral("mnt\nApproved by: root") << int(ErrorRole::MountPoint);
        QTest::newRow("escape in the source") << QStringLiteral("src\x1b]0;x\x07") << QStringLiteral("mount point") << int(ErrorRole::Source);
        QTest::newRow("tab in the mount point") << QStringLiteral("source") << QStringLiteral("mnt\tx") << int(ErrorRole::MountPoint);
    }
    void shouldRefuseAControlCharacterBeforeAskingAnyone()
    {
        QFETCH(QString, sourceName);
        QFETCH(QString, mountPointName);
        QFETCH(int, role);
        const QString source = m_base.path() + QLatin1Char('/') + sourceName;
        const QString mountPoint = m_base.path() + QLatin1Char('/') + mountPointName;
        for (const QString &path : {source, mountPoint}) {
            const QByteArray native = QFile::encodeName(path);
            QVERIFY(::mkdir(native.constData(), 0755) == 0 || errno == EEXIST);
            QVERIFY(::chown(native.constData(), m_tester.uid, m_tester.gid) == 0);
        }
        for (const bool shared : {false, true}) {
            LaunchLog log;
            QByteArrayList asked;
            auto mounts = service(log, std::make_unique<SlowAdministrator>(0ms, true, asked));
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("path contains a control character.*\\[path-invalid\\]$")));
            const QVariantMap reply = mounts.mount(mountArguments(source, mountPoint, shared), m_tester.uid, shared);
            QCOMPARE(reply.value(Protocol::Error).toInt(), int(MirrorError::PathInvalid));
            QCOMPARE(reply.value(Protocol::Role).toInt(), role);
            QVERIFY(asked.isEmpty());
            QVERIFY(!log.launch.has_value());
            QCOMPARE(entryCount(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(MountServiceTest)
#include "mountservicetest.moc"
