#pragma once
// The events of each account, newest first. Every read and write names the account:
// there is no query that returns another account's events.
#include "Database.h"
#include "StoredEvent.h"

#include <QList>

namespace vf::store {

class EventStore {
public:
    explicit EventStore(Database &db);

    // Inserts or refreshes the listing fields. When the attestation or the claim bytes
    // changed, the earlier verification no longer applies and the state goes back to
    // Loading; otherwise the state is kept.
    bool upsert(const QString &account, const StoredEvent &event, QString *error);
    // Sets the outcome of exactly one entry, (event ID, device ID): another entry with the
    // same event ID keeps its own state (trust.md §6 v2).
    bool setVerification(const QString &account, const EventKey &key, VerificationState state,
                         const QString &reason, const QString &role,
                         const QByteArray &thumbnailSha256, QString *error);

    // Hides a blocked (refused) entry from pages and counts unless the filter asks for
    // dismissed ones; false for an entry that is not blocked.
    bool setDismissed(const QString &account, const EventKey &key, bool dismissed, QString *error);
    std::optional<StoredEvent> find(const QString &account, const EventKey &key);
    // Every entry of the account listed with this event ID (normally one), by device ID.
    QList<StoredEvent> findAllWithId(const QString &account, const QString &eventId);
    // One page, ordered by (ts desc, id asc, device_id asc), starting after `after` when given.
    QList<StoredEvent> page(const QString &account, const EventFilter &filter,
                            const std::optional<EventCursor> &after, int limit);
    // The time and verdict of every entry the filter matches, oldest first: one query that
    // reads two columns, for timelines and hour counts (page() reads whole rows, signatures
    // included).
    QList<TimelinePoint> timeline(const QString &account, const EventFilter &filter);
    // Events per calendar day; utcOffsetSeconds shifts days to the viewer's time zone.
    QList<DayCount> perDayCounts(const QString &account, const EventFilter &filter,
                                 int utcOffsetSeconds);
    int count(const QString &account);
    // Per camera with verified entries, by device ID (the cameras page's "Yours" / "Shared
    // with you", which hold across restarts because they are read from here).
    QList<VerifiedDevice> verifiedDevices(const QString &account);

    bool remove(const QString &account, const EventKey &key, QString *error);
    bool wipeAccount(const QString &account, QString *error);

private:
    Database &m_db;
};

} // namespace vf::store
