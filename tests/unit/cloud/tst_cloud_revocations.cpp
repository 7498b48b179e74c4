// The reference cloud as revocation authority (cloud-api.md §5 and §6 v2, trust.md §7 v2),
// checked with the client's own trust code (core/trust's RevocationBook and verifier):
// --revocation-padding lists up to the maximum stay under 4 MiB, verify, are accepted and
// still revoke what was revoked; a restart with another padding publishes seq + 1 and never
// a second payload under one seq; revoking the device intermediate refuses every camera;
// the conflicting list a test can ask for has the seq in force and another payload; the
// revocation_conflict report is stored and malformed ones are refused.
#include "CoseSign1.h"
#include "RevocationAuthority.h"
#include "RevocationList.h"
#include "TestCloud.h"
#include "WorldVerifier.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace vf::cloud;
using namespace vf::cloud::test;
using vf::trust::MediaRole;
using vf::trust::Reason;
using vf::trust::RevocationBook;

namespace {

const QStringList kUsers = {QStringLiteral("alice"), QStringLiteral("bob"),
                            QStringLiteral("carol")};

QByteArray sha256(const QByteArray &bytes) {
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

// The payload bytes of a COSE_Sign1 (what the same-seq rule compares).
QByteArray payloadOf(const QByteArray &cose) {
    const auto decoded = vf::trust::decodeCoseSign1(cose, vf::trust::CoseTags::Sign1);
    return decoded.message ? decoded.message->payload : QByteArray();
}

// A revocation_conflict report as cloud-api.md §5 v2 shows it.
QJsonObject conflictReport() {
    return QJsonObject{
        {QStringLiteral("report_id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("event_id"), QJsonValue::Null},
        {QStringLiteral("device_id"), QJsonValue::Null},
        {QStringLiteral("role"), QStringLiteral("revocations")},
        {QStringLiteral("reason"), QStringLiteral("revocation_conflict")},
        {QStringLiteral("detail"), QStringLiteral("seq 3 held with another payload")},
        {QStringLiteral("observed_sha256"), QString::fromLatin1(sha256("refused").toHex())},
        {QStringLiteral("attested_device"), QJsonValue::Null},
        {QStringLiteral("claim_id"), QJsonValue::Null},
        {QStringLiteral("client_time"), 1795000000000.0},
        {QStringLiteral("app_version"), QStringLiteral("1.0.0")},
    };
}

} // namespace

class TestCloudRevocations : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestCloud m_cloud;
    std::unique_ptr<WorldVerifier> m_verifier;
    // Every list the cloud stored and served, by seq: one payload per seq, ever.
    QHash<quint64, QByteArray> m_served;
    // A camera revoked by its leaf, one of its events, and an event of another camera.
    QByteArray m_revokedLeaf;
    QJsonObject m_revokedEvent, m_otherEvent;
    QByteArray m_intermediate; // the SHA-256 of the intermediate in the cameras' chains

    QString restart(int padding) {
        CloudConfig config;
        config.dataDir = m_dir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        // A small world: the lists are what is under test.
        config.eventsPerCamera = 2;
        config.clipsPerCamera = 0;
        config.revocationPadding = padding;
        return m_cloud.start(config);
    }

    QByteArray fetchList() {
        const HttpResult r = m_cloud.client().get(QStringLiteral("/v1/trust/revocations"),
                                                  m_cloud.session(QStringLiteral("alice")).token);
        return r.status == 200 ? r.body : QByteArray();
    }

    std::optional<vf::trust::RevocationList> parse(const QByteArray &bytes) {
        const auto parsed = vf::trust::verifyRevocationList(bytes, m_verifier->anchors(),
                                                            QDateTime::currentSecsSinceEpoch());
        if (!parsed.list)
            qWarning("revocation list refused: %s", qPrintable(parsed.error));
        return parsed.list;
    }

    // Fetches the stored list and checks it is the only payload ever served under its seq.
    std::optional<vf::trust::RevocationList> fetchStored() {
        const QByteArray bytes = fetchList();
        auto list = parse(bytes);
        if (!list)
            return std::nullopt;
        if (m_served.contains(list->seq) && m_served.value(list->seq) != bytes) {
            qWarning("seq %llu served with two payloads", list->seq);
            return std::nullopt;
        }
        m_served.insert(list->seq, bytes);
        return list;
    }

    Reason thumbnailVerdict(const QJsonObject &entry, const QString &user) {
        const HttpResult media = m_cloud.client().get(
            entry.value(QStringLiteral("thumbnail")).toString(), m_cloud.session(user).token);
        return m_verifier->verify(entry, MediaRole::Thumbnail, media.body, m_cloud.userId(user))
            .reason;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QString error = restart(0);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_verifier = std::make_unique<WorldVerifier>(m_dir.path());
        QVERIFY2(m_verifier->isValid(), qPrintable(m_verifier->error()));
        const QList<QJsonObject> events = m_cloud.client().allEvents(
            m_cloud.session(QStringLiteral("alice")).token, QStringLiteral("limit=200"));
        QVERIFY(!events.isEmpty());
        m_revokedEvent = events.first();
        for (const QJsonObject &e : events)
            if (e.value(QStringLiteral("device_id")) !=
                m_revokedEvent.value(QStringLiteral("device_id")))
                m_otherEvent = e;
        QVERIFY(!m_otherEvent.isEmpty());
        const HttpResult media =
            m_cloud.client().get(m_revokedEvent.value(QStringLiteral("thumbnail")).toString(),
                                 m_cloud.session(QStringLiteral("alice")).token);
        const auto verdict = m_verifier->verify(m_revokedEvent, MediaRole::Thumbnail, media.body,
                                                m_cloud.userId(QStringLiteral("alice")));
        QVERIFY(verdict.verified());
        QVERIFY(verdict.evidence.devicePath.size() >= 2);
        m_revokedLeaf = verdict.evidence.devicePath.at(0).sha256;
        m_intermediate = verdict.evidence.devicePath.at(1).sha256;
        // The cloud revokes the intermediate its cameras chain to.
        QCOMPARE(m_cloud.world().pki.deviceIntermediate.cert.sha256(), m_intermediate);
    }

    void cleanupTestCase() { m_cloud.stop(); }

    void paddingRangeFitsTheClientsLimit() {
        // The bound of --revocation-padding is what keeps the largest list under 4 MiB with
        // room for real revocations (CloudConfig::kMaxRevocationPadding).
        const qint64 perEntry = 34; // CBOR bstr(32): 0x58 0x20 + 32 bytes
        QVERIFY(CloudConfig::kMaxRevocationPadding * perEntry + 20'000 * perEntry + 8192 <
                vf::trust::kMaxRevocationListSize);
        CloudConfig config;
        config.revocationPadding = -1;
        QVERIFY(!config.revocationPaddingProblem().isEmpty());
        config.revocationPadding = CloudConfig::kMaxRevocationPadding + 1;
        QVERIFY(!config.revocationPaddingProblem().isEmpty());
        config.revocationPadding = CloudConfig::kMaxRevocationPadding;
        QVERIFY(config.revocationPaddingProblem().isEmpty());
        // A config filled in directly is refused at start too, not served over the limit.
        config.dataDir = m_dir.path() + QStringLiteral("/never");
        config.revocationPadding = CloudConfig::kMaxRevocationPadding + 1;
        CloudHost host(config);
        QVERIFY(host.start().contains(QStringLiteral("--revocation-padding")));
    }

    void paddedListsAreAcceptedAndStillRevoke() {
        auto first = fetchStored();
        QVERIFY(first);
        QCOMPARE(first->seq, quint64(1));
        QVERIFY(first->devices.isEmpty());

        QCOMPARE(m_cloud.host().revoke({m_revokedLeaf}), QString());
        vf::trust::InMemoryRevocationState state;
        RevocationBook book(&state);
        quint64 seq = 1;
        int padding = 0;
        for (const int next :
             {0, 1000, CloudConfig::kMaxRevocationPadding, CloudConfig::kMaxRevocationPadding, 0}) {
            const QByteArray label = "padding " + QByteArray::number(next);
            QString error = restart(next);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            const QByteArray bytes = fetchList();
            QVERIFY2(bytes.size() <= vf::trust::kMaxRevocationListSize, label.constData());
            const auto list = fetchStored();
            QVERIFY2(list, label.constData());
            // The revocation (seq 2), then seq + 1 for each other padding, and the very same
            // list again for the same padding.
            const quint64 expectedSeq = seq == 1 ? 2 : (next == padding ? seq : seq + 1);
            QCOMPARE(list->seq, expectedSeq);
            QCOMPARE(list->devices.size(), qsizetype(1 + next));
            QVERIFY(list->revokesDevice(m_revokedLeaf));
            QVERIFY(list->claims.isEmpty());
            QCOMPARE(list->next, std::optional<qint64>(list->issued + 24 * 3600));
            for (const QByteArray &d : list->devices)
                QCOMPARE(d.size(), qsizetype(32));
            qInfo("%s: seq %llu, %lld bytes", label.constData(), list->seq, qint64(bytes.size()));

            const auto update =
                book.offer(bytes, m_verifier->anchors(), QDateTime::currentSecsSinceEpoch());
            QCOMPARE(update.outcome, list->seq == seq ? RevocationBook::Outcome::Unchanged
                                                      : RevocationBook::Outcome::Accepted);
            m_verifier->setRevocations(book.current(), book.epoch());
            QCOMPARE(thumbnailVerdict(m_revokedEvent, QStringLiteral("alice")),
                     Reason::DeviceRevoked);
            QCOMPARE(thumbnailVerdict(m_otherEvent, QStringLiteral("alice")), Reason::None);
            seq = list->seq;
            padding = next;
        }
        // Padding is the same for a seed: a restart rebuilds the same entries.
        QCOMPARE(RevocationAuthority::paddingEntries(7, 3),
                 RevocationAuthority::paddingEntries(7, 5).mid(0, 3));
        QVERIFY(RevocationAuthority::paddingEntries(7, 3) !=
                RevocationAuthority::paddingEntries(8, 3));
    }

    void conflictingListHasTheSeqInForceAndAnotherPayload() {
        QString error = restart(1000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QByteArray held = fetchList();
        const auto heldList = fetchStored();
        QVERIFY(heldList);
        vf::trust::InMemoryRevocationState state;
        RevocationBook book(&state);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(book.offer(held, m_verifier->anchors(), now).outcome,
                 RevocationBook::Outcome::Accepted);

        QCOMPARE(m_cloud.host().publishConflictingRevocations(), QString());
        const QByteArray twin = fetchList();
        const auto twinList = parse(twin); // signed by the authority, well-formed
        QVERIFY(twinList);
        QCOMPARE(twinList->seq, heldList->seq);
        QVERIFY(payloadOf(twin) != payloadOf(held));
        QVERIFY(!twinList->revokesDevice(m_revokedLeaf)); // it un-revokes
        QCOMPARE(twinList->devices.size(), qsizetype(1000));
        const auto update = book.offer(twin, m_verifier->anchors(), now);
        QCOMPARE(update.outcome, RevocationBook::Outcome::RejectedConflict);
        QCOMPARE(update.payloadSha256, sha256(payloadOf(twin)));
        QVERIFY(book.current()->revokesDevice(m_revokedLeaf));
        // Served again, the twin is the same bytes: a client sees one conflict, not many.
        QCOMPARE(fetchList(), twin);

        // Never stored: a restart serves the list in force again...
        error = restart(1000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(fetchList(), held);
        // ...and the next list builds on it, not on the twin.
        QCOMPARE(m_cloud.host().publishConflictingRevocations(), QString());
        QVERIFY(fetchList() != held);
        QCOMPARE(m_cloud.host().revoke({}), QString());
        const auto after = fetchStored();
        QVERIFY(after);
        QCOMPARE(after->seq, heldList->seq + 1);
        QVERIFY(after->revokesDevice(m_revokedLeaf));
        QCOMPARE(book.offer(fetchList(), m_verifier->anchors(), now).outcome,
                 RevocationBook::Outcome::Accepted);
    }

    void revocationConflictReports_data() {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        const QJsonObject ok = conflictReport();
        auto with = [&ok](const char *key, const QJsonValue &value) {
            QJsonObject o = ok;
            o.insert(QLatin1String(key), value);
            return o;
        };
        auto without = [&ok](const char *key) {
            QJsonObject o = ok;
            o.remove(QLatin1String(key));
            return o;
        };
        const QString hex64 = QString::fromLatin1(sha256("x").toHex());
        QTest::newRow("as cloud-api.md §5 v2 shows it") << ok << 201;
        QTest::newRow("upper-case hash") << with("observed_sha256", hex64.toUpper()) << 201;
        QTest::newRow("no attested_device, no claim_id") << [&] {
            QJsonObject o = without("attested_device");
            o.remove(QStringLiteral("claim_id"));
            return o;
        }() << 201;
        QTest::newRow("an event ID") << with("event_id", QStringLiteral("evt-1")) << 400;
        QTest::newRow("an empty event ID") << with("event_id", QString()) << 400;
        QTest::newRow("event_id missing") << without("event_id") << 400;
        QTest::newRow("a device ID") << with("device_id", QStringLiteral("cam-1")) << 400;
        QTest::newRow("device_id missing") << without("device_id") << 400;
        QTest::newRow("hash null") << with("observed_sha256", QJsonValue::Null) << 400;
        QTest::newRow("hash missing") << without("observed_sha256") << 400;
        QTest::newRow("hash short") << with("observed_sha256", hex64.left(63)) << 400;
        QTest::newRow("hash long") << with("observed_sha256", hex64 + QLatin1Char('0')) << 400;
        QTest::newRow("hash not hex")
            << with("observed_sha256", QString(64, QLatin1Char('z'))) << 400;
        QTest::newRow("hash a number") << with("observed_sha256", 12) << 400;
        QTest::newRow("another reason") << with("reason", QStringLiteral("device_revoked")) << 400;
        QTest::newRow("a claim") << with("claim_id", QStringLiteral("00ff")) << 400;
        QTest::newRow("an attested device")
            << with("attested_device", QStringLiteral("cam-1")) << 400;
        QTest::newRow("role misspelt") << with("role", QStringLiteral("revocation")) << 400;
        // The other roles still name their event and camera.
        for (const char *role : {"thumbnail", "clip"}) {
            QJsonObject media = with("role", QLatin1String(role));
            media.insert(QStringLiteral("reason"), QStringLiteral("media_mismatch"));
            QTest::addRow("%s with null IDs", role) << media << 400;
            media.insert(QStringLiteral("event_id"), QStringLiteral("evt-1"));
            QTest::addRow("%s with a null device", role) << media << 400;
            media.insert(QStringLiteral("device_id"), QStringLiteral("cam-1"));
            QTest::addRow("%s with its IDs", role) << media << 201;
            media.insert(QStringLiteral("reason"), QStringLiteral("revocation_conflict"));
            QTest::addRow("%s as a revocation conflict", role) << media << 400;
        }
    }

    void revocationConflictReports() {
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        body.insert(QStringLiteral("report_id"),
                    QUuid::createUuid().toString(QUuid::WithoutBraces));
        const Session s = m_cloud.session(QStringLiteral("bob"));
        const int before = m_cloud.host().storedReportCount(s.userId);
        const HttpResult r = m_cloud.client().post(QStringLiteral("/v1/integrity-reports"),
                                                   QJsonDocument(body).toJson(), s.token);
        QCOMPARE(r.status, status);
        QCOMPARE(m_cloud.host().storedReportCount(s.userId), before + (status == 201 ? 1 : 0));
        if (status != 201) {
            QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty());
            return;
        }
        // Stored as filed, and idempotent like every report.
        QCOMPARE(m_cloud.client()
                     .post(QStringLiteral("/v1/integrity-reports"), QJsonDocument(body).toJson(),
                           s.token)
                     .status,
                 200);
        QJsonObject stored;
        const HttpResult listed =
            m_cloud.client().get(QStringLiteral("/v1/integrity-reports"), s.token);
        for (const QJsonValue &v : listed.json().value(QStringLiteral("reports")).toArray())
            if (v.toObject().value(QStringLiteral("report_id")) ==
                body.value(QStringLiteral("report_id")))
                stored = v.toObject();
        QCOMPARE(stored.value(QStringLiteral("role")), body.value(QStringLiteral("role")));
        QCOMPARE(stored.value(QStringLiteral("reason")), body.value(QStringLiteral("reason")));
        QCOMPARE(stored.value(QStringLiteral("event_id")), body.value(QStringLiteral("event_id")));
        QCOMPARE(stored.value(QStringLiteral("observed_sha256")),
                 body.value(QStringLiteral("observed_sha256")));
    }

    // Last: it revokes every camera of the world.
    void revokingTheIntermediateRefusesEveryCamera() {
        QString error = restart(1000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto before = fetchStored();
        QVERIFY(before);
        QCOMPARE(m_cloud.host().revokeDeviceIntermediate(), QString());
        const auto list = fetchStored();
        QVERIFY(list);
        QCOMPARE(list->seq, before->seq + 1);
        QVERIFY(list->revokesDevice(m_intermediate));
        QVERIFY(list->revokesDevice(m_revokedLeaf)); // what was revoked stays revoked
        QCOMPARE(list->devices.size(), qsizetype(2 + 1000));
        vf::trust::InMemoryRevocationState state;
        RevocationBook book(&state);
        QCOMPARE(book.offer(fetchList(), m_verifier->anchors(), QDateTime::currentSecsSinceEpoch())
                     .outcome,
                 RevocationBook::Outcome::Accepted);
        m_verifier->setRevocations(book.current(), book.epoch());
        int refused = 0;
        QSet<QString> cameras;
        for (const QString &user : kUsers) {
            const QList<QJsonObject> events = m_cloud.client().allEvents(
                m_cloud.session(user).token, QStringLiteral("limit=200"));
            for (const QJsonObject &e : events) {
                QCOMPARE(thumbnailVerdict(e, user), Reason::DeviceRevoked);
                cameras.insert(e.value(QStringLiteral("device_id")).toString());
                ++refused;
            }
        }
        QVERIFY(refused > 0);
        QCOMPARE(cameras.size(), 6); // every camera of the demo world
        // And it outlives a restart with another padding.
        error = restart(0);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto restarted = fetchStored();
        QVERIFY(restarted);
        QCOMPARE(restarted->seq, list->seq + 1);
        QCOMPARE(restarted->devices.size(), qsizetype(2));
        QVERIFY(restarted->revokesDevice(m_intermediate));
    }
};

QTEST_MAIN(TestCloudRevocations)
#include "tst_cloud_revocations.moc"
