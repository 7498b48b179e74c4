// The client core against the reference cloud hosted in-process, with each of its faults:
// no foreign, forged or tampered thumbnail ever reaches a decoder; every refusal is in the
// audit log and reaches the cloud exactly once, also through a 503 outage and when the
// client process is killed with SIGKILL mid-send; switching accounts on one data
// directory leaks nothing; a revocation purges at once.
#include "CoseSign1.h"
#include "DiagnosticsBundle.h"
#include "E2eClient.h"
#include "Store.h"
#include "TestCloud.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace vf;
using vf::cloud::test::TestCloud;
using vf::e2e::E2eClient;

namespace {

struct ReportKey {
    QString eventId, role, reason;
    bool operator==(const ReportKey &) const = default;
};
size_t qHash(const ReportKey &k, size_t seed = 0) {
    return qHashMulti(seed, k.eventId, k.role, k.reason);
}

} // namespace

class ClientE2eTest : public QObject {
    Q_OBJECT

    QTemporaryDir cloudDir;
    TestCloud cloud;
    std::shared_ptr<const trust::TrustAnchors> anchors;
    // What each account may see, from the cloud without faults: event → thumbnail SHA-256.
    QHash<QString, QHash<QString, QByteArray>> honest;
    // ... and the camera of each of those events.
    QHash<QString, QHash<QString, QString>> honestDevice;
    std::unique_ptr<QTemporaryDir> clientDir;

    QString password(const QString &user) const { return cloud.world().user(user)->password; }

    QString restartCloud(const QString &faults) {
        const QString error = cloud.start(cloudDir.path(), faults);
        return error;
    }

    // The verifier's verdict on a stored event's cached thumbnail, as the sync judged it.
    static trust::Verdict verifyStored(E2eClient &client, const store::StoredEvent &event) {
        const QString account = client.session().userId();
        const auto bytes = client.session().store()->media().load(account, event.thumbnailSha256);
        if (!bytes)
            return {};
        trust::VerificationRequest request;
        request.eventId = event.id;
        request.deviceId = event.deviceId;
        request.attestation = event.attestation;
        request.claim = event.claim;
        request.media = &*bytes;
        request.userId = account;
        request.nowMs = QDateTime::currentMSecsSinceEpoch();
        return client.session().verifier().verify(request);
    }

    std::unique_ptr<E2eClient> newClient(const QString &dataDir) {
        return std::make_unique<E2eClient>(cloud.host().url(), dataDir, anchors);
    }

    // The reports the cloud stored for an account.
    QList<QJsonObject> cloudReports(const QString &user) {
        const auto session = cloud.session(user);
        const auto answer =
            cloud.client().get(QStringLiteral("/v1/integrity-reports"), session.token);
        QList<QJsonObject> out;
        for (const QJsonValue &v : answer.json().value(QStringLiteral("reports")).toArray())
            out << v.toObject();
        return out;
    }

    // The cloud keeps reports across the test's rows: only those with the client's
    // report IDs count. *twice names an event the cloud stored more than once.
    QSet<ReportKey> storedReports(const QString &user, const QSet<QString> &reportIds,
                                  QString *twice) {
        QSet<ReportKey> stored;
        for (const QJsonObject &r : cloudReports(user)) {
            if (!reportIds.contains(r.value("report_id").toString()))
                continue;
            const ReportKey key{r.value("event_id").toString(), r.value("role").toString(),
                                r.value("reason").toString()};
            if (stored.contains(key))
                *twice = key.eventId;
            stored.insert(key);
        }
        return stored;
    }

    // Nothing foreign was shown: every displayed event is the account's (or shared with
    // it) and the bytes decoded are exactly the honest thumbnail.
    void checkNothingForeignShown(E2eClient &client, const QString &user,
                                  const QHash<QString, QByteArray> &shown) {
        const auto &mine = honest.value(user);
        for (auto it = shown.begin(); it != shown.end(); ++it) {
            QVERIFY2(mine.contains(it.key()), qPrintable(it.key() + " is not " + user + "'s"));
            QCOMPARE(it.value(), mine.value(it.key()));
        }
        for (const QJsonObject &r : client.recordsOfType(QStringLiteral("displayed"))) {
            const QString id = r.value(QStringLiteral("event_id")).toString();
            QVERIFY2(mine.contains(id), qPrintable("displayed foreign " + id));
            QCOMPARE(r.value(QStringLiteral("sha256")).toString(),
                     QString::fromLatin1(mine.value(id).toHex()));
        }
    }

    // Every refusal: once in the audit log, once in the cloud, same keys both sides.
    void checkReportedExactlyOnce(E2eClient &client, const QString &user) {
        QVERIFY(client.waitDrained());
        const QString account = cloud.userId(user);
        store::Store &store = *client.session().store();
        QSet<ReportKey> audited;
        store::AuditFilter everything;
        everything.limit = 100000;
        for (const store::AuditEntry &a : store.audit().list(account, everything)) {
            const ReportKey key{a.eventId, a.role, a.reason};
            QVERIFY2(!audited.contains(key), qPrintable("audited twice: " + a.eventId));
            audited.insert(key);
        }
        QSet<QString> mine;
        for (const QJsonObject &r : client.recordsOfType(QStringLiteral("reported")))
            mine.insert(r.value("report_id").toString());
        QString twice;
        const QSet<ReportKey> stored = storedReports(user, mine, &twice);
        QVERIFY2(twice.isEmpty(), qPrintable("stored twice: " + twice));
        QCOMPARE(stored, audited);
        QCOMPARE(store.outbox().pending(account).size(), 0);
        QCOMPARE(client.eventsWith(QStringLiteral("refused")).size(), audited.size());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(cloudDir.isValid());
        QString error = restartCloud({});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto loaded = cloud.host().trustAnchors();
        QVERIFY2(loaded.anchors, qPrintable(loaded.error));
        anchors = loaded.anchors;
        for (const cloud::DemoUser &u : cloud.world().users) {
            const auto session = cloud.session(u.username);
            for (const QJsonObject &e : cloud.client().allEvents(session.token)) {
                const auto thumb =
                    cloud.client().get(e.value("thumbnail").toString(), session.token);
                QCOMPARE(thumb.status, 200);
                honestDevice[u.username].insert(e.value("id").toString(),
                                                e.value("device_id").toString());
                honest[u.username].insert(
                    e.value("id").toString(),
                    QCryptographicHash::hash(thumb.body, QCryptographicHash::Sha256));
            }
            QVERIFY(!honest[u.username].isEmpty());
        }
    }

    void init() {
        clientDir = std::make_unique<QTemporaryDir>();
        QVERIFY(clientDir->isValid());
    }

    // cloud-api.md §7 v2, a fatal first sync: an answer the client can never accept (a
    // listing over 8 MiB, a redirect) ends the first sync at once, without retries; a
    // retryable one (a drip-fed listing past its deadline, 503s) once the retries are used
    // up. Either way nothing of the failed answer is stored.
    void firstSyncFailsOnTheNetworkFaults_data() {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("big-listing")
            << "big-listing:1" << int(net::ApiError::Kind::TooLarge) << false;
        QTest::newRow("redirect") << "redirect:1" << int(net::ApiError::Kind::Redirect) << false;
        QTest::newRow("drip") << "drip:1" << int(net::ApiError::Kind::Timeout) << true;
        QTest::newRow("error") << "error:1" << int(net::ApiError::Kind::Http) << true;
    }
    void firstSyncFailsOnTheNetworkFaults() {
        QFETCH(QString, fault);
        QFETCH(int, kind);
        QFETCH(bool, retryable);
        QVERIFY(restartCloud({}).isEmpty());
        E2eClient client(cloud.host().url(), clientDir->path(), anchors,
                         [](sync::ClientOptions &o) {
                             o.jsonDeadlineMs = 1500;
                             o.retryBaseDelayMs = 50;
                         });
        sync::ClientSession &session = client.session();
        // The faults start once signed in: the sign-in itself is not what is tested here.
        QObject::connect(&session, &sync::ClientSession::signedIn, &session,
                         [&] { QVERIFY(cloud.host().setFaultSpec(fault).isEmpty()); });
        QSignalSpy failed(&session, &sync::ClientSession::firstSyncFailed);
        QElapsedTimer clock;
        clock.start();
        session.signIn(QStringLiteral("alice"), password(QStringLiteral("alice")));
        QVERIFY(failed.wait(30000));
        const qint64 elapsed = clock.elapsed();
        cloud.host().setFaultPlan({});
        const auto error = failed.first().first().value<net::ApiError>();
        QCOMPARE(int(error.kind), kind);
        QCOMPARE(error.retryable(), retryable);
        QVERIFY(session.firstSyncError());
        QVERIFY(!session.isIdle());
        QCOMPARE(session.store()->events().count(session.userId()), 0);
        // At once for a fatal answer; after three deadlines at most for the drip.
        QVERIFY2(elapsed < (retryable ? 3 * 1500 + 3 * 1500 + 8000 : 8000),
                 qPrintable(QString::number(elapsed)));
        qInfo("%s: the first sync failed after %lld ms: %s", qPrintable(fault), elapsed,
              qPrintable(error.describe()));
        // A later refresh that works clears it.
        session.refresh();
        QVERIFY2(client.waitIdle().isEmpty(), qPrintable(session.lastError()));
        QVERIFY(!session.firstSyncError());
    }

    void honestCloudShowsEverythingOfEachAccount_data() {
        QTest::addColumn<QString>("user");
        for (const char *u : {"alice", "bob", "carol"})
            QTest::newRow(u) << QString::fromLatin1(u);
    }
    void honestCloudShowsEverythingOfEachAccount() {
        QFETCH(QString, user);
        QVERIFY(restartCloud({}).isEmpty());
        auto client = newClient(clientDir->path());
        client->session().events(); // null before sign-in
        vf::sync::EventSync::Options all;
        QString error = client->signIn(user, password(user));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(client->session().userId(), cloud.userId(user));
        // The first page, then every page, as scrolling would.
        while (client->session().events()->hasMore()) {
            client->session().events()->fetchMore();
            QTest::qWait(10);
            QVERIFY(client->waitIdle().isEmpty());
        }
        const auto shown = client->displayAll();
        checkNothingForeignShown(*client, user, shown);
        QCOMPARE(shown.size(), honest.value(user).size());
        QVERIFY(client->recordsOfType("refused").isEmpty());
        QCOMPARE(client->recordsOfType("signed_in").size(), 1);
        QVERIFY(!client->recordsOfType("idle").isEmpty());
    }

    // trust.md §6 v2 with the reference cloud's dup-id fault: some of alice's entries come
    // with a foreign twin (bob's or carol's camera, claim and media under alice's event ID,
    // media at its own URL). Every one of alice's own events is displayed with its honest
    // bytes; no twin is ever displayed; each twin is refused as foreign_owner, reported
    // once against its own camera, and nothing is reported as tampered.
    void duplicateEventIdsShowEveryOwnEventAndNoForeignOne() {
        QVERIFY(restartCloud(QStringLiteral("dup-id:0.3")).isEmpty());
        auto client = newClient(clientDir->path());
        QString error = client->signIn("alice", password("alice"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        while (client->session().events()->hasMore()) {
            client->session().events()->fetchMore();
            QTest::qWait(10);
            QVERIFY(client->waitIdle().isEmpty());
        }
        const auto &mine = honest.value("alice");
        const auto &mineDevice = honestDevice.value("alice");
        const auto shown = client->displayAll();
        checkNothingForeignShown(*client, "alice", shown);
        QCOMPARE(shown.size(), mine.size()); // every own event, none lost to its twin
        QSet<QString> displayedIds;
        for (const QJsonObject &r : client->recordsOfType("displayed")) {
            const QString id = r.value("event_id").toString();
            QCOMPARE(r.value("device_id").toString(), mineDevice.value(id));
            displayedIds.insert(id);
        }
        QCOMPARE(displayedIds.size(), mine.size());

        const auto refused = client->recordsOfType("refused");
        QVERIFY2(!refused.isEmpty(), "dup-id:0.3 listed no twin");
        QSet<QString> twinDevices;
        for (const QJsonObject &r : refused) {
            QCOMPARE(r.value("reason").toString(), QStringLiteral("foreign_owner"));
            const QString id = r.value("event_id").toString();
            QVERIFY2(mine.contains(id), qPrintable("a twin that reuses no own ID: " + id));
            QVERIFY(r.value("device_id").toString() != mineDevice.value(id));
            twinDevices.insert(id + u'/' + r.value("device_id").toString());
        }
        const QString account = cloud.userId("alice");
        store::Store &store = *client->session().store();
        for (const QString &id : mine.keys()) {
            const auto own = store.events().find(account, {id, mineDevice.value(id)});
            QVERIFY(own);
            QCOMPARE(own->state, store::VerificationState::Verified);
        }
        QVERIFY(client->waitDrained());
        QSet<QString> mineReports;
        for (const QJsonObject &r : client->recordsOfType(QStringLiteral("reported")))
            mineReports.insert(r.value("report_id").toString());
        QSet<QString> reportedTwins;
        for (const QJsonObject &r : cloudReports("alice")) {
            if (!mineReports.contains(r.value("report_id").toString()))
                continue;
            QCOMPARE(r.value("reason").toString(), QStringLiteral("foreign_owner"));
            QCOMPARE(r.value("attested_device").toString(), r.value("device_id").toString());
            const QString twin =
                r.value("event_id").toString() + u'/' + r.value("device_id").toString();
            QVERIFY2(!reportedTwins.contains(twin), qPrintable("reported twice: " + twin));
            reportedTwins.insert(twin);
        }
        QCOMPARE(reportedTwins, twinDevices);
    }

    void faultsAreRefusedAndReportedOnce_data() {
        QTest::addColumn<QString>("faults");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QStringList>("reasons");
        QTest::newRow("mixup") << "mixup:0.3"
                               << "alice" << QStringList{"foreign_owner"};
        QTest::newRow("claim-swap") << "claim-swap:0.3"
                                    << "bob" << QStringList{"claim_device_mismatch"};
        QTest::newRow("thumb-swap") << "thumb-swap:0.3"
                                    << "alice" << QStringList{"media_mismatch"};
        QTest::newRow("tamper") << "tamper:0.3"
                                << "carol" << QStringList{"media_mismatch"};
        QTest::newRow("forge") << "forge:0.3"
                               << "alice" << QStringList{"device_untrusted"};
        QTest::newRow("stale-claim") << "stale-claim:1"
                                     << "carol" << QStringList{"claim_not_bound"};
        QTest::newRow("all at once")
            << "mixup:0.2,claim-swap:0.1,thumb-swap:0.1,tamper:0.1,forge:0.1,stale-claim:0.5"
            << "bob"
            << QStringList{"foreign_owner", "claim_device_mismatch", "media_mismatch",
                           "device_untrusted", "claim_not_bound"};
    }
    void faultsAreRefusedAndReportedOnce() {
        QFETCH(QString, faults);
        QFETCH(QString, user);
        QFETCH(QStringList, reasons);
        QVERIFY(restartCloud(faults).isEmpty());
        auto client = newClient(clientDir->path());
        QString error = client->signIn(user, password(user));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        while (client->session().events()->hasMore()) {
            client->session().events()->fetchMore();
            QTest::qWait(10);
            QVERIFY(client->waitIdle().isEmpty());
        }
        const auto shown = client->displayAll();
        checkNothingForeignShown(*client, user, shown);
        const auto refused = client->recordsOfType("refused");
        QVERIFY2(!refused.isEmpty(), "the fault produced no refusal");
        for (const QJsonObject &r : refused)
            QVERIFY2(reasons.contains(r.value("reason").toString()),
                     qPrintable(r.value("reason").toString()));
        // No refused event was ever shown.
        const QSet<QString> refusedIds = client->eventsWith("refused");
        for (const QString &id : client->eventsWith("displayed"))
            QVERIFY(!refusedIds.contains(id));
        checkReportedExactlyOnce(*client, user);
        // A second sync of the same data sends nothing twice.
        client->session().refresh();
        QVERIFY(client->waitIdle().isEmpty());
        checkReportedExactlyOnce(*client, user);
    }

    void outageOf503sDelaysReportsAndLosesNone() {
        QVERIFY(restartCloud(QStringLiteral("mixup:0.3")).isEmpty());
        auto client = newClient(clientDir->path());
        // The cloud starts answering 503 to everything the moment the first refusal is
        // queued, before its report can be sent.
        bool outage = false;
        connect(&client->session(), &sync::ClientSession::signedIn, this, [&] {
            connect(client->session().events(), &sync::EventSync::reportQueued, this, [&] {
                if (outage)
                    return;
                outage = true;
                QVERIFY(cloud.host().setFaultSpec(QStringLiteral("mixup:0.3,error:1")).isEmpty());
            });
        });
        QString error = client->signIn(QStringLiteral("alice"), password("alice"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(outage);
        const QString account = cloud.userId("alice");
        store::Store &store = *client->session().store();
        // Reports wait in the outbox, retried with backoff; the failures are recorded.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto &q : store.outbox().pending(account))
                    if (q.attempts > 0 && q.lastError.contains(QStringLiteral("503")))
                        return true;
                return false;
            }(),
            15000);
        QVERIFY(!store.outbox().pending(account).isEmpty());
        QCOMPARE(store.outbox().acknowledgedCount(account), 0);

        // The cloud comes back: a refresh finishes the sync and every report goes, once.
        QVERIFY(cloud.host().setFaultSpec(QStringLiteral("mixup:0.3")).isEmpty());
        client->session().refresh();
        QVERIFY(client->waitIdle().isEmpty());
        checkNothingForeignShown(*client, "alice", client->displayAll());
        checkReportedExactlyOnce(*client, "alice");
    }

    void killedMidSendLosesNothingAndDuplicatesNothing() {
        QVERIFY(restartCloud(QStringLiteral("mixup:0.4,slow:0.5")).isEmpty());
        const QString log = clientDir->filePath(QStringLiteral("automation.jsonl"));
        const QString data = clientDir->filePath(QStringLiteral("data"));
        auto probeArguments = [&](bool untilDrained) {
            QStringList args{"--server",
                             cloud.host().url().toString(),
                             "--data-dir",
                             data,
                             "--user",
                             "alice",
                             "--password",
                             password("alice"),
                             "--device-roots",
                             cloudDir.filePath("trust/device-roots.pem"),
                             "--owner-authorities",
                             cloudDir.filePath("trust/owner-authorities.pem"),
                             "--log",
                             log};
            if (untilDrained)
                args << "--until-drained";
            return args;
        };
        auto logLines = [&] {
            QFile f(log);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        // Twice: SIGKILL as soon as a report is queued (sends are in flight or about to be).
        for (int round = 0; round < 2; ++round) {
            QProcess probe;
            probe.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            const int reportedBefore = int(logLines().count("\"reported\""));
            probe.start(QStringLiteral(VF_CLIENT_PROBE), probeArguments(false));
            QVERIFY(probe.waitForStarted());
            QTRY_VERIFY_WITH_TIMEOUT(logLines().count("\"reported\"") > reportedBefore ||
                                         probe.state() == QProcess::NotRunning,
                                     60000);
            probe.kill(); // SIGKILL
            probe.waitForFinished();
        }
        // Then a run to the end, with the cloud answering normally.
        QVERIFY(restartCloud(QStringLiteral("mixup:0.4")).isEmpty());
        QProcess probe;
        probe.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        probe.start(QStringLiteral(VF_CLIENT_PROBE), probeArguments(true));
        QVERIFY(probe.waitForFinished(150000));
        QCOMPARE(probe.exitStatus(), QProcess::NormalExit);
        QCOMPARE(probe.exitCode(), 0);

        // The data dir's audit log against the cloud: each refusal stored exactly once.
        QString error;
        auto store = store::Store::open(data, &error);
        QVERIFY2(store, qPrintable(error));
        const QString account = cloud.userId("alice");
        QCOMPARE(store->outbox().pending(account).size(), 0);
        QSet<ReportKey> audited;
        store::AuditFilter everything;
        everything.limit = 100000;
        for (const store::AuditEntry &a : store->audit().list(account, everything))
            audited.insert({a.eventId, a.role, a.reason});
        QVERIFY(!audited.isEmpty());
        QSet<QString> mine;
        for (const QByteArray &line : logLines().split('\n')) {
            const QJsonObject r = QJsonDocument::fromJson(line).object();
            if (r.value("type").toString() == "reported")
                mine.insert(r.value("report_id").toString());
            if (r.value("type").toString() == "displayed")
                QVERIFY(honest.value("alice").contains(r.value("event_id").toString()));
        }
        QString twice;
        const QSet<ReportKey> stored = storedReports("alice", mine, &twice);
        QVERIFY2(twice.isEmpty(), qPrintable("stored twice: " + twice));
        for (const ReportKey &k : stored - audited)
            qWarning("stored, not audited: %s %s", qPrintable(k.eventId), qPrintable(k.reason));
        for (const ReportKey &k : audited - stored)
            qWarning("audited, not stored: %s %s", qPrintable(k.eventId), qPrintable(k.reason));
        QCOMPARE(stored, audited);
    }

    void switchingAccountsLeaksNothing() {
        QVERIFY(restartCloud(QStringLiteral("mixup:0.3")).isEmpty());
        auto client = newClient(clientDir->path());
        QVERIFY(client->signIn("alice", password("alice")).isEmpty());
        checkNothingForeignShown(*client, "alice", client->displayAll());
        const QString alice = cloud.userId("alice");
        const QString bob = cloud.userId("bob");
        store::Store &store = *client->session().store();
        const qint64 aliceBytes = store.media().accountBytes(alice);
        QVERIFY(aliceBytes > 0);

        // Bob on the same data dir, without alice signing out. (Only bob's records count
        // from here: alice's displays were hers.)
        client->clearRecords();
        QVERIFY(client->signIn("bob", password("bob")).isEmpty());
        const auto bobShown = client->displayAll();
        checkNothingForeignShown(*client, "bob", bobShown);
        QVERIFY(!bobShown.isEmpty());
        int aliceOnly = 0;
        for (const QString &id : honest.value("alice").keys()) {
            if (honest.value("bob").contains(id))
                continue;
            ++aliceOnly;
            bool decoded = false;
            const store::EventKey key{id, honestDevice.value("alice").value(id)};
            const auto result = client->session().gate()->releaseThumbnail(
                key, [&](const QByteArray &) { decoded = true; });
            QVERIFY(result.outcome != sync::VerifiedMediaGate::Outcome::Released);
            QVERIFY(!decoded);
            const auto row = store.events().find(alice, key);
            if (row && !row->thumbnailSha256.isEmpty())
                QVERIFY(!store.media().load(bob, row->thumbnailSha256));
        }
        QVERIFY(aliceOnly > 0);

        // Bob signs out: his cache and events go, alice's stay.
        client->session().signOut();
        QCOMPARE(store.media().accountBytes(bob), 0);
        QCOMPARE(store.events().count(bob), 0);
        QCOMPARE(store.media().accountBytes(alice), aliceBytes);
        QVERIFY(!client->session().gate());
    }

    void clipsStreamVerifiedAndStopAtTheFirstBadSegment() {
        QVERIFY(restartCloud({}).isEmpty());
        auto client = newClient(clientDir->path());
        QVERIFY(client->signIn("alice", password("alice")).isEmpty());
        const QString account = cloud.userId("alice");
        std::optional<store::StoredEvent> withClip;
        for (const auto &e : client->session().store()->events().page(account, {}, {}, 1000))
            if (!e.clipUrl.isEmpty() && e.state == store::VerificationState::Verified) {
                withClip = e;
                break;
            }
        QVERIFY(withClip);
        const auto honestClip =
            cloud.client().get(withClip->clipUrl, cloud.session("alice").token).body;
        QVERIFY(!honestClip.isEmpty());

        auto stream = client->session().openClip(withClip->key());
        QVERIFY(stream);
        QByteArray received;
        connect(stream.get(), &sync::VerifiedClipStream::verifiedBytes, this,
                [&](const QByteArray &bytes, qint64 offset) {
                    QCOMPARE(offset, qint64(received.size()));
                    received += bytes;
                });
        QSignalSpy completed(stream.get(), &sync::VerifiedClipStream::completed);
        stream->start();
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 30000);
        QCOMPARE(received, honestClip);
        QCOMPARE(client->eventsWith("displayed").contains(withClip->id), true);

        // The same clip with its bytes tampered in transit: refused, nothing after the bad
        // segment released, reported, the event withdrawn.
        QVERIFY(cloud.host().setFaultSpec(QStringLiteral("tamper:1")).isEmpty());
        auto tampered = client->session().openClip(withClip->key());
        QByteArray released;
        connect(tampered.get(), &sync::VerifiedClipStream::verifiedBytes, this,
                [&](const QByteArray &bytes, qint64) { released += bytes; });
        QSignalSpy refused(tampered.get(), &sync::VerifiedClipStream::refused);
        tampered->start();
        QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 30000);
        QCOMPARE(refused.at(0).at(0).toString(), QStringLiteral("media_mismatch"));
        QVERIFY(honestClip.startsWith(released));
        QVERIFY(released.size() < honestClip.size());
        const auto row = client->session().store()->events().find(account, withClip->key());
        QCOMPARE(row->state, store::VerificationState::Refused);
        bool clipReported = false;
        for (const auto &q : client->session().store()->outbox().pending(account))
            clipReported |= q.report.eventId == withClip->id && q.report.role == "clip";
        for (const auto &r : client->recordsOfType("refused"))
            clipReported |= r.value("event_id").toString() == withClip->id &&
                            r.value("role").toString() == "clip";
        QVERIFY(clipReported);
        QVERIFY(cloud.host().setFaultSpec({}).isEmpty());
    }

    void revocationsAreFetchedAgainWhileSignedIn() {
        // cloud-api.md §6: the list is fetched at sign-in and again at least hourly while the
        // app runs, so a revocation reaches a client that nobody refreshes. Here the interval
        // is 300 ms; nothing but the client's own timer asks for the list again.
        QVERIFY(restartCloud({}).isEmpty());
        QTemporaryDir dir;
        E2eClient client(cloud.host().url(), dir.path(), anchors,
                         [](sync::ClientOptions &o) { o.revocationRefreshMs = 300; });
        QVERIFY(client.signIn("alice", password("alice")).isEmpty());
        const QString account = cloud.userId("alice");
        store::Store &store = *client.session().store();
        const auto events = store.events().page(account, {}, {}, 1000);
        QVERIFY(!events.isEmpty());
        const store::StoredEvent victim = events.last();
        QCOMPARE(victim.state, store::VerificationState::Verified);
        const trust::Verdict verdict = verifyStored(client, victim);
        QVERIFY(verdict.verified());

        pki::RevocationPayload list;
        list.seq = 500;
        list.issued = QDateTime::currentSecsSinceEpoch();
        list.devices << verdict.evidence.devicePath.first().sha256;
        QCOMPARE(cloud.host().publishRevocations(list.seq, cloud.world().pki.signRevocations(list)),
                 QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            store.events().find(account, {victim.id, victim.deviceId})->state ==
                store::VerificationState::Refused,
            20000);
        QCOMPARE(store.events().find(account, {victim.id, victim.deviceId})->reason,
                 QStringLiteral("device_revoked"));
        QCOMPARE(client.session().revocationBook()->current()->seq, quint64(500));

        // Lifted again (a higher seq without it), so the tests after this one see every camera.
        pki::RevocationPayload lifted;
        lifted.seq = 501;
        lifted.issued = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(
            cloud.host().publishRevocations(lifted.seq, cloud.world().pki.signRevocations(lifted)),
            QString());
        QTRY_COMPARE_WITH_TIMEOUT(client.session().revocationBook()->current()->seq, quint64(501),
                                  20000);
    }

    // trust.md §7 v2: a list past next + 72 h is stale. Verification goes on with it, and
    // the client says so: a `revocation_stale` line, revocationStale() for the banner, the
    // diagnostics bundle; when the clock is back within the window, the banner goes.
    void staleRevocationsAreLoggedShownAndCleared() {
        QVERIFY(restartCloud({}).isEmpty());
        QTemporaryDir dir;
        auto offset = std::make_shared<std::atomic<qint64>>(0);
        E2eClient client(cloud.host().url(), dir.path(), anchors, [offset](sync::ClientOptions &o) {
            o.nowSeconds = [offset] { return QDateTime::currentSecsSinceEpoch() + offset->load(); };
            o.freshnessCheckMs = 100;
        });
        QSignalSpy changes(&client.session(), &sync::ClientSession::revocationStaleChanged);
        QVERIFY(client.signIn("alice", password("alice")).isEmpty());
        QVERIFY(!client.session().revocationStale());
        QVERIFY(client.recordsOfType("revocation_stale").isEmpty());
        const trust::RevocationStatus fresh = client.session().revocationStatus();
        QVERIFY(fresh.held);
        // next + 72 h; issued + 7 days for a list without next (an earlier test published one).
        QCOMPARE(fresh.staleAfter,
                 fresh.next ? *fresh.next + 72 * 3600 : fresh.issued + 7 * 24 * 3600);
        QVERIFY(!buildDiagnosticsBundle(client.session(), {})["trust"]
                     .toObject()["revocation_freshness"]
                     .toObject()["stale"]
                     .toBool());

        // Just past next + 72 h: stale.
        offset->store(fresh.staleAfter - QDateTime::currentSecsSinceEpoch() + 60);
        QTRY_VERIFY_WITH_TIMEOUT(client.session().revocationStale(), 5000);
        QCOMPARE(changes.size(), 1);
        const QList<QJsonObject> lines = client.recordsOfType("revocation_stale");
        QCOMPARE(lines.size(), 1);
        QCOMPARE(lines.first()["seq"].toInteger(), qint64(fresh.seq));
        QCOMPARE(lines.first()["issued"].toInteger(), fresh.issued);
        const QJsonObject freshness = buildDiagnosticsBundle(client.session(), {})["trust"]
                                          .toObject()["revocation_freshness"]
                                          .toObject();
        QVERIFY(freshness["stale"].toBool());
        QVERIFY(freshness["shown_as_stale"].toBool());
        QCOMPARE(freshness["stale_after"].toInteger(), fresh.staleAfter);
        // Verification goes on with the held list: alice still sees her own events.
        QVERIFY(!client.displayAll().isEmpty());
        QTest::qWait(400); // one line per change, not one per check
        QCOMPARE(client.recordsOfType("revocation_stale").size(), 1);

        offset->store(0);
        QTRY_VERIFY_WITH_TIMEOUT(!client.session().revocationStale(), 5000);
        QCOMPARE(changes.size(), 2);
    }

    // Issue 17 #12: a cloud that accepts the connection and never answers must not hold the
    // sign-in: cancelSignIn() is back to SignedOut at once, and nothing arrives later.
    void signInCanBeCancelled() {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> held;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = silent.nextPendingConnection())
                held << s; // read nothing, answer nothing
        });
        QTemporaryDir dir;
        E2eClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())),
                         dir.path(), anchors);
        QSignalSpy failed(&client.session(), &sync::ClientSession::signInFailed);
        QSignalSpy signedIn(&client.session(), &sync::ClientSession::signedIn);
        client.session().signIn(QStringLiteral("alice"), password("alice"));
        QCOMPARE(client.session().state(), sync::ClientSession::State::SigningIn);
        QTRY_VERIFY_WITH_TIMEOUT(!held.isEmpty(), 5000);
        client.session().cancelSignIn();
        QCOMPARE(client.session().state(), sync::ClientSession::State::SignedOut);
        QTest::qWait(500);
        QCOMPARE(client.session().state(), sync::ClientSession::State::SignedOut);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(signedIn.size(), 0);
        qDeleteAll(held);
    }

    // trust.md §7 v2, cloud-api.md §5 v2: a second list under the held seq with another
    // payload is refused (the held list stays in force) and reported once as
    // revocation_conflict, with no event or device and the refused payload's hash; the
    // cloud accepts that report; the same conflict seen at the next fetch is not filed again.
    void aConflictingListIsRefusedAndReportedOnce() {
        QVERIFY(restartCloud({}).isEmpty());
        QTemporaryDir dir;
        E2eClient client(cloud.host().url(), dir.path(), anchors);
        QVERIFY(client.signIn("alice", password("alice")).isEmpty());
        const trust::RevocationStatus held = client.session().revocationStatus();
        QVERIFY(held.held);
        const QByteArray heldPayload = client.session().revocationBook()->current()->payload;
        QVERIFY(!heldPayload.isEmpty());
        QSignalSpy conflicts(client.session().revocations(), &sync::RevocationSync::conflict);

        QCOMPARE(cloud.host().publishConflictingRevocations(), QString());
        client.session().refresh();
        QVERIFY(client.waitIdle().isEmpty());
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(client.session().revocationStatus().seq, held.seq);
        QCOMPARE(client.session().revocationBook()->current()->payload, heldPayload);
        const QByteArray sha = conflicts.first().at(1).toByteArray();
        QCOMPARE(sha.size(), 32);
        QVERIFY(client.waitDrained());

        const QString account = cloud.userId("alice");
        QList<QJsonObject> filed;
        for (const QJsonObject &r : cloudReports("alice"))
            if (r.value("role").toString() == "revocations")
                filed << r;
        QCOMPARE(filed.size(), 1);
        QCOMPARE(filed.first().value("reason").toString(), QStringLiteral("revocation_conflict"));
        QVERIFY(filed.first().value("event_id").isNull());
        QVERIFY(filed.first().value("device_id").isNull());
        QCOMPARE(filed.first().value("observed_sha256").toString(),
                 QString::fromLatin1(sha.toHex()));
        bool logged = false;
        for (const QJsonObject &r : client.recordsOfType("reported"))
            logged |= r.value("report_id") == filed.first().value("report_id") &&
                      r.value("event_id").isNull();
        QVERIFY(logged);

        // The next fetch meets the same conflict: refused again, never filed twice.
        client.session().refresh();
        QVERIFY(client.waitIdle().isEmpty());
        QCOMPARE(conflicts.size(), 2);
        QVERIFY(client.waitDrained());
        int again = 0;
        for (const QJsonObject &r : cloudReports("alice"))
            again += r.value("role").toString() == "revocations";
        QCOMPARE(again, 1);
        QCOMPARE(client.session().store()->outbox().pending(account).size(), 0);
    }

    // trust.md §7 v2, issue 16 point 1: a list the client cannot accept (a bad signature,
    // over 4 MiB) never turns revocation off: the held list stays in force, the refusal is
    // logged (veriframe.sync.revocations) and shown in diagnostics with its reason, also
    // after a later fetch found nothing new.
    void anUnacceptableListIsLoggedShownAndTheHeldOneStays() {
        QVERIFY(restartCloud({}).isEmpty());
        QTemporaryDir dir;
        E2eClient client(cloud.host().url(), dir.path(), anchors);
        QVERIFY(client.signIn("alice", password("alice")).isEmpty());
        const auto held = client.session().revocationBook()->current();
        QVERIFY(held);
        const QJsonObject before = buildDiagnosticsBundle(client.session(), {})["trust"].toObject();
        QVERIFY(before.value("revocation_refusal").isNull());

        // A newer list revoking one of alice's cameras, its signature altered.
        const QString account = cloud.userId("alice");
        const auto events = client.session().store()->events().page(account, {}, {}, 1000);
        QVERIFY(!events.isEmpty());
        const trust::Verdict verdict = verifyStored(client, events.first());
        QVERIFY(verdict.verified());
        pki::RevocationPayload list;
        list.seq = held->seq + 10;
        list.issued = QDateTime::currentSecsSinceEpoch();
        list.devices << verdict.evidence.devicePath.first().sha256;
        QByteArray forged = cloud.world().pki.signRevocations(list);
        QVERIFY(forged.size() > 64);
        forged[forged.size() - 1] = char(forged.at(forged.size() - 1) ^ 0x01); // in the signature
        QCOMPARE(cloud.host().publishRevocations(list.seq, forged), QString());
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression("revocation list refused, the held list stays in "
                                                "force: invalid list refused: .+"));
        client.session().refresh();
        QVERIFY(client.waitIdle().isEmpty());
        QCOMPARE(client.session().revocationBook()->current()->seq, held->seq);
        QVERIFY(verifyStored(client, events.first()).verified()); // not revoked by a forgery
        QJsonObject refusal = buildDiagnosticsBundle(client.session(), {})["trust"]
                                  .toObject()
                                  .value("revocation_refusal")
                                  .toObject();
        QVERIFY2(refusal.value("reason").toString().startsWith("invalid list refused: "),
                 qPrintable(refusal.value("reason").toString()));
        QVERIFY(refusal.value("at").toInteger() > 0);

        // Over 4 MiB: refused whole, the same way.
        QCOMPARE(cloud.host().publishRevocations(
                     list.seq + 1, QByteArray(trust::kMaxRevocationListSize + 1, '\xa0')),
                 QString());
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression("revocation list refused.*invalid list refused"));
        client.session().refresh();
        QVERIFY(client.waitIdle().isEmpty());
        QCOMPARE(client.session().revocationBook()->current()->seq, held->seq);
        refusal = buildDiagnosticsBundle(client.session(), {})["trust"]
                      .toObject()
                      .value("revocation_refusal")
                      .toObject();
        QVERIFY2(refusal.value("reason").toString().contains("4 MiB") ||
                     refusal.value("reason").toString().contains("4194304"),
                 qPrintable(refusal.value("reason").toString()));

        // The authority publishes a good list again (the held one re-signed under a higher
        // seq, so the tests after this one see the same revocations): accepted; the last
        // refusal stays shown.
        pki::RevocationPayload good;
        good.seq = list.seq + 2;
        good.issued = QDateTime::currentSecsSinceEpoch();
        for (const QByteArray &d : held->devices)
            good.devices << d;
        for (const QByteArray &c : held->claims)
            good.claims << c;
        QCOMPARE(cloud.host().publishRevocations(good.seq, cloud.world().pki.signRevocations(good)),
                 QString());
        client.session().refresh();
        QVERIFY(client.waitIdle().isEmpty());
        QCOMPARE(client.session().revocationBook()->current()->seq, good.seq);
        QVERIFY(!buildDiagnosticsBundle(client.session(), {})["trust"]
                     .toObject()
                     .value("revocation_refusal")
                     .isNull());
    }

    // Last: the revocation stays in the shared cloud directory.
    void aRevocationPurgesAtOnce() {
        QVERIFY(restartCloud({}).isEmpty());
        auto client = newClient(clientDir->path());
        QVERIFY(client->signIn("alice", password("alice")).isEmpty());
        const QString account = cloud.userId("alice");
        store::Store &store = *client->session().store();
        const auto events = store.events().page(account, {}, {}, 1000);
        QVERIFY(!events.isEmpty());
        const store::StoredEvent victim = events.first();
        QCOMPARE(victim.state, store::VerificationState::Verified);
        // The camera's leaf certificate, as the verifier saw it.
        const trust::Verdict before = verifyStored(*client, victim);
        QVERIFY(before.verified());
        const QByteArray leaf = before.evidence.devicePath.first().sha256;

        pki::RevocationPayload list;
        list.seq = 1000;
        list.issued = QDateTime::currentSecsSinceEpoch();
        list.devices << leaf;
        const QByteArray cose = cloud.world().pki.signRevocations(list);
        QVERIFY(!cose.isEmpty());
        QCOMPARE(cloud.host().publishRevocations(list.seq, cose), QString());

        client->session().refresh();
        QVERIFY(client->waitIdle().isEmpty());
        int purged = 0;
        for (const auto &e : store.events().page(account, {}, {}, 1000)) {
            if (e.deviceId != victim.deviceId)
                continue;
            ++purged;
            QCOMPARE(e.state, store::VerificationState::Refused);
            QCOMPARE(e.reason, QStringLiteral("device_revoked"));
            bool decoded = false;
            QVERIFY(client->session()
                        .gate()
                        ->releaseThumbnail(e.key(), [&](const QByteArray &) { decoded = true; })
                        .outcome != sync::VerifiedMediaGate::Outcome::Released);
            QVERIFY(!decoded);
        }
        QVERIFY(purged > 0);
        QVERIFY(!store.media().load(account, victim.thumbnailSha256));
        checkReportedExactlyOnce(*client, "alice");
    }

    // cloud-api.md §6 v2: a list padded to the cloud's maximum (100,000 random entries,
    // ~3.4 MB) is accepted whole: it still revokes the camera the authority revoked, and
    // every other event of alice's shows with its honest bytes. (After the test above, whose
    // revocation the cloud carries over into the padded list.)
    void largePaddedListStillRevokesAndShowsTheRest() {
        cloud::CloudConfig config;
        config.dataDir = cloudDir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        config.revocationPadding = cloud::CloudConfig::kMaxRevocationPadding;
        QString error = cloud.start(config);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // Each of alice's cameras by the leaf its attestations carry; one of them revoked.
        QHash<QString, QByteArray> leafOf;
        for (const QJsonObject &e : cloud.client().allEvents(cloud.session("alice").token)) {
            const auto cose = trust::decodeCoseSign1(
                QByteArray::fromBase64(e.value("attestation").toString().toLatin1()),
                trust::CoseTags::Sign1);
            QVERIFY(cose.message);
            const auto profile = trust::checkVeriframeProfile(*cose.message);
            QVERIFY(profile.headers && !profile.headers->x5chain.isEmpty());
            leafOf.insert(e.value("device_id").toString(),
                          QCryptographicHash::hash(profile.headers->x5chain.first(),
                                                   QCryptographicHash::Sha256));
        }
        QVERIFY(leafOf.size() >= 2);

        // The camera to revoke: one an earlier test already revoked (the cloud directory
        // is shared), so that at least one of alice's cameras stays unrevoked. A first
        // client on its own directory reads the list in force.
        auto target = leafOf.begin();
        {
            QTemporaryDir probeDir;
            E2eClient probe(cloud.host().url(), probeDir.path(), anchors);
            QVERIFY(probe.signIn("alice", password("alice")).isEmpty());
            for (auto it = leafOf.begin(); it != leafOf.end(); ++it)
                if (probe.session().revocationBook()->current()->revokesDevice(it.value()))
                    target = it;
        }
        QCOMPARE(cloud.host().revoke({target.value()}), QString());

        auto client = newClient(clientDir->path());
        QVERIFY(client->signIn("alice", password("alice")).isEmpty());
        while (client->session().events()->hasMore()) {
            client->session().events()->fetchMore();
            QTest::qWait(10);
            QVERIFY(client->waitIdle().isEmpty());
        }
        const auto held = client->session().revocationBook()->current();
        QVERIFY(held);
        QVERIFY(held->devices.size() > cloud::CloudConfig::kMaxRevocationPadding);
        QSet<QString> revoked;
        for (auto it = leafOf.begin(); it != leafOf.end(); ++it)
            if (held->revokesDevice(it.value()))
                revoked.insert(it.key());
        QVERIFY(revoked.contains(target.key()));
        QVERIFY(revoked.size() < leafOf.size());

        const QString account = cloud.userId("alice");
        const auto shown = client->displayAll();
        checkNothingForeignShown(*client, "alice", shown);
        int refused = 0;
        const auto &devices = honestDevice.value("alice");
        for (auto it = devices.begin(); it != devices.end(); ++it) {
            const auto stored =
                client->session().store()->events().find(account, {it.key(), it.value()});
            QVERIFY2(stored, qPrintable(it.key()));
            if (revoked.contains(it.value())) {
                ++refused;
                QCOMPARE(stored->state, store::VerificationState::Refused);
                QCOMPARE(stored->reason, QStringLiteral("device_revoked"));
                QVERIFY(!shown.contains(it.key()));
            } else {
                QCOMPARE(stored->state, store::VerificationState::Verified);
                QVERIFY2(shown.contains(it.key()), qPrintable(it.key()));
            }
        }
        QVERIFY(refused > 0);
        QCOMPARE(shown.size(), devices.size() - refused);
        checkReportedExactlyOnce(*client, "alice");
    }
};

QTEST_MAIN(ClientE2eTest)
#include "tst_client_e2e.moc"
