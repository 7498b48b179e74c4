#include "CloudReply.h"

#include <QJsonDocument>

namespace vf::cloud {

CloudReply CloudReply::json(int status, const QJsonObject &object) {
    CloudReply r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

CloudReply CloudReply::error(int status, const QString &message) {
    return json(status, QJsonObject{{QStringLiteral("error"), message}});
}

CloudReply CloudReply::bytes(int status, QByteArray contentType, QByteArray body) {
    CloudReply r;
    r.status = status;
    r.contentType = std::move(contentType);
    r.body = std::move(body);
    return r;
}

CloudReply CloudReply::noContent() {
    CloudReply r;
    r.status = 204;
    r.contentType.clear();
    return r;
}

} // namespace vf::cloud
