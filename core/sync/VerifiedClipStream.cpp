#include "VerifiedClipStream.h"

#include "ThumbnailJudge.h"

#include <QDateTime>

namespace vf::sync {

using vf::trust::MediaRole;

VerifiedClipStream::VerifiedClipStream(vf::net::ApiClient &api, SyncContext context,
                                       vf::store::StoredEvent event, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_context(std::move(context))
    , m_event(std::move(event)) {}

VerifiedClipStream::~VerifiedClipStream() {
    cancel();
}

void VerifiedClipStream::start() {
    if (m_state != State::Idle)
        return;
    if (m_event.clipUrl.isEmpty()) {
        m_state = State::Failed;
        Q_EMIT failed(tr("This event has no clip."));
        return;
    }
    m_authorisation = m_context.verifier->verify(mediaRequest(
        m_context, m_event, MediaRole::Clip, nullptr, QDateTime::currentMSecsSinceEpoch()));
    if (!m_authorisation.authorisedForStream() || !m_authorisation.evidence.attestedMedia) {
        refuse(m_authorisation);
        return;
    }
    const vf::trust::MediaDescriptor &media = *m_authorisation.evidence.attestedMedia;
    m_total = media.length;
    m_verifier = std::make_unique<vf::trust::ClipStreamVerifier>(media);
    m_state = State::Streaming;
    requestNext();
}

void VerifiedClipStream::cancel() {
    if (m_call) {
        vf::net::ApiCall *call = std::exchange(m_call, nullptr);
        call->cancel();
    }
    if (m_state == State::Streaming)
        m_state = State::Idle;
}

void VerifiedClipStream::requestNext() {
    if (m_requested >= m_total) {
        const QByteArray rest = m_verifier->finish();
        if (m_verifier->state() != vf::trust::ClipStreamVerifier::State::Complete) {
            refuseMismatch();
            return;
        }
        release(rest);
        m_state = State::Complete;
        Q_EMIT completed();
        return;
    }
    const qint64 to = qMin(m_total, m_requested + kChunkBytes) - 1;
    m_call = m_api.mediaRange(m_event.clipUrl, m_requested, to);
    vf::net::ApiCall *call = m_call;
    connect(call, &vf::net::ApiCall::finished, this, [this, call] { onChunk(call); });
}

void VerifiedClipStream::onChunk(vf::net::ApiCall *call) {
    call->deleteLater();
    if (call != m_call)
        return;
    m_call = nullptr;
    const vf::net::ApiResult &result = call->result();
    if (!result.ok()) {
        m_state = State::Failed;
        Q_EMIT failed(result.error->describe());
        return;
    }
    m_requested += result.body.size();
    if (result.body.isEmpty()) {
        m_state = State::Failed;
        Q_EMIT failed(tr("The cloud sent an empty part of the clip."));
        return;
    }
    const QByteArray verified = m_verifier->feed(result.body);
    if (m_verifier->state() == vf::trust::ClipStreamVerifier::State::Refused) {
        refuseMismatch();
        return;
    }
    release(verified);
    if (m_state == State::Streaming)
        requestNext();
}

void VerifiedClipStream::release(const QByteArray &bytes) {
    if (bytes.isEmpty())
        return;
    if (m_released == 0)
        m_context.log->displayed(m_event.id, m_event.deviceId, QStringLiteral("clip"),
                                 m_authorisation.evidence.attestedMedia->sha256);
    const qint64 offset = m_released;
    m_released += bytes.size();
    Q_EMIT verifiedBytes(bytes, offset);
}

void VerifiedClipStream::refuseMismatch() {
    // Check 8 failed on the stream: the authorisation's evidence with the stream's finding.
    vf::trust::Verdict verdict = m_authorisation;
    verdict.reason = vf::trust::Reason::MediaMismatch;
    verdict.detail = m_verifier->detail();
    verdict.mediaPending = false;
    refuse(verdict);
}

void VerifiedClipStream::refuse(const vf::trust::Verdict &verdict) {
    m_state = State::Refused;
    recordRefusal(m_context, m_event, MediaRole::Clip, verdict,
                  QDateTime::currentMSecsSinceEpoch());
    Q_EMIT refused(vf::trust::reasonCode(verdict.reason), verdict.detail);
}

} // namespace vf::sync
