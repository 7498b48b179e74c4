#pragma once
// What the Events tab keeps of one stored event: the listing fields and the verification
// outcome. Not the attestation or claim bytes, and never media bytes: a verified
// thumbnail is referred to by its hash and loaded from the verified cache when shown.
#include "StoredEvent.h"

#include <QByteArray>
#include <QString>

namespace vf::model {

struct EventRow {
    QString id;
    QString deviceId;
    QString cameraName; // the listing's device name, cleaned for display
    QString kind;
    qint64 timestampMs = 0;
    qint64 durationMs = 0;
    store::VerificationState state = store::VerificationState::Loading;
    QString reason; // reason code when refused
    QString access; // "owner" / "viewer" for verified rows only, "" otherwise
    // SHA-256 of the verified thumbnail; empty unless verified, so a row that is not
    // verified has nothing to build an image URL from.
    QByteArray thumbnailSha256;
    bool hasClip = false;
    QString errorText; // transient fetch error from the sync layer
    bool dismissed = false;

    static EventRow fromStored(const store::StoredEvent &event);
    store::EventKey key() const { return {id, deviceId}; }
};

// The store's order: newest first, then by ID and device so equal timestamps (and two
// entries with one event ID) have a fixed order.
bool sortsBefore(const EventRow &a, const EventRow &b);

// Whether the row passes the filter, with the same bounds as EventStore::page.
bool passes(const store::EventFilter &filter, const EventRow &row);

} // namespace vf::model
