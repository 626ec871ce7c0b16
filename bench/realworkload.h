// SPDX-License-Identifier: GPL-2.0-or-later
// Real programs on each variant, as a person runs them: tar -x of a tree like
// a source checkout (mixed sizes, symlinks, hard links, user xattrs, access
// and default ACLs), rsync -aHAX --checksum copy, a damaged copy synced back
// with --delete and a dry run; find | xargs stat; git clone of a local
// repository and git status; make -j2 of a small C project. Each step is
// timed as the owner (a child process with the owner's ids and groups), and
// on a mirror the requests it cost are read from the stats file.
//
// The inputs (the tarball, the repository, the project) are made once on the
// native disk outside every variant, so a step reads its input at native
// speed and only its work on the variant is compared.
#pragma once

#include "results.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Bench
{

struct RealSettings {
    uid_t uid = 0;
    gid_t gid = 0;
    std::vector<gid_t> groups; // the owner's supplementary groups
    int treeEntries = 20000; // about; files, directories, symlinks, hard links
    int repositoryFiles = 2000;
    int projectSources = 24; // .c files of the make project
};

// What was made once: paths and entry counts.
struct RealInputs {
    std::string directory; // inputs/ below the scratch base
    std::string home; // the owner's HOME for the steps (git config, no dotfiles read elsewhere)
    std::string tarball; // tree.tar
    std::string repository; // a git repository (not bare)
    std::string project; // the C project
    int treeEntries = 0; // entries in the tarball, as tar lists them
    int repositoryFiles = 0;
    int projectSources = 0;
};

// Makes the inputs below `base`/inputs as the owner (tar and git as the
// owner too). Returns an error text, empty on success.
[[nodiscard]] std::string prepareRealInputs(const std::string &base, const RealSettings &settings, RealInputs &inputs);

// A variant as the real workloads see it.
struct RealTarget {
    std::string name;
    std::string root; // where the work goes (the mount point, or the source)
    std::string sourceRoot; // the same folder in the source, for untimed cleanup
    std::string statsPath; // a mirror's stats file; empty otherwise
};

// One step's figures on one variant in one round.
struct RealSample {
    double seconds = 0;
    std::optional<std::uint64_t> requests; // a mirror's requests during the step
};

class RealResults
{
public:
    void add(const std::string &step, const std::string &variant, const RealSample &sample);
    // Per step, variant and operation: a mirror's requests (errors) summed over
    // the rounds, for the breakdown table of the first mirror.
    void addOperations(const std::string &variant, const std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> &operations);

    [[nodiscard]] std::string table(const RealInputs &inputs) const; // Markdown
    [[nodiscard]] std::string json(const RealInputs &inputs) const; // a JSON array

private:
    struct Row {
        std::string step;
        std::string variant;
        std::vector<RealSample> samples; // in round order
    };
    [[nodiscard]] const Row *find(const std::string &step, const std::string &variant) const;
    [[nodiscard]] std::optional<double> ratioToNative(const Row &row) const;
    [[nodiscard]] int entriesOf(const std::string &step, const RealInputs &inputs) const;
    std::vector<Row> m_rows;
    std::vector<std::string> m_operationVariants;
    std::map<std::string, std::map<std::string, std::pair<std::uint64_t, std::uint64_t>>> m_operations; // variant -> op -> (requests, errors)
};

// Runs every step once on `target` (work in root/real-<name>, removed after)
// and adds the samples. Returns an error text, empty on success.
[[nodiscard]] std::string runRealWorkloads(const RealTarget &target, const RealInputs &inputs, const RealSettings &settings, RealResults &results);

// The step names in order; "tree" is the sum of the tar and rsync steps.
[[nodiscard]] const std::vector<std::string> &realSteps();

} // namespace PassMirror::Bench
