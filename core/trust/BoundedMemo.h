#pragma once
// A thread-safe, bounded least-recently-used map from a content key to an immutable value.
// Callers key it by the SHA-256 of the exact bytes a value was computed from (trust.md §6).
#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <list>
#include <memory>

namespace vf::trust {

template <typename Value> class BoundedMemo {
public:
    explicit BoundedMemo(qsizetype capacity)
        : m_capacity(capacity) {}

    std::shared_ptr<const Value> find(const QByteArray &key) {
        QMutexLocker lock(&m_mutex);
        const auto it = m_index.constFind(key);
        if (it == m_index.constEnd()) {
            ++m_misses;
            return nullptr;
        }
        m_order.splice(m_order.begin(), m_order, it.value()); // most recently used first
        ++m_hits;
        return it.value()->second;
    }

    void insert(const QByteArray &key, std::shared_ptr<const Value> value) {
        QMutexLocker lock(&m_mutex);
        if (const auto it = m_index.constFind(key); it != m_index.constEnd()) {
            it.value()->second = std::move(value);
            m_order.splice(m_order.begin(), m_order, it.value());
            return;
        }
        m_order.emplace_front(key, std::move(value));
        m_index.insert(key, m_order.begin());
        while (m_order.size() > static_cast<size_t>(m_capacity)) {
            m_index.remove(m_order.back().first);
            m_order.pop_back();
        }
    }

    void clear() {
        QMutexLocker lock(&m_mutex);
        m_order.clear();
        m_index.clear();
    }

    qsizetype size() const {
        QMutexLocker lock(&m_mutex);
        return static_cast<qsizetype>(m_order.size());
    }
    quint64 hits() const {
        QMutexLocker lock(&m_mutex);
        return m_hits;
    }
    quint64 misses() const {
        QMutexLocker lock(&m_mutex);
        return m_misses;
    }

private:
    using Entry = std::pair<QByteArray, std::shared_ptr<const Value>>;
    qsizetype m_capacity;
    mutable QMutex m_mutex;
    std::list<Entry> m_order;
    QHash<QByteArray, typename std::list<Entry>::iterator> m_index;
    quint64 m_hits = 0;
    quint64 m_misses = 0;
};

} // namespace vf::trust
