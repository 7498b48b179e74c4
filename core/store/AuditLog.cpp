#include "AuditLog.h"

#include "SqlSupport.h"
#include "Verdict.h"

namespace vf::store {

namespace {
QVariant textOrNull(const QString &s) {
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}
QString hex(const QByteArray &bytes) {
    return QString::fromLatin1(bytes.toHex());
}
} // namespace

AuditEntry AuditEntry::fromRefusal(const QString &account, const QString &eventId,
                                   const QString &deviceId, vf::trust::MediaRole role,
                                   const vf::trust::Verdict &verdict, qint64 timeMs) {
    AuditEntry e;
    e.timeMs = timeMs;
    e.account = account;
    e.eventId = eventId;
    e.deviceId = deviceId;
    e.role = vf::trust::mediaRoleName(role);
    e.reason = vf::trust::reasonCode(verdict.reason);
    e.detail = verdict.detail;
    e.observedSha256 = hex(verdict.evidence.observedSha256);
    if (verdict.evidence.attestedMedia)
        e.attestedSha256 = hex(verdict.evidence.attestedMedia->sha256);
    e.claimCti = hex(verdict.evidence.claimCti);
    e.attestedDevice = verdict.evidence.attestedDeviceId;
    return e;
}

AuditLog::AuditLog(Database &db)
    : m_db(db) {}

qint64 AuditLog::append(const AuditEntry &e, QString *error) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("INSERT INTO audit (time_ms, account, event_id, device_id, role,"
                                   " reason, detail, observed_sha256, attested_sha256, claim_cti,"
                                   " attested_device) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                    error))
        return 0;
    q.addBindValue(e.timeMs);
    q.addBindValue(sqlText(e.account));
    q.addBindValue(sqlText(e.eventId));
    q.addBindValue(sqlText(e.deviceId));
    q.addBindValue(sqlText(e.role));
    q.addBindValue(sqlText(e.reason));
    q.addBindValue(sqlText(e.detail));
    q.addBindValue(textOrNull(e.observedSha256));
    q.addBindValue(textOrNull(e.attestedSha256));
    q.addBindValue(textOrNull(e.claimCti));
    q.addBindValue(textOrNull(e.attestedDevice));
    if (!execPrepared(q, error))
        return 0;
    return q.lastInsertId().toLongLong();
}

QList<AuditEntry> AuditLog::list(const QString &account, const AuditFilter &filter) {
    QString where = QStringLiteral("account = ?");
    QVariantList values{account};
    if (!filter.eventId.isEmpty()) {
        where += QStringLiteral(" AND event_id = ?");
        values.append(filter.eventId);
    }
    if (!filter.deviceId.isEmpty()) {
        where += QStringLiteral(" AND device_id = ?");
        values.append(filter.deviceId);
    }
    if (!filter.reason.isEmpty()) {
        where += QStringLiteral(" AND reason = ?");
        values.append(filter.reason);
    }
    if (filter.sinceMs) {
        where += QStringLiteral(" AND time_ms >= ?");
        values.append(*filter.sinceMs);
    }
    QList<AuditEntry> entries;
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("SELECT id, time_ms, account, event_id, device_id, role, reason,"
                                   " detail, observed_sha256, attested_sha256, claim_cti,"
                                   " attested_device FROM audit WHERE %1"
                                   " ORDER BY time_ms DESC, id DESC LIMIT ?")
                        .arg(where),
                    nullptr))
        return entries;
    for (const QVariant &v : std::as_const(values))
        q.addBindValue(v);
    q.addBindValue(filter.limit);
    if (!execPrepared(q, nullptr))
        return entries;
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.timeMs = q.value(1).toLongLong();
        e.account = q.value(2).toString();
        e.eventId = q.value(3).toString();
        e.deviceId = q.value(4).toString();
        e.role = q.value(5).toString();
        e.reason = q.value(6).toString();
        e.detail = q.value(7).toString();
        e.observedSha256 = q.value(8).toString();
        e.attestedSha256 = q.value(9).toString();
        e.claimCti = q.value(10).toString();
        e.attestedDevice = q.value(11).toString();
        entries.append(e);
    }
    return entries;
}

int AuditLog::count(const QString &account) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, QStringLiteral("SELECT COUNT(*) FROM audit WHERE account = ?"), nullptr))
        return -1;
    q.addBindValue(account);
    return execPrepared(q, nullptr) && q.next() ? q.value(0).toInt() : -1;
}

bool AuditLog::wipeAccount(const QString &account, QString *error) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, QStringLiteral("DELETE FROM audit WHERE account = ?"), error))
        return false;
    q.addBindValue(account);
    return execPrepared(q, error);
}

} // namespace vf::store
