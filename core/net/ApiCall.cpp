#include "ApiCall.h"

#include "NetworkLog.h"
#include <QDateTime>

#include "CloudJson.h"
#include "SessionRenewal.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>

namespace vf::net {

QString ApiError::describe() const {
    switch (kind) {
    case Kind::Network:
        return QStringLiteral("Cannot reach the cloud: %1").arg(message);
    case Kind::Timeout:
        return QStringLiteral("The cloud stopped answering: %1").arg(message);
    case Kind::Http:
        return QStringLiteral("The cloud answered %1: %2").arg(httpStatus).arg(message);
    case Kind::Unauthorized:
        return QStringLiteral("The session has ended; please sign in again");
    case Kind::Malformed:
        return QStringLiteral("The cloud sent an answer Veriframe cannot read: %1").arg(message);
    case Kind::TooLarge:
        return QStringLiteral("The cloud sent more data than allowed: %1").arg(message);
    case Kind::PinMismatch:
        return QStringLiteral("The cloud's certificate is not the pinned one");
    case Kind::Cancelled:
        return QStringLiteral("Cancelled");
    case Kind::Redirect:
        return QStringLiteral("The cloud answered %1, a redirect; Veriframe follows none: %2")
            .arg(httpStatus)
            .arg(message);
    case Kind::Insecure:
        return QStringLiteral("Refused to connect: %1").arg(message);
    }
    return message;
}

ApiCall::ApiCall(QNetworkAccessManager *network, CallSpec spec, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_spec(std::move(spec))
    , m_retryTimer(new QTimer(this))
    , m_deadlineTimer(new QTimer(this))
    , m_rateTimer(new QTimer(this)) {
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, &ApiCall::start);
    m_deadlineTimer->setSingleShot(true);
    connect(m_deadlineTimer, &QTimer::timeout, this, [this] {
        abortWith({ApiError::Kind::Timeout, 0,
                   QStringLiteral("no complete answer within %1 ms of the request")
                       .arg(m_spec.deadlineMs)});
    });
    connect(m_rateTimer, &QTimer::timeout, this, &ApiCall::checkRate);
    m_startedMs = QDateTime::currentMSecsSinceEpoch();
    // Started from the event loop so the caller can connect to finished() first.
    QTimer::singleShot(0, this, &ApiCall::start);
}

ApiCall::~ApiCall() {
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiCall::start() {
    if (m_finished)
        return;
    ++m_result.attempts;
    m_buffer.clear();
    m_abortReason.reset();
    if (m_spec.refusal) {
        fail(*m_spec.refusal); // not retryable: nothing was sent, nothing ever will be
        return;
    }
    // The transfer timeout only catches silence: a byte now and then resets it. The
    // deadline and the rate floor catch an answer drip-fed to hold the call open.
    m_attemptClock.start();
    if (m_spec.deadlineMs > 0)
        m_deadlineTimer->start(m_spec.deadlineMs);
    if (m_spec.rateWindowMs > 0 && m_spec.minBytesPerWindow > 0) {
        m_rateSamples = {{0, 0}};
        m_rateTimer->start(qMax(10, m_spec.rateWindowMs / 5));
    }
    QNetworkReply *reply =
        m_network->sendCustomRequest(m_spec.request, m_spec.verb, m_spec.payload);
    m_reply = reply;
    connect(reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ApiCall::onFinished);
    connect(reply, &QNetworkReply::encrypted, this, [this] {
        if (!checkPins() && m_reply) {
            m_abortReason =
                ApiError{ApiError::Kind::PinMismatch, 0, QStringLiteral("SPKI pin mismatch")};
            m_reply->abort();
        }
    });
}

void ApiCall::abortWith(ApiError error) {
    stopTimers();
    if (!m_reply || m_abortReason)
        return;
    m_abortReason = std::move(error);
    m_reply->abort(); // onFinished reports m_abortReason
}

void ApiCall::checkRate() {
    if (!m_reply)
        return;
    const qint64 now = m_attemptClock.elapsed();
    const qint64 received = m_buffer.size() + m_reply->bytesAvailable();
    m_rateSamples.append({now, received});
    const qint64 windowStart = now - m_spec.rateWindowMs;
    if (windowStart < 0)
        return;
    // The newest sample at or before the window's start: what had arrived by then.
    while (m_rateSamples.size() > 1 && m_rateSamples.at(1).first <= windowStart)
        m_rateSamples.removeFirst();
    if (received - m_rateSamples.first().second >= m_spec.minBytesPerWindow)
        return;
    abortWith({ApiError::Kind::Timeout, 0,
               QStringLiteral("fewer than %1 bytes in %2 ms: the answer is too slow")
                   .arg(m_spec.minBytesPerWindow)
                   .arg(m_spec.rateWindowMs)});
}

void ApiCall::stopTimers() {
    m_deadlineTimer->stop();
    m_rateTimer->stop();
}

QString ApiCall::transportMessage(const QNetworkReply *reply) const {
    QString message = reply->errorString();
    const QUrl url = m_spec.request.url();
    const QString redacted = NetworkLog::redactedPath(url);
    for (const QString &form :
         {url.toString(), url.toDisplayString(), QString::fromLatin1(url.toEncoded())})
        if (!form.isEmpty())
            message.replace(form, redacted);
    return message.left(300);
}

bool ApiCall::checkPins() {
    if (m_spec.spkiPins.isEmpty() || !m_reply)
        return true;
    const QSslCertificate peer = m_reply->sslConfiguration().peerCertificate();
    const QByteArray spki =
        QCryptographicHash::hash(peer.publicKey().toDer(), QCryptographicHash::Sha256);
    return m_spec.spkiPins.contains(spki);
}

void ApiCall::onReadyRead() {
    if (!m_reply)
        return;
    const qint64 declared = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (declared > m_spec.maxBytes ||
        m_buffer.size() + m_reply->bytesAvailable() > m_spec.maxBytes) {
        m_abortReason = ApiError{ApiError::Kind::TooLarge, 0,
                                 QStringLiteral("over %1 bytes").arg(m_spec.maxBytes)};
        m_reply->abort();
        return;
    }
    m_buffer += m_reply->readAll();
}

void ApiCall::onFinished() {
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    stopTimers();
    m_reply = nullptr;
    reply->deleteLater();
    if (m_cancelled) {
        fail({ApiError::Kind::Cancelled, 0, QStringLiteral("cancelled")});
        return;
    }
    if (m_abortReason) {
        fail(*m_abortReason);
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_result.httpStatus = status;
    if (status == 0) {
        // No HTTP answer at all. A transfer timeout surfaces as OperationCanceledError.
        const QNetworkReply::NetworkError networkError = reply->error();
        const bool timedOut = networkError == QNetworkReply::OperationCanceledError ||
                              networkError == QNetworkReply::TimeoutError;
        fail({timedOut ? ApiError::Kind::Timeout : ApiError::Kind::Network, 0,
              transportMessage(reply)});
        return;
    }
    if (status >= 300 && status < 400) {
        // Never followed (the request says ManualRedirectPolicy), never retried: the cloud
        // answered somewhere else, and nothing of ours goes there.
        fail({ApiError::Kind::Redirect, status,
              QStringLiteral("the answer points elsewhere and is not followed")});
        return;
    }
    if (reply->isOpen()) {
        if (m_buffer.size() + reply->bytesAvailable() > m_spec.maxBytes) {
            fail({ApiError::Kind::TooLarge, 0,
                  QStringLiteral("over %1 bytes").arg(m_spec.maxBytes)});
            return;
        }
        m_buffer += reply->readAll();
    }
    // Headers arrived but the body did not: a stall after the status line, a connection
    // closed early. The partial body must not pass as an answer (a truncated thumbnail
    // would otherwise be refused as tampered and falsely reported).
    const QNetworkReply::NetworkError transferError = reply->error();
    const bool timedOut = transferError == QNetworkReply::OperationCanceledError ||
                          transferError == QNetworkReply::TimeoutError;
    const bool transportFailed = timedOut ||
                                 transferError == QNetworkReply::RemoteHostClosedError ||
                                 (transferError >= QNetworkReply::ConnectionRefusedError &&
                                  transferError <= QNetworkReply::UnknownNetworkError);
    const QVariant declared = reply->header(QNetworkRequest::ContentLengthHeader);
    if (transportFailed ||
        (declared.isValid() && declared.toLongLong() != qint64(m_buffer.size()) &&
         m_spec.verb != "HEAD")) {
        fail({timedOut ? ApiError::Kind::Timeout : ApiError::Kind::Network, status,
              transportFailed ? transportMessage(reply)
                              : QStringLiteral("the answer was cut short (%1 of %2 bytes)")
                                    .arg(m_buffer.size())
                                    .arg(declared.toLongLong())});
        return;
    }
    if (status == 401) {
        if (retryAfterRenewal(m_buffer))
            return;
        fail({ApiError::Kind::Unauthorized, status, parseErrorMessage(m_buffer)});
        return;
    }
    if (!m_spec.acceptedStatuses.contains(status)) {
        QString message = parseErrorMessage(m_buffer);
        if (message.isEmpty())
            message = transportMessage(reply);
        fail({ApiError::Kind::Http, status, message});
        return;
    }
    m_result.body = std::move(m_buffer);
    m_result.contentRange = reply->rawHeader("Content-Range");
    m_result.error.reset();
    complete();
}

bool ApiCall::retryAfterRenewal(const QByteArray &body) {
    if (!m_spec.renewal || m_renewalTried || m_cancelled)
        return false;
    m_renewalTried = true;
    const QByteArray header = m_spec.request.rawHeader("Authorization");
    const QByteArray used = header.startsWith("Bearer ") ? header.mid(7) : QByteArray();
    const QString message = parseErrorMessage(body);
    m_buffer.clear();
    m_spec.renewal->renewAfterUnauthorized(
        used, this, [this, message](std::optional<QByteArray> token) {
            if (m_finished)
                return;
            if (m_cancelled) {
                fail({ApiError::Kind::Cancelled, 0, QStringLiteral("cancelled")});
                return;
            }
            if (!token) {
                fail({ApiError::Kind::Unauthorized, 401, message});
                return;
            }
            m_spec.request.setRawHeader("Authorization", "Bearer " + *token);
            start();
        });
    return true;
}

void ApiCall::fail(ApiError error) {
    stopTimers();
    m_buffer.clear();
    const bool again = error.retryable() && !m_cancelled && m_result.attempts < m_spec.maxAttempts;
    m_result.error = std::move(error);
    if (again) {
        m_retryTimer->start(m_spec.retryBaseDelayMs << (m_result.attempts - 1));
        return;
    }
    complete();
}

void ApiCall::complete() {
    if (m_finished)
        return;
    m_finished = true;
    if (m_spec.log) {
        NetworkRecord record;
        record.startedMs = m_startedMs;
        record.method = QString::fromLatin1(m_spec.verb);
        record.path = NetworkLog::redactedPath(m_spec.request.url());
        record.status = m_result.httpStatus;
        record.latencyMs = QDateTime::currentMSecsSinceEpoch() - m_startedMs;
        record.bytes = m_result.body.size();
        record.attempts = m_result.attempts;
        if (m_result.error)
            record.error = m_result.error->describe();
        m_spec.log->append(std::move(record));
    }
    Q_EMIT finished();
}

void ApiCall::cancel() {
    if (m_finished)
        return;
    m_cancelled = true;
    m_retryTimer->stop();
    stopTimers();
    if (m_reply) {
        m_reply->abort(); // onFinished reports Cancelled
        return;
    }
    fail({ApiError::Kind::Cancelled, 0, QStringLiteral("cancelled")});
}

} // namespace vf::net
