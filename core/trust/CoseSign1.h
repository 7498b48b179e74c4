#pragma once
// COSE_Sign1 (RFC 9052 §4.2) in two layers:
//  - decodeCoseSign1(): the generic structure, which the public COSE test vectors exercise;
//  - VeriframeProfile: the stricter rules of trust.md §2 that every signed object of the
//    protocol must follow (protected-only alg and x5chain, no crit, no detached payload).
#include "OpenSsl.h"

#include <QByteArray>
#include <QCborMap>
#include <QList>
#include <optional>

namespace vf::trust {

namespace CoseLabel {
constexpr int Alg = 1;
constexpr int Crit = 2;
constexpr int X5Chain = 33;
} // namespace CoseLabel

namespace CoseAlg {
constexpr int ES256 = -7;
constexpr int EdDSA = -8;
} // namespace CoseAlg

enum class CoseTags {
    Sign1,      // untagged or tag 18
    Sign1OrCwt, // also 61(18(...)), for CWTs (owner claims, identity)
};

struct CoseSign1 {
    QByteArray protectedBytes; // exactly as received: the signature covers these bytes
    QCborMap protectedHeader;
    QCborMap unprotectedHeader;
    QByteArray payload;
    QByteArray signature;
};

struct CoseDecodeResult {
    std::optional<CoseSign1> message;
    QString error;
};

CoseDecodeResult decodeCoseSign1(QByteArrayView bytes, CoseTags tags);

// ["Signature1", protected, external_aad, payload] as a definite-length CBOR array.
QByteArray sigStructure(const QByteArray &protectedBytes, const QByteArray &payload,
                        QByteArrayView externalAad = {});

// The algorithm of the generic layer: protected label 1, else unprotected label 1
// (the profile forbids the latter). Empty when absent or not an integer.
std::optional<qint64> headerAlgorithm(const CoseSign1 &message);

// Verifies the signature with key, for alg -7 (64-byte r||s, SHA-256) or -8 (Ed25519).
// Any other alg, a key of another type, or a signature of another length fails.
bool verifyCoseSignature(const CoseSign1 &message, EVP_PKEY *key, qint64 alg,
                         QByteArrayView externalAad = {});

// trust.md §2 applied to a decoded message.
struct ProfileHeaders {
    QCborValue alg;            // the protected label 1 value, any type
    QList<QByteArray> x5chain; // DER certificates, leaf first
};
struct ProfileResult {
    std::optional<ProfileHeaders> headers;
    QString error; // a malformed header: why
};
ProfileResult checkVeriframeProfile(const CoseSign1 &message);

} // namespace vf::trust
