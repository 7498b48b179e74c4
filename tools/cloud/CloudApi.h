#pragma once
// The endpoints of cloud-api.md as plain functions from an ApiRequest to a CloudReply. They
// run on worker threads, concurrently: everything they touch is either immutable after
// construction or thread-safe (the repository's per-thread connections, the injector's rogue
// PKI). Every one of them answers garbage with a JSON error, never an exception or a crash.
#include "ApiRequest.h"
#include "CloudReply.h"
#include "CloudRepository.h"
#include "CloudTraffic.h"
#include "DemoWorld.h"
#include "DuplicateIdEntries.h"
#include "FaultInjector.h"
#include "SessionAuthority.h"

#include <QMutex>

namespace vf::cloud {

class CloudApi {
public:
    static constexpr int kDefaultLimit = 50;
    static constexpr int kMaxLimit = 200;
    static constexpr qsizetype kMaxJsonBody = 64 * 1024;
    static constexpr qint64 kIdentityLifetimeS = 24 * 3600;

    CloudApi(CloudDatabase &database, const QString &dataDir, const DemoWorld &world,
             const FaultPlan &faults, SessionPolicy sessions = {});
    // faults is shared with the caller, who may replace the plan at any time (thread-safe).
    CloudApi(CloudDatabase &database, const QString &dataDir, const DemoWorld &world,
             std::shared_ptr<LiveFaultPlan> faults, SessionPolicy sessions = {});

    CloudReply login(const ApiRequest &request) const;          // POST /v1/session
    CloudReply refreshSession(const ApiRequest &request) const; // POST /v1/session/refresh
    CloudReply signOut(const ApiRequest &request) const;        // DELETE /v1/session
    CloudReply devices(const ApiRequest &request) const;        // GET /v1/devices
    CloudReply events(const ApiRequest &request) const;         // GET /v1/events
    CloudReply media(const ApiRequest &request, const QString &eventId,
                     const QString &role) const;             // GET /v1/media/EVENT/ROLE
    CloudReply fileReport(const ApiRequest &request) const;  // POST /v1/integrity-reports
    CloudReply listReports(const ApiRequest &request) const; // GET /v1/integrity-reports
    CloudReply revocations(const ApiRequest &request) const; // GET /v1/trust/revocations

    const FaultInjector &faults() const { return m_faults; }

    // Reports stored for userId, or for every account when userId is empty; -1 on a database
    // error. Any thread.
    int reportCount(const QString &userId) const;
    bool publishRevocations(quint64 seq, const QByteArray &cose, QString *error);
    // Serves cose instead of the stored list for as long as the stored list's seq is seq: a
    // conflicting same-seq list (RevocationAuthority::conflictingTwin), which is never
    // stored. A newer stored list ends it. Any thread.
    void serveConflictingRevocations(quint64 seq, const QByteArray &cose);

    // The opaque cursor of a listing position (exposed for tests of bad cursors).
    static QString encodeCursor(qint64 ts, const QString &id);
    static std::optional<std::pair<qint64, QString>> decodeCursor(const QString &cursor);

    // Where to count what is delivered (owned by the server; may stay null).
    void setTraffic(CloudTraffic *traffic) { m_traffic = traffic; }

private:
    // Who the request's bearer token speaks for; when no one, answer unauthorized(problem).
    SessionAuthority::Caller authenticate(const ApiRequest &request) const;
    static CloudReply unauthorized(const QString &problem);
    // The answer of a login or refresh (cloud-api.md §1): the tokens and a fresh identity.
    CloudReply sessionAnswer(const Account &account, const SessionTokens &tokens,
                             qint64 nowMs) const;
    // The request's fault plan (its snapshot, or the plan in force now).
    FaultInjector::PlanSnapshot faultsFor(const ApiRequest &request) const;

    CloudRepository m_repository;
    SessionAuthority m_sessions;
    const DemoWorld &m_world;
    mutable FaultInjector m_faults;
    mutable DuplicateIdEntries m_duplicates; // the dup-id fault
    CloudTraffic *m_traffic = nullptr;
    mutable QMutex m_conflictMutex;
    std::optional<StoredRevocations> m_conflicting; // guarded by m_conflictMutex
};

} // namespace vf::cloud
