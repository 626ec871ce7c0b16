// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrorctl activity and top: who did what on a mirror, from its
// activity ring (base/activityreader.h).
#pragma once

#include "commandline.h"

namespace PassMirror::Ctl
{

// activity MNT [--follow] [--json] [--pid N] [--op NAME,...] [--errors]
int activityCommand(const Parsed &parsed, QTextStream &out, QTextStream &err);
// top MNT [--json] [--seconds N] [--limit N]
int topCommand(const Parsed &parsed, QTextStream &out, QTextStream &err);

} // namespace PassMirror::Ctl
