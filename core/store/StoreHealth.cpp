#include "StoreHealth.h"

namespace vf::store {

void StoreHealth::add(StoreNotice notice) {
    QMutexLocker lock(&m_mutex);
    m_notices.append(std::move(notice));
}

QList<StoreNotice> StoreHealth::notices() const {
    QMutexLocker lock(&m_mutex);
    return m_notices;
}

bool StoreHealth::healthy() const {
    QMutexLocker lock(&m_mutex);
    return m_notices.isEmpty();
}

void StoreHealth::clear() {
    QMutexLocker lock(&m_mutex);
    m_notices.clear();
}

} // namespace vf::store
