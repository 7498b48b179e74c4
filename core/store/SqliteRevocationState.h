#pragma once
// The highest accepted revocation list (trust.md §7), kept in outbox.sqlite so it
// survives a rebuilt cache: losing it would let a rolled-back list in again. One row,
// global to the trust anchors; a different anchor set (its fingerprint) starts fresh.
#include "Database.h"
#include "RevocationList.h"

namespace vf::store {

class SqliteRevocationState final : public vf::trust::RevocationState {
public:
    SqliteRevocationState(Database &db, QByteArray anchorsFingerprint);

    QByteArray acceptedList() const override;
    std::optional<quint64> highestAcceptedSeq() const override;
    // Refuses (false) a seq lower than the one stored for these anchors.
    bool recordAccepted(quint64 seq, const QByteArray &listBytes) override;

private:
    struct Row {
        quint64 seq = 0;
        QByteArray list;
    };
    std::optional<Row> read() const;

    Database &m_db;
    QByteArray m_anchorsFingerprint;
};

} // namespace vf::store
