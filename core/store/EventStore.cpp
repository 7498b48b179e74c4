#include "EventStore.h"

#include "SqlSupport.h"

#include <QDateTime>

namespace vf::store {

namespace {

const char kColumns[] =
    "id, device_id, device_name, kind, ts, duration_ms, attestation, claim,"
    " thumbnail_url, clip_url, state, reason, role, thumbnail_sha256, dismissed";

StoredEvent eventFromRow(const QSqlQuery &q) {
    StoredEvent e;
    e.id = q.value(0).toString();
    e.deviceId = q.value(1).toString();
    e.deviceName = q.value(2).toString();
    e.kind = q.value(3).toString();
    e.timestampMs = q.value(4).toLongLong();
    e.durationMs = q.value(5).toLongLong();
    e.attestation = q.value(6).toByteArray();
    e.claim = q.value(7).toByteArray();
    e.thumbnailUrl = q.value(8).toString();
    e.clipUrl = q.value(9).toString();
    e.state = static_cast<VerificationState>(q.value(10).toInt());
    e.reason = q.value(11).toString();
    e.role = q.value(12).toString();
    e.thumbnailSha256 = QByteArray::fromHex(q.value(13).toString().toLatin1());
    e.dismissed = q.value(14).toBool();
    return e;
}

// The WHERE clause of a filter, with its values in bind order after the account.
struct FilterSql {
    QString where;
    QVariantList values;
};

FilterSql filterSql(const QString &account, const EventFilter &filter) {
    FilterSql f{QStringLiteral("account = ?"), {account}};
    if (!filter.deviceId.isEmpty()) {
        f.where += QStringLiteral(" AND device_id = ?");
        f.values.append(filter.deviceId);
    }
    if (!filter.kind.isEmpty()) {
        f.where += QStringLiteral(" AND kind = ?");
        f.values.append(filter.kind);
    }
    if (filter.sinceMs) {
        f.where += QStringLiteral(" AND ts >= ?");
        f.values.append(*filter.sinceMs);
    }
    if (filter.untilMs) {
        f.where += QStringLiteral(" AND ts < ?");
        f.values.append(*filter.untilMs);
    }
    if (filter.refusedOnly) {
        f.where += QStringLiteral(" AND state = ?");
        f.values.append(int(VerificationState::Refused));
    }
    // A refused entry's device, label and time are the cloud's word about a foreign item:
    // a camera, label or day filter never matches it (so it cannot tell which camera or
    // day a foreign item claimed). Blocked items show unfiltered and under "Blocked only".
    if (!filter.deviceId.isEmpty() || !filter.kind.isEmpty() || filter.sinceMs || filter.untilMs) {
        f.where += QStringLiteral(" AND state != ?");
        f.values.append(int(VerificationState::Refused));
    }
    if (!filter.includeDismissed)
        f.where += QStringLiteral(" AND dismissed = 0");
    return f;
}

} // namespace

EventStore::EventStore(Database &db)
    : m_db(db) {}

bool EventStore::upsert(const QString &account, const StoredEvent &e, QString *error) {
    QSqlQuery q(m_db.connection());
    // `IS` compares BLOBs and NULLs alike: new signed bytes reset the verification.
    if (!prepareSql(
            q,
            QStringLiteral(
                "INSERT INTO events (account, id, device_id, device_name, kind, ts, duration_ms,"
                " attestation, claim, thumbnail_url, clip_url, state, reason, role,"
                " thumbnail_sha256, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', '', NULL, ?)"
                " ON CONFLICT (account, id, device_id) DO UPDATE SET"
                " device_name = excluded.device_name,"
                " kind = excluded.kind, ts = excluded.ts, duration_ms = excluded.duration_ms,"
                " thumbnail_url = excluded.thumbnail_url, clip_url = excluded.clip_url,"
                " updated_at = excluded.updated_at,"
                " state = CASE WHEN attestation IS excluded.attestation AND claim IS"
                "  excluded.claim THEN state ELSE 0 END,"
                " reason = CASE WHEN attestation IS excluded.attestation AND claim IS"
                "  excluded.claim THEN reason ELSE '' END,"
                " role = CASE WHEN attestation IS excluded.attestation AND claim IS"
                "  excluded.claim THEN role ELSE '' END,"
                " thumbnail_sha256 = CASE WHEN attestation IS excluded.attestation AND claim IS"
                "  excluded.claim THEN thumbnail_sha256 ELSE NULL END,"
                " attestation = excluded.attestation, claim = excluded.claim"),
            error))
        return false;
    q.addBindValue(sqlText(account));
    q.addBindValue(sqlText(e.id));
    q.addBindValue(sqlText(e.deviceId));
    q.addBindValue(sqlText(e.deviceName));
    q.addBindValue(sqlText(e.kind));
    q.addBindValue(e.timestampMs);
    q.addBindValue(e.durationMs);
    q.addBindValue(e.attestation.isNull() ? QVariant(QMetaType::fromType<QByteArray>())
                                          : QVariant(e.attestation));
    q.addBindValue(e.claim.isNull() ? QVariant(QMetaType::fromType<QByteArray>())
                                    : QVariant(e.claim));
    q.addBindValue(sqlText(e.thumbnailUrl));
    q.addBindValue(sqlText(e.clipUrl));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return execPrepared(q, error);
}

bool EventStore::setVerification(const QString &account, const EventKey &key,
                                 VerificationState state, const QString &reason,
                                 const QString &role, const QByteArray &thumbnailSha256,
                                 QString *error) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("UPDATE events SET state = ?, reason = ?, role = ?,"
                                   " thumbnail_sha256 = ? WHERE account = ? AND id = ?"
                                   " AND device_id = ?"),
                    error))
        return false;
    q.addBindValue(int(state));
    q.addBindValue(sqlText(reason));
    q.addBindValue(sqlText(role));
    q.addBindValue(thumbnailSha256.isEmpty()
                       ? QVariant(QMetaType::fromType<QString>())
                       : QVariant(QString::fromLatin1(thumbnailSha256.toHex())));
    q.addBindValue(sqlText(account));
    q.addBindValue(sqlText(key.eventId));
    q.addBindValue(sqlText(key.deviceId));
    if (!execPrepared(q, error))
        return false;
    if (q.numRowsAffected() != 1) {
        setError(error, QStringLiteral("no event %1 of device %2 for this account")
                            .arg(key.eventId, key.deviceId));
        return false;
    }
    return true;
}

bool EventStore::setDismissed(const QString &account, const EventKey &key, bool dismissed,
                              QString *error) {
    QSqlQuery q(m_db.connection());
    // Only a blocked item can be dismissed: a verified event is removed by other means.
    if (!prepareSql(q,
                    QStringLiteral("UPDATE events SET dismissed = ? WHERE account = ? AND id = ?"
                                   " AND device_id = ? AND state = ?"),
                    error))
        return false;
    q.addBindValue(dismissed ? 1 : 0);
    q.addBindValue(sqlText(account));
    q.addBindValue(sqlText(key.eventId));
    q.addBindValue(sqlText(key.deviceId));
    q.addBindValue(int(VerificationState::Refused));
    if (!execPrepared(q, error))
        return false;
    if (q.numRowsAffected() != 1) {
        setError(error, QStringLiteral("no blocked event %1 of device %2 for this account")
                            .arg(key.eventId, key.deviceId));
        return false;
    }
    return true;
}

std::optional<StoredEvent> EventStore::find(const QString &account, const EventKey &key) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("SELECT %1 FROM events WHERE account = ? AND id = ?"
                                   " AND device_id = ?")
                        .arg(QLatin1String(kColumns)),
                    nullptr))
        return std::nullopt;
    q.addBindValue(sqlText(account));
    q.addBindValue(sqlText(key.eventId));
    q.addBindValue(sqlText(key.deviceId));
    if (!execPrepared(q, nullptr) || !q.next())
        return std::nullopt;
    return eventFromRow(q);
}

QList<StoredEvent> EventStore::findAllWithId(const QString &account, const QString &eventId) {
    QList<StoredEvent> events;
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("SELECT %1 FROM events WHERE account = ? AND id = ?"
                                   " ORDER BY device_id")
                        .arg(QLatin1String(kColumns)),
                    nullptr))
        return events;
    q.addBindValue(sqlText(account));
    q.addBindValue(sqlText(eventId));
    if (!execPrepared(q, nullptr))
        return events;
    while (q.next())
        events.append(eventFromRow(q));
    return events;
}

QList<StoredEvent> EventStore::page(const QString &account, const EventFilter &filter,
                                    const std::optional<EventCursor> &after, int limit) {
    FilterSql f = filterSql(account, filter);
    if (after) {
        // Keyset paging: stable while new events arrive at the top.
        f.where +=
            QStringLiteral(" AND (ts < ? OR (ts = ? AND (id > ? OR (id = ? AND device_id > ?))))");
        f.values << after->timestampMs << after->timestampMs << after->id << after->id
                 << after->deviceId;
    }
    QSqlQuery q(m_db.connection());
    QList<StoredEvent> events;
    if (!prepareSql(q,
                    QStringLiteral("SELECT %1 FROM events WHERE %2"
                                   " ORDER BY ts DESC, id ASC, device_id ASC LIMIT ?")
                        .arg(QLatin1String(kColumns), f.where),
                    nullptr))
        return events;
    for (const QVariant &v : std::as_const(f.values))
        q.addBindValue(v);
    q.addBindValue(std::max(0, limit));
    if (!execPrepared(q, nullptr))
        return events;
    while (q.next())
        events.append(eventFromRow(q));
    return events;
}

QList<TimelinePoint> EventStore::timeline(const QString &account, const EventFilter &filter) {
    const FilterSql f = filterSql(account, filter);
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    QList<TimelinePoint> points;
    if (!prepareSql(
            q, QStringLiteral("SELECT ts, state FROM events WHERE %1 ORDER BY ts ASC").arg(f.where),
            nullptr))
        return points;
    for (const QVariant &v : f.values)
        q.addBindValue(v);
    if (!execPrepared(q, nullptr))
        return points;
    while (q.next())
        points.append(
            {q.value(0).toLongLong(), static_cast<VerificationState>(q.value(1).toInt())});
    return points;
}

QList<DayCount> EventStore::perDayCounts(const QString &account, const EventFilter &filter,
                                         int utcOffsetSeconds) {
    const FilterSql f = filterSql(account, filter);
    QSqlQuery q(m_db.connection());
    QList<DayCount> days;
    if (!prepareSql(q,
                    QStringLiteral("SELECT date(ts / 1000 + ?, 'unixepoch') AS day, COUNT(*)"
                                   " FROM events WHERE %1 GROUP BY day ORDER BY day DESC")
                        .arg(f.where),
                    nullptr))
        return days;
    q.addBindValue(utcOffsetSeconds);
    for (const QVariant &v : f.values)
        q.addBindValue(v);
    if (!execPrepared(q, nullptr))
        return days;
    while (q.next())
        days.append({QDate::fromString(q.value(0).toString(), Qt::ISODate), q.value(1).toInt()});
    return days;
}

int EventStore::count(const QString &account) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, QStringLiteral("SELECT COUNT(*) FROM events WHERE account = ?"), nullptr))
        return -1;
    q.addBindValue(sqlText(account));
    return execPrepared(q, nullptr) && q.next() ? q.value(0).toInt() : -1;
}

QList<VerifiedDevice> EventStore::verifiedDevices(const QString &account) {
    QList<VerifiedDevice> devices;
    QSqlQuery q(m_db.connection());
    // SQLite takes the bare column `role` from the row holding MAX(ts): the newest entry's.
    if (!prepareSql(q,
                    QStringLiteral("SELECT device_id, role, MAX(ts), COUNT(*) FROM events"
                                   " WHERE account = ? AND state = ? GROUP BY device_id"
                                   " ORDER BY device_id"),
                    nullptr))
        return devices;
    q.addBindValue(sqlText(account));
    q.addBindValue(int(VerificationState::Verified));
    if (!execPrepared(q, nullptr))
        return devices;
    while (q.next())
        devices.append({q.value(0).toString(), q.value(1).toString(), q.value(3).toInt()});
    return devices;
}

bool EventStore::remove(const QString &account, const EventKey &key, QString *error) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(
            q, QStringLiteral("DELETE FROM events WHERE account = ? AND id = ? AND device_id = ?"),
            error))
        return false;
    q.addBindValue(sqlText(account));
    q.addBindValue(sqlText(key.eventId));
    q.addBindValue(sqlText(key.deviceId));
    return execPrepared(q, error);
}

bool EventStore::wipeAccount(const QString &account, QString *error) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, QStringLiteral("DELETE FROM events WHERE account = ?"), error))
        return false;
    q.addBindValue(sqlText(account));
    return execPrepared(q, error);
}

} // namespace vf::store
