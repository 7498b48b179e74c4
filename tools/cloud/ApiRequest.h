#pragma once
// A copy of what a handler needs from one HTTP request. QHttpServerRequest belongs to the
// connection and cannot be copied, while handlers run on worker threads: they get this.
#include "FaultPlan.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

class QHttpServerRequest;

namespace vf::cloud {

struct ApiRequest {
    QByteArray method; // "GET", "POST", ...
    QString path;
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    quint64 serial = 0; // per server, in arrival order (fault decisions for slow/error)
    // The fault plan in force when the request arrived; it decides every fault of the
    // request, whatever CloudHost::setFaultPlan does meanwhile. Null: the plan in force now.
    std::shared_ptr<const FaultPlan> faults;

    static ApiRequest from(const QHttpServerRequest &request, quint64 serial);

    // Case-insensitive (HTTP header names are); the first occurrence; empty when absent.
    QByteArray header(QByteArrayView name) const;
    // The token of "Authorization: Bearer TOKEN", or empty.
    QString bearerToken() const;
};

} // namespace vf::cloud
