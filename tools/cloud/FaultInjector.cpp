#include "FaultInjector.h"

#include <QUrl>

namespace vf::cloud {

FaultInjector::FaultInjector(FaultPlan plan, const CloudRepository &repository)
    : FaultInjector(std::make_shared<LiveFaultPlan>(std::move(plan)), repository) {}

FaultInjector::FaultInjector(std::shared_ptr<LiveFaultPlan> live, const CloudRepository &repository)
    : m_live(live ? std::move(live) : std::make_shared<LiveFaultPlan>())
    , m_repository(repository) {}

EventEntry FaultInjector::applyToEntry(const FaultPlan &plan, const EventEntry &entry,
                                       const QString &userId) {
    EventEntry out = entry;
    if (plan.applies(Fault::Mixup, entry.id, userId)) {
        // The incident: another account's event, complete with its owner's claim, so every
        // check passes but the last one (C.sub ≠ U).
        if (auto foreign =
                m_repository.foreignEvent(userId, plan.pick(Fault::Mixup, entry.id, userId)))
            return *foreign;
    }
    if (plan.applies(Fault::Forge, entry.id, userId)) {
        const QByteArray payload = m_repository.attestationPayload(entry.id);
        const QByteArray forged =
            m_rogues.sign(entry.deviceId, m_repository.deviceKeyType(entry.deviceId), payload);
        if (!forged.isEmpty())
            out.attestation = forged;
    }
    if (plan.applies(Fault::ClaimSwap, entry.id, userId)) {
        const QByteArray other = m_repository.claimOfOtherDevice(
            entry.deviceId, plan.pick(Fault::ClaimSwap, entry.id, userId));
        if (!other.isEmpty())
            out.claim = other;
    }
    if (plan.applies(Fault::StaleClaim, entry.id, userId)) {
        // Only a transferred camera's new-epoch events have a former owner claim: valid,
        // same device and key, but not the cti the camera signed with.
        const QByteArray former = m_repository.formerOwnerClaim(entry.deviceId, entry.ownCti);
        if (!former.isEmpty())
            out.claim = former;
    }
    return out;
}

QString FaultInjector::mediaSource(const FaultPlan &plan, const QString &eventId,
                                   const QString &role, const QString &userId) const {
    if (role == QLatin1String("thumbnail") && plan.applies(Fault::ThumbSwap, eventId, userId)) {
        const QString other = m_repository.otherEventWithMedia(
            eventId, role, plan.pick(Fault::ThumbSwap, eventId, userId));
        if (!other.isEmpty())
            return other;
    }
    return eventId;
}

void FaultInjector::tamper(const FaultPlan &plan, QByteArray &bytes, const QString &eventId,
                           const QString &role, const QString &userId) {
    if (bytes.isEmpty() || !plan.applies(Fault::Tamper, eventId + u'/' + role, userId))
        return;
    // One flipped byte every 4 KiB: the whole-item hash fails, and so does every 16 KiB
    // segment of a clip, so a streaming client refuses at the first segment it checks.
    for (qsizetype i = qMin<qsizetype>(bytes.size() / 2, 1000); i < bytes.size(); i += 4096)
        bytes[i] = char(bytes[i] ^ 0x5A);
}

bool FaultInjector::failsRequest(const FaultPlan &plan, quint64 serial) {
    return plan.applies(Fault::Error, QString::number(serial), QString());
}

bool FaultInjector::delaysRequest(const FaultPlan &plan, quint64 serial) {
    return plan.applies(Fault::Slow, QString::number(serial), QString());
}

} // namespace vf::cloud

namespace vf::cloud {

bool FaultInjector::dripsRequest(const FaultPlan &plan, quint64 serial) {
    return plan.applies(Fault::Drip, QString::number(serial), QString());
}

std::optional<CloudReply> FaultInjector::redirectFor(const FaultPlan &plan,
                                                     const ApiRequest &request) {
    if (!plan.applies(Fault::Redirect, QString::number(request.serial), QString()))
        return std::nullopt;
    QString origin = plan.redirectOrigin();
    if (origin.isEmpty()) {
        // The same host on another port: another origin, which a client that follows
        // redirects would hand the password or the token to.
        const QUrl self(QStringLiteral("http://") + QString::fromLatin1(request.header("host")));
        const int port = self.port(80);
        QUrl other = self;
        other.setPort(port >= 65535 ? port - 1 : port + 1);
        origin = other.toString(QUrl::RemovePath);
    }
    QUrl location(origin);
    location.setPath(request.path);
    if (!request.query.isEmpty())
        location.setQuery(request.query);
    CloudReply reply = CloudReply::error(307, QStringLiteral("moved (injected fault)"));
    reply.headers << qMakePair(QByteArray("Location"), location.toEncoded());
    return reply;
}

void FaultInjector::padListing(const FaultPlan &plan, quint64 serial, QJsonObject &listing) {
    if (!plan.applies(Fault::BigListing, QString::number(serial), QString()))
        return;
    listing.insert(QStringLiteral("padding"),
                   QString(FaultPlan::kBigListingBytes, QLatin1Char(' ')));
}

} // namespace vf::cloud
