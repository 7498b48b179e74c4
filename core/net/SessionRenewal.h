#pragma once
// Keeps a sign-in alive (cloud-api.md §1 v2): renews the short-lived token with the refresh
// token a little before it expires, and when a call is answered 401 (ApiCall asks here, then
// tries that call once more with the new token). One refresh at a time: every call that
// meets a 401 meanwhile waits for the same one, since presenting a refresh token twice is a
// replay and the cloud then revokes the whole sign-in.
// What a refresh answers is only accepted once `accept` says so: the owner (ClientSession)
// checks its identity like the login's (trust.md §8) and that it names the same account.
// Lives on the ApiClient's thread; nothing here is shared with workers.
#include "ApiError.h"
#include "ApiTypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>
#include <optional>

namespace vf::net {

class ApiCall;
class ApiClient;

class SessionRenewal : public QObject {
    Q_OBJECT
public:
    // Refusal reason for a refresh answer; nullopt to accept it.
    using AnswerCheck = std::function<std::optional<QString>(const LoginAnswer &)>;
    // The token to try again with, or nullopt when the session could not be renewed.
    using Done = std::function<void(std::optional<QByteArray> token)>;

    explicit SessionRenewal(ApiClient &api, QObject *parent = nullptr);

    void setAnswerCheck(AnswerCheck check) { m_check = std::move(check); }
    // A new sign-in (login, or a session resumed): its refresh token and the token's expiry
    // (ms since the epoch, the cloud's clock; nullopt: unknown, renewed only after a 401).
    void begin(const QByteArray &refreshToken, std::optional<qint64> expiresAtMs);
    // Signed out: forget the refresh token, stop the timer, drop a refresh in flight (its
    // waiters get nullopt).
    void end();
    bool canRenew() const { return !m_refreshToken.isEmpty(); }
    QByteArray refreshToken() const { return m_refreshToken; }
    std::optional<qint64> expiresAtMs() const { return m_expiresAtMs; }

    // A call sent with usedToken was answered 401. If the token was renewed since, done()
    // gets the current one at once; otherwise after the (shared) refresh. done() runs on
    // context's thread and not at all once context is gone.
    void renewAfterUnauthorized(const QByteArray &usedToken, QObject *context, Done done);
    // Renews now (the timer's path; tests).
    void renewNow();

    // When the timer renews: a fifth of the time left before the expiry (5 s to 5 min), and
    // never sooner than a minute after the last renewal.
    static qint64 renewalDelayMs(qint64 nowMs, qint64 expiresAtMs);

Q_SIGNALS:
    // A refresh was accepted: the new token is in use; keep the new refresh token (the old
    // one no longer works).
    void renewed(const vf::net::LoginAnswer &answer);
    // The cloud refused the refresh token (401): the password must be typed again.
    void expired();
    // The refresh answer's identity failed the check (trust.md §8): sign out.
    void refused(const QString &reason);
    // The refresh could not be had (not reached, a 5xx, cut short): the refresh token is
    // kept, the session goes on as long as its token works.
    void unreachable(const vf::net::ApiError &error);

private:
    void onRefreshFinished(ApiCall *call);
    void finishWaiters(std::optional<QByteArray> token);
    void schedule();

    struct Waiter {
        QPointer<QObject> context;
        Done done;
    };
    ApiClient &m_api;
    AnswerCheck m_check;
    QByteArray m_refreshToken;
    std::optional<qint64> m_expiresAtMs;
    std::optional<qint64> m_lastRenewalMs; // this sign-in's last accepted refresh
    ApiCall *m_inFlight = nullptr;
    QList<Waiter> m_waiters;
    QTimer m_timer;
};

} // namespace vf::net
