#include "SessionStore.h"

#include <QSqlError>
#include <QSqlQuery>

namespace vf::cloud {

namespace {

bool run(QSqlQuery &q) {
    if (q.exec())
        return true;
    qWarning("veriframe-cloud: session query failed: %s", qPrintable(q.lastError().text()));
    return false;
}

// BEGIN IMMEDIATE rather than QSqlDatabase::transaction()'s deferred BEGIN: a deferred
// transaction that reads and then writes fails with SQLITE_BUSY, without waiting, when another
// connection wrote in between; an immediate one waits for the write lock (the busy timeout)
// and then reads the latest state.
bool beginWriting(QSqlDatabase &db) {
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return true;
    qWarning("veriframe-cloud: cannot begin a session transaction: %s",
             qPrintable(q.lastError().text()));
    return false;
}

// Commits when commit is true and rolls back otherwise (or when the commit fails, which
// would leave the transaction open); true only when the work is committed.
bool finish(QSqlDatabase &db, bool commit) {
    QSqlQuery q(db);
    if (commit && q.exec(QStringLiteral("COMMIT")))
        return true;
    q.exec(QStringLiteral("ROLLBACK"));
    return false;
}

} // namespace

SessionStore::SessionStore(CloudDatabase &database)
    : m_db(database) {}

bool SessionStore::storeTokens(QSqlDatabase &db, const QString &signInId, const QString &userId,
                               const StoredTokens &tokens, qint64 nowMs) const {
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO sessions(token, user_id, created_ms, sign_in, expires_ms)"
                             " VALUES(?, ?, ?, ?, ?)"));
    q.addBindValue(tokens.token);
    q.addBindValue(userId);
    q.addBindValue(nowMs);
    q.addBindValue(signInId);
    q.addBindValue(tokens.expiresMs);
    if (!run(q))
        return false;
    q.prepare(QStringLiteral(
        "INSERT INTO refresh_tokens(sha256, sign_in, expires_ms, used_ms) VALUES(?, ?, ?, NULL)"));
    q.addBindValue(tokens.refreshSha256);
    q.addBindValue(signInId);
    q.addBindValue(tokens.refreshExpiresMs);
    return run(q);
}

bool SessionStore::startSignIn(const QString &signInId, const QString &userId,
                               const StoredTokens &first, qint64 nowMs) const {
    QSqlDatabase db = m_db.connection();
    if (!beginWriting(db))
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO sign_ins(id, user_id, created_ms) VALUES(?, ?, ?)"));
    q.addBindValue(signInId);
    q.addBindValue(userId);
    q.addBindValue(nowMs);
    const bool stored = run(q) && storeTokens(db, signInId, userId, first, nowMs);
    return finish(db, stored);
}

std::optional<AccessGrant> SessionStore::grantFor(const QString &token) const {
    if (token.isEmpty())
        return std::nullopt;
    QSqlQuery q(m_db.connection());
    q.prepare(QStringLiteral("SELECT s.user_id, s.sign_in, s.expires_ms, si.revoked_ms"
                             " FROM sessions s LEFT JOIN sign_ins si ON si.id = s.sign_in"
                             " WHERE s.token = ?"));
    q.addBindValue(token);
    if (!run(q) || !q.next())
        return std::nullopt;
    return AccessGrant{q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(),
                       !q.value(3).isNull()};
}

SessionStore::RotationResult SessionStore::rotate(const QByteArray &refreshSha256,
                                                  const StoredTokens &next, qint64 nowMs) const {
    QSqlDatabase db = m_db.connection();
    if (!beginWriting(db))
        return {};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT rt.sign_in, rt.expires_ms, rt.used_ms, si.user_id,"
                             " si.revoked_ms FROM refresh_tokens rt"
                             " JOIN sign_ins si ON si.id = rt.sign_in WHERE rt.sha256 = ?"));
    q.addBindValue(refreshSha256);
    if (!run(q)) {
        finish(db, false);
        return {};
    }
    if (!q.next()) {
        finish(db, false);
        return {Rotation::Refused, {}};
    }
    const QString signInId = q.value(0).toString();
    const qint64 expiresMs = q.value(1).toLongLong();
    const bool used = !q.value(2).isNull();
    const QString userId = q.value(3).toString();
    const bool revoked = !q.value(4).isNull();
    q.finish();
    if (used) {
        // A replay: whoever holds the sign-in's live token may be the thief or the owner,
        // the cloud cannot tell, so neither keeps it (cloud-api.md §1 v2).
        finish(db, false);
        return {revokeSignIn(signInId, nowMs) ? Rotation::Replayed : Rotation::Failed, {}};
    }
    if (revoked || expiresMs <= nowMs) {
        finish(db, false);
        return {Rotation::Refused, {}};
    }
    q.prepare(QStringLiteral("UPDATE refresh_tokens SET used_ms = ? WHERE sha256 = ?"));
    q.addBindValue(nowMs);
    q.addBindValue(refreshSha256);
    const bool stored = run(q) && storeTokens(db, signInId, userId, next, nowMs);
    if (!finish(db, stored))
        return {};
    return {Rotation::Rotated, userId};
}

bool SessionStore::revokeSignIn(const QString &signInId, qint64 nowMs) const {
    QSqlQuery q(m_db.connection());
    q.prepare(
        QStringLiteral("UPDATE sign_ins SET revoked_ms = ? WHERE id = ? AND revoked_ms IS NULL"));
    q.addBindValue(nowMs);
    q.addBindValue(signInId);
    return run(q);
}

} // namespace vf::cloud
