#include "SessionAccount.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace vf::secrets {

namespace {

int defaultPort(const QString &scheme) {
    if (scheme == QLatin1String("https"))
        return 443;
    if (scheme == QLatin1String("http"))
        return 80;
    return -1;
}

} // namespace

SessionAccount SessionAccount::atServer(const QUrl &server, const QString &userId,
                                        const QString &username) {
    QUrl origin = server.adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery |
                                  QUrl::RemoveFragment);
    // https://cloud and https://cloud:443 are one origin (RFC 6454), so one account.
    if (origin.port() == defaultPort(origin.scheme()))
        origin.setPort(-1);
    if (origin.host().isEmpty())
        return {QString(), userId, username};
    return {origin.toString(QUrl::FullyEncoded), userId, username};
}

QString SessionAccount::keychainKey() const {
    return origin + QLatin1Char(' ') + userId;
}

QByteArray encodeAccountIndex(const QList<SessionAccount> &accounts) {
    QJsonArray list;
    for (const SessionAccount &account : accounts) {
        list.append(QJsonObject{{QStringLiteral("origin"), account.origin},
                                {QStringLiteral("user_id"), account.userId},
                                {QStringLiteral("username"), account.username}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("accounts"), list}})
        .toJson(QJsonDocument::Compact);
}

QList<SessionAccount> decodeAccountIndex(const QByteArray &bytes) {
    QList<SessionAccount> accounts;
    const QJsonArray list = QJsonDocument::fromJson(bytes).object().value(u"accounts").toArray();
    for (const QJsonValue &entry : list) {
        const SessionAccount account{entry[u"origin"].toString(), entry[u"user_id"].toString(),
                                     entry[u"username"].toString()};
        if (account.isValid() && !accounts.contains(account))
            accounts.append(account);
    }
    return accounts;
}

} // namespace vf::secrets
