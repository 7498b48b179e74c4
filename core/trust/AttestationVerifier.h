#pragma once
// The verifier of trust.md §6: fifteen checks in order, the first that fails names the
// refusal. It is thread-safe (workers share one instance) and keeps no per-user state.
#include "AttestationPayload.h"
#include "RevocationList.h"
#include "TrustAnchors.h"
#include "Verdict.h"
#include "VerificationMemo.h"

#include <QByteArrayView>
#include <QMutex>
#include <atomic>
#include <memory>
#include <optional>

namespace vf::trust {

struct VerificationRequest {
    // The listing entry E, as the cloud sent it.
    QString eventId;
    QString deviceId;
    QByteArray attestation;
    QByteArray claim; // empty: the entry carries no claim
    MediaRole role = MediaRole::Thumbnail;
    // The media bytes B. Null for a clip about to be streamed: check 8 then only requires
    // a media map for the role, and ClipStreamVerifier checks the bytes as they arrive.
    const QByteArray *media = nullptr;
    QString userId; // U, from the verified identity token
    qint64 nowMs = 0;
};

class AttestationVerifier {
public:
    static constexpr qint64 kMaxClockSkewMs = 5 * 60 * 1000;

    // memo may be null (no memoisation); it must outlive the verifier.
    explicit AttestationVerifier(std::shared_ptr<const TrustAnchors> anchors,
                                 VerificationMemo *memo = nullptr);

    // The revocation list in force; epoch changes whenever the list does.
    void setRevocations(std::shared_ptr<const RevocationList> list, quint64 epoch);

    // With request.media set: verified() means the bytes may be decoded for request.userId.
    // Without: authorisedForStream() means every check but the bytes passed.
    // With a memo and media bytes, a verdict held for the same content (VerificationMemo::
    // verdictKey) serves what content alone decided; the rest runs again (HeldVerdict).
    Verdict verify(const VerificationRequest &request) const;

    std::shared_ptr<const TrustAnchors> anchors() const { return m_anchors; }
    VerificationMemo *memo() const { return m_memo; }

    // How many attestation signatures (check 5) this verifier has checked: a display served
    // from a held verdict adds none. For tests and diagnostics.
    quint64 attestationSignatureChecks() const { return m_signatureChecks.load(); }

private:
    struct Snapshot {
        std::shared_ptr<const RevocationList> revocations;
        quint64 revocationEpoch = 0;
    };
    Snapshot snapshot() const;
    // All fifteen checks. observedSha256: the media bytes' SHA-256 when already computed.
    // held, when not null, receives what a held verdict keeps (filled only when verified).
    Verdict verifyInFull(const VerificationRequest &request, const Snapshot &state,
                         const QByteArray &observedSha256, HeldVerdict *held) const;
    // The held verdict with the request-, clock- and list-dependent checks run again; empty
    // when one of them refuses other than the owner check (the full path then names it).
    std::optional<Verdict> fromHeld(const HeldVerdict &held, const VerificationRequest &request,
                                    const Snapshot &state) const;
    std::shared_ptr<const ChainValidation> deviceChain(const QList<QByteArray> &x5chain,
                                                       const Snapshot &s) const;
    std::shared_ptr<const CheckedClaim> checkedClaim(const QByteArray &claimBytes,
                                                     const Snapshot &s) const;

    std::shared_ptr<const TrustAnchors> m_anchors;
    VerificationMemo *m_memo;
    mutable QMutex m_mutex;
    Snapshot m_snapshot;
    mutable std::atomic<quint64> m_signatureChecks{0};
};

} // namespace vf::trust
