// SPDX-License-Identifier: GPL-2.0-or-later
// What every passmirrorctl command shares: the parsed command line, usage
// errors, exit codes, paths as the person typed them, and Ctrl-C ending a
// command that follows something live. Each command lives in a file of its
// own (passmirrorctl.cpp dispatches).
#pragma once

#include "mirrorerror.h"
#include "mirrorwatcher.h"
#include "statsreader.h"
#include "uniquefd.h"

#include <QByteArrayList>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTextStream>

#include <atomic>
#include <map>
#include <memory>
#include <optional>

class QEventLoop;
class QSocketNotifier;

namespace PassMirror::Ctl
{

inline constexpr int ExitOk = 0;

[[nodiscard]] inline int exitCode(MirrorError error)
{
    return static_cast<int>(error);
}

struct Parsed {
    QByteArrayList positional;
    std::map<QByteArray, std::optional<QByteArray>> options; // --name[=value]

    [[nodiscard]] bool has(const char *option) const
    {
        return options.count(option) > 0;
    }
};

// Splits arguments into positionals and --options; "--" ends the options.
// --pid, --op, --seconds, --limit and --listen take their value after "="
// or as the next word.
[[nodiscard]] Parsed parse(const QByteArrayList &arguments);

// Prints "passmirrorctl: MESSAGE" and the hint to --help; returns the usage exit code.
int usageError(QTextStream &err, const QString &message);

// Only the options in `flags` (no value) and `valued` may appear.
[[nodiscard]] std::optional<QString> checkOptions(const Parsed &parsed, const QByteArrayList &flags, const QByteArrayList &valued);

// A path (or any word from outside) for a person to read: a control
// character in it is shown as an escape, never written to the terminal
// (core/displaytext.h).
[[nodiscard]] QString show(const QByteArray &path);
// A JSON document as passmirrorctl prints it: paths and names exact where
// they are UTF-8, and nothing in it a terminal would act on
// (terminalSafeJson).
[[nodiscard]] QByteArray jsonOutput(const QJsonObject &object, QJsonDocument::JsonFormat format);

// An absolute path with symlinks resolved where it exists: the helper refuses
// symlinks, so resolve the person's own links here. A missing path stays as
// given (absolute) so the helper can say what is missing.
[[nodiscard]] QByteArray absolutePath(const QByteArray &path);

[[nodiscard]] bool daemonEnded(const Stats::Snapshot &snapshot);

// Starts `watcher` on the caller's mirrors and finds the live one at
// `mountPoint` (absolute); when there is none, says so on `err` (exit
// status: MirrorError::NotMounted).
[[nodiscard]] std::optional<MirrorEntry> ownLiveMirrorAt(MirrorWatcher &watcher, const QByteArray &mountPoint, QTextStream &err);

// Ctrl-C and SIGTERM end a command that follows something live. The
// handler only writes a byte to a pipe; the event loop hears it.
class Interruptions
{
public:
    Interruptions();
    ~Interruptions();
    Interruptions(const Interruptions &) = delete;
    Interruptions &operator=(const Interruptions &) = delete;

    // `stop` quits when a signal came.
    void stops(QEventLoop *stop) const;

private:
    static void handle(int);

    static inline std::atomic<int> s_writeFd{-1};
    UniqueFd m_read;
    UniqueFd m_write;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace PassMirror::Ctl
