// The API client against a scripted loopback server: every failure of cloud-api.md §7
// (unexpected status, malformed body, oversized body, a stalled connection, a reset)
// becomes a clear ApiError with the right retryability; GETs retry and succeed after 5xx;
// cancellation finishes the call; and the JSON readers refuse what the spec does not say.
#include "ApiClient.h"
#include "CloudJson.h"
#include "FakeHttpServer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace vf::net;
using vf::test::FakeHttpServer;
using vf::test::ScriptedAnswer;

namespace {
QByteArray eventJson(const QString &id, const QByteArray &claimField) {
    return QStringLiteral(
               R"({"id":"%1","device_id":"cam-1","device_name":"Porch","kind":"person",)"
               R"("ts":1795000000000,"duration_ms":12000,"attestation":"oWFhAQ==",)"
               R"("claim":%2,"thumbnail":"/v1/media/%1/thumbnail","clip":null,"extra":[1]})")
        .arg(id, QString::fromLatin1(claimField))
        .toUtf8();
}

ApiResult run(ApiCall *call) {
    QSignalSpy spy(call, &ApiCall::finished);
    if (!call->isFinished())
        spy.wait(20000);
    return call->result();
}
} // namespace

class TestApiClient : public QObject {
    Q_OBJECT
    FakeHttpServer *m_server = nullptr;
    ApiClient *m_client = nullptr;

    void answer(QList<ScriptedAnswer> script) { m_server->script = std::move(script); }

private Q_SLOTS:
    void init() {
        m_server = new FakeHttpServer(this);
        ApiClient::Options options;
        options.baseUrl = QUrl(m_server->baseUrl());
        options.stallTimeoutMs = 400;
        options.retryBaseDelayMs = 20;
        m_client = new ApiClient(options, this);
        m_client->setToken("tok-123");
    }
    void cleanup() {
        delete m_client;
        delete m_server;
    }

    void loginSendsCredentialsAndReadsTheAnswer() {
        answer({ScriptedAnswer::respond(200,
                                        R"({"token":"t","user_id":"u-1","identity":"oWFhAQ=="})")});
        const ApiResult r = run(m_client->login(QStringLiteral("alice"), QStringLiteral("pw")));
        QVERIFY(r.ok());
        const auto login = parseLoginAnswer(r.body);
        QVERIFY(login.value);
        QCOMPARE(login.value->userId, QStringLiteral("u-1"));
        QCOMPARE(login.value->identity, QByteArray::fromBase64("oWFhAQ=="));
        QVERIFY(m_server->requests.last().startsWith("POST /v1/session"));
        QVERIFY(!m_server->requests.last().contains("Bearer"));
        QCOMPARE(m_server->lastBody, QByteArray(R"({"password":"pw","username":"alice"})"));
    }

    void badCredentialsAreUnauthorized() {
        answer({ScriptedAnswer::respond(401, R"({"error":"bad credentials"})")});
        const ApiResult r = run(m_client->login(QStringLiteral("alice"), QStringLiteral("nope")));
        QCOMPARE(r.error->kind, ApiError::Kind::Unauthorized);
        QVERIFY(!r.error->retryable());
    }

    void eventsQueryAndBearer() {
        answer({ScriptedAnswer::respond(200, "{\"events\":[" + eventJson("e1", "null") + "," +
                                                 eventJson("e2", "\"oWFhAQ==\"") +
                                                 "],\"next_cursor\":\"c2\"}")});
        EventQuery q;
        q.limit = 500; // clamped to 200
        q.deviceId = QStringLiteral("cam-1");
        q.kind = QStringLiteral("person");
        q.sinceMs = 5;
        const ApiResult r = run(m_client->events(q));
        QVERIFY(r.ok());
        const QByteArray head = m_server->requests.last();
        QVERIFY2(head.startsWith("GET /v1/events?limit=200&device=cam-1&kind=person&since=5 "),
                 head.constData());
        QVERIFY(head.contains("Authorization: Bearer tok-123"));
        const auto page = parseEventPage(r.body);
        QVERIFY2(page.value, qPrintable(page.error));
        QCOMPARE(page.value->events.size(), 2);
        QVERIFY(page.value->events.at(0).claim.isEmpty());
        QCOMPARE(page.value->events.at(1).claim, QByteArray::fromBase64("oWFhAQ=="));
        QCOMPARE(page.value->events.at(0).timestampMs, 1795000000000);
        QCOMPARE(page.value->nextCursor, QStringLiteral("c2"));
    }

    void getsRetryAfterServerErrors() {
        answer({ScriptedAnswer::respond(503, R"({"error":"overloaded"})"),
                ScriptedAnswer::respond(502, "bad gateway"),
                ScriptedAnswer::respond(200, R"({"devices":[]})")});
        const ApiResult r = run(m_client->devices());
        QVERIFY(r.ok());
        QCOMPARE(r.attempts, 3);
    }

    void persistentOutageIsARetryableError() {
        answer({ScriptedAnswer::respond(503, R"({"error":"overloaded"})")});
        const ApiResult r = run(m_client->devices());
        QCOMPARE(r.error->kind, ApiError::Kind::Http);
        QCOMPARE(r.error->httpStatus, 503);
        QVERIFY(r.error->retryable());
        QCOMPARE(r.attempts, 3);
        QVERIFY(r.error->describe().contains(QLatin1String("overloaded")));
    }

    void reportsAreNotRetriedByTheClient() {
        // The durable outbox owns report retries (with backoff); the client tries once.
        answer({ScriptedAnswer::respond(503, "{}")});
        const ApiResult r = run(m_client->postReport(R"({"report_id":"x"})"));
        QCOMPARE(r.attempts, 1);
        QVERIFY(r.error->retryable());
        answer({ScriptedAnswer::respond(201, R"({"status":"stored"})")});
        const ApiResult stored = run(m_client->postReport(R"({"report_id":"x"})"));
        QVERIFY(stored.ok());
        QCOMPARE(parseReportStatus(stored.body).value, QStringLiteral("stored"));
    }

    void stalledTransferTimesOut() {
        answer({ScriptedAnswer::stall()});
        QElapsedTimer timer;
        timer.start();
        const ApiResult r = run(m_client->events({}));
        QCOMPARE(r.error->kind, ApiError::Kind::Timeout);
        QVERIFY(r.error->retryable());
        QVERIFY(timer.elapsed() >= 3 * 400);
    }

    void aBodyCutShortIsNotAnAnswer() {
        // Status and headers arrive, then the body stalls: the partial bytes must never be
        // delivered as a 200 (they would be judged as tampered media).
        ScriptedAnswer cut = ScriptedAnswer::respond(200, QByteArray(100, 'j'));
        cut.declaredLength = 5000;
        answer({cut});
        const ApiResult r = run(m_client->media(QStringLiteral("/v1/media/e1/thumbnail"), 1 << 20));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->kind, ApiError::Kind::Timeout);
        QVERIFY(r.error->retryable());
        QVERIFY(r.body.isEmpty());
    }

    void oversizedBodiesAreRefused() {
        ScriptedAnswer big = ScriptedAnswer::respond(200, QByteArray(4096, 'x'));
        answer({big});
        const ApiResult r = run(m_client->media(QStringLiteral("/v1/media/e1/thumbnail"), 1000));
        QCOMPARE(r.error->kind, ApiError::Kind::TooLarge);
        QVERIFY(r.body.isEmpty());
        // A lying Content-Length is refused before the body arrives.
        ScriptedAnswer liar = ScriptedAnswer::respond(200, "small");
        liar.declaredLength = ApiClient::kThumbnailLimit + 1;
        answer({liar});
        QCOMPARE(run(m_client->media(QStringLiteral("/v1/media/e1/thumbnail"),
                                     ApiClient::kThumbnailLimit))
                     .error->kind,
                 ApiError::Kind::TooLarge);
    }

    void rangeRequests() {
        ScriptedAnswer partial = ScriptedAnswer::respond(206, "0123456789");
        partial.headers = {{"Content-Range", "bytes 10-19/100"}};
        answer({partial});
        const ApiResult r = run(m_client->mediaRange(QStringLiteral("/v1/media/e1/clip"), 10, 19));
        QVERIFY(r.ok());
        QCOMPARE(r.contentRange, QByteArray("bytes 10-19/100"));
        QVERIFY(m_server->requests.last().contains("Range: bytes=10-19"));
        // A server that ignores Range and sends everything (200) is an error, not a clip.
        answer({ScriptedAnswer::respond(200, "0123456789")});
        QCOMPARE(run(m_client->mediaRange(QStringLiteral("/v1/media/e1/clip"), 10, 19)).error->kind,
                 ApiError::Kind::Http);
    }

    void mediaOnlyFromTheSignedInCloud() {
        QVERIFY(m_client->resolve(QStringLiteral("http://evil.example/x.jpg")).isEmpty());
        QVERIFY(m_client->resolve(QStringLiteral("//evil.example/x.jpg")).isEmpty());
        QVERIFY(!m_client->resolve(QStringLiteral("/v1/media/e1/thumbnail")).isEmpty());
        const ApiResult r = run(m_client->media(QStringLiteral("http://evil.example/x.jpg"), 100));
        QVERIFY(!r.ok());
        QVERIFY(m_server->requests.isEmpty());
    }

    void cancellationFinishesTheCall() {
        answer({ScriptedAnswer::stall()});
        ApiCall *call = m_client->events({});
        QSignalSpy spy(call, &ApiCall::finished);
        QTimer::singleShot(50, call, &ApiCall::cancel);
        QVERIFY(spy.wait(5000));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(call->result().error->kind, ApiError::Kind::Cancelled);
        QVERIFY(!call->result().error->retryable());
    }

    void connectionRefusedIsANetworkError() {
        ApiClient::Options options;
        options.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1"));
        options.getAttempts = 1;
        ApiClient client(options);
        const ApiResult r = run(client.devices());
        QCOMPARE(r.error->kind, ApiError::Kind::Network);
        QVERIFY(r.error->retryable());
        QVERIFY(!r.error->describe().isEmpty());
    }

    void malformedListingsAreRefusedWhole() {
        const QList<QByteArray> bad = {
            "",
            "[]",
            "not json",
            R"({"events":{}})",
            R"({"events":[1]})",
            "{\"events\":[" +
                eventJson("e1", "null").replace("\"ts\":1795000000000", "\"ts\":\"soon\"") + "]}",
            "{\"events\":[" + eventJson("e1", "\"@@not base64@@\"") + "]}",
            "{\"events\":[" + eventJson("e1", "null").replace("\"id\":\"e1\",", "") + "]}",
            "{\"events\":[],\"next_cursor\":5}",
        };
        for (const QByteArray &body : bad) {
            const auto page = parseEventPage(body);
            QVERIFY2(!page.value, body.constData());
            QVERIFY(!page.error.isEmpty());
        }
        QVERIFY(!parseLoginAnswer(R"({"token":"","user_id":"u","identity":"oWFhAQ=="})").value);
        QVERIFY(!parseDevices(R"({"devices":[{"name":"x"}]})").value);
        QVERIFY(!parseReportStatus(R"({"status":"maybe"})").value);
        QCOMPARE(parseErrorMessage(R"({"error":"why"})"), QStringLiteral("why"));
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_api_client.moc"
