#include "Verdict.h"

#include <QJsonArray>

namespace vf::trust {
namespace {
QJsonArray pathJson(const QList<CertificateInfo> &path) {
    QJsonArray out;
    for (const CertificateInfo &cert : path) {
        out.append(QJsonObject{
            {QStringLiteral("subject"), cert.subject},
            {QStringLiteral("issuer"), cert.issuer},
            {QStringLiteral("serial"), cert.serialHex},
            {QStringLiteral("not_before"), cert.notBefore.toString(Qt::ISODate)},
            {QStringLiteral("not_after"), cert.notAfter.toString(Qt::ISODate)},
            {QStringLiteral("sha256"), QString::fromLatin1(cert.sha256.toHex())},
            {QStringLiteral("key_type"), cert.keyType},
            {QStringLiteral("ca"), cert.isCa},
        });
    }
    return out;
}
} // namespace

QString grantRoleName(GrantRole role) {
    switch (role) {
    case GrantRole::Owner:
        return QStringLiteral("owner");
    case GrantRole::Viewer:
        return QStringLiteral("viewer");
    case GrantRole::None:
        break;
    }
    return {};
}

QJsonObject Verdict::toJson() const {
    if (verified())
        return {{QStringLiteral("verdict"), QStringLiteral("verified")},
                {QStringLiteral("role"), grantRoleName(role)}};
    if (authorisedForStream())
        return {{QStringLiteral("verdict"), QStringLiteral("pending_media")},
                {QStringLiteral("role"), grantRoleName(role)}};
    return {{QStringLiteral("verdict"), QStringLiteral("refused")},
            {QStringLiteral("reason"), reasonCode(reason)},
            {QStringLiteral("detail"), detail}};
}

QJsonObject Verdict::traceJson() const {
    QJsonArray checks;
    for (const CheckTrace &check : trace) {
        QJsonObject entry{{QStringLiteral("n"), checkNumber(check.check)},
                          {QStringLiteral("name"), reasonCode(check.check)},
                          {QStringLiteral("passed"), check.passed},
                          {QStringLiteral("micros"), check.micros}};
        if (check.memoised)
            entry.insert(QStringLiteral("memoised"), true);
        checks.append(entry);
    }
    QJsonObject media;
    if (evidence.attestedMedia) {
        const MediaDescriptor &m = *evidence.attestedMedia;
        media = {{QStringLiteral("role"), mediaRoleName(m.role)},
                 {QStringLiteral("type"), m.type},
                 {QStringLiteral("attested_len"), m.length},
                 {QStringLiteral("attested_sha256"), QString::fromLatin1(m.sha256.toHex())},
                 {QStringLiteral("segment_len"), m.segmentLength},
                 {QStringLiteral("segments"), m.segmentHashes.size()}};
    }
    if (evidence.observedLength >= 0)
        media.insert(QStringLiteral("observed_len"), evidence.observedLength);
    if (!evidence.observedSha256.isEmpty())
        media.insert(QStringLiteral("observed_sha256"),
                     QString::fromLatin1(evidence.observedSha256.toHex()));
    QJsonObject claim{{QStringLiteral("cti"), QString::fromLatin1(evidence.claimCti.toHex())},
                      {QStringLiteral("role"), evidence.claimRole},
                      {QStringLiteral("device"), evidence.claimDeviceId},
                      {QStringLiteral("nbf"), evidence.claimNotBefore},
                      {QStringLiteral("path"), pathJson(evidence.claimPath)}};
    if (evidence.claimExpires)
        claim.insert(QStringLiteral("exp"), *evidence.claimExpires);
    QJsonObject out = toJson();
    out.insert(QStringLiteral("checks"), checks);
    out.insert(QStringLiteral("attestation"),
               QJsonObject{{QStringLiteral("event"), evidence.attestedEventId},
                           {QStringLiteral("device"), evidence.attestedDeviceId},
                           {QStringLiteral("ts"), evidence.captureTimeMs},
                           {QStringLiteral("own"), QString::fromLatin1(evidence.ownerCti.toHex())},
                           {QStringLiteral("alg"), evidence.algorithm},
                           {QStringLiteral("path"), pathJson(evidence.devicePath)}});
    out.insert(QStringLiteral("claim"), claim);
    out.insert(QStringLiteral("media"), media);
    return out;
}

} // namespace vf::trust
