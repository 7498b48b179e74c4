#include "CoseSign1.h"

#include "PublicKey.h"
#include "StrictCbor.h"

#include <QCborArray>
#include <QSet>
#include <openssl/ecdsa.h>

namespace vf::trust {
namespace {
constexpr quint64 kTagCoseSign1 = 18;
constexpr quint64 kTagCwt = 61;
constexpr int kMaxChainLength = 3;

CoseDecodeResult fail(const QString &why) {
    return {std::nullopt, why};
}

// The untagged COSE_Sign1 array, after at most the tags the caller allows.
std::optional<QCborValue> unwrapTags(QCborValue value, CoseTags tags, QString *error) {
    if (value.isTag() && tags == CoseTags::Sign1OrCwt && value.tag() == QCborTag(kTagCwt)) {
        value = value.taggedValue();
        // RFC 8392 §6: the CWT tag wraps a tagged COSE message.
        if (!value.isTag() || value.tag() != QCborTag(kTagCoseSign1)) {
            *error = QStringLiteral("CWT tag 61 must wrap a tag-18 COSE_Sign1");
            return std::nullopt;
        }
    }
    if (value.isTag()) {
        if (value.tag() != QCborTag(kTagCoseSign1)) {
            *error = QStringLiteral("unexpected CBOR tag %1").arg(quint64(value.tag()));
            return std::nullopt;
        }
        value = value.taggedValue();
    }
    return value;
}
} // namespace

CoseDecodeResult decodeCoseSign1(QByteArrayView bytes, CoseTags tags) {
    CborDecodeResult decoded = decodeStrictCbor(bytes);
    if (!decoded.value)
        return fail(decoded.error);
    QString error;
    const std::optional<QCborValue> body = unwrapTags(*decoded.value, tags, &error);
    if (!body)
        return fail(error);
    if (!body->isArray() || body->toArray().size() != 4)
        return fail(QStringLiteral("COSE_Sign1 must be an array of four items"));
    const QCborArray parts = body->toArray();

    CoseSign1 message;
    if (!parts.at(0).isByteArray())
        return fail(QStringLiteral("protected header must be a byte string"));
    message.protectedBytes = parts.at(0).toByteArray();
    if (!message.protectedBytes.isEmpty()) {
        CborDecodeResult header = decodeStrictCbor(message.protectedBytes);
        if (!header.value)
            return fail(QStringLiteral("protected header: %1").arg(header.error));
        if (!header.value->isMap())
            return fail(QStringLiteral("protected header must encode a map"));
        message.protectedHeader = header.value->toMap();
    }
    if (!parts.at(1).isMap())
        return fail(QStringLiteral("unprotected header must be a map"));
    message.unprotectedHeader = parts.at(1).toMap();
    for (auto it = message.unprotectedHeader.begin(); it != message.unprotectedHeader.end(); ++it) {
        if (message.protectedHeader.contains(it.key())) // RFC 9052 §3: labels are unique
            return fail(QStringLiteral("header label appears in both header maps"));
    }
    if (parts.at(2).isNull())
        return fail(QStringLiteral("detached (nil) payload is not allowed"));
    if (!parts.at(2).isByteArray())
        return fail(QStringLiteral("payload must be a byte string"));
    message.payload = parts.at(2).toByteArray();
    if (!parts.at(3).isByteArray())
        return fail(QStringLiteral("signature must be a byte string"));
    message.signature = parts.at(3).toByteArray();
    return {std::move(message), {}};
}

QByteArray sigStructure(const QByteArray &protectedBytes, const QByteArray &payload,
                        QByteArrayView externalAad) {
    // QCborArray::toCborValue().toCbor() writes definite lengths, as §2 requires.
    QCborArray structure{QStringLiteral("Signature1"), protectedBytes, externalAad.toByteArray(),
                         payload};
    return QCborValue(structure).toCbor();
}

std::optional<qint64> headerAlgorithm(const CoseSign1 &message) {
    // A protected alg that is present (even as undefined or null) is the alg: it is never
    // skipped in favour of an unprotected one (trust.md §2 v2).
    std::optional<QCborValue> alg = fieldOf(message.protectedHeader, CoseLabel::Alg);
    if (!alg)
        alg = fieldOf(message.unprotectedHeader, CoseLabel::Alg);
    if (!alg || !alg->isInteger())
        return std::nullopt;
    return alg->toInteger();
}

bool verifyCoseSignature(const CoseSign1 &message, EVP_PKEY *key, qint64 alg,
                         QByteArrayView externalAad) {
    if (!key || !publicKeyMatchesAlgorithm(key, alg))
        return false;
    // RFC 9052 §4.4: with no protected attributes the Sig_structure holds a zero-length bstr,
    // even if the message encoded the empty map (cose-wg sign-pass-01). The Veriframe profile
    // always has protected attributes, so there the exact received bytes are signed.
    const QByteArray signedProtected =
        message.protectedHeader.isEmpty() ? QByteArray() : message.protectedBytes;
    const QByteArray toBeSigned = sigStructure(signedProtected, message.payload, externalAad);
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx)
        return false;

    if (alg == CoseAlg::EdDSA) {
        if (message.signature.size() != 64)
            return false;
        if (EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key) != 1)
            return false;
        return EVP_DigestVerify(ctx.get(),
                                reinterpret_cast<const unsigned char *>(message.signature.data()),
                                64, reinterpret_cast<const unsigned char *>(toBeSigned.data()),
                                static_cast<size_t>(toBeSigned.size())) == 1;
    }

    // ES256: COSE carries r||s (32 bytes each); OpenSSL verifies DER, so re-encode.
    // Any other length (a DER signature included) fails: trust.md §2.
    if (message.signature.size() != 64)
        return false;
    const auto *raw = reinterpret_cast<const unsigned char *>(message.signature.constData());
    std::unique_ptr<ECDSA_SIG, OpenSslDeleter<ECDSA_SIG, ECDSA_SIG_free>> sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(raw, 32, nullptr);
    BIGNUM *s = BN_bin2bn(raw + 32, 32, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return false;
    }
    unsigned char *der = nullptr;
    const int derLength = i2d_ECDSA_SIG(sig.get(), &der);
    if (derLength <= 0)
        return false;
    std::unique_ptr<unsigned char, void (*)(unsigned char *)> derOwner(
        der, [](unsigned char *p) { OPENSSL_free(p); });
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), der, static_cast<size_t>(derLength),
                            reinterpret_cast<const unsigned char *>(toBeSigned.data()),
                            static_cast<size_t>(toBeSigned.size())) == 1;
}

ProfileResult checkVeriframeProfile(const CoseSign1 &message) {
    const auto fail = [](const QString &why) { return ProfileResult{std::nullopt, why}; };
    const QCborMap &prot = message.protectedHeader;
    const QCborMap &unprot = message.unprotectedHeader;
    if (unprot.contains(CoseLabel::Alg))
        return fail(QStringLiteral("alg (label 1) must be in the protected header only"));
    if (unprot.contains(CoseLabel::X5Chain))
        return fail(QStringLiteral("x5chain (label 33) must be in the protected header only"));
    if (prot.contains(CoseLabel::Crit) || unprot.contains(CoseLabel::Crit))
        return fail(QStringLiteral("crit (label 2) headers are not allowed"));
    if (!prot.contains(CoseLabel::Alg))
        return fail(QStringLiteral("protected header lacks alg (label 1)"));
    ProfileHeaders headers;
    headers.alg = prot.value(CoseLabel::Alg);
    // RFC 9052 allows an int or a text algorithm; anything else is a wrong type.
    if (!headers.alg.isInteger() && !headers.alg.isString())
        return fail(QStringLiteral("alg must be an integer"));

    const QCborValue chain = prot.value(CoseLabel::X5Chain);
    if (chain.isByteArray()) {
        headers.x5chain.append(chain.toByteArray());
    } else if (chain.isArray()) {
        const QCborArray certs = chain.toArray();
        for (const QCborValue &cert : certs) {
            if (!cert.isByteArray())
                return fail(QStringLiteral("x5chain entries must be byte strings"));
            headers.x5chain.append(cert.toByteArray());
        }
    } else {
        return fail(QStringLiteral("protected header lacks x5chain (label 33)"));
    }
    if (headers.x5chain.isEmpty())
        return fail(QStringLiteral("x5chain is empty"));
    if (headers.x5chain.size() > kMaxChainLength)
        return fail(QStringLiteral("x5chain holds %1 certificates; at most %2 are allowed")
                        .arg(headers.x5chain.size())
                        .arg(kMaxChainLength));
    return {std::move(headers), {}};
}

} // namespace vf::trust
