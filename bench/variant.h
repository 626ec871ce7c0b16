// SPDX-License-Identifier: GPL-2.0-or-later
// The things compared in one run: the native directory, the mirror with
// kernel passthrough on and off, bindfs and mergerfs over the same source,
// and the floor daemon. Each is mounted once for the whole run; the
// workloads then visit them in turn.
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace PassMirror::Bench
{

enum class VariantKind {
    Native,
    Mirror,
    Bindfs,
    Mergerfs,
    Floor
};

struct VariantSpec {
    std::string name; // as printed and in the JSON
    VariantKind kind = VariantKind::Native;
    std::vector<std::string> arguments; // extra arguments (the mirror's --passthrough=..., --daemon-arg)
    bool alternative = false; // a mirror served by Programs::alternativeDaemon
};

struct Programs {
    std::string daemon; // passmirrord
    std::vector<std::string> daemonArguments; // --daemon-arg, added to every mirror
    std::string alternativeDaemon; // --alt-daemon: a second passmirrord (e.g. counters compiled out)
    std::string floor; // passmirror-floor
    std::vector<std::string> floorArguments; // --floor-arg
    std::string bindfs; // empty: not installed
    std::string mergerfs;
};

class Variant
{
public:
    Variant(VariantSpec spec, std::string base, std::string source, uid_t uid, gid_t gid);
    ~Variant();
    Variant(const Variant &) = delete;
    Variant &operator=(const Variant &) = delete;

    // Mounts (nothing for native); returns an error text, empty on success.
    [[nodiscard]] std::string start(const Programs &programs);
    void stop();

    [[nodiscard]] const std::string &name() const
    {
        return m_spec.name;
    }
    [[nodiscard]] VariantKind kind() const
    {
        return m_spec.kind;
    }
    // Where the workloads run.
    [[nodiscard]] const std::string &root() const
    {
        return m_root;
    }
    // A mirror's stats file (passmirrord's --stats-file); empty for the others.
    [[nodiscard]] std::string statsPath() const
    {
        return m_spec.kind == VariantKind::Mirror ? m_mountPoint + ".stats" : std::string();
    }
    // The process that serves the mount (for RSS, fd counts), or -1.
    [[nodiscard]] pid_t serverPid() const;
    // The full command that mounted it (for the report).
    [[nodiscard]] const std::string &command() const
    {
        return m_command;
    }

private:
    VariantSpec m_spec;
    std::string m_mountPoint;
    std::string m_source;
    std::string m_root;
    std::string m_command;
    uid_t m_uid;
    gid_t m_gid;
    pid_t m_pid = -1;
};

} // namespace PassMirror::Bench
