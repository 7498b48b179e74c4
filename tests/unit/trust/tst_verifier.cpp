// The fifteen checks of trust.md §6: every reason code, each in its place in the order
// (a case that breaks two checks reports the earlier one), both algorithms, viewer grants,
// the transfer of a camera, and the header attacks of §2.
#include "TestWorld.h"

#include "CertificateChain.h"
#include "PublicKey.h"

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include <QCborArray>
#include <QCborMap>
#include <QTest>
#include <functional>
#include <limits>

using namespace vf;
using namespace vf::test;
using trust::Reason;

namespace {
TestWorld &world() {
    return TestWorld::instance();
}

QByteArray signedAttestationWithPayload(const EventFixture &e, const QByteArray &payload) {
    return pki::signCoseSign1(payload, e.device.key, e.device.x5chain);
}

// A CBOR map with one key repeated: the map header counts one more entry, appended raw.
QByteArray withDuplicateKey(const QByteArray &mapCbor, const QByteArray &extraPair) {
    QByteArray out = mapCbor;
    const quint8 head = static_cast<quint8>(out.at(0));
    Q_ASSERT(head >= 0xa0 && head < 0xb7);
    out[0] = static_cast<char>(head + 1);
    return out + extraPair;
}

void flipLastByte(QByteArray &bytes) {
    bytes[bytes.size() - 1] = static_cast<char>(bytes.back() ^ 0x01);
}

pki::DeviceIdentity deviceWithSpec(const QString &id,
                                   const std::function<void(pki::CertificateSpec &)> &edit,
                                   pki::KeyType type = pki::KeyType::P256) {
    pki::CertificateSpec spec = world().pki.deviceLeafSpec(id);
    edit(spec);
    return world().pki.makeDevice(id, type, &spec);
}

// The event re-owned by camera (claim and attestation rebound to it).
void useCamera(EventFixture &e, const pki::DeviceIdentity &camera) {
    e.device = camera;
    e.claim.cnfKey = camera.key.coseKey();
}

trust::RevocationList revoking(const QByteArray &device, const QByteArray &cti) {
    trust::RevocationList list;
    list.seq = 1;
    if (!device.isEmpty())
        list.devices.insert(device);
    if (!cti.isEmpty())
        list.claims.insert(cti);
    return list;
}

// --- v2 helpers ---

QCborValue undefinedValue() {
    return QCborValue(QCborSimpleType::Undefined);
}

// An integer that encodes with an 8-byte argument and nowhere else by chance: a test puts it
// where it wants an out-of-range integer, then swaps its encoding for the raw one, since
// QCborValue cannot hold integers outside qint64.
constexpr qint64 kPlaceholder = 0x1122334455667788LL;

QByteArray replaceEncoded(QByteArray cbor, const QByteArray &raw) {
    const QByteArray placeholder = QCborValue(kPlaceholder).toCbor();
    if (cbor.count(placeholder) != 1)
        qFatal("the placeholder integer must occur exactly once");
    return cbor.replace(placeholder, raw);
}

// Integers just outside qint64: -2^64 (which QCborValue reads as the integer 0), -2^63 - 1,
// 2^63 and 2^64 - 1 (read as doubles).
QList<QByteArray> outOfRangeIntegers() {
    return {QByteArray::fromHex("3bffffffffffffffff"), QByteArray::fromHex("3b8000000000000000"),
            QByteArray::fromHex("1b8000000000000000"), QByteArray::fromHex("1bffffffffffffffff")};
}
const QByteArray kMinusTwoTo64 = QByteArray::fromHex("3bffffffffffffffff");

QByteArray authoritySignedPayload(const QByteArray &payload) {
    return pki::signCoseSign1(payload, world().pki.authority.key, world().pki.authority.x5chain);
}

// The media array of the attestation with one map edited, as an "extra" override.
void editMedia(EventFixture &e, int index, const std::function<void(QCborMap &)> &edit) {
    QCborArray media;
    for (int i = 0; i < e.attestation.media.size(); ++i) {
        QCborMap map = e.attestation.media.at(i).toCborMap();
        if (i == index)
            edit(map);
        media.append(map);
    }
    e.attestation.extra.insert(QStringLiteral("media"), media);
}

// The Ed25519 identity point, and a signature R = identity, S = 0: for a small-order public
// key A, [S]B = R + [k]A holds for every message (with A the identity, always), so
// OpenSSL verifies it without any private key.
QByteArray identityPoint() {
    QByteArray encoding(32, '\0');
    encoding[0] = 1;
    return encoding;
}
QByteArray forgedEd25519Signature() {
    return identityPoint() + QByteArray(32, '\0');
}

// A camera whose certificate (issued by the genuine intermediate) carries raw as its Ed25519
// key, and whose attestation is the forgery above.
void useWeakEd25519Camera(EventFixture &e, const QByteArray &raw) {
    const pki::KeyPair weak = pki::KeyPair::publicOnly(pki::KeyType::Ed25519, raw);
    Q_ASSERT(!weak.isNull());
    const QString id = QStringLiteral("cam-weak");
    const pki::CertificateSpec spec = world().pki.deviceLeafSpec(id);
    const pki::Certificate leaf = pki::issueCertificate(
        spec, weak, &world().pki.deviceIntermediate.cert, world().pki.deviceIntermediate.key);
    Q_ASSERT(!leaf.isNull());
    e.device = {id, weak, leaf, {leaf.der(), world().pki.deviceIntermediate.cert.der()}};
    e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = id;
    e.claim.cnfKey = weak.coseKey();
    e.attestationOptions.signatureOverride = forgedEd25519Signature();
}

// An intermediate CA under the genuine device root whose key is the Ed25519 identity, and a
// camera leaf "signed" by it with the forged signature (the last 64 bytes of an Ed25519-
// signed certificate's DER are its signature). The camera's own key is genuine.
void useCameraUnderWeakIntermediate(EventFixture &e) {
    const pki::TestPki &p = world().pki;
    const pki::KeyPair weak = pki::KeyPair::publicOnly(pki::KeyType::Ed25519, identityPoint());
    pki::CertificateSpec caSpec;
    caSpec.commonName = QStringLiteral("Weak intermediate");
    caSpec.isCa = true;
    const pki::Certificate intermediate =
        pki::issueCertificate(caSpec, weak, &p.deviceRoot.cert, p.deviceRoot.key);
    const pki::KeyPair leafKey = pki::KeyPair::generate(pki::KeyType::P256);
    const pki::Certificate unsignedLeaf =
        pki::issueCertificate(p.deviceLeafSpec(e.device.deviceId), leafKey, &intermediate,
                              pki::KeyPair::generate(pki::KeyType::Ed25519));
    QByteArray der = unsignedLeaf.der();
    der.replace(der.size() - 64, 64, forgedEd25519Signature());
    const pki::Certificate leaf = pki::Certificate::fromDer(der);
    Q_ASSERT(!intermediate.isNull() && !leaf.isNull());
    e.device = {e.device.deviceId, leafKey, leaf, {leaf.der(), intermediate.der()}};
    e.claim.cnfKey = leafKey.coseKey();
}

// A device certificate whose CN is id, for an event of that device.
void useDeviceId(EventFixture &e, const QString &id) {
    const pki::DeviceIdentity d = deviceWithSpec(id, [](pki::CertificateSpec &) {});
    useCamera(e, d);
    e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = d.deviceId;
}

struct Case {
    const char *name;
    Reason expected;
    std::function<void(EventFixture &)> breakIt;
    std::function<trust::RevocationList(const EventFixture &)> revocations = {};
    // Where the code alone cannot tell the cause (another defect gives the same code), the
    // detail must say it.
    const char *detailSays = nullptr;
};

// Every case names the reason it must produce; "then" cases also break a later check.
QList<Case> cases() {
    QList<Case> c;
    // 1 malformed
    c.append({"garbage", Reason::Malformed,
              [](EventFixture &e) { e.attestationBytes = "not cbor at all"; }});
    c.append({"empty attestation", Reason::Malformed,
              [](EventFixture &e) { e.attestationBytes = QByteArray(); }});
    c.append({"truncated", Reason::Malformed, [](EventFixture &e) {
                  QByteArray a = e.request().attestation;
                  e.attestationBytes = a.first(a.size() - 1);
              }});
    c.append({"trailing byte", Reason::Malformed, [](EventFixture &e) {
                  e.attestationBytes = e.request().attestation + QByteArray(1, '\0');
              }});
    c.append({"three-item array", Reason::Malformed, [](EventFixture &e) {
                  e.attestationBytes =
                      QCborValue(QCborArray{QByteArray(), QCborMap(), QByteArray()}).toCbor();
              }});
    c.append({"unknown tag", Reason::Malformed, [](EventFixture &e) {
                  QByteArray a = e.request().attestation;
                  e.attestationBytes =
                      QByteArray::fromHex("d903e6") + a.mid(1); // 998(...) for 18(...)
              }});
    c.append({"CWT tag on an attestation", Reason::Malformed, [](EventFixture &e) {
                  e.attestationOptions.tag = pki::Sign1Options::Tag::Cwt61Cose18;
              }});
    c.append({"alg in unprotected", Reason::Malformed,
              [](EventFixture &e) { e.attestationOptions.algInUnprotected = true; }});
    c.append({"x5chain in unprotected", Reason::Malformed,
              [](EventFixture &e) { e.attestationOptions.x5chainInUnprotected = true; }});
    c.append({"crit header", Reason::Malformed,
              [](EventFixture &e) { e.attestationOptions.addCrit = true; }});
    c.append({"detached payload", Reason::Malformed,
              [](EventFixture &e) { e.attestationOptions.detachedPayload = true; }});
    c.append({"no alg", Reason::Malformed,
              [](EventFixture &e) { e.attestationOptions.omitAlg = true; }});
    c.append({"no x5chain", Reason::Malformed,
              [](EventFixture &e) { e.attestationOptions.omitX5chain = true; }});
    c.append({"alg of a wrong type", Reason::Malformed, [](EventFixture &e) {
                  e.attestationOptions.algOverride = QCborValue(QByteArray("\x26", 1));
              }});
    c.append({"x5chain of four certificates", Reason::Malformed, [](EventFixture &e) {
                  const QByteArray intermediate = e.device.x5chain.at(1);
                  e.device.x5chain << intermediate << intermediate;
              }});
    c.append({"x5chain entry not DER", Reason::Malformed,
              [](EventFixture &e) { e.device.x5chain[1] = "junk"; }});
    c.append({"certificate with trailing bytes", Reason::Malformed,
              [](EventFixture &e) { e.device.x5chain[0] += QByteArray(1, '\0'); }});
    c.append({"payload version 2", Reason::Malformed,
              [](EventFixture &e) { e.attestation.version = 2; }});
    c.append({"payload without evt", Reason::Malformed,
              [](EventFixture &e) { e.attestation.removeKeys << QStringLiteral("evt"); }});
    c.append({"ts as text", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.extra.insert(QStringLiteral("ts"), QStringLiteral("yesterday"));
              }});
    c.append({"own missing", Reason::Malformed,
              [](EventFixture &e) { e.attestation.removeKeys << QStringLiteral("own"); }});
    c.append({"media sha256 of 31 bytes", Reason::Malformed,
              [](EventFixture &e) { e.attestation.media[0].sha256.chop(1); }});
    c.append({"seg without segs", Reason::Malformed,
              [](EventFixture &e) { e.attestation.media[1].segmentHashes.clear(); }});
    c.append({"two thumbnails", Reason::Malformed,
              [](EventFixture &e) { e.attestation.media << e.attestation.media[0]; }});
    c.append({"payload repeats a key", Reason::Malformed, [](EventFixture &e) {
                  const QByteArray extra = QCborValue(QStringLiteral("evt")).toCbor() +
                                           QCborValue(QStringLiteral("other")).toCbor();
                  e.attestationBytes = signedAttestationWithPayload(
                      e, withDuplicateKey(e.attestation.toCbor(), extra));
              }});
    c.append({"over 16 KiB", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.extra.insert(QStringLiteral("pad"), QByteArray(17 * 1024, 'x'));
              }});
    c.append({"malformed, then a foreign chain", Reason::Malformed, [](EventFixture &e) {
                  e.attestationOptions.addCrit = true;
                  useCamera(
                      e, pki::TestPki::create().makeDevice(e.device.deviceId, pki::KeyType::P256));
              }});

    // 2 unsupported_algorithm
    c.append({"ES384", Reason::UnsupportedAlgorithm,
              [](EventFixture &e) { e.attestationOptions.algOverride = -35; }});
    c.append({"alg -999", Reason::UnsupportedAlgorithm,
              [](EventFixture &e) { e.attestationOptions.algOverride = -999; }});
    c.append({"alg as text", Reason::UnsupportedAlgorithm,
              [](EventFixture &e) { e.attestationOptions.algOverride = QStringLiteral("ES256"); }});
    c.append({"EdDSA claimed for a P-256 key", Reason::UnsupportedAlgorithm,
              [](EventFixture &e) { e.attestationOptions.alg = -8; }});
    c.append(
        {"ES256 claimed for an Ed25519 key", Reason::UnsupportedAlgorithm, [](EventFixture &e) {
             useCamera(e, world().cameraEd25519);
             e.attestationOptions.alg = -7;
         }});
    c.append({"unsupported, then untrusted", Reason::UnsupportedAlgorithm, [](EventFixture &e) {
                  useCamera(
                      e, pki::TestPki::create().makeDevice(e.device.deviceId, pki::KeyType::P256));
                  e.attestationOptions.alg = -8;
              }});

    // 3 device_untrusted
    c.append({"camera of another vendor", Reason::DeviceUntrusted, [](EventFixture &e) {
                  useCamera(
                      e, pki::TestPki::create().makeDevice(e.device.deviceId, pki::KeyType::P256));
              }});
    c.append({"intermediate missing", Reason::DeviceUntrusted,
              [](EventFixture &e) { e.device.x5chain.removeLast(); }});
    c.append({"signed with the authority key", Reason::DeviceUntrusted, [](EventFixture &e) {
                  e.device.key = world().pki.authority.key;
                  e.device.x5chain = world().pki.authority.x5chain;
              }});
    c.append({"leaf not yet valid at capture", Reason::DeviceUntrusted, [](EventFixture &e) {
                  useCamera(e, deviceWithSpec(e.device.deviceId, [](pki::CertificateSpec &s) {
                                s.notBefore = QDateTime::currentDateTimeUtc().addSecs(-60);
                            }));
              }});
    c.append({"leaf expired before capture", Reason::DeviceUntrusted, [](EventFixture &e) {
                  useCamera(e, deviceWithSpec(e.device.deviceId, [](pki::CertificateSpec &s) {
                                s.notBefore = QDateTime::currentDateTimeUtc().addDays(-30);
                                s.notAfter = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600);
                            }));
              }});
    c.append({"leaf is a CA", Reason::DeviceUntrusted, [](EventFixture &e) {
                  useCamera(e, deviceWithSpec(e.device.deviceId,
                                              [](pki::CertificateSpec &s) { s.isCa = true; }));
              }});
    c.append({"keyUsage without digitalSignature", Reason::DeviceUntrusted, [](EventFixture &e) {
                  useCamera(e, deviceWithSpec(e.device.deviceId, [](pki::CertificateSpec &s) {
                                s.keyUsage = 0x20; /* keyEncipherment */
                            }));
              }});
    c.append({"CN with a space", Reason::DeviceUntrusted, [](EventFixture &e) {
                  const pki::DeviceIdentity d =
                      deviceWithSpec(QStringLiteral("cam 3"), [](pki::CertificateSpec &) {});
                  useCamera(e, d);
                  e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = d.deviceId;
              }});
    c.append({"CN of 65 characters", Reason::DeviceUntrusted, [](EventFixture &e) {
                  const pki::DeviceIdentity d =
                      deviceWithSpec(QString(65, QLatin1Char('c')), [](pki::CertificateSpec &) {});
                  useCamera(e, d);
                  e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = d.deviceId;
              }});
    c.append({"two intermediates", Reason::DeviceUntrusted, [](EventFixture &e) {
                  const pki::TestPki &p = world().pki;
                  pki::CertificateSpec caSpec;
                  caSpec.commonName = QStringLiteral("Second intermediate");
                  caSpec.isCa = true;
                  const pki::KeyPair caKey = pki::KeyPair::generate(pki::KeyType::P256);
                  const pki::Certificate second = pki::issueCertificate(
                      caSpec, caKey, &p.deviceIntermediate.cert, p.deviceIntermediate.key);
                  pki::CertificateSpec leafSpec = p.deviceLeafSpec(e.device.deviceId);
                  const pki::KeyPair leafKey = pki::KeyPair::generate(pki::KeyType::P256);
                  const pki::Certificate leaf =
                      pki::issueCertificate(leafSpec, leafKey, &second, caKey);
                  e.device.key = leafKey;
                  e.device.x5chain = {leaf.der(), second.der(), p.deviceIntermediate.cert.der()};
                  e.claim.cnfKey = leafKey.coseKey();
              }});
    c.append({"foreign leaf under the genuine intermediate", Reason::DeviceUntrusted,
              [](EventFixture &e) {
                  // The vendor's intermediate is valid (and validated before, by other events);
                  // a leaf it did not issue must not ride on it.
                  const pki::DeviceIdentity foreign =
                      pki::TestPki::create().makeDevice(e.device.deviceId, pki::KeyType::P256);
                  e.device.key = foreign.key;
                  e.device.x5chain = {foreign.x5chain.first(), e.device.x5chain.at(1)};
                  e.claim.cnfKey = foreign.key.coseKey();
              }});
    c.append({"untrusted, then bad signature", Reason::DeviceUntrusted, [](EventFixture &e) {
                  e.device.x5chain.removeLast();
                  e.device.key = pki::KeyPair::generate(pki::KeyType::P256);
              }});

    // 4 device_revoked
    c.append({"revoked camera", Reason::DeviceRevoked, [](EventFixture &) {},
              [](const EventFixture &e) {
                  return revoking(trust::sha256(e.device.x5chain.first()), {});
              }});
    c.append({"revoked, then bad signature", Reason::DeviceRevoked,
              [](EventFixture &e) { e.device.key = pki::KeyPair::generate(pki::KeyType::P256); },
              [](const EventFixture &e) {
                  return revoking(trust::sha256(e.device.x5chain.first()), {});
              }});

    // 5 signature_invalid
    c.append({"flipped signature bit", Reason::SignatureInvalid, [](EventFixture &e) {
                  QByteArray a = e.request().attestation;
                  flipLastByte(a);
                  e.attestationBytes = a;
              }});
    c.append({"DER-encoded ECDSA signature", Reason::SignatureInvalid,
              [](EventFixture &e) { e.attestationOptions.derSignature = true; }});
    c.append({"signed by another camera's key", Reason::SignatureInvalid,
              [](EventFixture &e) { e.device.key = pki::KeyPair::generate(pki::KeyType::P256); }});
    c.append({"Ed25519 signature by another key", Reason::SignatureInvalid, [](EventFixture &e) {
                  useCamera(e, world().cameraEd25519);
                  e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = e.device.deviceId;
                  e.device.key = pki::KeyPair::generate(pki::KeyType::Ed25519);
              }});
    c.append({"bad signature, then event mismatch", Reason::SignatureInvalid, [](EventFixture &e) {
                  e.device.key = pki::KeyPair::generate(pki::KeyType::P256);
                  e.listedEventId = QStringLiteral("evt-other");
              }});

    // 6 event_mismatch
    c.append({"listed under another event", Reason::EventMismatch,
              [](EventFixture &e) { e.listedEventId = QStringLiteral("evt-other"); }});
    c.append({"listed under another camera", Reason::EventMismatch,
              [](EventFixture &e) { e.listedDeviceId = QStringLiteral("cam-other"); }});
    c.append(
        {"attested device is not the certificate's", Reason::EventMismatch, [](EventFixture &e) {
             e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId =
                 QStringLiteral("cam-other");
         }});
    c.append({"event mismatch, then future", Reason::EventMismatch, [](EventFixture &e) {
                  e.listedEventId = QStringLiteral("evt-other");
                  e.attestation.tsMs = e.nowMs + 3600 * 1000;
              }});

    // 7 time_invalid
    c.append({"six minutes ahead", Reason::TimeInvalid,
              [](EventFixture &e) { e.attestation.tsMs = e.nowMs + 6 * 60 * 1000; }});
    c.append({"one millisecond past the skew", Reason::TimeInvalid,
              [](EventFixture &e) { e.attestation.tsMs = e.nowMs + 5 * 60 * 1000 + 1; }});
    c.append({"future, then media", Reason::TimeInvalid, [](EventFixture &e) {
                  e.attestation.tsMs = e.nowMs + 6 * 60 * 1000;
                  e.mediaBytes = QByteArray("other");
              }});

    // 8 media_mismatch
    c.append({"one byte changed", Reason::MediaMismatch, [](EventFixture &e) {
                  QByteArray b = e.thumbnail;
                  b[100] = static_cast<char>(b[100] ^ 0x40);
                  e.mediaBytes = b;
              }});
    c.append({"truncated media", Reason::MediaMismatch,
              [](EventFixture &e) { e.mediaBytes = e.thumbnail.first(1000); }});
    c.append({"another event's thumbnail", Reason::MediaMismatch, [](EventFixture &e) {
                  e.mediaBytes = TestWorld::bytesOfLength(e.thumbnail.size(), 'X');
              }});
    c.append({"no clip attested", Reason::MediaMismatch, [](EventFixture &e) {
                  e.attestation.media.removeLast();
                  e.role = trust::MediaRole::Clip;
              }});
    c.append({"clip segment hash wrong", Reason::MediaMismatch, [](EventFixture &e) {
                  e.attestation.media[1].segmentHashes[2] = trust::sha256("other");
                  e.role = trust::MediaRole::Clip;
              }});
    c.append({"media mismatch, then no claim", Reason::MediaMismatch, [](EventFixture &e) {
                  e.mediaBytes = QByteArray("x");
                  e.claimBytes = QByteArray();
              }});

    // 9 claim_missing
    c.append(
        {"no claim", Reason::ClaimMissing, [](EventFixture &e) { e.claimBytes = QByteArray(); }});

    // 10 claim_untrusted
    c.append({"claim garbage", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claimBytes = QByteArray("\xa1\x01", 2); }});
    c.append({"claim signed by the camera", Reason::ClaimUntrusted, [](EventFixture &e) {
                  e.claimBytes =
                      pki::signCoseSign1(e.claim.toCbor(), e.device.key, e.device.x5chain);
              }});
    c.append({"claim of another authority", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claimBytes = pki::TestPki::create().signClaim(e.claim); }});
    c.append({"claim signature flipped", Reason::ClaimUntrusted, [](EventFixture &e) {
                  QByteArray claim = world().pki.signClaim(e.claim);
                  flipLastByte(claim);
                  e.claimBytes = claim;
              }});
    c.append({"claim alg unprotected", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claimOptions.algInUnprotected = true; }});
    c.append({"claim alg -35", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claimOptions.algOverride = -35; }});
    c.append({"claim alg confusion", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claimOptions.alg = -8; }});
    c.append({"claim DER signature", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claimOptions.derSignature = true; }});
    c.append({"claim cti of 15 bytes", Reason::ClaimUntrusted, [](EventFixture &e) {
                  e.claim.cti.chop(1);
                  e.attestation.ownerCti = e.claim.cti;
              }});
    c.append({"claim without sub", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claim.removeKeys << QCborValue(2); }});
    c.append({"claim without nbf", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claim.removeKeys << QCborValue(5); }});
    c.append({"claim without cnf", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claim.removeKeys << QCborValue(8); }});
    c.append({"claim over 16 KiB", Reason::ClaimUntrusted, [](EventFixture &e) {
                  e.claim.extra.insert(QStringLiteral("pad"), QByteArray(17 * 1024, 'x'));
              }});
    c.append({"claim with unknown tag", Reason::ClaimUntrusted, [](EventFixture &e) {
                  const QByteArray claim = world().pki.signClaim(e.claim);
                  e.claimBytes = QByteArray::fromHex("d903e6") + claim.mid(1);
              }});
    c.append({"untrusted claim, then revoked", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claimBytes = pki::TestPki::create().signClaim(e.claim); },
              [](const EventFixture &e) { return revoking({}, e.claim.cti); }});

    // 11 claim_revoked
    c.append({"revoked claim", Reason::ClaimRevoked, [](EventFixture &) {},
              [](const EventFixture &e) { return revoking({}, e.claim.cti); }});
    c.append({"revoked, then another device", Reason::ClaimRevoked,
              [](EventFixture &e) { e.claim.deviceId = QStringLiteral("cam-other"); },
              [](const EventFixture &e) { return revoking({}, e.claim.cti); }});

    // 12 claim_device_mismatch
    c.append({"claim for another camera", Reason::ClaimDeviceMismatch,
              [](EventFixture &e) { e.claim.deviceId = QStringLiteral("cam-other"); }});
    c.append({"cnf of another key", Reason::ClaimDeviceMismatch, [](EventFixture &e) {
                  e.claim.cnfKey = pki::KeyPair::generate(pki::KeyType::P256).coseKey();
              }});
    c.append({"cnf y differs", Reason::ClaimDeviceMismatch, [](EventFixture &e) {
                  QByteArray y = e.claim.cnfKey.value(-3).toByteArray();
                  y[0] = static_cast<char>(y[0] ^ 1);
                  e.claim.cnfKey.insert(-3, y);
              }});
    c.append({"cnf as OKP for a P-256 camera", Reason::ClaimDeviceMismatch,
              [](EventFixture &e) { e.claim.cnfKey = world().cameraEd25519.key.coseKey(); }});
    c.append({"device mismatch, then not bound", Reason::ClaimDeviceMismatch, [](EventFixture &e) {
                  e.claim.deviceId = QStringLiteral("cam-other");
                  e.claim.cti = pki::randomCti();
              }});

    // 13 claim_not_bound
    c.append({"another ownership's claim", Reason::ClaimNotBound,
              [](EventFixture &e) { e.claim.cti = pki::randomCti(); }});
    c.append({"role admin", Reason::ClaimNotBound,
              [](EventFixture &e) { e.claim.role = QStringLiteral("admin"); }});
    c.append({"viewer without grant", Reason::ClaimNotBound, [](EventFixture &e) {
                  e.claim.role = QStringLiteral("viewer");
                  e.claim.cti = pki::randomCti();
              }});
    c.append({"viewer of another ownership", Reason::ClaimNotBound, [](EventFixture &e) {
                  e.claim = world().viewerClaim(e, TestWorld::bob());
                  e.claim.grant = pki::randomCti();
                  e.userId = TestWorld::bob();
              }});
    c.append({"not bound, then outside window", Reason::ClaimNotBound, [](EventFixture &e) {
                  e.claim.cti = pki::randomCti();
                  e.claim.nbf = e.nowMs / 1000;
              }});

    // 14 outside_ownership_window
    c.append({"captured before nbf", Reason::OutsideOwnershipWindow,
              [](EventFixture &e) { e.claim.nbf = e.attestation.tsMs / 1000 + 1; }});
    c.append({"captured at exp", Reason::OutsideOwnershipWindow,
              [](EventFixture &e) { e.claim.exp = e.attestation.tsMs / 1000; }});
    c.append({"outside window, then foreign", Reason::OutsideOwnershipWindow, [](EventFixture &e) {
                  e.claim.exp = e.attestation.tsMs / 1000 - 10;
                  e.userId = TestWorld::bob();
              }});

    // 15 foreign_owner
    c.append({"another user's event", Reason::ForeignOwner,
              [](EventFixture &e) { e.userId = TestWorld::bob(); }});
    c.append({"viewer claim of another user", Reason::ForeignOwner, [](EventFixture &e) {
                  e.claim = world().viewerClaim(e, QStringLiteral("user-carol"));
                  e.userId = TestWorld::bob();
              }});

    // --- v2 (trust.md §9): each class of attack that worked against a v1 client ---
    // §2: undefined or null where a type is asked is a wrong type, never "absent".
    c.append({"kind undefined", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.extra.insert(QStringLiteral("kind"), undefinedValue());
              }});
    c.append({"kind null", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.extra.insert(QStringLiteral("kind"), QCborValue(nullptr));
              }});
    c.append({"seg undefined", Reason::Malformed, [](EventFixture &e) {
                  editMedia(e, 1,
                            [](QCborMap &m) { m.insert(QStringLiteral("seg"), undefinedValue()); });
              }});
    c.append({"seg and segs null", Reason::Malformed, [](EventFixture &e) {
                  editMedia(e, 1, [](QCborMap &m) {
                      m.insert(QStringLiteral("seg"), QCborValue(nullptr));
                      m.insert(QStringLiteral("segs"), QCborValue(nullptr));
                  });
              }});
    c.append({"segs undefined", Reason::Malformed, [](EventFixture &e) {
                  editMedia(e, 1, [](QCborMap &m) {
                      m.insert(QStringLiteral("segs"), undefinedValue());
                  });
              }});
    // §2: integers outside qint64 (-2^64 reads as 0 through QCborValue).
    c.append({"ts -2^64", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.extra.insert(QStringLiteral("ts"), kPlaceholder);
                  e.attestationBytes = signedAttestationWithPayload(
                      e, replaceEncoded(e.attestation.toCbor(), kMinusTwoTo64));
              }});
    c.append({"ts 2^64-1", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.extra.insert(QStringLiteral("ts"), kPlaceholder);
                  e.attestationBytes = signedAttestationWithPayload(
                      e, replaceEncoded(e.attestation.toCbor(), outOfRangeIntegers().last()));
              }});
    c.append({"thumbnail len -2^64", Reason::Malformed, [](EventFixture &e) {
                  e.mediaBytes = QByteArray();
                  editMedia(e, 0,
                            [](QCborMap &m) { m.insert(QStringLiteral("len"), kPlaceholder); });
                  e.attestationBytes = signedAttestationWithPayload(
                      e, replaceEncoded(e.attestation.toCbor(), kMinusTwoTo64));
              }});
    c.append({"out-of-range integer under an unknown key", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.extra.insert(QStringLiteral("x-vendor"), kPlaceholder);
                  e.attestationBytes = signedAttestationWithPayload(
                      e, replaceEncoded(e.attestation.toCbor(), outOfRangeIntegers().at(1)));
              }});
    c.append(
        {"out-of-range integer in the protected header", Reason::Malformed, [](EventFixture &e) {
             e.attestationOptions.extraProtected.insert(-70000, kPlaceholder);
             const QByteArray signedBytes = e.request().attestation;
             // The protected bstr changes length by nothing: same-size raw swap.
             e.attestationBytes = replaceEncoded(signedBytes, kMinusTwoTo64);
         }});
    // §5: len, seg and the segment count.
    c.append({"thumbnail len over 2 MiB", Reason::Malformed,
              [](EventFixture &e) { e.attestation.media[0].length = 2 * 1024 * 1024 + 1; }});
    c.append({"clip len over 512 MiB", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.media[1].length = 512LL * 1024 * 1024 + 1;
                  e.attestation.media[1].segmentLength = 0;
                  e.attestation.media[1].segmentHashes.clear();
              }});
    c.append(
        {"len -1", Reason::Malformed, [](EventFixture &e) { e.attestation.media[0].length = -1; }});
    c.append({"seg 2^63-1 with no segment hashes", Reason::Malformed, [](EventFixture &e) {
                  // v1 computed (len + seg - 1) / seg, which overflowed to 0 segments.
                  e.attestation.media[0].segmentLength = std::numeric_limits<qint64>::max();
                  e.attestation.media[0].segmentHashes.clear();
              }});
    c.append({"seg over 64 MiB", Reason::Malformed, [](EventFixture &e) {
                  e.attestation.media[1].segmentLength = 64LL * 1024 * 1024 + 1;
                  e.attestation.media[1].segmentHashes = {trust::sha256(e.clip)};
              }});
    c.append({"seg 0", Reason::Malformed, [](EventFixture &e) {
                  editMedia(e, 1, [](QCborMap &m) { m.insert(QStringLiteral("seg"), 0); });
              }});
    c.append({"one segment hash too few", Reason::Malformed,
              [](EventFixture &e) { e.attestation.media[1].segmentHashes.removeLast(); }});
    // §5: the attested type.
    c.append({"thumbnail attested as image/png", Reason::MediaMismatch,
              [](EventFixture &e) { e.attestation.media[0].type = QStringLiteral("image/png"); }});
    c.append({"thumbnail type in capitals", Reason::MediaMismatch,
              [](EventFixture &e) { e.attestation.media[0].type = QStringLiteral("IMAGE/JPEG"); }});
    c.append({"thumbnail type with a parameter", Reason::MediaMismatch, [](EventFixture &e) {
                  e.attestation.media[0].type = QStringLiteral("image/jpeg; q=1");
              }});
    c.append({"clip attested as video/quicktime", Reason::MediaMismatch, [](EventFixture &e) {
                  e.attestation.media[1].type = QStringLiteral("video/quicktime");
                  e.role = trust::MediaRole::Clip;
              }});
    c.append({"clip attested as image/jpeg", Reason::MediaMismatch, [](EventFixture &e) {
                  e.attestation.media[1].type = QStringLiteral("image/jpeg");
                  e.role = trust::MediaRole::Clip;
              }});
    c.append({"streamed clip of another type", Reason::MediaMismatch, [](EventFixture &e) {
                  e.attestation.media[1].type = QStringLiteral("video/webm");
                  e.role = trust::MediaRole::Clip;
                  e.streamed = true;
              }});
    c.append({"future, then a wrong type", Reason::TimeInvalid, [](EventFixture &e) {
                  e.attestation.tsMs = e.nowMs + 6 * 60 * 1000;
                  e.attestation.media[0].type = QStringLiteral("image/png");
              }});
    c.append({"wrong type, then no claim", Reason::MediaMismatch, [](EventFixture &e) {
                  e.attestation.media[0].type = QStringLiteral("text/html");
                  e.claimBytes = QByteArray();
              }});
    // §3: device IDs start with a letter or a digit.
    c.append({"CN .", Reason::DeviceUntrusted,
              [](EventFixture &e) { useDeviceId(e, QStringLiteral(".")); }});
    c.append({"CN ..", Reason::DeviceUntrusted,
              [](EventFixture &e) { useDeviceId(e, QStringLiteral("..")); }});
    c.append({"CN .hidden", Reason::DeviceUntrusted,
              [](EventFixture &e) { useDeviceId(e, QStringLiteral(".hidden")); }});
    c.append({"CN -cam", Reason::DeviceUntrusted,
              [](EventFixture &e) { useDeviceId(e, QStringLiteral("-cam")); }});
    c.append({"CN _cam", Reason::DeviceUntrusted,
              [](EventFixture &e) { useDeviceId(e, QStringLiteral("_cam")); }});
    // §3: small-order Ed25519 keys, for which R = identity, S = 0 verifies.
    c.append({"camera key is the identity point (forged signature)", Reason::DeviceUntrusted,
              [](EventFixture &e) { useWeakEd25519Camera(e, identityPoint()); }});
    c.append({"intermediate key is the identity point (forged leaf)", Reason::DeviceUntrusted,
              [](EventFixture &e) { useCameraUnderWeakIntermediate(e); }});
    c.append({"authority key is the identity point (forged claim)", Reason::ClaimUntrusted,
              [](EventFixture &e) {
                  const pki::KeyPair weak =
                      pki::KeyPair::publicOnly(pki::KeyType::Ed25519, identityPoint());
                  pki::CertificateSpec spec;
                  spec.commonName = QStringLiteral("Weak authority");
                  const pki::Certificate cert = pki::issueCertificate(
                      spec, weak, &world().pki.authorityRoot.cert, world().pki.authorityRoot.key);
                  pki::Sign1Options forged;
                  forged.signatureOverride = forgedEd25519Signature();
                  e.claimBytes = pki::signCoseSign1(e.claim.toCbor(), weak, {cert.der()}, forged);
              }});
    // The same code as any other cnf: the detail says the key was refused as weak (a v1
    // client gave "not the device certificate's key").
    c.append({"cnf is the identity point",
              Reason::ClaimDeviceMismatch,
              [](EventFixture &e) {
                  useCamera(e, world().cameraEd25519);
                  e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = e.device.deviceId;
                  e.claim.cnfKey.insert(-2, identityPoint());
              },
              {},
              "weak (small-order or non-canonical) Ed25519 key"});
    // §6 check 4: an intermediate (a whole camera line) in `devices`.
    c.append({"revoked intermediate", Reason::DeviceRevoked, [](EventFixture &) {},
              [](const EventFixture &e) {
                  return revoking(trust::sha256(e.device.x5chain.at(1)), {});
              }});
    c.append({"revoked intermediate, then bad signature", Reason::DeviceRevoked,
              [](EventFixture &e) { e.device.key = pki::KeyPair::generate(pki::KeyType::P256); },
              [](const EventFixture &e) {
                  return revoking(trust::sha256(e.device.x5chain.at(1)), {});
              }});
    c.append(
        {"revoked root", Reason::DeviceRevoked, [](EventFixture &) {},
         [](const EventFixture &) { return revoking(world().pki.deviceRoot.cert.sha256(), {}); }});
    // §4/§2 in claims: undefined or null is never "absent"; no out-of-range integers.
    c.append({"claim exp undefined", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claim.extra.insert(4, undefinedValue()); }});
    c.append({"claim exp null", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claim.extra.insert(4, QCborValue(nullptr)); }});
    c.append({"claim iat undefined", Reason::ClaimUntrusted,
              [](EventFixture &e) { e.claim.extra.insert(6, undefinedValue()); }});
    c.append({"claim grant undefined", Reason::ClaimUntrusted, [](EventFixture &e) {
                  e.claim.extra.insert(QStringLiteral("grant"), undefinedValue());
              }});
    c.append({"claim grant null", Reason::ClaimUntrusted, [](EventFixture &e) {
                  e.claim.extra.insert(QStringLiteral("grant"), QCborValue(nullptr));
              }});
    c.append({"claim nbf -2^64", Reason::ClaimUntrusted, [](EventFixture &e) {
                  // Read as 0 it would open the window in 1970.
                  e.claim.nbf = e.attestation.tsMs / 1000 + 3600;
                  e.claim.extra.insert(5, kPlaceholder);
                  e.claimBytes =
                      authoritySignedPayload(replaceEncoded(e.claim.toCbor(), kMinusTwoTo64));
              }});
    c.append({"claim exp -2^63-1", Reason::ClaimUntrusted, [](EventFixture &e) {
                  e.claim.extra.insert(4, kPlaceholder);
                  e.claimBytes = authoritySignedPayload(
                      replaceEncoded(e.claim.toCbor(), outOfRangeIntegers().at(1)));
              }});
    // §6 check 11: a share dies with its revoked owner claim.
    c.append({"viewer whose owner claim is revoked", Reason::ClaimRevoked,
              [](EventFixture &e) {
                  e.claim = world().viewerClaim(e, TestWorld::bob());
                  e.userId = TestWorld::bob();
              },
              [](const EventFixture &e) { return revoking({}, e.claim.grant); }});
    c.append({"revoked grant, then another device", Reason::ClaimRevoked,
              [](EventFixture &e) {
                  e.claim = world().viewerClaim(e, TestWorld::bob());
                  e.claim.deviceId = QStringLiteral("cam-other");
                  e.userId = TestWorld::bob();
              },
              [](const EventFixture &e) { return revoking({}, e.claim.grant); }});
    return c;
}
} // namespace

class TestVerifier : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(world().anchors); }

    void ownerVerifies_data() {
        QTest::addColumn<bool>("ed25519");
        QTest::addColumn<bool>("clip");
        QTest::newRow("ES256 thumbnail") << false << false;
        QTest::newRow("ES256 clip") << false << true;
        QTest::newRow("EdDSA thumbnail") << true << false;
        QTest::newRow("EdDSA clip") << true << true;
    }
    void ownerVerifies() {
        QFETCH(bool, ed25519);
        QFETCH(bool, clip);
        EventFixture e = world().ownerEvent(ed25519 ? world().cameraEd25519 : world().cameraP256);
        if (clip)
            e.role = trust::MediaRole::Clip;
        const trust::Verdict v = world().verify(e);
        QVERIFY2(v.verified(), qPrintable(v.detail));
        QCOMPARE(v.role, trust::GrantRole::Owner);
        QCOMPARE(v.trace.size(), trust::kCheckCount);
        for (int i = 0; i < v.trace.size(); ++i) {
            QCOMPARE(trust::checkNumber(v.trace.at(i).check), i + 1);
            QVERIFY(v.trace.at(i).passed);
            QVERIFY(v.trace.at(i).micros >= 0);
        }
        QCOMPARE(v.evidence.algorithm, ed25519 ? QStringLiteral("EdDSA") : QStringLiteral("ES256"));
        QCOMPARE(v.evidence.devicePath.size(), 3); // leaf, intermediate, root
        QCOMPARE(v.toJson().value(QStringLiteral("verdict")).toString(),
                 QStringLiteral("verified"));
        QCOMPARE(v.toJson().value(QStringLiteral("role")).toString(), QStringLiteral("owner"));
    }

    void rootPathLengthForbidsTheIntermediate() {
        // A root with pathLenConstraint 0 may sign leaves only. Its intermediate's chain is
        // valid on its own, so this guards the shortcut that reuses a validated issuer.
        pki::CertificateSpec rootSpec;
        rootSpec.commonName = QStringLiteral("Strict device root");
        rootSpec.isCa = true;
        rootSpec.pathLength = 0;
        const pki::KeyPair rootKey = pki::KeyPair::generate(pki::KeyType::P256);
        const pki::Certificate root = pki::issueCertificate(rootSpec, rootKey, nullptr, rootKey);
        pki::CertificateSpec intermediateSpec;
        intermediateSpec.commonName = QStringLiteral("Strict intermediate");
        intermediateSpec.isCa = true;
        const pki::KeyPair intermediateKey = pki::KeyPair::generate(pki::KeyType::P256);
        const pki::Certificate intermediate =
            pki::issueCertificate(intermediateSpec, intermediateKey, &root, rootKey);
        const auto anchors =
            trust::TrustAnchors::fromPem(root.pem(), world().pki.ownerAuthoritiesPem()).anchors;
        QVERIFY(anchors);
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(anchors, &memo);
        for (int camera = 0; camera < 2; ++camera) {
            const QString id = QStringLiteral("cam-strict-%1").arg(camera);
            pki::CertificateSpec leafSpec = world().pki.deviceLeafSpec(id);
            const pki::KeyPair leafKey = pki::KeyPair::generate(pki::KeyType::P256);
            const pki::Certificate leaf =
                pki::issueCertificate(leafSpec, leafKey, &intermediate, intermediateKey);
            EventFixture e = world().ownerEvent(world().cameraP256);
            e.device = {id, leafKey, leaf, {leaf.der(), intermediate.der()}};
            e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = id;
            e.claim.cnfKey = leafKey.coseKey();
            const trust::Verdict v = verifier.verify(e.request());
            QCOMPARE(v.reason, Reason::DeviceUntrusted);
        }
    }

    void secondCameraOfAVendorVerifies() {
        // The second camera under the same intermediate takes the validated-issuer path.
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        for (int camera = 0; camera < 3; ++camera) {
            const pki::DeviceIdentity d =
                world().pki.makeDevice(QStringLiteral("cam-vendor-%1").arg(camera),
                                       camera % 2 ? pki::KeyType::Ed25519 : pki::KeyType::P256);
            EventFixture e = world().ownerEvent(d);
            const trust::Verdict v = verifier.verify(e.request());
            QVERIFY2(v.verified(), qPrintable(v.detail));
            QCOMPARE(v.evidence.devicePath.size(), 3);
        }
    }

    void untaggedAndSingleCertificateFormsVerify() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.attestationOptions.tag = pki::Sign1Options::Tag::None;
        e.claimOptions.tag = pki::Sign1Options::Tag::Cwt61Cose18;
        e.claimOptions.x5chainAsArray = false; // authority chain of one: a lone bstr
        const trust::Verdict v = world().verify(e);
        QVERIFY2(v.verified(), qPrintable(v.detail));
    }

    void reasons_data() {
        QTest::addColumn<int>("index");
        const QList<Case> all = cases();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(all.at(i).name) << i;
    }
    void reasons() {
        QFETCH(int, index);
        const Case c = cases().at(index);
        EventFixture e = world().ownerEvent(world().cameraP256);
        c.breakIt(e);
        std::optional<trust::RevocationList> revocations;
        if (c.revocations)
            revocations = c.revocations(e);
        const trust::Verdict v = world().verify(e, nullptr, revocations ? &*revocations : nullptr);
        QVERIFY2(!v.verified(), "refused");
        QCOMPARE(trust::reasonCode(v.reason), trust::reasonCode(c.expected));
        QVERIFY(!v.detail.isEmpty());
        if (c.detailSays)
            QVERIFY2(v.detail.contains(QLatin1String(c.detailSays)), qPrintable(v.detail));
        qInfo("%s: %s", c.name, qPrintable(v.detail));
        QCOMPARE(v.role, trust::GrantRole::None);
        // The trace stops at the failing check, and every earlier one passed.
        QCOMPARE(v.trace.size(), trust::checkNumber(c.expected));
        QVERIFY(!v.trace.last().passed);
        for (int i = 0; i + 1 < v.trace.size(); ++i)
            QVERIFY(v.trace.at(i).passed);
        QCOMPARE(v.toJson().value(QStringLiteral("reason")).toString(),
                 trust::reasonCode(c.expected));
    }

    void everyReasonIsCovered() {
        QSet<Reason> covered;
        for (const Case &c : cases())
            covered.insert(c.expected);
        QCOMPARE(covered.size(), trust::kCheckCount);
    }

    void skewOfExactlyFiveMinutesPasses() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.attestation.tsMs = e.nowMs + 5 * 60 * 1000;
        const trust::Verdict v = world().verify(e);
        QVERIFY2(v.verified(), qPrintable(v.detail));
    }

    void windowEdges() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.claim.nbf = e.attestation.tsMs / 1000;     // inclusive
        e.claim.exp = e.attestation.tsMs / 1000 + 1; // exclusive
        QVERIFY(world().verify(e).verified());
    }

    void viewerGrant() {
        EventFixture e = world().ownerEvent(world().cameraEd25519);
        e.claim = world().viewerClaim(e, TestWorld::bob());
        e.userId = TestWorld::bob();
        const trust::Verdict v = world().verify(e);
        QVERIFY2(v.verified(), qPrintable(v.detail));
        QCOMPARE(v.role, trust::GrantRole::Viewer);
        QCOMPARE(v.toJson().value(QStringLiteral("role")).toString(), QStringLiteral("viewer"));
        // The owner cannot use the viewer's claim, nor anyone else.
        e.userId = TestWorld::alice();
        QCOMPARE(world().verify(e).reason, Reason::ForeignOwner);
    }

    void transfer() {
        // Alice owned the camera until T; then it was transferred to Bob with a new cti.
        const qint64 transferSeconds = world().nowMs / 1000 - 24 * 3600;
        EventFixture before = world().ownerEvent(world().cameraP256, TestWorld::alice());
        before.attestation.tsMs = (transferSeconds - 3600) * 1000;
        before.claim.exp = transferSeconds;
        const pki::ClaimPayload aliceClaim = before.claim;
        const pki::ClaimPayload aliceShare =
            world().viewerClaim(before, QStringLiteral("user-carol"));

        EventFixture after = world().ownerEvent(world().cameraP256, TestWorld::bob());
        after.claim.nbf = transferSeconds;
        const pki::ClaimPayload bobClaim = after.claim;

        // Each epoch's events verify for their own owner only.
        QVERIFY(world().verify(before).verified());
        QVERIFY(world().verify(after).verified());
        before.userId = TestWorld::bob();
        before.claim = bobClaim; // Bob's claim on Alice's era: the camera signed Alice's cti
        QCOMPARE(world().verify(before).reason, Reason::ClaimNotBound);

        // stale-claim: the previous owner's claim with a new event.
        after.claim = aliceClaim;
        after.userId = TestWorld::alice();
        QCOMPARE(world().verify(after).reason, Reason::ClaimNotBound);
        // Shares of the former owner die with that ownership.
        after.claim = aliceShare;
        after.userId = QStringLiteral("user-carol");
        QCOMPARE(world().verify(after).reason, Reason::ClaimNotBound);
        // An event the camera signed under Alice's cti after the transfer time.
        EventFixture late = world().ownerEvent(world().cameraP256, TestWorld::alice());
        late.claim = aliceClaim;
        late.attestation.ownerCti = aliceClaim.cti;
        QCOMPARE(world().verify(late).reason, Reason::OutsideOwnershipWindow);
    }

    void streamedClipIsOnlyAuthorised() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.role = trust::MediaRole::Clip;
        e.streamed = true;
        const trust::Verdict v = world().verify(e);
        QVERIFY(!v.verified());
        QVERIFY(v.authorisedForStream());
        QVERIFY(v.evidence.attestedMedia.has_value());
        QCOMPARE(v.evidence.attestedMedia->segmentHashes.size(), 5);
    }

    void expiredAuthorityNow() {
        // Claims are checked at the current time: an authority whose certificate has expired
        // cannot vouch for ownership any more, even for old events.
        pki::TestPki::Options options;
        options.notBefore = QDateTime::currentDateTimeUtc().addYears(-2);
        options.notAfter = QDateTime::currentDateTimeUtc().addDays(-1);
        const pki::TestPki expired = pki::TestPki::create(options);
        const auto anchors = trust::TrustAnchors::fromPem(world().pki.deviceRootsPem(),
                                                          expired.ownerAuthoritiesPem())
                                 .anchors;
        QVERIFY(anchors);
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.attestation.tsMs = QDateTime::currentDateTimeUtc().addDays(-100).toMSecsSinceEpoch();
        e.claim.nbf = e.attestation.tsMs / 1000 - 10;
        e.claimBytes = expired.signClaim(e.claim);
        trust::AttestationVerifier verifier(anchors);
        const trust::Verdict v = verifier.verify(e.request());
        QCOMPARE(v.reason, Reason::ClaimUntrusted);
        QVERIFY(v.detail.contains(QLatin1String("not valid now")));
    }

    void rootSetsAreSeparate() {
        // An anchor set where the device root sits among the authority roots: a claim
        // signed by a camera still never passes, because authorities chain to their set only.
        const auto swapped =
            trust::TrustAnchors::fromPem(world().pki.deviceRootsPem(), world().pki.deviceRootsPem())
                .anchors;
        EventFixture e = world().ownerEvent(world().cameraP256);
        trust::AttestationVerifier verifier(swapped);
        QCOMPARE(verifier.verify(e.request()).reason, Reason::ClaimUntrusted);
    }

    void badAnchorsAreAnError() {
        QVERIFY(!trust::TrustAnchors::fromPem("junk", world().pki.ownerAuthoritiesPem()).anchors);
        QVERIFY(!trust::TrustAnchors::fromPem(world().pki.deviceRootsPem(), QByteArray()).anchors);
        const auto missing = trust::TrustAnchors::fromFiles(QStringLiteral("/nonexistent/a.pem"),
                                                            QStringLiteral("/nonexistent/b.pem"));
        QVERIFY(!missing.anchors);
        QVERIFY(missing.error.contains(QLatin1String("/nonexistent/a.pem")));
    }

    // --- v2 ---

    // The 14 small-order encodings (the 8 torsion points and the non-canonical y = p, p + 1,
    // each with the sign bit either way) and other non-canonical y (>= p): as a camera key
    // with the forged R = identity, S = 0 signature, each is device_untrusted.
    void weakEd25519CameraKeys_data() {
        QTest::addColumn<QByteArray>("key");
        const QList<QByteArray> smallOrderY = {
            QByteArray::fromHex("0000000000000000000000000000000000000000000000000000000000000000"),
            QByteArray::fromHex("0100000000000000000000000000000000000000000000000000000000000000"),
            QByteArray::fromHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
            QByteArray::fromHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
            QByteArray::fromHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
            QByteArray::fromHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
            QByteArray::fromHex("eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        };
        for (const QByteArray &y : smallOrderY) {
            QByteArray withSign = y;
            withSign[31] = static_cast<char>(withSign[31] | 0x80);
            QTest::newRow(
                qPrintable(QStringLiteral("small order %1").arg(QString::fromLatin1(y.toHex()))))
                << y;
            QTest::newRow(qPrintable(
                QStringLiteral("small order, sign %1").arg(QString::fromLatin1(withSign.toHex()))))
                << withSign;
        }
        for (const char *hex : {"efffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"})
            QTest::newRow(qPrintable(QStringLiteral("non-canonical %1").arg(QLatin1String(hex))))
                << QByteArray::fromHex(hex);
    }
    void weakEd25519CameraKeys() {
        QFETCH(QByteArray, key);
        QVERIFY(!trust::isAcceptableEd25519PublicKey(key));
        EventFixture e = world().ownerEvent(world().cameraEd25519);
        useWeakEd25519Camera(e, key);
        const trust::Verdict v = world().verify(e);
        QCOMPARE(trust::reasonCode(v.reason), trust::reasonCode(Reason::DeviceUntrusted));
        QVERIFY2(v.detail.contains(QLatin1String("weak public key")), qPrintable(v.detail));
    }

    void p256PointAtInfinityIsUntrusted() {
        // Beyond §3's Ed25519 rule, the same class for P-256: OpenSSL takes the point at
        // infinity as a public key, for which ECDSA equations hold without a private key.
        // The certificate is refused through OpenSSL's own public-key check.
        const pki::KeyPair infinity =
            pki::KeyPair::publicOnly(pki::KeyType::P256, QByteArray(1, '\0'));
        QVERIFY(!infinity.isNull());
        QVERIFY(!trust::isAcceptablePublicKey(infinity.get()));
        QVERIFY(trust::isAcceptablePublicKey(world().cameraP256.key.get()));
        QVERIFY(trust::isAcceptablePublicKey(world().cameraEd25519.key.get()));
        const QString id = QStringLiteral("cam-infinity");
        const pki::Certificate leaf = pki::issueCertificate(
            world().pki.deviceLeafSpec(id), infinity, &world().pki.deviceIntermediate.cert,
            world().pki.deviceIntermediate.key);
        QVERIFY(!leaf.isNull());
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.device = {id, infinity, leaf, {leaf.der(), world().pki.deviceIntermediate.cert.der()}};
        e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = id;
        e.attestationOptions.signatureOverride = QByteArray(64, '\x01');
        const trust::Verdict v = world().verify(e);
        QCOMPARE(trust::reasonCode(v.reason), trust::reasonCode(Reason::DeviceUntrusted));
    }

    void genuineEd25519KeysAreAcceptable() {
        for (int i = 0; i < 200; ++i) {
            const QByteArray raw = pki::KeyPair::generate(pki::KeyType::Ed25519).rawPublicKey();
            QVERIFY2(trust::isAcceptableEd25519PublicKey(raw), raw.toHex().constData());
        }
        // The largest canonical y (p - 1 is small order; p - 2 is not on the list).
        QVERIFY(trust::isAcceptableEd25519PublicKey(QByteArray::fromHex(
            "ebffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")));
        QVERIFY(!trust::isAcceptableEd25519PublicKey(QByteArray(31, '\x42')));
        QVERIFY(!trust::isAcceptableEd25519PublicKey(QByteArray(33, '\x42')));
    }

    void openSslAloneAcceptsTheForgery() {
        // Why §3 v2 exists: OpenSSL verifies R = identity, S = 0 under the identity key for any
        // message, so only the key check stands between a forger and a "verified" event.
        const pki::KeyPair weak = pki::KeyPair::publicOnly(pki::KeyType::Ed25519, identityPoint());
        for (const QByteArray &message : {QByteArray("any message"), QByteArray(1000, 'x')}) {
            trust::EvpMdCtxPtr ctx(EVP_MD_CTX_new());
            QVERIFY(EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, weak.get()) == 1);
            const QByteArray signature = forgedEd25519Signature();
            QCOMPARE(EVP_DigestVerify(ctx.get(),
                                      reinterpret_cast<const unsigned char *>(signature.data()), 64,
                                      reinterpret_cast<const unsigned char *>(message.data()),
                                      size_t(message.size())),
                     1);
        }
    }

    void es256HighAndLowSBothVerify() {
        // §2 v2: cameras sign with stock OpenSSL, which does not normalise s. Both the
        // attestation and the claim are re-written with s' = n - s (the other valid s).
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.freeze();
        QVERIFY(world().verify(e).verified());
        const auto flipS = [](const QByteArray &sign1) {
            QCborValue tagged = QCborValue::fromCbor(sign1);
            QCborArray parts = tagged.taggedValue().toArray();
            QByteArray signature = parts.at(3).toByteArray();
            std::unique_ptr<BIGNUM, void (*)(BIGNUM *)> order(BN_new(), BN_free);
            std::unique_ptr<EC_GROUP, void (*)(EC_GROUP *)> group(
                EC_GROUP_new_by_curve_name(NID_X9_62_prime256v1), EC_GROUP_free);
            BIGNUM *s = BN_bin2bn(
                reinterpret_cast<const unsigned char *>(signature.constData()) + 32, 32, nullptr);
            BN_sub(s, EC_GROUP_get0_order(group.get()), s);
            BN_bn2binpad(s, reinterpret_cast<unsigned char *>(signature.data()) + 32, 32);
            BN_free(s);
            parts[3] = signature;
            return QCborValue(tagged.tag(), parts).toCbor();
        };
        const QByteArray highAttestation = flipS(*e.attestationBytes);
        const QByteArray highClaim = flipS(*e.claimBytes);
        QVERIFY(highAttestation != *e.attestationBytes);
        e.attestationBytes = highAttestation;
        trust::Verdict v = world().verify(e);
        QVERIFY2(v.verified(), qPrintable(v.detail));
        e.claimBytes = highClaim;
        v = world().verify(e);
        QVERIFY2(v.verified(), qPrintable(v.detail));
        // Flipping back gives the original (low or high) signature: both forms verify.
        e.attestationBytes = flipS(highAttestation);
        QVERIFY(world().verify(e).verified());
    }

    void revokedIntermediateRevokesEveryCameraUnderIt() {
        // A whole camera line: every camera of the intermediate, of both key types, through
        // the memo and the validated-issuer shortcut; a camera of another intermediate of the
        // same root still verifies.
        const pki::TestPki &p = world().pki;
        trust::RevocationList list;
        list.seq = 2;
        list.devices.insert(p.deviceIntermediate.cert.sha256());
        trust::VerificationMemo memo;
        trust::AttestationVerifier verifier(world().anchors, &memo);
        verifier.setRevocations(std::make_shared<trust::RevocationList>(list), 1);
        for (int camera = 0; camera < 4; ++camera) {
            const pki::DeviceIdentity d =
                p.makeDevice(QStringLiteral("cam-line-%1").arg(camera),
                             camera % 2 ? pki::KeyType::Ed25519 : pki::KeyType::P256);
            EventFixture e = world().ownerEvent(d);
            QCOMPARE(trust::reasonCode(verifier.verify(e.request()).reason),
                     trust::reasonCode(Reason::DeviceRevoked));
        }
        pki::CertificateSpec caSpec;
        caSpec.commonName = QStringLiteral("Second camera line");
        caSpec.isCa = true;
        const pki::KeyPair caKey = pki::KeyPair::generate(pki::KeyType::P256);
        const pki::Certificate otherLine =
            pki::issueCertificate(caSpec, caKey, &p.deviceRoot.cert, p.deviceRoot.key);
        const pki::KeyPair leafKey = pki::KeyPair::generate(pki::KeyType::P256);
        const pki::Certificate leaf = pki::issueCertificate(
            p.deviceLeafSpec(QStringLiteral("cam-other-line")), leafKey, &otherLine, caKey);
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.device = {QStringLiteral("cam-other-line"), leafKey, leaf, {leaf.der(), otherLine.der()}};
        e.attestation.deviceId = e.listedDeviceId = e.claim.deviceId = e.device.deviceId;
        e.claim.cnfKey = leafKey.coseKey();
        const trust::Verdict v = verifier.verify(e.request());
        QVERIFY2(v.verified(), qPrintable(v.detail));
        // The revoked intermediate carried in the x5chain but left out of the built path still
        // counts: the certificates as sent are looked up too.
        e.device.x5chain << p.deviceIntermediate.cert.der();
        QCOMPARE(trust::reasonCode(world().verify(e, nullptr, &list).reason),
                 trust::reasonCode(Reason::DeviceRevoked));
    }

    void attestedTypeIsExposed() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        trust::Verdict v = world().verify(e);
        QVERIFY(v.verified());
        QCOMPARE(v.attestedType(), QStringLiteral("image/jpeg"));
        e.role = trust::MediaRole::Clip;
        e.streamed = true;
        v = world().verify(e);
        QVERIFY(v.authorisedForStream());
        QCOMPARE(v.attestedType(), QStringLiteral("video/mp4"));
        e.userId = TestWorld::bob();
        v = world().verify(e);
        QVERIFY(!v.authorisedForStream());
        QVERIFY(v.attestedType().isEmpty()); // refused: no decoder at all
        QCOMPARE(trust::requiredMediaType(trust::MediaRole::Thumbnail),
                 QStringLiteral("image/jpeg"));
        QCOMPARE(trust::requiredMediaType(trust::MediaRole::Clip), QStringLiteral("video/mp4"));
    }

    void segmentCountNeverOverflows() {
        const qint64 max = std::numeric_limits<qint64>::max();
        QCOMPARE(trust::segmentCount(0, 1), 0);
        QCOMPARE(trust::segmentCount(1, 1), 1);
        QCOMPARE(trust::segmentCount(100, max), 1);
        QCOMPARE(trust::segmentCount(max, max), 1);
        QCOMPARE(trust::segmentCount(max, 1), max);
        QCOMPARE(trust::segmentCount(max - 1, max), 1);
        QCOMPARE(trust::segmentCount(65, 64), 2);
        QCOMPARE(trust::segmentCount(128, 64), 2);
        QCOMPARE(trust::segmentCount(1, 0), -1);
        QCOMPARE(trust::segmentCount(-1, 64), -1);
    }

    void reasonCodesRoundTrip() {
        for (int i = 0; i <= trust::kCheckCount; ++i) {
            const auto reason = static_cast<Reason>(i);
            QCOMPARE(trust::reasonFromCode(trust::reasonCode(reason)), reason);
            QVERIFY(!trust::reasonText(reason).isEmpty());
        }
        QCOMPARE(trust::reasonCode(Reason::ForeignOwner), QStringLiteral("foreign_owner"));
        QCOMPARE(trust::reasonCode(Reason::OutsideOwnershipWindow),
                 QStringLiteral("outside_ownership_window"));
        QVERIFY(!trust::reasonFromCode(u"nonsense"));
    }
};

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
