#include "TestWorld.h"

#include <QDateTime>

namespace vf::test {

TestWorld &TestWorld::instance() {
    static TestWorld world;
    return world;
}

TestWorld::TestWorld()
    : pki(pki::TestPki::create()) {
    anchors = trust::TrustAnchors::fromPem(pki.deviceRootsPem(), pki.ownerAuthoritiesPem()).anchors;
    cameraP256 = pki.makeDevice(QStringLiteral("cam-front.1"), pki::KeyType::P256);
    cameraEd25519 = pki.makeDevice(QStringLiteral("cam_garden-2"), pki::KeyType::Ed25519);
    nowMs = QDateTime::currentMSecsSinceEpoch();
}

QByteArray TestWorld::bytesOfLength(qsizetype n, char seed) {
    QByteArray bytes(n, Qt::Uninitialized);
    for (qsizetype i = 0; i < n; ++i)
        bytes[i] = static_cast<char>(seed + i * 31 + (i >> 8));
    return bytes;
}

EventFixture TestWorld::ownerEvent(const pki::DeviceIdentity &camera, const QString &userId) const {
    EventFixture e;
    e.device = camera;
    e.nowMs = nowMs;
    e.userId = userId;
    e.listedEventId = QStringLiteral("evt-%1-0001").arg(camera.deviceId);
    e.listedDeviceId = camera.deviceId;
    e.thumbnail = bytesOfLength(40 * 1024, 'T');
    e.clip = bytesOfLength(300 * 1024 + 123, 'C'); // 5 segments, the last one short

    e.claim.subject = userId;
    e.claim.nbf = nowMs / 1000 - 30 * 24 * 3600;
    e.claim.iat = e.claim.nbf;
    e.claim.cti = pki::randomCti();
    e.claim.cnfKey = camera.key.coseKey();
    e.claim.deviceId = camera.deviceId;
    e.claim.role = QStringLiteral("owner");

    e.attestation.eventId = e.listedEventId;
    e.attestation.deviceId = camera.deviceId;
    e.attestation.tsMs = nowMs - 3600 * 1000;
    e.attestation.ownerCti = e.claim.cti;
    e.attestation.kind = QStringLiteral("person");
    e.attestation.media = {
        pki::MediaItem::describe(QStringLiteral("thumbnail"), QStringLiteral("image/jpeg"),
                                 e.thumbnail),
        pki::MediaItem::describe(QStringLiteral("clip"), QStringLiteral("video/mp4"), e.clip,
                                 64 * 1024),
    };
    return e;
}

pki::ClaimPayload TestWorld::viewerClaim(const EventFixture &event, const QString &viewerId) const {
    pki::ClaimPayload claim = event.claim;
    claim.subject = viewerId;
    claim.cti = pki::randomCti();
    claim.role = QStringLiteral("viewer");
    claim.grant = event.claim.cti;
    return claim;
}

EventFixture &EventFixture::freeze() {
    const trust::VerificationRequest r = request();
    attestationBytes = r.attestation;
    claimBytes = r.claim;
    return *this;
}

trust::VerificationRequest EventFixture::request() {
    const TestWorld &world = TestWorld::instance();
    trust::VerificationRequest r;
    r.eventId = listedEventId;
    r.deviceId = listedDeviceId;
    r.attestation = attestationBytes
                        ? *attestationBytes
                        : pki::TestPki::signAttestation(device, attestation, attestationOptions);
    r.claim = claimBytes ? *claimBytes : world.pki.signClaim(claim, claimOptions);
    r.role = role;
    builtMedia = mediaBytes ? *mediaBytes : (role == trust::MediaRole::Clip ? clip : thumbnail);
    r.media = streamed ? nullptr : &builtMedia;
    r.userId = userId;
    r.nowMs = nowMs;
    return r;
}

trust::Verdict TestWorld::verify(EventFixture &event, trust::VerificationMemo *memo,
                                 const trust::RevocationList *revocations) const {
    trust::AttestationVerifier verifier(anchors, memo);
    if (revocations)
        verifier.setRevocations(std::make_shared<trust::RevocationList>(*revocations), 7);
    return verifier.verify(event.request());
}

} // namespace vf::test
