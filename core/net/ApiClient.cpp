#include "ApiClient.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace vf::net {

namespace {

// 127.0.0.0/8, ::1 (and IPv4-mapped loopback) or "localhost": the only hosts plain
// http:// may reach (the embedded and reference clouds on this computer).
bool isLoopbackHost(const QString &host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    if (!address.setAddress(host))
        return false; // another name: DNS could send it anywhere
    if (address.isLoopback())
        return true;
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    return mapped && (v4 >> 24) == 127;
}

} // namespace

QString ApiClient::originProblem(const QUrl &baseUrl) {
    if (!baseUrl.isValid())
        return QStringLiteral("the server URL is not a valid URL");
    const QString scheme = baseUrl.scheme();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return QStringLiteral("the server URL must start with https:// (or http:// for this "
                              "computer)");
    if (baseUrl.host().isEmpty())
        return QStringLiteral("the server URL names no host");
    if (!baseUrl.userInfo().isEmpty())
        return QStringLiteral("the server URL must not carry a user name or password");
    if (baseUrl.hasFragment())
        return QStringLiteral("the server URL must not carry a fragment");
    if (scheme == QLatin1String("http") && !isLoopbackHost(baseUrl.host()))
        return QStringLiteral("plain http:// is only for a cloud on this computer (127.0.0.1, "
                              "::1, localhost); %1 must be reached over https://")
            .arg(baseUrl.host());
    return {};
}

ApiClient::ApiClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_originProblem(originProblem(m_options.baseUrl))
    , m_tls(QSslConfiguration::defaultConfiguration()) {
    // No redirect is followed: the password, the tokens and the Authorization header go to
    // the origin signed in to and nowhere else (cloud-api.md §7 v2). Each request says so
    // too (spec()), so a manager default changed elsewhere cannot turn following back on.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_renewal = std::make_unique<SessionRenewal>(*this);
    if (!m_options.caCertificates.isEmpty()) {
        // Setting or adding CAs turns off Qt's on-demand loading of the system store (the
        // default on Linux, where the default configuration then lists no CAs at all), so
        // the system CAs are listed explicitly and the extra ones appended to them.
        QList<QSslCertificate> cas = m_tls.caCertificates();
        if (cas.isEmpty())
            cas = QSslConfiguration::systemCaCertificates();
        for (const QSslCertificate &ca : std::as_const(m_options.caCertificates)) {
            if (!ca.isNull() && !cas.contains(ca))
                cas.append(ca);
        }
        m_tls.setCaCertificates(cas);
    }
}

QUrl ApiClient::resolve(const QString &path) const {
    const QUrl relative(path);
    if (path.isEmpty() || !relative.isRelative() || !relative.host().isEmpty())
        return {};
    const QUrl url = m_options.baseUrl.resolved(relative);
    if (url.scheme() != m_options.baseUrl.scheme() || url.host() != m_options.baseUrl.host() ||
        url.port() != m_options.baseUrl.port())
        return {};
    return url;
}

CallSpec ApiClient::spec(const QUrl &url, qint64 maxBytes, bool idempotent, Answer answer) const {
    CallSpec s;
    if (!m_originProblem.isEmpty()) {
        s.refusal = ApiError{ApiError::Kind::Insecure, 0, m_originProblem};
    } else if (url.isEmpty()) {
        // resolve() refused it: a listing path that leaves the signed-in cloud.
        s.refusal = ApiError{ApiError::Kind::Malformed, 0,
                             QStringLiteral("a media path leads away from the signed-in cloud")};
    }
    s.request = QNetworkRequest(s.refusal ? QUrl() : url);
    s.request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                           QNetworkRequest::ManualRedirectPolicy);
    s.request.setTransferTimeout(m_options.stallTimeoutMs);
    if (answer == Answer::Json) {
        s.deadlineMs = m_options.jsonDeadlineMs;
    } else {
        s.rateWindowMs = m_options.mediaWindowMs;
        s.minBytesPerWindow = m_options.mediaMinBytesPerWindow;
    }
    if (!m_options.caCertificates.isEmpty())
        s.request.setSslConfiguration(m_tls);
    if (!m_token.isEmpty() && !s.refusal) {
        s.request.setRawHeader("Authorization", "Bearer " + m_token);
        s.renewal = m_renewal.get();
    }
    s.maxBytes = maxBytes;
    s.maxAttempts = idempotent ? m_options.getAttempts : 1;
    s.retryBaseDelayMs = m_options.retryBaseDelayMs;
    s.spkiPins = m_options.spkiPins;
    s.log = &m_log;
    return s;
}

ApiCall *ApiClient::login(const QString &username, const QString &password) {
    CallSpec s = spec(resolve(QStringLiteral("/v1/session")), kJsonLimit, false, Answer::Json);
    s.request.setRawHeader("Authorization", QByteArray()); // login carries no token
    s.renewal = nullptr;
    s.request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    s.verb = "POST";
    if (!s.refusal) // the password never goes where the request cannot go
        s.payload = QJsonDocument(QJsonObject{{QStringLiteral("username"), username},
                                              {QStringLiteral("password"), password}})
                        .toJson(QJsonDocument::Compact);
    return new ApiCall(&m_network, std::move(s), this);
}

ApiCall *ApiClient::refreshSession(const QByteArray &refreshToken) {
    CallSpec s =
        spec(resolve(QStringLiteral("/v1/session/refresh")), kJsonLimit, false, Answer::Json);
    // The refresh token is the credential: no bearer token goes with it.
    s.request.setRawHeader("Authorization", QByteArray());
    s.renewal = nullptr;
    s.request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    s.verb = "POST";
    if (!s.refusal) // like the password, never put into a request that cannot go
        s.payload = QJsonDocument(QJsonObject{{QStringLiteral("refresh_token"),
                                               QString::fromUtf8(refreshToken)}})
                        .toJson(QJsonDocument::Compact);
    return new ApiCall(&m_network, std::move(s), this);
}

ApiCall *ApiClient::deleteSession() {
    CallSpec s = spec(resolve(QStringLiteral("/v1/session")), kJsonLimit, false, Answer::Json);
    s.verb = "DELETE";
    s.acceptedStatuses = {204};
    s.renewal = nullptr; // the cloud ends a sign-in with an expired token too
    return new ApiCall(&m_network, std::move(s), this);
}

ApiCall *ApiClient::devices() {
    return new ApiCall(&m_network,
                       spec(resolve(QStringLiteral("/v1/devices")), kJsonLimit, true, Answer::Json),
                       this);
}

ApiCall *ApiClient::events(const EventQuery &query) {
    QUrl url = resolve(QStringLiteral("/v1/events"));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(std::clamp(query.limit, 1, 200)));
    if (!query.cursor.isEmpty())
        q.addQueryItem(QStringLiteral("cursor"), query.cursor);
    if (!query.deviceId.isEmpty())
        q.addQueryItem(QStringLiteral("device"), query.deviceId);
    if (!query.kind.isEmpty())
        q.addQueryItem(QStringLiteral("kind"), query.kind);
    if (query.sinceMs)
        q.addQueryItem(QStringLiteral("since"), QString::number(*query.sinceMs));
    if (query.untilMs)
        q.addQueryItem(QStringLiteral("until"), QString::number(*query.untilMs));
    url.setQuery(q);
    return new ApiCall(&m_network, spec(url, kJsonLimit, true, Answer::Json), this);
}

ApiCall *ApiClient::media(const QString &path, qint64 maxBytes) {
    return new ApiCall(&m_network, spec(resolve(path), maxBytes, true, Answer::Media), this);
}

ApiCall *ApiClient::mediaRange(const QString &path, qint64 from, qint64 to) {
    CallSpec s = spec(resolve(path), to - from + 1, true, Answer::Media);
    s.request.setRawHeader("Range", QByteArrayLiteral("bytes=") + QByteArray::number(from) + '-' +
                                        QByteArray::number(to));
    s.acceptedStatuses = {206};
    return new ApiCall(&m_network, std::move(s), this);
}

ApiCall *ApiClient::revocations() {
    return new ApiCall(
        &m_network,
        spec(resolve(QStringLiteral("/v1/trust/revocations")), kJsonLimit, true, Answer::Json),
        this);
}

ApiCall *ApiClient::postReport(const QByteArray &reportJson) {
    CallSpec s =
        spec(resolve(QStringLiteral("/v1/integrity-reports")), kJsonLimit, false, Answer::Json);
    s.verb = "POST";
    s.payload = reportJson;
    s.request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    s.acceptedStatuses = {200, 201};
    return new ApiCall(&m_network, std::move(s), this);
}

} // namespace vf::net
