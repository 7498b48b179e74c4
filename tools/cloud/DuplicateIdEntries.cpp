#include "DuplicateIdEntries.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCryptographicHash>
#include <QUrl>

namespace vf::cloud {

namespace {

// How many foreign events are probed for one whose camera is not the entry's own.
constexpr int kSourceProbes = 8;

// C.sub of a COSE_Sign1 claim (trust.md §4, key 2), or empty.
QString claimSubject(const QByteArray &claim) {
    QCborValue object = QCborValue::fromCbor(claim);
    while (object.isTag())
        object = object.taggedValue();
    const QCborArray parts = object.toArray();
    if (parts.size() != 4 || !parts.at(2).isByteArray())
        return {};
    return QCborValue::fromCbor(parts.at(2).toByteArray()).toMap().value(2).toString();
}

QByteArray mintedCti(const QString &deviceId, const QString &subject) {
    return QCryptographicHash::hash(QStringLiteral("dup-id|%1|%2").arg(deviceId, subject).toUtf8(),
                                    QCryptographicHash::Sha256)
        .left(16);
}

} // namespace

DuplicateIdEntries::DuplicateIdEntries(const CloudRepository &repository, const pki::TestPki &pki)
    : m_repository(repository)
    , m_pki(pki) {}

QString DuplicateIdEntries::mediaPath(const QString &eventId, const QString &deviceId,
                                      const QString &role) {
    return QStringLiteral("/v1/media/%1/%2?device=%3")
        .arg(eventId, role, QString::fromLatin1(QUrl::toPercentEncoding(deviceId)));
}

std::optional<EventEntry> DuplicateIdEntries::foreignSource(const FaultPlan &plan,
                                                            const QString &eventId,
                                                            const QString &ownDeviceId,
                                                            const QString &userId) const {
    if (!plan.applies(Fault::DupId, eventId, userId))
        return std::nullopt;
    const quint64 pick = plan.pick(Fault::DupId, eventId, userId);
    for (int i = 0; i < kSourceProbes; ++i) {
        // Another camera: the same (event, device) twice would be one entry listed twice.
        auto source = m_repository.foreignEvent(userId, pick + quint64(i));
        if (source && source->deviceId != ownDeviceId)
            return source;
    }
    return std::nullopt;
}

std::optional<DuplicateIdEntries::MintedCamera>
DuplicateIdEntries::camera(const EventEntry &source) {
    const QString subject = claimSubject(source.claim);
    if (subject.isEmpty())
        return std::nullopt;
    QMutexLocker lock(&m_mutex);
    auto it = m_cameras.find(source.deviceId);
    if (it == m_cameras.end()) {
        MintedCamera minted;
        const auto type = m_repository.deviceKeyType(source.deviceId) == QLatin1String("EdDSA")
                              ? pki::KeyType::Ed25519
                              : pki::KeyType::P256;
        minted.device = m_pki.makeDevice(source.deviceId, type);
        if (minted.device.key.isNull() || minted.device.leaf.isNull())
            return std::nullopt;
        pki::ClaimPayload claim;
        claim.subject = subject;
        claim.nbf = 0; // the twin's attestation carries the listed entry's time, whatever it is
        claim.cti = mintedCti(source.deviceId, subject);
        claim.cnfKey = minted.device.key.coseKey();
        claim.deviceId = source.deviceId;
        claim.role = QStringLiteral("owner");
        minted.claim = m_pki.signClaim(claim);
        minted.cti = claim.cti;
        if (minted.claim.isEmpty())
            return std::nullopt;
        it = m_cameras.insert(source.deviceId, minted);
    }
    return *it;
}

std::optional<EventEntry> DuplicateIdEntries::foreignTwin(const FaultPlan &plan,
                                                          const EventEntry &entry,
                                                          const QString &userId) {
    const auto source = foreignSource(plan, entry.id, entry.deviceId, userId);
    if (!source)
        return std::nullopt;
    const auto minted = camera(*source);
    if (!minted)
        return std::nullopt;
    // The foreign event's attested media, under the reused ID and the listed entry's time.
    const QCborMap sourcePayload =
        QCborValue::fromCbor(m_repository.attestationPayload(source->id)).toMap();
    const QCborValue media = sourcePayload.value(QStringLiteral("media"));
    if (!media.isArray())
        return std::nullopt;
    pki::AttestationPayload payload;
    payload.eventId = entry.id;
    payload.deviceId = source->deviceId;
    payload.tsMs = entry.ts;
    payload.ownerCti = minted->cti;
    payload.kind = source->kind;
    payload.extra.insert(QStringLiteral("media"), media);
    EventEntry twin = *source;
    twin.id = entry.id;
    twin.ts = entry.ts;
    twin.ownCti = minted->cti;
    twin.claim = minted->claim;
    twin.attestation = pki::TestPki::signAttestation(minted->device, payload);
    if (twin.attestation.isEmpty())
        return std::nullopt;
    return twin;
}

QString DuplicateIdEntries::mediaSource(const FaultPlan &plan, const QString &eventId,
                                        const QString &deviceId, const QString &userId) const {
    if (!m_repository.canAccess(userId, eventId))
        return {};
    const auto own = m_repository.eventWithOwnerClaim(eventId);
    if (!own)
        return {};
    const auto source = foreignSource(plan, eventId, own->deviceId, userId);
    return source && source->deviceId == deviceId ? source->id : QString();
}

} // namespace vf::cloud
