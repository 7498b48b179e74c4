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
    const auto alphanumeric = [](char16_t u) {
        return (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9');
    };
    // v2: the first character is a letter or a digit, so "." and ".." (path components
    // wherever an ID names a file or a URL segment) are never device IDs.
    if (!alphanumeric(id.front().unicode()))
        return false;
    return std::all_of(id.begin(), id.end(), [&](QChar c) {
        const char16_t u = c.unicode();
        return alphanumeric(u) || u == '.' || u == '_' || u == '-';
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

namespace {
// What OpenSSL built, or why it could not.
struct BuiltPath {
    X509StackPtr certs{nullptr, freeStackAndCerts};
    QString error;
};

BuiltPath buildPath(X509_STORE *store, X509 *target, const QList<X509 *> &untrustedCerts,
                    unsigned long extraFlags, int maxIntermediates) {
    BuiltPath built;
    X509StackPtr untrusted(sk_X509_new_null(), freeStackOnly);
    for (X509 *cert : untrustedCerts)
        sk_X509_push(untrusted.get(), cert);
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store, target, untrusted.get()) != 1) {
        built.error =
            QStringLiteral("could not start path validation: %1").arg(takeOpenSslErrors());
        return built;
    }
    X509_VERIFY_PARAM *param = X509_STORE_CTX_get0_param(ctx.get());
    X509_VERIFY_PARAM_set_flags(param, X509_V_FLAG_NO_CHECK_TIME | extraFlags);
    X509_VERIFY_PARAM_set_depth(param, maxIntermediates);
    if (X509_verify_cert(ctx.get()) != 1) {
        const int code = X509_STORE_CTX_get_error(ctx.get());
        built.error = QStringLiteral("path validation failed: %1")
                          .arg(QString::fromLatin1(X509_verify_cert_error_string(code)));
        takeOpenSslErrors();
        return built;
    }
    built.certs.reset(X509_STORE_CTX_get1_chain(ctx.get()));
    return built;
}

// The §3 facts of a built path: every certificate v3, all but the trust anchor signed with
// an allowed algorithm, and the intersection of the validity periods.
struct PathFacts {
    qint64 from = std::numeric_limits<qint64>::min();
    qint64 until = std::numeric_limits<qint64>::max();
    QList<CertificateInfo> infos;
    QString error;
};

PathFacts examinePath(const QList<X509 *> &certs, bool lastIsAnchor) {
    PathFacts facts;
    for (qsizetype i = 0; i < certs.size(); ++i) {
        X509 *cert = certs.at(i);
        facts.infos.append(describeCertificate(cert));
        const auto notBefore = toEpochSeconds(X509_get0_notBefore(cert));
        const auto notAfter = toEpochSeconds(X509_get0_notAfter(cert));
        if (!notBefore || !notAfter) {
            facts.error =
                QStringLiteral("unreadable validity period in %1").arg(facts.infos.last().subject);
            return facts;
        }
        facts.from = std::max(facts.from, *notBefore);
        facts.until = std::min(facts.until, *notAfter);
        if (X509_get_version(cert) != X509_VERSION_3) {
            facts.error =
                QStringLiteral("%1 is not an X.509 v3 certificate").arg(facts.infos.last().subject);
            return facts;
        }
        // v2: a small-order or non-canonical Ed25519 key (for which signatures verify
        // without a private key) is refused wherever it sits in the path, root included.
        if (!isAcceptablePublicKey(X509_get0_pubkey(cert))) {
            facts.error = QStringLiteral("%1 carries a weak public key (small-order or "
                                         "non-canonical)")
                              .arg(facts.infos.last().subject);
            return facts;
        }
        const bool isAnchor =
            lastIsAnchor && i == certs.size() - 1; // its self-signature is not relied on
        if (!isAnchor && !allowedSignature(cert)) {
            facts.error = QStringLiteral("%1 is not signed with ECDSA-with-SHA256 or Ed25519")
                              .arg(facts.infos.last().subject);
            return facts;
        }
    }
    return facts;
}

QList<X509 *> certsOf(STACK_OF(X509) * stack) {
    QList<X509 *> out;
    for (int i = 0; i < sk_X509_num(stack); ++i)
        out.append(sk_X509_value(stack, i));
    return out;
}

// An issuing CA (an x5chain's second certificate) validated once to a root of a set. Cameras
// of one vendor share it, so a new camera's chain needs only its own leaf checked against it:
// X509_verify_cert with that validated issuer as the (partial-chain) anchor. This is the same
// validation as the full path only when nothing above the issuer constrains the leaf, so the
// shortcut is refused when the issuer's path carries name or policy constraints, or when the
// root's pathLenConstraint forbids an intermediate; the full path is validated then.
struct ValidatedIssuer {
    bool usable = false;
    std::shared_ptr<X509_STORE> store; // the issuer alone, as a partial-chain anchor
    PathFacts facts;                   // issuer .. root
};

bool constrainsBelow(X509 *cert) {
    return X509_get_ext_by_NID(cert, NID_name_constraints, -1) >= 0 ||
           X509_get_ext_by_NID(cert, NID_policy_constraints, -1) >= 0 ||
           X509_get_ext_by_NID(cert, NID_inhibit_any_policy, -1) >= 0;
}

BoundedMemo<ValidatedIssuer> &validatedIssuers() {
    static BoundedMemo<ValidatedIssuer> memo(256);
    return memo;
}

std::shared_ptr<const ValidatedIssuer> validatedIssuer(const ParsedChain &chain,
                                                       const TrustAnchors &anchors, RootSet set) {
    X509 *issuer = chain.certificates.at(1).get();
    const QByteArray key = sha256(derOf(issuer)) + (set == RootSet::Device ? "D" : "A") +
                           QByteArray::number(anchors.epoch());
    if (auto hit = validatedIssuers().find(key))
        return hit;
    auto result = std::make_shared<ValidatedIssuer>();
    QList<X509 *> above;
    for (qsizetype i = 2; i < chain.certificates.size(); ++i)
        above.append(chain.certificates.at(i).get());
    const BuiltPath path = buildPath(anchors.store(set), issuer, above, 0, 0);
    if (path.certs && X509_check_ca(issuer) == 1) {
        const QList<X509 *> certs = certsOf(path.certs.get());
        result->facts = examinePath(certs, true);
        const bool rootAllowsIntermediate =
            certs.size() == 1 || X509_get_pathlen(certs.last()) != 0;
        result->usable = result->facts.error.isEmpty() && rootAllowsIntermediate &&
                         std::none_of(certs.begin(), certs.end(), constrainsBelow);
        if (result->usable) {
            result->store.reset(X509_STORE_new(), X509_STORE_free);
            result->usable = X509_STORE_add_cert(result->store.get(), issuer) == 1;
        }
    }
    validatedIssuers().insert(key, result);
    return result;
}
} // namespace

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

    PathFacts facts;
    bool validated = false;
    if (chain.certificates.size() >= 2) {
        const auto issuer = validatedIssuer(chain, anchors, set);
        if (issuer->usable) {
            const BuiltPath leafPath =
                buildPath(issuer->store.get(), leaf, {}, X509_V_FLAG_PARTIAL_CHAIN, 0);
            if (leafPath.certs && sk_X509_num(leafPath.certs.get()) == 2) {
                facts = examinePath({leaf}, false);
                facts.from = std::max(facts.from, issuer->facts.from);
                facts.until = std::min(facts.until, issuer->facts.until);
                facts.infos += issuer->facts.infos;
                validated = true;
            }
        }
    }
    if (!validated) {
        QList<X509 *> untrusted;
        for (qsizetype i = 1; i < chain.certificates.size(); ++i)
            untrusted.append(chain.certificates.at(i).get());
        // At most one intermediate between leaf and root.
        const BuiltPath path = buildPath(anchors.store(set), leaf, untrusted, 0, 1);
        if (!path.certs) {
            result.error = path.error;
            return result;
        }
        facts = examinePath(certsOf(path.certs.get()), true);
    }
    result.path = facts.infos;
    if (!facts.error.isEmpty()) {
        result.error = facts.error;
        return result;
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
    result.validFrom = facts.from;
    result.validUntil = facts.until;
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

void clearParsedCertificateCache() {
    parsedCertificates().clear();
    validatedIssuers().clear();
}

} // namespace vf::trust
