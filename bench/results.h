// SPDX-License-Identifier: GPL-2.0-or-later
// The figures of one run: every sample of every (workload, threads,
// variant), their min / median / max, and the ratios to native and to the
// floor taken round by round (the median of per-round ratios, so a slow
// spell of the machine during one round does not tilt a comparison).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace PassMirror::Bench
{

struct Summary {
    double min = 0;
    double median = 0;
    double max = 0;
};

[[nodiscard]] Summary summarise(std::vector<double> values);

struct Figure {
    std::string workload;
    std::string unit;
    bool metadata = false;
    int threads = 1;
    std::string variant;
    std::vector<double> samples; // one per round, in round order
};

struct MountLatency {
    std::string method;
    std::vector<double> warmMs;
    std::optional<double> coldMs;
};

struct RunInfo {
    std::string startedAt; // UTC, ISO 8601
    std::string kernel;
    int cpus = 0;
    double loadAverage = 0; // 1-minute load when the run began
    double loadAverageAtEnd = 0;
    int rounds = 0;
    bool quick = false;
    std::string scratch;
    std::vector<std::pair<std::string, std::string>> variants; // name, command
    std::vector<std::string> skipped; // "name: why"
    double seconds = 0;
};

class Results
{
public:
    void add(const std::string &workload, const std::string &unit, bool metadata, int threads, const std::string &variant, double value);

    // The median of per-round ratios value/reference, where both exist.
    [[nodiscard]] std::optional<double> ratio(const Figure &figure, const std::string &referenceVariant) const;

    [[nodiscard]] std::string table() const; // Markdown
    // For each (variant, baseline) both measured: every figure's median of
    // per-round ratios variant ÷ baseline (Markdown; empty when none).
    [[nodiscard]] std::string comparisonTable(const std::vector<std::pair<std::string, std::string>> &pairs) const;
    // `realJson`: the real workloads' array (realworkload.h), when they ran.
    [[nodiscard]] std::string json(const RunInfo &info, const std::optional<MountLatency> &latency, const std::string &realJson = {}) const;

private:
    [[nodiscard]] const Figure *find(const std::string &workload, int threads, const std::string &variant) const;
    std::vector<Figure> m_figures;
};

[[nodiscard]] std::string latencyTable(const MountLatency &latency);

} // namespace PassMirror::Bench
