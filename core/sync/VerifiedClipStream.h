#pragma once
// A clip streamed from the cloud with Range requests and released to the decoder segment
// by segment, only as each segment's SHA-256 matches the attestation (ClipStreamVerifier).
// Before the first byte is asked for, every other check of trust.md §6 runs for the
// signed-in account (authorisedForStream). The first bad segment refuses the whole clip:
// nothing more is released, the event is marked refused and the report queued.
// `displayed` (role clip, the attested SHA-256 of the clip) is logged when the first
// verified bytes are released, i.e. handed to the decoder.
#include "ApiClient.h"
#include "ClipStreamVerifier.h"
#include "StoredEvent.h"
#include "SyncContext.h"

#include <QObject>
#include <memory>

namespace vf::sync {

class VerifiedClipStream : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kChunkBytes = 256 * 1024;
    enum class State { Idle, Streaming, Complete, Refused, Failed };
    Q_ENUM(State)

    VerifiedClipStream(vf::net::ApiClient &api, SyncContext context, vf::store::StoredEvent event,
                       QObject *parent = nullptr);
    ~VerifiedClipStream() override;

    void start();
    void cancel();
    State state() const { return m_state; }
    qint64 totalBytes() const { return m_total; }
    qint64 releasedBytes() const { return m_released; }
    const vf::trust::Verdict &authorisation() const { return m_authorisation; }

Q_SIGNALS:
    // Verified bytes at clip offset `offset`, in order; the decoder may use them.
    void verifiedBytes(const QByteArray &bytes, qint64 offset);
    void completed();
    void refused(const QString &reason, const QString &detail);
    void failed(const QString &message); // network, retryable; nothing unverified released

private:
    void requestNext();
    void onChunk(vf::net::ApiCall *call);
    void release(const QByteArray &bytes);
    void refuse(const vf::trust::Verdict &verdict);
    void refuseMismatch();

    vf::net::ApiClient &m_api;
    SyncContext m_context;
    vf::store::StoredEvent m_event;
    vf::trust::Verdict m_authorisation;
    std::unique_ptr<vf::trust::ClipStreamVerifier> m_verifier;
    vf::net::ApiCall *m_call = nullptr;
    State m_state = State::Idle;
    qint64 m_total = 0;
    qint64 m_requested = 0;
    qint64 m_released = 0;
};

} // namespace vf::sync
