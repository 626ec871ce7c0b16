// SPDX-License-Identifier: GPL-2.0-or-later
// The counters of mirrors as Prometheus text (exposition format 0.0.4,
// which OpenMetrics parsers read too): what `passmirrorctl metrics` prints
// and serves. Pure: no file, no clock, no process, so a test can feed it
// any snapshot.
//
// Every exported metric is one row of one table (metricsformat.cpp): a new
// counter in Stats::Snapshot is one more row there. Every sample carries the
// labels `mirror` (the registry id) and `mountpoint`; the source folder and
// the rest that never changes while a mirror lives are labels of
// passmirror_mirror_info only.
#pragma once

#include "statsreader.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

namespace PassMirror::Ctl::Metrics
{

// One live mirror as the exporter found it.
struct Mirror {
    QString id;
    QByteArray mountPoint;
    QByteArray source;
    // `valid` false: its stats file could not be read; only passmirror_up
    // (0) is then given for it.
    Stats::Snapshot snapshot;
};

enum class Type {
    Counter,
    Gauge
};

// The samples one family gives for one mirror, beside `mirror` and `mountpoint`.
class Samples
{
public:
    using Label = std::pair<std::string_view, QByteArray>;
    struct Sample {
        QList<Label> labels;
        QByteArray value;
    };

    void add(std::uint64_t value);
    void add(QList<Label> labels, std::uint64_t value);
    void add(QList<Label> labels, double value);
    // An enum as one series per known value: 1 for the current one, 0 for the others.
    template<typename Enum, std::size_t N>
    void oneOf(std::string_view label, Enum current, const std::array<Enum, N> &all, const char *(*nameOf)(Enum))
    {
        for (const Enum value : all) {
            add({{label, QByteArray(nameOf(value))}}, std::uint64_t{value == current});
        }
    }

    [[nodiscard]] const QList<Sample> &samples() const
    {
        return m_samples;
    }

private:
    QList<Sample> m_samples;
};

// One metric family: its name (counters end in _total), type, help, and
// the samples it takes from one mirror.
struct Family {
    std::string_view name;
    Type type;
    std::string_view help;
    void (*samples)(const Mirror &mirror, Samples &out);
    // Given also for a mirror whose counters could not be read (passmirror_up).
    bool evenUnreadable = false;
};

// Every family, in the order they are written.
[[nodiscard]] std::span<const Family> families();

// The whole exposition: HELP and TYPE once per family, then its samples of
// every mirror. With no mirrors, only the HELP and TYPE lines.
[[nodiscard]] QByteArray render(const QList<Mirror> &mirrors);

// A label value as the format wants it: valid UTF-8 (a byte that is not
// becomes U+FFFD), with backslash, double quote and line feed escaped.
[[nodiscard]] QByteArray escapeLabelValue(const QByteArray &value);
// HELP text: backslash and line feed escaped.
[[nodiscard]] QByteArray escapeHelp(std::string_view help);

// The Content-Type of this text over HTTP.
inline constexpr char ContentType[] = "text/plain; version=0.0.4; charset=utf-8";

} // namespace PassMirror::Ctl::Metrics
