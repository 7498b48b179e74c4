#pragma once
// Synchronous HTTP against a running reference cloud, for tests: each call spins a local
// event loop until the answer (or a 30 s timeout) arrives.
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QString>
#include <QUrl>

#include <optional>

namespace vf::cloud::test {

struct HttpResult {
    int status = 0; // 0: no HTTP answer (network error or timeout)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 elapsedMs = 0;

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const; // empty when the body is not a JSON object
};

struct Session {
    QString token;
    QString userId;
    QByteArray identity; // decoded COSE_Sign1
};

class CloudTestClient {
public:
    explicit CloudTestClient(QUrl base);

    HttpResult get(const QString &pathAndQuery, const QString &token = {},
                   const QList<QPair<QByteArray, QByteArray>> &headers = {});
    HttpResult post(const QString &path, const QByteArray &body, const QString &token = {});
    HttpResult send(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                    const QString &token, const QList<QPair<QByteArray, QByteArray>> &headers);

    std::optional<Session> login(const QString &username, const QString &password);
    // Every event the account sees, following next_cursor; query adds filters/limit.
    QList<QJsonObject> allEvents(const QString &token, const QString &query = {},
                                 int *pages = nullptr);

    QUrl base() const { return m_base; }

private:
    QNetworkAccessManager m_nam;
    QUrl m_base;
};

} // namespace vf::cloud::test
