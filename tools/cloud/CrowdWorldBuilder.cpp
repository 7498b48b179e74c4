#include "CrowdWorldBuilder.h"

#include "DemoWorldBuilder.h"
#include "PasswordHasher.h"
#include "SceneSpec.h"
#include "ThumbnailEncoder.h"
#include "WorldPicks.h"

#include <QCryptographicHash>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent>

#include <numeric>

namespace vf::cloud {

namespace {

using camsim::SplitMix64;

// Events of a crowd camera happened over the last day: the backlog cameras upload when they
// come back after an outage.
constexpr qint64 kCrowdHistoryMs = 24LL * 3600 * 1000;
constexpr int kCamerasPerChunk = 128;

struct CrowdEvent {
    QString id;
    QString kind;
    qint64 tsMs = 0;
    qint64 durationMs = 0;
    QByteArray payload;
    QByteArray attestation;
    qint64 thumbnailLength = 0;
};

struct CrowdCamera {
    int index = 0;
    QString id;
    pki::KeyType keyType = pki::KeyType::P256;
    pki::ClaimPayload claim;
    QByteArray claimCwt;
    QList<CrowdEvent> events;
    QString error;
};

// A JPEG with a comment segment (FF FE) right after SOI naming the event: every event's
// thumbnail is distinct bytes (so a swapped one is caught by its hash), while the camera's
// picture is encoded once.
QByteArray withComment(const QByteArray &jpeg, const QByteArray &text) {
    const int length = int(text.size()) + 2;
    QByteArray segment("\xFF\xFE", 2);
    segment.append(char((length >> 8) & 0xFF));
    segment.append(char(length & 0xFF));
    segment.append(text);
    return jpeg.left(2) + segment + jpeg.mid(2);
}

bool writeFile(const QString &path, const QByteArray &bytes) {
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}

// One camera, its claim and its events; runs on a worker thread with its own random stream,
// so the crowd is the same whatever the thread count.
CrowdCamera renderCamera(int index, const CrowdSpec &spec, const pki::TestPki &pki,
                         const QList<DemoUser> &users, quint64 seed, qint64 createdMs,
                         const QString &mediaDir) {
    CrowdCamera cam;
    cam.index = index;
    SplitMix64 rng(SplitMix64::mix(seed ^ 0xC20DULL ^ (quint64(index) * 0x9E3779B97F4A7C15ull)));
    cam.id = QStringLiteral("cam-c") + picks::hex(rng.next(), 12);
    cam.keyType = index % 2 == 0 ? pki::KeyType::P256 : pki::KeyType::Ed25519;
    const pki::DeviceIdentity identity = pki.makeDevice(cam.id, cam.keyType);
    if (identity.key.isNull() || identity.leaf.isNull()) {
        cam.error = QStringLiteral("cannot make crowd camera %1").arg(cam.id);
        return cam;
    }
    cam.claim.subject = users.at(spec.ownerOf(index)).userId;
    cam.claim.nbf = (createdMs - kCrowdHistoryMs) / 1000 - 24 * 3600;
    cam.claim.iat = cam.claim.nbf;
    cam.claim.cti = picks::bytesFrom(rng, 16);
    cam.claim.cnfKey = identity.key.coseKey();
    cam.claim.deviceId = cam.id;
    cam.claim.role = QStringLiteral("owner");
    cam.claimCwt = pki.signClaim(cam.claim);

    const QString name = QStringLiteral("Crowd camera %1").arg(index + 1);
    const camsim::ThumbnailEncoder encoder(camsim::ThumbnailSettings{QSize(96, 54), 70});
    const auto picture = encoder.encodeScene(
        camsim::SceneSpec::forCamera(cam.id, name, QStringLiteral("motion"), seed), createdMs);
    if (!picture) {
        cam.error = picture.error;
        return cam;
    }
    for (int n = 0; n < spec.eventsPerCamera; ++n) {
        CrowdEvent e;
        e.id = QStringLiteral("evt-") + picks::hex(rng.next(), 16);
        e.kind = picks::label(rng);
        e.tsMs = createdMs - 60'000 - qint64(rng.unit() * double(kCrowdHistoryMs - 120'000));
        e.durationMs = 4000 + 1000 * rng.between(0, 26);
        const QByteArray thumbnail = withComment(
            picture.bytes, QStringLiteral("veriframe crowd %1 %2").arg(e.id).arg(e.tsMs).toUtf8());
        pki::AttestationPayload payload;
        payload.eventId = e.id;
        payload.deviceId = cam.id;
        payload.tsMs = e.tsMs;
        payload.ownerCti = cam.claim.cti;
        payload.kind = e.kind;
        pki::MediaItem item;
        item.role = QStringLiteral("thumbnail");
        item.type = QStringLiteral("image/jpeg");
        item.length = thumbnail.size();
        item.sha256 = QCryptographicHash::hash(thumbnail, QCryptographicHash::Sha256);
        payload.media << item;
        e.payload = payload.toCbor();
        e.attestation = pki::signCoseSign1(e.payload, identity.key, identity.x5chain);
        e.thumbnailLength = thumbnail.size();
        if (e.attestation.isEmpty() || cam.claimCwt.isEmpty() ||
            !writeFile(mediaDir + u'/' + e.id + QStringLiteral(".jpg"), thumbnail)) {
            cam.error = QStringLiteral("cannot sign or write event %1").arg(e.id);
            return cam;
        }
        cam.events << e;
    }
    return cam;
}

bool exec(QSqlQuery &q, QString *error) {
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

bool buildCrowd(const CrowdSpec &spec, const pki::TestPki &pki, quint64 seed, qint64 createdMs,
                QSqlDatabase &db, const QString &mediaDir, CrowdBuildResult *out, QString *error) {
    QThreadPool pool;
    pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));

    // Accounts: the password hash is the slow part, so it runs on every core.
    QList<int> indices(spec.users);
    std::iota(indices.begin(), indices.end(), 0);
    struct UserRow {
        DemoUser user;
        QByteArray salt, hash;
    };
    const std::function<UserRow(int)> makeUser = [seed](int i) {
        UserRow row;
        row.user.username = CrowdSpec::username(i);
        row.user.password = row.user.username + QStringLiteral("-demo");
        row.user.userId = DemoWorldBuilder::userIdFor(row.user.username, seed);
        row.salt = PasswordHasher::newSalt();
        row.hash = PasswordHasher::hash(row.user.password, row.salt);
        return row;
    };
    const QList<UserRow> rows = QtConcurrent::blockingMapped(&pool, indices, makeUser);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO users(id, username, password_salt, password_hash,"
                             " demo_password) VALUES(?, ?, ?, ?, ?)"));
    for (const UserRow &row : rows) {
        q.addBindValue(row.user.userId);
        q.addBindValue(row.user.username);
        q.addBindValue(row.salt);
        q.addBindValue(row.hash);
        q.addBindValue(row.user.password);
        if (!exec(q, error))
            return false;
        out->users << row.user;
    }

    QSqlQuery cameras(db), claims(db), events(db), media(db);
    cameras.prepare(QStringLiteral(
        "INSERT INTO cameras(id, name, model, key_type, online) VALUES(?, ?, ?, ?, 1)"));
    claims.prepare(QStringLiteral("INSERT INTO claims(cti, device_id, user_id, role, grant_cti,"
                                  " unlocks, nbf, exp, cwt) VALUES(?, ?, ?, 'owner', NULL, ?, ?,"
                                  " NULL, ?)"));
    events.prepare(QStringLiteral("INSERT INTO events(id, device_id, own_cti, kind, ts,"
                                  " duration_ms, attestation, payload)"
                                  " VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    media.prepare(QStringLiteral("INSERT INTO media(event_id, role, mime, file, length)"
                                 " VALUES(?, 'thumbnail', 'image/jpeg', ?, ?)"));
    const QList<DemoUser> &users = out->users;
    const std::function<CrowdCamera(int)> render = [&](int index) {
        return renderCamera(index, spec, pki, users, seed, createdMs, mediaDir);
    };
    for (int first = 0; first < spec.cameras; first += kCamerasPerChunk) {
        QList<int> chunk;
        for (int i = first; i < qMin(spec.cameras, first + kCamerasPerChunk); ++i)
            chunk << i;
        for (const CrowdCamera &cam : QtConcurrent::blockingMapped(&pool, chunk, render)) {
            if (!cam.error.isEmpty()) {
                *error = cam.error;
                return false;
            }
            cameras.addBindValue(cam.id);
            cameras.addBindValue(QStringLiteral("Crowd camera %1").arg(cam.index + 1));
            cameras.addBindValue(QStringLiteral("Veriframe Crowd C1"));
            cameras.addBindValue(cam.keyType == pki::KeyType::P256 ? QStringLiteral("ES256")
                                                                   : QStringLiteral("EdDSA"));
            claims.addBindValue(cam.claim.cti);
            claims.addBindValue(cam.id);
            claims.addBindValue(cam.claim.subject);
            claims.addBindValue(cam.claim.cti);
            claims.addBindValue(cam.claim.nbf);
            claims.addBindValue(cam.claimCwt);
            if (!exec(cameras, error) || !exec(claims, error))
                return false;
            for (const CrowdEvent &e : cam.events) {
                events.addBindValue(e.id);
                events.addBindValue(cam.id);
                events.addBindValue(cam.claim.cti);
                events.addBindValue(e.kind);
                events.addBindValue(e.tsMs);
                events.addBindValue(e.durationMs);
                events.addBindValue(e.attestation);
                events.addBindValue(e.payload);
                media.addBindValue(e.id);
                media.addBindValue(QStringLiteral("media/") + e.id + QStringLiteral(".jpg"));
                media.addBindValue(e.thumbnailLength);
                if (!exec(events, error) || !exec(media, error))
                    return false;
                ++out->eventCount;
            }
            ++out->cameraCount;
        }
    }
    return true;
}

} // namespace vf::cloud
