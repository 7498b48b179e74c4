#pragma once
// Every query the API runs, on the calling thread's connection. Stateless apart from the
// database, so one instance serves all worker threads.
#include "CloudDatabase.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace vf::cloud {

// One listing row (cloud-api.md §3) before it is turned into JSON.
struct EventEntry {
    QString id;
    QString deviceId;
    QString deviceName;
    QString kind;
    qint64 ts = 0;
    qint64 durationMs = 0;
    QByteArray ownCti;
    QByteArray attestation;
    QByteArray claim;
    bool hasClip = false;
};

struct EventFilter {
    QString device;              // empty: any
    QString kind;                // empty: any
    std::optional<qint64> since; // ts >= since
    std::optional<qint64> until; // ts < until
    // Keyset paging: strictly older than (ts, id) in (ts DESC, id DESC) order.
    std::optional<std::pair<qint64, QString>> before;
    int limit = 50;
};

struct DeviceEntry {
    QString id;
    QString name;
    QString model;
    bool online = true;
};

struct Account {
    QString userId;
    QString username;
    QByteArray salt;
    QByteArray hash;
};

// A signed revocation list as stored (one per seq).
struct StoredRevocations {
    quint64 seq = 0;
    QByteArray cose;
};

struct MediaFile {
    QString path; // absolute
    QByteArray mime;
};

class CloudRepository {
public:
    enum class StoreResult { Stored, Duplicate, Failed };

    CloudRepository(CloudDatabase &database, QString dataDir);

    std::optional<Account> accountByName(const QString &username) const;
    std::optional<Account> accountById(const QString &userId) const;

    // Cameras the account owns or has been shared now (a claim without exp, or exp later).
    QList<DeviceEntry> devicesFor(const QString &userId, qint64 nowS) const;
    // Events the account's claims unlock, newest first, each with the claim that unlocks it.
    QList<EventEntry> eventsFor(const QString &userId, const EventFilter &filter) const;
    bool canAccess(const QString &userId, const QString &eventId) const;

    // For the faults: an event with its owner's claim; an event the account cannot see; a
    // claim of another camera; a former owner's claim of the same camera; another event's
    // media. The picks are deterministic in n (rows probed by rowid, else the n-th mod count).
    std::optional<EventEntry> eventWithOwnerClaim(const QString &eventId) const;
    std::optional<EventEntry> foreignEvent(const QString &userId, quint64 n) const;
    QByteArray claimOfOtherDevice(const QString &deviceId, quint64 n) const;
    QByteArray formerOwnerClaim(const QString &deviceId, const QByteArray &currentCti) const;
    QString otherEventWithMedia(const QString &eventId, const QString &role, quint64 n) const;
    QByteArray attestationPayload(const QString &eventId) const;
    QString deviceKeyType(const QString &deviceId) const; // "ES256" / "EdDSA"

    std::optional<MediaFile> media(const QString &eventId, const QString &role) const;

    StoreResult storeReport(const QString &reportId, const QString &userId, const QJsonObject &body,
                            qint64 nowMs) const;
    QList<QJsonObject> reportsFor(const QString &userId) const;
    // Reports stored for userId (every account's when empty); -1 when the query fails.
    int reportCount(const QString &userId) const;

    QByteArray latestRevocations() const;
    std::optional<StoredRevocations> latestRevocationList() const;
    // A newer signed list (tests, support tooling); false when seq is not above the latest.
    bool addRevocations(quint64 seq, const QByteArray &cose, QString *error);

private:
    CloudDatabase &m_db;
    QString m_dataDir;
};

} // namespace vf::cloud
