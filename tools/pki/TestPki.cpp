#include "TestPki.h"

#include <QDir>
#include <QFile>

namespace vf::pki {

namespace {

// File names inside a saved world; <base>.key.pem and <base>.cert.pem per issuer.
const QString kDeviceRoot = QStringLiteral("device-root");
const QString kDeviceIntermediate = QStringLiteral("device-intermediate");
const QString kAuthorityRoot = QStringLiteral("authority-root");
const QString kAuthority = QStringLiteral("authority");
const QString kDeviceRootsBundle = QStringLiteral("device-roots.pem");
const QString kOwnerAuthoritiesBundle = QStringLiteral("owner-authorities.pem");

CertificateSpec caSpec(const QString &name, int pathLength, const TestPki::Options &o) {
    CertificateSpec spec;
    spec.commonName = o.namePrefix + name;
    spec.organization = o.organization;
    spec.isCa = true;
    spec.pathLength = pathLength;
    spec.notBefore = o.notBefore;
    spec.notAfter = o.notAfter;
    return spec;
}

Issuer makeIssuer(const CertificateSpec &spec, KeyType type, const Issuer *parent) {
    Issuer issuer;
    issuer.key = KeyPair::generate(type);
    issuer.cert = parent ? issueCertificate(spec, issuer.key, &parent->cert, parent->key)
                         : issueCertificate(spec, issuer.key, nullptr, issuer.key);
    return issuer;
}

bool writeFile(const QString &path, const QByteArray &data, bool secret) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    // Restrict before writing, so the key bytes never sit in a world-readable file.
    if (secret && !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return false;
    return file.write(data) == data.size() && file.flush();
}

std::optional<QByteArray> readFile(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

bool saveIssuer(const QDir &dir, const QString &base, const KeyPair &key, const Certificate &cert) {
    return writeFile(dir.filePath(base + QLatin1String(".key.pem")), key.privatePem(), true) &&
           writeFile(dir.filePath(base + QLatin1String(".cert.pem")), cert.pem(), false);
}

std::optional<Issuer> loadIssuer(const QDir &dir, const QString &base) {
    const auto keyPem = readFile(dir.filePath(base + QLatin1String(".key.pem")));
    const auto certPem = readFile(dir.filePath(base + QLatin1String(".cert.pem")));
    if (!keyPem || !certPem)
        return std::nullopt;
    Issuer issuer{KeyPair::fromPrivatePem(*keyPem), Certificate::fromPem(*certPem)};
    // A key swapped for another would make every later signature fail to verify; refuse the
    // world here, where the cause is still obvious.
    if (issuer.key.isNull() || issuer.cert.isNull() ||
        X509_check_private_key(issuer.cert.get(), issuer.key.get()) != 1) {
        takeOpenSslErrors();
        return std::nullopt;
    }
    return issuer;
}

} // namespace

TestPki TestPki::create(const Options &o) {
    TestPki pki;
    pki.deviceRoot =
        makeIssuer(caSpec(QStringLiteral(" Device Root"), -1, o), o.caKeyType, nullptr);
    // pathlen 0: the intermediate may issue camera leaves but no further CA (trust.md §1: at
    // most one intermediate).
    pki.deviceIntermediate = makeIssuer(caSpec(QStringLiteral(" Device Intermediate"), 0, o),
                                        o.caKeyType, &pki.deviceRoot);
    pki.authorityRoot =
        makeIssuer(caSpec(QStringLiteral(" Owner Authority Root"), -1, o), o.caKeyType, nullptr);

    CertificateSpec leafSpec;
    leafSpec.commonName = o.namePrefix + QStringLiteral(" Owner Authority");
    leafSpec.organization = o.organization;
    leafSpec.notBefore = o.notBefore;
    leafSpec.notAfter = o.notAfter;
    const Issuer authorityLeaf = makeIssuer(leafSpec, o.caKeyType, &pki.authorityRoot);
    pki.authority = {authorityLeaf.key, authorityLeaf.cert, {authorityLeaf.cert.der()}};
    return pki;
}

std::optional<TestPki> TestPki::load(const QString &dir) {
    const QDir d(dir);
    auto deviceRoot = loadIssuer(d, kDeviceRoot);
    auto intermediate = loadIssuer(d, kDeviceIntermediate);
    auto authorityRoot = loadIssuer(d, kAuthorityRoot);
    auto authority = loadIssuer(d, kAuthority);
    if (!deviceRoot || !intermediate || !authorityRoot || !authority)
        return std::nullopt;
    TestPki pki;
    pki.deviceRoot = *deviceRoot;
    pki.deviceIntermediate = *intermediate;
    pki.authorityRoot = *authorityRoot;
    pki.authority = {authority->key, authority->cert, {authority->cert.der()}};
    return pki;
}

bool TestPki::save(const QString &dir) const {
    if (!isValid() || !QDir().mkpath(dir))
        return false;
    const QDir d(dir);
    return saveIssuer(d, kDeviceRoot, deviceRoot.key, deviceRoot.cert) &&
           saveIssuer(d, kDeviceIntermediate, deviceIntermediate.key, deviceIntermediate.cert) &&
           saveIssuer(d, kAuthorityRoot, authorityRoot.key, authorityRoot.cert) &&
           saveIssuer(d, kAuthority, authority.key, authority.leaf) &&
           writeFile(d.filePath(kDeviceRootsBundle), deviceRootsPem(), false) &&
           writeFile(d.filePath(kOwnerAuthoritiesBundle), ownerAuthoritiesPem(), false);
}

bool TestPki::isValid() const {
    for (const Issuer *issuer : {&deviceRoot, &deviceIntermediate, &authorityRoot}) {
        if (issuer->key.isNull() || issuer->cert.isNull())
            return false;
    }
    return !authority.key.isNull() && !authority.leaf.isNull() && !authority.x5chain.isEmpty();
}

CertificateSpec TestPki::deviceLeafSpec(const QString &deviceId) const {
    CertificateSpec spec;
    spec.commonName = deviceId;
    // Cameras carry their issuer's organization, so a demo world's cameras say "demo" too.
    spec.organization = deviceIntermediate.cert.organization();
    spec.notBefore = deviceIntermediate.cert.notBefore();
    spec.notAfter = deviceIntermediate.cert.notAfter();
    return spec;
}

DeviceIdentity TestPki::makeDevice(const QString &deviceId, KeyType type,
                                   const CertificateSpec *overrideSpec) const {
    DeviceIdentity device;
    device.deviceId = deviceId;
    device.key = KeyPair::generate(type);
    device.leaf = issueCertificate(overrideSpec ? *overrideSpec : deviceLeafSpec(deviceId),
                                   device.key, &deviceIntermediate.cert, deviceIntermediate.key);
    device.x5chain = {device.leaf.der(), deviceIntermediate.cert.der()};
    return device;
}

QByteArray TestPki::deviceRootsPem() const {
    return deviceRoot.cert.pem();
}

QByteArray TestPki::ownerAuthoritiesPem() const {
    return authorityRoot.cert.pem();
}

QByteArray TestPki::signClaim(const ClaimPayload &claim, const Sign1Options &o) const {
    return signCoseSign1(claim.toCbor(), authority.key, authority.x5chain, o);
}

QByteArray TestPki::signIdentity(const IdentityPayload &identity, const Sign1Options &o) const {
    return signCoseSign1(identity.toCbor(), authority.key, authority.x5chain, o);
}

QByteArray TestPki::signRevocations(const RevocationPayload &list, const Sign1Options &o) const {
    return signCoseSign1(list.toCbor(), authority.key, authority.x5chain, o);
}

QByteArray TestPki::signAttestation(const DeviceIdentity &device,
                                    const AttestationPayload &attestation, const Sign1Options &o) {
    return signCoseSign1(attestation.toCbor(), device.key, device.x5chain, o);
}

} // namespace vf::pki
