#pragma once
// Strict readers for the JSON bodies of cloud-api.md. Unknown fields are ignored; a missing
// or mistyped field makes the whole body malformed (with a message saying which), so a
// half-read listing never reaches the verifier.
#include "ApiTypes.h"

#include <QJsonObject>
#include <QString>
#include <variant>

namespace vf::net {

template <typename T> struct Parsed {
    std::optional<T> value;
    QString error;
};

Parsed<LoginAnswer> parseLoginAnswer(const QByteArray &body);
Parsed<QList<DeviceInfo>> parseDevices(const QByteArray &body);
Parsed<EventPage> parseEventPage(const QByteArray &body);
// {"status": "stored"|"duplicate"} → the status.
Parsed<QString> parseReportStatus(const QByteArray &body);
// {"error": "..."} → the message, for error answers; empty when absent.
QString parseErrorMessage(const QByteArray &body);

} // namespace vf::net
