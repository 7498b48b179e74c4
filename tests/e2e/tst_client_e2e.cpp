// The client core against the reference cloud hosted in-process, with each of its faults:
// no foreign, forged or tampered thumbnail ever reaches a decoder; every refusal is in the
// audit log and reaches the cloud exactly once, also through a 503 outage and when the
// client process is killed with SIGKILL mid-send; switching accounts on one data
// directory leaks nothing; a revocation purges at once.
#include "E2eClient.h"
#include "Store.h"
#include "TestCloud.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

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
    std::unique_ptr<QTemporaryDir> clientDir;

    QString password(const QString &user) const { return cloud.world().user(user)->password; }

    QString restartCloud(const QString &faults) {
        const QString error = cloud.start(cloudDir.path(), faults);
        return error;
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
        // The cloud keeps reports across the test's rows: only this client's count.
        QSet<QString> mine;
        for (const QJsonObject &r : client.recordsOfType(QStringLiteral("reported")))
            mine.insert(r.value("report_id").toString());
        QSet<ReportKey> stored;
        QSet<QString> ids;
        for (const QJsonObject &r : cloudReports(user)) {
            if (!mine.contains(r.value("report_id").toString()))
                continue;
            const ReportKey key{r.value("event_id").toString(), r.value("role").toString(),
                                r.value("reason").toString()};
            QVERIFY2(!stored.contains(key), qPrintable("stored twice: " + key.eventId));
            stored.insert(key);
            ids.insert(r.value("report_id").toString());
        }
        QCOMPARE(stored, audited);
        QCOMPARE(ids.size(), stored.size());
        QCOMPARE(store.outbox().pending(account).size(), 0);
        QCOMPARE(client.eventsWith(QStringLiteral("refused")).size(), audited.size());
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(cloudDir.isValid());
        QString error = restartCloud({});
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto loaded =
            trust::TrustAnchors::fromFiles(cloudDir.filePath("trust/device-roots.pem"),
                                           cloudDir.filePath("trust/owner-authorities.pem"));
        QVERIFY2(loaded.anchors, qPrintable(loaded.error));
        anchors = loaded.anchors;
        for (const cloud::DemoUser &u : cloud.world().users) {
            const auto session = cloud.session(u.username);
            for (const QJsonObject &e : cloud.client().allEvents(session.token)) {
                const auto thumb =
                    cloud.client().get(e.value("thumbnail").toString(), session.token);
                QCOMPARE(thumb.status, 200);
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
};

QTEST_MAIN(ClientE2eTest)
#include "tst_client_e2e.moc"
