#include "AttestationPayload.h"

#include "StrictCbor.h"

#include <QCborArray>
#include <QCborMap>

namespace vf::trust {
namespace {
constexpr qint64 kThumbnailLimit = 2LL * 1024 * 1024;
constexpr qint64 kClipLimit = 512LL * 1024 * 1024;
constexpr qint64 kMaxSegmentLength = 64LL * 1024 * 1024;

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
    const QString roleName = mediaRoleName(media.role);
    const QCborValue type = map.value(QLatin1String("type"));
    const QCborValue length = map.value(QLatin1String("len"));
    const QCborValue hash = map.value(QLatin1String("sha256"));
    if (!type.isString() || !length.isInteger() || !hash.isByteArray() ||
        hash.toByteArray().size() != 32) {
        *error =
            QStringLiteral("media %1: type, len and sha256 (32 bytes) are required").arg(roleName);
        return std::nullopt;
    }
    media.type = type.toString();
    media.length = length.toInteger();
    media.sha256 = hash.toByteArray();
    // v2: len is 0 to the role's size limit.
    if (media.length < 0 || media.length > mediaSizeLimit(media.role)) {
        *error = QStringLiteral("media %1: len %2 is outside 0..%3")
                     .arg(roleName)
                     .arg(media.length)
                     .arg(mediaSizeLimit(media.role));
        return std::nullopt;
    }
    const std::optional<QCborValue> segment = fieldOf(map, QCborValue(QLatin1String("seg")));
    const std::optional<QCborValue> segments = fieldOf(map, QCborValue(QLatin1String("segs")));
    if (segment.has_value() != segments.has_value()) {
        *error = QStringLiteral("media %1: seg and segs go together").arg(roleName);
        return std::nullopt;
    }
    if (segment) {
        // v2: seg is 1 to 64 MiB (an undefined or null seg is a wrong type, not "absent").
        if (!segment->isInteger() || segment->toInteger() < 1 ||
            segment->toInteger() > kMaxSegmentLength || !segments->isArray()) {
            *error = QStringLiteral("media %1: seg must be an integer from 1 to 64 MiB and segs "
                                    "an array")
                         .arg(roleName);
            return std::nullopt;
        }
        media.segmentLength = segment->toInteger();
        const qint64 expected = segmentCount(media.length, media.segmentLength);
        const QCborArray hashes = segments->toArray();
        if (hashes.size() != expected) {
            *error = QStringLiteral("media %1: %2 segment hashes for %3 segments")
                         .arg(roleName)
                         .arg(hashes.size())
                         .arg(expected);
            return std::nullopt;
        }
        for (const QCborValue &h : hashes) {
            if (!h.isByteArray() || h.toByteArray().size() != 32) {
                *error = QStringLiteral("media %1: a segment hash is not 32 bytes").arg(roleName);
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

QString requiredMediaType(MediaRole role) {
    return role == MediaRole::Clip ? QStringLiteral("video/mp4") : QStringLiteral("image/jpeg");
}

qint64 segmentCount(qint64 length, qint64 segmentLength) {
    if (length < 0 || segmentLength <= 0)
        return -1;
    // ceil(length / segmentLength) without forming length + segmentLength - 1, which
    // overflows for a segment length near 2^63.
    return length / segmentLength + (length % segmentLength != 0 ? 1 : 0);
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
    const std::optional<QCborValue> kind = fieldOf(map, QCborValue(QLatin1String("kind")));
    const QCborValue media = map.value(QLatin1String("media"));
    if (!evt.isString())
        return fail(QStringLiteral("\"evt\" (text) is required"));
    if (!dev.isString())
        return fail(QStringLiteral("\"dev\" (text) is required"));
    if (!ts.isInteger())
        return fail(QStringLiteral("\"ts\" (integer milliseconds) is required"));
    if (!own.isByteArray())
        return fail(QStringLiteral("\"own\" (byte string) is required"));
    if (kind && !kind->isString()) // present as undefined or null: a wrong type (§2 v2)
        return fail(QStringLiteral("\"kind\" must be text"));
    if (!media.isArray())
        return fail(QStringLiteral("\"media\" (array) is required"));
    payload.eventId = evt.toString();
    payload.deviceId = dev.toString();
    payload.timestampMs = ts.toInteger();
    payload.ownerCti = own.toByteArray();
    payload.kind = kind ? kind->toString() : QString();
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
