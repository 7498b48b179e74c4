#pragma once
// Everything the client keeps on disk for one data directory, opened together:
// veriframe.sqlite (events, media index, audit) with DATA_DIR/media, and outbox.sqlite
// (reports, revocation state). Damage is repaired at open and reported in health():
// a damaged cache is quarantined and rebuilt from the cloud; a damaged outbox is
// quarantined, never deleted, and its readable reports are carried over.
#include "AuditLog.h"
#include "Database.h"
#include "EventStore.h"
#include "MediaCache.h"
#include "ReportOutbox.h"
#include "SqliteRevocationState.h"
#include "StoreHealth.h"
#include "StoreLocation.h"

#include <memory>

namespace vf::store {

class Store {
public:
    // Opens (creating) the store in dataDir; nullptr (and *error) only if it cannot be
    // used at all, e.g. the directory is not writable or a damaged outbox cannot be moved.
    static std::unique_ptr<Store> open(const QString &dataDir, QString *error);
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    const StoreLocation &location() const { return m_location; }
    Database &cacheDatabase() { return *m_cacheDb; }
    Database &outboxDatabase() { return *m_outboxDb; }
    MediaCache &media() { return *m_media; }
    EventStore &events() { return *m_events; }
    AuditLog &audit() { return *m_audit; }
    ReportOutbox &outbox() { return *m_outbox; }
    StoreHealth &health() { return m_health; }

    // The persisted revocation state for this set of trust anchors.
    std::unique_ptr<SqliteRevocationState> revocationState(const QByteArray &anchorsFingerprint);

    // A refusal: one audit entry and one queued report (idempotent per event, role and
    // reason). The refused bytes are not an argument: they are never kept.
    EnqueueResult recordRefusal(const QString &account, const QString &eventId,
                                const QString &deviceId, vf::trust::MediaRole role,
                                const vf::trust::Verdict &verdict, qint64 nowMs,
                                const QString &appVersion);

    // The audit lines of the account's queued reports that have none: recordRefusal commits
    // the report first and the audit line after it (two databases), so a process killed
    // in between leaves a report without its line. Run at sign-in, before any is sent.
    // Returns how many lines were written.
    int auditQueuedReports(const QString &account);

    // Wipes the account's cached media, events and audit log. Its queued reports stay and are still
    // delivered: a refusal is evidence the cloud must get whoever signs in next.
    bool signOut(const QString &account, QString *error);

private:
    bool hasAuditLine(const QString &account, const QString &eventId, const QString &deviceId,
                      const QString &role, const QString &reason);
    explicit Store(StoreLocation location);
    bool openOutbox(QString *error);
    bool openCache(QString *error);

    StoreLocation m_location;
    StoreHealth m_health;
    // Databases first: the parts below hold references and are destroyed before them.
    std::unique_ptr<Database> m_outboxDb;
    std::unique_ptr<Database> m_cacheDb;
    std::unique_ptr<ReportOutbox> m_outbox;
    std::unique_ptr<MediaCache> m_media;
    std::unique_ptr<EventStore> m_events;
    std::unique_ptr<AuditLog> m_audit;
};

} // namespace vf::store
