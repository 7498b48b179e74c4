#pragma once
// Memoisation by content only (trust.md §6, the rule the incident taught): a result is
// stored under the SHA-256 of the exact bytes it was computed from plus the epochs of the
// trust anchors and the revocation list, never under an event, device or user ID.
// The owner check (C.sub against the signed-in user) is never memoised: it is not here.
#include "CertificateChain.h"
#include "CwtClaims.h"
#include "SignedObject.h"

#include "BoundedMemo.h"

#include <memory>

namespace vf::trust {

// A claim checked for everything that does not depend on the clock, the event or the user.
struct CheckedClaim {
    AuthoritySignedObject signature; // chain validated without time, signature verified
    std::optional<OwnerClaim> claim; // parsed when the signature is valid
    QString error;                   // why the claim is untrusted (time not included)
};

class VerificationMemo {
public:
    explicit VerificationMemo(qsizetype chainCapacity = 4096, qsizetype claimCapacity = 8192);

    // Key: SHA-256 of the content, the root set, and both epochs.
    static QByteArray key(const QByteArray &contentSha256, RootSet set, quint64 anchorsEpoch,
                          quint64 revocationEpoch);

    BoundedMemo<ChainValidation> chains;
    BoundedMemo<CheckedClaim> claims;

    void clear();
};

} // namespace vf::trust
