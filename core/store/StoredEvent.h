#pragma once
// One event of an account's timeline as the store keeps it: the listing fields, the
// signed objects that came with it, and the outcome of verifying its thumbnail.
#include <QByteArray>
#include <QDate>
#include <QHashFunctions>
#include <QString>
#include <optional>

namespace vf::store {

enum class VerificationState { Loading = 0, Verified = 1, Refused = 2 };

// What identifies an entry (trust.md §6 v2): the event ID alone does not, since two
// cameras (or a cloud mixing accounts up) may list one ID twice. Everything the client
// holds about an entry (its row, cached media, tile, fetch, report) is keyed by both.
struct EventKey {
    QString eventId;
    QString deviceId;

    bool isValid() const { return !eventId.isEmpty() && !deviceId.isEmpty(); }
    friend bool operator==(const EventKey &a, const EventKey &b) {
        return a.eventId == b.eventId && a.deviceId == b.deviceId;
    }
    friend bool operator!=(const EventKey &a, const EventKey &b) { return !(a == b); }
    friend size_t qHash(const EventKey &key, size_t seed = 0) {
        return qHashMulti(seed, key.eventId, key.deviceId);
    }
};

struct StoredEvent {
    QString id;
    QString deviceId;
    QString deviceName;
    QString kind;
    qint64 timestampMs = 0;
    qint64 durationMs = 0;
    QByteArray attestation; // COSE_Sign1 bytes as received
    QByteArray claim;
    QString thumbnailUrl;
    QString clipUrl;
    VerificationState state = VerificationState::Loading;
    QString reason;             // reason code when refused ("" otherwise)
    QString role;               // "owner" / "viewer" when verified
    QByteArray thumbnailSha256; // of the verified thumbnail (32 bytes), empty otherwise
    bool dismissed = false;     // a blocked item the person dismissed from the grid

    EventKey key() const { return {id, deviceId}; }
};

// Where a page ends: the next page starts after this (ts desc, id asc, device_id asc)
// position. The device is part of it: two entries may share a time and an ID.
struct EventCursor {
    qint64 timestampMs = 0;
    QString id;
    QString deviceId;
};

struct EventFilter {
    QString deviceId;              // empty: every device
    QString kind;                  // empty: every kind
    std::optional<qint64> sinceMs; // inclusive
    std::optional<qint64> untilMs; // exclusive
    bool refusedOnly = false;
    bool includeDismissed = false; // diagnostics: dismissed blocked items too
};

// What an account's verified entries of one camera say: how many there are, and the
// access ("owner" / "viewer") the newest of them was verified for.
struct VerifiedDevice {
    QString deviceId;
    QString role;
    int count = 0;
};

struct DayCount {
    QDate day;
    int count = 0;
};

// An entry as a timeline needs it: when, and the verdict; nothing else is read (no
// attestation, claim or names).
struct TimelinePoint {
    qint64 timestampMs = 0;
    VerificationState state = VerificationState::Loading;
};

} // namespace vf::store
