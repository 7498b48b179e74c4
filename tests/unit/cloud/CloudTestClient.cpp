#include "CloudTestClient.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace vf::cloud::test {

QByteArray HttpResult::header(const QByteArray &name) const {
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

QJsonObject HttpResult::json() const {
    return QJsonDocument::fromJson(body).object();
}

CloudTestClient::CloudTestClient(QUrl base)
    : m_base(std::move(base)) {}

HttpResult CloudTestClient::get(const QString &pathAndQuery, const QString &token,
                                const QList<QPair<QByteArray, QByteArray>> &headers) {
    return send("GET", pathAndQuery, {}, token, headers);
}

HttpResult CloudTestClient::post(const QString &path, const QByteArray &body,
                                 const QString &token) {
    return send("POST", path, body, token, {{"Content-Type", "application/json"}});
}

HttpResult CloudTestClient::send(const QByteArray &method, const QString &pathAndQuery,
                                 const QByteArray &body, const QString &token,
                                 const QList<QPair<QByteArray, QByteArray>> &headers) {
    QNetworkRequest request(m_base.resolved(QUrl(pathAndQuery)));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30'000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    HttpResult result;
    result.elapsedMs = timer.elapsed();
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
        result.headers = reply->rawHeaderPairs();
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return result;
}

std::optional<Session> CloudTestClient::login(const QString &username, const QString &password) {
    const QJsonObject body{{QStringLiteral("username"), username},
                           {QStringLiteral("password"), password}};
    const HttpResult r = post(QStringLiteral("/v1/session"), QJsonDocument(body).toJson());
    if (r.status != 200)
        return std::nullopt;
    const QJsonObject o = r.json();
    return Session{
        o.value(QStringLiteral("token")).toString(), o.value(QStringLiteral("user_id")).toString(),
        QByteArray::fromBase64(o.value(QStringLiteral("identity")).toString().toLatin1())};
}

QList<QJsonObject> CloudTestClient::allEvents(const QString &token, const QString &query,
                                              int *pages) {
    QList<QJsonObject> out;
    QString cursor;
    int count = 0;
    // Bounded: a server whose cursor never ends must fail the test, not hang it.
    for (int page = 0; page < 1000; ++page) {
        QString path = QStringLiteral("/v1/events?") + query;
        if (!cursor.isEmpty())
            path +=
                QStringLiteral("&cursor=") + QString::fromLatin1(QUrl::toPercentEncoding(cursor));
        const HttpResult r = get(path, token);
        if (r.status != 200)
            break;
        ++count;
        const QJsonObject o = r.json();
        for (const QJsonValue &v : o.value(QStringLiteral("events")).toArray())
            out << v.toObject();
        if (o.value(QStringLiteral("next_cursor")).isNull())
            break;
        cursor = o.value(QStringLiteral("next_cursor")).toString();
    }
    if (pages)
        *pages = count;
    return out;
}

} // namespace vf::cloud::test
