#pragma once
// One event of an account's timeline as the store keeps it: the listing fields, the
// signed objects that came with it, and the outcome of verifying its thumbnail.
#include <QByteArray>
#include <QDate>
#include <QString>
#include <optional>

namespace vf::store {

enum class VerificationState { Loading = 0, Verified = 1, Refused = 2 };

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
};

// Where a page ends: the next page starts after this (ts desc, id asc) position.
struct EventCursor {
    qint64 timestampMs = 0;
    QString id;
};

struct EventFilter {
    QString deviceId;              // empty: every device
    QString kind;                  // empty: every kind
    std::optional<qint64> sinceMs; // inclusive
    std::optional<qint64> untilMs; // exclusive
    bool refusedOnly = false;
};

struct DayCount {
    QDate day;
    int count = 0;
};

} // namespace vf::store
