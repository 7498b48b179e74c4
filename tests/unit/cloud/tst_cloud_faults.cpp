// Each --fault at probability 1 makes the client refuse with exactly the reason it stands for
// (trust.md §6), checked with core/trust: mixup → foreign_owner, claim-swap →
// claim_device_mismatch, thumb-swap → media_mismatch, tamper → media_mismatch (clips too),
// forge → device_untrusted, stale-claim → claim_not_bound. error answers 503, slow adds
// latency, and partial probabilities are deterministic for a seed. One world, reused by a
// server restarted per fault. CloudHost::setFaultPlan switches faults without a restart, also
// under load.
#include "FaultPlan.h"
#include "RawHttpLoad.h"
#include "TestCloud.h"
#include "WorldVerifier.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using namespace vf::cloud;
using namespace vf::cloud::test;
using vf::trust::MediaRole;
using vf::trust::Reason;

namespace {
QString str(const QJsonObject &o, const char *key) {
    return o.value(QLatin1String(key)).toString();
}

FaultPlan planOf(const QString &spec) {
    QString error;
    const auto plan = FaultPlan::parse(spec, TestCloud::kSeed, &error);
    if (!plan)
        qFatal("bad fault spec %s: %s", qPrintable(spec), qPrintable(error));
    return *plan;
}

// One HTTP/1.1 exchange on a raw socket (QNetworkAccessManager would follow a redirect and
// buffer a drip): what arrived within readMs, or until the connection closed.
struct RawAnswer {
    QByteArray head; // status line and headers
    QByteArray body; // what of the body had arrived
    qint64 headMs = -1;
};
RawAnswer rawExchange(const QUrl &base, const QByteArray &request, int readMs) {
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    RawAnswer out;
    if (!socket.waitForConnected(5000))
        return out;
    socket.write(request);
    QElapsedTimer clock;
    clock.start();
    QByteArray all;
    while (clock.elapsed() < readMs && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(50);
        all += socket.readAll();
        if (out.headMs < 0 && all.contains("\r\n\r\n"))
            out.headMs = clock.elapsed();
    }
    all += socket.readAll();
    const qsizetype end = all.indexOf("\r\n\r\n");
    out.head = end < 0 ? all : all.left(end);
    out.body = end < 0 ? QByteArray() : all.mid(end + 4);
    return out;
}
QByteArray headerOf(const RawAnswer &a, const QByteArray &name) {
    for (const QByteArray &line : a.head.split('\n'))
        if (line.toLower().startsWith(name.toLower() + ':'))
            return line.mid(name.size() + 1).trimmed();
    return {};
}
QByteArray rawGet(const QString &pathAndQuery, const QString &token) {
    return "GET " + pathAndQuery.toUtf8() +
           " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token.toUtf8() + "\r\n\r\n";
}

QByteArray reportBody(const QString &reportId, const QJsonObject &entry) {
    return QJsonDocument(QJsonObject{{QStringLiteral("report_id"), reportId},
                                     {QStringLiteral("event_id"), str(entry, "id")},
                                     {QStringLiteral("device_id"), str(entry, "device_id")},
                                     {QStringLiteral("role"), QStringLiteral("clip")},
                                     {QStringLiteral("reason"), QStringLiteral("media_mismatch")}})
        .toJson();
}
} // namespace

class TestCloudFaults : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestCloud m_cloud;
    std::unique_ptr<WorldVerifier> m_verifier;
    QSet<QString> m_aliceIds; // alice's real events, from a fault-free run

    void startWith(const QString &faults) {
        const QString error = m_cloud.start(m_dir.path(), faults);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(m_cloud.world().reused);
    }

    QList<QJsonObject> page(const QString &user,
                            const QString &query = QStringLiteral("limit=30")) {
        const HttpResult r = m_cloud.client().get(QStringLiteral("/v1/events?") + query,
                                                  m_cloud.session(user).token);
        QList<QJsonObject> out;
        for (const QJsonValue &v : r.json().value(QStringLiteral("events")).toArray())
            out << v.toObject();
        return out;
    }

    // What the client decides for entry e's media of role, fetched as user.
    vf::trust::Verdict verdictFor(const QString &user, const QJsonObject &e, MediaRole role) {
        const QString url = str(e, role == MediaRole::Clip ? "clip" : "thumbnail");
        const HttpResult media = m_cloud.client().get(url, m_cloud.session(user).token);
        if (media.status != 200)
            qWarning("media %s answered %d", qPrintable(url), media.status);
        return m_verifier->verify(e, role, media.body, m_cloud.userId(user));
    }

    void expectEveryEntry(const QString &user, MediaRole role, Reason reason,
                          const QString &query = QStringLiteral("limit=30&kind=person")) {
        const QList<QJsonObject> entries = page(user, query);
        QVERIFY(entries.size() >= 5);
        for (const QJsonObject &e : entries) {
            const auto verdict = verdictFor(user, e, role);
            QVERIFY2(verdict.reason == reason,
                     qPrintable(QStringLiteral("%1: %2 (%3)")
                                    .arg(str(e, "id"), vf::trust::reasonCode(verdict.reason),
                                         verdict.detail)));
        }
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error = m_cloud.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_verifier = std::make_unique<WorldVerifier>(m_dir.path());
        QVERIFY2(m_verifier->isValid(), qPrintable(m_verifier->error()));
        for (const QJsonObject &e : m_cloud.client().allEvents(
                 m_cloud.session(QStringLiteral("alice")).token, QStringLiteral("limit=200")))
            m_aliceIds << str(e, "id");
        QCOMPARE(m_aliceIds.size(), 100);
        // Sanity: without faults the same checks pass.
        for (const QJsonObject &e :
             page(QStringLiteral("alice"), QStringLiteral("limit=5&kind=person"))) {
            QVERIFY(verdictFor(QStringLiteral("alice"), e, MediaRole::Thumbnail).verified());
            QVERIFY(verdictFor(QStringLiteral("alice"), e, MediaRole::Clip).verified());
        }
    }

    void cleanupTestCase() { m_cloud.stop(); }

    void faultSpecsParse() {
        QString error;
        const auto plan =
            FaultPlan::parse(QStringLiteral("mixup:0.2, tamper:0.1,slow:1"), 3, &error);
        QVERIFY2(plan.has_value(), qPrintable(error));
        QCOMPARE(plan->probability(Fault::Mixup), 0.2);
        QCOMPARE(plan->probability(Fault::Tamper), 0.1);
        QCOMPARE(plan->probability(Fault::Slow), 1.0);
        QCOMPARE(plan->probability(Fault::Forge), 0.0);
        QVERIFY(FaultPlan::parse(QString(), 3, &error)->isEmpty());
        const auto network =
            FaultPlan::parse(QStringLiteral("redirect:1,drip:0.5,big-listing:0.25"), 3, &error);
        QVERIFY2(network.has_value(), qPrintable(error));
        QCOMPARE(network->probability(Fault::Redirect), 1.0);
        QCOMPARE(network->probability(Fault::Drip), 0.5);
        QCOMPARE(network->probability(Fault::BigListing), 0.25);
        QCOMPARE(FaultPlan::parse(network->toString(), 3, &error)->toString(), network->toString());
        for (const QString &bad :
             {QStringLiteral("mixup"), QStringLiteral("mixup:2"), QStringLiteral("mixup:-0.1"),
              QStringLiteral("bogus:0.5"), QStringLiteral("tamper:x"), QStringLiteral(":0.5"),
              QStringLiteral("mixup:0.1,,")}) {
            error.clear();
            QVERIFY2(!FaultPlan::parse(bad, 3, &error).has_value(), qPrintable(bad));
            QVERIFY(!error.isEmpty());
        }
        // Same seed, same decisions; another seed, other decisions.
        const auto a = *FaultPlan::parse(QStringLiteral("mixup:0.5"), 1, &error);
        const auto b = *FaultPlan::parse(QStringLiteral("mixup:0.5"), 1, &error);
        const auto c = *FaultPlan::parse(QStringLiteral("mixup:0.5"), 2, &error);
        int same = 0, hits = 0;
        for (int i = 0; i < 200; ++i) {
            const QString id = QStringLiteral("evt-%1").arg(i);
            QCOMPARE(a.applies(Fault::Mixup, id, u"u"), b.applies(Fault::Mixup, id, u"u"));
            same += a.applies(Fault::Mixup, id, u"u") == c.applies(Fault::Mixup, id, u"u");
            hits += a.applies(Fault::Mixup, id, u"u");
        }
        QVERIFY(same < 200);
        QVERIFY(hits > 60 && hits < 140);
    }

    void mixupListsAnotherAccountsEntryAndServesItsMedia() {
        startWith(QStringLiteral("mixup:1"));
        const QString alice = QStringLiteral("alice");
        const QList<QJsonObject> entries = page(alice, QStringLiteral("limit=20"));
        QCOMPARE(entries.size(), 20);
        for (const QJsonObject &e : entries) {
            QVERIFY2(!m_aliceIds.contains(str(e, "id")), "mixup listed alice's own event");
            // The incident: the substituted entry's media is served to alice ...
            const HttpResult thumb =
                m_cloud.client().get(str(e, "thumbnail"), m_cloud.session(alice).token);
            QCOMPARE(thumb.status, 200);
            // ... and is genuine, signed and claimed, but not hers.
            const auto verdict =
                m_verifier->verify(e, MediaRole::Thumbnail, thumb.body, m_cloud.userId(alice));
            QCOMPARE(vf::trust::reasonCode(verdict.reason), QStringLiteral("foreign_owner"));
            QVERIFY(verdict.evidence.claimSubject != m_cloud.userId(alice));
        }
    }

    // dup-id:1: after each of alice's entries, a foreign twin under the same event ID, from
    // another camera, with media at its own URL (?device=). The twin is genuine in every
    // check but the owner; alice's own entry and media are unchanged.
    void dupIdListsAForeignTwinUnderTheSameId() {
        startWith(QStringLiteral("dup-id:1"));
        const QString alice = QStringLiteral("alice");
        const QString token = m_cloud.session(alice).token;
        const QList<QJsonObject> entries = page(alice, QStringLiteral("limit=10"));
        QHash<QString, QJsonObject> own;
        int twins = 0;
        for (const QJsonObject &e : entries) {
            if (m_aliceIds.contains(str(e, "id")) && !own.contains(str(e, "id"))) {
                own.insert(str(e, "id"), e);
                QCOMPARE(vf::trust::reasonCode(verdictFor(alice, e, MediaRole::Thumbnail).reason),
                         QStringLiteral("verified"));
                continue;
            }
            ++twins;
            QVERIFY2(own.contains(str(e, "id")), "a twin must follow the entry whose ID it reuses");
            const QJsonObject mine = own.value(str(e, "id"));
            QVERIFY(str(e, "device_id") != str(mine, "device_id"));
            QVERIFY(str(e, "thumbnail").contains(QStringLiteral("?device=")));
            QVERIFY(str(e, "thumbnail") != str(mine, "thumbnail"));
            const HttpResult thumb = m_cloud.client().get(str(e, "thumbnail"), token);
            QCOMPARE(thumb.status, 200);
            const HttpResult ownThumb = m_cloud.client().get(str(mine, "thumbnail"), token);
            QVERIFY(thumb.body != ownThumb.body);
            const auto verdict =
                m_verifier->verify(e, MediaRole::Thumbnail, thumb.body, m_cloud.userId(alice));
            QCOMPARE(vf::trust::reasonCode(verdict.reason), QStringLiteral("foreign_owner"));
            QCOMPARE(verdict.evidence.attestedDeviceId, str(e, "device_id"));
            // The twin's attestation checked against alice's bytes (the v1 client's mix-up)
            // would be a media mismatch.
            QCOMPARE(vf::trust::reasonCode(
                         m_verifier
                             ->verify(e, MediaRole::Thumbnail, ownThumb.body, m_cloud.userId(alice))
                             .reason),
                     QStringLiteral("media_mismatch"));
        }
        QCOMPARE(twins, own.size());
        QVERIFY(twins > 0);
        // A device that listed nothing under that ID has no media there.
        const QString someId = own.keys().first();
        QCOMPARE(m_cloud.client()
                     .get(QStringLiteral("/v1/media/%1/thumbnail?device=nobody").arg(someId), token)
                     .status,
                 404);
    }

    void claimSwapIsClaimDeviceMismatch() {
        startWith(QStringLiteral("claim-swap:1"));
        expectEveryEntry(QStringLiteral("bob"), MediaRole::Thumbnail, Reason::ClaimDeviceMismatch);
    }

    void thumbSwapIsMediaMismatch() {
        startWith(QStringLiteral("thumb-swap:1"));
        expectEveryEntry(QStringLiteral("carol"), MediaRole::Thumbnail, Reason::MediaMismatch);
        // Only thumbnails are swapped: the listing and clips are right.
        expectEveryEntry(QStringLiteral("carol"), MediaRole::Clip, Reason::None);
    }

    void tamperIsMediaMismatchForThumbnailsAndClips() {
        startWith(QStringLiteral("tamper:1"));
        expectEveryEntry(QStringLiteral("alice"), MediaRole::Thumbnail, Reason::MediaMismatch);
        expectEveryEntry(QStringLiteral("alice"), MediaRole::Clip, Reason::MediaMismatch);
        // A range of a tampered clip is cut from the tampered bytes.
        const QJsonObject e =
            page(QStringLiteral("alice"), QStringLiteral("limit=1&kind=person")).first();
        const QString token = m_cloud.session(QStringLiteral("alice")).token;
        const HttpResult whole = m_cloud.client().get(str(e, "clip"), token);
        const HttpResult part =
            m_cloud.client().get(str(e, "clip"), token, {{"Range", "bytes=0-8191"}});
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, whole.body.left(8192));
    }

    void forgeIsDeviceUntrusted() {
        startWith(QStringLiteral("forge:1"));
        expectEveryEntry(QStringLiteral("alice"), MediaRole::Thumbnail, Reason::DeviceUntrusted);
        expectEveryEntry(QStringLiteral("carol"), MediaRole::Clip, Reason::DeviceUntrusted);
    }

    void staleClaimIsClaimNotBoundOnTheTransferredCamera() {
        startWith(QStringLiteral("stale-claim:1"));
        const QString device = m_cloud.world().transferredDeviceId;
        // The new owner's events of the transferred camera come with the former owner's claim.
        expectEveryEntry(QStringLiteral("carol"), MediaRole::Thumbnail, Reason::ClaimNotBound,
                         QStringLiteral("limit=200&device=") + device);
        // Cameras that never changed hands have no former claim to serve.
        for (const QJsonObject &e : page(QStringLiteral("carol"), QStringLiteral("limit=60")))
            if (str(e, "device_id") != device)
                QVERIFY(verdictFor(QStringLiteral("carol"), e, MediaRole::Thumbnail).verified());
        // The former owner's own (old-epoch) events are untouched.
        expectEveryEntry(QStringLiteral("bob"), MediaRole::Thumbnail, Reason::None,
                         QStringLiteral("limit=200&device=") + device);
    }

    void errorAnswers503() {
        startWith(QStringLiteral("error:1"));
        const DemoUser *alice = m_cloud.world().user(QStringLiteral("alice"));
        const HttpResult login = m_cloud.client().post(
            QStringLiteral("/v1/session"),
            QJsonDocument(QJsonObject{{QStringLiteral("username"), alice->username},
                                      {QStringLiteral("password"), alice->password}})
                .toJson());
        QCOMPARE(login.status, 503);
        QVERIFY(login.json().contains(QStringLiteral("error")));
        for (const QString &path : {QStringLiteral("/v1/events"), QStringLiteral("/v1/devices"),
                                    QStringLiteral("/v1/trust/revocations")})
            QCOMPARE(m_cloud.client().get(path, QStringLiteral("any")).status, 503);
    }

    void faultPlanSwitchesAtRuntimeWithoutRestart() {
        startWith(QString());
        CloudHost &host = m_cloud.host();
        QVERIFY(host.faultPlan().isEmpty());
        const QString alice = QStringLiteral("alice");
        const QString aliceId = m_cloud.userId(alice);
        const QString token = m_cloud.session(alice).token; // logged in before the faults
        const QJsonObject e = page(alice, QStringLiteral("limit=1&kind=person")).first();
        CloudTestClient &client = m_cloud.client();
        // Listing, thumbnail, clip, report listing, and filing a report.
        auto statuses = [&](const QString &reportId) {
            return QList<int>{
                client.get(QStringLiteral("/v1/events?limit=5"), token).status,
                client.get(str(e, "thumbnail"), token).status,
                client.get(str(e, "clip"), token).status,
                client.get(QStringLiteral("/v1/integrity-reports"), token).status,
                client.post(QStringLiteral("/v1/integrity-reports"), reportBody(reportId, e), token)
                    .status,
            };
        };
        const QString firstReport = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString secondReport = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const int reportsBefore = host.storedReportCount(aliceId);
        QVERIFY(reportsBefore >= 0);
        QCOMPARE(statuses(firstReport), (QList<int>{200, 200, 200, 200, 201}));
        QCOMPARE(host.storedReportCount(aliceId), reportsBefore + 1);

        // The cloud answers 503 for a while ...
        host.setFaultPlan(planOf(QStringLiteral("error:1")));
        QCOMPARE(host.faultPlan().probability(Fault::Error), 1.0);
        QCOMPARE(statuses(secondReport), QList<int>(5, 503));
        const HttpResult unavailable = client.get(QStringLiteral("/v1/events"), token);
        QCOMPARE(unavailable.status, 503);
        QCOMPARE(unavailable.header("retry-after"), QByteArray("1"));
        QCOMPARE(host.storedReportCount(aliceId), reportsBefore + 1); // nothing filed meanwhile

        // ... and recovers, without a restart: same URL, same sessions.
        host.setFaultPlan(FaultPlan());
        QVERIFY(host.faultPlan().isEmpty());
        QCOMPARE(statuses(secondReport), (QList<int>{200, 200, 200, 200, 201}));
        QCOMPARE(host.storedReportCount(aliceId), reportsBefore + 2);

        // From a --fault spec; a bad one keeps the plan in force.
        QVERIFY(!host.setFaultSpec(QStringLiteral("bogus:1")).isEmpty());
        QVERIFY(host.faultPlan().isEmpty());
        QVERIFY(host.setFaultSpec(QStringLiteral("error:1")).isEmpty());
        QCOMPARE(client.get(QStringLiteral("/v1/devices"), token).status, 503);
        // The plan belongs to the host: it survives a restart of its server.
        host.stop();
        QCOMPARE(host.faultPlan().probability(Fault::Error), 1.0);
        QVERIFY(host.start().isEmpty());
        QCOMPARE(CloudTestClient(host.url()).get(QStringLiteral("/v1/devices"), token).status, 503);
        host.setFaultPlan(FaultPlan());
        QCOMPARE(CloudTestClient(host.url()).get(QStringLiteral("/v1/devices"), token).status, 200);
    }

    void switchingPlansUnderLoadIsSafe() {
        startWith(QString());
        CloudHost &host = m_cloud.host();
        const QString token = m_cloud.session(QStringLiteral("alice")).token;
        QStringList paths;
        for (const QJsonObject &e :
             page(QStringLiteral("alice"), QStringLiteral("limit=10&kind=vehicle")))
            paths << QStringLiteral("/v1/events?limit=20") << str(e, "thumbnail") << str(e, "clip");
        QVERIFY(paths.size() >= 15);
        // Every fault the workers read, switched every couple of milliseconds from a thread of
        // its own while 20 connections hammer the cloud.
        const QList<FaultPlan> plans = {
            FaultPlan(),
            planOf(QStringLiteral("error:1")),
            planOf(QStringLiteral("error:0.5,tamper:0.5,slow:0.02")),
            planOf(QStringLiteral("mixup:0.3,thumb-swap:0.3,forge:0.2")),
            planOf(QStringLiteral("claim-swap:1,stale-claim:1")),
        };
        std::atomic<bool> done{false};
        std::atomic<int> switches{0};
        qsizetype planText = 0; // read back while switching; owned by the switcher
        std::thread switcher([&]() {
            for (int i = 0; !done.load(); ++i) {
                host.setFaultPlan(plans.at(i % plans.size()));
                planText += host.faultPlan().toString().size();
                switches.fetch_add(1);
                std::this_thread::sleep_for(std::chrono::milliseconds(2));
            }
        });
        const LoadResult load = runLoad(host.url(), token, paths, 20, 600, 60'000);
        done = true;
        switcher.join();
        host.setFaultPlan(FaultPlan());
        qInfo("600 requests over 20 connections, %d plan switches: %d answered 200, %d 503",
              switches.load(), load.ok, load.answered - load.ok);
        QCOMPARE(load.failed, 0);
        QCOMPARE(load.answered, 600);
        QVERIFY(load.ok > 0);
        QVERIFY(load.answered > load.ok); // some 503s
        QVERIFY(switches.load() > 5);
        QVERIFY(planText > 0);
        QCOMPARE(m_cloud.client().get(QStringLiteral("/v1/events?limit=5"), token).status, 200);
    }

    void slowAddsLatency() {
        startWith(QString());
        const QString token = m_cloud.session(QStringLiteral("alice")).token;
        qint64 fast = 1 << 30;
        for (int i = 0; i < 3; ++i)
            fast = qMin(fast, m_cloud.client().get(QStringLiteral("/v1/devices"), token).elapsedMs);
        startWith(QStringLiteral("slow:1"));
        const QString slowToken = m_cloud.session(QStringLiteral("alice")).token;
        const HttpResult slow = m_cloud.client().get(QStringLiteral("/v1/devices"), slowToken);
        QCOMPARE(slow.status, 200);
        qInfo("devices: %lld ms normally, %lld ms with slow:1", fast, slow.elapsedMs);
        QVERIFY(slow.elapsedMs >= FaultPlan::kSlowDelayMs - 5);
        QVERIFY(slow.elapsedMs > fast + FaultPlan::kSlowDelayMs / 2);
    }

    // --latency: every answer waits a round trip, and a new fault spec keeps it.
    void latencyDelaysEveryAnswerAndSurvivesANewSpec() {
        startWith(QString());
        const QString token = m_cloud.session(QStringLiteral("alice")).token;
        FaultPlan plan = m_cloud.host().faultPlan();
        plan.setLatencyMs(150);
        m_cloud.host().setFaultPlan(plan);
        QCOMPARE(m_cloud.host().setFaultSpec(QStringLiteral("tamper:0.1")), QString());
        QCOMPARE(m_cloud.host().faultPlan().latencyMs(), 150);
        for (const char *path : {"/v1/devices", "/v1/events?limit=5"}) {
            const HttpResult r = m_cloud.client().get(QLatin1String(path), token);
            QCOMPARE(r.status, 200);
            QVERIFY2(r.elapsedMs >= 145, qPrintable(QString::number(r.elapsedMs)));
        }
        QString error;
        QVERIFY(!CloudConfig::fromArguments(
                     {"--listen", "127.0.0.1:0", "--data", "/tmp/x", "--latency", "-1"})
                     .config);
        const auto parsed = CloudConfig::fromArguments(
            {"--listen", "127.0.0.1:0", "--data", "/tmp/x", "--latency", "20"});
        QVERIFY(parsed.config);
        QCOMPARE(parsed.config->faults.latencyMs(), 20);
    }

    // cloud-api.md §7 v2: redirect answers 307 to another origin (another port of the same
    // host) on login, listing and media, keeping the path and query; nothing else moves.
    void redirectPointsLoginListingAndMediaAtAnotherOrigin() {
        startWith(QString());
        CloudHost &host = m_cloud.host();
        const QString token = m_cloud.session(QStringLiteral("alice")).token;
        const QJsonObject e = page(QStringLiteral("alice"), QStringLiteral("limit=1")).first();
        host.setFaultPlan(planOf(QStringLiteral("redirect:1")));
        const QUrl base = host.url();
        const DemoUser *alice = m_cloud.world().user(QStringLiteral("alice"));
        const QByteArray credentials =
            QJsonDocument(QJsonObject{{QStringLiteral("username"), alice->username},
                                      {QStringLiteral("password"), alice->password}})
                .toJson(QJsonDocument::Compact);
        const QByteArray login =
            "POST /v1/session HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(base.port()) +
            "\r\nContent-Type: application/json\r\nContent-Length: " +
            QByteArray::number(credentials.size()) + "\r\n\r\n" + credentials;
        const QList<std::pair<QByteArray, QString>> requests{
            {login, QStringLiteral("/v1/session")},
            {rawGet(QStringLiteral("/v1/events?limit=5"), token),
             QStringLiteral("/v1/events?limit=5")},
            {rawGet(str(e, "thumbnail"), token), str(e, "thumbnail")},
            {rawGet(str(e, "clip"), token), str(e, "clip")},
        };
        for (const auto &[request, pathAndQuery] : requests) {
            QByteArray withHost = request;
            withHost.replace("Host: 127.0.0.1\r\n",
                             "Host: 127.0.0.1:" + QByteArray::number(base.port()) + "\r\n");
            const RawAnswer a = rawExchange(base, withHost, 1500);
            QVERIFY2(a.head.startsWith("HTTP/1.1 307"), a.head.constData());
            const QUrl location(QString::fromLatin1(headerOf(a, "Location")));
            QCOMPARE(location.host(), QStringLiteral("127.0.0.1"));
            QVERIFY(location.port() > 0 && location.port() != base.port());
            QCOMPARE(location.path() + (location.hasQuery() ? u'?' + location.query() : QString()),
                     pathAndQuery);
            QVERIFY(!a.body.contains(alice->password.toUtf8()));
            QVERIFY(!a.body.contains(token.toUtf8()));
        }
        // Other endpoints answer as always.
        QCOMPARE(m_cloud.client().get(QStringLiteral("/v1/devices"), token).status, 200);
        // A chosen origin (a listener of the test's own, say).
        FaultPlan plan = planOf(QStringLiteral("redirect:1"));
        plan.setRedirectOrigin(QStringLiteral("http://127.0.0.1:4444"));
        host.setFaultPlan(plan);
        const RawAnswer chosen =
            rawExchange(base, rawGet(QStringLiteral("/v1/events"), token), 1500);
        QCOMPARE(headerOf(chosen, "Location"), QByteArray("http://127.0.0.1:4444/v1/events"));
        host.setFaultPlan(FaultPlan());
    }

    // drip sends the status and headers at once, then the body one byte per
    // FaultPlan::kDripIntervalMs: a stall timer reset on every byte never fires.
    void dripSendsTheAnswerOneByteAtATime() {
        startWith(QString());
        const QString token = m_cloud.session(QStringLiteral("alice")).token;
        m_cloud.host().setFaultPlan(planOf(QStringLiteral("drip:1")));
        const int readMs = 2 * FaultPlan::kDripIntervalMs + FaultPlan::kDripIntervalMs / 2;
        const RawAnswer a = rawExchange(
            m_cloud.host().url(), rawGet(QStringLiteral("/v1/events?limit=5"), token), readMs);
        m_cloud.host().setFaultPlan(FaultPlan());
        QVERIFY2(a.head.startsWith("HTTP/1.1 200"), a.head.constData());
        QVERIFY(a.headMs >= 0 && a.headMs < FaultPlan::kDripIntervalMs);
        const qint64 declared = headerOf(a, "Content-Length").toLongLong();
        QVERIFY2(declared > 1000, a.head.constData());
        // One byte at once and one per interval since: about three in 2.5 intervals.
        QVERIFY2(a.body.size() >= 2 && a.body.size() <= 4, QByteArray::number(a.body.size()));
        QVERIFY(a.body.startsWith("{"));
        // The same request without the fault comes whole, at once.
        const HttpResult whole = m_cloud.client().get(QStringLiteral("/v1/events?limit=5"), token);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body.size(), declared);
    }

    // big-listing pads the listing over the client's 8 MiB JSON limit with a field a client
    // ignores: only the size limit refuses it. The entries themselves are the real ones.
    void bigListingIsOverTheJsonLimit() {
        startWith(QString());
        const QString token = m_cloud.session(QStringLiteral("alice")).token;
        const QList<QJsonObject> honest = page(QStringLiteral("alice"), QStringLiteral("limit=5"));
        m_cloud.host().setFaultPlan(planOf(QStringLiteral("big-listing:1")));
        const HttpResult big = m_cloud.client().get(QStringLiteral("/v1/events?limit=5"), token);
        QCOMPARE(big.status, 200);
        QVERIFY(big.body.size() > 8LL * 1024 * 1024);
        QVERIFY(big.body.size() >= FaultPlan::kBigListingBytes);
        const QJsonObject listing = big.json();
        QCOMPARE(listing.value(QStringLiteral("events")).toArray().size(), 5);
        QCOMPARE(listing.value(QStringLiteral("events")).toArray().first().toObject(),
                 honest.first());
        // Only listings: the device list stays small.
        QVERIFY(m_cloud.client().get(QStringLiteral("/v1/devices"), token).body.size() < 65536);
        m_cloud.host().setFaultPlan(FaultPlan());
    }

    void partialFaultsAreDeterministicForASeed() {
        startWith(QStringLiteral("mixup:0.5"));
        auto ids = [this]() {
            QStringList out;
            for (const QJsonObject &e : page(QStringLiteral("alice"), QStringLiteral("limit=60")))
                out << str(e, "id");
            return out;
        };
        const QStringList first = ids();
        QCOMPARE(ids(), first);
        int foreign = 0;
        for (const QString &id : first)
            foreign += m_aliceIds.contains(id) ? 0 : 1;
        QVERIFY2(foreign > 5 && foreign < 55, qPrintable(QString::number(foreign)));
        startWith(QStringLiteral("mixup:0.5"));
        QCOMPARE(ids(), first);
    }
};

QTEST_GUILESS_MAIN(TestCloudFaults)
#include "tst_cloud_faults.moc"
