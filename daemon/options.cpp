// SPDX-License-Identifier: GPL-2.0-or-later
#include "options.h"

#include "activitylayout.h"

#include <charconv>
#include <string_view>

namespace PassMirror
{

namespace
{

// Only plain decimal: "+1", " 1" or "0x1" are typos a person should hear about.
template<typename Integer>
std::optional<Integer> parseDecimal(std::string_view text)
{
    Integer value{};
    if (text.empty() || text.front() < '0' || text.front() > '9') {
        return std::nullopt;
    }
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

Failure usageError(std::string message)
{
    return failure(MirrorError::Usage, std::move(message) + " (see passmirrord --help)");
}

// The options that take a value, as --help writes them.
constexpr std::string_view ValueOptions[] = {
    "--owner=USER|UID",
    "--passthrough=auto|on|off",
    "--io-uring=auto|on|off",
    "--source-watch=auto|off",
    "--stats-file=PATH",
    "--ready-fd=N",
    "--max-inode-fds=N",
    "--activity-records=N",
};

// "--owner" without "=": the form to use instead, nullopt for any other argument.
std::optional<std::string_view> valueFormOf(std::string_view argument)
{
    for (const std::string_view form : ValueOptions) {
        if (form.substr(0, form.find('=')) == argument) {
            return form;
        }
    }
    return std::nullopt;
}

// "--name=value" -> value when the argument has that name.
std::optional<std::string_view> valueOf(std::string_view argument, std::string_view name)
{
    if (argument.size() > name.size() + 2 && argument.starts_with("--") && argument.substr(2, name.size()) == name && argument[name.size() + 2] == '=') {
        return argument.substr(name.size() + 3);
    }
    return std::nullopt;
}

} // namespace

std::variant<Options, Failure> parseOptions(const std::vector<std::string> &arguments)
{
    Options options;
    std::vector<std::string> positional;
    bool onlyPositional = false;

    for (const std::string &argumentString : arguments) {
        const std::string_view argument = argumentString;
        if (onlyPositional || !argument.starts_with("--")) {
            if (!onlyPositional && argument.size() > 1 && argument.front() == '-') {
                return usageError("unknown option " + argumentString);
            }
            positional.push_back(argumentString);
            continue;
        }
        if (argument == "--") {
            onlyPositional = true;
        } else if (argument == "--shared") {
            options.shared = true;
        } else if (argument == "--read-only") {
            options.readOnly = true;
        } else if (argument == "--foreground") {
            options.foreground = true;
        } else if (argument == "--no-activity") {
            options.activityRecords = 0;
        } else if (argument == "--debug") {
            options.debug = true;
        } else if (argument == "--help") {
            options.help = true;
        } else if (argument == "--version") {
            options.version = true;
        } else if (const auto owner = valueOf(argument, "owner")) {
            if (owner->empty()) {
                return usageError("--owner needs a user name or uid");
            }
            options.owner = std::string(*owner);
        } else if (const auto mode = valueOf(argument, "passthrough")) {
            if (*mode == "auto") {
                options.passthrough = Stats::PassthroughMode::Auto;
            } else if (*mode == "on") {
                options.passthrough = Stats::PassthroughMode::On;
            } else if (*mode == "off") {
                options.passthrough = Stats::PassthroughMode::Off;
            } else {
                return usageError("--passthrough must be auto, on or off, not \"" + std::string(*mode) + "\"");
            }
        } else if (const auto mode = valueOf(argument, "io-uring")) {
            if (*mode == "auto") {
                options.ioUring = IoUringMode::Auto;
            } else if (*mode == "on") {
                options.ioUring = IoUringMode::On;
            } else if (*mode == "off") {
                options.ioUring = IoUringMode::Off;
            } else {
                return usageError("--io-uring must be auto, on or off, not \"" + std::string(*mode) + "\"");
            }
        } else if (const auto mode = valueOf(argument, "source-watch")) {
            if (*mode == "auto") {
                options.sourceWatch = true;
            } else if (*mode == "off") {
                options.sourceWatch = false;
            } else {
                return usageError("--source-watch must be auto or off, not \"" + std::string(*mode) + "\"");
            }
        } else if (const auto statsFile = valueOf(argument, "stats-file")) {
            if (statsFile->empty()) {
                return usageError("--stats-file needs a path");
            }
            options.statsFile = std::string(*statsFile);
        } else if (const auto readyFd = valueOf(argument, "ready-fd")) {
            const auto fd = parseDecimal<int>(*readyFd);
            // 0-2 are stdio, which the daemon redirects; a ready fd there would be lost.
            if (!fd || *fd < 3) {
                return usageError("--ready-fd needs a file descriptor number of 3 or more");
            }
            options.readyFd = *fd;
        } else if (const auto maxFds = valueOf(argument, "max-inode-fds")) {
            const auto value = parseDecimal<std::size_t>(*maxFds);
            if (!value) {
                return usageError("--max-inode-fds needs a non-negative number");
            }
            options.maxInodeFds = *value;
        } else if (const auto records = valueOf(argument, "activity-records")) {
            const auto value = parseDecimal<std::uint64_t>(*records);
            if (!value || *value < Activity::MinimumCapacity || *value > Activity::MaximumCapacity) {
                return usageError("--activity-records needs a number of records from " + std::to_string(Activity::MinimumCapacity) + " to "
                                  + std::to_string(Activity::MaximumCapacity) + " (--no-activity turns the ring off)");
            }
            options.activityRecords = *value;
        } else if (const auto form = valueFormOf(argument)) {
            return usageError(argumentString + " needs a value: " + std::string(*form));
        } else {
            return usageError("unknown option " + argumentString);
        }
    }

    if (options.help || options.version) {
        return options;
    }
    if (positional.size() < 2) {
        return usageError("SOURCE and MOUNTPOINT are required");
    }
    if (positional.size() > 2) {
        // Show how the shell split them: often a path with a space, unquoted.
        std::string given;
        for (const std::string &path : positional) {
            given += " \"" + path + "\"";
        }
        return usageError("too many arguments: only SOURCE and MOUNTPOINT, not" + given);
    }
    options.source = positional[0];
    options.mountPoint = positional[1];
    return options;
}

std::string usageText()
{
    return "Usage: passmirrord SOURCE MOUNTPOINT [OPTIONS]\n"
           "Mirror the directory SOURCE at MOUNTPOINT through FUSE (must run as root).\n"
           "\n"
           "  --owner=USER|UID          the person the mirror is for (default: the invoking user)\n"
           "  --shared                  let other users in (allow_other); requests run as the caller\n"
           "  --read-only               mount read-only\n"
           "  --passthrough=auto|on|off kernel passthrough for file data (default auto)\n"
           "  --io-uring=auto|on|off    FUSE over io_uring when the kernel offers it (default auto;\n"
           "                            needs libfuse 3.18 and /sys/module/fuse/parameters/enable_uring = Y)\n"
           "  --source-watch=auto|off   push changes made in the source behind the mirror's back to the\n"
           "                            kernel, so names and attributes are cached long (default auto);\n"
           "                            off: the kernel keeps them 1 s\n"
           "  --stats-file=PATH         where to publish counters (default /run/passmirror/stats/PID.stats)\n"
           "  --activity-records=N      records kept in the activity ring beside the stats file (default\n"
           "                            65536, rounded up to a power of two; 256 bytes each)\n"
           "  --no-activity             keep no activity ring (the counters stay)\n"
           "  --foreground              keep the supervisor in the foreground\n"
           "  --ready-fd=N              write \"ready\\n\" or \"error CODE MESSAGE\\n\" to fd N\n"
           "  --max-inode-fds=N         cap on O_PATH fds kept for inodes (0: derived from RLIMIT_NOFILE)\n"
           "  --debug                   log every step and request to stderr\n"
           "  --help                    this text\n"
           "  --version                 the version\n";
}

} // namespace PassMirror
