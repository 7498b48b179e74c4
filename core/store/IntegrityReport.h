#pragma once
// The body of POST /v1/integrity-reports (cloud-api.md §5): what was refused and why,
// with the hashes and IDs that support needs. Never the refused media itself.
#include <QJsonObject>
#include <QString>

namespace vf::trust {
struct Verdict;
enum class MediaRole;
} // namespace vf::trust

namespace vf::store {

struct IntegrityReport {
    QString reportId; // UUID v4, assigned by the outbox when the report is first queued
    QString eventId;
    QString deviceId; // as listed
    QString role;     // "thumbnail" / "clip"
    QString reason;   // reason code
    QString detail;
    QString observedSha256; // hex; empty is sent as null
    QString attestedDevice; // empty is sent as null
    QString claimId;        // hex cti; empty is sent as null
    qint64 clientTimeMs = 0;
    QString appVersion;

    // Exactly the eleven fields of §5.
    QJsonObject toJson() const;
    // Reads toJson()'s output back (the acknowledged history keeps reports as JSON).
    static IntegrityReport fromJson(const QJsonObject &json);

    static IntegrityReport fromRefusal(const QString &eventId, const QString &deviceId,
                                       vf::trust::MediaRole role, const vf::trust::Verdict &verdict,
                                       qint64 clientTimeMs, const QString &appVersion);
};

} // namespace vf::store
