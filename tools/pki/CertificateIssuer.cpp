// issueCertificate(): declared in Certificate.h, kept apart because minting is the only part of
// the certificate code that builds extensions.

#include "Certificate.h"

#include <openssl/rand.h>

namespace vf::pki {

namespace {

bool addNameEntry(X509_NAME *name, int nid, const QString &value) {
    const QByteArray utf8 = value.toUtf8();
    // V_ASN1_UTF8STRING (not MBSTRING_UTF8) skips OpenSSL's per-attribute size table (CN is
    // 1..64 there), so tests can mint the over-long or empty device IDs trust.md §3 forbids.
    return X509_NAME_add_entry_by_NID(name, nid, V_ASN1_UTF8STRING,
                                      reinterpret_cast<const unsigned char *>(utf8.constData()),
                                      int(utf8.size()), -1, 0) == 1;
}

X509NamePtr buildName(const CertificateSpec &spec) {
    X509NamePtr name(X509_NAME_new());
    if (!name)
        return {};
    if (!spec.commonName.isNull() && !addNameEntry(name.get(), NID_commonName, spec.commonName))
        return {};
    if (!spec.organization.isEmpty() &&
        !addNameEntry(name.get(), NID_organizationName, spec.organization))
        return {};
    return name;
}

quint64 serialFor(const CertificateSpec &spec) {
    if (spec.serial != 0)
        return spec.serial;
    quint64 serial = 0;
    if (RAND_bytes(reinterpret_cast<unsigned char *>(&serial), sizeof serial) != 1)
        return 0;
    return serial != 0 ? serial : 1; // RFC 5280 §4.1.2.2: positive
}

// RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING.
Asn1OctetStringPtr keyIdentifier(X509 *cert) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_pubkey_digest(cert, EVP_sha1(), digest, &length) != 1)
        return {};
    Asn1OctetStringPtr id(ASN1_OCTET_STRING_new());
    if (!id || ASN1_OCTET_STRING_set(id.get(), digest, int(length)) != 1)
        return {};
    return id;
}

// The issuer's own subjectKeyIdentifier, so the AKID matches it byte for byte; computed from
// its key when an (attack) issuer has none.
Asn1OctetStringPtr issuerKeyIdentifier(X509 *issuer) {
    if (const ASN1_OCTET_STRING *skid = X509_get0_subject_key_id(issuer))
        return Asn1OctetStringPtr(ASN1_OCTET_STRING_dup(skid));
    return keyIdentifier(issuer);
}

bool addBasicConstraints(X509 *cert, const CertificateSpec &spec) {
    BasicConstraintsPtr bc(BASIC_CONSTRAINTS_new());
    if (!bc)
        return false;
    bc->ca = spec.isCa ? 0xFF : 0; // DER TRUE; FALSE is the DEFAULT and so encodes as absent
    if (spec.isCa && spec.pathLength >= 0) {
        bc->pathlen = ASN1_INTEGER_new();
        if (!bc->pathlen || ASN1_INTEGER_set(bc->pathlen, spec.pathLength) != 1)
            return false;
    }
    return X509_add1_ext_i2d(cert, NID_basic_constraints, bc.get(), 1, X509V3_ADD_REPLACE) == 1;
}

bool addKeyUsage(X509 *cert, int mask) {
    // KU_* masks follow the first two bytes of the BIT STRING: bit n of the ASN.1 value is
    // 0x80 >> n of the low byte (n < 8); decipherOnly (bit 8) is KU_DECIPHER_ONLY (0x8000).
    Asn1BitStringPtr bits(ASN1_BIT_STRING_new());
    if (!bits)
        return false;
    for (int bit = 0; bit < 8; ++bit) {
        if ((mask & (0x80 >> bit)) && ASN1_BIT_STRING_set_bit(bits.get(), bit, 1) != 1)
            return false;
    }
    if ((mask & KU_DECIPHER_ONLY) && ASN1_BIT_STRING_set_bit(bits.get(), 8, 1) != 1)
        return false;
    return X509_add1_ext_i2d(cert, NID_key_usage, bits.get(), 1, X509V3_ADD_REPLACE) == 1;
}

bool addKeyIdentifiers(X509 *cert, X509 *issuerCert) {
    Asn1OctetStringPtr skid = keyIdentifier(cert);
    if (!skid ||
        X509_add1_ext_i2d(cert, NID_subject_key_identifier, skid.get(), 0, X509V3_ADD_REPLACE) != 1)
        return false;
    AuthorityKeyIdPtr akid(AUTHORITY_KEYID_new());
    if (!akid)
        return false;
    // Self-signed: the authority key is the subject key.
    akid->keyid = (issuerCert ? issuerKeyIdentifier(issuerCert) : std::move(skid)).release();
    if (!akid->keyid)
        return false;
    return X509_add1_ext_i2d(cert, NID_authority_key_identifier, akid.get(), 0,
                             X509V3_ADD_REPLACE) == 1;
}

// One GENERAL_NAME per DNS name and IP address, each owned by the stack once pushed.
bool addSubjectAltName(X509 *cert, const CertificateSpec &spec) {
    GeneralNamesPtr names(GENERAL_NAMES_new());
    if (!names)
        return false;
    const auto push = [&names](GeneralNamePtr name) {
        if (sk_GENERAL_NAME_push(names.get(), name.get()) <= 0)
            return false;
        name.release();
        return true;
    };
    for (const QString &dns : spec.dnsNames) {
        const QByteArray ascii = dns.toLatin1();
        GeneralNamePtr name(GENERAL_NAME_new());
        Asn1Ia5StringPtr value(ASN1_IA5STRING_new());
        if (!name || !value ||
            ASN1_STRING_set(value.get(), ascii.constData(), int(ascii.size())) != 1)
            return false;
        GENERAL_NAME_set0_value(name.get(), GEN_DNS, value.release());
        if (!push(std::move(name)))
            return false;
    }
    for (const QString &ip : spec.ipAddresses) {
        GeneralNamePtr name(GENERAL_NAME_new());
        Asn1OctetStringPtr value(a2i_IPADDRESS(ip.toLatin1().constData()));
        if (!value)
            qWarning("vf::pki: not an IP address for subjectAltName: %s", qPrintable(ip));
        if (!name || !value)
            return false;
        GENERAL_NAME_set0_value(name.get(), GEN_IPADD, value.release());
        if (!push(std::move(name)))
            return false;
    }
    const bool emptySubject = X509_NAME_entry_count(X509_get_subject_name(cert)) == 0;
    return X509_add1_ext_i2d(cert, NID_subject_alt_name, names.get(), emptySubject ? 1 : 0,
                             X509V3_ADD_REPLACE) == 1;
}

bool setValidity(X509 *cert, const CertificateSpec &spec) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime from = spec.notBefore.isValid() ? spec.notBefore : now.addDays(-1);
    const QDateTime until = spec.notAfter.isValid() ? spec.notAfter : now.addYears(10);
    // ASN1_TIME_set picks UTCTime or GeneralizedTime by year, as RFC 5280 §4.1.2.5 requires.
    return ASN1_TIME_set(X509_getm_notBefore(cert), time_t(from.toSecsSinceEpoch())) != nullptr &&
           ASN1_TIME_set(X509_getm_notAfter(cert), time_t(until.toSecsSinceEpoch())) != nullptr;
}

bool build(X509 *cert, const CertificateSpec &spec, const KeyPair &subjectKey,
           const Certificate *issuer) {
    X509NamePtr subject = buildName(spec);
    if (!subject || X509_set_version(cert, X509_VERSION_3) != 1 ||
        ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert), serialFor(spec)) != 1 ||
        !setValidity(cert, spec) || X509_set_subject_name(cert, subject.get()) != 1 ||
        X509_set_issuer_name(cert, issuer ? X509_get_subject_name(issuer->get()) : subject.get()) !=
            1 ||
        X509_set_pubkey(cert, subjectKey.get()) != 1)
        return false;
    if (spec.includeBasicConstraints && !addBasicConstraints(cert, spec))
        return false;
    if (!spec.omitKeyUsage) {
        const int defaultUsage = spec.isCa ? (KU_KEY_CERT_SIGN | KU_CRL_SIGN | KU_DIGITAL_SIGNATURE)
                                           : KU_DIGITAL_SIGNATURE;
        if (!addKeyUsage(cert, spec.keyUsage.value_or(defaultUsage)))
            return false;
    }
    if ((!spec.dnsNames.isEmpty() || !spec.ipAddresses.isEmpty()) && !addSubjectAltName(cert, spec))
        return false;
    return addKeyIdentifiers(cert, issuer ? issuer->get() : nullptr);
}

} // namespace

Certificate issueCertificate(const CertificateSpec &spec, const KeyPair &subjectKey,
                             const Certificate *issuer, const KeyPair &issuerKey) {
    if (subjectKey.isNull() || issuerKey.isNull() || (issuer && issuer->isNull())) {
        qWarning("vf::pki: issueCertificate: null key or issuer");
        return {};
    }
    X509Ptr cert(X509_new());
    // Ed25519 signs the TBSCertificate itself: no separate digest (NULL md).
    const EVP_MD *md = issuerKey.type() == KeyType::P256 ? EVP_sha256() : nullptr;
    if (!cert || !build(cert.get(), spec, subjectKey, issuer) ||
        X509_sign(cert.get(), issuerKey.get(), md) <= 0) {
        qWarning("vf::pki: issueCertificate failed: %s", qPrintable(takeOpenSslErrors()));
        return {};
    }
    // Re-parse the signed encoding so the returned object is exactly what a verifier will
    // read (no cached extension state from the building phase).
    Certificate signedCert(std::move(cert));
    return Certificate::fromDer(signedCert.der());
}

} // namespace vf::pki
