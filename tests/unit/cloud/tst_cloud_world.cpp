// The demo world checked item by item as a client would check it, with core/trust and the
// anchors the cloud wrote to DIR/trust: every event verifies for its owner (thumbnail and
// clip, full bytes), shared ones for the viewer as viewer, none for anyone else; the
// transferred camera's events belong to the owner of their epoch; identity tokens and the
// revocation list verify; a restart on the same DIR reuses the world.
#include "IdentityToken.h"
#include "RevocationList.h"
#include "TestCloud.h"
#include "WorldVerifier.h"

#include <QDateTime>
#include <QFile>
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
        QVERIFY(m_cloud.world().buildMs < 3000);
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
