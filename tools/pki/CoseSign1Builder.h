#pragma once

#include "KeyPair.h"

#include <QByteArray>
#include <QCborMap>
#include <QCborValue>
#include <QList>

#include <optional>

namespace vf::pki {

// How signCoseSign1 lays out the object. The defaults give exactly the profile of trust.md §2;
// every other setting breaks one rule on purpose, for the verifier's attack tests.
struct Sign1Options {
    // Default key.coseAlg(); lets a test claim -8 with a P-256 key etc.
    std::optional<int> alg;
    // If not undefined, put this value (e.g. a text "ES256" or -999) as label 1 instead.
    QCborValue algOverride;
    bool omitAlg = false;
    // Move label 1 to the unprotected map.
    bool algInUnprotected = false;
    // Move label 33 to the unprotected map.
    bool x5chainInUnprotected = false;
    // Array of bstr even with one cert; false: a single bstr (the first certificate only).
    bool x5chainAsArray = true;
    bool omitX5chain = false;
    // Label 2 (crit) = [3] in the protected map.
    bool addCrit = false;
    // Payload nil (the signature still covers the payload).
    bool detachedPayload = false;
    // ES256 signature left in DER form (no effect with Ed25519).
    bool derSignature = false;
    enum class Tag { None, Cose18, Cwt61Cose18 } tag = Tag::Cose18;
    // More protected labels, inserted after 1 and 33 (an existing label is replaced in place).
    QCborMap extraProtected;
    // The unprotected map content.
    QCborMap unprotected;
    // Put these bytes as the signature instead of signing (forgery tests: R = identity,
    // S = 0 under a small-order key); the key may then be public-only.
    std::optional<QByteArray> signatureOverride;
};

// COSE_Sign1 (RFC 9052 §4.2) over payload, signed with key, with x5chainDer (leaf first) as
// label 33. x5chainAsArray = false with several certificates puts only the first one.
// Returns an empty QByteArray when signing fails (null key).
QByteArray signCoseSign1(const QByteArray &payload, const KeyPair &key,
                         const QList<QByteArray> &x5chainDer, const Sign1Options &opts = {});

// The bytes a COSE_Sign1 signature covers:
// ["Signature1", protected, external_aad, payload] as a definite-length CBOR array.
QByteArray sigStructure(const QByteArray &protectedBytes, const QByteArray &payload,
                        const QByteArray &externalAad = {});

} // namespace vf::pki
