#pragma once
// The listing → thumbnail → verdict pipeline for one signed-in account. Listing pages come
// from the cloud and go to the store as unverified rows; each row's thumbnail is fetched
// (a few at a time), verified on a worker pool off the GUI thread, and recorded by
// judgeThumbnail: verified bytes into the cache, refusals into the outbox. Nothing here
// decodes anything; the display gate does that, after checking again.
#include "ApiClient.h"
#include "StoredEvent.h"
#include "SyncContext.h"
#include "ThumbnailJudge.h"

#include <QHash>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QThreadPool>

namespace vf::sync {

class EventSync : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultPageSize = 50;
    static constexpr int kDefaultConcurrentFetches = 6;

    struct Options {
        int pageSize = kDefaultPageSize;
        int concurrentFetches = kDefaultConcurrentFetches;
        int workerThreads = 0;       // 0: one per core
        bool followAllPages = false; // fetch every page without being asked (storm, bench)
    };

    EventSync(vf::net::ApiClient &api, SyncContext context, Options options,
              QObject *parent = nullptr);
    ~EventSync() override; // cancels fetches and waits for the workers

    void refresh();   // the first page again (new events, changed entries)
    void fetchMore(); // the next page, when there is one and none is loading
    void cancel();    // drops every fetch not yet answered (the view went away)
    // Re-verifies every verified event of the account from its cached bytes, e.g. after a
    // new revocation list: what no longer passes is purged and reported.
    void revalidateCached();
    // Fetches and verifies one entry's thumbnail again (the UI's retry after an error).
    void retry(const vf::store::EventKey &key);

    bool hasMore() const { return !m_nextCursor.isEmpty(); }
    bool isIdle() const;
    bool firstPageLoaded() const { return m_firstPageLoaded; }
    int inFlight() const { return int(m_inFlight.size()) + m_verifying; }
    QString lastError() const { return m_lastError; }

    // Every entry is named by (event ID, device ID): a listing may carry one event ID twice
    // (trust.md §6 v2), and each entry is fetched, judged and shown on its own.
Q_SIGNALS:
    void pageLoaded(const QStringList &eventIds, bool hasMore);
    void listingFailed(const vf::net::ApiError &error);
    // The entry's row in the store changed.
    void eventChanged(const QString &eventId, const QString &deviceId);
    void eventVerified(const QString &eventId, const QString &deviceId, const QString &role);
    void eventRefused(const QString &eventId, const QString &deviceId, const QString &reason);
    void reportQueued(const QString &reportId);
    void itemFailed(const QString &eventId, const QString &deviceId,
                    const QString &message); // retryable
    void idleChanged(bool idle);

private:
    struct Fetch {
        vf::store::StoredEvent event;
        vf::net::ApiCall *call = nullptr;
    };

    void requestPage(const QString &cursor);
    void onPage(vf::net::ApiCall *call, quint64 generation);
    void consider(const vf::store::StoredEvent &event);
    void refuseMalformed(const vf::net::MalformedEntry &entry);
    void pumpFetches();
    void onThumbnail(vf::net::ApiCall *call, const vf::store::EventKey &key);
    void verifyOnPool(const vf::store::StoredEvent &event, QByteArray bytes, bool fromCache);
    void onJudged(const vf::store::StoredEvent &event, const Judgement &judgement);
    void updateIdle();

    vf::net::ApiClient &m_api;
    SyncContext m_context;
    Options m_options;
    QThreadPool m_pool;

    quint64 m_generation = 0;
    vf::net::ApiCall *m_listing = nullptr;
    QString m_nextCursor;
    bool m_firstPageLoaded = false;
    QQueue<vf::store::StoredEvent> m_waiting;
    QSet<vf::store::EventKey> m_waitingKeys;
    QHash<vf::store::EventKey, Fetch> m_inFlight;
    int m_verifying = 0;
    bool m_idle = false;
    QString m_lastError;
};

} // namespace vf::sync
