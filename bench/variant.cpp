// SPDX-License-Identifier: GPL-2.0-or-later
#include "variant.h"

#include "process.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace PassMirror::Bench
{

namespace
{

std::string joined(const std::vector<std::string> &argv)
{
    std::string text;
    for (const std::string &argument : argv) {
        text += (text.empty() ? "" : " ") + argument;
    }
    return text;
}

// The first child of `pid` (passmirrord's supervisor forks the FUSE server).
pid_t firstChildOf(pid_t pid)
{
    std::ifstream children("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
    pid_t child = -1;
    children >> child;
    return children ? child : -1;
}

} // namespace

Variant::Variant(VariantSpec spec, std::string base, std::string source, uid_t uid, gid_t gid)
    : m_spec(std::move(spec))
    , m_mountPoint(base + "/mnt-" + m_spec.name)
    , m_source(std::move(source))
    , m_uid(uid)
    , m_gid(gid)
{
    m_root = m_spec.kind == VariantKind::Native ? m_source : m_mountPoint;
}

Variant::~Variant()
{
    stop();
}

std::string Variant::start(const Programs &programs)
{
    if (m_spec.kind == VariantKind::Native) {
        m_command = "(the source directory itself)";
        return {};
    }
    if (::mkdir(m_mountPoint.c_str(), 0755) != 0 && errno != EEXIST) {
        return "mkdir " + m_mountPoint + ": " + std::strerror(errno);
    }
    if (::chown(m_mountPoint.c_str(), m_uid, m_gid) != 0) {
        return "chown " + m_mountPoint + ": " + std::strerror(errno);
    }
    std::vector<std::string> argv;
    bool readyOnFd3 = false;
    bool waitForReady = true;
    switch (m_spec.kind) {
    case VariantKind::Mirror:
        argv = {m_spec.alternative ? programs.alternativeDaemon : programs.daemon,
                m_source,
                m_mountPoint,
                "--owner=" + std::to_string(m_uid),
                "--foreground",
                "--ready-fd=3",
                "--stats-file=" + m_mountPoint + ".stats"};
        argv.insert(argv.end(), m_spec.arguments.begin(), m_spec.arguments.end());
        argv.insert(argv.end(), programs.daemonArguments.begin(), programs.daemonArguments.end());
        readyOnFd3 = true;
        break;
    case VariantKind::Floor:
        argv = {programs.floor, m_mountPoint, "--owner=" + std::to_string(m_uid) + ":" + std::to_string(m_gid)};
        argv.insert(argv.end(), programs.floorArguments.begin(), programs.floorArguments.end());
        break;
    case VariantKind::Bindfs:
        // Started by root as an administrator would; allow_other lets the
        // owner's workloads in (a root-mounted FUSE fs admits only root otherwise).
        argv = {programs.bindfs, "-o", "allow_other", m_source, m_mountPoint};
        waitForReady = false;
        break;
    case VariantKind::Mergerfs:
        argv = {programs.mergerfs, "-o", "allow_other", m_source, m_mountPoint};
        waitForReady = false;
        break;
    case VariantKind::Native:
        break;
    }
    if (argv.front().empty()) {
        return m_spec.name + ": program not installed";
    }
    m_command = joined(argv);
    const Started started = startProgram(argv, readyOnFd3, waitForReady, std::chrono::seconds(30));
    if (!started.error.empty()) {
        return m_spec.name + ": " + started.error;
    }
    m_pid = started.pid;
    if (!isMountPoint(m_mountPoint)) {
        stop();
        return m_spec.name + ": " + m_mountPoint + " is not mounted after start";
    }
    return {};
}

void Variant::stop()
{
    if (m_spec.kind == VariantKind::Native) {
        return;
    }
    if (m_pid > 0) {
        // passmirrord and the floor unmount themselves on SIGTERM.
        stopProgram(m_pid);
        m_pid = -1;
    }
    unmountIfMounted(m_mountPoint);
    ::rmdir(m_mountPoint.c_str());
    ::unlink((m_mountPoint + ".stats").c_str());
}

pid_t Variant::serverPid() const
{
    switch (m_spec.kind) {
    case VariantKind::Mirror:
        return m_pid > 0 ? firstChildOf(m_pid) : -1;
    case VariantKind::Floor:
        return m_pid;
    case VariantKind::Bindfs: // they daemonise: the bench does not know their pid
    case VariantKind::Mergerfs:
    case VariantKind::Native:
        break;
    }
    return -1;
}

} // namespace PassMirror::Bench
