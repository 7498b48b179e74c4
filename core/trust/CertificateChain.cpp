#include "CertificateChain.h"

#include "BoundedMemo.h"

#include <QTimeZone>
#include <algorithm>
#include <limits>
#include <openssl/x509v3.h>

namespace vf::trust {
namespace {
using X509StackPtr = std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509) *)>;

void freeStackAndCerts(STACK_OF(X509) * stack) {
    sk_X509_pop_free(stack, X509_free);
}
void freeStackOnly(STACK_OF(X509) * stack) {
    sk_X509_free(stack);
}

std::optional<qint64> toEpochSeconds(const ASN1_TIME *time) {
    struct tm parts = {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return std::nullopt;
    return static_cast<qint64>(timegm(&parts));
}

QString nameText(const X509_NAME *name) {
    std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>> bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QString::fromUtf8(data, length);
}

QByteArray derOf(X509 *cert) {
    unsigned char *der = nullptr;
    const int length = i2d_X509(cert, &der);
    QByteArray out =
        length > 0 ? QByteArray(reinterpret_cast<const char *>(der), length) : QByteArray();
    OPENSSL_free(der);
    return out;
}

bool allowedSignature(X509 *cert) {
    const int nid = X509_get_signature_nid(cert);
    return nid == NID_ecdsa_with_SHA256 || nid == NID_ED25519;
}
} // namespace

CertificateInfo describeCertificate(X509 *cert) {
    CertificateInfo info;
    if (!cert)
        return info;
    info.subject = nameText(X509_get_subject_name(cert));
    info.issuer = nameText(X509_get_issuer_name(cert));
    if (BIGNUM *serial = ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr)) {
        char *hex = BN_bn2hex(serial);
        info.serialHex = QString::fromLatin1(hex).toLower();
        OPENSSL_free(hex);
        BN_free(serial);
    }
    if (auto from = toEpochSeconds(X509_get0_notBefore(cert)))
        info.notBefore = QDateTime::fromSecsSinceEpoch(*from, Qt::UTC);
    if (auto until = toEpochSeconds(X509_get0_notAfter(cert)))
        info.notAfter = QDateTime::fromSecsSinceEpoch(*until, Qt::UTC);
    info.sha256 = sha256(derOf(cert));
    info.keyType = keyKindName(publicKeyKind(X509_get0_pubkey(cert)));
    info.isCa = X509_check_ca(cert) != 0;
    return info;
}

namespace {
// Parsed certificates by the SHA-256 of their DER. One vendor intermediate and one authority
// certificate stand in thousands of chains, and OpenSSL 3's DER decoding of a public key is
// the costliest step of a new chain. The key is the full content, so a hit is the same
// certificate; parsed X509 objects are only read afterwards.
BoundedMemo<X509> &parsedCertificates() {
    static BoundedMemo<X509> cache(2048);
    return cache;
}

std::shared_ptr<const X509> parseCachedCertificate(const QByteArray &der) {
    const QByteArray key = sha256(der);
    if (auto hit = parsedCertificates().find(key))
        return hit;
    X509Ptr cert = parseDerCertificate(der);
    if (!cert)
        return nullptr;
    std::shared_ptr<const X509> shared(cert.release(),
                                       [](const X509 *x) { X509_free(const_cast<X509 *>(x)); });
    parsedCertificates().insert(key, shared);
    return shared;
}
} // namespace

void clearParsedCertificateCache() {
    parsedCertificates().clear();
}

std::optional<ParsedChain> parseChain(const QList<QByteArray> &x5chainDer, QString *error) {
    ParsedChain chain;
    for (qsizetype i = 0; i < x5chainDer.size(); ++i) {
        const std::shared_ptr<const X509> cert = parseCachedCertificate(x5chainDer.at(i));
        if (!cert) {
            *error = QStringLiteral("x5chain entry %1 is not one DER certificate").arg(i);
            return std::nullopt;
        }
        // OpenSSL's verification API takes non-const X509 (it caches extension flags under its
        // own lock); the certificate's content is never changed.
        chain.certificates.append(std::const_pointer_cast<X509>(cert));
    }
    if (chain.certificates.isEmpty()) {
        *error = QStringLiteral("x5chain is empty");
        return std::nullopt;
    }
    return chain;
}

bool isValidDeviceId(QStringView id) {
    if (id.isEmpty() || id.size() > 64)
        return false;
    return std::all_of(id.begin(), id.end(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
               u == '.' || u == '_' || u == '-';
    });
}

QString subjectCommonName(X509 *cert) {
    const X509_NAME *name = X509_get_subject_name(cert);
    const int first = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
    if (first < 0 || X509_NAME_get_index_by_NID(name, NID_commonName, first) >= 0)
        return {};
    const ASN1_STRING *data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, first));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, data);
    if (length < 0)
        return {};
    QString cn = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return cn;
}

ChainValidation validateChain(const ParsedChain &chain, const TrustAnchors &anchors, RootSet set) {
    ChainValidation result;
    X509 *leaf = chain.leaf();
    if (!leaf) {
        result.error = QStringLiteral("no leaf certificate");
        return result;
    }
    result.leafSha256 = sha256(derOf(leaf));
    result.leafCommonName = subjectCommonName(leaf);
    EVP_PKEY *key = X509_get0_pubkey(leaf);
    if (key) {
        EVP_PKEY_up_ref(key);
        result.leafKey = std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
    }
    result.leafKeyKind = publicKeyKind(key);
    result.leafRawKey = rawPublicKey(key);

    X509StackPtr untrusted(sk_X509_new_null(), freeStackOnly);
    for (qsizetype i = 1; i < chain.certificates.size(); ++i)
        sk_X509_push(untrusted.get(), chain.certificates.at(i).get());

    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), anchors.store(set), leaf, untrusted.get()) != 1) {
        result.error =
            QStringLiteral("could not start path validation: %1").arg(takeOpenSslErrors());
        return result;
    }
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME);
    X509_VERIFY_PARAM_set_depth(param, 1); // at most one intermediate between leaf and root
    if (X509_verify_cert(ctx.get()) != 1) {
        const int code = X509_STORE_CTX_get_error(ctx.get());
        result.error = QStringLiteral("path validation failed: %1")
                           .arg(QString::fromLatin1(X509_verify_cert_error_string(code)));
        takeOpenSslErrors();
        return result;
    }

    X509StackPtr path(X509_STORE_CTX_get1_chain(ctx.get()), freeStackAndCerts);
    qint64 from = std::numeric_limits<qint64>::min();
    qint64 until = std::numeric_limits<qint64>::max();
    const int length = sk_X509_num(path.get());
    for (int i = 0; i < length; ++i) {
        X509 *cert = sk_X509_value(path.get(), i);
        result.path.append(describeCertificate(cert));
        const auto notBefore = toEpochSeconds(X509_get0_notBefore(cert));
        const auto notAfter = toEpochSeconds(X509_get0_notAfter(cert));
        if (!notBefore || !notAfter) {
            result.error =
                QStringLiteral("unreadable validity period in %1").arg(result.path.last().subject);
            return result;
        }
        from = std::max(from, *notBefore);
        until = std::min(until, *notAfter);
        if (X509_get_version(cert) != X509_VERSION_3) {
            result.error =
                QStringLiteral("%1 is not an X.509 v3 certificate").arg(result.path.last().subject);
            return result;
        }
        const bool isAnchor = i == length - 1; // its self-signature is not what we rely on
        if (!isAnchor && !allowedSignature(cert)) {
            result.error = QStringLiteral("%1 is not signed with ECDSA-with-SHA256 or Ed25519")
                               .arg(result.path.last().subject);
            return result;
        }
    }
    const uint32_t flags = X509_get_extension_flags(leaf);
    if ((flags & EXFLAG_CA) || X509_check_ca(leaf) != 0) {
        result.error = QStringLiteral("the leaf certificate is a CA");
        return result;
    }
    if ((flags & EXFLAG_KUSAGE) && !(X509_get_key_usage(leaf) & KU_DIGITAL_SIGNATURE)) {
        result.error = QStringLiteral("the leaf keyUsage lacks digitalSignature");
        return result;
    }
    if (set == RootSet::Device && !isValidDeviceId(result.leafCommonName)) {
        result.error = QStringLiteral("the leaf subject CN is not a valid device ID");
        return result;
    }
    result.validFrom = from;
    result.validUntil = until;
    result.valid = true;
    return result;
}

ChainValidation validateChain(const QList<QByteArray> &x5chainDer, const TrustAnchors &anchors,
                              RootSet set) {
    QString error;
    const std::optional<ParsedChain> parsed = parseChain(x5chainDer, &error);
    if (!parsed) {
        ChainValidation result;
        result.parseError = error;
        result.error = error;
        return result;
    }
    return validateChain(*parsed, anchors, set);
}

QByteArray chainDigest(const QList<QByteArray> &x5chainDer) {
    Sha256Stream hash;
    for (const QByteArray &der : x5chainDer) {
        const quint32 length = static_cast<quint32>(der.size());
        hash.add(QByteArrayView(reinterpret_cast<const char *>(&length), sizeof length));
        hash.add(der);
    }
    return hash.result();
}

} // namespace vf::trust
