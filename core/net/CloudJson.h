#pragma once
// Strict readers for the JSON bodies of cloud-api.md. Unknown fields are ignored; a missing
// or mistyped field makes the whole body malformed (with a message saying which), so a
// half-read listing never reaches the verifier.
#include "ApiTypes.h"

#include <QJsonObject>
#include <QString>
#include <variant>

namespace vf::net {

// Bounds on the cloud's strings (cloud-api.md §7 v2). Lengths count UTF-16 code units, the
// stricter count for text outside the Basic Multilingual Plane.
inline constexpr qsizetype kMaxCloudIdLength = 200;      // event, device and user IDs
inline constexpr qsizetype kMaxDisplayTextLength = 200;  // names, models, kinds: cut
inline constexpr qsizetype kMaxCursorLength = 1000;      // longer: the page is malformed
inline constexpr qsizetype kMaxMediaPathLength = 1000;   // longer: the entry is malformed
inline constexpr qsizetype kMaxTokenLength = 4096;       // a longer token: malformed login
inline constexpr qsizetype kMaxErrorMessageLength = 200; // the cloud's {"error": ...}: cut

// text cut to at most max code units, never inside a surrogate pair.
QString clipped(const QString &text, qsizetype max);

template <typename T> struct Parsed {
    std::optional<T> value;
    QString error;
};

// A v1 answer (no expires_at, no refresh_token) is read as before; a v2 field present with
// the wrong type makes the answer malformed, null counts as absent.
Parsed<LoginAnswer> parseLoginAnswer(const QByteArray &body);
// POST /v1/session/refresh: the login's shape, but expires_at and refresh_token are required
// (a refresh that hands out no refresh token would end the sign-in unnoticed).
Parsed<LoginAnswer> parseRefreshAnswer(const QByteArray &body);
Parsed<QList<DeviceInfo>> parseDevices(const QByteArray &body);
Parsed<EventPage> parseEventPage(const QByteArray &body);
// {"status": "stored"|"duplicate"} → the status.
Parsed<QString> parseReportStatus(const QByteArray &body);
// {"error": "..."} → the message, for error answers; empty when absent.
QString parseErrorMessage(const QByteArray &body);

} // namespace vf::net
