#pragma once
// The two key types of the protocol (trust.md §1) and their COSE_Key form (§4 cnf).
#include "OpenSsl.h"

#include <QCborMap>

namespace vf::trust {

enum class KeyKind { Unsupported, P256, Ed25519 };

KeyKind publicKeyKind(EVP_PKEY *key);
QString keyKindName(KeyKind kind); // "P-256", "Ed25519", "unsupported"

// alg -7 needs a P-256 key and -8 an Ed25519 key (§6 check 2).
bool publicKeyMatchesAlgorithm(EVP_PKEY *key, qint64 alg);

// P-256: x and y, 32 bytes each, big-endian. Ed25519: x is the 32-byte key, y empty.
struct RawPublicKey {
    KeyKind kind = KeyKind::Unsupported;
    QByteArray x;
    QByteArray y;
};
RawPublicKey rawPublicKey(EVP_PKEY *key);

// cnf comparison (§4): EC2 by kty, crv, x and y; OKP by kty, crv and x.
bool coseKeyMatches(const QCborMap &coseKey, EVP_PKEY *key);
// The same with the key already exported (exporting an EC point costs a field inversion).
bool coseKeyMatches(const QCborMap &coseKey, const RawPublicKey &raw);

// trust.md §3 v2: an Ed25519 public key must be the canonical encoding (y < 2^255 - 19) of
// a point of large prime order. The small-order points (the identity and the points of
// order 2, 4 and 8), for which a signature such as R = identity, S = 0 verifies without any
// private key, are refused by comparison with their fixed encodings, sign bit ignored
// (libsodium's list; OpenSSL has no point-order API for Ed25519). Not 32 bytes: refused.
bool isAcceptableEd25519PublicKey(QByteArrayView raw);
// A key a certificate may carry: Ed25519 as above; P-256 through OpenSSL's public-key
// check (on the curve, not the point at infinity, of the group's order); anything else
// is left to the algorithm check.
bool isAcceptablePublicKey(EVP_PKEY *key);

// A cnf COSE_Key that does not carry a weak key: an OKP Ed25519 x is held to
// isAcceptableEd25519PublicKey; other keys are left to the comparison with the leaf.
bool coseKeyIsAcceptable(const QCborMap &coseKey);

// A public key from a COSE_Key (EC2 P-256 or OKP Ed25519); nullptr otherwise.
EvpPkeyPtr publicKeyFromCoseKey(const QCborMap &coseKey);

} // namespace vf::trust
