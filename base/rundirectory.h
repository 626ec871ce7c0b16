// SPDX-License-Identifier: GPL-2.0-or-later
// Where PassMirror keeps its state while the machine runs (PASSMIRROR_RUN_DIR
// at build time, /run/passmirror by default; root's, 0755):
//   mirrors/   the helper's registry of the mirrors it started
//   stats/     each mirror's stats file (docs/STATS-FORMAT.md)
//   mounts/    each passmirrord's record of the mount it made (mountrecord.h)
#pragma once

#include <string>

namespace PassMirror
{

[[nodiscard]] std::string runDirectory();
[[nodiscard]] std::string registryDirectory();
[[nodiscard]] std::string statsDirectory();
[[nodiscard]] std::string mountRecordDirectory();

} // namespace PassMirror
