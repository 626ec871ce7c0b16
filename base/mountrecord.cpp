// SPDX-License-Identifier: GPL-2.0-or-later
#include "mountrecord.h"

#include "rundirectory.h"

#include <cerrno>
#include <charconv>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{

constexpr std::string_view Header = "passmirror-mount-record 1";

template<typename Number>
bool parseNumber(std::string_view text, Number &value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && !text.empty();
}

// Whole small file (records, /proc/PID/stat), nullopt when unreadable.
std::optional<std::string> readSmallFile(int directoryFd, const char *name, std::size_t limit)
{
    const int fd = ::openat(directoryFd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return std::nullopt;
    }
    struct stat st{};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return std::nullopt;
    }
    std::string text;
    char buffer[4096];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0 || text.size() > limit) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return text;
}

} // namespace

std::string formatMountRecord(const MountRecord &record)
{
    std::string text(Header);
    text += '\n';
    const auto line = [&text](std::string_view key, std::uint64_t value) {
        text += key;
        text += ' ';
        text += std::to_string(value);
        text += '\n';
    };
    line("unique-mount-id", record.uniqueMountId);
    line("mount-id", record.mountId);
    line("owner-uid", record.ownerUid);
    line("supervisor-pid", static_cast<std::uint64_t>(record.supervisorPid));
    line("supervisor-start", record.supervisorStart);
    line("server-pid", static_cast<std::uint64_t>(record.serverPid));
    line("server-start", record.serverStart);
    text += "stats-path ";
    text += record.statsPath;
    text += '\n';
    return text;
}

std::optional<MountRecord> parseMountRecord(std::string_view text)
{
    if (!text.starts_with(Header) || text.size() == Header.size() || text[Header.size()] != '\n') {
        return std::nullopt;
    }
    text.remove_prefix(Header.size() + 1);
    MountRecord record;
    unsigned seen = 0;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        if (newline == std::string_view::npos) {
            return std::nullopt; // a record ends with a newline: this one was cut
        }
        const std::string_view line = text.substr(0, newline);
        text.remove_prefix(newline + 1);
        const std::size_t space = line.find(' ');
        if (space == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view key = line.substr(0, space);
        const std::string_view value = line.substr(space + 1);
        unsigned bit = 0;
        bool ok = true;
        if (key == "unique-mount-id") {
            ok = parseNumber(value, record.uniqueMountId);
            bit = 1;
        } else if (key == "mount-id") {
            ok = parseNumber(value, record.mountId);
            bit = 2;
        } else if (key == "owner-uid") {
            ok = parseNumber(value, record.ownerUid);
            bit = 4;
        } else if (key == "supervisor-pid") {
            ok = parseNumber(value, record.supervisorPid);
            bit = 8;
        } else if (key == "supervisor-start") {
            ok = parseNumber(value, record.supervisorStart);
            bit = 16;
        } else if (key == "server-pid") {
            ok = parseNumber(value, record.serverPid);
            bit = 32;
        } else if (key == "server-start") {
            ok = parseNumber(value, record.serverStart);
            bit = 64;
        } else if (key == "stats-path") {
            record.statsPath = std::string(value);
            bit = 128;
        }
        // A key twice is no record of ours: a value that held a newline
        // must not overrule the line before it (owner-uid, say).
        if (!ok || (seen & bit) != 0) {
            return std::nullopt;
        }
        seen |= bit;
    }
    if (seen != 255 || record.supervisorPid <= 0 || record.serverPid <= 0) {
        return std::nullopt;
    }
    return record;
}

std::string mountRecordName(const MountRecord &record)
{
    if (record.uniqueMountId != 0) {
        return std::to_string(record.uniqueMountId);
    }
    return "mount-" + std::to_string(record.mountId) + "-" + std::to_string(record.supervisorPid);
}

std::vector<std::pair<std::string, MountRecord>> readMountRecords(std::size_t limit)
{
    std::vector<std::pair<std::string, MountRecord>> records;
    const std::string path = mountRecordDirectory();
    const int directoryFd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (directoryFd < 0) {
        return records;
    }
    DIR *directory = fdopendir(directoryFd);
    if (directory == nullptr) {
        ::close(directoryFd);
        return records;
    }
    while (const dirent *entry = readdir(directory)) {
        const std::string_view name(entry->d_name);
        if (name.starts_with('.') || records.size() >= limit) {
            continue; // dot files: a record being written
        }
        if (const auto text = readSmallFile(dirfd(directory), entry->d_name, 65536)) {
            if (auto record = parseMountRecord(*text)) {
                records.emplace_back(std::string(name), std::move(*record));
            }
        }
    }
    closedir(directory);
    return records;
}

std::optional<std::uint64_t> processStartTime(pid_t pid)
{
    if (pid <= 0) {
        return std::nullopt;
    }
    const std::string name = "/proc/" + std::to_string(pid) + "/stat";
    const auto text = readSmallFile(AT_FDCWD, name.c_str(), 4096);
    if (!text) {
        return std::nullopt;
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so
    // fields are counted after the last ')'. State is field 3, starttime 22.
    const std::size_t close = text->rfind(')');
    if (close == std::string::npos) {
        return std::nullopt;
    }
    std::string_view rest = std::string_view(*text).substr(close + 1);
    int field = 2;
    while (!rest.empty()) {
        while (!rest.empty() && rest.front() == ' ') {
            rest.remove_prefix(1);
        }
        const std::size_t end = std::min(rest.find(' '), rest.size());
        const std::string_view value = rest.substr(0, end);
        ++field;
        if (field == 3 && (value == "Z" || value == "X")) {
            return std::nullopt; // exited, not yet reaped
        }
        if (field == 22) {
            std::uint64_t start = 0;
            return parseNumber(value, start) ? std::optional(start) : std::nullopt;
        }
        rest.remove_prefix(end);
    }
    return std::nullopt;
}

bool processRunning(pid_t pid, std::uint64_t startTime)
{
    const auto start = processStartTime(pid);
    return start && *start == startTime;
}

} // namespace PassMirror
