#include "ModelTestSupport.h"

namespace vf::test {

std::unique_ptr<store::Store> openStore(const QString &dir) {
    QString error;
    std::unique_ptr<store::Store> s = store::Store::open(dir, &error);
    if (!s)
        qWarning("Store::open failed: %s", qPrintable(error));
    return s;
}

store::StoredEvent listedEvent(const QString &id, qint64 timestampMs, const QString &deviceId,
                               const QString &kind, bool withClip) {
    store::StoredEvent e;
    e.id = id;
    e.deviceId = deviceId;
    e.deviceName = deviceId + QStringLiteral(" camera");
    e.kind = kind;
    e.timestampMs = timestampMs;
    e.durationMs = 12000;
    e.attestation = "attestation of " + id.toUtf8();
    e.claim = "claim of " + deviceId.toUtf8();
    e.thumbnailUrl = QStringLiteral("/v1/events/%1/thumbnail").arg(id);
    if (withClip)
        e.clipUrl = QStringLiteral("/v1/events/%1/clip").arg(id);
    return e;
}

QByteArray fakeSha256(char seed) {
    QByteArray sha(32, seed);
    sha[0] = char(0xC0);
    sha[1] = char(0xFF);
    return sha;
}

bool addEvent(store::Store &s, const QString &account, const store::StoredEvent &event) {
    QString error;
    if (s.events().upsert(account, event, &error))
        return true;
    qWarning("upsert failed: %s", qPrintable(error));
    return false;
}

// The entry of that ID; the tests of this directory list each ID once per account.
static store::EventKey keyOf(store::Store &s, const QString &account, const QString &eventId) {
    const QList<store::StoredEvent> found = s.events().findAllWithId(account, eventId);
    return found.size() == 1 ? found.first().key() : store::EventKey{eventId, {}};
}

bool markVerified(store::Store &s, const QString &account, const QString &eventId,
                  const QString &role, char seed) {
    QString error;
    if (s.events().setVerification(account, keyOf(s, account, eventId),
                                   store::VerificationState::Verified, {}, role, fakeSha256(seed),
                                   &error))
        return true;
    qWarning("setVerification failed: %s", qPrintable(error));
    return false;
}

bool markRefused(store::Store &s, const QString &account, const QString &eventId,
                 const QString &reason) {
    QString error;
    if (s.events().setVerification(account, keyOf(s, account, eventId),
                                   store::VerificationState::Refused, reason, {}, {}, &error))
        return true;
    qWarning("setVerification failed: %s", qPrintable(error));
    return false;
}

} // namespace vf::test
