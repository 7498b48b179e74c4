#include "CloudRepository.h"

#include "SplitMix64.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace vf::cloud {

namespace {

const char *const kEntryColumns =
    "e.id, e.device_id, cam.name, e.kind, e.ts, e.duration_ms, e.own_cti, e.attestation,"
    " cl.cwt, EXISTS(SELECT 1 FROM media m WHERE m.event_id = e.id AND m.role = 'clip')";

EventEntry entryFrom(const QSqlQuery &q) {
    EventEntry e;
    e.id = q.value(0).toString();
    e.deviceId = q.value(1).toString();
    e.deviceName = q.value(2).toString();
    e.kind = q.value(3).toString();
    e.ts = q.value(4).toLongLong();
    e.durationMs = q.value(5).toLongLong();
    e.ownCti = q.value(6).toByteArray();
    e.attestation = q.value(7).toByteArray();
    e.claim = q.value(8).toByteArray();
    e.hasClip = q.value(9).toBool();
    return e;
}

bool run(QSqlQuery &q) {
    if (q.exec())
        return true;
    qWarning("veriframe-cloud: query failed: %s", qPrintable(q.lastError().text()));
    return false;
}

// The faults pick "the n-th other row" many times a second under the storm's load, in tables
// of hundreds of thousands of rows: a scan per pick would make the cloud, not the clients,
// the bottleneck. So a few rows are probed by rowid first (deterministic in n); `probe` has
// the rowid as its first placeholder and returns column 0 of the first probe that matches.
// Empty when none did, and the caller falls back to its scan (small worlds, where most rows
// do not qualify).
QVariant probeByRowid(const QSqlDatabase &db, const QString &table, const QString &probe,
                      const QVariantList &binds, quint64 n) {
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT MAX(rowid) FROM ") + table) || !q.next())
        return {};
    const qint64 maxRowid = q.value(0).toLongLong();
    if (maxRowid <= 0)
        return {};
    q.prepare(probe);
    for (quint64 k = 0; k < 8; ++k) {
        q.addBindValue(qint64(1 + vf::camsim::SplitMix64::mix(n + k) % quint64(maxRowid)));
        for (const QVariant &v : binds)
            q.addBindValue(v);
        if (run(q) && q.next())
            return q.value(0);
    }
    return {};
}

} // namespace

CloudRepository::CloudRepository(CloudDatabase &database, QString dataDir)
    : m_db(database)
    , m_dataDir(std::move(dataDir)) {}

std::optional<Account> CloudRepository::accountByName(const QString &username) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT id, username, password_salt, password_hash FROM users WHERE username = ?"));
    q.addBindValue(username);
    if (!run(q) || !q.next())
        return std::nullopt;
    return Account{q.value(0).toString(), q.value(1).toString(), q.value(2).toByteArray(),
                   q.value(3).toByteArray()};
}

std::optional<Account> CloudRepository::accountById(const QString &userId) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral(
        "SELECT id, username, password_salt, password_hash FROM users WHERE id = ?"));
    q.addBindValue(userId);
    if (!run(q) || !q.next())
        return std::nullopt;
    return Account{q.value(0).toString(), q.value(1).toString(), q.value(2).toByteArray(),
                   q.value(3).toByteArray()};
}

QList<DeviceEntry> CloudRepository::devicesFor(const QString &userId, qint64 nowS) const {
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("SELECT DISTINCT cam.id, cam.name, cam.model, cam.online FROM claims cl"
                       " JOIN cameras cam ON cam.id = cl.device_id"
                       " WHERE cl.user_id = ? AND cl.nbf <= ? AND (cl.exp IS NULL OR cl.exp > ?)"
                       " ORDER BY cam.name, cam.id"));
    q.addBindValue(userId);
    q.addBindValue(nowS);
    q.addBindValue(nowS);
    QList<DeviceEntry> out;
    if (!run(q))
        return out;
    while (q.next())
        out << DeviceEntry{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                           q.value(3).toBool()};
    return out;
}

QList<EventEntry> CloudRepository::eventsFor(const QString &userId,
                                             const EventFilter &filter) const {
    QString sql = QStringLiteral("SELECT %1 FROM claims cl"
                                 " JOIN events e ON e.own_cti = cl.unlocks"
                                 " JOIN cameras cam ON cam.id = e.device_id"
                                 " WHERE cl.user_id = :user")
                      .arg(QLatin1String(kEntryColumns));
    if (!filter.device.isEmpty())
        sql += QStringLiteral(" AND e.device_id = :device");
    if (!filter.kind.isEmpty())
        sql += QStringLiteral(" AND e.kind = :kind");
    if (filter.since)
        sql += QStringLiteral(" AND e.ts >= :since");
    if (filter.until)
        sql += QStringLiteral(" AND e.ts < :until");
    if (filter.before)
        sql += QStringLiteral(" AND (e.ts < :bts OR (e.ts = :bts2 AND e.id < :bid))");
    sql += QStringLiteral(" ORDER BY e.ts DESC, e.id DESC LIMIT :limit");
    QSqlQuery q(m_db.connection());
    q.prepare(sql);
    q.bindValue(QStringLiteral(":user"), userId);
    if (!filter.device.isEmpty())
        q.bindValue(QStringLiteral(":device"), filter.device);
    if (!filter.kind.isEmpty())
        q.bindValue(QStringLiteral(":kind"), filter.kind);
    if (filter.since)
        q.bindValue(QStringLiteral(":since"), *filter.since);
    if (filter.until)
        q.bindValue(QStringLiteral(":until"), *filter.until);
    if (filter.before) {
        q.bindValue(QStringLiteral(":bts"), filter.before->first);
        q.bindValue(QStringLiteral(":bts2"), filter.before->first);
        q.bindValue(QStringLiteral(":bid"), filter.before->second);
    }
    q.bindValue(QStringLiteral(":limit"), filter.limit);
    QList<EventEntry> out;
    if (!run(q))
        return out;
    while (q.next())
        out << entryFrom(q);
    return out;
}

bool CloudRepository::canAccess(const QString &userId, const QString &eventId) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT 1 FROM events e JOIN claims cl ON cl.unlocks = e.own_cti"
                             " WHERE e.id = ? AND cl.user_id = ? LIMIT 1"));
    q.addBindValue(eventId);
    q.addBindValue(userId);
    return run(q) && q.next();
}

std::optional<EventEntry> CloudRepository::eventWithOwnerClaim(const QString &eventId) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT %1 FROM events e JOIN claims cl ON cl.cti = e.own_cti"
                             " JOIN cameras cam ON cam.id = e.device_id WHERE e.id = ?")
                  .arg(QLatin1String(kEntryColumns)));
    q.addBindValue(eventId);
    if (!run(q) || !q.next())
        return std::nullopt;
    return entryFrom(q);
}

std::optional<EventEntry> CloudRepository::foreignEvent(const QString &userId, quint64 n) const {
    const QVariant probed =
        probeByRowid(m_db.connection(), QStringLiteral("events"),
                     QStringLiteral("SELECT id FROM events WHERE rowid = ? AND own_cti NOT IN"
                                    " (SELECT unlocks FROM claims WHERE user_id = ?)"),
                     {userId}, n);
    if (probed.isValid())
        return eventWithOwnerClaim(probed.toString());
    QSqlQuery q(m_db.connection());
    const QString notMine = QStringLiteral(
        " FROM events e WHERE e.own_cti NOT IN (SELECT unlocks FROM claims WHERE user_id = ?)");
    q.prepare(QStringLiteral("SELECT COUNT(*)") + notMine);
    q.addBindValue(userId);
    if (!run(q) || !q.next() || q.value(0).toLongLong() == 0)
        return std::nullopt;
    const qint64 count = q.value(0).toLongLong();
    q.prepare(QStringLiteral("SELECT e.id") + notMine +
              QStringLiteral(" ORDER BY e.id LIMIT 1 OFFSET ?"));
    q.addBindValue(userId);
    q.addBindValue(qint64(n % quint64(count)));
    if (!run(q) || !q.next())
        return std::nullopt;
    return eventWithOwnerClaim(q.value(0).toString());
}

QByteArray CloudRepository::claimOfOtherDevice(const QString &deviceId, quint64 n) const {
    const QVariant probed = probeByRowid(
        m_db.connection(), QStringLiteral("claims"),
        QStringLiteral("SELECT cwt FROM claims WHERE rowid = ? AND device_id <> ?"), {deviceId}, n);
    if (probed.isValid())
        return probed.toByteArray();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT cwt FROM claims WHERE device_id <> ? ORDER BY cti"));
    q.addBindValue(deviceId);
    if (!run(q))
        return {};
    QList<QByteArray> all;
    while (q.next())
        all << q.value(0).toByteArray();
    return all.isEmpty() ? QByteArray() : all.at(qsizetype(n % quint64(all.size())));
}

QByteArray CloudRepository::formerOwnerClaim(const QString &deviceId,
                                             const QByteArray &currentCti) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT cwt FROM claims WHERE device_id = ? AND role = 'owner'"
                             " AND cti <> ? AND exp IS NOT NULL ORDER BY exp DESC LIMIT 1"));
    q.addBindValue(deviceId);
    q.addBindValue(currentCti);
    if (!run(q) || !q.next())
        return {};
    return q.value(0).toByteArray();
}

QString CloudRepository::otherEventWithMedia(const QString &eventId, const QString &role,
                                             quint64 n) const {
    const QVariant probed = probeByRowid(
        m_db.connection(), QStringLiteral("media"),
        QStringLiteral("SELECT event_id FROM media WHERE rowid = ? AND role = ? AND event_id <> ?"),
        {role, eventId}, n);
    if (probed.isValid())
        return probed.toString();
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT event_id FROM media WHERE role = ? AND event_id <> ?"
                             " ORDER BY event_id"));
    q.addBindValue(role);
    q.addBindValue(eventId);
    if (!run(q))
        return {};
    QStringList ids;
    while (q.next())
        ids << q.value(0).toString();
    return ids.isEmpty() ? QString() : ids.at(qsizetype(n % quint64(ids.size())));
}

QByteArray CloudRepository::attestationPayload(const QString &eventId) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT payload FROM events WHERE id = ?"));
    q.addBindValue(eventId);
    if (!run(q) || !q.next())
        return {};
    return q.value(0).toByteArray();
}

QString CloudRepository::deviceKeyType(const QString &deviceId) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT key_type FROM cameras WHERE id = ?"));
    q.addBindValue(deviceId);
    if (!run(q) || !q.next())
        return {};
    return q.value(0).toString();
}

std::optional<MediaFile> CloudRepository::media(const QString &eventId, const QString &role) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT file, mime FROM media WHERE event_id = ? AND role = ?"));
    q.addBindValue(eventId);
    q.addBindValue(role);
    if (!run(q) || !q.next())
        return std::nullopt;
    return MediaFile{m_dataDir + u'/' + q.value(0).toString(), q.value(1).toString().toLatin1()};
}

CloudRepository::StoreResult CloudRepository::storeReport(const QString &reportId,
                                                          const QString &userId,
                                                          const QJsonObject &body,
                                                          qint64 nowMs) const {
    QSqlQuery q(m_db.connection());
    // One statement decides stored vs duplicate, so two concurrent retries of the same report
    // cannot both be stored.
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO reports(report_id, user_id, received_ms, body)"
                             " VALUES(?, ?, ?, ?)"));
    q.addBindValue(reportId);
    q.addBindValue(userId);
    q.addBindValue(nowMs);
    q.addBindValue(QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    if (!run(q))
        return StoreResult::Failed;
    return q.numRowsAffected() == 1 ? StoreResult::Stored : StoreResult::Duplicate;
}

QList<QJsonObject> CloudRepository::reportsFor(const QString &userId) const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT body, received_ms FROM reports WHERE user_id = ?"
                             " ORDER BY received_ms, report_id"));
    q.addBindValue(userId);
    QList<QJsonObject> out;
    if (!run(q))
        return out;
    while (q.next()) {
        QJsonObject o = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        o.insert(QStringLiteral("received_ms"), q.value(1).toLongLong());
        out << o;
    }
    return out;
}

int CloudRepository::reportCount(const QString &userId) const {
    QSqlQuery q(m_db.connection());
    if (userId.isEmpty()) {
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM reports"));
    } else {
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM reports WHERE user_id = ?"));
        q.addBindValue(userId);
    }
    if (!run(q) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool CloudRepository::addRevocations(quint64 seq, const QByteArray &cose, QString *error) {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("INSERT INTO revocations(seq, cose) SELECT ?, ? WHERE ? > "
                             "(SELECT COALESCE(MAX(seq), -1) FROM revocations)"));
    q.addBindValue(qint64(seq));
    q.addBindValue(cose);
    q.addBindValue(qint64(seq));
    if (!run(q)) {
        *error = q.lastError().text();
        return false;
    }
    if (q.numRowsAffected() != 1) {
        *error = QStringLiteral("seq %1 is not above the latest list").arg(seq);
        return false;
    }
    return true;
}

QByteArray CloudRepository::latestRevocations() const {
    const auto list = latestRevocationList();
    return list ? list->cose : QByteArray();
}

std::optional<StoredRevocations> CloudRepository::latestRevocationList() const {
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT seq, cose FROM revocations ORDER BY seq DESC LIMIT 1"));
    if (!run(q) || !q.next())
        return std::nullopt;
    return StoredRevocations{quint64(q.value(0).toLongLong()), q.value(1).toByteArray()};
}

} // namespace vf::cloud
