// SPDX-License-Identifier: GPL-2.0-or-later
// A fresh directory on a real disk for one test, removed with everything in
// it (mounts below it are detached first, never crossed).
#pragma once

#include "credentials.h"

#include <string>

namespace PassMirror::Test
{

// Where scratch directories go: $PASSMIRROR_TEST_SCRATCH, else /var/tmp
// (a disk filesystem; /tmp is tmpfs in the test root).
[[nodiscard]] std::string scratchBase();

class ScratchDir
{
public:
    // Creates <base>/passmirror-<tag>-XXXXXX, mode 0755, owned by root.
    explicit ScratchDir(const std::string &tag);
    ~ScratchDir();
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;

    [[nodiscard]] bool isValid() const
    {
        return !m_path.empty();
    }
    [[nodiscard]] const std::string &path() const
    {
        return m_path;
    }
    // Creates path()/name with `mode` owned by `owner`; returns its path or "" on failure.
    std::string makeDirectory(const std::string &name, Credentials owner, mode_t mode = 0755) const;

private:
    std::string m_path;
};

// rm -rf that stays on one filesystem and detaches mounts under `path` first.
void removeTree(const std::string &path);

} // namespace PassMirror::Test
