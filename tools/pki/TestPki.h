#pragma once

#include "Certificate.h"
#include "CoseSign1Builder.h"
#include "KeyPair.h"
#include "ProtocolPayloads.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace vf::pki {

struct Issuer {
    KeyPair key;
    Certificate cert;
};

struct DeviceIdentity {
    QString deviceId;
    KeyPair key;
    Certificate leaf;
    QList<QByteArray> x5chain; // leaf DER first, then intermediate DER
};

struct AuthorityIdentity {
    KeyPair key;
    Certificate leaf;
    QList<QByteArray> x5chain; // leaf DER only
};

// At namespace scope (reached as TestPki::Options) because a nested class with default member
// initializers cannot be the `= {}` default argument of its enclosing class's members.
struct TestPkiOptions {
    QDateTime notBefore = QDateTime::currentDateTimeUtc().addYears(-10);
    QDateTime notAfter = QDateTime::currentDateTimeUtc().addYears(10);
    KeyType caKeyType = KeyType::P256; // roots, intermediate and authority leaf
    // Names: "<namePrefix> Device Root" and so on, O = organization.
    QString namePrefix = QStringLiteral("Veriframe Test");
    QString organization = QStringLiteral("Veriframe Test PKI");
};

// A complete trust world (trust.md §1) built at run time: a device root with one intermediate
// that issues camera certificates, and an owner-authority root that directly certifies the
// authority's claim-signing key. The two hierarchies share nothing.
class TestPki {
public:
    using Options = TestPkiOptions;

    static TestPki create(const Options &o = {});

    // Reads a world written by save(); nullopt when a file is missing or a key does not
    // match its certificate.
    static std::optional<TestPki> load(const QString &dir);
    // Writes PEM keys and certificates, plus the two anchor bundles device-roots.pem and
    // owner-authorities.pem for --device-roots / --owner-authorities. Private keys are
    // unencrypted (test/demo world) and written owner-only.
    bool save(const QString &dir) const;

    bool isValid() const;

    // The leaf spec makeDevice uses by default (CN = deviceId, the intermediate's validity),
    // for a test that wants to change one field of it.
    CertificateSpec deviceLeafSpec(const QString &deviceId) const;
    // A camera: a fresh key and a leaf issued by the intermediate. overrideSpec replaces the
    // whole leaf spec, CN included.
    DeviceIdentity makeDevice(const QString &deviceId, KeyType type,
                              const CertificateSpec *overrideSpec = nullptr) const;

    QByteArray deviceRootsPem() const;
    QByteArray ownerAuthoritiesPem() const;

    Issuer deviceRoot, deviceIntermediate, authorityRoot;
    AuthorityIdentity authority;

    // Signed by the authority, x5chain = the authority chain (leaf only).
    QByteArray signClaim(const ClaimPayload &claim, const Sign1Options &o = {}) const;
    QByteArray signIdentity(const IdentityPayload &identity, const Sign1Options &o = {}) const;
    QByteArray signRevocations(const RevocationPayload &list, const Sign1Options &o = {}) const;
    // Signed by the camera, x5chain = leaf and intermediate.
    static QByteArray signAttestation(const DeviceIdentity &device,
                                      const AttestationPayload &attestation,
                                      const Sign1Options &o = {});
};

} // namespace vf::pki
