#pragma once
// A bounded queue between one producer thread and one consumer: push() waits while the queue is
// full, so the producer never runs further ahead than `capacity` items (memory stays flat).
// close() ends it from either side: pop() returns false once it is closed and empty, push()
// returns false as soon as it is closed (the consumer gave up).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace svcdesk {

template <typename T>
class Channel {
public:
    explicit Channel(std::size_t capacity) : m_capacity(capacity) {}

    bool push(T item) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return m_closed || m_items.size() < m_capacity; });
        if (m_closed) return false;
        m_items.push_back(std::move(item));
        m_not_empty.notify_one();
        return true;
    }

    // The next item, or nothing once the channel is closed and drained.
    std::optional<T> pop() {
        std::unique_lock lock(m_mutex);
        m_not_empty.wait(lock, [&] { return m_closed || !m_items.empty(); });
        if (m_items.empty()) return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_not_full.notify_one();
        return item;
    }

    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_not_full.notify_all();
        m_not_empty.notify_all();
    }

private:
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_not_full, m_not_empty;
    std::deque<T> m_items;
    bool m_closed = false;
};

} // namespace svcdesk
