#include "FaultInjector.h"

namespace vf::cloud {

FaultInjector::FaultInjector(FaultPlan plan, const CloudRepository &repository)
    : m_plan(std::move(plan))
    , m_repository(repository) {}

EventEntry FaultInjector::applyToEntry(const EventEntry &entry, const QString &userId) {
    EventEntry out = entry;
    if (m_plan.applies(Fault::Mixup, entry.id, userId)) {
        // The incident: another account's event, complete with its owner's claim, so every
        // check passes but the last one (C.sub ≠ U).
        if (auto foreign =
                m_repository.foreignEvent(userId, m_plan.pick(Fault::Mixup, entry.id, userId)))
            return *foreign;
    }
    if (m_plan.applies(Fault::Forge, entry.id, userId)) {
        const QByteArray payload = m_repository.attestationPayload(entry.id);
        const QByteArray forged =
            m_rogues.sign(entry.deviceId, m_repository.deviceKeyType(entry.deviceId), payload);
        if (!forged.isEmpty())
            out.attestation = forged;
    }
    if (m_plan.applies(Fault::ClaimSwap, entry.id, userId)) {
        const QByteArray other = m_repository.claimOfOtherDevice(
            entry.deviceId, m_plan.pick(Fault::ClaimSwap, entry.id, userId));
        if (!other.isEmpty())
            out.claim = other;
    }
    if (m_plan.applies(Fault::StaleClaim, entry.id, userId)) {
        // Only a transferred camera's new-epoch events have a former owner claim: valid,
        // same device and key, but not the cti the camera signed with.
        const QByteArray former = m_repository.formerOwnerClaim(entry.deviceId, entry.ownCti);
        if (!former.isEmpty())
            out.claim = former;
    }
    return out;
}

QString FaultInjector::mediaSource(const QString &eventId, const QString &role,
                                   const QString &userId) const {
    if (role == QLatin1String("thumbnail") && m_plan.applies(Fault::ThumbSwap, eventId, userId)) {
        const QString other = m_repository.otherEventWithMedia(
            eventId, role, m_plan.pick(Fault::ThumbSwap, eventId, userId));
        if (!other.isEmpty())
            return other;
    }
    return eventId;
}

void FaultInjector::tamper(QByteArray &bytes, const QString &eventId, const QString &role,
                           const QString &userId) const {
    if (bytes.isEmpty() || !m_plan.applies(Fault::Tamper, eventId + u'/' + role, userId))
        return;
    // One flipped byte every 4 KiB: the whole-item hash fails, and so does every 16 KiB
    // segment of a clip, so a streaming client refuses at the first segment it checks.
    for (qsizetype i = qMin<qsizetype>(bytes.size() / 2, 1000); i < bytes.size(); i += 4096)
        bytes[i] = char(bytes[i] ^ 0x5A);
}

bool FaultInjector::failsRequest(quint64 serial) const {
    return m_plan.applies(Fault::Error, QString::number(serial), QString());
}

bool FaultInjector::delaysRequest(quint64 serial) const {
    return m_plan.applies(Fault::Slow, QString::number(serial), QString());
}

} // namespace vf::cloud
