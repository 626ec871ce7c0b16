// SPDX-License-Identifier: GPL-2.0-or-later
#include "ownercredentials.h"

#include <cerrno>
#include <charconv>
#include <unistd.h>

namespace PassMirror
{

namespace
{

std::optional<uid_t> parseUid(const std::string &text)
{
    uid_t value{};
    if (text.empty() || text.front() < '0' || text.front() > '9') {
        return std::nullopt;
    }
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value == static_cast<uid_t>(-1)) {
        return std::nullopt;
    }
    return value;
}

} // namespace

std::variant<UserIdentity, Failure> lookupOwner(const std::optional<std::string> &spec)
{
    const std::optional<uid_t> uid = spec ? parseUid(*spec) : std::optional<uid_t>(getuid());
    const std::string what = uid ? "with uid " + std::to_string(*uid) : *spec;
    errno = 0;
    auto found = uid ? lookupUser(*uid) : lookupUser(*spec);
    if (found) {
        return std::move(*found);
    }
    if (errno != 0) {
        return failure(MirrorError::Internal, withErrno("cannot look up user " + what, errno));
    }
    return failure(MirrorError::OwnerUnknown, "user " + what + " does not exist");
}

} // namespace PassMirror
