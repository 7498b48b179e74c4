#include "NetworkLog.h"

namespace vf::net {

void NetworkLog::append(NetworkRecord record) {
    QMutexLocker lock(&m_mutex);
    ++m_total;
    m_records.append(std::move(record));
    if (m_records.size() > kCapacity)
        m_records.remove(0, m_records.size() - kCapacity);
}

QList<NetworkRecord> NetworkLog::records() const {
    QMutexLocker lock(&m_mutex);
    return m_records;
}

qint64 NetworkLog::total() const {
    QMutexLocker lock(&m_mutex);
    return m_total;
}

} // namespace vf::net
