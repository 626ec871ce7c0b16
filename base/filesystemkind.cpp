// SPDX-License-Identifier: GPL-2.0-or-later
#include "filesystemkind.h"

#include <linux/magic.h>
#include <sys/vfs.h>

namespace PassMirror
{

namespace
{

struct PseudoFilesystem {
    unsigned long magic;
    std::string_view name; // as the mount table's type field has it
};

// The kernel's state shown as files, and the ones that exist only to serve
// the kernel's own interfaces. Values from linux/magic.h; the few it lacks
// are the kernel's own constants (fs/configfs, fs/xenfs, fs/nfsd, ...).
constexpr PseudoFilesystem PseudoFilesystems[] = {
    {PROC_SUPER_MAGIC, "proc"},
    {SYSFS_MAGIC, "sysfs"},
    {CGROUP_SUPER_MAGIC, "cgroup"},
    {CGROUP2_SUPER_MAGIC, "cgroup2"},
    {DEBUGFS_MAGIC, "debugfs"},
    {TRACEFS_MAGIC, "tracefs"},
    {SECURITYFS_MAGIC, "securityfs"},
    {0x62656570, "configfs"},
    {BPF_FS_MAGIC, "bpf"},
    {0x65735543, "fusectl"},
    {EFIVARFS_MAGIC, "efivarfs"},
    {PSTOREFS_MAGIC, "pstore"},
    {SELINUX_MAGIC, "selinuxfs"},
    {SMACK_MAGIC, "smackfs"},
    {BINFMTFS_MAGIC, "binfmt_misc"},
    {DEVPTS_SUPER_MAGIC, "devpts"},
    {0x19800202, "mqueue"},
    {NSFS_MAGIC, "nsfs"},
    {0x7655821, "resctrl"},
    {0x6c6f6f70, "binder"},
    {0xabba1974, "xenfs"},
    {0x6e667364, "nfsd"},
    {0x67596969, "rpc_pipefs"},
    {0x9fa1, "openpromfs"},
    {0x9fa2, "usbfs"},
    {0x2011bab0, "hypfs"},
};

} // namespace

std::optional<std::string_view> pseudoFilesystemByMagic(unsigned long type) noexcept
{
    for (const PseudoFilesystem &pseudo : PseudoFilesystems) {
        if (static_cast<unsigned int>(type) == static_cast<unsigned int>(pseudo.magic)) {
            return pseudo.name;
        }
    }
    return std::nullopt;
}

bool isPseudoFilesystemType(std::string_view fsType) noexcept
{
    for (const PseudoFilesystem &pseudo : PseudoFilesystems) {
        if (fsType == pseudo.name) {
            return true;
        }
    }
    return false;
}

std::optional<std::string_view> pseudoFilesystemOf(int fd) noexcept
{
    struct statfs st{};
    if (fstatfs(fd, &st) != 0) {
        return std::nullopt;
    }
    return pseudoFilesystemByMagic(static_cast<unsigned long>(st.f_type));
}

} // namespace PassMirror
