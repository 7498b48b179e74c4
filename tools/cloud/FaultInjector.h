#pragma once
// Applies a FaultPlan to what the API is about to answer: a listing entry, a media item, a
// whole request. Each fault changes exactly one thing so a client refuses with exactly one
// reason: mixup → foreign_owner, claim-swap → claim_device_mismatch, stale-claim →
// claim_not_bound, forge → device_untrusted, thumb-swap and tamper → media_mismatch. The
// network faults (cloud-api.md §7 v2) break the transport instead: redirect → a 3xx the
// client must not follow, drip → a deadline, big-listing → the JSON size limit.
#include "ApiRequest.h"
#include "CloudReply.h"
#include "CloudRepository.h"
#include "FaultPlan.h"
#include "RogueCameras.h"

namespace vf::cloud {

// The plan can be replaced while requests are answered (setPlan, thread-safe): a request
// takes snapshot() when it arrives and passes it to every decision below, so one answer never
// mixes two plans. The overloads without a plan decide with the plan in force at the call.
class FaultInjector {
public:
    using PlanSnapshot = std::shared_ptr<const FaultPlan>;

    FaultInjector(FaultPlan plan, const CloudRepository &repository);
    // Shares live with its owner (CloudHost keeps it across restarts).
    FaultInjector(std::shared_ptr<LiveFaultPlan> live, const CloudRepository &repository);

    FaultPlan plan() const { return *snapshot(); }
    PlanSnapshot snapshot() const { return m_live->snapshot(); }
    void setPlan(const FaultPlan &plan) const { m_live->set(plan); }
    const std::shared_ptr<LiveFaultPlan> &live() const { return m_live; }

    // The entry as the faulty cloud lists it to userId.
    EventEntry applyToEntry(const FaultPlan &plan, const EventEntry &entry, const QString &userId);

    // mixup is the cloud handing out media by ID without asking whose it is: while it is on,
    // media of events the account cannot see are served too.
    static bool servesForeignMedia(const FaultPlan &plan) { return plan.isActive(Fault::Mixup); }

    // The event whose bytes are served for (eventId, role) to userId (thumb-swap).
    QString mediaSource(const FaultPlan &plan, const QString &eventId, const QString &role,
                        const QString &userId) const;
    // Flips bytes of served media (tamper); the whole item, before any Range is cut from it.
    static void tamper(const FaultPlan &plan, QByteArray &bytes, const QString &eventId,
                       const QString &role, const QString &userId);

    static bool failsRequest(const FaultPlan &plan, quint64 serial);
    static bool delaysRequest(const FaultPlan &plan, quint64 serial);
    // drip: this request's answer goes out one byte every FaultPlan::kDripIntervalMs.
    static bool dripsRequest(const FaultPlan &plan, quint64 serial);
    // redirect: a 307 to another origin instead of the answer (login, listing, media), with
    // the path and query of the request; nullopt when the fault does not pick it.
    static std::optional<CloudReply> redirectFor(const FaultPlan &plan, const ApiRequest &request);
    // big-listing: pads a listing's JSON over the client's 8 MiB limit (an unknown field).
    static void padListing(const FaultPlan &plan, quint64 serial, QJsonObject &listing);

    // The same with the plan in force now.
    EventEntry applyToEntry(const EventEntry &entry, const QString &userId) {
        return applyToEntry(*snapshot(), entry, userId);
    }
    bool servesForeignMedia() const { return servesForeignMedia(*snapshot()); }
    QString mediaSource(const QString &eventId, const QString &role, const QString &userId) const {
        return mediaSource(*snapshot(), eventId, role, userId);
    }
    void tamper(QByteArray &bytes, const QString &eventId, const QString &role,
                const QString &userId) const {
        tamper(*snapshot(), bytes, eventId, role, userId);
    }
    bool failsRequest(quint64 serial) const { return failsRequest(*snapshot(), serial); }
    bool delaysRequest(quint64 serial) const { return delaysRequest(*snapshot(), serial); }

private:
    std::shared_ptr<LiveFaultPlan> m_live; // never null
    const CloudRepository &m_repository;
    RogueCameras m_rogues;
};

} // namespace vf::cloud
