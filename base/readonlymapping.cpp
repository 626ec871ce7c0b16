// SPDX-License-Identifier: GPL-2.0-or-later
#include "readonlymapping.h"

#include "uniquefd.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <utility>

namespace PassMirror
{

namespace
{

// Plain atomics only: the handler reads them on whatever thread faulted.
struct Slot {
    std::atomic<bool> taken{false}; // claimed by a mapping (its fields may be filling)
    std::atomic<std::uintptr_t> begin{0}; // set last: the handler looks only at slots with one
    std::atomic<std::size_t> size{0};
    std::atomic<bool> damaged{false};
};
constexpr int SlotCount = 256;
Slot s_slots[SlotCount];
struct sigaction s_previous{};
std::once_flag s_installed;

void onBusError(int signal, siginfo_t *info, void *context)
{
    const auto address = reinterpret_cast<std::uintptr_t>(info->si_addr);
    for (Slot &slot : s_slots) {
        const std::uintptr_t begin = slot.begin.load(std::memory_order_acquire);
        const std::size_t size = slot.size.load(std::memory_order_acquire);
        if (begin == 0 || address < begin || address - begin >= size) {
            continue;
        }
        // mmap is a system call, safe here. Zero pages where the file was:
        // the faulting load runs again and reads 0 (no magic, no counters).
        const int savedErrno = errno;
        void *replaced = mmap(reinterpret_cast<void *>(begin), size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        errno = savedErrno;
        if (replaced != MAP_FAILED) {
            slot.damaged.store(true, std::memory_order_release);
            return;
        }
        break;
    }
    // Not one of ours (or it could not be replaced): what was there before.
    if ((s_previous.sa_flags & SA_SIGINFO) != 0 && s_previous.sa_sigaction != nullptr) {
        s_previous.sa_sigaction(signal, info, context);
        return;
    }
    if (s_previous.sa_handler != SIG_DFL && s_previous.sa_handler != SIG_IGN && s_previous.sa_handler != nullptr) {
        s_previous.sa_handler(signal);
        return;
    }
    // The default action: leave it in place and raise again (blocked while
    // this handler runs, so it is delivered on return).
    struct sigaction defaults{};
    defaults.sa_handler = SIG_DFL;
    sigemptyset(&defaults.sa_mask);
    sigaction(SIGBUS, &defaults, nullptr);
    raise(SIGBUS);
}

void installHandler()
{
    struct sigaction action{};
    action.sa_sigaction = onBusError;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigaction(SIGBUS, &action, &s_previous);
}

int claimSlot(void *data, std::size_t size)
{
    for (int i = 0; i < SlotCount; ++i) {
        bool taken = false;
        if (s_slots[i].taken.compare_exchange_strong(taken, true, std::memory_order_acq_rel)) {
            s_slots[i].size.store(size, std::memory_order_release);
            s_slots[i].damaged.store(false, std::memory_order_release);
            s_slots[i].begin.store(reinterpret_cast<std::uintptr_t>(data), std::memory_order_release);
            return i;
        }
    }
    return -1;
}

} // namespace

ReadOnlyMapping::~ReadOnlyMapping()
{
    unmap();
}

ReadOnlyMapping::ReadOnlyMapping(ReadOnlyMapping &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_slot(std::exchange(other.m_slot, -1))
{
}

ReadOnlyMapping &ReadOnlyMapping::operator=(ReadOnlyMapping &&other) noexcept
{
    if (this != &other) {
        unmap();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_slot = std::exchange(other.m_slot, -1);
    }
    return *this;
}

std::string ReadOnlyMapping::mapFile(const std::string &path, std::size_t minimumSize, const char *what)
{
    unmap();
    const UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
    if (!fd) {
        return path + ": " + std::strerror(errno);
    }
    struct stat st{};
    if (fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || static_cast<std::size_t>(st.st_size) < minimumSize) {
        return path + ": not " + what + " (too small or not a regular file)";
    }
    if (!map(fd.get(), static_cast<std::size_t>(st.st_size))) {
        return path + ": " + std::strerror(errno);
    }
    return {};
}

bool ReadOnlyMapping::map(int fd, std::size_t size)
{
    unmap();
    std::call_once(s_installed, installHandler);
    void *data = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    if (data == MAP_FAILED) {
        return false;
    }
    const int slot = claimSlot(data, size);
    if (slot < 0) {
        munmap(data, size);
        errno = EMFILE;
        return false;
    }
    m_data = data;
    m_size = size;
    m_slot = slot;
    return true;
}

void ReadOnlyMapping::unmap() noexcept
{
    if (m_data == nullptr) {
        return;
    }
    s_slots[m_slot].begin.store(0, std::memory_order_release);
    munmap(m_data, m_size);
    s_slots[m_slot].taken.store(false, std::memory_order_release);
    m_data = nullptr;
    m_size = 0;
    m_slot = -1;
}

bool ReadOnlyMapping::damaged() const noexcept
{
    return m_slot >= 0 && s_slots[m_slot].damaged.load(std::memory_order_acquire);
}

} // namespace PassMirror
