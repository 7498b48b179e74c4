#include "SessionPolicy.h"

#include <QDateTime>

namespace vf::cloud {

qint64 SessionPolicy::nowMs() const {
    return clockMs ? clockMs() : QDateTime::currentMSecsSinceEpoch();
}

QString SessionPolicy::problem() const {
    if (tokenTtlS < 1 || tokenTtlS > kMaxTokenTtlS)
        return QStringLiteral("--token-ttl must be an integer from 1 to %1 seconds, got %2")
            .arg(kMaxTokenTtlS)
            .arg(tokenTtlS);
    return {};
}

} // namespace vf::cloud
