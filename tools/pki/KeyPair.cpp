#include "KeyPair.h"

#include <QtGlobal>

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <cstring>
#include <optional>

namespace vf::pki {

namespace {

constexpr int kP256CoordinateSize = 32;
constexpr int kCoseAlgEs256 = -7;
constexpr int kCoseAlgEdDsa = -8;

const unsigned char *bytes(const QByteArray &data) {
    return reinterpret_cast<const unsigned char *>(data.constData());
}

// Only P-256 and Ed25519 are part of the protocol; any other key read from a PEM is refused
// here so that a KeyPair can always state its KeyType truthfully.
std::optional<KeyType> detectType(EVP_PKEY *key) {
    if (EVP_PKEY_is_a(key, "ED25519"))
        return KeyType::Ed25519;
    if (EVP_PKEY_is_a(key, "EC")) {
        char group[64] = {};
        size_t length = 0;
        if (EVP_PKEY_get_group_name(key, group, sizeof group, &length) == 1 &&
            (std::strcmp(group, "prime256v1") == 0 || std::strcmp(group, "P-256") == 0))
            return KeyType::P256;
    }
    return std::nullopt;
}

// One EVP_DigestSign call: SHA-256 for ECDSA, no digest (NULL md) for Ed25519, which hashes
// internally and is only defined as a one-shot operation.
QByteArray digestSign(EVP_PKEY *key, const EVP_MD *md, const QByteArray &message) {
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, key) != 1)
        return {};
    size_t length = 0;
    if (EVP_DigestSign(ctx.get(), nullptr, &length, bytes(message), size_t(message.size())) != 1)
        return {};
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       bytes(message), size_t(message.size())) != 1)
        return {};
    signature.truncate(qsizetype(length)); // ECDSA's DER length varies under the maximum
    return signature;
}

// COSE (RFC 9053 §2.1) wants r and s as fixed 32-byte big-endian integers, while OpenSSL
// produces the DER ECDSA-Sig-Value; a short r or s must be left-padded, never just copied.
QByteArray derToRawEcdsa(const QByteArray &der) {
    const unsigned char *p = bytes(der);
    EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, long(der.size())));
    if (!sig)
        return {};
    const BIGNUM *r = nullptr;
    const BIGNUM *s = nullptr;
    ECDSA_SIG_get0(sig.get(), &r, &s);
    QByteArray raw(2 * kP256CoordinateSize, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    if (BN_bn2binpad(r, out, kP256CoordinateSize) != kP256CoordinateSize ||
        BN_bn2binpad(s, out + kP256CoordinateSize, kP256CoordinateSize) != kP256CoordinateSize)
        return {};
    return raw;
}

QByteArray bigNumParam(EVP_PKEY *key, const char *name) {
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    BignumPtr value(raw);
    QByteArray out(kP256CoordinateSize, '\0');
    if (BN_bn2binpad(value.get(), reinterpret_cast<unsigned char *>(out.data()),
                     kP256CoordinateSize) != kP256CoordinateSize)
        return {};
    return out;
}

} // namespace

KeyPair::KeyPair(EvpPkeyPtr key, KeyType type)
    : m_key(std::move(key))
    , m_type(type) {}

KeyPair::KeyPair(const KeyPair &other)
    : m_type(other.m_type) {
    if (other.m_key && EVP_PKEY_up_ref(other.m_key.get()) == 1)
        m_key.reset(other.m_key.get());
}

KeyPair &KeyPair::operator=(const KeyPair &other) {
    if (this != &other)
        *this = KeyPair(other);
    return *this;
}

KeyPair KeyPair::generate(KeyType type) {
    EvpPkeyPtr key(type == KeyType::P256 ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256")
                                         : EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) {
        qWarning("vf::pki: key generation failed: %s", qPrintable(takeOpenSslErrors()));
        return {};
    }
    return KeyPair(std::move(key), type);
}

KeyPair KeyPair::publicOnly(KeyType type, const QByteArray &encoded) {
    EVP_PKEY *key = nullptr;
    if (type == KeyType::Ed25519) {
        if (encoded.size() == 32)
            key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, bytes(encoded), 32);
    } else {
        std::unique_ptr<OSSL_PARAM_BLD, void (*)(OSSL_PARAM_BLD *)> build(OSSL_PARAM_BLD_new(),
                                                                          OSSL_PARAM_BLD_free);
        char group[] = "prime256v1";
        if (build &&
            OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) ==
                1 &&
            OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY,
                                             encoded.constData(), size_t(encoded.size())) == 1) {
            std::unique_ptr<OSSL_PARAM, void (*)(OSSL_PARAM *)> params(
                OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
            std::unique_ptr<EVP_PKEY_CTX, void (*)(EVP_PKEY_CTX *)> ctx(
                EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr), EVP_PKEY_CTX_free);
            if (params && ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1)
                EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get());
        }
    }
    if (!key) {
        takeOpenSslErrors();
        return {};
    }
    return KeyPair(EvpPkeyPtr(key), type);
}

KeyPair KeyPair::fromPrivatePem(const QByteArray &pem) {
    BioPtr bio = readOnlyBio(pem);
    EvpPkeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key) {
        takeOpenSslErrors(); // bad input is an expected outcome here, not a warning
        return {};
    }
    const std::optional<KeyType> type = detectType(key.get());
    if (!type)
        return {};
    return KeyPair(std::move(key), *type);
}

QByteArray KeyPair::privatePem() const {
    if (!m_key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray KeyPair::publicPem() const {
    if (!m_key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), m_key.get()) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray KeyPair::publicDer() const {
    if (!m_key)
        return {};
    const int length = i2d_PUBKEY(m_key.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, Qt::Uninitialized);
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    if (i2d_PUBKEY(m_key.get(), &out) != length)
        return {};
    return der;
}

QByteArray KeyPair::rawPublicKey() const {
    if (!m_key)
        return {};
    if (m_type == KeyType::Ed25519) {
        QByteArray raw(32, '\0');
        size_t length = size_t(raw.size());
        if (EVP_PKEY_get_raw_public_key(m_key.get(), reinterpret_cast<unsigned char *>(raw.data()),
                                        &length) != 1 ||
            length != 32)
            return {};
        return raw;
    }
    // Built from the affine coordinates rather than OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY so the
    // result is uncompressed whatever point format the key was loaded with.
    const QByteArray x = bigNumParam(m_key.get(), OSSL_PKEY_PARAM_EC_PUB_X);
    const QByteArray y = bigNumParam(m_key.get(), OSSL_PKEY_PARAM_EC_PUB_Y);
    if (x.isEmpty() || y.isEmpty())
        return {};
    return QByteArray(1, '\x04') + x + y;
}

QCborMap KeyPair::coseKey() const {
    const QByteArray raw = rawPublicKey();
    if (raw.isEmpty())
        return {};
    QCborMap key;
    if (m_type == KeyType::Ed25519) {
        key.insert(1, 1);  // kty: OKP
        key.insert(-1, 6); // crv: Ed25519
        key.insert(-2, raw);
    } else {
        key.insert(1, 2);  // kty: EC2
        key.insert(-1, 1); // crv: P-256
        key.insert(-2, raw.mid(1, kP256CoordinateSize));
        key.insert(-3, raw.mid(1 + kP256CoordinateSize, kP256CoordinateSize));
    }
    return key;
}

int KeyPair::coseAlg() const {
    return m_type == KeyType::Ed25519 ? kCoseAlgEdDsa : kCoseAlgEs256;
}

QByteArray KeyPair::sign(const QByteArray &message) const {
    if (m_type == KeyType::Ed25519)
        return signDer(message);
    return derToRawEcdsa(signDer(message));
}

QByteArray KeyPair::signDer(const QByteArray &message) const {
    if (!m_key)
        return {};
    const EVP_MD *md = m_type == KeyType::P256 ? EVP_sha256() : nullptr;
    QByteArray signature = digestSign(m_key.get(), md, message);
    if (signature.isEmpty())
        qWarning("vf::pki: signing failed: %s", qPrintable(takeOpenSslErrors()));
    return signature;
}

} // namespace vf::pki
