// SPDX-License-Identifier: GPL-2.0-or-later
// passmirrorctl metrics [--listen HOST:PORT]: the counters of the caller's
// live mirrors (everyone's for root) as Prometheus text, printed once or
// served over HTTP on a loopback address, sampled afresh for every scrape.
#pragma once

#include "commandline.h"

#include <QTextStream>

namespace PassMirror::Ctl
{

int metricsCommand(const Parsed &parsed, QTextStream &out, QTextStream &err);

} // namespace PassMirror::Ctl
