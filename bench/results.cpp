// SPDX-License-Identifier: GPL-2.0-or-later
#include "results.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace PassMirror::Bench
{

namespace
{

std::string number(double value)
{
    char text[64];
    if (!std::isfinite(value)) {
        return "null";
    }
    if (std::fabs(value) >= 100) {
        std::snprintf(text, sizeof text, "%.0f", value);
    } else if (std::fabs(value) >= 1) {
        std::snprintf(text, sizeof text, "%.2f", value);
    } else {
        // Three significant digits: a ratio of 0.0005 (a mirror 2,000
        // times slower than native on a loaded machine) must not print as 0.
        std::snprintf(text, sizeof text, "%.3g", value);
    }
    return text;
}

std::string quoted(const std::string &text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string optionalNumber(const std::optional<double> &value)
{
    return value ? number(*value) : "null";
}

} // namespace

Summary summarise(std::vector<double> values)
{
    if (values.empty()) {
        return {};
    }
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    const double median = values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    return {values.front(), median, values.back()};
}

void Results::add(const std::string &workload, const std::string &unit, bool metadata, int threads, const std::string &variant, double value)
{
    for (Figure &figure : m_figures) {
        if (figure.workload == workload && figure.threads == threads && figure.variant == variant) {
            figure.samples.push_back(value);
            return;
        }
    }
    m_figures.push_back({workload, unit, metadata, threads, variant, {value}});
}

const Figure *Results::find(const std::string &workload, int threads, const std::string &variant) const
{
    for (const Figure &figure : m_figures) {
        if (figure.workload == workload && figure.threads == threads && figure.variant == variant) {
            return &figure;
        }
    }
    return nullptr;
}

std::optional<double> Results::ratio(const Figure &figure, const std::string &referenceVariant) const
{
    const Figure *reference = find(figure.workload, figure.threads, referenceVariant);
    if (reference == nullptr) {
        return std::nullopt;
    }
    std::vector<double> ratios;
    for (std::size_t round = 0; round < std::min(figure.samples.size(), reference->samples.size()); ++round) {
        if (figure.samples[round] > 0 && reference->samples[round] > 0) {
            ratios.push_back(figure.samples[round] / reference->samples[round]);
        }
    }
    if (ratios.empty()) {
        return std::nullopt;
    }
    return summarise(ratios).median;
}

std::string Results::table() const
{
    std::string out =
        "| figure | threads | variant | min | median | max | ÷ native | ÷ floor |\n"
        "|---|---|---|---|---|---|---|---|\n";
    for (const Figure &figure : m_figures) {
        const Summary summary = summarise(figure.samples);
        const auto toNative = figure.variant == "native" ? std::nullopt : ratio(figure, "native");
        const auto toFloor = figure.variant == "floor" || !figure.metadata ? std::nullopt : ratio(figure, "floor");
        out += "| " + figure.workload + " (" + figure.unit + ") | " + std::to_string(figure.threads) + " | " + figure.variant + " | " + number(summary.min)
            + " | " + number(summary.median) + " | " + number(summary.max) + " | " + (toNative ? number(*toNative) : "") + " | "
            + (toFloor ? number(*toFloor) : "") + " |\n";
    }
    return out;
}

std::string Results::comparisonTable(const std::vector<std::pair<std::string, std::string>> &pairs) const
{
    std::string out;
    for (const auto &[variant, baseline] : pairs) {
        for (const Figure &figure : m_figures) {
            if (figure.variant != variant) {
                continue;
            }
            const auto toBaseline = ratio(figure, baseline);
            if (!toBaseline) {
                continue;
            }
            if (out.empty()) {
                out =
                    "| figure | threads | variant ÷ baseline | median of per-round ratios |\n"
                    "|---|---|---|---|\n";
            }
            out += "| " + figure.workload + " (" + figure.unit + ") | " + std::to_string(figure.threads) + " | " + variant + " ÷ " + baseline + " | "
                + number(*toBaseline) + " |\n";
        }
    }
    return out;
}

std::string Results::json(const RunInfo &info, const std::optional<MountLatency> &latency, const std::string &realJson) const
{
    std::string out = "{\n  \"format\": \"passmirror-bench 1\",\n";
    out += "  \"started_at\": " + quoted(info.startedAt) + ",\n";
    out += "  \"kernel\": " + quoted(info.kernel) + ",\n";
    out += "  \"cpus\": " + std::to_string(info.cpus) + ",\n";
    out += "  \"load_average_start\": " + number(info.loadAverage) + ",\n";
    out += "  \"load_average_end\": " + number(info.loadAverageAtEnd) + ",\n";
    out += "  \"rounds\": " + std::to_string(info.rounds) + ",\n";
    out += "  \"quick\": " + std::string(info.quick ? "true" : "false") + ",\n";
    out += "  \"seconds\": " + number(info.seconds) + ",\n";
    out += "  \"scratch\": " + quoted(info.scratch) + ",\n";
    out += "  \"variants\": [";
    for (std::size_t i = 0; i < info.variants.size(); ++i) {
        out +=
            std::string(i == 0 ? "\n" : ",\n") + "    {\"name\": " + quoted(info.variants[i].first) + ", \"command\": " + quoted(info.variants[i].second) + "}";
    }
    out += "\n  ],\n  \"skipped\": [";
    for (std::size_t i = 0; i < info.skipped.size(); ++i) {
        out += (i == 0 ? "" : ", ") + quoted(info.skipped[i]);
    }
    out += "],\n  \"figures\": [";
    for (std::size_t i = 0; i < m_figures.size(); ++i) {
        const Figure &figure = m_figures[i];
        const Summary summary = summarise(figure.samples);
        out += std::string(i == 0 ? "\n" : ",\n") + "    {\"workload\": " + quoted(figure.workload) + ", \"unit\": " + quoted(figure.unit)
            + ", \"threads\": " + std::to_string(figure.threads) + ", \"variant\": " + quoted(figure.variant) + ", \"samples\": [";
        for (std::size_t s = 0; s < figure.samples.size(); ++s) {
            out += (s == 0 ? "" : ", ") + number(figure.samples[s]);
        }
        out += "], \"min\": " + number(summary.min) + ", \"median\": " + number(summary.median) + ", \"max\": " + number(summary.max)
            + ", \"ratio_to_native\": " + optionalNumber(figure.variant == "native" ? std::optional(1.0) : ratio(figure, "native")) + ", \"ratio_to_floor\": "
            + optionalNumber(figure.metadata ? (figure.variant == "floor" ? std::optional(1.0) : ratio(figure, "floor")) : std::nullopt) + "}";
    }
    out += "\n  ],\n";
    if (!realJson.empty()) {
        out += "  \"real\": " + realJson + ",\n";
    }
    out += "  \"mount_latency\": ";
    if (!latency) {
        out += "null\n}\n";
        return out;
    }
    out += "{\"method\": " + quoted(latency->method) + ", \"cold_ms\": " + optionalNumber(latency->coldMs) + ", \"warm_ms\": [";
    for (std::size_t i = 0; i < latency->warmMs.size(); ++i) {
        out += (i == 0 ? "" : ", ") + number(latency->warmMs[i]);
    }
    const Summary warm = summarise(latency->warmMs);
    out += "], \"warm_median_ms\": " + number(warm.median) + "}\n}\n";
    return out;
}

std::string latencyTable(const MountLatency &latency)
{
    const Summary warm = summarise(latency.warmMs);
    return "Mount latency (" + latency.method + "):\n" + "| start | min ms | median ms | max ms | runs |\n|---|---|---|---|---|\n"
        + "| cold (caches dropped) | " + (latency.coldMs ? number(*latency.coldMs) : "") + " | | | 1 |\n" + "| warm | " + number(warm.min) + " | "
        + number(warm.median) + " | " + number(warm.max) + " | " + std::to_string(latency.warmMs.size()) + " |\n";
}

} // namespace PassMirror::Bench
