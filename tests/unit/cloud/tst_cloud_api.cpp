// The reference cloud's HTTP API (cloud-api.md) against a running server: every endpoint's
// JSON, paging, filters, bearer tokens, Range requests, report idempotency, errors, and 100
// concurrent loopback clients. One demo world is built in initTestCase and shared.
#include "ByteRange.h"
#include "CloudApi.h"
#include "RawHttpLoad.h"
#include "TestCloud.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

using namespace vf::cloud;
using namespace vf::cloud::test;

namespace {

QByteArray reportBody(const QString &reportId, const QString &eventId = QStringLiteral("evt-1")) {
    return QJsonDocument(QJsonObject{
                             {QStringLiteral("report_id"), reportId},
                             {QStringLiteral("event_id"), eventId},
                             {QStringLiteral("device_id"), QStringLiteral("cam-1")},
                             {QStringLiteral("role"), QStringLiteral("thumbnail")},
                             {QStringLiteral("reason"), QStringLiteral("foreign_owner")},
                             {QStringLiteral("detail"), QStringLiteral("claim subject differs")},
                             {QStringLiteral("observed_sha256"), QString(64, QLatin1Char('a'))},
                             {QStringLiteral("attested_device"), QStringLiteral("cam-1")},
                             {QStringLiteral("claim_id"), QJsonValue(QJsonValue::Null)},
                             {QStringLiteral("client_time"), 1795000000000.0},
                             {QStringLiteral("app_version"), QStringLiteral("1.0.0")},
                         })
        .toJson();
}

QString newReportId() {
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace

class TestCloudApi : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestCloud m_cloud;
    QString tokenOf(const QString &user) { return m_cloud.session(user).token; }
    CloudTestClient &client() { return m_cloud.client(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString error = m_cloud.start(m_dir.path());
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(m_cloud.world().users.size(), 3);
        qInfo("demo world: %d events in %lld ms", m_cloud.world().eventCount,
              m_cloud.world().buildMs);
        for (const char *user : {"alice", "bob", "carol"})
            QVERIFY2(!tokenOf(QString::fromLatin1(user)).isEmpty(), user);
    }

    void cleanupTestCase() { m_cloud.stop(); }

    void loginAnswersTokenUserAndIdentity() {
        const DemoUser *alice = m_cloud.world().user(QStringLiteral("alice"));
        const HttpResult r =
            client().post(QStringLiteral("/v1/session"),
                          QJsonDocument(QJsonObject{{QStringLiteral("username"), alice->username},
                                                    {QStringLiteral("password"), alice->password}})
                              .toJson());
        QCOMPARE(r.status, 200);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        const QJsonObject o = r.json();
        QCOMPARE(o.keys(),
                 (QStringList{"expires_at", "identity", "refresh_token", "token", "user_id"}));
        QVERIFY(o.value(QStringLiteral("token")).toString().size() >= 32);
        QCOMPARE(o.value(QStringLiteral("user_id")).toString(), alice->userId);
        const QByteArray identity = QByteArray::fromBase64Encoding(
                                        o.value(QStringLiteral("identity")).toString().toLatin1(),
                                        QByteArray::AbortOnBase64DecodingErrors)
                                        .decoded;
        QVERIFY(identity.size() > 100);
        // Two logins, two sessions: tokens are never reused.
        QVERIFY(o.value(QStringLiteral("token")).toString() != tokenOf(QStringLiteral("alice")));
    }

    void loginRefusesBadCredentialsAndBodies() {
        auto login = [this](const QByteArray &body) {
            return client().post(QStringLiteral("/v1/session"), body);
        };
        HttpResult r = login(R"({"username":"alice","password":"wrong"})");
        QCOMPARE(r.status, 401);
        QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty());
        QCOMPARE(login(R"({"username":"mallory","password":"x"})").status, 401);
        for (const QByteArray &bad :
             {QByteArray("not json"), QByteArray("[1,2]"),
              QByteArray(R"({"username":1,"password":"x"})"), QByteArray("{}"), QByteArray()}) {
            r = login(bad);
            QCOMPARE(r.status, 400);
            QVERIFY2(r.json().contains(QStringLiteral("error")), bad.constData());
        }
        QCOMPARE(client().get(QStringLiteral("/v1/session")).status, 405);
    }

    void everyEndpointNeedsAValidBearerToken() {
        const QStringList paths = {QStringLiteral("/v1/devices"), QStringLiteral("/v1/events"),
                                   QStringLiteral("/v1/media/evt-x/thumbnail"),
                                   QStringLiteral("/v1/integrity-reports"),
                                   QStringLiteral("/v1/trust/revocations")};
        for (const QString &path : paths) {
            for (const QString &token : {QString(), QStringLiteral("not-a-token")}) {
                const HttpResult r = client().get(path, token);
                QVERIFY2(r.status == 401, qPrintable(path));
                QVERIFY(r.json().contains(QStringLiteral("error")));
            }
        }
        const HttpResult r = client().post(QStringLiteral("/v1/integrity-reports"),
                                           reportBody(newReportId()), QStringLiteral("nope"));
        QCOMPARE(r.status, 401);
        // A garbage Authorization header is just a missing token.
        QCOMPARE(
            client()
                .get(QStringLiteral("/v1/devices"), {}, {{"Authorization", "Basic Zm9vOmJhcg=="}})
                .status,
            401);
    }

    void unknownRoutesAndMethodsAnswerJsonErrors() {
        const QString token = tokenOf(QStringLiteral("alice"));
        for (const QString &path :
             {QStringLiteral("/"), QStringLiteral("/v1"), QStringLiteral("/v2/events"),
              QStringLiteral("/v1/events/extra"), QStringLiteral("/v1/media/evt-x")}) {
            const HttpResult r = client().get(path, token);
            QVERIFY2(r.status == 404, qPrintable(path));
            QVERIFY(r.json().contains(QStringLiteral("error")));
        }
        const HttpResult r = client().send("DELETE", QStringLiteral("/v1/events"), {}, token, {});
        QCOMPARE(r.status, 405);
        QCOMPARE(r.header("allow"), QByteArray("GET"));
        QVERIFY(r.json().contains(QStringLiteral("error")));
        QCOMPARE(
            client().send("PUT", QStringLiteral("/v1/integrity-reports"), "{}", token, {}).status,
            405);
    }

    void devicesListOwnedAndSharedCameras() {
        QHash<QString, QStringList> names;
        for (const char *user : {"alice", "bob", "carol"}) {
            const HttpResult r =
                client().get(QStringLiteral("/v1/devices"), tokenOf(QString::fromLatin1(user)));
            QCOMPARE(r.status, 200);
            for (const QJsonValue &v : r.json().value(QStringLiteral("devices")).toArray()) {
                const QJsonObject d = v.toObject();
                QCOMPARE(d.keys(), (QStringList{"id", "model", "name", "online"}));
                QVERIFY(
                    d.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("cam-")));
                QVERIFY(!d.value(QStringLiteral("model")).toString().isEmpty());
                QVERIFY(d.value(QStringLiteral("online")).isBool());
                names[QString::fromLatin1(user)] << d.value(QStringLiteral("name")).toString();
            }
            names[QString::fromLatin1(user)].sort();
        }
        QCOMPARE(names.value(QStringLiteral("alice")), (QStringList{"Backyard", "Front Door"}));
        // bob: his Garage, alice's Backyard (shared); his Driveway went to carol.
        QCOMPARE(names.value(QStringLiteral("bob")), (QStringList{"Backyard", "Garage"}));
        QCOMPARE(names.value(QStringLiteral("carol")),
                 (QStringList{"Driveway", "Living Room", "Porch"}));
    }

    void eventEntriesHaveTheDocumentedShape() {
        const HttpResult r =
            client().get(QStringLiteral("/v1/events?limit=200"), tokenOf(QStringLiteral("alice")));
        QCOMPARE(r.status, 200);
        const QJsonObject page = r.json();
        QCOMPARE(page.keys(), (QStringList{"events", "next_cursor"}));
        const QJsonArray events = page.value(QStringLiteral("events")).toArray();
        QCOMPARE(events.size(), 100);
        QVERIFY(page.value(QStringLiteral("next_cursor")).isNull());
        const QSet<QString> labels = {"person", "vehicle", "animal", "motion", "sound"};
        int withClip = 0;
        for (const QJsonValue &v : events) {
            const QJsonObject e = v.toObject();
            QCOMPARE(e.keys(),
                     (QStringList{"attestation", "claim", "clip", "device_id", "device_name",
                                  "duration_ms", "id", "kind", "thumbnail", "ts"}));
            const QString id = e.value(QStringLiteral("id")).toString();
            QVERIFY(labels.contains(e.value(QStringLiteral("kind")).toString()));
            QVERIFY(e.value(QStringLiteral("ts")).toDouble() > 1.7e12);
            QVERIFY(e.value(QStringLiteral("duration_ms")).toDouble() > 0);
            QVERIFY(!QByteArray::fromBase64(
                         e.value(QStringLiteral("attestation")).toString().toLatin1())
                         .isEmpty());
            QVERIFY(!QByteArray::fromBase64(e.value(QStringLiteral("claim")).toString().toLatin1())
                         .isEmpty());
            QCOMPARE(e.value(QStringLiteral("thumbnail")).toString(),
                     QStringLiteral("/v1/media/%1/thumbnail").arg(id));
            if (e.value(QStringLiteral("kind")).toString() == QLatin1String("sound")) {
                QVERIFY(e.value(QStringLiteral("clip")).isNull());
            } else {
                QCOMPARE(e.value(QStringLiteral("clip")).toString(),
                         QStringLiteral("/v1/media/%1/clip").arg(id));
                ++withClip;
            }
        }
        QVERIFY(withClip > 50);
        // Default page size.
        const HttpResult d =
            client().get(QStringLiteral("/v1/events"), tokenOf(QStringLiteral("alice")));
        QCOMPARE(d.json().value(QStringLiteral("events")).toArray().size(),
                 CloudApi::kDefaultLimit);
        QVERIFY(d.json().value(QStringLiteral("next_cursor")).isString());
    }

    void pagingReturnsEveryEventOnceNewestFirst_data() {
        QTest::addColumn<QString>("user");
        QTest::addColumn<int>("limit");
        QTest::newRow("alice/1") << "alice" << 1;
        QTest::newRow("alice/7") << "alice" << 7;
        QTest::newRow("bob/13") << "bob" << 13;
        QTest::newRow("carol/50") << "carol" << 50;
        QTest::newRow("carol/200") << "carol" << 200;
    }

    void pagingReturnsEveryEventOnceNewestFirst() {
        QFETCH(QString, user);
        QFETCH(int, limit);
        const QString token = tokenOf(user);
        int pages = 0;
        const QList<QJsonObject> paged =
            client().allEvents(token, QStringLiteral("limit=%1").arg(limit), &pages);
        const QList<QJsonObject> whole = client().allEvents(token, QStringLiteral("limit=200"));
        QSet<QString> ids;
        for (qsizetype i = 0; i < paged.size(); ++i) {
            const QString id = paged[i].value(QStringLiteral("id")).toString();
            QVERIFY2(!ids.contains(id), qPrintable(id));
            ids.insert(id);
            if (i > 0) {
                const double prev = paged[i - 1].value(QStringLiteral("ts")).toDouble();
                const double ts = paged[i].value(QStringLiteral("ts")).toDouble();
                QVERIFY(prev > ts ||
                        (prev == ts && paged[i - 1].value(QStringLiteral("id")).toString() > id));
            }
        }
        QCOMPARE(paged.size(), whole.size());
        QCOMPARE(pages, int((whole.size() + limit - 1) / limit));
        for (const QJsonObject &e : whole)
            QVERIFY(ids.contains(e.value(QStringLiteral("id")).toString()));
    }

    void everyEventBelongsToExactlyOneOwner() {
        // Each event is listed to exactly one account as owner: the viewer's listing repeats
        // only the shared camera's events.
        QHash<QString, int> seen;
        for (const char *user : {"alice", "bob", "carol"})
            for (const QJsonObject &e : client().allEvents(tokenOf(QString::fromLatin1(user)),
                                                           QStringLiteral("limit=200")))
                if (!(QLatin1String(user) == QLatin1String("bob") &&
                      e.value(QStringLiteral("device_id")).toString() ==
                          m_cloud.world().sharedDeviceId))
                    ++seen[e.value(QStringLiteral("id")).toString()];
        QCOMPARE(seen.size(), m_cloud.world().eventCount);
        for (auto it = seen.cbegin(); it != seen.cend(); ++it)
            QCOMPARE(it.value(), 1);
    }

    void filtersSelectTheRightEvents() {
        const QString token = tokenOf(QStringLiteral("carol"));
        const QList<QJsonObject> all = client().allEvents(token, QStringLiteral("limit=200"));
        QVERIFY(all.size() > 100);
        const QString device = all.first().value(QStringLiteral("device_id")).toString();
        const qint64 since =
            qint64(all.at(all.size() * 3 / 4).value(QStringLiteral("ts")).toDouble());
        const qint64 until = qint64(all.at(all.size() / 4).value(QStringLiteral("ts")).toDouble());
        auto expected = [&](auto pred) {
            QSet<QString> ids;
            for (const QJsonObject &e : all)
                if (pred(e))
                    ids << e.value(QStringLiteral("id")).toString();
            return ids;
        };
        auto actual = [&](const QString &query) {
            QSet<QString> ids;
            for (const QJsonObject &e : client().allEvents(token, query))
                ids << e.value(QStringLiteral("id")).toString();
            return ids;
        };
        auto ts = [](const QJsonObject &e) {
            return qint64(e.value(QStringLiteral("ts")).toDouble());
        };
        const QSet<QString> byDevice = actual(QStringLiteral("limit=9&device=") + device);
        QCOMPARE(byDevice, expected([&](const QJsonObject &e) {
                     return e.value(QStringLiteral("device_id")).toString() == device;
                 }));
        QVERIFY(byDevice.size() >= 10);
        const QSet<QString> persons = actual(QStringLiteral("limit=9&kind=person"));
        QVERIFY(!persons.isEmpty());
        QCOMPARE(persons, expected([](const QJsonObject &e) {
                     return e.value(QStringLiteral("kind")).toString() == QLatin1String("person");
                 }));
        const QSet<QString> window =
            actual(QStringLiteral("limit=10&since=%1&until=%2").arg(since).arg(until));
        QCOMPARE(window,
                 expected([&](const QJsonObject &e) { return ts(e) >= since && ts(e) < until; }));
        QVERIFY(window.size() > 40);
        const QSet<QString> combined = actual(
            QStringLiteral("limit=3&kind=vehicle&device=%1&since=%2").arg(device).arg(since));
        QCOMPARE(combined, expected([&](const QJsonObject &e) {
                     return e.value(QStringLiteral("kind")).toString() ==
                                QLatin1String("vehicle") &&
                            e.value(QStringLiteral("device_id")).toString() == device &&
                            ts(e) >= since;
                 }));
        // Another account's camera filters to nothing, never to its events.
        const QString aliceDevice =
            client()
                .allEvents(tokenOf(QStringLiteral("alice")), QStringLiteral("limit=1"))
                .first()
                .value(QStringLiteral("device_id"))
                .toString();
        QVERIFY(actual(QStringLiteral("device=") + aliceDevice).isEmpty() ||
                aliceDevice == m_cloud.world().transferredDeviceId);
    }

    void badListingParametersAnswer400() {
        const QString token = tokenOf(QStringLiteral("alice"));
        for (const QString &query :
             {QStringLiteral("limit=0"), QStringLiteral("limit=201"), QStringLiteral("limit=abc"),
              QStringLiteral("limit="), QStringLiteral("since=yesterday"),
              QStringLiteral("until=1e5"), QStringLiteral("cursor=%25%25%25"),
              QStringLiteral("cursor=bm9wZQ"),
              QStringLiteral("cursor=") + QString(5000, QLatin1Char('A'))}) {
            const HttpResult r = client().get(QStringLiteral("/v1/events?") + query, token);
            QVERIFY2(r.status == 400, qPrintable(query));
            QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty());
        }
        QCOMPARE(CloudApi::decodeCursor(CloudApi::encodeCursor(42, QStringLiteral("evt-a"))),
                 (std::optional<std::pair<qint64, QString>>{{42, QStringLiteral("evt-a")}}));
    }

    void mediaIsServedWithTypesAndRanges() {
        const QString token = tokenOf(QStringLiteral("alice"));
        const QList<QJsonObject> all =
            client().allEvents(token, QStringLiteral("limit=50&kind=person"));
        QVERIFY(!all.isEmpty());
        const QJsonObject e = all.first();
        const HttpResult thumb =
            client().get(e.value(QStringLiteral("thumbnail")).toString(), token);
        QCOMPARE(thumb.status, 200);
        QCOMPARE(thumb.header("content-type"), QByteArray("image/jpeg"));
        QVERIFY(thumb.body.startsWith("\xFF\xD8"));
        QVERIFY(thumb.body.endsWith("\xFF\xD9"));
        const HttpResult clip = client().get(e.value(QStringLiteral("clip")).toString(), token);
        QCOMPARE(clip.status, 200);
        QCOMPARE(clip.header("content-type"), QByteArray("video/mp4"));
        QCOMPARE(clip.body.mid(4, 4), QByteArray("ftyp"));
        QCOMPARE(clip.header("accept-ranges"), QByteArray("bytes"));
        const qint64 n = clip.body.size();
        QVERIFY(n > 4096);

        struct Case {
            QByteArray range;
            qint64 first;
            qint64 last;
        };
        for (const Case &c :
             {Case{"bytes=0-99", 0, 99}, Case{"bytes=100-", 100, n - 1},
              Case{"bytes=-500", n - 500, n - 1}, Case{"bytes=1000-999999999", 1000, n - 1}}) {
            const HttpResult r = client().get(e.value(QStringLiteral("clip")).toString(), token,
                                              {{"Range", c.range}});
            QCOMPARE(r.status, 206);
            QCOMPARE(r.body, clip.body.mid(c.first, c.last - c.first + 1));
            QCOMPARE(r.header("content-range"), "bytes " + QByteArray::number(c.first) + '-' +
                                                    QByteArray::number(c.last) + '/' +
                                                    QByteArray::number(n));
        }
        const HttpResult beyond = client().get(e.value(QStringLiteral("clip")).toString(), token,
                                               {{"Range", "bytes=" + QByteArray::number(n) + "-"}});
        QCOMPARE(beyond.status, 416);
        QCOMPARE(beyond.header("content-range"), "bytes */" + QByteArray::number(n));
        // Unparseable ranges are ignored (RFC 9110): the whole item.
        const HttpResult junk = client().get(e.value(QStringLiteral("clip")).toString(), token,
                                             {{"Range", "pages=1-2"}});
        QCOMPARE(junk.status, 200);
        QCOMPARE(junk.body, clip.body);
        // Thumbnails take ranges too.
        const HttpResult head = client().get(e.value(QStringLiteral("thumbnail")).toString(), token,
                                             {{"Range", "bytes=0-1"}});
        QCOMPARE(head.status, 206);
        QCOMPARE(head.body, QByteArray("\xFF\xD8"));
    }

    void mediaOfOtherAccountsAndUnknownItemsIs404() {
        const QString alice = tokenOf(QStringLiteral("alice"));
        const QJsonObject carolsEvent =
            client().allEvents(tokenOf(QStringLiteral("carol")), QStringLiteral("limit=1")).first();
        QCOMPARE(
            client().get(carolsEvent.value(QStringLiteral("thumbnail")).toString(), alice).status,
            404);
        QCOMPARE(client().get(QStringLiteral("/v1/media/evt-nope/thumbnail"), alice).status, 404);
        const QString id = client()
                               .allEvents(alice, QStringLiteral("limit=1"))
                               .first()
                               .value(QStringLiteral("id"))
                               .toString();
        QCOMPARE(client().get(QStringLiteral("/v1/media/%1/poster").arg(id), alice).status, 404);
        const QJsonObject sound =
            client().allEvents(alice, QStringLiteral("limit=1&kind=sound")).value(0);
        if (!sound.isEmpty())
            QCOMPARE(client()
                         .get(QStringLiteral("/v1/media/%1/clip")
                                  .arg(sound.value(QStringLiteral("id")).toString()),
                              alice)
                         .status,
                     404);
    }

    void byteRangeParsing() {
        using K = ByteRange::Kind;
        QCOMPARE(ByteRange::parse("bytes=0-0", 10).kind, K::Satisfiable);
        QCOMPARE(ByteRange::parse("bytes=5-2", 10).kind, K::None);
        QCOMPARE(ByteRange::parse("bytes=0-1,4-5", 10).kind, K::None);
        QCOMPARE(ByteRange::parse("bytes=-0", 10).kind, K::Unsatisfiable);
        QCOMPARE(ByteRange::parse("bytes=10-", 10).kind, K::Unsatisfiable);
        QCOMPARE(ByteRange::parse("bytes=-20", 10).first, 0);
        QCOMPARE(ByteRange::parse("bytes=a-b", 10).kind, K::None);
        QCOMPARE(ByteRange::parse("", 10).kind, K::None);
    }

    void reportsAreIdempotentAndPerAccount() {
        const QString alice = tokenOf(QStringLiteral("alice"));
        const QString bob = tokenOf(QStringLiteral("bob"));
        const QString aliceId = m_cloud.userId(QStringLiteral("alice"));
        const QString bobId = m_cloud.userId(QStringLiteral("bob"));
        const int aliceBefore = m_cloud.host().storedReportCount(aliceId);
        const int bobBefore = m_cloud.host().storedReportCount(bobId);
        const int allBefore = m_cloud.host().storedReportCount(QString());
        QVERIFY(aliceBefore >= 0);
        const QString id = newReportId();
        HttpResult r =
            client().post(QStringLiteral("/v1/integrity-reports"), reportBody(id), alice);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json(), (QJsonObject{{QStringLiteral("status"), QStringLiteral("stored")}}));
        r = client().post(QStringLiteral("/v1/integrity-reports"), reportBody(id), alice);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), (QJsonObject{{QStringLiteral("status"), QStringLiteral("duplicate")}}));
        const QString bobsId = newReportId();
        QCOMPARE(
            client().post(QStringLiteral("/v1/integrity-reports"), reportBody(bobsId), bob).status,
            201);
        // A duplicate is stored once; each account counts its own.
        QCOMPARE(m_cloud.host().storedReportCount(aliceId), aliceBefore + 1);
        QCOMPARE(m_cloud.host().storedReportCount(bobId), bobBefore + 1);
        QCOMPARE(m_cloud.host().storedReportCount(QString()), allBefore + 2);

        const QList<QByteArray> malformed = {
            "not json",
            "[]",
            "{}",
            R"({"report_id":"not-a-uuid","event_id":"e","device_id":"d","role":"thumbnail","reason":"x"})",
            R"({"report_id":"6f1c1f0e-4a38-4a57-9c57-0c5d8d2c1c11","event_id":"e","device_id":"d","role":"poster","reason":"x"})",
            R"({"report_id":"6f1c1f0e-4a38-4a57-9c57-0c5d8d2c1c11","event_id":"","device_id":"d","role":"clip","reason":"x"})",
            R"({"report_id":"6f1c1f0e-4a38-4a57-9c57-0c5d8d2c1c11","event_id":"e","device_id":"d","role":"clip","reason":"x","client_time":"soon"})",
            R"({"report_id":"6f1c1f0e-4a38-4a57-9c57-0c5d8d2c1c11","event_id":"e","device_id":"d","role":"clip","reason":"x","observed_sha256":"zz"})",
            QByteArray(CloudApi::kMaxJsonBody + 1, ' '),
        };
        for (const QByteArray &body : malformed) {
            r = client().post(QStringLiteral("/v1/integrity-reports"), body, alice);
            QVERIFY2(r.status == 400, body.left(80).constData());
            QVERIFY(!r.json().value(QStringLiteral("error")).toString().isEmpty());
        }

        auto listed = [this](const QString &token) {
            QStringList ids;
            const HttpResult l = client().get(QStringLiteral("/v1/integrity-reports"), token);
            for (const QJsonValue &v : l.json().value(QStringLiteral("reports")).toArray())
                ids << v.toObject().value(QStringLiteral("report_id")).toString();
            return ids;
        };
        QCOMPARE(listed(alice), QStringList{id});
        QCOMPARE(listed(bob), QStringList{bobsId});
        QVERIFY(listed(tokenOf(QStringLiteral("carol"))).isEmpty());
        const QJsonObject stored = client()
                                       .get(QStringLiteral("/v1/integrity-reports"), alice)
                                       .json()
                                       .value(QStringLiteral("reports"))
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(stored.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("foreign_owner"));
        QCOMPARE(stored.value(QStringLiteral("role")).toString(), QStringLiteral("thumbnail"));
        QCOMPARE(m_cloud.host().storedReportCount(aliceId), aliceBefore + 1); // 400s store nothing
    }

    void reportListingHasEveryReportWithItsFields() {
        const QString token = tokenOf(QStringLiteral("carol"));
        const QString carolId = m_cloud.userId(QStringLiteral("carol"));
        const int before = m_cloud.host().storedReportCount(carolId);
        struct Filed {
            QString reportId, eventId, role, reason;
        };
        QList<Filed> filed;
        for (int i = 0; i < 5; ++i) {
            Filed f{newReportId(), QStringLiteral("evt-%1").arg(i),
                    i % 2 ? QStringLiteral("clip") : QStringLiteral("thumbnail"),
                    i % 2 ? QStringLiteral("media_mismatch") : QStringLiteral("foreign_owner")};
            QJsonObject body = QJsonDocument::fromJson(reportBody(f.reportId, f.eventId)).object();
            body.insert(QStringLiteral("role"), f.role);
            body.insert(QStringLiteral("reason"), f.reason);
            QCOMPARE(client()
                         .post(QStringLiteral("/v1/integrity-reports"),
                               QJsonDocument(body).toJson(), token)
                         .status,
                     201);
            filed << f;
        }
        QCOMPARE(m_cloud.host().storedReportCount(carolId), before + 5);
        const HttpResult r = client().get(QStringLiteral("/v1/integrity-reports"), token);
        QCOMPARE(r.status, 200);
        QHash<QString, QJsonObject> listed;
        for (const QJsonValue &v : r.json().value(QStringLiteral("reports")).toArray())
            listed.insert(v.toObject().value(QStringLiteral("report_id")).toString(), v.toObject());
        QCOMPARE(listed.size(), before + 5);
        for (const Filed &f : std::as_const(filed)) {
            QVERIFY2(listed.contains(f.reportId), qPrintable(f.reportId));
            const QJsonObject o = listed.value(f.reportId);
            QCOMPARE(o.value(QStringLiteral("event_id")).toString(), f.eventId);
            QCOMPARE(o.value(QStringLiteral("role")).toString(), f.role);
            QCOMPARE(o.value(QStringLiteral("reason")).toString(), f.reason);
            QCOMPARE(o.value(QStringLiteral("device_id")).toString(), QStringLiteral("cam-1"));
            QVERIFY(o.value(QStringLiteral("received_ms")).toDouble() > 0);
        }
    }

    void revocationListIsCose() {
        const HttpResult r =
            client().get(QStringLiteral("/v1/trust/revocations"), tokenOf(QStringLiteral("bob")));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("application/cose"));
        QVERIFY(r.body.size() > 100);
    }

    void hundredConcurrentClientsAreAllServed() {
        const QString token = tokenOf(QStringLiteral("alice"));
        const QList<QJsonObject> events = client().allEvents(token, QStringLiteral("limit=100"));
        QStringList paths;
        for (int i = 0; i < 50; ++i) {
            paths << QStringLiteral("/v1/events?limit=50");
            paths << events.at(i).value(QStringLiteral("thumbnail")).toString();
        }
        const LoadResult load = runLoad(m_cloud.host().url(), token, paths, 100, 300, 60'000);
        qInfo("100 connections, 300 requests: %d ok in %lld ms (%.0f req/s)", load.ok,
              load.elapsedMs, load.requestsPerSecond());
        QCOMPARE(load.failed, 0);
        QCOMPARE(load.ok, 300);
    }

    void listingIsNotBlockedByMediaLoad() {
        // While 100 connections pull clips, a listing is answered long before the load ends:
        // it is not queued behind the media work.
        const QString token = tokenOf(QStringLiteral("alice"));
        const QList<QJsonObject> events =
            client().allEvents(token, QStringLiteral("limit=100&kind=vehicle"));
        QStringList clips;
        for (const QJsonObject &e : events)
            clips << e.value(QStringLiteral("clip")).toString();
        QVERIFY(!clips.isEmpty());
        QElapsedTimer t;
        t.start();
        qint64 listingDoneAt = -1;
        int listingStatus = 0;
        // Fires inside runLoad's event loop, once the load's connections are under way.
        QTimer::singleShot(0, [&]() {
            listingStatus = client().get(QStringLiteral("/v1/events?limit=20"), token).status;
            listingDoneAt = t.elapsed();
        });
        const LoadResult load = runLoad(m_cloud.host().url(), token, clips, 100, 1500, 60'000);
        QCOMPARE(load.ok, 1500);
        QCOMPARE(listingStatus, 200);
        qInfo("listing answered after %lld ms of a %lld ms clip load", listingDoneAt,
              load.elapsedMs);
        QVERIFY(listingDoneAt >= 0);
        QVERIFY(listingDoneAt < load.elapsedMs);
    }
};

QTEST_GUILESS_MAIN(TestCloudApi)
#include "tst_cloud_api.moc"
