#pragma once
// The one place where a thumbnail's verdict turns into state: verified bytes go to the
// account's cache and the event is marked verified; a refusal is logged, audited, queued
// as a report (before anything else can fail) and the event is marked refused, and the
// refused bytes are dropped with the caller's copy. Used by the sync (first sight), the
// revalidation after a revocation, and the display gate (every display). Any thread.
#include "StoredEvent.h"
#include "SyncContext.h"

#include <optional>

namespace vf::store {
struct EnqueueResult;
}

namespace vf::sync {

struct Judgement {
    vf::trust::Verdict verdict;
    QString storeError;              // verified, but the cache could not take it
    std::optional<QString> reportId; // the refusal's report (new or already queued)
    bool reportCreated = false;
};

// The request for one of the event's media (bytes null: a clip about to be streamed).
vf::trust::VerificationRequest mediaRequest(const SyncContext &context,
                                            const vf::store::StoredEvent &event,
                                            vf::trust::MediaRole role, const QByteArray *bytes,
                                            qint64 nowMs);

// Verifies and records. cacheVerified: false when the bytes came from the cache already.
Judgement judgeThumbnail(const SyncContext &context, const vf::store::StoredEvent &event,
                         const QByteArray &bytes, qint64 nowMs, bool cacheVerified);

// Records a refusal of event's media in role (the bytes are never an argument).
Judgement recordRefusal(const SyncContext &context, const vf::store::StoredEvent &event,
                        vf::trust::MediaRole role, const vf::trust::Verdict &verdict, qint64 nowMs);

} // namespace vf::sync
