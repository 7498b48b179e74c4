#include "ApiClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace vf::net {

ApiClient::ApiClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_tls(QSslConfiguration::defaultConfiguration()) {
    m_network.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
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

CallSpec ApiClient::spec(const QUrl &url, qint64 maxBytes, bool idempotent) const {
    CallSpec s;
    s.request = QNetworkRequest(url);
    s.request.setTransferTimeout(m_options.stallTimeoutMs);
    if (!m_options.caCertificates.isEmpty())
        s.request.setSslConfiguration(m_tls);
    if (!m_token.isEmpty())
        s.request.setRawHeader("Authorization", "Bearer " + m_token);
    s.maxBytes = maxBytes;
    s.maxAttempts = idempotent ? m_options.getAttempts : 1;
    s.retryBaseDelayMs = m_options.retryBaseDelayMs;
    s.spkiPins = m_options.spkiPins;
    s.log = &m_log;
    return s;
}

ApiCall *ApiClient::login(const QString &username, const QString &password) {
    CallSpec s =
        spec(m_options.baseUrl.resolved(QUrl(QStringLiteral("/v1/session"))), kJsonLimit, false);
    s.request.setRawHeader("Authorization", QByteArray()); // login carries no token
    s.request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    s.verb = "POST";
    s.payload = QJsonDocument(QJsonObject{{QStringLiteral("username"), username},
                                          {QStringLiteral("password"), password}})
                    .toJson(QJsonDocument::Compact);
    return new ApiCall(&m_network, std::move(s), this);
}

ApiCall *ApiClient::devices() {
    return new ApiCall(&m_network, spec(resolve(QStringLiteral("/v1/devices")), kJsonLimit, true),
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
    return new ApiCall(&m_network, spec(url, kJsonLimit, true), this);
}

ApiCall *ApiClient::media(const QString &path, qint64 maxBytes) {
    const QUrl url = resolve(path);
    CallSpec s = spec(url, maxBytes, true);
    if (url.isEmpty())
        s.request.setUrl(QUrl(QStringLiteral("invalid:")));
    return new ApiCall(&m_network, std::move(s), this);
}

ApiCall *ApiClient::mediaRange(const QString &path, qint64 from, qint64 to) {
    CallSpec s = spec(resolve(path), to - from + 1, true);
    s.request.setRawHeader("Range", QByteArrayLiteral("bytes=") + QByteArray::number(from) + '-' +
                                        QByteArray::number(to));
    s.acceptedStatuses = {206};
    return new ApiCall(&m_network, std::move(s), this);
}

ApiCall *ApiClient::revocations() {
    return new ApiCall(
        &m_network, spec(resolve(QStringLiteral("/v1/trust/revocations")), kJsonLimit, true), this);
}

ApiCall *ApiClient::postReport(const QByteArray &reportJson) {
    CallSpec s = spec(resolve(QStringLiteral("/v1/integrity-reports")), kJsonLimit, false);
    s.verb = "POST";
    s.payload = reportJson;
    s.request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    s.acceptedStatuses = {200, 201};
    return new ApiCall(&m_network, std::move(s), this);
}

} // namespace vf::net
