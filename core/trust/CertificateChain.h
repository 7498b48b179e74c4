#pragma once
// X.509 path validation for x5chain (trust.md §3) through OpenSSL's X509_verify_cert.
//
// Validation is split so that its result can be memoised by content (§6): OpenSSL checks
// signatures, CA constraints and the depth without a clock, and we keep the intersection
// of the validity periods of the path it built. Checking a time against that window is
// what X509_verify_cert does at that time (OpenSSL treats notBefore <= t < notAfter as
// valid), so an attestation's capture time and "now" for claims are checked per use.
#include "OpenSsl.h"
#include "PublicKey.h"
#include "TrustAnchors.h"

#include <QDateTime>
#include <QList>
#include <memory>

namespace vf::trust {

struct CertificateInfo {
    QString subject;
    QString issuer;
    QString serialHex;
    QDateTime notBefore;
    QDateTime notAfter;
    QByteArray sha256; // of the DER
    QString keyType;
    bool isCa = false;
};
CertificateInfo describeCertificate(X509 *cert);

// The x5chain as parsed certificates (leaf first). Null when an entry is not exactly one
// DER certificate.
struct ParsedChain {
    QList<std::shared_ptr<X509>> certificates;
    X509 *leaf() const { return certificates.isEmpty() ? nullptr : certificates.first().get(); }
};
std::optional<ParsedChain> parseChain(const QList<QByteArray> &x5chainDer, QString *error);

// The device-ID rule for a device leaf's subject CN: 1 to 64 of A-Z a-z 0-9 . _ -, the
// first a letter or a digit (v2).
bool isValidDeviceId(QStringView id);
// The single subject CN, or empty when there is none or more than one.
QString subjectCommonName(X509 *cert);

struct ChainValidation {
    bool valid = false;
    QString parseError;    // an x5chain entry is not one DER certificate (malformed)
    QString error;         // why the path does not validate
    qint64 validFrom = 0;  // seconds since the epoch, inclusive
    qint64 validUntil = 0; // exclusive
    QString leafCommonName;
    QByteArray leafSha256; // SHA-256 of the leaf DER: the revocation key
    std::shared_ptr<EVP_PKEY> leafKey;
    KeyKind leafKeyKind = KeyKind::Unsupported;
    RawPublicKey leafRawKey;     // exported once, for the claim's cnf comparison
    QList<CertificateInfo> path; // leaf to root, as OpenSSL built it

    bool validAt(qint64 secondsSinceEpoch) const {
        return valid && secondsSinceEpoch >= validFrom && secondsSinceEpoch < validUntil;
    }
};

// Everything of §3 except the time: the path to a root of set, at most one intermediate,
// leaf not a CA, keyUsage with digitalSignature when present, v3 certificates signed with
// ECDSA-with-SHA256 or Ed25519, and for device chains the device-ID CN rule.
ChainValidation validateChain(const ParsedChain &chain, const TrustAnchors &anchors, RootSet set);
// Parses then validates; a parse failure sets parseError (and error).
ChainValidation validateChain(const QList<QByteArray> &x5chainDer, const TrustAnchors &anchors,
                              RootSet set);

// Parsed certificates, and issuing CAs validated to a root, are kept by the SHA-256 of their
// DER (content-keyed, bounded): a vendor's intermediate is parsed and validated once per
// process, not once per camera. Clearing them is for benchmarks of the cold path.
void clearParsedCertificateCache();

// A stable digest of the chain's exact bytes, for memo keys.
QByteArray chainDigest(const QList<QByteArray> &x5chainDer);

} // namespace vf::trust
