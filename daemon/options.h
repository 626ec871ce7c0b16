// SPDX-License-Identifier: GPL-2.0-or-later
// The command line of passmirrord, parsed without side effects so tests can
// feed it tables of argument lists.
#pragma once

#include "failure.h"
#include "fuseiouring.h"
#include "statslayout.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace PassMirror
{

struct Options {
    std::string source;
    std::string mountPoint;
    std::optional<std::string> owner; // as given: a user name or a numeric uid
    bool shared = false;
    bool readOnly = false;
    Stats::PassthroughMode passthrough = Stats::PassthroughMode::Auto;
    IoUringMode ioUring = IoUringMode::Auto;
    bool sourceWatch = true; // --source-watch=auto (where the kernel and the source allow it)
    std::optional<std::string> statsFile;
    // The activity ring beside the stats file (base/activitylayout.h): its
    // size in records, 0 for none (--no-activity).
    std::uint64_t activityRecords = 65536;
    bool foreground = false;
    int readyFd = -1;
    std::size_t maxInodeFds = 0;
    bool debug = false;
    bool help = false;
    bool version = false;
};

// Usage failures carry MirrorError::Usage; nothing is checked against the system.
[[nodiscard]] std::variant<Options, Failure> parseOptions(const std::vector<std::string> &arguments);

[[nodiscard]] std::string usageText();

} // namespace PassMirror
