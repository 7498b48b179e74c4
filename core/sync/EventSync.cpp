#include "EventSync.h"

#include "CloudJson.h"
#include "Store.h"
#include "ThreadHandoff.h"

#include <QDateTime>

namespace vf::sync {

using vf::store::StoredEvent;
using vf::store::VerificationState;

namespace {

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

StoredEvent fromListing(const vf::net::ListingEntry &e) {
    StoredEvent s;
    s.id = e.id;
    s.deviceId = e.deviceId;
    s.deviceName = e.deviceName;
    s.kind = e.kind;
    s.timestampMs = e.timestampMs;
    s.durationMs = e.durationMs;
    s.attestation = e.attestation;
    s.claim = e.claim;
    s.thumbnailUrl = e.thumbnailPath;
    s.clipUrl = e.clipPath;
    return s;
}

} // namespace

EventSync::EventSync(vf::net::ApiClient &api, SyncContext context, Options options, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_context(std::move(context))
    , m_options(options) {
    // Twice the cores by default: a worker also waits on SQLite and on the cache's file
    // writes, and the checks should overlap those waits rather than queue behind them.
    m_pool.setMaxThreadCount(m_options.workerThreads > 0
                                 ? m_options.workerThreads
                                 : qMax(2, 2 * QThread::idealThreadCount()));
    m_pool.setExpiryTimeout(-1); // keep the threads (and their SQLite connections)
}

EventSync::~EventSync() {
    cancel();
    // The workers post their results to this object and use the store: none may outlive it.
    m_pool.waitForDone();
}

void EventSync::refresh() {
    ++m_generation;
    if (m_listing) {
        vf::net::ApiCall *old = m_listing;
        m_listing = nullptr;
        old->cancel();
    }
    m_nextCursor.clear();
    requestPage(QString());
}

void EventSync::fetchMore() {
    if (m_listing || m_nextCursor.isEmpty())
        return;
    requestPage(m_nextCursor);
}

void EventSync::cancel() {
    ++m_generation;
    if (m_listing) {
        vf::net::ApiCall *old = m_listing;
        m_listing = nullptr;
        old->cancel();
    }
    const QHash<vf::store::EventKey, Fetch> fetches = std::exchange(m_inFlight, {});
    for (const Fetch &f : fetches)
        f.call->cancel();
    m_waiting.clear();
    m_waitingKeys.clear();
    updateIdle();
}

bool EventSync::isIdle() const {
    return m_firstPageLoaded && !m_listing && m_waiting.isEmpty() && m_inFlight.isEmpty() &&
           m_verifying == 0;
}

void EventSync::requestPage(const QString &cursor) {
    vf::net::EventQuery q; // no cloud-side filters: the sync lists everything
    q.limit = m_options.pageSize;
    q.cursor = cursor;
    vf::net::ApiCall *call = m_api.events(q);
    m_listing = call;
    const quint64 generation = m_generation;
    connect(call, &vf::net::ApiCall::finished, this,
            [this, call, generation] { onPage(call, generation); });
    updateIdle();
}

void EventSync::onPage(vf::net::ApiCall *call, quint64 generation) {
    call->deleteLater();
    if (generation != m_generation || call != m_listing)
        return; // superseded by a refresh, a new query or a cancel
    m_listing = nullptr;
    const vf::net::ApiResult &result = call->result();
    if (!result.ok()) {
        m_lastError = result.error->describe();
        Q_EMIT listingFailed(*result.error);
        updateIdle();
        return;
    }
    const auto page = vf::net::parseEventPage(result.body);
    if (!page.value) {
        // A half-read listing never reaches the verifier: the whole page is dropped.
        vf::net::ApiError error;
        error.kind = vf::net::ApiError::Kind::Malformed;
        error.message = page.error;
        m_lastError = error.describe();
        Q_EMIT listingFailed(error);
        updateIdle();
        return;
    }
    m_lastError.clear();
    for (const vf::net::MalformedEntry &entry : page.value->malformed)
        refuseMalformed(entry);
    QStringList ids;
    for (const vf::net::ListingEntry &entry : page.value->events) {
        ids << entry.id;
        consider(fromListing(entry));
    }
    m_nextCursor = page.value->nextCursor;
    m_firstPageLoaded = true;
    Q_EMIT pageLoaded(ids, hasMore());
    pumpFetches();
    if (m_options.followAllPages && hasMore())
        requestPage(m_nextCursor);
    updateIdle();
}

void EventSync::consider(const StoredEvent &listed) {
    QString error;
    vf::store::EventStore &events = m_context.store->events();
    if (!events.upsert(m_context.account, listed, &error)) {
        Q_EMIT itemFailed(listed.id, listed.deviceId, error);
        return;
    }
    // (event ID, device ID): an entry listed with another entry's event ID is a row of its
    // own and never reads or changes the other's state.
    const vf::store::EventKey key = listed.key();
    const std::optional<StoredEvent> stored = events.find(m_context.account, key);
    if (!stored)
        return;
    Q_EMIT eventChanged(stored->id, stored->deviceId);
    if (stored->state == VerificationState::Refused)
        return; // already refused and reported for exactly these signed objects
    if (stored->state == VerificationState::Verified) {
        // Verified bytes in the cache: the display gate checks them again at every display.
        if (m_context.store->media().contains(m_context.account, stored->thumbnailSha256))
            return;
        events.setVerification(m_context.account, key, VerificationState::Loading, {}, {}, {},
                               &error);
    }
    if (m_inFlight.contains(key) || m_waitingKeys.contains(key))
        return;
    m_waiting.enqueue(*stored);
    m_waitingKeys.insert(key);
}

void EventSync::refuseMalformed(const vf::net::MalformedEntry &entry) {
    // An entry over the bounds on cloud strings (cloud-api.md §7 v2) is refused as
    // malformed and reported with its IDs cut to 200 characters, and it gets no row: a row
    // under the cut ID could be another, real event's (an ID of 201 characters whose first
    // 200 are that event's), whose state this refusal must never touch.
    vf::trust::Verdict verdict;
    verdict.reason = vf::trust::Reason::Malformed;
    verdict.detail = entry.detail;
    const QString role = vf::trust::mediaRoleName(vf::trust::MediaRole::Thumbnail);
    const vf::store::EnqueueResult queued = m_context.store->recordRefusal(
        m_context.account, entry.eventId, entry.deviceId, vf::trust::MediaRole::Thumbnail, verdict,
        nowMs(), m_context.appVersion);
    if (!queued.report) {
        Q_EMIT itemFailed(entry.eventId, entry.deviceId, queued.error);
        return;
    }
    if (!queued.created)
        return; // refused, logged and reported when it was first listed
    const QString code = vf::trust::reasonCode(verdict.reason);
    m_context.log->refused(entry.eventId, entry.deviceId, role, code);
    m_context.log->reported(queued.report->reportId, entry.eventId, QStringLiteral("queued"));
    Q_EMIT eventRefused(entry.eventId, entry.deviceId, code);
    Q_EMIT reportQueued(queued.report->reportId);
}

void EventSync::retry(const vf::store::EventKey &key) {
    const std::optional<StoredEvent> stored =
        m_context.store->events().find(m_context.account, key);
    if (!stored || stored->state == VerificationState::Refused)
        return;
    if (m_inFlight.contains(key) || m_waitingKeys.contains(key))
        return;
    m_waiting.enqueue(*stored);
    m_waitingKeys.insert(key);
    pumpFetches();
    updateIdle();
}

void EventSync::pumpFetches() {
    // Back-pressure: thumbnails fetched but not yet judged count too, so memory stays flat
    // however large the account (fetching would otherwise outrun the checks by thousands).
    const int limit = m_options.concurrentFetches + 2 * m_pool.maxThreadCount();
    while (!m_waiting.isEmpty() && m_inFlight.size() < m_options.concurrentFetches &&
           int(m_inFlight.size()) + m_verifying < limit) {
        StoredEvent event = m_waiting.dequeue();
        const vf::store::EventKey key = event.key();
        m_waitingKeys.remove(key);
        // By the URL this entry gives, never one made from its event ID: another entry
        // with the same ID has media of its own.
        vf::net::ApiCall *call =
            m_api.media(event.thumbnailUrl, vf::net::ApiClient::kThumbnailLimit);
        m_inFlight.insert(key, Fetch{std::move(event), call});
        connect(call, &vf::net::ApiCall::finished, this,
                [this, call, key] { onThumbnail(call, key); });
    }
}

void EventSync::onThumbnail(vf::net::ApiCall *call, const vf::store::EventKey &key) {
    call->deleteLater();
    const auto it = m_inFlight.find(key);
    if (it == m_inFlight.end() || it->call != call)
        return; // cancelled
    const StoredEvent event = it->event;
    m_inFlight.erase(it);
    const vf::net::ApiResult &result = call->result();
    if (!result.ok()) {
        if (result.error->kind != vf::net::ApiError::Kind::Cancelled)
            Q_EMIT itemFailed(key.eventId, key.deviceId, result.error->describe());
        pumpFetches();
        updateIdle();
        return;
    }
    verifyOnPool(event, result.body, false);
    pumpFetches();
}

void EventSync::verifyOnPool(const StoredEvent &event, QByteArray bytes, bool fromCache) {
    ++m_verifying;
    const SyncContext context = m_context;
    // startOnPool/postTo: the plain QThreadPool::start and queued call, with the hand-off
    // visible to ThreadSanitizer (ThreadHandoff.h).
    vf::threading::startOnPool(
        m_pool, [this, context, event, bytes = std::move(bytes), fromCache]() mutable {
            const Judgement judgement = judgeThumbnail(context, event, bytes, nowMs(), !fromCache);
            bytes = QByteArray(); // refused or cached: this copy goes now
            vf::threading::postTo(this, [this, event, judgement] {
                --m_verifying;
                onJudged(event, judgement);
            });
        });
}

void EventSync::onJudged(const StoredEvent &event, const Judgement &judgement) {
    if (judgement.verdict.verified()) {
        if (!judgement.storeError.isEmpty())
            Q_EMIT itemFailed(event.id, event.deviceId, judgement.storeError);
        else
            Q_EMIT eventVerified(event.id, event.deviceId,
                                 vf::trust::grantRoleName(judgement.verdict.role));
    } else {
        Q_EMIT eventRefused(event.id, event.deviceId,
                            vf::trust::reasonCode(judgement.verdict.reason));
        if (judgement.reportId && judgement.reportCreated)
            Q_EMIT reportQueued(*judgement.reportId);
    }
    Q_EMIT eventChanged(event.id, event.deviceId);
    pumpFetches();
    updateIdle();
}

void EventSync::revalidateCached() {
    ++m_verifying;
    const SyncContext context = m_context;
    vf::threading::startOnPool(m_pool, [this, context] {
        // Every verified event of the account, judged again from its cached bytes under the
        // verifier's current revocation list; only changes are posted back.
        std::optional<vf::store::EventCursor> after;
        for (;;) {
            const QList<StoredEvent> page =
                context.store->events().page(context.account, {}, after, 500);
            if (page.isEmpty())
                break;
            after = vf::store::EventCursor{page.last().timestampMs, page.last().id,
                                           page.last().deviceId};
            for (const StoredEvent &event : page) {
                if (event.state != VerificationState::Verified)
                    continue;
                const auto bytes =
                    context.store->media().load(context.account, event.thumbnailSha256);
                if (!bytes) {
                    vf::threading::postTo(this, [this, key = event.key()] { retry(key); });
                    continue;
                }
                const Judgement judgement = judgeThumbnail(context, event, *bytes, nowMs(), false);
                if (judgement.verdict.verified())
                    continue;
                vf::threading::postTo(this,
                                      [this, event, judgement] { onJudged(event, judgement); });
            }
        }
        vf::threading::postTo(this, [this] {
            --m_verifying;
            updateIdle();
        });
    });
}

void EventSync::updateIdle() {
    const bool idle = isIdle();
    if (idle == m_idle)
        return;
    m_idle = idle;
    Q_EMIT idleChanged(idle);
}

} // namespace vf::sync
