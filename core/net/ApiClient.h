#pragma once
// The cloud API of cloud-api.md on QNetworkAccessManager. It moves bytes and reads JSON;
// it decides nothing about trust: attestations, claims, identities and media all go to
// core/trust before anything is shown. Calls stall out after 15 s without data, enforce
// the size limits while reading, and retry idempotent GETs on network errors and 5xx.
// cloud-api.md §7 v2: no redirect is ever followed (a 3xx is an error), nothing is sent over
// plain http:// to a host that is not loopback, a JSON answer has a deadline and a media
// answer a rate floor, so a drip-fed answer cannot hold a call open for ever.
#include "ApiCall.h"
#include "ApiTypes.h"
#include "NetworkLog.h"
#include "SessionRenewal.h"

#include <QNetworkAccessManager>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QUrl>
#include <memory>

namespace vf::net {

class ApiClient : public QObject {
    Q_OBJECT
public:
    static constexpr qint64 kJsonLimit = 8LL * 1024 * 1024;
    static constexpr qint64 kThumbnailLimit = 2LL * 1024 * 1024;
    static constexpr qint64 kClipLimit = 512LL * 1024 * 1024;

    struct Options {
        QUrl baseUrl;
        int stallTimeoutMs = 15000;
        // A JSON (or revocation list) answer must be complete this long after its request.
        int jsonDeadlineMs = 60000;
        // A media answer must deliver at least mediaMinBytesPerWindow in every mediaWindowMs
        // (or be complete); slower is a stall. 0: no floor (tests of other things).
        int mediaWindowMs = 15000;
        qint64 mediaMinBytesPerWindow = 16 * 1024;
        int getAttempts = 3;
        int retryBaseDelayMs = 500;
        QList<QByteArray> spkiPins; // SHA-256 of pinned SubjectPublicKeyInfo DER
        // Extra trusted CA certificates for this client's TLS (a private cloud with its own
        // CA; tests), added to the system CAs, never replacing them, and applied to every
        // request's QSslConfiguration. Empty (the default): Qt's default configuration, that
        // is the system CAs alone. Pins, when set, are checked in addition: a pinned key must
        // still come in a chain that verifies against these CAs.
        QList<QSslCertificate> caCertificates;
    };

    explicit ApiClient(Options options, QObject *parent = nullptr);

    // Why baseUrl cannot be a cloud (not http/https, no host, user info, a fragment, plain
    // http:// off loopback); empty when it can. The app checks --server with it; the client
    // checks again and sends nothing at all to such a URL.
    static QString originProblem(const QUrl &baseUrl);

    void setToken(const QByteArray &token) { m_token = token; }
    QByteArray token() const { return m_token; }
    // Renews the token of the sign-in begun there (cloud-api.md §1 v2); every call sent with
    // the token asks it on a 401.
    SessionRenewal &renewal() { return *m_renewal; }
    // The TLS configuration of this client's requests: Qt's default, with the system CAs and
    // caCertificates listed explicitly when there are any.
    QSslConfiguration sslConfiguration() const { return m_tls; }

    // POST /v1/session; parse the body with parseLoginAnswer().
    ApiCall *login(const QString &username, const QString &password);
    // POST /v1/session/refresh (cloud-api.md §1 v2); parse the body with parseRefreshAnswer().
    // Tried once, never retried here: the cloud may have rotated the token before the answer
    // was lost, and sending it again would be a replay that revokes the whole sign-in.
    ApiCall *refreshSession(const QByteArray &refreshToken);
    // DELETE /v1/session with this client's token: the cloud revokes it and the sign-in's
    // refresh token; succeeds on 204. Tried once (a retry after a lost 204 would be a 401).
    ApiCall *deleteSession();
    ApiCall *devices();
    ApiCall *events(const EventQuery &query);
    // A thumbnail or whole clip by its listing path (relative to the base URL).
    ApiCall *media(const QString &path, qint64 maxBytes);
    // Bytes [from, to] of a clip (206), for streaming segment by segment.
    ApiCall *mediaRange(const QString &path, qint64 from, qint64 to);
    ApiCall *revocations();
    ApiCall *postReport(const QByteArray &reportJson);

    // The URL a listing path resolves to; empty when it leaves the server (another host,
    // scheme or an absolute URL): media is only fetched from the cloud we signed in to.
    QUrl resolve(const QString &path) const;

    // Every finished call (method, path, status, latency, bytes), for diagnostics.
    const NetworkLog &networkLog() const { return m_log; }

private:
    enum class Answer { Json, Media };
    CallSpec spec(const QUrl &url, qint64 maxBytes, bool idempotent, Answer answer) const;

    Options m_options;
    QString m_originProblem; // non-empty: every call fails with it, nothing is sent
    QSslConfiguration m_tls;
    QNetworkAccessManager m_network;
    QByteArray m_token;
    mutable NetworkLog m_log;
    std::unique_ptr<SessionRenewal>
        m_renewal; // gone before the calls (children): they never use it then
};

} // namespace vf::net
