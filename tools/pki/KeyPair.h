#pragma once

#include "OpenSslHandles.h"

#include <QByteArray>
#include <QCborMap>

namespace vf::pki {

// The two signature algorithms trust.md §1 allows for cameras and authorities.
enum class KeyType { P256, Ed25519 };

// A private signing key (P-256 or Ed25519). Copies share the one EVP_PKEY (reference counted),
// so a key can sit in several identities without being duplicated in memory.
// Failures never throw: they give a null KeyPair or an empty QByteArray and a qWarning.
class KeyPair {
public:
    KeyPair() = default;
    KeyPair(const KeyPair &other);
    KeyPair &operator=(const KeyPair &other);
    KeyPair(KeyPair &&) noexcept = default;
    KeyPair &operator=(KeyPair &&) noexcept = default;
    ~KeyPair() = default;

    static KeyPair generate(KeyType type);
    // A public key alone, as encoded (Ed25519: the 32 raw bytes; P-256: a SEC1 point, where
    // the single byte 00 is the point at infinity), taken as OpenSSL takes it, unchecked: a
    // subject key for certificates of attack tests, such as the weak keys trust.md §3 v2
    // refuses. It cannot sign (sign() gives an empty result). Null when OpenSSL refuses it.
    static KeyPair publicOnly(KeyType type, const QByteArray &encoded);
    // PKCS#8 or traditional PEM; null when the PEM is bad or the key is not P-256/Ed25519.
    static KeyPair fromPrivatePem(const QByteArray &pem);

    bool isNull() const { return !m_key; }
    KeyType type() const { return m_type; }
    EVP_PKEY *get() const { return m_key.get(); }

    QByteArray privatePem() const; // unencrypted PKCS#8
    QByteArray publicPem() const;  // SubjectPublicKeyInfo
    // The SubjectPublicKeyInfo as DER: SHA-256 of it is the key's SPKI pin (RFC 7469), the
    // same bytes a certificate for this key carries as its subjectPublicKeyInfo.
    QByteArray publicDer() const;

    // P-256: 65 bytes 0x04 || x || y; Ed25519: the 32-byte public key.
    QByteArray rawPublicKey() const;
    // RFC 8152 COSE_Key with integer labels, as carried in a claim's cnf (trust.md §4).
    QCborMap coseKey() const;
    // -7 (ES256) or -8 (EdDSA).
    int coseAlg() const;

    // The COSE signature over message: ES256 as 64-byte r || s, Ed25519 as 64 bytes.
    QByteArray sign(const QByteArray &message) const;
    // ES256 in the X.509/DER form a COSE verifier must refuse (attack tests). Ed25519 has no
    // DER form, so this equals sign() for Ed25519 keys.
    QByteArray signDer(const QByteArray &message) const;

private:
    KeyPair(EvpPkeyPtr key, KeyType type);

    EvpPkeyPtr m_key;
    KeyType m_type = KeyType::P256;
};

} // namespace vf::pki
