// SPDX-License-Identifier: GPL-2.0-or-later
#include "metricsformat.h"

#include <charconv>
#include <iterator>

namespace PassMirror::Ctl::Metrics
{

namespace
{

QByteArray bytes(std::string_view text)
{
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

QByteArray number(std::uint64_t value)
{
    return QByteArray::number(static_cast<qulonglong>(value));
}

// The shortest text that reads back as the same double.
QByteArray number(double value)
{
    char buffer[64];
    const auto result = std::to_chars(std::begin(buffer), std::end(buffer), value);
    return QByteArray(buffer, static_cast<qsizetype>(result.ptr - buffer));
}

// --- How a family takes its samples from one mirror.

// One number of the snapshot, as it is.
template<auto Member>
void value(const Mirror &mirror, Samples &out)
{
    out.add(static_cast<std::uint64_t>(mirror.snapshot.*Member));
}

// One number per FUSE operation, labelled operation="open" and so on.
template<auto Member>
void perOperation(const Mirror &mirror, Samples &out)
{
    const auto &counters = mirror.snapshot.*Member;
    for (std::size_t i = 0; i < Stats::OperationCount; ++i) {
        out.add({{"operation", bytes(Stats::OperationNames[i])}}, counters[i]);
    }
}

QByteArray yesNo(bool value)
{
    return value ? QByteArrayLiteral("true") : QByteArrayLiteral("false");
}

// The one table of what is exported: a new field of Stats::Snapshot is one
// more row (a counter ends in _total; `value<>` takes any integer field).
// docs/passmirrorctl.md lists these names for people.
constexpr Family Families[] = {
    {"passmirror_up",
     Type::Gauge,
     "1 when the counters of the mirror could be read now, 0 when its stats file could not be read (it then has no other sample)",
     [](const Mirror &mirror, Samples &out) {
         out.add(std::uint64_t{mirror.snapshot.valid});
     },
     true},
    {"passmirror_mirror_info",
     Type::Gauge,
     "Always 1; its labels are what stays the same while the mirror lives",
     [](const Mirror &mirror, Samples &out) {
         const Stats::Snapshot &s = mirror.snapshot;
         out.add({{"source", mirror.source},
                  {"owner_uid", number(std::uint64_t{s.ownerUid})},
                  {"daemon_pid", QByteArray::number(s.daemonPid)},
                  {"supervisor_pid", QByteArray::number(s.supervisorPid)},
                  {"shared", yesNo((s.flags & Stats::FlagShared) != 0)},
                  {"read_only", yesNo((s.flags & Stats::FlagReadOnly) != 0)},
                  {"stats_header_size", number(std::uint64_t{s.headerSize})},
                  {"stats_operations", number(std::uint64_t{s.operationCount})}},
                 std::uint64_t{1});
     }},
    {"passmirror_start_time_seconds",
     Type::Gauge,
     "When the mirror was mounted, in seconds since the Unix epoch",
     [](const Mirror &mirror, Samples &out) {
         // Whole seconds apart from the rest: a double holds them exactly.
         const std::uint64_t ns = mirror.snapshot.startTimeUnixNs;
         out.add({}, static_cast<double>(ns / 1000000000) + static_cast<double>(ns % 1000000000) / 1e9);
     }},
    {"passmirror_state",
     Type::Gauge,
     "What the daemon is doing: 1 for the current state, 0 for the others (counters are final once stopped or died)",
     [](const Mirror &mirror, Samples &out) {
         using enum Stats::DaemonState;
         out.oneOf("state", mirror.snapshot.state, std::array{Starting, Mounted, Stopping, Stopped, Died}, Stats::stateName);
     }},
    {"passmirror_transport",
     Type::Gauge,
     "How requests reach the daemon: 1 for the transport in use, 0 for the others",
     [](const Mirror &mirror, Samples &out) {
         using enum Stats::Transport;
         out.oneOf("transport", mirror.snapshot.transport, std::array{Unknown, DevFuse, IoUring}, Stats::transportName);
     }},
    {"passmirror_passthrough_requested",
     Type::Gauge,
     "The kernel passthrough mode asked for at mount: 1 for that mode, 0 for the others",
     [](const Mirror &mirror, Samples &out) {
         using enum Stats::PassthroughMode;
         out.oneOf("mode", mirror.snapshot.requestedPassthrough, std::array{Auto, On, Off}, Stats::passthroughName);
     }},
    {"passmirror_passthrough_available", Type::Gauge, "1 when the kernel and privileges allow FUSE passthrough", value<&Stats::Snapshot::passthroughAvailable>},
    {"passmirror_source_watch",
     Type::Gauge,
     "Whether changes made to the source are pushed to the kernel (active), not (off: 1 s caching), or no longer (failed): 1 for the current one",
     [](const Mirror &mirror, Samples &out) {
         using enum Stats::SourceWatchState;
         out.oneOf("state", mirror.snapshot.sourceWatch, std::array{Off, Active, Failed}, Stats::sourceWatchName);
     }},
    {"passmirror_requests_total", Type::Counter, "FUSE requests the daemon received, per operation", perOperation<&Stats::Snapshot::requests>},
    {"passmirror_request_errors_total", Type::Counter, "FUSE requests answered with an error, per operation", perOperation<&Stats::Snapshot::errors>},
    {"passmirror_read_bytes_total",
     Type::Counter,
     "Bytes read through the daemon (userspace data path only: reads served by kernel passthrough are not counted)",
     value<&Stats::Snapshot::bytesRead>},
    {"passmirror_written_bytes_total",
     Type::Counter,
     "Bytes written through the daemon (userspace data path only: writes served by kernel passthrough are not counted)",
     value<&Stats::Snapshot::bytesWritten>},
    {"passmirror_open_files", Type::Gauge, "File handles open now", value<&Stats::Snapshot::openFiles>},
    {"passmirror_open_directories", Type::Gauge, "Directory handles open now", value<&Stats::Snapshot::openDirectories>},
    {"passmirror_passthrough_opens_total", Type::Counter, "Opens served by kernel passthrough", value<&Stats::Snapshot::passthroughOpens>},
    {"passmirror_userspace_opens_total", Type::Counter, "Opens served through the daemon", value<&Stats::Snapshot::userspaceOpens>},
    {"passmirror_passthrough_fallbacks_total",
     Type::Counter,
     "Opens that asked for kernel passthrough and fell back to the daemon",
     value<&Stats::Snapshot::passthroughFallbacks>},
    {"passmirror_inodes_known", Type::Gauge, "Inodes the kernel holds references to", value<&Stats::Snapshot::inodesKnown>},
    {"passmirror_inode_fds_held", Type::Gauge, "O_PATH file descriptors the daemon holds for those inodes", value<&Stats::Snapshot::inodeFdsHeld>},
    {"passmirror_inodes_watched", Type::Gauge, "Inodes whose changes in the source are pushed to the kernel", value<&Stats::Snapshot::inodesWatched>},
    {"passmirror_source_invalidations_total",
     Type::Counter,
     "Invalidations sent to the kernel for changes made to the source behind the mirror's back",
     value<&Stats::Snapshot::sourceInvalidations>},
    {"passmirror_source_overflows_total",
     Type::Counter,
     "Times source events were lost and every cached name and attribute was dropped",
     value<&Stats::Snapshot::sourceOverflows>},
};

} // namespace

void Samples::add(std::uint64_t value)
{
    m_samples.append({{}, number(value)});
}

void Samples::add(QList<Label> labels, std::uint64_t value)
{
    m_samples.append({std::move(labels), number(value)});
}

void Samples::add(QList<Label> labels, double value)
{
    m_samples.append({std::move(labels), number(value)});
}

std::span<const Family> families()
{
    return Families;
}

QByteArray escapeLabelValue(const QByteArray &value)
{
    // Through QString: every byte sequence that is not UTF-8 becomes U+FFFD.
    const QByteArray utf8 = QString::fromUtf8(value).toUtf8();
    QByteArray escaped;
    escaped.reserve(utf8.size());
    for (const char c : utf8) {
        switch (c) {
        case '\\':
            escaped += "\\\\";
            break;
        case '"':
            escaped += "\\\"";
            break;
        case '\n':
            escaped += "\\n";
            break;
        default:
            escaped += c;
        }
    }
    return escaped;
}

QByteArray escapeHelp(std::string_view help)
{
    QByteArray escaped;
    escaped.reserve(static_cast<qsizetype>(help.size()));
    for (const char c : help) {
        if (c == '\\') {
            escaped += "\\\\";
        } else if (c == '\n') {
            escaped += "\\n";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

QByteArray render(const QList<Mirror> &mirrors)
{
    // mirror="…",mountpoint="…": the labels every sample of a mirror starts with.
    QList<QByteArray> identities;
    identities.reserve(mirrors.size());
    for (const Mirror &mirror : mirrors) {
        identities.append("mirror=\"" + escapeLabelValue(mirror.id.toUtf8()) + "\",mountpoint=\"" + escapeLabelValue(mirror.mountPoint) + '"');
    }
    QByteArray text;
    for (const Family &family : Families) {
        const QByteArray name = bytes(family.name);
        text += "# HELP " + name + ' ' + escapeHelp(family.help) + '\n';
        text += "# TYPE " + name + (family.type == Type::Counter ? " counter\n" : " gauge\n");
        for (qsizetype i = 0; i < mirrors.size(); ++i) {
            const Mirror &mirror = mirrors[i];
            if (!mirror.snapshot.valid && !family.evenUnreadable) {
                continue;
            }
            Samples samples;
            family.samples(mirror, samples);
            for (const Samples::Sample &sample : samples.samples()) {
                text += name + '{' + identities[i];
                for (const auto &[label, labelValue] : sample.labels) {
                    text += ',' + bytes(label) + "=\"" + escapeLabelValue(labelValue) + '"';
                }
                text += "} " + sample.value + '\n';
            }
        }
    }
    return text;
}

} // namespace PassMirror::Ctl::Metrics
