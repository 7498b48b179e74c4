#pragma once
// The attestation payload of trust.md §5, parsed strictly: a wrong type, a missing
// required key, or an inconsistent media map makes the attestation malformed.
#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace vf::trust {

enum class MediaRole { Thumbnail, Clip };
QString mediaRoleName(MediaRole role);
std::optional<MediaRole> mediaRoleFromName(QStringView name);
// trust.md §2 size limits for media bytes.
qint64 mediaSizeLimit(MediaRole role);
// trust.md §5 v2: the only attested type a role may carry, and so the only decoder its
// bytes may reach: "image/jpeg" for a thumbnail, "video/mp4" for a clip.
QString requiredMediaType(MediaRole role);
// ceil(length / segmentLength) without overflow; -1 for a negative length or a
// segment length below 1.
qint64 segmentCount(qint64 length, qint64 segmentLength);

struct MediaDescriptor {
    MediaRole role = MediaRole::Thumbnail;
    QString type; // as attested; the verifier refuses any but requiredMediaType(role)
    qint64 length = 0;
    QByteArray sha256;
    qint64 segmentLength = 0;        // 0: no segments
    QList<QByteArray> segmentHashes; // ceil(length / segmentLength) entries
};

struct AttestationPayload {
    QString eventId;
    QString deviceId;
    qint64 timestampMs = 0;
    QByteArray ownerCti;
    QString kind;
    QList<MediaDescriptor> media;

    const MediaDescriptor *mediaFor(MediaRole role) const;
};

struct AttestationParseResult {
    std::optional<AttestationPayload> payload;
    QString error;
};
AttestationParseResult parseAttestationPayload(const QByteArray &cbor);

} // namespace vf::trust
