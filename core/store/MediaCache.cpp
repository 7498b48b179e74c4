#include "MediaCache.h"

#include "OpenSsl.h"
#include "SqlSupport.h"
#include "StoreLog.h"
#include "Verdict.h"

#include "PrivateFiles.h"
#include <QDateTime>
#include <QDir>

#include <QFile>
#include <QSaveFile>

namespace vf::store {

using vf::trust::sha256;

MediaCache::MediaCache(Database &db, QString mediaDir)
    : m_db(db)
    , m_mediaDir(std::move(mediaDir)) {}

QString MediaCache::partitionName(const QString &account) {
    return QString::fromLatin1(sha256(account.toUtf8()).toHex());
}

QString MediaCache::partitionDir(const QString &account) const {
    return m_mediaDir + QLatin1Char('/') + partitionName(account);
}

QString MediaCache::itemPath(const QString &account, const QString &shaHex) const {
    return partitionDir(account) + QLatin1Char('/') + shaHex;
}

bool MediaCache::storeVerified(const QString &account, const QByteArray &bytes,
                               const vf::trust::Verdict &verdict, QString *error) {
    if (!verdict.verified()) {
        setError(error, QStringLiteral("refused media is never cached"));
        return false;
    }
    if (account.isEmpty() || verdict.evidence.claimSubject != account) {
        setError(error, QStringLiteral("the verdict was not reached for this account"));
        return false;
    }
    const QByteArray observed = verdict.evidence.observedSha256;
    if (observed.size() != 32 || sha256(bytes) != observed) {
        setError(error, QStringLiteral("these are not the bytes that were verified"));
        return false;
    }
    const QString shaHex = QString::fromLatin1(observed.toHex());
    const QString path = itemPath(account, shaHex);
    if (!makePrivateDir(partitionDir(account))) {
        setError(error, QStringLiteral("cannot create the cache partition"));
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !restrictToOwner(file) ||
        file.write(bytes) != bytes.size() || !file.commit()) {
        setError(error, QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    const QString role = verdict.evidence.attestedMedia
                             ? vf::trust::mediaRoleName(verdict.evidence.attestedMedia->role)
                             : QString();
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("INSERT INTO media (account, sha256, event_id, device_id,"
                                   " length, role, last_used) VALUES (?, ?, ?, ?, ?, ?, ?)"
                                   " ON CONFLICT (account, sha256, event_id, device_id)"
                                   " DO UPDATE SET"
                                   " last_used = excluded.last_used"),
                    error))
        return false;
    q.addBindValue(account);
    q.addBindValue(shaHex);
    // A verified verdict's attested event and device are the entry's (check 6).
    q.addBindValue(sqlText(verdict.evidence.attestedEventId));
    q.addBindValue(sqlText(verdict.evidence.attestedDeviceId));
    q.addBindValue(qint64(bytes.size()));
    q.addBindValue(sqlText(role));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return execPrepared(q, error);
}

bool MediaCache::contains(const QString &account, const QByteArray &sha256Bytes) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, QStringLiteral("SELECT 1 FROM media WHERE account = ? AND sha256 = ?"),
                    nullptr))
        return false;
    q.addBindValue(account);
    q.addBindValue(QString::fromLatin1(sha256Bytes.toHex()));
    return execPrepared(q, nullptr) && q.next();
}

std::optional<QByteArray> MediaCache::load(const QString &account, const QByteArray &sha256Bytes) {
    if (account.isEmpty() || sha256Bytes.size() != 32 || !contains(account, sha256Bytes))
        return std::nullopt;
    const QString shaHex = QString::fromLatin1(sha256Bytes.toHex());
    QFile file(itemPath(account, shaHex));
    if (!file.open(QIODevice::ReadOnly)) {
        dropItem(account, shaHex, nullptr);
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    file.close();
    if (sha256(bytes) != sha256Bytes) {
        qCWarning(lcCache, "vf::store: cached item %s no longer matches its hash; dropped",
                  qPrintable(shaHex));
        dropItem(account, shaHex, nullptr);
        return std::nullopt;
    }
    QSqlQuery touch(m_db.connection());
    if (prepareSql(
            touch,
            QStringLiteral("UPDATE media SET last_used = ? WHERE account = ? AND sha256 = ?"),
            nullptr)) {
        touch.addBindValue(QDateTime::currentMSecsSinceEpoch());
        touch.addBindValue(account);
        touch.addBindValue(shaHex);
        execPrepared(touch, nullptr);
    }
    return bytes;
}

bool MediaCache::dropItem(const QString &account, const QString &shaHex, QString *error) {
    // Index row first: a file without a row is never served, a row without a file would be.
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, QStringLiteral("DELETE FROM media WHERE account = ? AND sha256 = ?"), error))
        return false;
    q.addBindValue(account);
    q.addBindValue(shaHex);
    if (!execPrepared(q, error))
        return false;
    const QString path = itemPath(account, shaHex);
    if (QFile::exists(path) && !QFile::remove(path)) {
        setError(error, QStringLiteral("cannot remove %1").arg(path));
        return false;
    }
    return true;
}

bool MediaCache::wipeAccount(const QString &account, QString *error) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, QStringLiteral("DELETE FROM media WHERE account = ?"), error))
        return false;
    q.addBindValue(account);
    if (!execPrepared(q, error))
        return false;
    QDir partition(partitionDir(account));
    if (partition.exists() && !partition.removeRecursively()) {
        setError(error, QStringLiteral("cannot remove %1").arg(partition.path()));
        return false;
    }
    return true;
}

bool MediaCache::removeEvent(const QString &account, const EventKey &key, QString *error) {
    QStringList hashes;
    {
        QSqlQuery q(m_db.connection());
        if (!prepareSql(q,
                        QStringLiteral("SELECT sha256 FROM media WHERE account = ? AND"
                                       " event_id = ? AND device_id = ?"),
                        error))
            return false;
        q.addBindValue(account);
        q.addBindValue(key.eventId);
        q.addBindValue(key.deviceId);
        if (!execPrepared(q, error))
            return false;
        while (q.next())
            hashes.append(q.value(0).toString());
    }
    QSqlQuery del(m_db.connection());
    if (!prepareSql(del,
                    QStringLiteral("DELETE FROM media WHERE account = ? AND event_id = ? AND"
                                   " device_id = ?"),
                    error))
        return false;
    del.addBindValue(account);
    del.addBindValue(key.eventId);
    del.addBindValue(key.deviceId);
    if (!execPrepared(del, error))
        return false;
    for (const QString &shaHex : std::as_const(hashes)) {
        QSqlQuery still(m_db.connection());
        if (!prepareSql(still,
                        QStringLiteral("SELECT 1 FROM media WHERE account = ? AND sha256 = ?"),
                        error))
            return false;
        still.addBindValue(account);
        still.addBindValue(shaHex);
        if (!execPrepared(still, error))
            return false;
        if (!still.next())
            QFile::remove(itemPath(account, shaHex));
    }
    return true;
}

// One item is (account, sha256); several events may share it, so lengths are counted once.
static const char kItemsSql[] = "SELECT account, sha256, MAX(length) AS length,"
                                " MAX(last_used) AS last_used FROM media GROUP BY account, sha256";

qint64 MediaCache::totalBytes() {
    const QVariant v = querySingleValue(
        m_db.connection(),
        QStringLiteral("SELECT COALESCE(SUM(length), 0) FROM (%1)").arg(QLatin1String(kItemsSql)),
        nullptr);
    return v.toLongLong();
}

qint64 MediaCache::accountBytes(const QString &account) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("SELECT COALESCE(SUM(length), 0) FROM (%1) WHERE account = ?")
                        .arg(QLatin1String(kItemsSql)),
                    nullptr))
        return 0;
    q.addBindValue(account);
    return execPrepared(q, nullptr) && q.next() ? q.value(0).toLongLong() : 0;
}

bool MediaCache::trimTo(qint64 maxBytes, QString *error) {
    qint64 total = totalBytes();
    if (total <= maxBytes)
        return true;
    QList<std::pair<QString, QString>> victims;
    {
        QSqlQuery q(m_db.connection());
        if (!q.exec(QStringLiteral("%1 ORDER BY last_used ASC").arg(QLatin1String(kItemsSql)))) {
            setError(error, QStringLiteral("cannot list cached items"));
            return false;
        }
        while (total > maxBytes && q.next()) {
            victims.append({q.value(0).toString(), q.value(1).toString()});
            total -= q.value(2).toLongLong();
        }
    }
    for (const auto &[account, shaHex] : std::as_const(victims)) {
        if (!dropItem(account, shaHex, error))
            return false;
    }
    return true;
}

} // namespace vf::store
