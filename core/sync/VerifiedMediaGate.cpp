#include "VerifiedMediaGate.h"

#include "Store.h"
#include "ThumbnailJudge.h"

#include <QDateTime>

namespace vf::sync {

using vf::store::VerificationState;

VerifiedMediaGate::VerifiedMediaGate(SyncContext context)
    : m_context(std::move(context))
    , m_partition(vf::store::MediaCache::partitionName(m_context.account)) {}

void VerifiedMediaGate::close() {
    QWriteLocker lock(&m_lock);
    m_closed = true;
}

bool VerifiedMediaGate::isClosed() const {
    QReadLocker lock(&m_lock);
    return m_closed;
}

void VerifiedMediaGate::setRefusalObserver(
    std::function<void(const vf::store::EventKey &)> observer) {
    QWriteLocker lock(&m_lock);
    m_onRefused = std::move(observer);
}

VerifiedMediaGate::Result
VerifiedMediaGate::releaseThumbnail(const vf::store::EventKey &key,
                                    const std::function<void(const QByteArray &)> &decoder) {
    QReadLocker lock(&m_lock);
    if (m_closed)
        return {Outcome::Closed, {}};
    vf::store::Store &store = *m_context.store;
    const auto event = store.events().find(m_context.account, key);
    if (!event || event->state != VerificationState::Verified)
        return {Outcome::NotVerified, {}};
    const auto bytes = store.media().load(m_context.account, event->thumbnailSha256);
    if (!bytes)
        return {Outcome::NotCached, {}};

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const vf::trust::Verdict verdict = m_context.verifier->verify(
        mediaRequest(m_context, *event, vf::trust::MediaRole::Thumbnail, &*bytes, now));
    if (!verdict.verified()) {
        // Verified when cached, not now: the list was revoked since, or the clock moved
        // past the ownership window. Purged and reported like any refusal.
        recordRefusal(m_context, *event, vf::trust::MediaRole::Thumbnail, verdict, now);
        if (m_onRefused)
            m_onRefused(key);
        return {Outcome::Refused, vf::trust::reasonCode(verdict.reason)};
    }
    m_context.log->displayed(event->id, event->deviceId, QStringLiteral("thumbnail"),
                             verdict.evidence.observedSha256);
    decoder(*bytes);
    return {Outcome::Released, {}};
}

} // namespace vf::sync
