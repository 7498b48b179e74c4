#include "AttestationPayload.h"

#include "StrictCbor.h"

#include <QCborArray>
#include <QCborMap>

namespace vf::trust {
namespace {
constexpr qint64 kThumbnailLimit = 2LL * 1024 * 1024;
constexpr qint64 kClipLimit = 512LL * 1024 * 1024;

AttestationParseResult fail(const QString &why) {
    return {std::nullopt, why};
}

std::optional<MediaDescriptor> parseMedia(const QCborValue &value, QString *error) {
    if (!value.isMap()) {
        *error = QStringLiteral("a media entry is not a map");
        return std::nullopt;
    }
    const QCborMap map = value.toMap();
    MediaDescriptor media;
    const QCborValue role = map.value(QLatin1String("role"));
    const auto parsedRole = role.isString() ? mediaRoleFromName(role.toString()) : std::nullopt;
    if (!parsedRole) {
        *error = QStringLiteral("media role must be \"thumbnail\" or \"clip\"");
        return std::nullopt;
    }
    media.role = *parsedRole;
    const QCborValue type = map.value(QLatin1String("type"));
    const QCborValue length = map.value(QLatin1String("len"));
    const QCborValue hash = map.value(QLatin1String("sha256"));
    if (!type.isString() || !length.isInteger() || length.toInteger() < 0 || !hash.isByteArray() ||
        hash.toByteArray().size() != 32) {
        *error = QStringLiteral("media %1: type, len and sha256 (32 bytes) are required")
                     .arg(role.toString());
        return std::nullopt;
    }
    media.type = type.toString();
    media.length = length.toInteger();
    media.sha256 = hash.toByteArray();
    if (media.length > mediaSizeLimit(media.role)) {
        *error = QStringLiteral("media %1 is over its size limit").arg(role.toString());
        return std::nullopt;
    }
    const QCborValue segment = map.value(QLatin1String("seg"));
    const QCborValue segments = map.value(QLatin1String("segs"));
    if (segment.isUndefined() != segments.isUndefined()) {
        *error = QStringLiteral("media %1: seg and segs go together").arg(role.toString());
        return std::nullopt;
    }
    if (!segment.isUndefined()) {
        if (!segment.isInteger() || segment.toInteger() <= 0 || !segments.isArray()) {
            *error = QStringLiteral("media %1: seg must be a positive integer and segs an array")
                         .arg(role.toString());
            return std::nullopt;
        }
        media.segmentLength = segment.toInteger();
        const qint64 expected = (media.length + media.segmentLength - 1) / media.segmentLength;
        const QCborArray hashes = segments.toArray();
        if (hashes.size() != expected) {
            *error = QStringLiteral("media %1: %2 segment hashes for %3 segments")
                         .arg(role.toString())
                         .arg(hashes.size())
                         .arg(expected);
            return std::nullopt;
        }
        for (const QCborValue &h : hashes) {
            if (!h.isByteArray() || h.toByteArray().size() != 32) {
                *error =
                    QStringLiteral("media %1: a segment hash is not 32 bytes").arg(role.toString());
                return std::nullopt;
            }
            media.segmentHashes.append(h.toByteArray());
        }
    }
    return media;
}
} // namespace

QString mediaRoleName(MediaRole role) {
    return role == MediaRole::Clip ? QStringLiteral("clip") : QStringLiteral("thumbnail");
}

std::optional<MediaRole> mediaRoleFromName(QStringView name) {
    if (name == QLatin1String("thumbnail"))
        return MediaRole::Thumbnail;
    if (name == QLatin1String("clip"))
        return MediaRole::Clip;
    return std::nullopt;
}

qint64 mediaSizeLimit(MediaRole role) {
    return role == MediaRole::Clip ? kClipLimit : kThumbnailLimit;
}

const MediaDescriptor *AttestationPayload::mediaFor(MediaRole role) const {
    for (const MediaDescriptor &m : media) {
        if (m.role == role)
            return &m;
    }
    return nullptr;
}

AttestationParseResult parseAttestationPayload(const QByteArray &cbor) {
    const CborDecodeResult decoded = decodeStrictCbor(cbor);
    if (!decoded.value)
        return fail(QStringLiteral("payload: %1").arg(decoded.error));
    if (!decoded.value->isMap())
        return fail(QStringLiteral("payload must be a map"));
    const QCborMap map = decoded.value->toMap();
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (!it.key().isString())
            return fail(QStringLiteral("payload keys must be text"));
    }
    const QCborValue version = map.value(QLatin1String("v"));
    if (!version.isInteger() || version.toInteger() != 1)
        return fail(QStringLiteral("payload version \"v\" must be 1"));

    AttestationPayload payload;
    const QCborValue evt = map.value(QLatin1String("evt"));
    const QCborValue dev = map.value(QLatin1String("dev"));
    const QCborValue ts = map.value(QLatin1String("ts"));
    const QCborValue own = map.value(QLatin1String("own"));
    const QCborValue kind = map.value(QLatin1String("kind"));
    const QCborValue media = map.value(QLatin1String("media"));
    if (!evt.isString())
        return fail(QStringLiteral("\"evt\" (text) is required"));
    if (!dev.isString())
        return fail(QStringLiteral("\"dev\" (text) is required"));
    if (!ts.isInteger())
        return fail(QStringLiteral("\"ts\" (integer milliseconds) is required"));
    if (!own.isByteArray())
        return fail(QStringLiteral("\"own\" (byte string) is required"));
    if (!kind.isUndefined() && !kind.isString())
        return fail(QStringLiteral("\"kind\" must be text"));
    if (!media.isArray())
        return fail(QStringLiteral("\"media\" (array) is required"));
    payload.eventId = evt.toString();
    payload.deviceId = dev.toString();
    payload.timestampMs = ts.toInteger();
    payload.ownerCti = own.toByteArray();
    payload.kind = kind.toString();
    const QCborArray items = media.toArray();
    for (const QCborValue &item : items) {
        QString error;
        std::optional<MediaDescriptor> descriptor = parseMedia(item, &error);
        if (!descriptor)
            return fail(error);
        if (payload.mediaFor(descriptor->role)) // two maps for one role: ambiguous
            return fail(
                QStringLiteral("two media maps for role %1").arg(mediaRoleName(descriptor->role)));
        payload.media.append(*descriptor);
    }
    return {std::move(payload), {}};
}

} // namespace vf::trust
