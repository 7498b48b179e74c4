#include "ThumbnailJudge.h"

#include "Store.h"

namespace vf::sync {

using vf::store::VerificationState;
using vf::trust::MediaRole;

vf::trust::VerificationRequest mediaRequest(const SyncContext &context,
                                            const vf::store::StoredEvent &event, MediaRole role,
                                            const QByteArray *bytes, qint64 nowMs) {
    vf::trust::VerificationRequest request;
    request.eventId = event.id;
    request.deviceId = event.deviceId;
    request.attestation = event.attestation;
    request.claim = event.claim;
    request.role = role;
    request.media = bytes;
    request.userId = context.account;
    request.nowMs = nowMs;
    return request;
}

Judgement judgeThumbnail(const SyncContext &context, const vf::store::StoredEvent &event,
                         const QByteArray &bytes, qint64 nowMs, bool cacheVerified) {
    const vf::trust::Verdict verdict =
        context.verifier->verify(mediaRequest(context, event, MediaRole::Thumbnail, &bytes, nowMs));
    if (!verdict.verified())
        return recordRefusal(context, event, MediaRole::Thumbnail, verdict, nowMs);

    Judgement out;
    out.verdict = verdict;
    QString error;
    if (cacheVerified &&
        !context.store->media().storeVerified(context.account, bytes, verdict, &error)) {
        out.storeError = error;
        return out;
    }
    if (!context.store->events().setVerification(
            context.account, event.key(), VerificationState::Verified, QString(),
            vf::trust::grantRoleName(verdict.role), verdict.evidence.observedSha256, &error))
        out.storeError = error;
    return out;
}

Judgement recordRefusal(const SyncContext &context, const vf::store::StoredEvent &event,
                        MediaRole role, const vf::trust::Verdict &verdict, qint64 nowMs) {
    Judgement out;
    out.verdict = verdict;
    const QString code = vf::trust::reasonCode(verdict.reason);
    context.log->refused(event.id, event.deviceId, vf::trust::mediaRoleName(role), code);
    // The report before the state: it is what must not be lost.
    const vf::store::EnqueueResult queued = context.store->recordRefusal(
        context.account, event.id, event.deviceId, role, verdict, nowMs, context.appVersion);
    if (queued.report) {
        out.reportId = queued.report->reportId;
        out.reportCreated = queued.created;
        if (queued.created)
            context.log->reported(queued.report->reportId, event.id, QStringLiteral("queued"));
    } else {
        out.storeError = queued.error;
    }
    QString error;
    if (role == MediaRole::Thumbnail || event.state == VerificationState::Verified) {
        // A refused clip also withdraws the event's verified thumbnail: the event as a
        // whole is no longer shown. Only this entry's: another entry listed with the same
        // event ID (another device) keeps its bytes and state (trust.md §6 v2).
        context.store->media().removeEvent(context.account, event.key(), &error);
    }
    if (!context.store->events().setVerification(context.account, event.key(),
                                                 VerificationState::Refused, code, QString(),
                                                 QByteArray(), &error) &&
        out.storeError.isEmpty())
        out.storeError = error;
    return out;
}

} // namespace vf::sync
