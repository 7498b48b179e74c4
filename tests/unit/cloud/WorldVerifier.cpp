#include "WorldVerifier.h"

#include <QDateTime>

namespace vf::cloud::test {

WorldVerifier::WorldVerifier(const QString &dataDir) {
    auto loaded =
        trust::TrustAnchors::fromFiles(dataDir + QStringLiteral("/trust/device-roots.pem"),
                                       dataDir + QStringLiteral("/trust/owner-authorities.pem"));
    if (!loaded.anchors) {
        m_error = loaded.error;
        return;
    }
    m_anchors = loaded.anchors;
    // No memo: every check runs for every item, as the strictest client would.
    m_verifier = std::make_unique<trust::AttestationVerifier>(m_anchors);
}

trust::Verdict WorldVerifier::verify(const QJsonObject &entry, trust::MediaRole role,
                                     const QByteArray &bytes, const QString &userId) const {
    trust::VerificationRequest r;
    r.eventId = entry.value(QStringLiteral("id")).toString();
    r.deviceId = entry.value(QStringLiteral("device_id")).toString();
    r.attestation =
        QByteArray::fromBase64(entry.value(QStringLiteral("attestation")).toString().toLatin1());
    r.claim = QByteArray::fromBase64(entry.value(QStringLiteral("claim")).toString().toLatin1());
    r.role = role;
    r.media = &bytes;
    r.userId = userId;
    r.nowMs = QDateTime::currentMSecsSinceEpoch();
    return m_verifier->verify(r);
}

} // namespace vf::cloud::test
