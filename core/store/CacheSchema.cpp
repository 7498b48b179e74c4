#include "CacheSchema.h"

namespace vf::store {

MigrationList cacheMigrations() {
    return {
        {1,
         {
             // Hashes are lowercase hex so the file reads well in support tooling.
             QStringLiteral("CREATE TABLE events ("
                            " account TEXT NOT NULL, id TEXT NOT NULL,"
                            " device_id TEXT NOT NULL, device_name TEXT NOT NULL DEFAULT '',"
                            " kind TEXT NOT NULL DEFAULT '', ts INTEGER NOT NULL,"
                            " duration_ms INTEGER NOT NULL DEFAULT 0,"
                            " attestation BLOB, claim BLOB,"
                            " thumbnail_url TEXT NOT NULL DEFAULT '',"
                            " clip_url TEXT NOT NULL DEFAULT '',"
                            " state INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '',"
                            " role TEXT NOT NULL DEFAULT '', thumbnail_sha256 TEXT,"
                            " updated_at INTEGER NOT NULL,"
                            " PRIMARY KEY (account, id))"),
             QStringLiteral("CREATE INDEX events_by_time ON events (account, ts DESC, id)"),
             QStringLiteral("CREATE TABLE media ("
                            " account TEXT NOT NULL, sha256 TEXT NOT NULL,"
                            " event_id TEXT NOT NULL, length INTEGER NOT NULL,"
                            " role TEXT NOT NULL, last_used INTEGER NOT NULL,"
                            " PRIMARY KEY (account, sha256, event_id))"),
             QStringLiteral("CREATE INDEX media_by_use ON media (last_used)"),
             QStringLiteral("CREATE TABLE audit ("
                            " id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL,"
                            " account TEXT NOT NULL, event_id TEXT NOT NULL,"
                            " device_id TEXT NOT NULL, role TEXT NOT NULL,"
                            " reason TEXT NOT NULL, detail TEXT NOT NULL,"
                            " observed_sha256 TEXT, attested_sha256 TEXT, claim_cti TEXT,"
                            " attested_device TEXT)"),
             QStringLiteral("CREATE INDEX audit_by_time ON audit (account, time_ms DESC)"),
         }},
        {2,
         {
             // The device filter of the timeline and the per-event audit view.
             QStringLiteral(
                 "CREATE INDEX events_by_device ON events (account, device_id, ts DESC)"),
             QStringLiteral("CREATE INDEX audit_by_event ON audit (account, event_id)"),
         }},
        {3,
         {
             // trust.md §6 v2, the identity of an entry: (event ID, device ID), not the ID
             // alone. SQLite cannot change a primary key in place, so the events and media
             // tables are rebuilt. Every version-2 row keeps its state: its ID was unique
             // per account then, so it is unique per (ID, device) now.
             QStringLiteral("CREATE TABLE events_v3 ("
                            " account TEXT NOT NULL, id TEXT NOT NULL,"
                            " device_id TEXT NOT NULL, device_name TEXT NOT NULL DEFAULT '',"
                            " kind TEXT NOT NULL DEFAULT '', ts INTEGER NOT NULL,"
                            " duration_ms INTEGER NOT NULL DEFAULT 0,"
                            " attestation BLOB, claim BLOB,"
                            " thumbnail_url TEXT NOT NULL DEFAULT '',"
                            " clip_url TEXT NOT NULL DEFAULT '',"
                            " state INTEGER NOT NULL DEFAULT 0, reason TEXT NOT NULL DEFAULT '',"
                            " role TEXT NOT NULL DEFAULT '', thumbnail_sha256 TEXT,"
                            " updated_at INTEGER NOT NULL,"
                            " PRIMARY KEY (account, id, device_id))"),
             QStringLiteral("INSERT INTO events_v3 SELECT account, id, device_id, device_name,"
                            " kind, ts, duration_ms, attestation, claim, thumbnail_url, clip_url,"
                            " state, reason, role, thumbnail_sha256, updated_at FROM events"),
             // The media rows learn their event's device from the (then unique) event row.
             // An item whose event is gone keeps an empty device: no entry refers to it, and
             // LRU trimming still counts and drops it.
             QStringLiteral("CREATE TABLE media_v3 ("
                            " account TEXT NOT NULL, sha256 TEXT NOT NULL,"
                            " event_id TEXT NOT NULL, device_id TEXT NOT NULL,"
                            " length INTEGER NOT NULL, role TEXT NOT NULL,"
                            " last_used INTEGER NOT NULL,"
                            " PRIMARY KEY (account, sha256, event_id, device_id))"),
             QStringLiteral("INSERT INTO media_v3 SELECT m.account, m.sha256, m.event_id,"
                            " COALESCE((SELECT e.device_id FROM events e WHERE"
                            " e.account = m.account AND e.id = m.event_id), ''),"
                            " m.length, m.role, m.last_used FROM media m"),
             QStringLiteral("DROP TABLE events"),
             QStringLiteral("DROP TABLE media"),
             QStringLiteral("ALTER TABLE events_v3 RENAME TO events"),
             QStringLiteral("ALTER TABLE media_v3 RENAME TO media"),
             QStringLiteral(
                 "CREATE INDEX events_by_time ON events (account, ts DESC, id, device_id)"),
             QStringLiteral(
                 "CREATE INDEX events_by_device ON events (account, device_id, ts DESC)"),
             QStringLiteral("CREATE INDEX media_by_use ON media (last_used)"),
             QStringLiteral("CREATE INDEX media_by_event ON media (account, event_id, device_id)"),
             QStringLiteral("DROP INDEX audit_by_event"),
             QStringLiteral("CREATE INDEX audit_by_event ON audit (account, event_id, device_id)"),
         }},
        {4,
         {
             // A blocked item the person dismissed: gone from the grid and the counts, still
             // in diagnostics. An upsert of the same entry leaves it as it was.
             QStringLiteral("ALTER TABLE events ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0"),
         }},
    };
}

} // namespace vf::store
