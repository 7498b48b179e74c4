// The API client against a scripted loopback server: every failure of cloud-api.md §7
// (unexpected status, malformed body, oversized body, a stalled connection, a reset)
// becomes a clear ApiError with the right retryability; GETs retry and succeed after 5xx;
// cancellation finishes the call; and the JSON readers refuse what the spec does not say.
#include "ApiClient.h"
#include "CloudJson.h"
#include "FakeHttpServer.h"

#include <QCryptographicHash>
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

    // cloud-api.md §1 v2: a v2 login answer carries expires_at and refresh_token, a v1 one
    // neither, and both are read.
    void loginReadsExpiryAndRefreshTokenWhenPresent() {
        const auto v2 = parseLoginAnswer(R"({"token":"t","user_id":"u-1","identity":"oWFhAQ==",)"
                                         R"("expires_at":1795000000000,"refresh_token":"r-1"})");
        QVERIFY2(v2.value, qPrintable(v2.error));
        QVERIFY(v2.value->expiresAtMs);
        QCOMPARE(*v2.value->expiresAtMs, qint64(1795000000000));
        QCOMPARE(v2.value->refreshToken, QByteArray("r-1"));
        QCOMPARE(v2.value->token, QByteArray("t"));
        for (const QByteArray &v1 :
             {QByteArray(R"({"token":"t","user_id":"u-1","identity":"oWFhAQ=="})"),
              QByteArray(R"({"token":"t","user_id":"u-1","identity":"oWFhAQ==",)"
                         R"("expires_at":null,"refresh_token":null})")}) {
            const auto login = parseLoginAnswer(v1);
            QVERIFY2(login.value, qPrintable(login.error));
            QVERIFY(!login.value->expiresAtMs);
            QVERIFY(login.value->refreshToken.isEmpty());
            QCOMPARE(login.value->userId, QStringLiteral("u-1"));
            // A refresh answer must renew the sign-in: without them it is malformed.
            QVERIFY(!parseRefreshAnswer(v1).value);
        }
        QVERIFY(parseRefreshAnswer(R"({"token":"t","user_id":"u-1","identity":"oWFhAQ==",)"
                                   R"("expires_at":1795000000000,"refresh_token":"r-2"})")
                    .value);
    }

    void mistypedSessionFieldsMakeTheLoginMalformed() {
        const QByteArray base = R"({"token":"t","user_id":"u-1","identity":"oWFhAQ==",)";
        for (const QByteArray &tail :
             {QByteArray(R"("expires_at":"soon"})"), QByteArray(R"("expires_at":1.5})"),
              QByteArray(R"("expires_at":-1})"), QByteArray(R"("expires_at":0})"),
              QByteArray(R"("expires_at":[1]})"), QByteArray(R"("refresh_token":5})"),
              QByteArray(R"("refresh_token":""})"), QByteArray(R"("refresh_token":{}})"),
              R"("refresh_token":")" + QByteArray(kMaxTokenLength + 1, 'r') + R"("})"}) {
            const auto login = parseLoginAnswer(base + tail);
            QVERIFY2(!login.value, tail.left(40).constData());
            QVERIFY(!login.error.isEmpty());
            QVERIFY(!parseRefreshAnswer(base + tail).value);
        }
    }

    void refreshSendsTheRefreshTokenAndNoBearer() {
        answer(
            {ScriptedAnswer::respond(200, R"({"token":"t2","user_id":"u-1","identity":"oWFhAQ==",)"
                                          R"("expires_at":1795000000000,"refresh_token":"r-2"})")});
        const ApiResult r = run(m_client->refreshSession("r-1"));
        QVERIFY(r.ok());
        const QByteArray head = m_server->requests.last();
        QVERIFY2(head.startsWith("POST /v1/session/refresh "), head.constData());
        QVERIFY(!head.contains("Bearer"));
        QVERIFY(head.contains("Content-Type: application/json"));
        QCOMPARE(m_server->lastBody, QByteArray(R"({"refresh_token":"r-1"})"));
        const auto answer = parseRefreshAnswer(r.body);
        QVERIFY2(answer.value, qPrintable(answer.error));
        QCOMPARE(answer.value->token, QByteArray("t2"));
        QCOMPARE(answer.value->refreshToken, QByteArray("r-2"));
    }

    void refreshIsTriedOnce() {
        // A lost answer may hide a rotation: sending the token again would be a replay.
        answer({ScriptedAnswer::respond(503, R"({"error":"overloaded"})"),
                ScriptedAnswer::respond(200, "{}")});
        ApiResult r = run(m_client->refreshSession("r-1"));
        QCOMPARE(r.attempts, 1);
        QCOMPARE(r.error->kind, ApiError::Kind::Http);
        QCOMPARE(m_server->requests.size(), 1);
        answer({ScriptedAnswer::stall()});
        r = run(m_client->refreshSession("r-1"));
        QCOMPARE(r.error->kind, ApiError::Kind::Timeout);
        QCOMPARE(r.attempts, 1);
        // Refused (unknown, expired, replayed): the password is needed again.
        answer({ScriptedAnswer::respond(401, R"({"error":"unknown, expired or revoked"})")});
        r = run(m_client->refreshSession("r-1"));
        QCOMPARE(r.error->kind, ApiError::Kind::Unauthorized);
        QVERIFY(!r.error->retryable());
    }

    void deleteSessionSendsTheBearerAndWants204() {
        answer({ScriptedAnswer::respond(204, {})});
        ApiResult r = run(m_client->deleteSession());
        QVERIFY2(r.ok(), r.error ? qPrintable(r.error->describe()) : "");
        QCOMPARE(r.httpStatus, 204);
        QVERIFY(r.body.isEmpty());
        const QByteArray head = m_server->requests.last();
        QVERIFY2(head.startsWith("DELETE /v1/session "), head.constData());
        QVERIFY(head.contains("Authorization: Bearer tok-123"));
        answer({ScriptedAnswer::respond(401, R"({"error":"the session was signed out"})")});
        r = run(m_client->deleteSession());
        QCOMPARE(r.error->kind, ApiError::Kind::Unauthorized);
        answer({ScriptedAnswer::respond(503, R"({"error":"overloaded"})")});
        const int before = m_server->requests.size();
        r = run(m_client->deleteSession());
        QCOMPARE(r.error->kind, ApiError::Kind::Http);
        QVERIFY(r.error->retryable()); // the caller may try again later
        QCOMPARE(r.attempts, 1);
        QCOMPARE(m_server->requests.size(), before + 1);
        // Any other success is not what cloud-api.md says.
        answer({ScriptedAnswer::respond(200, "{}")});
        QCOMPARE(run(m_client->deleteSession()).error->kind, ApiError::Kind::Http);
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

    // cloud-api.md §7 v2, no redirects: a 3xx on any call is a non-retryable error, and
    // nothing (password, token, Authorization) reaches the origin it points to.
    void redirectsAreNeverFollowed_data() {
        QTest::addColumn<QString>("call");
        QTest::addColumn<int>("status");
        for (const char *call :
             {"login", "refresh", "sign-out", "listing", "media", "range", "report", "revocations"})
            for (int status : {301, 302, 303, 307, 308})
                QTest::addRow("%s %d", call, status) << QString::fromLatin1(call) << status;
    }
    void redirectsAreNeverFollowed() {
        QFETCH(QString, call);
        QFETCH(int, status);
        FakeHttpServer other; // another origin: the same host, another port
        other.script = {ScriptedAnswer::respond(200, R"({"token":"stolen","devices":[]})")};
        answer({ScriptedAnswer::redirect(status, other.baseUrl().toUtf8() + "/v1/session")});
        ApiCall *c = nullptr;
        if (call == QLatin1String("login"))
            c = m_client->login(QStringLiteral("alice"), QStringLiteral("s3cret-password"));
        else if (call == QLatin1String("refresh"))
            c = m_client->refreshSession("r-secret");
        else if (call == QLatin1String("sign-out"))
            c = m_client->deleteSession();
        else if (call == QLatin1String("listing"))
            c = m_client->events({});
        else if (call == QLatin1String("media"))
            c = m_client->media(QStringLiteral("/v1/media/e1/thumbnail"), 1 << 20);
        else if (call == QLatin1String("range"))
            c = m_client->mediaRange(QStringLiteral("/v1/media/e1/clip"), 0, 99);
        else if (call == QLatin1String("report"))
            c = m_client->postReport(R"({"report_id":"x"})");
        else
            c = m_client->revocations();
        const ApiResult r = run(c);
        QTest::qWait(100); // a followed request would have arrived by now
        QVERIFY2(other.requests.isEmpty(), other.requests.value(0).constData());
        QVERIFY(!r.ok());
        QCOMPARE(r.error->kind, ApiError::Kind::Redirect);
        QCOMPARE(r.error->httpStatus, status);
        QVERIFY(!r.error->retryable());
        QCOMPARE(r.attempts, 1);
        QCOMPARE(m_server->requests.size(), 1);
    }

    // cloud-api.md §7 v2, TLS off loopback: plain http:// only to a loopback host; to any
    // other host the client sends nothing, not even the login.
    void plainHttpOnlyToLoopback_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("usable");
        QTest::newRow("127.0.0.1") << "http://127.0.0.1:8080" << true;
        QTest::newRow("127.9.8.7") << "http://127.9.8.7" << true;
        QTest::newRow("::1") << "http://[::1]:8080" << true;
        QTest::newRow("v4-mapped loopback") << "http://[::ffff:127.0.0.1]:80" << true;
        QTest::newRow("localhost") << "http://localhost:8080/" << true;
        QTest::newRow("LOCALHOST") << "http://LOCALHOST" << true;
        QTest::newRow("https anywhere") << "https://cloud.example" << true;
        QTest::newRow("lan address") << "http://192.168.1.10:8080" << false;
        QTest::newRow("public name") << "http://cloud.example" << false;
        QTest::newRow("localhost lookalike") << "http://localhost.evil.example" << false;
        QTest::newRow("127 as a name prefix") << "http://127.0.0.1.evil.example" << false;
        QTest::newRow("0.0.0.0") << "http://0.0.0.0:8080" << false;
        QTest::newRow("v4-mapped lan") << "http://[::ffff:10.0.0.1]" << false;
        QTest::newRow("no host") << "http://" << false;
        QTest::newRow("no host, a path") << "http:///x" << false;
        QTest::newRow("user info") << "http://user:pw@127.0.0.1:8080" << false;
        QTest::newRow("ftp") << "ftp://127.0.0.1" << false;
        QTest::newRow("empty") << "" << false;
    }
    void plainHttpOnlyToLoopback() {
        QFETCH(QString, url);
        QFETCH(bool, usable);
        QCOMPARE(ApiClient::originProblem(QUrl(url)).isEmpty(), usable);
    }
    void credentialsNeverGoInClearTextOffLoopback() {
        ApiClient::Options options;
        options.baseUrl = QUrl(QStringLiteral("http://192.0.2.1:9")); // TEST-NET-1
        options.getAttempts = 1;
        ApiClient client(options);
        client.setToken("tok-123");
        QElapsedTimer timer;
        timer.start();
        for (ApiCall *call : {client.login(QStringLiteral("alice"), QStringLiteral("pw")),
                              client.refreshSession("r-secret"), client.deleteSession(),
                              client.events({}), client.devices()}) {
            const ApiResult r = run(call);
            QVERIFY(!r.ok());
            QCOMPARE(r.error->kind, ApiError::Kind::Insecure);
            QVERIFY(!r.error->retryable());
        }
        QVERIFY(timer.elapsed() < 2000); // refused at once, no connection attempted
        QVERIFY(client.networkLog().records().last().error.contains(QLatin1String("https")));
    }

    // cloud-api.md §7 v2, deadlines: a stall timer reset on every byte let a drip-fed answer
    // hold a call open for ever. A JSON answer has a deadline; media a rate floor.
    void dripFedJsonMissesItsDeadline() {
        ApiClient::Options options;
        options.baseUrl = QUrl(m_server->baseUrl());
        options.stallTimeoutMs = 400; // each byte comes well within it
        options.jsonDeadlineMs = 800;
        options.getAttempts = 2;
        options.retryBaseDelayMs = 10;
        ApiClient client(options);
        answer({ScriptedAnswer::drip(
            200, R"({"events":[],"next_cursor":null})" + QByteArray(500, ' '), 1, 40)});
        QElapsedTimer timer;
        timer.start();
        const ApiResult r = run(client.events({}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->kind, ApiError::Kind::Timeout);
        QVERIFY(r.error->retryable());
        QCOMPARE(r.attempts, 2);
        QVERIFY2(timer.elapsed() < 2 * 800 + 1500, QByteArray::number(timer.elapsed()));
        // The same answer at speed is fine.
        answer({ScriptedAnswer::respond(200, R"({"events":[],"next_cursor":null})")});
        QVERIFY(run(client.events({})).ok());
    }
    void dripFedMediaIsAStall() {
        ApiClient::Options options;
        options.baseUrl = QUrl(m_server->baseUrl());
        options.stallTimeoutMs = 400;
        options.mediaWindowMs = 500;
        options.mediaMinBytesPerWindow = 1024;
        options.getAttempts = 1;
        ApiClient client(options);
        client.setToken("tok-123");
        answer({ScriptedAnswer::drip(200, QByteArray(4000, 'j'), 1, 20)});
        QElapsedTimer timer;
        timer.start();
        ApiResult r = run(client.media(QStringLiteral("/v1/media/e1/thumbnail"), 1 << 20));
        QVERIFY(!r.ok());
        QCOMPARE(r.error->kind, ApiError::Kind::Timeout);
        QVERIFY(r.body.isEmpty());
        QVERIFY2(timer.elapsed() < 2000, QByteArray::number(timer.elapsed()));
        // A range of a clip just the same.
        answer({ScriptedAnswer::drip(206, QByteArray(4000, 'j'), 1, 20)});
        r = run(client.mediaRange(QStringLiteral("/v1/media/e1/clip"), 0, 3999));
        QCOMPARE(r.error->kind, ApiError::Kind::Timeout);
        // Above the floor over several windows: delivered whole.
        answer({ScriptedAnswer::drip(200, QByteArray(8000, 'k'), 200, 25)});
        r = run(client.media(QStringLiteral("/v1/media/e1/thumbnail"), 1 << 20));
        QVERIFY2(r.ok(), r.error ? qPrintable(r.error->describe()) : "");
        QCOMPARE(r.body, QByteArray(8000, 'k'));
    }

    // cloud-api.md §7 v2: the network log (diagnostics) and error texts carry a cursor only
    // as its SHA-256, never verbatim.
    void cursorsAreRecordedOnlyAsAHash() {
        const QString cursor = QStringLiteral("opaque-cursor-") + QString(300, u'Z');
        const QString hash = QString::fromLatin1(
            QCryptographicHash::hash(cursor.toUtf8(), QCryptographicHash::Sha256).toHex());
        EventQuery q;
        q.cursor = cursor;
        answer({ScriptedAnswer::respond(404, "not json")});
        const ApiResult r = run(m_client->events(q));
        QVERIFY(!r.ok());
        QVERIFY(m_server->requests.last().contains(cursor.toUtf8())); // it is sent, of course
        QVERIFY(!r.error->describe().contains(QLatin1String("opaque-cursor")));
        const NetworkRecord record = m_client->networkLog().records().last();
        QVERIFY2(!record.path.contains(QLatin1String("opaque-cursor")), qPrintable(record.path));
        QVERIFY2(record.path.contains(QStringLiteral("cursor=sha256:") + hash),
                 qPrintable(record.path));
        QVERIFY(!record.error.contains(QLatin1String("opaque-cursor")));
    }

    // cloud-api.md §7 v2: cloud strings are bounded.
    void overlongIdsRefuseTheEntryNotThePage() {
        const QString longId(201, u'e');
        const QString maxId(200, u'f');
        const QByteArray body = "{\"events\":[" + eventJson(longId, "null") + "," +
                                eventJson(maxId, "null") + "," +
                                eventJson("e3", "null")
                                    .replace("\"device_id\":\"cam-1\"",
                                             "\"device_id\":\"" + QByteArray(5000, 'd') + "\"") +
                                "," +
                                eventJson("e4", "null")
                                    .replace("\"thumbnail\":\"/v1/media/e4/thumbnail\"",
                                             "\"thumbnail\":\"/" + QByteArray(1001, 't') + "\"") +
                                "],\"next_cursor\":null}";
        const auto page = parseEventPage(body);
        QVERIFY2(page.value, qPrintable(page.error));
        QCOMPARE(page.value->events.size(), 1);
        QCOMPARE(page.value->events.first().id, maxId);
        QCOMPARE(page.value->malformed.size(), 3);
        QCOMPARE(page.value->malformed.at(0).eventId, QString(200, u'e'));
        QCOMPARE(page.value->malformed.at(1).eventId, QStringLiteral("e3"));
        QCOMPARE(page.value->malformed.at(1).deviceId, QString(200, u'd'));
        QCOMPARE(page.value->malformed.at(2).eventId, QStringLiteral("e4"));
        for (const MalformedEntry &m : page.value->malformed) {
            QVERIFY(m.eventId.size() <= 200 && m.deviceId.size() <= 200);
            QVERIFY(!m.detail.isEmpty() && m.detail.size() < 200);
        }
    }
    void overlongCursorMakesThePageMalformed() {
        const QByteArray events = "{\"events\":[" + eventJson("e1", "null") + "],";
        QVERIFY(
            parseEventPage(events + "\"next_cursor\":\"" + QByteArray(1000, 'c') + "\"}").value);
        const auto page =
            parseEventPage(events + "\"next_cursor\":\"" + QByteArray(1001, 'c') + "\"}");
        QVERIFY(!page.value);
        QVERIFY(page.error.contains(QLatin1String("next_cursor")));
    }
    void displayTextIsCut() {
        QByteArray entry = eventJson("e1", "null");
        entry.replace("\"device_name\":\"Porch\"",
                      "\"device_name\":\"" + QByteArray(100000, 'n') + "\"");
        // 199 ASCII letters then an emoji (a surrogate pair): the cut never splits it.
        entry.replace("\"kind\":\"person\"",
                      "\"kind\":\"" + QByteArray(199, 'k') + "\xF0\x9F\x98\x80tail\"");
        const auto page = parseEventPage("{\"events\":[" + entry + "]}");
        QVERIFY2(page.value, qPrintable(page.error));
        QCOMPARE(page.value->events.first().deviceName, QString(200, u'n'));
        QCOMPARE(page.value->events.first().kind, QString(199, u'k'));
        const auto devices =
            parseDevices(R"({"devices":[{"id":"cam-1","name":")" + QByteArray(300, 'x') +
                         R"(","model":")" + QByteArray(300, 'm') + R"(","online":true}]})");
        QVERIFY(devices.value);
        QCOMPARE(devices.value->first().name.size(), 200);
        QCOMPARE(devices.value->first().model.size(), 200);
        QVERIFY(!parseDevices(R"({"devices":[{"id":")" + QByteArray(201, 'i') + R"("}]})").value);
        QCOMPARE(parseErrorMessage(R"({"error":")" + QByteArray(5000, 'w') + R"("})").size(), 200);
        QVERIFY(!parseLoginAnswer(R"({"token":")" + QByteArray(5000, 't') +
                                  R"(","user_id":"u","identity":"oWFhAQ=="})")
                     .value);
        QVERIFY(!parseLoginAnswer(R"({"token":"t","user_id":")" + QByteArray(201, 'u') +
                                  R"(","identity":"oWFhAQ=="})")
                     .value);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_api_client.moc"
