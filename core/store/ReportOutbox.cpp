#include "ReportOutbox.h"

#include "SqlSupport.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

namespace vf::store {

const char kQueuedReportColumns[] =
    "report_id, account, event_id, device_id, role, reason, detail,"
    " observed_sha256, attested_device, claim_id, client_time, app_version,"
    " created_at, attempts, next_attempt_at, last_attempt_at, last_error,"
    " status";

QueuedReport queuedReportFromRow(const QSqlQuery &q, int c) {
    QueuedReport r;
    r.report.reportId = q.value(c + 0).toString();
    r.account = q.value(c + 1).toString();
    r.report.eventId = q.value(c + 2).toString();
    r.report.deviceId = q.value(c + 3).toString();
    r.report.role = q.value(c + 4).toString();
    r.report.reason = q.value(c + 5).toString();
    r.report.detail = q.value(c + 6).toString();
    r.report.observedSha256 = q.value(c + 7).toString();
    r.report.attestedDevice = q.value(c + 8).toString();
    r.report.claimId = q.value(c + 9).toString();
    r.report.clientTimeMs = q.value(c + 10).toLongLong();
    r.report.appVersion = q.value(c + 11).toString();
    r.createdAtMs = q.value(c + 12).toLongLong();
    r.attempts = q.value(c + 13).toInt();
    r.nextAttemptAtMs = q.value(c + 14).toLongLong();
    if (!q.value(c + 15).isNull())
        r.lastAttemptAtMs = q.value(c + 15).toLongLong();
    r.lastError = q.value(c + 16).toString();
    r.status = q.value(c + 17).toString() == QLatin1String("rejected")
                   ? QueuedReport::Status::Rejected
                   : QueuedReport::Status::Pending;
    return r;
}

namespace {

const char *const kColumns = kQueuedReportColumns;

QVariant textOrNull(const QString &s) {
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QString statusName(QueuedReport::Status status) {
    return status == QueuedReport::Status::Rejected ? QStringLiteral("rejected")
                                                    : QStringLiteral("pending");
}

// Binds the report's columns in kColumns order.
void bindReport(QSqlQuery &q, const QueuedReport &r) {
    q.addBindValue(sqlText(r.report.reportId));
    q.addBindValue(sqlText(r.account));
    q.addBindValue(sqlText(r.report.eventId));
    q.addBindValue(sqlText(r.report.deviceId));
    q.addBindValue(sqlText(r.report.role));
    q.addBindValue(sqlText(r.report.reason));
    q.addBindValue(sqlText(r.report.detail));
    q.addBindValue(textOrNull(r.report.observedSha256));
    q.addBindValue(textOrNull(r.report.attestedDevice));
    q.addBindValue(textOrNull(r.report.claimId));
    q.addBindValue(r.report.clientTimeMs);
    q.addBindValue(sqlText(r.report.appVersion));
    q.addBindValue(r.createdAtMs);
    q.addBindValue(r.attempts);
    q.addBindValue(r.nextAttemptAtMs);
    q.addBindValue(r.lastAttemptAtMs ? QVariant(*r.lastAttemptAtMs)
                                     : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(sqlText(r.lastError));
    q.addBindValue(statusName(r.status));
    q.addBindValue(sqlText(r.report.subject()));
}

const QString &insertSql() {
    static const QString sql =
        QStringLiteral("INSERT INTO reports (%1, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                       " ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .arg(QLatin1String(kColumns));
    return sql;
}

} // namespace

AttemptOutcome AttemptOutcome::fromHttpStatus(int httpStatus, const QString &message) {
    AttemptOutcome o;
    o.httpStatus = httpStatus;
    o.message = message;
    if (httpStatus == 200 || httpStatus == 201)
        o.kind = Kind::Acknowledged;
    else if (httpStatus <= 0 || httpStatus >= 500 || httpStatus == 408 || httpStatus == 429)
        o.kind = Kind::RetryableFailure;
    else
        o.kind = Kind::PermanentFailure;
    return o;
}

AttemptOutcome AttemptOutcome::networkError(const QString &message) {
    return {Kind::RetryableFailure, 0, message};
}

ReportOutbox::ReportOutbox(Database &db, BackoffPolicy policy)
    : m_db(db)
    , m_policy(std::move(policy)) {}

void ReportOutbox::setBackoffPolicy(BackoffPolicy policy) {
    QMutexLocker lock(&m_policyMutex);
    m_policy = std::move(policy);
}

std::optional<QueuedReport> ReportOutbox::findByKey(const QString &account,
                                                    const IntegrityReport &report) {
    const QList<QueuedReport> found =
        select(QStringLiteral("account = ? AND event_id = ? AND device_id = ? AND role = ? AND"
                              " reason = ? AND subject = ?"),
               {account, sqlText(report.eventId), sqlText(report.deviceId), report.role,
                report.reason, sqlText(report.subject())},
               1);
    return found.isEmpty() ? std::nullopt : std::optional<QueuedReport>(found.first());
}

EnqueueResult ReportOutbox::enqueue(const QString &account, IntegrityReport report, qint64 nowMs) {
    EnqueueResult result;
    if (account.isEmpty() || report.role.isEmpty() || report.reason.isEmpty()) {
        result.error = QStringLiteral("a report needs an account, a role and a reason");
        return result;
    }
    if (report.isAboutRevocations()) {
        // cloud-api.md §5 v2: no event, no device, the payload's hash as what it is about.
        static const QRegularExpression hex64(QStringLiteral("^[0-9a-f]{64}$"));
        if (!report.eventId.isEmpty() || !report.deviceId.isEmpty() ||
            !hex64.match(report.observedSha256).hasMatch()) {
            result.error = QStringLiteral("a revocation report names no event or device and"
                                          " carries the refused list's SHA-256");
            return result;
        }
    } else if (report.eventId.isEmpty()) {
        result.error = QStringLiteral("a report about media needs its event");
        return result;
    }
    QSqlDatabase db = m_db.connection();
    SqlTransaction tx(db);
    if (!tx.begin(&result.error))
        return result;
    {
        QSqlQuery acked(db);
        if (!prepareSql(acked,
                        QStringLiteral("SELECT report_json FROM acknowledged WHERE account = ? AND"
                                       " event_id = ? AND device_id = ? AND role = ? AND"
                                       " reason = ? AND subject = ?"),
                        &result.error))
            return result;
        acked.addBindValue(account);
        acked.addBindValue(sqlText(report.eventId));
        acked.addBindValue(sqlText(report.deviceId));
        acked.addBindValue(report.role);
        acked.addBindValue(report.reason);
        acked.addBindValue(sqlText(report.subject()));
        if (!execPrepared(acked, &result.error))
            return result;
        if (acked.next()) {
            result.report = IntegrityReport::fromJson(
                QJsonDocument::fromJson(acked.value(0).toString().toUtf8()).object());
            result.alreadyAcknowledged = true;
            return result;
        }
    }
    QueuedReport queued;
    queued.account = account;
    queued.report = std::move(report);
    queued.report.reportId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    queued.createdAtMs = nowMs;
    queued.nextAttemptAtMs = nowMs;
    {
        QSqlQuery insert(db);
        if (!prepareSql(insert, insertSql(), &result.error))
            return result;
        bindReport(insert, queued);
        if (!execPrepared(insert, &result.error))
            return result;
        result.created = insert.numRowsAffected() == 1;
    }
    const std::optional<QueuedReport> stored = findByKey(account, queued.report);
    if (!stored) {
        result.error = QStringLiteral("the report vanished while it was being queued");
        return result;
    }
    // COMMIT with synchronous = FULL: on disk before the caller is told "queued".
    if (!tx.commit(&result.error))
        return result;
    result.report = stored->report;
    return result;
}

QList<QueuedReport> ReportOutbox::select(const QString &where, const QVariantList &values,
                                         int limit) {
    QList<QueuedReport> reports;
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("SELECT %1 FROM reports WHERE %2"
                                   " ORDER BY next_attempt_at, created_at, report_id LIMIT ?")
                        .arg(QLatin1String(kColumns), where),
                    nullptr))
        return reports;
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(limit);
    if (!execPrepared(q, nullptr))
        return reports;
    while (q.next())
        reports.append(queuedReportFromRow(q));
    return reports;
}

QList<QueuedReport> ReportOutbox::due(const QString &account, qint64 nowMs, int limit) {
    return select(QStringLiteral("account = ? AND status = 'pending' AND next_attempt_at <= ?"),
                  {account, nowMs}, limit);
}

std::optional<QueuedReport> ReportOutbox::find(const QString &reportId) {
    const QList<QueuedReport> found = select(QStringLiteral("report_id = ?"), {reportId}, 1);
    return found.isEmpty() ? std::nullopt : std::optional<QueuedReport>(found.first());
}

QList<QueuedReport> ReportOutbox::pending(const QString &account) {
    return select(QStringLiteral("account = ?"), {account}, -1);
}

bool ReportOutbox::recordAttempt(const QString &reportId, const AttemptOutcome &outcome,
                                 qint64 nowMs, QString *error) {
    QSqlDatabase db = m_db.connection();
    SqlTransaction tx(db);
    if (!tx.begin(error))
        return false;
    const std::optional<QueuedReport> queued = find(reportId);
    if (!queued) {
        setError(error, QStringLiteral("no queued report %1").arg(reportId));
        return false;
    }
    QSqlQuery q(db);
    switch (outcome.kind) {
    case AttemptOutcome::Kind::Acknowledged: {
        // Kept as history for diagnostics (and so the same refusal is not filed again).
        if (!prepareSql(q,
                        QStringLiteral("INSERT OR REPLACE INTO acknowledged (report_id, account,"
                                       " event_id, device_id, role, reason, report_json,"
                                       " server_status, http_status, attempts, acknowledged_at,"
                                       " subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                        error))
            return false;
        q.addBindValue(reportId);
        q.addBindValue(sqlText(queued->account));
        q.addBindValue(sqlText(queued->report.eventId));
        q.addBindValue(sqlText(queued->report.deviceId));
        q.addBindValue(sqlText(queued->report.role));
        q.addBindValue(sqlText(queued->report.reason));
        q.addBindValue(QString::fromUtf8(
            QJsonDocument(queued->report.toJson()).toJson(QJsonDocument::Compact)));
        q.addBindValue(outcome.httpStatus == 200 ? QStringLiteral("duplicate")
                                                 : QStringLiteral("stored"));
        q.addBindValue(outcome.httpStatus);
        q.addBindValue(queued->attempts + 1);
        q.addBindValue(nowMs);
        q.addBindValue(sqlText(queued->report.subject()));
        if (!execPrepared(q, error))
            return false;
        QSqlQuery del(db);
        if (!prepareSql(del, QStringLiteral("DELETE FROM reports WHERE report_id = ?"), error))
            return false;
        del.addBindValue(reportId);
        if (!execPrepared(del, error))
            return false;
        break;
    }
    case AttemptOutcome::Kind::RetryableFailure: {
        const int attempts = queued->attempts + 1;
        qint64 delay = 0;
        {
            QMutexLocker lock(&m_policyMutex);
            delay = m_policy.delayMs(attempts);
        }
        if (!prepareSql(q,
                        QStringLiteral("UPDATE reports SET attempts = ?, last_attempt_at = ?,"
                                       " next_attempt_at = ?, last_error = ? WHERE report_id = ?"),
                        error))
            return false;
        q.addBindValue(attempts);
        q.addBindValue(nowMs);
        q.addBindValue(nowMs + delay);
        q.addBindValue(
            outcome.httpStatus > 0
                ? QStringLiteral("HTTP %1 %2").arg(outcome.httpStatus).arg(outcome.message)
                : sqlText(outcome.message));
        q.addBindValue(reportId);
        if (!execPrepared(q, error))
            return false;
        break;
    }
    case AttemptOutcome::Kind::PermanentFailure: {
        if (!prepareSql(q,
                        QStringLiteral("UPDATE reports SET attempts = attempts + 1,"
                                       " last_attempt_at = ?, status = 'rejected', last_error = ?"
                                       " WHERE report_id = ?"),
                        error))
            return false;
        q.addBindValue(nowMs);
        q.addBindValue(QStringLiteral("HTTP %1 %2").arg(outcome.httpStatus).arg(outcome.message));
        q.addBindValue(reportId);
        if (!execPrepared(q, error))
            return false;
        break;
    }
    }
    return tx.commit(error);
}

bool ReportOutbox::requeueRejected(const QString &account, qint64 nowMs, QString *error) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("UPDATE reports SET status = 'pending', next_attempt_at = ?"
                                   " WHERE account = ? AND status = 'rejected'"),
                    error))
        return false;
    q.addBindValue(nowMs);
    q.addBindValue(account);
    return execPrepared(q, error);
}

int ReportOutbox::acknowledgedCount(const QString &account) {
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, QStringLiteral("SELECT COUNT(*) FROM acknowledged WHERE account = ?"),
                    nullptr))
        return -1;
    q.addBindValue(account);
    return execPrepared(q, nullptr) && q.next() ? q.value(0).toInt() : -1;
}

OutboxStats ReportOutbox::stats(const QString &account) {
    OutboxStats s;
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q,
                    QStringLiteral("SELECT COALESCE(SUM(status = 'pending'), 0),"
                                   " COALESCE(SUM(status = 'rejected'), 0),"
                                   " COALESCE(SUM(attempts), 0),"
                                   " MIN(CASE WHEN status = 'pending' THEN next_attempt_at END)"
                                   " FROM reports WHERE account = ?"),
                    nullptr))
        return s;
    q.addBindValue(account);
    if (execPrepared(q, nullptr) && q.next()) {
        s.pending = q.value(0).toInt();
        s.rejected = q.value(1).toInt();
        s.totalAttempts = q.value(2).toInt();
        if (!q.value(3).isNull())
            s.nextRetryAtMs = q.value(3).toLongLong();
    }
    s.acknowledged = acknowledgedCount(account);
    return s;
}

QStringList ReportOutbox::accountsWithPending() {
    QStringList accounts;
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT DISTINCT account FROM reports WHERE status = 'pending'"
                               " ORDER BY account")))
        return accounts;
    while (q.next())
        accounts.append(q.value(0).toString());
    return accounts;
}

bool ReportOutbox::insertSalvaged(const QueuedReport &queued, QString *error) {
    if (queued.account.isEmpty() || queued.report.reportId.isEmpty()) {
        setError(error, QStringLiteral("a salvaged row without account or report_id"));
        return false;
    }
    QSqlQuery q(m_db.connection());
    if (!prepareSql(q, insertSql(), error))
        return false;
    bindReport(q, queued);
    if (!execPrepared(q, error))
        return false;
    return q.numRowsAffected() == 1;
}

} // namespace vf::store
