#pragma once
// One request to the cloud, owned by its caller: finished() fires exactly once, after
// which result() holds either the status and body or an ApiError. cancel() aborts it
// (the view no longer needs the item) and still finishes with Kind::Cancelled.
#include "ApiError.h"

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace vf::net {

class NetworkLog;

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
    void complete();
    bool checkPins();

    QNetworkAccessManager *m_network;
    CallSpec m_spec;
    QPointer<QNetworkReply> m_reply;
    QTimer *m_retryTimer;
    ApiResult m_result;
    QByteArray m_buffer;
    bool m_finished = false;
    bool m_cancelled = false;
    std::optional<ApiError> m_abortReason;
    qint64 m_startedMs = 0;
};

} // namespace vf::net
