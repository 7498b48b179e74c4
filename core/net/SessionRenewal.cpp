#include "SessionRenewal.h"

#include "ApiCall.h"
#include "ApiClient.h"
#include "CloudJson.h"

#include <QDateTime>

#include <algorithm>
#include <limits>

namespace vf::net {

namespace {
constexpr qint64 kMinLeadMs = 5 * 1000;
constexpr qint64 kMaxLeadMs = 5 * 60 * 1000;
constexpr int kRetryMs = 30 * 1000; // a proactive renewal that could not reach the cloud
// Proactive renewals at most this often: a client clock ahead of the cloud's by more than
// the token's lifetime sees every new token as expired already (a 401 still renews at once).
constexpr qint64 kMinIntervalMs = 60 * 1000;
} // namespace

SessionRenewal::SessionRenewal(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api) {
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SessionRenewal::renewNow);
}

qint64 SessionRenewal::renewalDelayMs(qint64 nowMs, qint64 expiresAtMs) {
    const qint64 left = expiresAtMs - nowMs;
    if (left <= 0)
        return 0;
    const qint64 lead = std::clamp(left / 5, kMinLeadMs, kMaxLeadMs);
    return std::max<qint64>(0, left - lead);
}

void SessionRenewal::begin(const QByteArray &refreshToken, std::optional<qint64> expiresAtMs) {
    end();
    m_refreshToken = refreshToken;
    m_expiresAtMs = expiresAtMs;
    m_lastRenewalMs.reset();
    schedule();
}

void SessionRenewal::end() {
    m_timer.stop();
    m_refreshToken.clear();
    m_expiresAtMs.reset();
    if (ApiCall *call = std::exchange(m_inFlight, nullptr)) {
        call->disconnect(this);
        call->cancel();
        call->deleteLater();
    }
    finishWaiters(std::nullopt);
}

void SessionRenewal::schedule() {
    m_timer.stop();
    if (m_refreshToken.isEmpty() || !m_expiresAtMs)
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    qint64 delay = renewalDelayMs(now, *m_expiresAtMs);
    if (m_lastRenewalMs)
        delay = std::max(delay, *m_lastRenewalMs + kMinIntervalMs - now);
    // QTimer takes an int: a token that lasts longer than ~24 days is looked at again then.
    m_timer.start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
}

void SessionRenewal::renewAfterUnauthorized(const QByteArray &usedToken, QObject *context,
                                            Done done) {
    const QByteArray current = m_api.token();
    if (!current.isEmpty() && current != usedToken) {
        // Renewed since that call was sent: try it again with the new token.
        QMetaObject::invokeMethod(
            context, [done = std::move(done), current] { done(current); }, Qt::QueuedConnection);
        return;
    }
    if (m_refreshToken.isEmpty()) {
        QMetaObject::invokeMethod(
            context, [done = std::move(done)] { done(std::nullopt); }, Qt::QueuedConnection);
        return;
    }
    m_waiters.append({context, std::move(done)});
    renewNow();
}

void SessionRenewal::renewNow() {
    if (m_inFlight || m_refreshToken.isEmpty())
        return; // the one in flight answers everyone
    m_timer.stop();
    m_inFlight = m_api.refreshSession(m_refreshToken);
    ApiCall *call = m_inFlight;
    connect(call, &ApiCall::finished, this, [this, call] { onRefreshFinished(call); });
}

void SessionRenewal::onRefreshFinished(ApiCall *call) {
    call->deleteLater();
    if (call != m_inFlight)
        return;
    m_inFlight = nullptr;
    const ApiResult &result = call->result();
    if (!result.ok()) {
        if (result.error->kind == ApiError::Kind::Unauthorized) {
            // Expired, revoked, or already used (a replay somewhere): this sign-in is over.
            m_refreshToken.clear();
            m_expiresAtMs.reset();
            finishWaiters(std::nullopt);
            Q_EMIT expired();
            return;
        }
        // Not reached, or not understood: the refresh token was perhaps not used, perhaps
        // used with the answer lost (then the next try is a replay and ends the sign-in,
        // which is what the cloud's rule asks). The calls waiting fail with their 401; the
        // timer tries again while the token may still work.
        finishWaiters(std::nullopt);
        if (m_expiresAtMs && *m_expiresAtMs > QDateTime::currentMSecsSinceEpoch())
            m_timer.start(kRetryMs);
        Q_EMIT unreachable(*result.error);
        return;
    }
    Parsed<LoginAnswer> answer = parseRefreshAnswer(result.body);
    std::optional<QString> refusal =
        answer.value ? (m_check ? m_check(*answer.value) : std::nullopt)
                     : std::optional<QString>(QStringLiteral("the refresh answer is malformed: ") +
                                              answer.error);
    if (refusal) {
        // An answer we cannot accept is not a session we hold: forget it all.
        m_refreshToken.clear();
        m_expiresAtMs.reset();
        finishWaiters(std::nullopt);
        Q_EMIT refused(*refusal);
        return;
    }
    m_api.setToken(answer.value->token);
    m_refreshToken = answer.value->refreshToken;
    m_expiresAtMs = answer.value->expiresAtMs;
    m_lastRenewalMs = QDateTime::currentMSecsSinceEpoch();
    schedule();
    finishWaiters(answer.value->token);
    Q_EMIT renewed(*answer.value);
}

void SessionRenewal::finishWaiters(std::optional<QByteArray> token) {
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (!waiter.context)
            continue;
        QMetaObject::invokeMethod(
            waiter.context, [done = waiter.done, token] { done(token); }, Qt::QueuedConnection);
    }
}

} // namespace vf::net
