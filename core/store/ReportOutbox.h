#pragma once
// The durable outbox of integrity reports (cloud-api.md §5). A report is committed to
// outbox.sqlite (synchronous = FULL) before enqueue returns, so "queued" survives a
// crash, kill -9 and a restart; it leaves the outbox only when the cloud answered 200 or
// 201. One report per (account, event, device, media role, reason), however often the refusal
// is seen again. A report the cloud rejects (400) is kept, marked rejected, never dropped.
#include "BackoffPolicy.h"
#include "Database.h"
#include "IntegrityReport.h"

#include <QList>
#include <QMutex>
#include <optional>

#include <QSqlQuery>

namespace vf::store {

struct QueuedReport {
    enum class Status { Pending, Rejected };
    QString account;
    IntegrityReport report;
    Status status = Status::Pending;
    int attempts = 0;
    qint64 createdAtMs = 0;
    qint64 nextAttemptAtMs = 0;
    std::optional<qint64> lastAttemptAtMs;
    QString lastError;
};

// The reports table's columns, in the order queuedReportFromRow() reads them.
extern const char kQueuedReportColumns[];
// A row selected with kQueuedReportColumns starting at firstColumn.
QueuedReport queuedReportFromRow(const QSqlQuery &query, int firstColumn = 0);

struct EnqueueResult {
    std::optional<IntegrityReport> report; // the queued (or earlier) report; nullopt: error
    bool created = false;                  // a new row; false: this refusal was already queued
    bool alreadyAcknowledged = false;      // ... and even delivered
    QString error;
};

struct AttemptOutcome {
    enum class Kind {
        Acknowledged,     // 201 stored, 200 duplicate
        RetryableFailure, // no answer (network error, timeout), 5xx, 408, 429
        PermanentFailure, // any other 4xx: the body is wrong; kept and shown in diagnostics
    };
    Kind kind = Kind::RetryableFailure;
    int httpStatus = 0; // 0: no HTTP answer
    QString message;

    static AttemptOutcome fromHttpStatus(int httpStatus, const QString &message = {});
    static AttemptOutcome networkError(const QString &message);
};

struct OutboxStats {
    int pending = 0;
    int rejected = 0;
    int totalAttempts = 0; // over the reports still in the outbox
    std::optional<qint64> nextRetryAtMs;
    int acknowledged = 0;
};

class ReportOutbox {
public:
    explicit ReportOutbox(Database &db, BackoffPolicy policy = BackoffPolicy());

    void setBackoffPolicy(BackoffPolicy policy);

    // Queues a refusal with a fresh report_id (UUID v4), due at nowMs. If the same
    // (account, event, device, role, reason) is already queued or acknowledged, returns that
    // report (same report_id) and adds nothing.
    EnqueueResult enqueue(const QString &account, IntegrityReport report, qint64 nowMs);

    // The account's pending reports whose next attempt is due, oldest first.
    QList<QueuedReport> due(const QString &account, qint64 nowMs, int limit);
    bool recordAttempt(const QString &reportId, const AttemptOutcome &outcome, qint64 nowMs,
                       QString *error);
    // A rejected report back to pending (after an update fixed what the cloud refused).
    bool requeueRejected(const QString &account, qint64 nowMs, QString *error);

    std::optional<QueuedReport> find(const QString &reportId);
    // Every report still in the outbox for this account (pending and rejected).
    QList<QueuedReport> pending(const QString &account);
    int acknowledgedCount(const QString &account);
    OutboxStats stats(const QString &account);
    // Accounts that still have reports to send (sent when that account signs in again).
    QStringList accountsWithPending();

    // For salvage: a report read from a damaged outbox, inserted as it was (same
    // report_id, attempts and status). False when it is already present or invalid.
    bool insertSalvaged(const QueuedReport &queued, QString *error);

private:
    std::optional<QueuedReport> findByKey(const QString &account, const IntegrityReport &report);
    QList<QueuedReport> select(const QString &where, const QVariantList &values, int limit);

    Database &m_db;
    mutable QMutex m_policyMutex;
    BackoffPolicy m_policy;
};

} // namespace vf::store
