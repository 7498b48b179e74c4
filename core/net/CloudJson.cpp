#include "CloudJson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace vf::net {

QString clipped(const QString &text, qsizetype max) {
    if (text.size() <= max)
        return text;
    qsizetype cut = qMax<qsizetype>(0, max);
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut);
}

namespace {
std::optional<QJsonObject> objectOf(const QByteArray &body, QString *error) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("not JSON: %1 at %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *error = QStringLiteral("the body is not a JSON object");
        return std::nullopt;
    }
    return doc.object();
}

// Standard base64 with padding (cloud-api.md); anything else is refused, not guessed.
std::optional<QByteArray> base64Field(const QJsonValue &value) {
    if (!value.isString())
        return std::nullopt;
    const QByteArray::FromBase64Result decoded = QByteArray::fromBase64Encoding(
        value.toString().toLatin1(),
        QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    return decoded.decoded;
}

bool isWholeNumber(const QJsonValue &value) {
    return value.isDouble() && value.toDouble() == static_cast<double>(value.toInteger());
}

std::optional<ListingEntry> entryOf(const QJsonValue &value, QString *error) {
    if (!value.isObject()) {
        *error = QStringLiteral("an event is not an object");
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    ListingEntry e;
    const auto text = [&](const char *key, QString *out, bool required) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isString()) {
            *out = v.toString();
            return true;
        }
        if (!required && (v.isNull() || v.isUndefined()))
            return true;
        *error = QStringLiteral("event field \"%1\" must be a string").arg(QLatin1String(key));
        return false;
    };
    if (!text("id", &e.id, true) || !text("device_id", &e.deviceId, true) ||
        !text("device_name", &e.deviceName, false) || !text("kind", &e.kind, false) ||
        !text("thumbnail", &e.thumbnailPath, true) || !text("clip", &e.clipPath, false))
        return std::nullopt;
    const QJsonValue ts = o.value(QLatin1String("ts"));
    const QJsonValue duration = o.value(QLatin1String("duration_ms"));
    if (!isWholeNumber(ts)) {
        *error = QStringLiteral("event %1: \"ts\" must be a number")
                     .arg(clipped(e.id, kMaxCloudIdLength));
        return std::nullopt;
    }
    e.timestampMs = ts.toInteger();
    if (!duration.isUndefined() && !duration.isNull()) {
        if (!isWholeNumber(duration)) {
            *error = QStringLiteral("event %1: \"duration_ms\" must be a number")
                         .arg(clipped(e.id, kMaxCloudIdLength));
            return std::nullopt;
        }
        e.durationMs = duration.toInteger();
    }
    const std::optional<QByteArray> attestation =
        base64Field(o.value(QLatin1String("attestation")));
    if (!attestation) {
        *error = QStringLiteral("event %1: \"attestation\" must be base64")
                     .arg(clipped(e.id, kMaxCloudIdLength));
        return std::nullopt;
    }
    e.attestation = *attestation;
    const QJsonValue claim = o.value(QLatin1String("claim"));
    if (!claim.isNull() && !claim.isUndefined()) {
        const std::optional<QByteArray> claimBytes = base64Field(claim);
        if (!claimBytes) {
            *error = QStringLiteral("event %1: \"claim\" must be base64 or null")
                         .arg(clipped(e.id, kMaxCloudIdLength));
            return std::nullopt;
        }
        e.claim = *claimBytes;
    }
    // Display text only: cut, never refused (nothing about trust comes from it).
    e.deviceName = clipped(e.deviceName, kMaxDisplayTextLength);
    e.kind = clipped(e.kind, kMaxDisplayTextLength);
    return e;
}

// Why a parsed entry breaks the bounds on cloud strings; empty when it does not.
QString boundsProblem(const ListingEntry &e) {
    if (e.id.size() > kMaxCloudIdLength)
        return QStringLiteral("the event ID is longer than %1 characters (%2)")
            .arg(kMaxCloudIdLength)
            .arg(e.id.size());
    if (e.deviceId.size() > kMaxCloudIdLength)
        return QStringLiteral("the device ID is longer than %1 characters (%2)")
            .arg(kMaxCloudIdLength)
            .arg(e.deviceId.size());
    if (e.thumbnailPath.size() > kMaxMediaPathLength || e.clipPath.size() > kMaxMediaPathLength)
        return QStringLiteral("a media path is longer than %1 characters").arg(kMaxMediaPathLength);
    return {};
}
} // namespace

Parsed<LoginAnswer> parseLoginAnswer(const QByteArray &body) {
    QString error;
    const auto o = objectOf(body, &error);
    if (!o)
        return {std::nullopt, error};
    const QJsonValue token = o->value(QLatin1String("token"));
    const QJsonValue user = o->value(QLatin1String("user_id"));
    const std::optional<QByteArray> identity = base64Field(o->value(QLatin1String("identity")));
    if (!token.isString() || token.toString().isEmpty() || !user.isString() || !identity)
        return {std::nullopt, QStringLiteral("the login answer needs token, user_id and identity")};
    if (token.toString().size() > kMaxTokenLength || user.toString().size() > kMaxCloudIdLength)
        return {std::nullopt, QStringLiteral("the login answer's token or user_id is too long")};
    LoginAnswer answer{token.toString().toUtf8(), user.toString(), *identity, {}, {}};
    const QJsonValue expiresAt = o->value(QLatin1String("expires_at"));
    if (!expiresAt.isUndefined() && !expiresAt.isNull()) {
        if (!isWholeNumber(expiresAt) || expiresAt.toInteger() <= 0)
            return {std::nullopt,
                    QStringLiteral("the login answer's expires_at must be milliseconds since "
                                   "the epoch")};
        answer.expiresAtMs = expiresAt.toInteger();
    }
    const QJsonValue refreshToken = o->value(QLatin1String("refresh_token"));
    if (!refreshToken.isUndefined() && !refreshToken.isNull()) {
        if (!refreshToken.isString() || refreshToken.toString().isEmpty() ||
            refreshToken.toString().size() > kMaxTokenLength)
            return {std::nullopt,
                    QStringLiteral("the login answer's refresh_token must be a non-empty string "
                                   "of at most %1 characters")
                        .arg(kMaxTokenLength)};
        answer.refreshToken = refreshToken.toString().toUtf8();
    }
    return {answer, {}};
}

Parsed<LoginAnswer> parseRefreshAnswer(const QByteArray &body) {
    Parsed<LoginAnswer> parsed = parseLoginAnswer(body);
    if (parsed.value && (!parsed.value->expiresAtMs || parsed.value->refreshToken.isEmpty()))
        return {std::nullopt, QStringLiteral("the refresh answer needs expires_at and "
                                             "refresh_token")};
    return parsed;
}

Parsed<QList<DeviceInfo>> parseDevices(const QByteArray &body) {
    QString error;
    const auto o = objectOf(body, &error);
    if (!o)
        return {std::nullopt, error};
    const QJsonValue devices = o->value(QLatin1String("devices"));
    if (!devices.isArray())
        return {std::nullopt, QStringLiteral("\"devices\" must be an array")};
    QList<DeviceInfo> out;
    for (const QJsonValue &value : devices.toArray()) {
        const QJsonObject d = value.toObject();
        if (!value.isObject() || !d.value(QLatin1String("id")).isString())
            return {std::nullopt, QStringLiteral("a device needs a string \"id\"")};
        if (d.value(QLatin1String("id")).toString().size() > kMaxCloudIdLength)
            return {
                std::nullopt,
                QStringLiteral("a device ID is longer than %1 characters").arg(kMaxCloudIdLength)};
        out.append({d.value(QLatin1String("id")).toString(),
                    clipped(d.value(QLatin1String("name")).toString(), kMaxDisplayTextLength),
                    clipped(d.value(QLatin1String("model")).toString(), kMaxDisplayTextLength),
                    d.value(QLatin1String("online")).toBool()});
    }
    return {out, {}};
}

Parsed<EventPage> parseEventPage(const QByteArray &body) {
    QString error;
    const auto o = objectOf(body, &error);
    if (!o)
        return {std::nullopt, error};
    const QJsonValue events = o->value(QLatin1String("events"));
    if (!events.isArray())
        return {std::nullopt, QStringLiteral("\"events\" must be an array")};
    EventPage page;
    for (const QJsonValue &value : events.toArray()) {
        std::optional<ListingEntry> entry = entryOf(value, &error);
        if (!entry)
            return {std::nullopt, error};
        if (const QString problem = boundsProblem(*entry); !problem.isEmpty()) {
            page.malformed.append({clipped(entry->id, kMaxCloudIdLength),
                                   clipped(entry->deviceId, kMaxCloudIdLength), problem});
            continue;
        }
        page.events.append(std::move(*entry));
    }
    const QJsonValue cursor = o->value(QLatin1String("next_cursor"));
    if (cursor.isString())
        page.nextCursor = cursor.toString();
    else if (!cursor.isNull() && !cursor.isUndefined())
        return {std::nullopt, QStringLiteral("\"next_cursor\" must be a string or null")};
    if (page.nextCursor.size() > kMaxCursorLength)
        return {
            std::nullopt,
            QStringLiteral("\"next_cursor\" is longer than %1 characters").arg(kMaxCursorLength)};
    return {std::move(page), {}};
}

Parsed<QString> parseReportStatus(const QByteArray &body) {
    QString error;
    const auto o = objectOf(body, &error);
    if (!o)
        return {std::nullopt, error};
    const QString status = o->value(QLatin1String("status")).toString();
    if (status != QLatin1String("stored") && status != QLatin1String("duplicate"))
        return {std::nullopt, QStringLiteral("unexpected report status")};
    return {status, {}};
}

QString parseErrorMessage(const QByteArray &body) {
    QString error;
    const auto o = objectOf(body, &error);
    return o ? clipped(o->value(QLatin1String("error")).toString(), kMaxErrorMessageLength)
             : QString();
}

} // namespace vf::net
