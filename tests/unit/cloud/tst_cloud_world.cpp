// The demo world checked item by item as a client would check it, with core/trust and the
// anchors the cloud wrote to DIR/trust: every event verifies for its owner (thumbnail and
// clip, full bytes), shared ones for the viewer as viewer, none for anyone else; the
// transferred camera's events belong to the owner of their epoch; identity tokens and the
// revocation list verify; a restart on the same DIR reuses the world.
#include "AttestationPayload.h"
#include "CoseSign1.h"
#include "DemoWorldBuilder.h"
#include "IdentityToken.h"
#include "RevocationList.h"
#include "TestCloud.h"
#include "WorldVerifier.h"

#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace vf::cloud;
using namespace vf::cloud::test;
using vf::trust::GrantRole;
using vf::trust::MediaRole;
using vf::trust::Reason;

namespace {
const QStringList kUsers = {QStringLiteral("alice"), QStringLiteral("bob"),
                            QStringLiteral("carol")};

QString str(const QJsonObject &o, const char *key) {
    return o.value(QLatin1String(key)).toString();
}

// The media maps the listing entry's attestation carries (by role name), or {"malformed"}.
QStringList attestedRoles(const QJsonObject &entry) {
    const QByteArray cose = QByteArray::fromBase64(str(entry, "attestation").toLatin1());
    const auto decoded = vf::trust::decodeCoseSign1(cose, vf::trust::CoseTags::Sign1);
    if (!decoded.message)
        return {QStringLiteral("malformed")};
    const auto parsed = vf::trust::parseAttestationPayload(decoded.message->payload);
    if (!parsed.payload)
        return {QStringLiteral("malformed")};
    QStringList roles;
    for (const auto &m : parsed.payload->media)
        roles << vf::trust::mediaRoleName(m.role);
    return roles;
}

QList<QJsonObject> aliceEvents(CloudHost &host) {
    CloudTestClient client(host.url());
    const DemoUser *alice = host.world().user(QStringLiteral("alice"));
    const auto s = client.login(alice->username, alice->password);
    return s ? client.allEvents(s->token, QStringLiteral("limit=200")) : QList<QJsonObject>{};
}
} // namespace

class TestCloudWorld : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestCloud m_cloud;
    std::unique_ptr<WorldVerifier> m_verifier;

    QList<QJsonObject> eventsOf(const QString &user) {
        return m_cloud.client().allEvents(m_cloud.session(user).token, QStringLiteral("limit=200"));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString error = m_cloud.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_verifier = std::make_unique<WorldVerifier>(m_dir.path());
        QVERIFY2(m_verifier->isValid(), qPrintable(m_verifier->error()));
    }

    void cleanupTestCase() { m_cloud.stop(); }

    void filesForOtherProgramsAreWritten() {
        QFile users(m_dir.filePath(QStringLiteral("users.json")));
        QVERIFY(users.open(QIODevice::ReadOnly));
        const QJsonArray list = QJsonDocument::fromJson(users.readAll()).array();
        QCOMPARE(list.size(), 3);
        for (const QJsonValue &v : list) {
            const QJsonObject u = v.toObject();
            QCOMPARE(u.keys(), (QStringList{"password", "user_id", "username"}));
            QCOMPARE(m_cloud.userId(str(u, "username")), str(u, "user_id"));
            QVERIFY(m_cloud.client().login(str(u, "username"), str(u, "password")).has_value());
        }
    }

    void identityTokensVerify() {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        for (const QString &user : kUsers) {
            const Session s = m_cloud.session(user);
            const auto verdict =
                vf::trust::verifyIdentityToken(s.identity, user, m_verifier->anchors(), now);
            QVERIFY2(verdict.valid, qPrintable(verdict.detail));
            QCOMPARE(verdict.userId, s.userId);
            QCOMPARE(verdict.userId, m_cloud.userId(user));
            // The token names its user: typed as someone else, it is refused.
            QVERIFY(!vf::trust::verifyIdentityToken(s.identity, QStringLiteral("mallory"),
                                                    m_verifier->anchors(), now)
                         .valid);
        }
    }

    void revocationListVerifies() {
        const HttpResult r = m_cloud.client().get(QStringLiteral("/v1/trust/revocations"),
                                                  m_cloud.session(QStringLiteral("alice")).token);
        QCOMPARE(r.status, 200);
        const auto parsed = vf::trust::verifyRevocationList(r.body, m_verifier->anchors(),
                                                            QDateTime::currentSecsSinceEpoch());
        QVERIFY2(parsed.list.has_value(), qPrintable(parsed.error));
        QCOMPARE(parsed.list->seq, quint64(1));
        QVERIFY(parsed.list->devices.isEmpty());
        QVERIFY(parsed.list->claims.isEmpty());
        // cloud-api.md §6 v2: the next list is due a day after this one.
        QCOMPARE(parsed.list->next, std::optional<qint64>(parsed.list->issued + 24 * 3600));
    }

    void everyEventVerifiesForItsAccountAndNoOneElse() {
        const DemoWorld &world = m_cloud.world();
        int thumbnails = 0, clips = 0, asViewer = 0;
        for (const QString &user : kUsers) {
            const QString userId = m_cloud.userId(user);
            const QString token = m_cloud.session(user).token;
            const QList<QJsonObject> events = eventsOf(user);
            QVERIFY(events.size() >= 50);
            for (const QJsonObject &e : events) {
                const bool shared =
                    userId == world.viewerId && str(e, "device_id") == world.sharedDeviceId;
                const GrantRole expectedRole = shared ? GrantRole::Viewer : GrantRole::Owner;
                const HttpResult thumb = m_cloud.client().get(str(e, "thumbnail"), token);
                QCOMPARE(thumb.status, 200);
                const auto verdict =
                    m_verifier->verify(e, MediaRole::Thumbnail, thumb.body, userId);
                QVERIFY2(verdict.verified(), qPrintable(str(e, "id") + u' ' + verdict.detail));
                QCOMPARE(verdict.role, expectedRole);
                ++thumbnails;
                asViewer += shared ? 1 : 0;
                for (const QString &other : kUsers) {
                    if (other == user)
                        continue;
                    const auto foreign = m_verifier->verify(e, MediaRole::Thumbnail, thumb.body,
                                                            m_cloud.userId(other));
                    QVERIFY(!foreign.verified());
                    QCOMPARE(foreign.reason, Reason::ForeignOwner);
                }
                if (e.value(QStringLiteral("clip")).isString()) {
                    const HttpResult clip = m_cloud.client().get(str(e, "clip"), token);
                    QCOMPARE(clip.status, 200);
                    const auto clipVerdict =
                        m_verifier->verify(e, MediaRole::Clip, clip.body, userId);
                    QVERIFY2(clipVerdict.verified(),
                             qPrintable(str(e, "id") + u' ' + clipVerdict.detail));
                    ++clips;
                }
            }
        }
        qInfo("verified %d thumbnails (%d as viewer) and %d clips", thumbnails, asViewer, clips);
        QCOMPARE(thumbnails, world.eventCount + 50); // the shared camera's events twice
        QCOMPARE(asViewer, 50);
        QVERIFY(clips > world.eventCount / 2);
    }

    void mixedKeyTypesAreAttested() {
        // Both camera algorithms appear in the world (trust.md §1).
        QSet<QString> algorithms;
        for (const QString &user : kUsers)
            for (const QJsonObject &e : m_cloud.client().allEvents(m_cloud.session(user).token,
                                                                   QStringLiteral("limit=20"))) {
                const HttpResult thumb =
                    m_cloud.client().get(str(e, "thumbnail"), m_cloud.session(user).token);
                algorithms << m_verifier
                                  ->verify(e, MediaRole::Thumbnail, thumb.body,
                                           m_cloud.userId(user))
                                  .evidence.algorithm;
            }
        QCOMPARE(algorithms, (QSet<QString>{"ES256", "EdDSA"}));
    }

    void transferredCameraEventsBelongToTheOwnerOfTheirEpoch() {
        const DemoWorld &world = m_cloud.world();
        QVERIFY(!world.transferredDeviceId.isEmpty());
        QVERIFY(world.formerOwnerId != world.newOwnerId);
        auto ofDevice = [&](const QString &user) {
            QList<QJsonObject> out;
            for (const QJsonObject &e : eventsOf(user))
                if (str(e, "device_id") == world.transferredDeviceId)
                    out << e;
            return out;
        };
        const QString former =
            m_cloud.world().user(QStringLiteral("bob"))->userId == world.formerOwnerId
                ? QStringLiteral("bob")
                : QString();
        QVERIFY(!former.isEmpty());
        const QList<QJsonObject> before = ofDevice(QStringLiteral("bob"));
        const QList<QJsonObject> after = ofDevice(QStringLiteral("carol"));
        QVERIFY(!before.isEmpty());
        QVERIFY(!after.isEmpty());
        QCOMPARE(before.size() + after.size(), 50);
        for (const QJsonObject &e : before)
            QVERIFY(qint64(e.value(QStringLiteral("ts")).toDouble()) < world.transferMs);
        for (const QJsonObject &e : after)
            QVERIFY(qint64(e.value(QStringLiteral("ts")).toDouble()) >= world.transferMs);
        // Each epoch has its own owner claim.
        QVERIFY(str(before.first(), "claim") != str(after.first(), "claim"));
        QCOMPARE(m_cloud.userId(QStringLiteral("carol")), world.newOwnerId);
    }

    void hostStartsAsynchronouslyForAGui() {
        // A second cloud on the same DIR, started the way the app starts its embedded one:
        // startAsync() returns at once and started() brings the URL.
        CloudConfig config;
        config.dataDir = m_dir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        CloudHost host(config);
        QSignalSpy started(&host, &CloudHost::started);
        QSignalSpy failed(&host, &CloudHost::failed);
        host.startAsync();
        QVERIFY(!host.isRunning());
        QVERIFY(started.wait(30'000));
        QCOMPARE(failed.count(), 0);
        QVERIFY(host.isRunning());
        const QUrl url = started.first().first().toUrl();
        QCOMPARE(url, host.url());
        QVERIFY(url != m_cloud.host().url());
        CloudTestClient client(url);
        const DemoUser *carol = host.world().user(QStringLiteral("carol"));
        QVERIFY(client.login(carol->username, carol->password).has_value());
        host.stop();
        QVERIFY(!host.isRunning());
        QCOMPARE(client.get(QStringLiteral("/v1/devices")).status, 0); // nobody listens

        // Stopped while a start is still in progress: no signal, no leak, no crash.
        CloudHost early(config);
        QSignalSpy earlyStarted(&early, &CloudHost::started);
        early.startAsync();
        early.stop();
        QCoreApplication::processEvents();
        QCOMPARE(earlyStarted.count(), 0);
        QVERIFY(!early.isRunning());
    }

    void clipsPerCameraKeepsTheEventsAndDropsOlderClips() {
        // The main world's seed and event count, clips for the two newest per camera only:
        // the same events (IDs, kinds, cameras), only fewer clips.
        QTemporaryDir dir;
        CloudConfig config;
        config.dataDir = dir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        config.clipsPerCamera = 2;
        CloudHost host(config);
        const QString error = host.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(host.world().eventCount, m_cloud.world().eventCount);
        QCOMPARE(host.world().eventsPerCamera, 50);
        QCOMPARE(host.world().clipsPerCamera, 2);
        QCOMPARE(host.world().clipCount, 12); // six cameras, each with far more than two
        qInfo("same world with 12 clips: %lld ms", host.world().buildMs);
        auto shape = [](const QList<QJsonObject> &events) {
            QStringList out;
            for (const QJsonObject &e : events)
                out << str(e, "id") + u' ' + str(e, "kind") + u' ' + str(e, "device_name");
            out.sort();
            return out;
        };
        const QList<QJsonObject> few = aliceEvents(host);
        QCOMPARE(few.size(), 100);
        QCOMPARE(shape(few), shape(eventsOf(QStringLiteral("alice"))));
        int clips = 0;
        for (const QJsonObject &e : few)
            clips += e.value(QStringLiteral("clip")).isString() ? 1 : 0;
        QCOMPARE(clips, 4);
    }

    void eventsPerCameraSizesTheWorldAndOtherCountsRebuildIt() {
        QTemporaryDir dir;
        CloudConfig config;
        config.dataDir = dir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        config.eventsPerCamera = 4;
        {
            CloudHost small(config);
            QVERIFY(small.start().isEmpty());
            QCOMPARE(small.world().eventCount, 24);
            QCOMPARE(aliceEvents(small).size(), 8);
        }
        // Other counts on the same DIR: the 24-event world is wiped and rebuilt, not served.
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("has 4 events per camera .*, 30 "
                                                               "\\(clips: 3\\) were asked for.*"
                                                               "rebuilding it")));
        config.eventsPerCamera = 30;
        config.clipsPerCamera = 3;
        auto host = std::make_unique<CloudHost>(config);
        QString error = host->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!host->world().reused);
        QCOMPARE(host->world().eventCount, 180);
        QCOMPARE(host->world().eventsPerCamera, 30);
        QCOMPARE(host->world().clipsPerCamera, 3);
        QCOMPARE(host->world().clipCount, 18);

        const WorldVerifier verifier(dir.path()); // the rebuilt world's anchors
        QVERIFY2(verifier.isValid(), qPrintable(verifier.error()));
        const QString aliceId = host->world().user(QStringLiteral("alice"))->userId;
        CloudTestClient client(host->url());
        const QString token = client.login(QStringLiteral("alice"), QStringLiteral("alice-demo"))
                                  .value_or(Session{})
                                  .token;
        QVERIFY(!token.isEmpty());
        const QList<QJsonObject> events = client.allEvents(token, QStringLiteral("limit=200"));
        QCOMPARE(events.size(), 60);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QHash<QString, int> clipsSeen;  // per camera, in listing order (newest first)
        QHash<QString, bool> clipEnded; // a non-sound event without clip was seen
        int clips = 0;
        for (const QJsonObject &e : events) {
            const qint64 ts = qint64(e.value(QStringLiteral("ts")).toDouble());
            QVERIFY(ts <= now && ts > now - DemoWorldBuilder::kHistoryMs - 60'000);
            const QString device = str(e, "device_id");
            const bool sound = str(e, "kind") == QLatin1String("sound");
            const bool hasClip = e.value(QStringLiteral("clip")).isString();
            const HttpResult thumb = client.get(str(e, "thumbnail"), token);
            QCOMPARE(thumb.status, 200);
            QVERIFY(verifier.verify(e, MediaRole::Thumbnail, thumb.body, aliceId).verified());
            if (hasClip) {
                // Only the three newest non-sound events of each camera have one.
                QVERIFY(!sound);
                QVERIFY2(!clipEnded.value(device), qPrintable(str(e, "id")));
                QVERIFY(++clipsSeen[device] <= 3);
                QCOMPARE(attestedRoles(e), (QStringList{"thumbnail", "clip"}));
                const HttpResult clip = client.get(str(e, "clip"), token);
                QCOMPARE(clip.status, 200);
                QVERIFY(verifier.verify(e, MediaRole::Clip, clip.body, aliceId).verified());
                ++clips;
            } else {
                if (!sound)
                    clipEnded[device] = true;
                QVERIFY(e.value(QStringLiteral("clip")).isNull());
                // No clip media map is attested, and none is served.
                QCOMPARE(attestedRoles(e), QStringList{"thumbnail"});
                QCOMPARE(
                    client.get(QStringLiteral("/v1/media/%1/clip").arg(str(e, "id")), token).status,
                    404);
            }
        }
        // Each of her two cameras has far more than three non-sound events.
        QCOMPARE(clipsSeen.size(), 2);
        for (const int n : std::as_const(clipsSeen))
            QCOMPARE(n, 3);
        QCOMPARE(clips, 6);

        // The same counts again: reused.
        host = std::make_unique<CloudHost>(config);
        error = host->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(host->world().reused);
        QCOMPARE(host->world().eventCount, 180);
        QCOMPARE(host->world().eventsPerCamera, 30);
        QCOMPARE(host->world().clipsPerCamera, 3);
        QCOMPARE(aliceEvents(*host).size(), 60);
        host.reset();

        // Out-of-range counts in a config filled in directly: a clear error, nothing served.
        config.eventsPerCamera = 0;
        CloudHost bad(config);
        error = bad.start();
        QVERIFY2(error.contains(QLatin1String("events-per-camera")), qPrintable(error));
        QVERIFY(!bad.isRunning());
    }

    // The app trusts the demo PKI's roots by default (resources/trust): a default world is
    // signed by it, byte for byte the same roots, and --fresh-pki makes a world they refuse.
    void demoWorldsUseTheBundledDemoPki() {
        const auto bundled = DemoWorldBuilder::bundledDemoPki();
        QVERIFY(bundled.has_value());
        QVERIFY(bundled->deviceRoot.cert.organization().contains(QStringLiteral("demo only")));
        for (const auto &[name, pem] :
             {std::pair{QStringLiteral("device-roots.pem"), bundled->deviceRootsPem()},
              std::pair{QStringLiteral("owner-authorities.pem"), bundled->ownerAuthoritiesPem()}}) {
            QFile shipped(QStringLiteral(VF_SOURCE_DIR "/resources/trust/") + name);
            QVERIFY2(shipped.open(QIODevice::ReadOnly), qPrintable(shipped.fileName()));
            QCOMPARE(shipped.readAll(), pem);
            QFile written(m_dir.filePath(QStringLiteral("trust/") + name));
            QVERIFY(written.open(QIODevice::ReadOnly));
            QCOMPARE(written.readAll(), pem);
        }
        QVERIFY(!m_cloud.world().freshPki);
        // Every demo camera chains to the bundled root.
        QCOMPARE(m_cloud.world().pki.deviceRoot.cert.der(), bundled->deviceRoot.cert.der());
    }

    void freshPkiIsItsOwnAndSwitchingRebuilds() {
        QTemporaryDir dir;
        CloudConfig config;
        config.dataDir = dir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        config.eventsPerCamera = 2;
        config.freshPki = true;
        const auto bundled = DemoWorldBuilder::bundledDemoPki();
        QVERIFY(bundled.has_value());
        QByteArray freshRoot;
        {
            CloudHost fresh(config);
            QVERIFY(fresh.start().isEmpty());
            QVERIFY(fresh.world().freshPki);
            freshRoot = fresh.world().pki.deviceRoot.cert.der();
            QVERIFY(freshRoot != bundled->deviceRoot.cert.der());
        }
        {
            CloudHost again(config); // same kind: reused, same PKI
            QVERIFY(again.start().isEmpty());
            QVERIFY(again.world().reused);
            QCOMPARE(again.world().pki.deviceRoot.cert.der(), freshRoot);
        }
        QTest::ignoreMessage(
            QtWarningMsg, QRegularExpression(QStringLiteral(
                              "built with a fresh PKI; the demo PKI was asked for; rebuilding")));
        config.freshPki = false;
        CloudHost demo(config);
        QVERIFY(demo.start().isEmpty());
        QVERIFY(!demo.world().reused);
        QVERIFY(!demo.world().freshPki);
        QCOMPARE(demo.world().pki.deviceRoot.cert.der(), bundled->deviceRoot.cert.der());
    }

    // The storm's crowd: accounts crowd-NNNNN owning their cameras only, the heavy ones half
    // of them, every thumbnail distinct bytes and every event verifiable by its owner alone.
    void crowdAccountsOwnTheirCamerasOnly() {
        QString error;
        QVERIFY(!CrowdSpec::parse(QStringLiteral("5:8"), &error));
        QVERIFY(!CrowdSpec::parse(QStringLiteral("5:8:2:5"), &error)); // HEAVY < USERS
        QVERIFY(!CrowdSpec::parse(QStringLiteral("0:8:2"), &error));
        const auto spec = CrowdSpec::parse(QStringLiteral("5:8:2:2"), &error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(spec->toString(), QStringLiteral("5:8:2:2"));
        QCOMPARE(spec->ownerOf(0), 0); // even cameras: the two heavy accounts
        QCOMPARE(spec->ownerOf(2), 1);
        QCOMPARE(spec->ownerOf(1), 2); // odd ones: the other three
        QCOMPARE(spec->ownerOf(7), 2);

        QTemporaryDir dir;
        CloudConfig config;
        config.dataDir = dir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        config.eventsPerCamera = 1;
        config.clipsPerCamera = 0;
        config.crowd = *spec;
        CloudHost host(config);
        QVERIFY(host.start().isEmpty());
        QCOMPARE(host.world().users.size(), 3 + 5);
        QCOMPARE(host.world().eventCount, 6 + 8 * 2);
        QCOMPARE(host.world().crowd, *spec);
        WorldVerifier verifier(dir.path());
        QVERIFY(verifier.isValid());
        CloudTestClient client(host.url());
        QSet<QByteArray> thumbnails;
        int crowdEvents = 0;
        for (int i = 0; i < 5; ++i) {
            const DemoUser *user = host.world().user(CrowdSpec::username(i));
            QVERIFY(user);
            QCOMPARE(user->password, user->username + QStringLiteral("-demo"));
            const auto session = client.login(user->username, user->password);
            QVERIFY(session);
            const QList<QJsonObject> events = client.allEvents(session->token);
            // Heavy accounts: cameras 0, 2, 4, 6 split in two; the others: 1, 3, 5, 7 in three.
            const int cameras = i < 2 ? 2 : (i == 2 ? 2 : 1);
            QCOMPARE(events.size(), cameras * 2);
            for (const QJsonObject &e : events) {
                const HttpResult thumb = client.get(str(e, "thumbnail"), session->token);
                QCOMPARE(thumb.status, 200);
                QVERIFY(!QImage::fromData(thumb.body, "JPEG").isNull());
                QVERIFY(!thumbnails.contains(thumb.body));
                thumbnails.insert(thumb.body);
                QVERIFY(
                    verifier.verify(e, MediaRole::Thumbnail, thumb.body, user->userId).verified());
                const QString other = host.world().user(CrowdSpec::username((i + 1) % 5))->userId;
                QCOMPARE(verifier.verify(e, MediaRole::Thumbnail, thumb.body, other).reason,
                         Reason::ForeignOwner);
                ++crowdEvents;
            }
        }
        QCOMPARE(crowdEvents, 16);
    }

    void restartReusesTheWorld() {
        QFile users(m_dir.filePath(QStringLiteral("users.json")));
        QVERIFY(users.open(QIODevice::ReadOnly));
        const QByteArray usersBefore = users.readAll();
        users.close();
        QStringList idsBefore;
        for (const QJsonObject &e : eventsOf(QStringLiteral("alice")))
            idsBefore << str(e, "id");

        const QString error = m_cloud.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_cloud.world().reused);
        qInfo("restart on the same DIR: %lld ms", m_cloud.world().buildMs);
        QVERIFY(users.open(QIODevice::ReadOnly));
        QCOMPARE(users.readAll(), usersBefore);
        QStringList idsAfter;
        const QList<QJsonObject> after = eventsOf(QStringLiteral("alice"));
        for (const QJsonObject &e : after)
            idsAfter << str(e, "id");
        QCOMPARE(idsAfter, idsBefore);
        // Still verifiable with the anchors written by the first run.
        const HttpResult thumb = m_cloud.client().get(
            str(after.first(), "thumbnail"), m_cloud.session(QStringLiteral("alice")).token);
        QVERIFY(m_verifier
                    ->verify(after.first(), MediaRole::Thumbnail, thumb.body,
                             m_cloud.userId(QStringLiteral("alice")))
                    .verified());
    }
};

QTEST_GUILESS_MAIN(TestCloudWorld)
#include "tst_cloud_world.moc"
