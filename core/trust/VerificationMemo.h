#pragma once
// Memoisation by content only (trust.md §6, the rule the incident taught): a result is
// stored under the SHA-256 of the exact bytes it was computed from plus the epochs of the
// trust anchors and the revocation list, never under an event, device or user ID.
// The owner check (C.sub against the signed-in user) is never memoised: it is not here.
#include "CertificateChain.h"
#include "CwtClaims.h"
#include "SignedObject.h"
#include "Verdict.h"

#include "BoundedMemo.h"

#include <memory>

namespace vf::trust {

// A claim checked for everything that does not depend on the clock, the event or the user.
struct CheckedClaim {
    AuthoritySignedObject signature; // chain validated without time, signature verified
    std::optional<OwnerClaim> claim; // parsed when the signature is valid
    QString error;                   // why the claim is untrusted (time not included)
};

// A verdict of all fifteen checks that verified, held so that the next display of the same
// bytes skips what content alone decided (the parse, the chain at the capture time, the
// attestation's signature, the media hash, the claim's signature and bindings, the window
// around the capture time). What depends on the request, the clock or the list in force is
// run again at every use from what is kept here: the listed IDs (6), the clock (7, and the
// authority chain "now" of 10), the revocation lookups (4, 11) and the owner check (15).
struct HeldVerdict {
    Verdict verdict; // as the full run gave it: verified, complete evidence and trace
    std::shared_ptr<const ChainValidation> deviceChain;
    QList<QByteArray> x5chainSha256; // of the x5chain as sent, for the revocation lookup
    std::shared_ptr<const CheckedClaim> claim;
};

class VerificationMemo {
public:
    explicit VerificationMemo(qsizetype chainCapacity = 4096, qsizetype claimCapacity = 8192,
                              qsizetype verdictCapacity = 2048);

    // Key: SHA-256 of the content, the root set, and both epochs.
    static QByteArray key(const QByteArray &contentSha256, RootSet set, quint64 anchorsEpoch,
                          quint64 revocationEpoch);

    // Key of a held verdict: one SHA-256 over every input of its account- and
    // clock-independent part, each length-prefixed: the full attestation and claim bytes,
    // the SHA-256 of the media bytes, the role and the type it requires, and both epochs.
    // Never an event, device or user ID.
    static QByteArray verdictKey(QByteArrayView attestation, QByteArrayView claim,
                                 const QByteArray &mediaSha256, MediaRole role,
                                 quint64 anchorsEpoch, quint64 revocationEpoch);

    BoundedMemo<ChainValidation> chains;
    BoundedMemo<CheckedClaim> claims;
    BoundedMemo<HeldVerdict> verdicts;

    void clear();
};

} // namespace vf::trust
