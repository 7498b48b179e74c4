#include "StoreTestSupport.h"

#include "SqlSupport.h"

namespace vf::test {

VerifiedThumbnail verifiedThumbnail(const QString &user, const QString &eventId, char seed) {
    return verifiedThumbnail(user, eventId, seed, TestWorld::instance().cameraP256);
}

VerifiedThumbnail verifiedThumbnail(const QString &user, const QString &eventId, char seed,
                                    const pki::DeviceIdentity &camera) {
    const TestWorld &world = TestWorld::instance();
    EventFixture e = world.ownerEvent(camera, user);
    e.listedEventId = eventId;
    e.attestation.eventId = eventId;
    e.thumbnail = TestWorld::bytesOfLength(4096 + seed, seed);
    e.attestation.media[0] = pki::MediaItem::describe(QStringLiteral("thumbnail"),
                                                      QStringLiteral("image/jpeg"), e.thumbnail);
    VerifiedThumbnail t;
    t.bytes = e.thumbnail;
    t.verdict = world.verify(e);
    t.eventId = eventId;
    t.deviceId = e.listedDeviceId;
    return t;
}

trust::Verdict foreignOwnerVerdict(const QString &owner, const QString &signedIn) {
    const TestWorld &world = TestWorld::instance();
    EventFixture e = world.ownerEvent(world.cameraP256, owner);
    e.userId = signedIn;
    return world.verify(e);
}

store::IntegrityReport sampleReport(const QString &eventId, const QString &reason,
                                    const QString &role) {
    store::IntegrityReport r;
    r.eventId = eventId;
    r.deviceId = QStringLiteral("cam-front.1");
    r.role = role;
    r.reason = reason;
    r.detail = QStringLiteral("refused in a test");
    r.observedSha256 = QStringLiteral("ab").repeated(32);
    r.clientTimeMs = 1795000000000;
    r.appVersion = QStringLiteral("1.0.0");
    return r;
}

std::unique_ptr<store::Store> openStore(const QString &dir) {
    QString error;
    std::unique_ptr<store::Store> s = store::Store::open(dir, &error);
    if (!s)
        qWarning("Store::open failed: %s", qPrintable(error));
    return s;
}

QVariant sqlValue(store::Database &db, const QString &sql) {
    QString error;
    const QVariant v = store::querySingleValue(db.connection(), sql, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return v;
}

} // namespace vf::test
