// SPDX-License-Identifier: GPL-2.0-or-later
#include "mounttable.h"

#include "procfdpath.h"

#include "filesystemkind.h"

#include <cerrno>
#include <charconv>
#include <fcntl.h>
#include <linux/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace PassMirror
{

namespace
{

std::vector<std::string_view> splitSpaces(std::string_view line)
{
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (start < line.size()) {
        const std::size_t space = line.find(' ', start);
        const std::size_t end = space == std::string_view::npos ? line.size() : space;
        if (end > start) {
            fields.push_back(line.substr(start, end - start));
        }
        start = end + 1;
    }
    return fields;
}

bool parseNumber(std::string_view text, std::uint64_t &value)
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size();
}

std::optional<MountTableEntry> parseLine(std::string_view line)
{
    const std::vector<std::string_view> fields = splitSpaces(line);
    // id parent major:minor root mountpoint options [optional...] - type source superoptions
    std::size_t separator = 6;
    while (separator < fields.size() && fields[separator] != "-") {
        ++separator;
    }
    if (separator + 2 >= fields.size()) {
        return std::nullopt; // no "-", or no type and source after it
    }
    MountTableEntry record;
    if (!parseNumber(fields[0], record.id) || !parseNumber(fields[1], record.parentId)) {
        return std::nullopt;
    }
    record.root = unescapeMountField(fields[3]);
    record.mountPoint = unescapeMountField(fields[4]);
    record.mountOptions = std::string(fields[5]);
    record.fsType = unescapeMountField(fields[separator + 1]);
    record.source = unescapeMountField(fields[separator + 2]);
    if (separator + 3 < fields.size()) {
        record.superOptions = std::string(fields[separator + 3]);
    }
    return record;
}

} // namespace

std::optional<std::string> optionValue(std::string_view options, std::string_view key)
{
    while (!options.empty()) {
        const std::size_t comma = options.find(',');
        const std::string_view option = options.substr(0, comma);
        if (option.size() > key.size() && option.starts_with(key) && option[key.size()] == '=') {
            return std::string(option.substr(key.size() + 1));
        }
        if (option == key) {
            return std::string();
        }
        if (comma == std::string_view::npos) {
            break;
        }
        options.remove_prefix(comma + 1);
    }
    return std::nullopt;
}

long long numericOption(std::string_view options, std::string_view key)
{
    const std::optional<std::string> text = optionValue(options, key);
    long long value = 0;
    if (!text || text->empty()) {
        return -1;
    }
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    return error == std::errc() && end == text->data() + text->size() ? value : -1;
}

std::optional<std::string> MountTableEntry::superOption(std::string_view key) const
{
    return optionValue(superOptions, key);
}

std::string unescapeMountField(std::string_view field)
{
    std::string result;
    result.reserve(field.size());
    const auto isOctal = [](char c) {
        return c >= '0' && c <= '7';
    };
    for (std::size_t i = 0; i < field.size(); ++i) {
        if (field[i] == '\\' && i + 3 < field.size() && isOctal(field[i + 1]) && isOctal(field[i + 2]) && isOctal(field[i + 3])) {
            result += static_cast<char>((field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0'));
            i += 3;
            continue;
        }
        result += field[i];
    }
    return result;
}

std::vector<MountTableEntry> parseMountTable(std::string_view text)
{
    std::vector<MountTableEntry> records;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        const std::string_view line = text.substr(0, newline);
        if (auto record = parseLine(line)) {
            records.push_back(std::move(*record));
        }
        if (newline == std::string_view::npos) {
            break;
        }
        text.remove_prefix(newline + 1);
    }
    return records;
}

std::vector<MountTableEntry> readMountTable(const char *path)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return {};
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return parseMountTable(text);
}

std::optional<MountTableEntry> mountAt(const std::vector<MountTableEntry> &mounts, std::string_view mountPoint)
{
    for (auto it = mounts.crbegin(); it != mounts.crend(); ++it) {
        if (it->mountPoint == mountPoint) {
            return *it;
        }
    }
    return std::nullopt;
}

bool MountTableEntry::hasMountOption(std::string_view option) const
{
    return optionValue(mountOptions, option).has_value();
}

long long MountTableEntry::fuseUserId() const
{
    return numericOption(superOptions, "user_id");
}

long long MountTableEntry::fuseGroupId() const
{
    return numericOption(superOptions, "group_id");
}

std::uint64_t mountIdOfFd(int fd) noexcept
{
    const int info = ::open(ProcFdPath("fdinfo", fd).c_str(), O_RDONLY | O_CLOEXEC);
    if (info < 0) {
        return 0;
    }
    char text[512];
    const ssize_t size = ::read(info, text, sizeof text - 1);
    ::close(info);
    if (size <= 0) {
        return 0;
    }
    text[size] = '\0';
    // A line "mnt_id:\t<id>"; the first line is "pos:".
    for (ssize_t i = 0; i + 7 < size; ++i) {
        if ((i == 0 || text[i - 1] == '\n') && text[i] == 'm' && text[i + 1] == 'n' && text[i + 2] == 't' && text[i + 3] == '_' && text[i + 4] == 'i'
            && text[i + 5] == 'd' && text[i + 6] == ':') {
            ssize_t j = i + 7;
            while (j < size && (text[j] == ' ' || text[j] == '\t')) {
                ++j;
            }
            std::uint64_t id = 0;
            while (j < size && text[j] >= '0' && text[j] <= '9') {
                id = id * 10 + static_cast<std::uint64_t>(text[j++] - '0');
            }
            return id;
        }
    }
    return 0;
}

bool isStillMount(int fd, std::uint64_t oldId, std::uint64_t uniqueId) noexcept
{
    const std::uint64_t now = mountIdOfFd(fd);
    if (now == 0 || now != oldId) {
        return false;
    }
    return uniqueId == 0 || oldIdOfUniqueMount(uniqueId) == now;
}

bool isAtOrBelow(std::string_view path, std::string_view directory) noexcept
{
    if (directory == "/") {
        return path.starts_with('/');
    }
    return path == directory || (path.size() > directory.size() && path.starts_with(directory) && path[directory.size()] == '/');
}

std::optional<MountTableEntry> userServedSharedFuseMountAtOrAbove(const std::vector<MountTableEntry> &mounts, std::string_view path)
{
    for (const MountTableEntry &mount : mounts) {
        const bool fuse = mount.fsType == "fuse" || mount.fsType == "fuseblk" || mount.fsType.starts_with("fuse.");
        if (!fuse || !mount.superOption("allow_other") || !isAtOrBelow(path, mount.mountPoint)) {
            continue;
        }
        const auto user = mount.superOption("user_id");
        if (!user || *user != "0") {
            return mount;
        }
    }
    return std::nullopt;
}

std::optional<MountTableEntry> pseudoFilesystemMountAtOrBelow(const std::vector<MountTableEntry> &mounts, std::string_view directory)
{
    for (const MountTableEntry &mount : mounts) {
        if (isPseudoFilesystemType(mount.fsType) && isAtOrBelow(mount.mountPoint, directory)) {
            return mount;
        }
    }
    return std::nullopt;
}

std::optional<std::uint32_t> oldIdOfUniqueMount(std::uint64_t uniqueId)
{
    mnt_id_req request{};
    request.size = MNT_ID_REQ_SIZE_VER0;
    request.mnt_id = uniqueId;
    request.param = STATMOUNT_MNT_BASIC;
    struct statmount buffer{};
    if (syscall(SYS_statmount, &request, &buffer, sizeof buffer, 0) != 0 || (buffer.mask & STATMOUNT_MNT_BASIC) == 0) {
        return std::nullopt;
    }
    return buffer.mnt_id_old;
}

std::optional<std::uint64_t> uniqueMountIdOf(std::uint64_t oldId)
{
    // listmount gives one mount's children only, by unique id: walk the
    // tree from our root.
    std::vector<std::uint64_t> parents{LSMT_ROOT};
    while (!parents.empty()) {
        const std::uint64_t parent = parents.back();
        parents.pop_back();
        std::uint64_t ids[256];
        std::uint64_t after = 0;
        for (;;) {
            mnt_id_req request{};
            request.size = MNT_ID_REQ_SIZE_VER0;
            request.mnt_id = parent;
            request.param = after;
            const long count = syscall(SYS_listmount, &request, ids, std::size(ids), 0);
            if (count <= 0) {
                break;
            }
            for (long i = 0; i < count; ++i) {
                if (oldIdOfUniqueMount(ids[i]) == oldId) {
                    return ids[i];
                }
                parents.push_back(ids[i]);
            }
            if (count < static_cast<long>(std::size(ids))) {
                break;
            }
            after = ids[count - 1];
        }
    }
    return std::nullopt;
}

} // namespace PassMirror
