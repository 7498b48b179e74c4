#pragma once
// The signed revocation list of trust.md §7 and its rollback rule: the highest accepted
// seq is kept (by a RevocationState that the store persists) and a lower one is refused;
// an invalid list is refused and the previous one stays in force.
#include "TrustAnchors.h"

#include <QByteArray>
#include <QMutex>
#include <QSet>
#include <memory>
#include <optional>

namespace vf::trust {

struct RevocationList {
    quint64 seq = 0;
    qint64 issued = 0;
    QSet<QByteArray> devices; // SHA-256 of revoked device leaf certificates (DER)
    QSet<QByteArray> claims;  // revoked claim ctis

    bool revokesDevice(const QByteArray &leafSha256) const { return devices.contains(leafSha256); }
    bool revokesClaim(const QByteArray &cti) const { return claims.contains(cti); }
};

struct RevocationParseResult {
    std::optional<RevocationList> list;
    QString error;
};
// Verifies (authority signature, chain valid at nowSeconds) and parses one list.
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

// The list in force, thread-safe; every accepted list starts a new epoch for memo keys.
class RevocationBook {
public:
    enum class Outcome { Accepted, Unchanged, RejectedInvalid, RejectedRollback };
    struct Update {
        Outcome outcome;
        QString detail;
        quint64 seq = 0;
    };

    explicit RevocationBook(RevocationState *state);
    // Reloads the persisted list (verified again: anchors may have changed).
    void restore(const TrustAnchors &anchors, qint64 nowSeconds);
    Update offer(const QByteArray &listBytes, const TrustAnchors &anchors, qint64 nowSeconds);

    std::shared_ptr<const RevocationList> current() const;
    quint64 epoch() const;

private:
    RevocationState *m_state;
    mutable QMutex m_mutex;
    std::shared_ptr<const RevocationList> m_current;
    quint64 m_epoch = 0;
};

} // namespace vf::trust
