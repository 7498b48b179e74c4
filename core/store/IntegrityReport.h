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
    QString role;     // "thumbnail" / "clip" / "revocations"
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

    // cloud-api.md §5 v2: a revocation list refused because another payload already holds
    // its seq. No event, no device; observed_sha256 is the refused payload's hash.
    static IntegrityReport revocationConflict(quint64 seq, const QByteArray &payloadSha256,
                                              qint64 clientTimeMs, const QString &appVersion);
    bool isAboutRevocations() const;
    // What a report without an event is about (the refused payload's hash), so that two
    // conflicting lists are two reports while one list refused at every fetch is one.
    QString subject() const;

    static IntegrityReport fromRefusal(const QString &eventId, const QString &deviceId,
                                       vf::trust::MediaRole role, const vf::trust::Verdict &verdict,
                                       qint64 clientTimeMs, const QString &appVersion);
};

} // namespace vf::store
