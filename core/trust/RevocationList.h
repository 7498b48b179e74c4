#pragma once
// The signed revocation list of trust.md §7 and its rollback rule: the highest accepted
// seq is kept (by a RevocationState that the store persists) and a lower one is refused;
// an invalid list is refused and the previous one stays in force.
//
// v2: up to 4 MiB; `devices` may name intermediates; a list under the held seq is accepted
// only with a byte-identical payload (another payload is a conflict, reported by the
// caller); a list issued more than 5 minutes ahead of the clock is refused; revocation is
// stale once the clock passes next + 72 h (issued + 7 days without next). No refusal ever
// turns revocation off: the held list stays in force.
#include "TrustAnchors.h"

#include <QByteArray>
#include <QMutex>
#include <QSet>
#include <memory>
#include <optional>

namespace vf::trust {

constexpr qint64 kMaxRevocationListSize = 4LL * 1024 * 1024; // trust.md §2 v2
constexpr qint64 kMaxRevocationIssuedSkewSeconds = 5 * 60;   // §7 v2
constexpr qint64 kRevocationStaleAfterNextSeconds = 72 * 3600;
constexpr qint64 kRevocationStaleAfterIssuedSeconds = 7 * 24 * 3600;

struct RevocationList {
    quint64 seq = 0;
    qint64 issued = 0;
    std::optional<qint64> next; // when the authority will publish the next list (seconds)
    // SHA-256 of revoked certificates (DER): device leaves and, v2, intermediates.
    QSet<QByteArray> devices;
    QSet<QByteArray> claims; // revoked claim ctis
    QByteArray payload;      // the exact signed payload bytes (the same-seq rule compares them)

    bool revokesDevice(const QByteArray &certificateSha256) const {
        return devices.contains(certificateSha256);
    }
    bool revokesClaim(const QByteArray &cti) const { return claims.contains(cti); }

    // The list is stale once the clock has passed next + 72 h, or issued + 7 days when
    // next is absent (saturating: a far-future next never wraps into the past).
    qint64 staleAfter() const;
    bool staleAt(qint64 nowSeconds) const { return nowSeconds > staleAfter(); }
};

struct RevocationParseResult {
    std::optional<RevocationList> list;
    QString error;
};
// Verifies (authority signature, chain valid at nowSeconds, at most 4 MiB) and parses one
// list. The issued-in-the-future rule is the book's (a stored list is not re-judged by it).
RevocationParseResult verifyRevocationList(QByteArrayView bytes, const TrustAnchors &anchors,
                                           qint64 nowSeconds);

// Where the highest accepted list lives between runs. The store implements it on SQLite.
class RevocationState {
public:
    virtual ~RevocationState() = default;
    // The raw bytes of the highest list accepted so far (empty: none yet).
    virtual QByteArray acceptedList() const = 0;
    virtual std::optional<quint64> highestAcceptedSeq() const = 0;
    virtual bool recordAccepted(quint64 seq, const QByteArray &listBytes) = 0;
};

class InMemoryRevocationState final : public RevocationState {
public:
    QByteArray acceptedList() const override;
    std::optional<quint64> highestAcceptedSeq() const override;
    bool recordAccepted(quint64 seq, const QByteArray &listBytes) override;

private:
    mutable QMutex m_mutex;
    std::optional<quint64> m_seq;
    QByteArray m_bytes;
};

// What the book holds, for diagnostics, the stale banner and the automation log.
struct RevocationStatus {
    bool held = false; // a list has been accepted (or restored) in this run
    quint64 seq = 0;
    qint64 issued = 0;
    std::optional<qint64> next;
    qint64 staleAfter = 0; // meaningful when held
    // No list held counts as stale: revocation is then as unknown as with an old list.
    bool stale = true;
};

// The list in force, thread-safe; every accepted list starts a new epoch for memo keys.
class RevocationBook {
public:
    enum class Outcome {
        Accepted,
        Unchanged,        // the held seq with the same payload bytes
        RejectedInvalid,  // does not verify, over 4 MiB, issued in the future...
        RejectedRollback, // a lower seq than the held one
        RejectedConflict, // v2: the held seq with another payload (report revocation_conflict)
    };
    struct Update {
        Outcome outcome;
        QString detail;
        quint64 seq = 0;
        // RejectedConflict: the SHA-256 of the refused list's payload (observed_sha256 of
        // the revocation_conflict report, cloud-api.md §5 v2).
        QByteArray payloadSha256;
    };

    explicit RevocationBook(RevocationState *state);
    // Reloads the persisted list (verified again: anchors may have changed).
    void restore(const TrustAnchors &anchors, qint64 nowSeconds);
    Update offer(const QByteArray &listBytes, const TrustAnchors &anchors, qint64 nowSeconds);

    std::shared_ptr<const RevocationList> current() const;
    quint64 epoch() const;
    RevocationStatus status(qint64 nowSeconds) const;

private:
    QByteArray heldPayload() const;

    RevocationState *m_state;
    mutable QMutex m_mutex;
    std::shared_ptr<const RevocationList> m_current;
    bool m_held = false;
    quint64 m_epoch = 0;
};

} // namespace vf::trust
