// SPDX-License-Identifier: GPL-2.0-or-later
// A client of org.passmirror.helper for the bus tests, run as a test user.
// It prints one JSON object on stdout.
//
//   helperprobe call ACTION [KEY=TYPE:VALUE]...   one raw call through KAuth
//       TYPE: s string, x hex bytes, b bool (true/false), i int, d double,
//             l string list (comma separated), n invalid QVariant;
//       KEY "requestId" with value "auto" gets a fresh valid id.
//   helperprobe fuzz ACTION COUNT SEED            COUNT random argument maps
//   helperprobe cycle SOURCE MOUNTPOINT ROUNDS     mount + unmount ROUNDS times
//                                                  through HelperClient
//   helperprobe listen SECONDS                     every broadcast of the
//       helper any client could receive in that time (KAuth's remoteSignal:
//       replies, debug messages, progress), hex-encoded
#include "helperclient.h"
#include "helperprotocol.h"
#include "mirrorregistry.h"
#include "mountinfo.h"
#include "randomid.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>

#include <cstdio>
#include <unistd.h>

using namespace PassMirror;

namespace
{
struct CallOutcome {
    int kauthError = -1;
    QVariantMap data;
    QString errorText;
    qint64 ms = 0;
    bool timedOut = false;
};

// One raw call with a watchdog; KAuth can otherwise wait forever (see helperclient.h).
CallOutcome rawCall(KAuthTransport &transport, const QString &action, const QVariantMap &arguments, int watchdogMs = 8000)
{
    CallOutcome outcome;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    auto connection = QObject::connect(&transport, &HelperTransport::replied, &loop, [&](int error, const QVariantMap &data, const QString &text) {
        outcome.kauthError = error;
        outcome.data = data;
        outcome.errorText = text;
        loop.quit();
    });
    QTimer watchdog;
    watchdog.setSingleShot(true);
    QObject::connect(&watchdog, &QTimer::timeout, &loop, [&]() {
        outcome.timedOut = true;
        transport.cancel();
        loop.quit();
    });
    watchdog.start(watchdogMs);
    transport.call(action, arguments, std::chrono::milliseconds(watchdogMs));
    loop.exec();
    QObject::disconnect(connection);
    outcome.ms = clock.elapsed();
    return outcome;
}

QVariant parseValue(const QString &spec)
{
    const QString type = spec.section(QLatin1Char(':'), 0, 0);
    const QString value = spec.section(QLatin1Char(':'), 1);
    if (type == QLatin1String("s")) {
        return value;
    }
    if (type == QLatin1String("x")) {
        return QByteArray::fromHex(value.toLatin1());
    }
    if (type == QLatin1String("b")) {
        return value == QLatin1String("true");
    }
    if (type == QLatin1String("i")) {
        return value.toInt();
    }
    if (type == QLatin1String("d")) {
        return value.toDouble();
    }
    if (type == QLatin1String("l")) {
        return value.split(QLatin1Char(','));
    }
    return QVariant();
}

QJsonObject describe(const CallOutcome &outcome, const QString &sentId)
{
    const int error = outcome.data.value(Protocol::Error, -1).toInt();
    return QJsonObject{
        {QStringLiteral("kauthError"), outcome.kauthError},
        {QStringLiteral("timedOut"), outcome.timedOut},
        {QStringLiteral("error"), error},
        {QStringLiteral("errorName"), error >= 0 ? errorName(static_cast<MirrorError>(error)) : QString()},
        {QStringLiteral("message"), outcome.data.value(Protocol::Message).toString()},
        {QStringLiteral("role"), outcome.data.value(Protocol::Role, 0).toInt()},
        {QStringLiteral("errorText"), outcome.errorText},
        {QStringLiteral("requestIdEchoed"), !sentId.isEmpty() && outcome.data.value(Protocol::RequestId).toString() == sentId},
        {QStringLiteral("replyKeys"), QJsonArray::fromStringList(outcome.data.keys())},
        {QStringLiteral("ms"), outcome.ms},
    };
}

int callMode(const QStringList &args)
{
    KAuthTransport transport;
    QVariantMap arguments;
    QString sentId;
    for (const QString &pair : args.mid(1)) {
        const QString key = pair.section(QLatin1Char('='), 0, 0);
        const QString spec = pair.section(QLatin1Char('='), 1);
        if (key == QLatin1String("requestId") && spec == QLatin1String("auto")) {
            sentId = newRandomId();
            arguments.insert(key, sentId);
        } else {
            arguments.insert(key, parseValue(spec));
        }
    }
    const auto outcome = rawCall(transport, args.at(0), arguments);
    std::printf("%s\n", QJsonDocument(describe(outcome, sentId)).toJson(QJsonDocument::Compact).constData());
    return 0;
}

QVariant randomValue(QRandomGenerator &random)
{
    auto randomBytes = [&](int max) {
        QByteArray bytes(random.bounded(max + 1), Qt::Uninitialized);
        for (auto &byte : bytes) {
            byte = static_cast<char>(random.bounded(256));
        }
        return bytes;
    };
    static const QStringList paths{QStringLiteral("/"),
                                   QStringLiteral("/tmp"),
                                   QStringLiteral("/etc"),
                                   QStringLiteral("/root"),
                                   QStringLiteral("/home/tester"),
                                   QStringLiteral("relative"),
                                   QStringLiteral("/tmp/../etc"),
                                   QStringLiteral("/proc/self/root"),
                                   QStringLiteral("/dev/null"),
                                   QString()};
    switch (random.bounded(12)) {
    case 0:
        return paths.at(random.bounded(paths.size()));
    case 1:
        return QString::fromUtf8(randomBytes(64));
    case 2:
        return randomBytes(300);
    case 3:
        return QString(random.bounded(5000) + 4000, QLatin1Char('a')).prepend(QLatin1Char('/'));
    case 4:
        return bool(random.bounded(2));
    case 5:
        return static_cast<int>(random.generate());
    case 6:
        return random.generateDouble();
    case 7:
        return QStringList{paths.at(random.bounded(paths.size()))};
    case 8:
        return QVariantMap{{QStringLiteral("source"), QStringLiteral("/tmp")}};
    case 9:
        return QVariant();
    case 10:
        return QString(QChar(0xd800 + random.bounded(0x800)));
    default:
        return QStringLiteral("auto");
    }
}

QVariantMap randomArguments(QRandomGenerator &random, QString &sentId, const QString &action)
{
    static const QStringList keys{Protocol::RequestId, Protocol::Source, Protocol::MountPoint, Protocol::ReadOnly, Protocol::Passthrough, Protocol::Force};
    QVariantMap arguments;
    if (random.bounded(2) == 0) {
        // Well formed but for the values: reaches the path rules and beyond.
        arguments.insert(Protocol::Source, random.bounded(2) ? randomValue(random) : QVariant(QStringLiteral("/tmp")));
        arguments.insert(Protocol::MountPoint, randomValue(random));
        if (random.bounded(2)) {
            arguments.insert(Protocol::ReadOnly, bool(random.bounded(2)));
        }
        if (random.bounded(2)) {
            static const QStringList modes{QStringLiteral("auto"), QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("maybe")};
            arguments.insert(Protocol::Passthrough, modes.at(random.bounded(modes.size())));
        }
        if (random.bounded(2)) {
            arguments.insert(Protocol::Force, bool(random.bounded(2)));
        }
        const bool isMount = action.startsWith(Protocol::MountAction);
        if (!isMount) {
            arguments.remove(Protocol::Source);
            arguments.remove(Protocol::ReadOnly);
            arguments.remove(Protocol::Passthrough);
        } else {
            arguments.remove(Protocol::Force);
        }
        if (action == Protocol::UnmountAllAction) {
            arguments.remove(Protocol::MountPoint);
        }
        // A shared mirror's approval needs the caller's bus name: mostly
        // ours (so calls reach the path rules and polkit), sometimes not.
        if (action == Protocol::MountSharedAction && random.bounded(4) != 0) {
            arguments.insert(Protocol::CallerBusName, random.bounded(3) != 0 ? QVariant(QDBusConnection::systemBus().baseService()) : randomValue(random));
        }
        sentId = newRandomId();
        arguments.insert(Protocol::RequestId, sentId);
        return arguments;
    }
    const int count = random.bounded(8);
    for (int i = 0; i < count; ++i) {
        const QString key = random.bounded(6) == 0 ? QStringLiteral("junk%1").arg(random.bounded(100)) : keys.at(random.bounded(keys.size()));
        arguments.insert(key, randomValue(random));
    }
    sentId.clear();
    if (random.bounded(3) != 0) {
        sentId = newRandomId();
        arguments.insert(Protocol::RequestId, sentId);
    }
    return arguments;
}

int fuzzMode(const QStringList &args)
{
    const QString action = args.value(0);
    const int count = args.value(1).toInt();
    // The seed may be any 64-bit decimal number (toUInt() would give 0 for most).
    const quint64 seed = args.value(2).toULongLong();
    QRandomGenerator random(static_cast<quint32>(seed ^ (seed >> 32)));
    KAuthTransport transport;
    const auto mirrorsBefore = readMountInfo();
    auto mirrorCount = [](const QList<MountEntry> &mounts) {
        return std::count_if(mounts.begin(), mounts.end(), [](const MountEntry &m) {
            return m.isMirror();
        });
    };
    int typed = 0;
    int untyped = 0;
    int successes = 0;
    int kauthErrors = 0;
    int timeouts = 0;
    int foreignIds = 0;
    qint64 longest = 0;
    QJsonArray examples;
    QMap<QString, int> byError;
    for (int i = 0; i < count; ++i) {
        QString sentId;
        const QVariantMap arguments = randomArguments(random, sentId, action);
        const auto outcome = rawCall(transport, action, arguments, 5000);
        longest = std::max(longest, outcome.ms);
        if (outcome.timedOut) {
            ++timeouts;
            continue;
        }
        if (outcome.kauthError != 0) {
            ++kauthErrors;
            continue;
        }
        bool known = false;
        const int error = outcome.data.value(Protocol::Error).toInt(&known);
        if (!known || errorFromInt(error) != static_cast<MirrorError>(error) || (error != 0 && outcome.data.value(Protocol::Message).toString().isEmpty())) {
            ++untyped;
            if (examples.size() < 5) {
                examples.append(QJsonDocument::fromVariant(outcome.data).object());
            }
            continue;
        }
        if (!sentId.isEmpty() && outcome.data.value(Protocol::RequestId).toString() != sentId) {
            ++foreignIds;
        }
        if (error == 0) {
            ++successes;
        } else {
            ++typed;
            ++byError[errorName(static_cast<MirrorError>(error))];
        }
    }
    QJsonObject errors;
    for (auto it = byError.cbegin(); it != byError.cend(); ++it) {
        errors.insert(it.key(), it.value());
    }
    const QJsonObject summary{
        {QStringLiteral("action"), action},
        {QStringLiteral("count"), count},
        {QStringLiteral("seed"), QString::number(seed)},
        {QStringLiteral("typedErrors"), typed},
        {QStringLiteral("untyped"), untyped},
        {QStringLiteral("successes"), successes},
        {QStringLiteral("kauthErrors"), kauthErrors},
        {QStringLiteral("timeouts"), timeouts},
        {QStringLiteral("foreignIds"), foreignIds},
        {QStringLiteral("longestMs"), longest},
        {QStringLiteral("mirrorsBefore"), static_cast<qint64>(mirrorCount(mirrorsBefore))},
        {QStringLiteral("mirrorsAfter"), static_cast<qint64>(mirrorCount(readMountInfo()))},
        {QStringLiteral("byError"), errors},
        {QStringLiteral("untypedExamples"), examples},
    };
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}

// Mount and unmount ROUNDS times; after each step compare what we were told
// with what the registry and the mount table show.
int cycleMode(const QStringList &args)
{
    HelperRequest mount;
    mount.kind = HelperRequest::Kind::Mount;
    mount.source = args.value(0).toUtf8();
    mount.mountPoint = args.value(1).toUtf8();
    HelperRequest unmount;
    unmount.kind = HelperRequest::Kind::Unmount;
    unmount.mountPoint = mount.mountPoint;
    const int rounds = args.value(2).toInt();
    HelperClient::Options options;
    options.attemptTimeout = std::chrono::milliseconds(3000);
    options.requestTimeout = std::chrono::milliseconds(20000);
    HelperClient client(std::make_unique<KAuthTransport>(), options);
    int done = 0;
    int failures = 0;
    int mismatches = 0;
    int busyRetries = 0;
    int attempts = 0;
    qint64 longest = 0;
    QJsonArray failureExamples;
    for (int round = 0; round < rounds; ++round) {
        for (const HelperRequest &request : {mount, unmount}) {
            const HelperResult result = client.run(request);
            busyRetries += result.busyRetries;
            attempts += result.attempts;
            longest = std::max(longest, result.elapsedMs);
            const bool live = !liveMirrorAt(mount.mountPoint).isEmpty();
            const bool wantLive = request.kind == HelperRequest::Kind::Mount;
            if (!result.ok()) {
                ++failures;
                if (failureExamples.size() < 5) {
                    failureExamples.append(
                        QStringLiteral("round %1 %2: %3 (%4)").arg(round).arg(HelperClient::actionName(request.kind), result.message, errorName(result.error)));
                }
            } else if (live != wantLive || (wantLive && liveMirrorAt(mount.mountPoint) != result.mirrorId)) {
                ++mismatches;
            }
        }
        ++done;
    }
    const QJsonObject summary{
        {QStringLiteral("uid"), static_cast<qint64>(getuid())},
        {QStringLiteral("rounds"), done},
        {QStringLiteral("calls"), done * 2},
        {QStringLiteral("attempts"), attempts},
        {QStringLiteral("busyRetries"), busyRetries},
        {QStringLiteral("longestWaitMs"), longest},
        {QStringLiteral("failures"), failures},
        {QStringLiteral("mismatches"), mismatches},
        {QStringLiteral("failureExamples"), failureExamples},
        {QStringLiteral("finallyMounted"), !liveMirrorAt(mount.mountPoint).isEmpty()},
    };
    std::printf("%s\n", QJsonDocument(summary).toJson(QJsonDocument::Compact).constData());
    return 0;
}
} // namespace

// Collects what KAuth broadcasts: remoteSignal(int type, QString action,
// QByteArray data) on the helper's object, the way every KAuth client
// subscribes to it.
class Listener : public QObject
{
    Q_OBJECT
public:
    QJsonArray heard;

public Q_SLOTS:
    void onRemoteSignal(const QDBusMessage &message)
    {
        QJsonArray arguments;
        for (const QVariant &argument : message.arguments()) {
            if (argument.metaType().id() == QMetaType::QByteArray) {
                arguments.append(QString::fromLatin1(argument.toByteArray().toHex()));
            } else if (argument.metaType().id() == QMetaType::QString) {
                arguments.append(QString::fromLatin1(argument.toString().toUtf8().toHex()));
            } else {
                arguments.append(argument.toString());
            }
        }
        heard.append(arguments);
    }
};

int listenMode(const QStringList &args)
{
    Listener listener;
    if (!QDBusConnection::systemBus()
             .connect(QString(), QString(), QStringLiteral("org.kde.kf6auth"), QStringLiteral("remoteSignal"), &listener, SLOT(onRemoteSignal(QDBusMessage)))) {
        std::fprintf(stderr, "cannot subscribe to the helper's broadcasts\n");
        return 1;
    }
    // Ready: the caller may start the calls it wants heard.
    std::printf("listening\n");
    std::fflush(stdout);
    QTimer::singleShot(static_cast<int>(args.value(0).toDouble() * 1000), QCoreApplication::instance(), &QCoreApplication::quit);
    QCoreApplication::exec();
    std::printf("%s\n", QJsonDocument(QJsonObject{{QStringLiteral("heard"), listener.heard}}).toJson(QJsonDocument::Compact).constData());
    return 0;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const QString mode = args.value(0);
    if (mode == QLatin1String("call") && args.size() >= 2) {
        return callMode(args.mid(1));
    }
    if (mode == QLatin1String("fuzz") && args.size() == 4) {
        return fuzzMode(args.mid(1));
    }
    if (mode == QLatin1String("cycle") && args.size() == 4) {
        return cycleMode(args.mid(1));
    }
    if (mode == QLatin1String("listen") && args.size() == 2) {
        return listenMode(args.mid(1));
    }
    std::fprintf(stderr, "usage: helperprobe call ACTION [KEY=TYPE:VALUE]... | fuzz ACTION COUNT SEED | cycle SOURCE MOUNTPOINT ROUNDS | listen SECONDS\n");
    return 2;
}

#include "helperprobe.moc"
