// SPDX-License-Identifier: GPL-2.0-or-later
#include "statsview.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace PassMirror::Test
{

StatsView::~StatsView()
{
    unmap();
}

StatsView::StatsView(StatsView &&other) noexcept
    : m_layout(std::exchange(other.m_layout, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_error(std::move(other.m_error))
{
}

StatsView &StatsView::operator=(StatsView &&other) noexcept
{
    if (this != &other) {
        unmap();
        m_layout = std::exchange(other.m_layout, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_error = std::move(other.m_error);
    }
    return *this;
}

void StatsView::unmap()
{
    if (m_layout) {
        ::munmap(const_cast<Stats::Layout *>(m_layout), m_size);
        m_layout = nullptr;
    }
}

bool StatsView::open(const std::string &path)
{
    unmap();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        m_error = "cannot open stats file " + path + ": " + std::strerror(errno);
        return false;
    }
    struct stat status {};
    if (::fstat(fd, &status) != 0 || static_cast<std::size_t>(status.st_size) < sizeof(Stats::Layout)) {
        m_error = "stats file " + path + " is " + std::to_string(status.st_size) + " bytes, expected at least " + std::to_string(sizeof(Stats::Layout));
        ::close(fd);
        return false;
    }
    void *mapping = ::mmap(nullptr, static_cast<std::size_t>(status.st_size), PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (mapping == MAP_FAILED) {
        m_error = "cannot map stats file " + path + ": " + std::strerror(errno);
        return false;
    }
    m_layout = static_cast<const Stats::Layout *>(mapping);
    m_size = static_cast<std::size_t>(status.st_size);
    if (m_layout->magic != Stats::Magic || m_layout->version != Stats::Version || m_layout->headerSize < sizeof(Stats::Layout)
        || m_layout->operationCount < Stats::OperationCount) {
        m_error = "stats file " + path + " has a wrong header (magic, version, header size or operation count)";
        unmap();
        return false;
    }
    return true;
}

std::uint64_t StatsView::requests(Stats::Operation operation) const
{
    return m_layout->counters(operation).requests.load(std::memory_order_relaxed);
}

std::uint64_t StatsView::errors(Stats::Operation operation) const
{
    return m_layout->counters(operation).errors.load(std::memory_order_relaxed);
}

Stats::DaemonState StatsView::state() const
{
    return static_cast<Stats::DaemonState>(m_layout->state.load(std::memory_order_relaxed));
}

std::uint64_t waitForCounter(const CounterReader &read, std::uint64_t expected, std::chrono::milliseconds timeout, std::chrono::milliseconds settle)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::uint64_t value = read();
    while (value != expected && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        value = read();
    }
    if (value != expected) {
        return value;
    }
    const auto settleEnd = std::chrono::steady_clock::now() + settle;
    while (std::chrono::steady_clock::now() < settleEnd) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        value = read();
        if (value != expected) {
            return value;
        }
    }
    return value;
}

bool waitUntil(const std::function<bool()> &condition, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (condition()) {
            return true;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

} // namespace PassMirror::Test
