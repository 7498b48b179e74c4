#pragma once
// One request to the cloud, owned by its caller: finished() fires exactly once, after
// which result() holds either the status and body or an ApiError. cancel() aborts it
// (the view no longer needs the item) and still finishes with Kind::Cancelled.
#include "ApiError.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace vf::net {

class NetworkLog;
class SessionRenewal;

struct ApiResult {
    std::optional<ApiError> error;
    int httpStatus = 0;
    QByteArray body;
    QByteArray contentRange; // for 206 answers
    int attempts = 0;
    bool ok() const { return !error; }
};

struct CallSpec {
    QByteArray verb = "GET";
    QNetworkRequest request;
    QByteArray payload;
    qint64 maxBytes = 8 * 1024 * 1024;
    QList<int> acceptedStatuses{200};
    int maxAttempts = 1;        // > 1 only for idempotent calls
    int retryBaseDelayMs = 250; // doubled per attempt
    QList<QByteArray> spkiPins; // SHA-256 of the peer's SubjectPublicKeyInfo; empty: no pinning
    NetworkLog *log = nullptr;  // records the finished call (diagnostics); may be null
    // cloud-api.md §7 v2, per attempt: the whole answer within deadlineMs of the request
    // (0: none); at least minBytesPerWindow body bytes in every rateWindowMs until it is
    // complete (0: none). Either failing is a Timeout, like a stall.
    int deadlineMs = 0;
    int rateWindowMs = 0;
    qint64 minBytesPerWindow = 0;
    // Set: the call fails with it at once and sends nothing (an origin the client must not
    // talk to, a path that leaves it).
    std::optional<ApiError> refusal;
    // Set (calls with the bearer token): a 401 asks it to renew the session, and the call
    // is sent once more with the new token (cloud-api.md §1 v2). Outlives the call.
    SessionRenewal *renewal = nullptr;
};

class ApiCall : public QObject {
    Q_OBJECT
public:
    ApiCall(QNetworkAccessManager *network, CallSpec spec, QObject *parent = nullptr);
    ~ApiCall() override;

    const ApiResult &result() const { return m_result; }
    bool isFinished() const { return m_finished; }
    void cancel();

Q_SIGNALS:
    void finished();

private:
    void start();
    void onReadyRead();
    void onFinished();
    void fail(ApiError error);
    // A 401: renew the session and send again, once; false when that is not possible.
    bool retryAfterRenewal(const QByteArray &body);
    void complete();
    bool checkPins();
    void abortWith(ApiError error);
    void checkRate();
    void stopTimers();
    // Qt's error text without the request URL verbatim (its query may hold a cursor).
    QString transportMessage(const QNetworkReply *reply) const;

    QNetworkAccessManager *m_network;
    CallSpec m_spec;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer;
    QTimer *m_deadlineTimer;
    QTimer *m_rateTimer;
    QElapsedTimer m_attemptClock;
    QList<std::pair<qint64, qint64>> m_rateSamples; // (ms since the request, body bytes)
    ApiResult m_result;
    QByteArray m_buffer;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_renewalTried = false;
    std::optional<ApiError> m_abortReason;
    qint64 m_startedMs = 0;
};

} // namespace vf::net
