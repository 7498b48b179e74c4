#include "OutboxSchema.h"

namespace vf::store {

namespace {

// The outbox's two tables as each version defined them (the SQL of a released migration
// never changes; only the name, the extra columns and the unique key differ).
QString reportsTable(const char *name, const char *extraColumns, const char *unique) {
    return QStringLiteral("CREATE TABLE %1 ("
                          " report_id TEXT PRIMARY KEY, account TEXT NOT NULL,"
                          " event_id TEXT NOT NULL, device_id TEXT NOT NULL,"
                          " role TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL,"
                          " observed_sha256 TEXT, attested_device TEXT, claim_id TEXT,"
                          " client_time INTEGER NOT NULL, app_version TEXT NOT NULL,"
                          " created_at INTEGER NOT NULL,"
                          " attempts INTEGER NOT NULL DEFAULT 0,"
                          " next_attempt_at INTEGER NOT NULL, last_attempt_at INTEGER,"
                          " last_error TEXT NOT NULL DEFAULT '',"
                          " status TEXT NOT NULL DEFAULT 'pending'"
                          "  CHECK (status IN ('pending', 'rejected')),"
                          "%2 UNIQUE (%3))")
        .arg(QLatin1String(name), QLatin1String(extraColumns), QLatin1String(unique));
}

QString acknowledgedTable(const char *name, const char *idColumns, const char *extraColumns,
                          const char *unique) {
    return QStringLiteral("CREATE TABLE %1 ("
                          " report_id TEXT PRIMARY KEY, account TEXT NOT NULL,"
                          "%2 role TEXT NOT NULL, reason TEXT NOT NULL,"
                          " report_json TEXT NOT NULL, server_status TEXT NOT NULL,"
                          " http_status INTEGER NOT NULL, attempts INTEGER NOT NULL,"
                          " acknowledged_at INTEGER NOT NULL,"
                          "%3 UNIQUE (%4))")
        .arg(QLatin1String(name), QLatin1String(idColumns), QLatin1String(extraColumns),
             QLatin1String(unique));
}

} // namespace

MigrationList outboxMigrations() {
    return {
        {1,
         {
             // One report per (account, event, role, reason): a refusal seen again on every
             // redisplay must not flood the cloud.
             reportsTable("reports", "", "account, event_id, role, reason"),
             QStringLiteral("CREATE INDEX reports_due ON reports (account, status, "
                            "next_attempt_at)"),
             acknowledgedTable("acknowledged", " event_id TEXT NOT NULL,", "",
                               "account, event_id, role, reason"),
             // seq is kept as decimal text: it is a uint64 and SQLite integers are signed.
             QStringLiteral("CREATE TABLE revocation_state ("
                            " id INTEGER PRIMARY KEY CHECK (id = 1),"
                            " anchors_fingerprint BLOB NOT NULL, seq TEXT NOT NULL,"
                            " list BLOB NOT NULL, accepted_at INTEGER NOT NULL)"),
         }},
        {2,
         {
             // trust.md §6 v2: one report per (account, event, device, role, reason). Two
             // entries with one event ID are two refusals: the second must not be folded
             // into the first's report (naming the wrong camera). Rebuilt, since SQLite
             // cannot change a UNIQUE constraint; every queued report is kept as it was.
             reportsTable("reports_v2", "", "account, event_id, device_id, role, reason"),
             QStringLiteral("INSERT INTO reports_v2 SELECT report_id, account, event_id,"
                            " device_id, role, reason, detail, observed_sha256, attested_device,"
                            " claim_id, client_time, app_version, created_at, attempts,"
                            " next_attempt_at, last_attempt_at, last_error, status FROM reports"),
             QStringLiteral("DROP TABLE reports"),
             QStringLiteral("ALTER TABLE reports_v2 RENAME TO reports"),
             QStringLiteral("CREATE INDEX reports_due ON reports (account, status, "
                            "next_attempt_at)"),
             // The acknowledged history learns the device from the report it keeps as JSON.
             acknowledgedTable("acknowledged_v2",
                               " event_id TEXT NOT NULL, device_id TEXT NOT NULL,", "",
                               "account, event_id, device_id, role, reason"),
             QStringLiteral("INSERT INTO acknowledged_v2 SELECT report_id, account, event_id,"
                            " COALESCE(json_extract(report_json, '$.device_id'), ''), role,"
                            " reason, report_json, server_status, http_status, attempts,"
                            " acknowledged_at FROM acknowledged"),
             QStringLiteral("DROP TABLE acknowledged"),
             QStringLiteral("ALTER TABLE acknowledged_v2 RENAME TO acknowledged"),
         }},
        {3,
         {
             // cloud-api.md §5 v2: a report about a revocation list has no event; its
             // subject (the refused payload's hash) tells two conflicting lists apart.
             reportsTable("reports_v3", " subject TEXT NOT NULL DEFAULT '',",
                          "account, event_id, device_id, role, reason, subject"),
             QStringLiteral("INSERT INTO reports_v3 SELECT *, '' FROM reports"),
             QStringLiteral("DROP TABLE reports"),
             QStringLiteral("ALTER TABLE reports_v3 RENAME TO reports"),
             QStringLiteral("CREATE INDEX reports_due ON reports (account, status, "
                            "next_attempt_at)"),
             acknowledgedTable("acknowledged_v3",
                               " event_id TEXT NOT NULL, device_id TEXT NOT NULL,",
                               " subject TEXT NOT NULL DEFAULT '',",
                               "account, event_id, device_id, role, reason, subject"),
             QStringLiteral("INSERT INTO acknowledged_v3 SELECT *, '' FROM acknowledged"),
             QStringLiteral("DROP TABLE acknowledged"),
             QStringLiteral("ALTER TABLE acknowledged_v3 RENAME TO acknowledged"),
         }},
    };
}

} // namespace vf::store
