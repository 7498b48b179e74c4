#include "BackoffPolicy.h"

#include <QRandomGenerator>

namespace vf::store {

BackoffPolicy::BackoffPolicy(Jitter jitter, Random random)
    : m_jitter(jitter)
    , m_random(std::move(random)) {
    if (!m_random) {
        m_random = [](qint64 low, qint64 high) {
            return low + qint64(QRandomGenerator::global()->bounded(quint64(high - low) + 1));
        };
    }
}

qint64 BackoffPolicy::ceilingMs(int failedAttempts) {
    const int doublings = std::clamp(failedAttempts - 1, 0, 30); // 2^30 s is far past the cap
    return std::min(kCapMs, kBaseMs << doublings);
}

qint64 BackoffPolicy::delayMs(int failedAttempts) const {
    const qint64 ceiling = ceilingMs(failedAttempts);
    switch (m_jitter) {
    case Jitter::None:
        return ceiling;
    case Jitter::Full:
        return std::clamp<qint64>(m_random(0, ceiling), 0, ceiling);
    case Jitter::Equal:
        return ceiling / 2 + std::clamp<qint64>(m_random(0, ceiling / 2), 0, ceiling / 2);
    }
    return ceiling;
}

} // namespace vf::store
