#include "DemoWorldBuilder.h"

#include "ClipEncoder.h"
#include "CrowdWorldBuilder.h"
#include "PasswordHasher.h"
#include "RevocationAuthority.h"
#include "SceneSpec.h"
#include "SegmentHasher.h"
#include "SplitMix64.h"
#include "ThumbnailEncoder.h"
#include "WorldPicks.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadPool>
#include <QtConcurrent>

#include <algorithm>
#include <functional>

namespace vf::cloud {

namespace {

using camsim::SplitMix64;
using picks::bytesFrom;
using picks::hex;

const char *const kUsernames[] = {"alice", "bob", "carol"};

struct CameraTemplate {
    const char *name;
    const char *model;
    pki::KeyType keyType;
    int owner; // index into kUsernames
};

// Six cameras, two per account, alternating key types so both signature algorithms appear
// for every account.
constexpr CameraTemplate kCameras[] = {
    {"Front Door", "Veriframe Doorbell D1", pki::KeyType::P256, 0},
    {"Backyard", "Veriframe Outdoor O2", pki::KeyType::Ed25519, 0},
    {"Garage", "Veriframe Indoor I1", pki::KeyType::P256, 1},
    {"Driveway", "Veriframe Outdoor O2", pki::KeyType::Ed25519, 1},
    {"Living Room", "Veriframe Indoor I1", pki::KeyType::Ed25519, 2},
    {"Porch", "Veriframe Doorbell D1", pki::KeyType::P256, 2},
};
constexpr int kSharedCamera = 1;      // alice's Backyard ...
constexpr int kViewer = 1;            // ... is shared with bob
constexpr int kTransferredCamera = 3; // bob's Driveway ...
constexpr int kNewOwner = 2;          // ... went to carol three days ago
constexpr bool kOfflineCamera[] = {false, false, false, false, true, false};

struct CameraPlan {
    QString id;
    QString name;
    QString model;
    pki::KeyType keyType;
    pki::DeviceIdentity identity;
};

struct EventPlan {
    QString id;
    int camera = 0;
    QString kind;
    qint64 tsMs = 0;
    qint64 durationMs = 0;
    QByteArray ownCti;
    bool clip = false; // encode an H.264 clip (never for sound events)
};

struct RenderedEvent {
    QByteArray payload;
    QByteArray attestation;
    qint64 thumbnailLength = 0;
    qint64 clipLength = 0; // 0: no clip
    QString error;
};

pki::MediaItem describeMedia(const QString &role, const QString &mime, const QByteArray &bytes,
                             bool segmented) {
    pki::MediaItem item;
    item.role = role;
    item.type = mime;
    item.length = bytes.size();
    if (segmented) {
        const camsim::SegmentHasher hasher(camsim::SegmentHasher::segmentLengthFor(bytes.size()));
        const auto hashes = hasher.hash(bytes);
        item.sha256 = hashes->sha256;
        item.segmentLength = hashes->segmentLength;
        item.segmentHashes = hashes->segments;
    } else {
        item.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
    }
    return item;
}

bool writeFile(const QString &path, const QByteArray &bytes) {
    QSaveFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.commit();
}

// One event's media and attestation; runs on a worker thread (camsim encoders, signing and
// file writes are all re-entrant).
RenderedEvent renderEvent(const EventPlan &e, const CameraPlan &camera, quint64 seed,
                          const QString &mediaDir) {
    RenderedEvent out;
    const camsim::SceneSpec scene =
        camsim::SceneSpec::forCamera(camera.id, camera.name, e.kind, seed);
    const camsim::ThumbnailEncoder thumbnails(camsim::ThumbnailSettings{QSize(320, 180), 80});
    const auto thumb = thumbnails.encodeScene(scene, e.tsMs);
    if (!thumb) {
        out.error = thumb.error;
        return out;
    }
    pki::AttestationPayload payload;
    payload.eventId = e.id;
    payload.deviceId = camera.id;
    payload.tsMs = e.tsMs;
    payload.ownerCti = e.ownCti;
    payload.kind = e.kind;
    payload.media << describeMedia(QStringLiteral("thumbnail"), QStringLiteral("image/jpeg"),
                                   thumb.bytes, false);
    if (!writeFile(mediaDir + u'/' + e.id + QStringLiteral(".jpg"), thumb.bytes)) {
        out.error = QStringLiteral("cannot write thumbnail of %1").arg(e.id);
        return out;
    }
    out.thumbnailLength = thumb.bytes.size();
    // A sound event has no picture worth a clip, and a world built with --clips-per-camera
    // gives older events none: their listing's "clip" is null and they attest no clip.
    if (e.clip) {
        camsim::ClipSettings settings;
        settings.size = QSize(320, 180);
        settings.fps = DemoWorldBuilder::kClipFps;
        settings.durationMs = DemoWorldBuilder::kClipDurationMs;
        const auto clip = camsim::ClipEncoder(settings).encodeScene(scene, e.tsMs);
        if (!clip) {
            out.error = clip.error;
            return out;
        }
        payload.media << describeMedia(QStringLiteral("clip"), QStringLiteral("video/mp4"),
                                       clip.bytes, true);
        if (!writeFile(mediaDir + u'/' + e.id + QStringLiteral(".mp4"), clip.bytes)) {
            out.error = QStringLiteral("cannot write clip of %1").arg(e.id);
            return out;
        }
        out.clipLength = clip.bytes.size();
    }
    out.payload = payload.toCbor();
    out.attestation = pki::signCoseSign1(out.payload, camera.identity.key, camera.identity.x5chain);
    if (out.attestation.isEmpty())
        out.error = QStringLiteral("cannot sign attestation of %1").arg(e.id);
    return out;
}

QString clipsText(int clipsPerCamera) {
    return clipsPerCamera < 0 ? QStringLiteral("all") : QString::number(clipsPerCamera);
}

bool exec(QSqlQuery &q, QString *error) {
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

} // namespace

DemoWorldBuilder::DemoWorldBuilder(CloudDatabase &database, QString dataDir, Settings settings)
    : m_db(database)
    , m_dataDir(std::move(dataDir))
    , m_seed(settings.seed)
    , m_eventsPerCamera(settings.eventsPerCamera)
    , m_clipsPerCamera(settings.clipsPerCamera)
    , m_freshPki(settings.freshPki)
    , m_crowd(settings.crowd)
    , m_revocationPadding(settings.revocationPadding) {}

std::optional<pki::TestPki> DemoWorldBuilder::bundledDemoPki() {
    return pki::TestPki::load(QStringLiteral(":/veriframe-cloud/demo-pki"));
}

QString DemoWorldBuilder::userIdFor(const QString &username, quint64 seed) {
    const QByteArray h = QCryptographicHash::hash(
        QByteArray::number(seed) + '|' + username.toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("usr-") + QString::fromLatin1(h.left(6).toHex());
}

std::optional<DemoWorld> DemoWorldBuilder::ensure(bool demo, QString *error) {
    QElapsedTimer timer;
    timer.start();
    CloudConfig size;
    size.eventsPerCamera = m_eventsPerCamera;
    size.clipsPerCamera = m_clipsPerCamera;
    size.revocationPadding = m_revocationPadding;
    if (QString problem = size.worldSizeProblem() + size.revocationPaddingProblem();
        !problem.isEmpty()) {
        *error = problem;
        return std::nullopt;
    }
    if (!QDir().mkpath(m_dataDir)) {
        *error = QStringLiteral("cannot create data dir %1").arg(m_dataDir);
        return std::nullopt;
    }
    const QString migrateError = m_db.migrate();
    if (!migrateError.isEmpty()) {
        *error = migrateError;
        return std::nullopt;
    }
    std::optional<DemoWorld> world = load(error);
    const bool loadedDemo = world && !world->users.isEmpty();
    // Counts are part of what a demo run asks for: a world of other counts is not what the
    // caller measures against, so it is wiped and rebuilt like a crashed one. (A differing
    // seed alone is not: the world is reused with the seed it was built with, as before.)
    const bool otherSize = demo && loadedDemo &&
                           (world->eventsPerCamera != m_eventsPerCamera ||
                            world->clipsPerCamera != m_clipsPerCamera || world->crowd != m_crowd);
    if (otherSize)
        qWarning("veriframe-cloud: the world in %s has %d events per camera (clips: %s), %d "
                 "(clips: %s) were asked for, crowd '%s' for '%s'; rebuilding it",
                 qPrintable(m_dataDir), world->eventsPerCamera,
                 qPrintable(clipsText(world->clipsPerCamera)), m_eventsPerCamera,
                 qPrintable(clipsText(m_clipsPerCamera)), qPrintable(world->crowd.toString()),
                 qPrintable(m_crowd.toString()));
    // So is the kind of PKI: the app's bundled anchors trust only the demo PKI's worlds.
    const bool otherPki = world && world->freshPki != m_freshPki;
    if (otherPki)
        qWarning("veriframe-cloud: the world in %s was built with %s; %s was asked for; "
                 "rebuilding it",
                 qPrintable(m_dataDir), world->freshPki ? "a fresh PKI" : "the demo PKI",
                 m_freshPki ? "a fresh PKI" : "the demo PKI");
    if (!world || (demo && !loadedDemo) || otherSize || otherPki) {
        world = DemoWorld{};
        world->seed = m_seed;
        if (!build(*world, demo, error))
            return std::nullopt;
    } else {
        world->reused = true;
    }
    if (!ensureRevocations(*world, error) || !writeFiles(*world, error))
        return std::nullopt;
    world->buildMs = timer.elapsed();
    return world;
}

std::optional<DemoWorld> DemoWorldBuilder::load(QString *error) {
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    QHash<QString, QString> keys;
    if (q.exec(QStringLiteral("SELECT key, value FROM world")))
        while (q.next())
            keys.insert(q.value(0).toString(), q.value(1).toString());
    if (keys.value(QStringLiteral("complete")) != QLatin1String("1"))
        return std::nullopt;
    auto pki = pki::TestPki::load(m_dataDir + QStringLiteral("/world"));
    if (!pki) {
        // A database without its keys cannot sign logins; start over rather than serve
        // half a world.
        qWarning("veriframe-cloud: %s/world holds no usable PKI; rebuilding",
                 qPrintable(m_dataDir));
        return std::nullopt;
    }
    DemoWorld world;
    world.pki = *pki;
    world.seed = keys.value(QStringLiteral("seed")).toULongLong();
    // Worlds from before the demo PKI was bundled minted their own.
    world.freshPki = keys.value(QStringLiteral("pki")) != QLatin1String("demo");
    if (const QString crowd = keys.value(QStringLiteral("crowd")); !crowd.isEmpty()) {
        QString crowdError;
        if (const auto spec = CrowdSpec::parse(crowd, &crowdError))
            world.crowd = *spec;
    }
    world.sharedDeviceId = keys.value(QStringLiteral("shared_device"));
    world.sharedOwnerId = keys.value(QStringLiteral("shared_owner"));
    world.viewerId = keys.value(QStringLiteral("viewer"));
    world.transferredDeviceId = keys.value(QStringLiteral("transferred_device"));
    world.formerOwnerId = keys.value(QStringLiteral("former_owner"));
    world.newOwnerId = keys.value(QStringLiteral("new_owner"));
    world.transferMs = keys.value(QStringLiteral("transfer_ms")).toLongLong();
    // Worlds built before the counts were recorded have the defaults.
    bool ok = false;
    world.eventsPerCamera = keys.value(QStringLiteral("events_per_camera")).toInt(&ok);
    if (!ok)
        world.eventsPerCamera = kEventsPerCamera;
    world.clipsPerCamera = keys.value(QStringLiteral("clips_per_camera")).toInt(&ok);
    if (!ok)
        world.clipsPerCamera = CloudConfig::kAllClips;
    if (!q.exec(
            QStringLiteral("SELECT id, username, demo_password FROM users ORDER BY username"))) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    while (q.next())
        world.users << DemoUser{q.value(1).toString(), q.value(2).toString(),
                                q.value(0).toString()};
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM events")) && q.next())
        world.eventCount = q.value(0).toInt();
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM media WHERE role = 'clip'")) && q.next())
        world.clipCount = q.value(0).toInt();
    if (world.users.isEmpty())
        world.eventsPerCamera = 0; // a bare world has no content to size
    return world;
}

bool DemoWorldBuilder::build(DemoWorld &world, bool demo, QString *error) {
    QSqlDatabase db = m_db.connection();
    QSqlQuery q(db);
    // Whatever a crashed or bare earlier run left is dropped: a world is built whole or not at
    // all (the "complete" key is written in the same transaction as the content).
    for (const char *table : {"media", "events", "claims", "refresh_tokens", "sessions", "sign_ins",
                              "reports", "cameras", "users", "revocations", "world"})
        q.exec(QStringLiteral("DELETE FROM %1").arg(QLatin1String(table)));
    const QString mediaDir = m_dataDir + QStringLiteral("/media");
    QDir(mediaDir).removeRecursively();
    QDir().mkpath(mediaDir);

    world.freshPki = m_freshPki;
    if (m_freshPki) {
        world.pki = pki::TestPki::create();
    } else if (auto bundled = bundledDemoPki()) {
        world.pki = *bundled;
    } else {
        *error = QStringLiteral("the bundled demo PKI is missing from this build");
        return false;
    }
    const QString pkiKind = m_freshPki ? QStringLiteral("fresh") : QStringLiteral("demo");
    if (!world.pki.isValid() || !world.pki.save(m_dataDir + QStringLiteral("/world"))) {
        *error = QStringLiteral("cannot create or save the PKI in %1/world").arg(m_dataDir);
        return false;
    }
    const qint64 createdMs = QDateTime::currentMSecsSinceEpoch();
    if (!demo) {
        // A bare cloud: no accounts, but a PKI so that the trust files exist and a later
        // --demo run on the same DIR knows it has to build.
        q.prepare(QStringLiteral("INSERT INTO world(key, value) VALUES(?, ?)"));
        for (const auto &[key, value] :
             {std::pair{QStringLiteral("seed"), QString::number(m_seed)},
              std::pair{QStringLiteral("pki"), pkiKind},
              std::pair{QStringLiteral("complete"), QStringLiteral("1")}}) {
            q.addBindValue(key);
            q.addBindValue(value);
            if (!exec(q, error))
                return false;
        }
        return true;
    }
    SplitMix64 rng(SplitMix64::mix(m_seed ^ 0xC10D));

    // Accounts.
    for (const char *name : kUsernames) {
        const QString username = QString::fromLatin1(name);
        world.users << DemoUser{username, username + QStringLiteral("-demo"),
                                userIdFor(username, m_seed)};
    }

    // Cameras and their owner claims.
    QList<CameraPlan> cameras;
    for (const auto &t : kCameras) {
        CameraPlan c;
        c.id = QStringLiteral("cam-") + hex(rng.next(), 10);
        c.name = QString::fromLatin1(t.name);
        c.model = QString::fromLatin1(t.model);
        c.keyType = t.keyType;
        c.identity = world.pki.makeDevice(c.id, t.keyType);
        if (c.identity.key.isNull() || c.identity.leaf.isNull()) {
            *error = QStringLiteral("cannot make camera %1").arg(c.id);
            return false;
        }
        cameras << c;
    }
    const qint64 claimsStartS = (createdMs - kHistoryMs) / 1000 - 24 * 3600;
    const qint64 transferS = (createdMs - kTransferAgoMs) / 1000;

    struct ClaimRow {
        pki::ClaimPayload payload;
        QByteArray cwt;
    };
    QList<ClaimRow> claims;
    auto addClaim = [&](const CameraPlan &cam, const QString &userId, const QString &role,
                        qint64 nbf, std::optional<qint64> exp, const QByteArray &grant) {
        pki::ClaimPayload c;
        c.subject = userId;
        c.nbf = nbf;
        c.exp = exp;
        c.iat = nbf;
        c.cti = bytesFrom(rng, 16);
        c.cnfKey = cam.identity.key.coseKey();
        c.deviceId = cam.id;
        c.role = role;
        c.grant = grant;
        claims << ClaimRow{c, world.pki.signClaim(c)};
        return c.cti;
    };
    QList<QByteArray> ownerCti; // per camera, the claim at creation time
    QByteArray formerCti;
    qint64 transferMs = transferS * 1000;
    for (int i = 0; i < cameras.size(); ++i) {
        const QString owner = world.users.at(kCameras[i].owner).userId;
        if (i == kTransferredCamera) {
            formerCti =
                addClaim(cameras[i], owner, QStringLiteral("owner"), claimsStartS, transferS, {});
            ownerCti << addClaim(cameras[i], world.users.at(kNewOwner).userId,
                                 QStringLiteral("owner"), transferS, std::nullopt, {});
        } else {
            ownerCti << addClaim(cameras[i], owner, QStringLiteral("owner"), claimsStartS,
                                 std::nullopt, {});
        }
    }
    addClaim(cameras[kSharedCamera], world.users.at(kViewer).userId, QStringLiteral("viewer"),
             claimsStartS, std::nullopt, ownerCti[kSharedCamera]);

    // Events: m_eventsPerCamera per camera over the last seven days, newest a minute old.
    QList<EventPlan> events;
    events.reserve(qsizetype(cameras.size()) * m_eventsPerCamera);
    for (int i = 0; i < cameras.size(); ++i) {
        const qsizetype first = events.size();
        for (int n = 0; n < m_eventsPerCamera; ++n) {
            EventPlan e;
            e.id = QStringLiteral("evt-") + hex(rng.next(), 16);
            e.camera = i;
            e.kind = picks::label(rng);
            e.tsMs = createdMs - 60'000 - qint64(rng.unit() * double(kHistoryMs - 120'000));
            e.durationMs = 4000 + 1000 * rng.between(0, 26);
            e.ownCti = (i == kTransferredCamera && e.tsMs < transferMs) ? formerCti : ownerCti[i];
            e.clip = e.kind != QLatin1String("sound");
            events << e;
        }
        if (m_clipsPerCamera >= 0) {
            // Only the newest non-sound events keep their clip (chosen after the random
            // draws, so the content of the events is the same whatever the clip count).
            QList<qsizetype> withClip;
            for (qsizetype k = first; k < events.size(); ++k)
                if (events[k].clip)
                    withClip << k;
            std::sort(withClip.begin(), withClip.end(), [&events](qsizetype a, qsizetype b) {
                const EventPlan &x = events[a];
                const EventPlan &y = events[b];
                return x.tsMs != y.tsMs ? x.tsMs > y.tsMs : x.id > y.id;
            });
            for (qsizetype k = m_clipsPerCamera; k < withClip.size(); ++k)
                events[withClip[k]].clip = false;
        }
    }

    db.transaction();
    auto fail = [&](const QString &message) {
        db.rollback();
        *error = message;
        return false;
    };
    q.prepare(QStringLiteral("INSERT INTO users(id, username, password_salt, password_hash,"
                             " demo_password) VALUES(?, ?, ?, ?, ?)"));
    for (const DemoUser &u : std::as_const(world.users)) {
        const QByteArray salt = PasswordHasher::newSalt();
        q.addBindValue(u.userId);
        q.addBindValue(u.username);
        q.addBindValue(salt);
        q.addBindValue(PasswordHasher::hash(u.password, salt));
        q.addBindValue(u.password);
        if (!exec(q, error))
            return fail(*error);
    }
    q.prepare(QStringLiteral(
        "INSERT INTO cameras(id, name, model, key_type, online) VALUES(?, ?, ?, ?, ?)"));
    for (int i = 0; i < cameras.size(); ++i) {
        q.addBindValue(cameras[i].id);
        q.addBindValue(cameras[i].name);
        q.addBindValue(cameras[i].model);
        q.addBindValue(cameras[i].keyType == pki::KeyType::P256 ? QStringLiteral("ES256")
                                                                : QStringLiteral("EdDSA"));
        q.addBindValue(kOfflineCamera[i] ? 0 : 1);
        if (!exec(q, error))
            return fail(*error);
    }
    q.prepare(QStringLiteral("INSERT INTO claims(cti, device_id, user_id, role, grant_cti, unlocks,"
                             " nbf, exp, cwt) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const ClaimRow &c : std::as_const(claims)) {
        const bool viewer = c.payload.role == QLatin1String("viewer");
        q.addBindValue(c.payload.cti);
        q.addBindValue(c.payload.deviceId);
        q.addBindValue(c.payload.subject);
        q.addBindValue(c.payload.role);
        q.addBindValue(viewer ? QVariant(c.payload.grant)
                              : QVariant(QMetaType::fromType<QByteArray>()));
        q.addBindValue(viewer ? c.payload.grant : c.payload.cti);
        q.addBindValue(c.payload.nbf);
        q.addBindValue(c.payload.exp ? QVariant(*c.payload.exp)
                                     : QVariant(QMetaType::fromType<qint64>()));
        q.addBindValue(c.cwt);
        if (!exec(q, error))
            return fail(*error);
    }
    QSqlQuery media(db);
    media.prepare(QStringLiteral(
        "INSERT INTO media(event_id, role, mime, file, length) VALUES(?, ?, ?, ?, ?)"));
    q.prepare(QStringLiteral("INSERT INTO events(id, device_id, own_cti, kind, ts, duration_ms,"
                             " attestation, payload) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
    // Media and attestations are made on all cores, a chunk at a time, so a world of many
    // thousand events never holds more than a chunk of signed payloads in memory.
    av_log_set_level(AV_LOG_ERROR); // x264 would print a summary per clip
    QThreadPool pool;
    pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
    const quint64 seed = m_seed;
    std::function<RenderedEvent(const EventPlan &)> render = [&cameras, seed,
                                                              mediaDir](const EventPlan &e) {
        return renderEvent(e, cameras.at(e.camera), seed, mediaDir);
    };
    constexpr qsizetype kChunk = 512;
    QList<RenderedEvent> rendered;
    int clipCount = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        if (i % kChunk == 0)
            rendered = QtConcurrent::blockingMapped(&pool, events.mid(i, kChunk), render);
        const EventPlan &e = events.at(i);
        const RenderedEvent &r = rendered.at(i % kChunk);
        if (!r.error.isEmpty())
            return fail(QStringLiteral("event %1: %2").arg(e.id, r.error));
        q.addBindValue(e.id);
        q.addBindValue(cameras.at(e.camera).id);
        q.addBindValue(e.ownCti);
        q.addBindValue(e.kind);
        q.addBindValue(e.tsMs);
        q.addBindValue(e.durationMs);
        q.addBindValue(r.attestation);
        q.addBindValue(r.payload);
        if (!exec(q, error))
            return fail(*error);
        auto addMedia = [&](const char *role, const char *mime, const QString &suffix,
                            qint64 length) {
            media.addBindValue(e.id);
            media.addBindValue(QString::fromLatin1(role));
            media.addBindValue(QString::fromLatin1(mime));
            media.addBindValue(QStringLiteral("media/") + e.id + suffix);
            media.addBindValue(length);
            return exec(media, error);
        };
        if (!addMedia("thumbnail", "image/jpeg", QStringLiteral(".jpg"), r.thumbnailLength))
            return fail(*error);
        if (r.clipLength > 0) {
            if (!addMedia("clip", "video/mp4", QStringLiteral(".mp4"), r.clipLength))
                return fail(*error);
            ++clipCount;
        }
    }
    world.sharedDeviceId = cameras[kSharedCamera].id;
    world.sharedOwnerId = world.users.at(kCameras[kSharedCamera].owner).userId;
    world.viewerId = world.users.at(kViewer).userId;
    world.transferredDeviceId = cameras[kTransferredCamera].id;
    world.formerOwnerId = world.users.at(kCameras[kTransferredCamera].owner).userId;
    world.newOwnerId = world.users.at(kNewOwner).userId;
    world.transferMs = transferMs;
    world.eventCount = int(events.size());
    world.clipCount = clipCount;
    if (!m_crowd.isEmpty()) {
        CrowdBuildResult crowd;
        QElapsedTimer crowdTimer;
        crowdTimer.start();
        if (!buildCrowd(m_crowd, world.pki, m_seed, createdMs, db, mediaDir, &crowd, error))
            return fail(*error);
        world.users << crowd.users;
        world.eventCount += crowd.eventCount;
        world.crowd = m_crowd;
        qInfo("veriframe-cloud: crowd of %d accounts, %d cameras, %d events in %lld ms",
              int(crowd.users.size()), crowd.cameraCount, crowd.eventCount, crowdTimer.elapsed());
    }
    world.eventsPerCamera = m_eventsPerCamera;
    world.clipsPerCamera = m_clipsPerCamera;
    const QList<std::pair<QString, QString>> keys = {
        {QStringLiteral("seed"), QString::number(m_seed)},
        {QStringLiteral("pki"), pkiKind},
        {QStringLiteral("events_per_camera"), QString::number(m_eventsPerCamera)},
        {QStringLiteral("clips_per_camera"), QString::number(m_clipsPerCamera)},
        {QStringLiteral("crowd"), m_crowd.toString()},
        {QStringLiteral("created_ms"), QString::number(createdMs)},
        {QStringLiteral("shared_device"), world.sharedDeviceId},
        {QStringLiteral("shared_owner"), world.sharedOwnerId},
        {QStringLiteral("viewer"), world.viewerId},
        {QStringLiteral("transferred_device"), world.transferredDeviceId},
        {QStringLiteral("former_owner"), world.formerOwnerId},
        {QStringLiteral("new_owner"), world.newOwnerId},
        {QStringLiteral("transfer_ms"), QString::number(world.transferMs)},
        {QStringLiteral("complete"), QStringLiteral("1")},
    };
    q.prepare(QStringLiteral("INSERT INTO world(key, value) VALUES(?, ?)"));
    for (const auto &[key, value] : keys) {
        q.addBindValue(key);
        q.addBindValue(value);
        if (!exec(q, error))
            return fail(*error);
    }
    if (!db.commit())
        return fail(db.lastError().text());
    return true;
}

bool DemoWorldBuilder::ensureRevocations(const DemoWorld &world, QString *error) {
    // The world's seed, not the run's: the padding stays the same across restarts.
    return RevocationAuthority(m_db, world.pki, world.seed, m_revocationPadding)
        .ensurePublished(error);
}

bool DemoWorldBuilder::writeFiles(const DemoWorld &world, QString *error) const {
    const QString trustDir = m_dataDir + QStringLiteral("/trust");
    QDir().mkpath(trustDir);
    QJsonArray users;
    for (const DemoUser &u : world.users)
        users.append(QJsonObject{{QStringLiteral("username"), u.username},
                                 {QStringLiteral("password"), u.password},
                                 {QStringLiteral("user_id"), u.userId}});
    const bool ok =
        writeFile(trustDir + QStringLiteral("/device-roots.pem"), world.pki.deviceRootsPem()) &&
        writeFile(trustDir + QStringLiteral("/owner-authorities.pem"),
                  world.pki.ownerAuthoritiesPem()) &&
        writeFile(m_dataDir + QStringLiteral("/users.json"),
                  QJsonDocument(users).toJson(QJsonDocument::Indented));
    if (!ok)
        *error =
            QStringLiteral("cannot write the trust anchors or users.json in %1").arg(m_dataDir);
    return ok;
}

} // namespace vf::cloud
