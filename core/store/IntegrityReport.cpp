#include "IntegrityReport.h"

#include "Verdict.h"

namespace vf::store {

static QJsonValue stringOrNull(const QString &s) {
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject IntegrityReport::toJson() const {
    return QJsonObject{
        {QStringLiteral("report_id"), reportId},
        // A report about a revocation list names no event or device: null (§5 v2).
        {QStringLiteral("event_id"), isAboutRevocations() ? stringOrNull(eventId) : eventId},
        {QStringLiteral("device_id"), isAboutRevocations() ? stringOrNull(deviceId) : deviceId},
        {QStringLiteral("role"), role},
        {QStringLiteral("reason"), reason},
        {QStringLiteral("detail"), detail},
        {QStringLiteral("observed_sha256"), stringOrNull(observedSha256)},
        {QStringLiteral("attested_device"), stringOrNull(attestedDevice)},
        {QStringLiteral("claim_id"), stringOrNull(claimId)},
        {QStringLiteral("client_time"), clientTimeMs},
        {QStringLiteral("app_version"), appVersion},
    };
}

IntegrityReport IntegrityReport::fromJson(const QJsonObject &json) {
    IntegrityReport r;
    r.reportId = json.value(QLatin1String("report_id")).toString();
    r.eventId = json.value(QLatin1String("event_id")).toString();
    r.deviceId = json.value(QLatin1String("device_id")).toString();
    r.role = json.value(QLatin1String("role")).toString();
    r.reason = json.value(QLatin1String("reason")).toString();
    r.detail = json.value(QLatin1String("detail")).toString();
    r.observedSha256 = json.value(QLatin1String("observed_sha256")).toString();
    r.attestedDevice = json.value(QLatin1String("attested_device")).toString();
    r.claimId = json.value(QLatin1String("claim_id")).toString();
    r.clientTimeMs = json.value(QLatin1String("client_time")).toInteger();
    r.appVersion = json.value(QLatin1String("app_version")).toString();
    return r;
}

IntegrityReport IntegrityReport::revocationConflict(quint64 seq, const QByteArray &payloadSha256,
                                                    qint64 clientTimeMs,
                                                    const QString &appVersion) {
    IntegrityReport r;
    r.role = QStringLiteral("revocations");
    r.reason = QStringLiteral("revocation_conflict");
    r.detail =
        QStringLiteral("a second revocation list under seq %1 with another payload").arg(seq);
    r.observedSha256 = QString::fromLatin1(payloadSha256.toHex());
    r.clientTimeMs = clientTimeMs;
    r.appVersion = appVersion;
    return r;
}

bool IntegrityReport::isAboutRevocations() const {
    return role == QLatin1String("revocations");
}

QString IntegrityReport::subject() const {
    return isAboutRevocations() ? observedSha256 : QString();
}

IntegrityReport IntegrityReport::fromRefusal(const QString &eventId, const QString &deviceId,
                                             vf::trust::MediaRole role,
                                             const vf::trust::Verdict &verdict, qint64 clientTimeMs,
                                             const QString &appVersion) {
    IntegrityReport r;
    r.eventId = eventId;
    r.deviceId = deviceId;
    r.role = vf::trust::mediaRoleName(role);
    r.reason = vf::trust::reasonCode(verdict.reason);
    r.detail = verdict.detail;
    r.observedSha256 = QString::fromLatin1(verdict.evidence.observedSha256.toHex());
    r.attestedDevice = verdict.evidence.attestedDeviceId;
    r.claimId = QString::fromLatin1(verdict.evidence.claimCti.toHex());
    r.clientTimeMs = clientTimeMs;
    r.appVersion = appVersion;
    return r;
}

} // namespace vf::store
