#pragma once
// A test PKI and event factory for the verifier tests, built at run time with OpenSSL
// through veriframe_pki (no binary fixtures). An EventFixture starts as an event that
// verifies for its owner; each test breaks exactly what it is about.
#include "AttestationVerifier.h"
#include "CoseSign1Builder.h"
#include "ProtocolPayloads.h"
#include "TestPki.h"

#include <optional>

namespace vf::test {

struct EventFixture {
    pki::DeviceIdentity device;
    pki::AttestationPayload attestation;
    pki::Sign1Options attestationOptions;
    pki::ClaimPayload claim;
    pki::Sign1Options claimOptions;
    QByteArray thumbnail;
    QByteArray clip;
    QString listedEventId;
    QString listedDeviceId;
    QString userId;
    qint64 nowMs = 0;
    trust::MediaRole role = trust::MediaRole::Thumbnail;
    // When set, these bytes are used as they are instead of being signed from the above.
    std::optional<QByteArray> attestationBytes;
    std::optional<QByteArray> claimBytes;
    std::optional<QByteArray> mediaBytes;
    bool streamed = false; // verify without media bytes (clip streaming)

    // Signs attestation and claim once and keeps those bytes: ECDSA signatures are
    // randomised, so re-signing would give other bytes (and other memo keys).
    EventFixture &freeze();

    // Keeps the bytes the request points at alive.
    QByteArray builtMedia;
    trust::VerificationRequest request();
};

class TestWorld {
public:
    static TestWorld &instance();

    pki::TestPki pki;
    std::shared_ptr<const trust::TrustAnchors> anchors;
    pki::DeviceIdentity cameraP256;    // "cam-front.1", ES256
    pki::DeviceIdentity cameraEd25519; // "cam_garden-2", EdDSA
    qint64 nowMs = 0;

    // An event of camera, owned by userId under a fresh owner claim, that verifies.
    EventFixture ownerEvent(const pki::DeviceIdentity &camera,
                            const QString &userId = alice()) const;
    // A viewer claim for viewerId that derives from the owner claim of event.
    pki::ClaimPayload viewerClaim(const EventFixture &event, const QString &viewerId) const;

    trust::Verdict verify(EventFixture &event, trust::VerificationMemo *memo = nullptr,
                          const trust::RevocationList *revocations = nullptr) const;

    static QString alice() { return QStringLiteral("user-alice"); }
    static QString bob() { return QStringLiteral("user-bob"); }
    static QByteArray bytesOfLength(qsizetype n, char seed);

private:
    TestWorld();
};

} // namespace vf::test
