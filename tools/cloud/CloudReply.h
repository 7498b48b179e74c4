#pragma once
// One HTTP answer built by a handler on a worker thread and written to the socket by the
// server's thread.
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace vf::cloud {

struct CloudReply {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // besides Content-Type and Content-Length

    static CloudReply json(int status, const QJsonObject &object);
    // {"error": message}: every failure the API answers, whatever the status.
    static CloudReply error(int status, const QString &message);
    static CloudReply bytes(int status, QByteArray contentType, QByteArray body);
    // 204: no body, so no Content-Type and no Content-Length (RFC 9110 §8.6).
    static CloudReply noContent();
};

} // namespace vf::cloud
