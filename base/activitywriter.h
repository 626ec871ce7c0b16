// SPDX-License-Identifier: GPL-2.0-or-later
// The writing half of the activity ring's sequence protocol
// (activitylayout.h): claim a slot, fill it in place, publish it. Here in
// base beside the layout so the reader's tests can drive the very code the
// daemon writes with.
#pragma once

#include "activitylayout.h"

namespace PassMirror::Activity
{

class RingWriter
{
public:
    // `header` is followed by header->capacity records (a power of two).
    explicit RingWriter(Header *header) noexcept
        : m_header(header)
        , m_records(records(header))
        , m_mask(header->capacity - 1)
    {
    }

    // A record being written: fill its fields (not `sequence`), then commit.
    struct Slot {
        Record *record = nullptr; // null: dropped, nothing to fill
        std::uint64_t sequence = 0;
    };

    [[nodiscard]] Slot claim() noexcept
    {
        const std::uint64_t n = m_header->head.fetch_add(1, std::memory_order_relaxed);
        Record &record = m_records[n & m_mask];
        std::uint64_t previous = record.sequence.load(std::memory_order_relaxed);
        // Taken only from an even (complete or never written) value of an
        // earlier lap: a writer one lap behind that still writes keeps it.
        while ((previous & 1u) == 0 && previous < 2 * n + 1) {
            // Acquire: the fields written next cannot move before "being written".
            if (record.sequence.compare_exchange_weak(previous, 2 * n + 1, std::memory_order_acquire, std::memory_order_relaxed)) {
                return {&record, n};
            }
        }
        m_header->dropped.fetch_add(1, std::memory_order_relaxed);
        return {};
    }

    static void commit(const Slot &slot) noexcept
    {
        slot.record->sequence.store(2 * slot.sequence + 2, std::memory_order_release);
    }

private:
    Header *m_header;
    Record *m_records;
    std::uint64_t m_mask;
};

} // namespace PassMirror::Activity
