#include "OutboxSchema.h"

namespace vf::store {

MigrationList outboxMigrations() {
    return {
        {1,
         {
             // One report per (account, event, role, reason): a refusal seen again on every
             // redisplay must not flood the cloud.
             QStringLiteral("CREATE TABLE reports ("
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
                            " UNIQUE (account, event_id, role, reason))"),
             QStringLiteral("CREATE INDEX reports_due ON reports (account, status, "
                            "next_attempt_at)"),
             QStringLiteral("CREATE TABLE acknowledged ("
                            " report_id TEXT PRIMARY KEY, account TEXT NOT NULL,"
                            " event_id TEXT NOT NULL, role TEXT NOT NULL, reason TEXT NOT NULL,"
                            " report_json TEXT NOT NULL, server_status TEXT NOT NULL,"
                            " http_status INTEGER NOT NULL, attempts INTEGER NOT NULL,"
                            " acknowledged_at INTEGER NOT NULL,"
                            " UNIQUE (account, event_id, role, reason))"),
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
             QStringLiteral("CREATE TABLE reports_v2 ("
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
                            " UNIQUE (account, event_id, device_id, role, reason))"),
             QStringLiteral("INSERT INTO reports_v2 SELECT report_id, account, event_id,"
                            " device_id, role, reason, detail, observed_sha256, attested_device,"
                            " claim_id, client_time, app_version, created_at, attempts,"
                            " next_attempt_at, last_attempt_at, last_error, status FROM reports"),
             QStringLiteral("DROP TABLE reports"),
             QStringLiteral("ALTER TABLE reports_v2 RENAME TO reports"),
             QStringLiteral("CREATE INDEX reports_due ON reports (account, status, "
                            "next_attempt_at)"),
             // The acknowledged history learns the device from the report it keeps as JSON.
             QStringLiteral("CREATE TABLE acknowledged_v2 ("
                            " report_id TEXT PRIMARY KEY, account TEXT NOT NULL,"
                            " event_id TEXT NOT NULL, device_id TEXT NOT NULL,"
                            " role TEXT NOT NULL, reason TEXT NOT NULL,"
                            " report_json TEXT NOT NULL, server_status TEXT NOT NULL,"
                            " http_status INTEGER NOT NULL, attempts INTEGER NOT NULL,"
                            " acknowledged_at INTEGER NOT NULL,"
                            " UNIQUE (account, event_id, device_id, role, reason))"),
             QStringLiteral("INSERT INTO acknowledged_v2 SELECT report_id, account, event_id,"
                            " COALESCE(json_extract(report_json, '$.device_id'), ''), role,"
                            " reason, report_json, server_status, http_status, attempts,"
                            " acknowledged_at FROM acknowledged"),
             QStringLiteral("DROP TABLE acknowledged"),
             QStringLiteral("ALTER TABLE acknowledged_v2 RENAME TO acknowledged"),
         }},
    };
}

} // namespace vf::store
