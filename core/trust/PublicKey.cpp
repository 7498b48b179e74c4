#include "PublicKey.h"

#include <openssl/core_names.h>
#include <openssl/param_build.h>

#include <cstring>

namespace vf::trust {
namespace {
// COSE_Key labels and values (RFC 9053 §7).
constexpr int kKty = 1;
constexpr int kCrv = -1;
constexpr int kX = -2;
constexpr int kY = -3;
constexpr int kKtyOkp = 1;
constexpr int kKtyEc2 = 2;
constexpr int kCrvP256 = 1;
constexpr int kCrvEd25519 = 6;

// The y-coordinates (little-endian, the x sign bit cleared) of the eight points of order
// dividing 8, and the two non-canonical spellings (y = p, y = p + 1) that libsodium also
// lists; with the sign bit either way these are the 14 encodings to refuse.
constexpr unsigned char kSmallOrderY[][32] = {
    // y = 0: the two points of order 4
    {0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00},
    // y = 1: the identity
    {0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
     0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00},
    // two points of order 8
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
     0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
     0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
    // the other two points of order 8
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
     0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
     0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
    // y = p - 1: the point of order 2
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    // y = p: a non-canonical y = 0
    {0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    // y = p + 1: a non-canonical y = 1
    {0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
};

// y (the encoding with the sign bit cleared) is at least p = 2^255 - 19: little-endian
// 0xed or more, then thirty 0xff, then 0x7f.
bool isNonCanonicalEd25519(const unsigned char *encoding) {
    if ((encoding[31] & 0x7f) != 0x7f || encoding[0] < 0xed)
        return false;
    for (int i = 1; i < 31; ++i) {
        if (encoding[i] != 0xff)
            return false;
    }
    return true;
}

bool isSmallOrderEd25519(const unsigned char *encoding) {
    for (const auto &y : kSmallOrderY) {
        if (std::memcmp(encoding, y, 31) == 0 && (encoding[31] & 0x7f) == y[31])
            return true;
    }
    return false;
}

QByteArray bnParam(EVP_PKEY *key, const char *name) {
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1)
        return {};
    QByteArray out(32, Qt::Uninitialized);
    const bool ok = BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), 32) == 32;
    BN_free(bn);
    return ok ? out : QByteArray();
}
} // namespace

KeyKind publicKeyKind(EVP_PKEY *key) {
    if (!key)
        return KeyKind::Unsupported;
    if (EVP_PKEY_is_a(key, "ED25519"))
        return KeyKind::Ed25519;
    if (EVP_PKEY_is_a(key, "EC")) {
        char group[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                           &length) == 1 &&
            (qstrcmp(group, "prime256v1") == 0 || qstrcmp(group, "P-256") == 0)) {
            return KeyKind::P256;
        }
    }
    return KeyKind::Unsupported;
}

QString keyKindName(KeyKind kind) {
    switch (kind) {
    case KeyKind::P256:
        return QStringLiteral("P-256");
    case KeyKind::Ed25519:
        return QStringLiteral("Ed25519");
    case KeyKind::Unsupported:
        break;
    }
    return QStringLiteral("unsupported");
}

bool publicKeyMatchesAlgorithm(EVP_PKEY *key, qint64 alg) {
    const KeyKind kind = publicKeyKind(key);
    return (alg == -7 && kind == KeyKind::P256) || (alg == -8 && kind == KeyKind::Ed25519);
}

RawPublicKey rawPublicKey(EVP_PKEY *key) {
    RawPublicKey raw;
    raw.kind = publicKeyKind(key);
    if (raw.kind == KeyKind::P256) {
        raw.x = bnParam(key, OSSL_PKEY_PARAM_EC_PUB_X);
        raw.y = bnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y);
        if (raw.x.isEmpty() || raw.y.isEmpty())
            raw.kind = KeyKind::Unsupported;
    } else if (raw.kind == KeyKind::Ed25519) {
        size_t length = 32;
        raw.x.resize(32);
        if (EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char *>(raw.x.data()),
                                        &length) != 1 ||
            length != 32) {
            raw = {};
        }
    }
    return raw;
}

bool coseKeyMatches(const QCborMap &coseKey, EVP_PKEY *key) {
    return coseKeyMatches(coseKey, rawPublicKey(key));
}

bool coseKeyMatches(const QCborMap &coseKey, const RawPublicKey &raw) {
    const QCborValue kty = coseKey.value(kKty);
    const QCborValue crv = coseKey.value(kCrv);
    const QCborValue x = coseKey.value(kX);
    if (!x.isByteArray() || x.toByteArray() != raw.x)
        return false;
    if (raw.kind == KeyKind::P256) {
        const QCborValue y = coseKey.value(kY);
        return kty == QCborValue(kKtyEc2) && crv == QCborValue(kCrvP256) && y.isByteArray() &&
               y.toByteArray() == raw.y;
    }
    if (raw.kind == KeyKind::Ed25519)
        return kty == QCborValue(kKtyOkp) && crv == QCborValue(kCrvEd25519);
    return false;
}

bool isAcceptableEd25519PublicKey(QByteArrayView raw) {
    if (raw.size() != 32)
        return false;
    const auto *encoding = reinterpret_cast<const unsigned char *>(raw.data());
    return !isNonCanonicalEd25519(encoding) && !isSmallOrderEd25519(encoding);
}

bool isAcceptablePublicKey(EVP_PKEY *key) {
    switch (publicKeyKind(key)) {
    case KeyKind::Ed25519: {
        unsigned char raw[32];
        size_t length = sizeof raw;
        return EVP_PKEY_get_raw_public_key(key, raw, &length) == 1 && length == sizeof raw &&
               isAcceptableEd25519PublicKey(
                   QByteArrayView(reinterpret_cast<const char *>(raw), qsizetype(length)));
    }
    case KeyKind::P256: {
        std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>> ctx(
            EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
        const bool ok = ctx && EVP_PKEY_public_check(ctx.get()) == 1;
        takeOpenSslErrors();
        return ok;
    }
    case KeyKind::Unsupported:
        break;
    }
    return true; // not a protocol key type: the algorithm check refuses it
}

bool coseKeyIsAcceptable(const QCborMap &coseKey) {
    if (coseKey.value(kKty) != QCborValue(kKtyOkp) ||
        coseKey.value(kCrv) != QCborValue(kCrvEd25519))
        return true;
    const QCborValue x = coseKey.value(kX);
    return x.isByteArray() && isAcceptableEd25519PublicKey(x.toByteArray());
}

EvpPkeyPtr publicKeyFromCoseKey(const QCborMap &coseKey) {
    const qint64 kty = coseKey.value(kKty).toInteger(-1);
    const qint64 crv = coseKey.value(kCrv).toInteger(-1);
    const QByteArray x = coseKey.value(kX).toByteArray();
    if (kty == kKtyOkp && crv == kCrvEd25519 && x.size() == 32) {
        return EvpPkeyPtr(EVP_PKEY_new_raw_public_key(
            EVP_PKEY_ED25519, nullptr, reinterpret_cast<const unsigned char *>(x.data()), 32));
    }
    const QByteArray y = coseKey.value(kY).toByteArray();
    if (kty != kKtyEc2 || crv != kCrvP256 || x.size() != 32 || y.size() != 32)
        return nullptr;
    QByteArray point = QByteArray(1, '\x04') + x + y;
    std::unique_ptr<OSSL_PARAM_BLD, OpenSslDeleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>> build(
        OSSL_PARAM_BLD_new());
    if (!build ||
        OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) !=
            1 ||
        OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         static_cast<size_t>(point.size())) != 1) {
        return nullptr;
    }
    std::unique_ptr<OSSL_PARAM, OpenSslDeleter<OSSL_PARAM, OSSL_PARAM_free>> params(
        OSSL_PARAM_BLD_to_param(build.get()));
    std::unique_ptr<EVP_PKEY_CTX, OpenSslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>> ctx(
        EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *key = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        return nullptr;
    }
    return EvpPkeyPtr(key);
}

} // namespace vf::trust
