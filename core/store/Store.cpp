#include "Store.h"

#include "CacheSchema.h"
#include "OutboxSalvage.h"
#include "OutboxSchema.h"
#include "Quarantine.h"
#include "SqlSupport.h"
#include "StoreLog.h"
#include "Verdict.h"

#include <QDir>

namespace vf::store {

namespace {
DatabaseOptions cacheOptions(const StoreLocation &location) {
    return {location.cacheDatabasePath(), Durability::Normal, cacheMigrations()};
}
DatabaseOptions outboxOptions(const StoreLocation &location) {
    return {location.outboxDatabasePath(), Durability::Full, outboxMigrations()};
}
} // namespace

Store::Store(StoreLocation location)
    : m_location(std::move(location)) {}

Store::~Store() {
    m_audit.reset();
    m_events.reset();
    m_media.reset();
    m_outbox.reset();
    m_cacheDb.reset();
    m_outboxDb.reset();
}

std::unique_ptr<Store> Store::open(const QString &dataDir, QString *error) {
    std::unique_ptr<Store> store(new Store(StoreLocation(dataDir)));
    if (!store->m_location.ensureExists(error))
        return nullptr;
    // The outbox first: if it cannot be made safe, nothing else should start.
    if (!store->openOutbox(error) || !store->openCache(error))
        return nullptr;
    return store;
}

bool Store::openOutbox(QString *error) {
    m_outboxDb = std::make_unique<Database>(outboxOptions(m_location));
    QString damage;
    if (m_outboxDb->open(&damage)) {
        m_outbox = std::make_unique<ReportOutbox>(*m_outboxDb);
        return true;
    }
    m_outboxDb->close();
    const QString folder = quarantinePaths(
        m_location, StoreLocation::withCompanions(m_location.outboxDatabasePath()), error);
    if (folder.isEmpty())
        return false; // never start over on top of reports we could not move aside
    m_outboxDb = std::make_unique<Database>(outboxOptions(m_location));
    if (!m_outboxDb->open(error))
        return false;
    m_outbox = std::make_unique<ReportOutbox>(*m_outboxDb);
    const SalvageResult salvage =
        salvageOutbox(folder + QStringLiteral("/outbox.sqlite"), *m_outboxDb, *m_outbox);
    qCWarning(lcStore, "vf::store: outbox damaged (%s); %d reports recovered, original kept in %s",
              qPrintable(damage), salvage.reportsCopied, qPrintable(folder));
    StoreNotice notice;
    notice.kind = StoreNotice::Kind::OutboxSalvaged;
    notice.message = QStringLiteral("The file of integrity reports waiting to be sent was "
                                    "damaged. %1 reports were recovered and will be sent; the "
                                    "original file is kept in %2.")
                         .arg(salvage.reportsCopied)
                         .arg(folder);
    notice.detail =
        damage +
        (salvage.problems.isEmpty() ? QString() : QStringLiteral(" / ") + salvage.problems);
    notice.quarantinePath = folder;
    notice.salvagedReports = salvage.reportsCopied;
    m_health.add(notice);
    return true;
}

bool Store::openCache(QString *error) {
    m_cacheDb = std::make_unique<Database>(cacheOptions(m_location));
    QString damage;
    if (!m_cacheDb->open(&damage)) {
        m_cacheDb->close();
        // The media index went with the database, so the media files go aside with it.
        QStringList paths = StoreLocation::withCompanions(m_location.cacheDatabasePath());
        paths.append(m_location.mediaDir());
        const QString folder = quarantinePaths(m_location, paths, error);
        if (folder.isEmpty() || !m_location.ensureExists(error))
            return false;
        m_cacheDb = std::make_unique<Database>(cacheOptions(m_location));
        if (!m_cacheDb->open(error))
            return false;
        qCWarning(lcStore, "vf::store: cache damaged (%s); quarantined in %s and rebuilt",
                  qPrintable(damage), qPrintable(folder));
        StoreNotice notice;
        notice.kind = StoreNotice::Kind::CacheRebuilt;
        notice.message = QStringLiteral("Your local cache was damaged and has been rebuilt. "
                                        "Events will be loaded again from the cloud.");
        notice.detail = damage;
        notice.quarantinePath = folder;
        m_health.add(notice);
    }
    m_media = std::make_unique<MediaCache>(*m_cacheDb, m_location.mediaDir());
    m_events = std::make_unique<EventStore>(*m_cacheDb);
    m_audit = std::make_unique<AuditLog>(*m_cacheDb);
    return true;
}

std::unique_ptr<SqliteRevocationState>
Store::revocationState(const QByteArray &anchorsFingerprint) {
    return std::make_unique<SqliteRevocationState>(*m_outboxDb, anchorsFingerprint);
}

bool Store::hasAuditLine(const QString &account, const QString &eventId, const QString &deviceId,
                         const QString &role, const QString &reason) {
    AuditFilter filter;
    filter.eventId = eventId;
    filter.deviceId = deviceId;
    filter.reason = reason;
    for (const AuditEntry &e : m_audit->list(account, filter))
        if (e.role == role)
            return true;
    return false;
}

EnqueueResult Store::recordRefusal(const QString &account, const QString &eventId,
                                   const QString &deviceId, vf::trust::MediaRole role,
                                   const vf::trust::Verdict &verdict, qint64 nowMs,
                                   const QString &appVersion) {
    // The report first: it is what must not be lost; the audit line is local diagnostics.
    EnqueueResult queued = m_outbox->enqueue(
        account, IntegrityReport::fromRefusal(eventId, deviceId, role, verdict, nowMs, appVersion),
        nowMs);
    // The audit line once per report. Also when the report already existed: a process
    // killed between the outbox commit and this line would otherwise never audit it.
    const bool audited =
        queued.report && !queued.created &&
        hasAuditLine(account, eventId, deviceId, queued.report->role, queued.report->reason);
    QString auditError;
    if (queued.report && !audited &&
        !m_audit->append(AuditEntry::fromRefusal(account, eventId, deviceId, role, verdict, nowMs),
                         &auditError))
        qCWarning(lcAuditLog, "vf::store: audit entry not written: %s", qPrintable(auditError));
    return queued;
}

int Store::auditQueuedReports(const QString &account) {
    int written = 0;
    for (const QueuedReport &q : m_outbox->pending(account)) {
        const IntegrityReport &r = q.report;
        if (r.isAboutRevocations())
            continue; // about a list, not an entry: the audit log is per entry
        if (hasAuditLine(account, r.eventId, r.deviceId, r.role, r.reason))
            continue;
        AuditEntry e;
        e.timeMs = r.clientTimeMs;
        e.account = account;
        e.eventId = r.eventId;
        e.deviceId = r.deviceId;
        e.role = r.role;
        e.reason = r.reason;
        e.detail = r.detail;
        e.observedSha256 = r.observedSha256;
        e.claimCti = r.claimId;
        e.attestedDevice = r.attestedDevice;
        QString error;
        if (m_audit->append(e, &error))
            ++written;
        else
            qCWarning(lcAuditLog, "vf::store: audit entry not written: %s", qPrintable(error));
    }
    return written;
}

bool Store::signOut(const QString &account, QString *error) {
    // Issue 18: the account's events, cached media and audit log; its unsent reports stay in
    // the outbox until they are sent (a later sign-in audits them again).
    return m_media->wipeAccount(account, error) && m_events->wipeAccount(account, error) &&
           m_audit->wipeAccount(account, error);
}

} // namespace vf::store
