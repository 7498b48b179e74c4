#pragma once
// The only way from the cache to a decoder. At every display, from the cache too, the
// event's cached bytes are verified again for the signed-in account (trust.md §6: the owner
// check is never cached). A verdict already held for the same attestation, claim and bytes
// is reused for what content alone decided, so this costs the SHA-256 of the bytes, a memo
// lookup and the checks of the request, the clock, the list and the account, no signature
// check (AttestationVerifier::verify, HeldVerdict). Only then is the `displayed` line
// written and the bytes handed to the decoder. A gate belongs to one account; close() (sign-out,
// account switch) makes it refuse everything from then on, even to callers already
// holding it on another thread.
#include "StoredEvent.h"
#include "SyncContext.h"

#include <QReadWriteLock>
#include <functional>

namespace vf::sync {

class VerifiedMediaGate {
public:
    enum class Outcome {
        Released,    // the decoder ran on verified bytes
        Refused,     // verified no longer (revoked, transferred...): purged and reported
        NotVerified, // the event is loading, refused or unknown for this account
        NotCached,   // verified once, but the bytes are gone: the sync fetches them again
        Closed,      // the session ended
    };
    struct Result {
        Outcome outcome = Outcome::NotVerified;
        QString reason; // reason code when refused
    };

    explicit VerifiedMediaGate(SyncContext context);

    QString account() const { return m_context.account; }
    // The account's cache partition name, as it appears in image URLs.
    QString partition() const { return m_partition; }

    // Thread-safe. decoder runs (on the calling thread) only with bytes that have just
    // been verified for this gate's account, right after `displayed` is logged. The entry
    // is named by event and device: the same event ID from another device is another entry.
    Result releaseThumbnail(const vf::store::EventKey &key,
                            const std::function<void(const QByteArray &)> &decoder);

    void close();
    bool isClosed() const;

    // Called after a refusal found here, on the calling thread (the session uses it to
    // refresh the model); must be thread-safe.
    void setRefusalObserver(std::function<void(const vf::store::EventKey &key)> observer);

private:
    SyncContext m_context;
    QString m_partition;
    // Held for reading while bytes are being released: close() waits for those to finish.
    mutable QReadWriteLock m_lock;
    bool m_closed = false;
    std::function<void(const vf::store::EventKey &)> m_onRefused;
};

} // namespace vf::sync
