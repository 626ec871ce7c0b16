// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrorctl's commands, apart from main() so tests can drive them.
#pragma once

#include <QByteArrayList>
#include <QTextStream>

namespace PassMirror::Ctl
{

// Runs one command line (argv[1..], raw bytes) and returns the exit status:
// 0 on success, else the MirrorError value (docs/passmirrorctl.md).
int run(const QByteArrayList &arguments, QTextStream &out, QTextStream &err);

} // namespace PassMirror::Ctl
