#pragma once
// Objects signed by an ownership authority (owner claims §4, revocation lists §7, identity
// tokens §8) share one check: a Veriframe-profile COSE_Sign1 whose x5chain validates to an
// owner-authority root and whose signature verifies with the leaf key. The time part of
// the chain check is left to the caller (validAt(now)) so the rest can be memoised.
#include "CertificateChain.h"
#include "CoseSign1.h"

#include <functional>

namespace vf::trust {

constexpr qint64 kMaxSignedObjectSize = 16 * 1024; // trust.md §2

struct AuthoritySignedObject {
    bool valid = false;
    QString error;
    QByteArray payload;
    ChainValidation chain;
};

// Validates an x5chain against the owner-authority roots; lets the caller serve it from a
// content-keyed memo (all claims of one authority share one chain).
using AuthorityChainValidator = std::function<ChainValidation(const QList<QByteArray> &x5chain)>;

// maxSize: 16 KiB for claims and identity tokens, 4 MiB for revocation lists (§2 v2).
AuthoritySignedObject verifyAuthoritySigned(QByteArrayView bytes, CoseTags tags,
                                            const TrustAnchors &anchors,
                                            const AuthorityChainValidator &validate = {},
                                            qint64 maxSize = kMaxSignedObjectSize);

} // namespace vf::trust
