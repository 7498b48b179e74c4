#pragma once

#include "KeyPair.h"
#include "OpenSslHandles.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>

namespace vf::pki {

// An X.509 certificate. Copies share the one X509 (reference counted).
class Certificate {
public:
    Certificate() = default;
    explicit Certificate(X509Ptr cert); // takes ownership
    Certificate(const Certificate &other);
    Certificate &operator=(const Certificate &other);
    Certificate(Certificate &&) noexcept = default;
    Certificate &operator=(Certificate &&) noexcept = default;
    ~Certificate() = default;

    // Null on bad input. fromPem reads the first certificate of a PEM bundle.
    static Certificate fromDer(const QByteArray &der);
    static Certificate fromPem(const QByteArray &pem);

    bool isNull() const { return !m_cert; }
    X509 *get() const { return m_cert.get(); }

    QByteArray der() const;
    QByteArray pem() const;
    // SHA-256 of the DER: the fingerprint the revocation list uses (trust.md §7).
    QByteArray sha256() const;

    QString commonName() const;
    QString organization() const; // the subject's O, empty when absent
    QDateTime notBefore() const;
    QDateTime notAfter() const;

private:
    QString subjectAttribute(int nid) const;

    X509Ptr m_cert;
};

// What issueCertificate puts in a certificate. Defaults give a well-formed certificate; every
// other field lets an attack test produce one specific defect.
struct CertificateSpec {
    QString commonName;   // a null QString leaves CN out; no length limit (tests need > 64)
    QString organization; // empty: no O attribute
    bool isCa = false;
    int pathLength = -1; // CA only; -1: no pathLenConstraint
    QDateTime notBefore; // invalid: now - 1 day
    QDateTime notAfter;  // invalid: now + 10 years
    bool includeBasicConstraints = true;
    // KU_* bit mask from openssl/x509v3.h; nullopt = default:
    // CA -> keyCertSign|cRLSign|digitalSignature, leaf -> digitalSignature.
    std::optional<int> keyUsage;
    bool omitKeyUsage = false;
    quint64 serial = 0; // 0 = random 64-bit
    // subjectAltName entries (RFC 5280 §4.2.1.6), e.g. a TLS server's "localhost" and
    // "127.0.0.1". Both empty: no subjectAltName extension. An IP address is IPv4 or IPv6 text;
    // one that does not parse makes issueCertificate fail. The extension is critical only
    // when the subject name is empty, as §4.2.1.6 requires.
    QStringList dnsNames;
    QStringList ipAddresses;
};

// Issues an X.509 v3 certificate for subjectKey, signed by issuerKey (ECDSA-with-SHA256 for
// a P-256 issuer, Ed25519 for an Ed25519 issuer). issuer == nullptr: self-signed, and then
// issuerKey should be subjectKey (not enforced, so a test can mint a bad self-signature).
// Returns a null Certificate on failure.
Certificate issueCertificate(const CertificateSpec &spec, const KeyPair &subjectKey,
                             const Certificate *issuer, const KeyPair &issuerKey);

} // namespace vf::pki
