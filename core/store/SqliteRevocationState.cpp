#include "SqliteRevocationState.h"

#include "SqlSupport.h"

#include <QDateTime>

namespace vf::store {

SqliteRevocationState::SqliteRevocationState(Database &db, QByteArray anchorsFingerprint)
    : m_db(db)
    , m_anchorsFingerprint(std::move(anchorsFingerprint)) {}

std::optional<SqliteRevocationState::Row> SqliteRevocationState::read() const {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("SELECT seq, list FROM revocation_state WHERE id = 1 AND"
                                   " anchors_fingerprint = ?"),
                    nullptr))
        return std::nullopt;
    q.addBindValue(m_anchorsFingerprint);
    if (!execPrepared(q, nullptr) || !q.next())
        return std::nullopt;
    bool ok = false;
    const quint64 seq = q.value(0).toString().toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    return Row{seq, q.value(1).toByteArray()};
}

QByteArray SqliteRevocationState::acceptedList() const {
    const std::optional<Row> row = read();
    return row ? row->list : QByteArray();
}

std::optional<quint64> SqliteRevocationState::highestAcceptedSeq() const {
    const std::optional<Row> row = read();
    return row ? std::optional<quint64>(row->seq) : std::nullopt;
}

bool SqliteRevocationState::recordAccepted(quint64 seq, const QByteArray &listBytes) {
    QSqlDatabase db = m_db.connection();
    SqlTransaction tx(db);
    QString error;
    if (!tx.begin(&error))
        return false;
    const std::optional<Row> current = read();
    if (current && seq < current->seq)
        return false;
    QSqlQuery q(db);
    if (!prepareSql(q,
                    QStringLiteral("INSERT OR REPLACE INTO revocation_state (id,"
                                   " anchors_fingerprint, seq, list, accepted_at)"
                                   " VALUES (1, ?, ?, ?, ?)"),
                    &error))
        return false;
    q.addBindValue(m_anchorsFingerprint);
    q.addBindValue(QString::number(seq));
    q.addBindValue(listBytes);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    if (!execPrepared(q, &error))
        return false;
    return tx.commit(&error);
}

} // namespace vf::store
