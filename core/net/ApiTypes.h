#pragma once
// The plain data of cloud-api.md as the client reads it. Nothing here is trusted: names are
// for display only, and attestation and claim bytes go to core/trust before anything else.
#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace vf::net {

// The answer of a login, and of a refresh (the same shape).
struct LoginAnswer {
    QByteArray token;
    QString userId;      // the cloud's word only: U comes from the verified identity
    QByteArray identity; // COSE_Sign1, trust.md §8
    // cloud-api.md §1 v2, absent from a v1 cloud's answer: when token stops working (ms
    // since the epoch, by the cloud's clock) and the token that renews the sign-in (empty:
    // it cannot be renewed, the password is needed again).
    std::optional<qint64> expiresAtMs;
    QByteArray refreshToken;
};

struct DeviceInfo {
    QString id;
    QString name;
    QString model;
    bool online = false;
};

struct ListingEntry {
    QString id;
    QString deviceId;
    QString deviceName;
    QString kind;
    qint64 timestampMs = 0;
    qint64 durationMs = 0;
    QByteArray attestation;
    QByteArray claim;      // empty: the entry carries no claim
    QString thumbnailPath; // relative to the server base URL
    QString clipPath;      // empty: no clip
};

// An entry the listing carried but that breaks the bounds on cloud strings (cloud-api.md §7
// v2: an event or device ID over 200 characters, a media path over 1,000): it is refused as
// `malformed` and reported, never stored. Its IDs are already cut to 200 characters.
struct MalformedEntry {
    QString eventId;
    QString deviceId;
    QString detail;
};

struct EventPage {
    QList<ListingEntry> events;      // every string within bounds; names and kinds cut
    QList<MalformedEntry> malformed; // refused entries, in listing order among themselves
    QString nextCursor;              // empty on the last page
};

struct EventQuery {
    int limit = 50;
    QString cursor;
    QString deviceId;
    QString kind;
    std::optional<qint64> sinceMs;
    std::optional<qint64> untilMs;
};

} // namespace vf::net
