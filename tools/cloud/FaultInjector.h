#pragma once
// Applies a FaultPlan to what the API is about to answer: a listing entry, a media item, a
// whole request. Each fault changes exactly one thing so a client refuses with exactly one
// reason: mixup → foreign_owner, claim-swap → claim_device_mismatch, stale-claim →
// claim_not_bound, forge → device_untrusted, thumb-swap and tamper → media_mismatch.
#include "CloudRepository.h"
#include "FaultPlan.h"
#include "RogueCameras.h"

namespace vf::cloud {

class FaultInjector {
public:
    FaultInjector(FaultPlan plan, const CloudRepository &repository);

    const FaultPlan &plan() const { return m_plan; }

    // The entry as the faulty cloud lists it to userId.
    EventEntry applyToEntry(const EventEntry &entry, const QString &userId);

    // mixup is the cloud handing out media by ID without asking whose it is: while it is on,
    // media of events the account cannot see are served too.
    bool servesForeignMedia() const { return m_plan.isActive(Fault::Mixup); }

    // The event whose bytes are served for (eventId, role) to userId (thumb-swap).
    QString mediaSource(const QString &eventId, const QString &role, const QString &userId) const;
    // Flips bytes of served media (tamper); the whole item, before any Range is cut from it.
    void tamper(QByteArray &bytes, const QString &eventId, const QString &role,
                const QString &userId) const;

    bool failsRequest(quint64 serial) const;
    bool delaysRequest(quint64 serial) const;

private:
    FaultPlan m_plan;
    const CloudRepository &m_repository;
    RogueCameras m_rogues;
};

} // namespace vf::cloud
