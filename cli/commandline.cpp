// SPDX-License-Identifier: GPL-2.0-or-later
#include "commandline.h"

#include "displaytext.h"
#include "pathresults.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QSocketNotifier>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>

namespace PassMirror::Ctl
{

// Splits arguments into positionals and --options; "--" ends the options.
// An option that always takes a value may also have it as the next word
// ("--pid 42", as strace and ps take theirs).
Parsed parse(const QByteArrayList &arguments)
{
    static const QByteArrayList alwaysValued{"pid", "op", "seconds", "limit", "listen"};
    Parsed parsed;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QByteArray &argument = arguments[i];
        if (!optionsEnded && argument == "--") {
            optionsEnded = true;
        } else if (!optionsEnded && argument.startsWith("--")) {
            const qsizetype equals = argument.indexOf('=');
            if (equals >= 0) {
                parsed.options[argument.mid(2, equals - 2)] = argument.mid(equals + 1);
            } else if (alwaysValued.contains(argument.mid(2)) && i + 1 < arguments.size()) {
                parsed.options[argument.mid(2)] = arguments[++i];
            } else {
                parsed.options[argument.mid(2)] = std::nullopt;
            }
        } else {
            parsed.positional.append(argument);
        }
    }
    return parsed;
}

int usageError(QTextStream &err, const QString &message)
{
    err << "passmirrorctl: " << message << "\nTry 'passmirrorctl --help'.\n";
    err.flush();
    return exitCode(MirrorError::Usage);
}

std::optional<QString> checkOptions(const Parsed &parsed, const QByteArrayList &flags, const QByteArrayList &valued)
{
    for (const auto &[name, value] : parsed.options) {
        if (flags.contains(name)) {
            if (value) {
                return QStringLiteral("option --%1 takes no value").arg(show(name));
            }
        } else if (!valued.contains(name)) {
            return QStringLiteral("unknown option --%1").arg(show(name));
        }
    }
    return std::nullopt;
}

QString show(const QByteArray &path)
{
    return printableText(path);
}

QByteArray jsonOutput(const QJsonObject &object, QJsonDocument::JsonFormat format)
{
    return terminalSafeJson(QJsonDocument(object).toJson(format));
}

QByteArray absolutePath(const QByteArray &path)
{
    QByteArray absolute = path;
    if (!absolute.startsWith('/')) {
        absolute = QFile::encodeName(QDir::currentPath()) + '/' + path;
    }
    char resolved[PATH_MAX];
    if (realpath(absolute.constData(), resolved)) {
        return QByteArray(resolved);
    }
    return PathRules::normalize(absolute);
}

bool daemonEnded(const Stats::Snapshot &snapshot)
{
    return snapshot.state == Stats::DaemonState::Stopped || snapshot.state == Stats::DaemonState::Died;
}

std::optional<MirrorEntry> ownLiveMirrorAt(MirrorWatcher &watcher, const QByteArray &mountPoint, QTextStream &err)
{
    watcher.setOwner(getuid());
    watcher.start();
    auto entry = watcher.liveMirrorAt(mountPoint);
    if (!entry) {
        err << "passmirrorctl: there is no mirror of yours at " << show(mountPoint) << " [not-mounted]\n";
        err.flush();
    }
    return entry;
}

Interruptions::Interruptions()
{
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        return; // the signals keep their default: they end the process
    }
    m_read.reset(fds[0]);
    m_write.reset(fds[1]);
    s_writeFd = m_write.get();
    std::signal(SIGINT, &Interruptions::handle);
    std::signal(SIGTERM, &Interruptions::handle);
    m_notifier = std::make_unique<QSocketNotifier>(m_read.get(), QSocketNotifier::Read);
}

Interruptions::~Interruptions()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    s_writeFd = -1;
}

void Interruptions::stops(QEventLoop *stop) const
{
    if (m_notifier) {
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, stop, &QEventLoop::quit);
    }
}

void Interruptions::handle(int)
{
    const int saved = errno;
    if (const int fd = s_writeFd; fd >= 0) {
        const char byte = 1;
        (void)!::write(fd, &byte, 1);
    }
    errno = saved;
}

} // namespace PassMirror::Ctl
