// SessionRenewal and ApiCall against a scripted loopback server (cloud-api.md §1 v2): a call
// answered 401 is sent once more after one refresh, with the new token; a refresh the cloud
// refuses, or whose answer the owner's check refuses, ends the session and the call fails
// with its 401; a refresh that cannot reach the cloud keeps the refresh token; a call that
// was sent with an older token just tries again with the current one; the login, the
// refresh and the sign-out never trigger a refresh themselves.
#include "ApiClient.h"
#include "FakeHttpServer.h"

#include <QSignalSpy>
#include <QTest>

using namespace vf::net;
using vf::test::FakeHttpServer;
using vf::test::ScriptedAnswer;

namespace {

ApiResult run(ApiCall *call) {
    QSignalSpy spy(call, &ApiCall::finished);
    if (!call->isFinished())
        spy.wait(20000);
    return call->result();
}

ScriptedAnswer refreshed(const QByteArray &token, const QByteArray &refreshToken) {
    return ScriptedAnswer::respond(
        200, R"({"token":")" + token + R"(","user_id":"u-1","identity":"oWFhAQ==",)" +
                 R"("expires_at":4102444800000,"refresh_token":")" + refreshToken + R"("})");
}

const QByteArray kDevices = R"({"devices":[]})";
const ScriptedAnswer kExpired = ScriptedAnswer::respond(401, R"({"error":"token expired"})");

} // namespace

class TestSessionRenewal : public QObject {
    Q_OBJECT
    FakeHttpServer *m_server = nullptr;
    ApiClient *m_client = nullptr;

    int refreshRequests() const {
        int n = 0;
        for (const QByteArray &head : m_server->requests)
            n += head.startsWith("POST /v1/session/refresh");
        return n;
    }

private Q_SLOTS:
    void init() {
        m_server = new FakeHttpServer(this);
        ApiClient::Options options;
        options.baseUrl = QUrl(m_server->baseUrl());
        options.stallTimeoutMs = 400;
        options.retryBaseDelayMs = 20;
        options.getAttempts = 1; // a reset is a failure at once
        m_client = new ApiClient(options, this);
        m_client->setToken("tok-1");
        // Far from expiry: only a 401 renews in these tests.
        m_client->renewal().begin("ref-1", QDateTime::currentMSecsSinceEpoch() + 3600 * 1000);
    }
    void cleanup() {
        delete m_client;
        delete m_server;
    }

    void a401IsRenewedOnceAndTheCallSentAgainWithTheNewToken() {
        m_server->script = {kExpired, refreshed("tok-2", "ref-2"),
                            ScriptedAnswer::respond(200, kDevices)};
        QSignalSpy renewed(&m_client->renewal(), &SessionRenewal::renewed);
        const ApiResult r = run(m_client->devices());
        QVERIFY2(r.ok(), r.error ? qPrintable(r.error->describe()) : "");
        QCOMPARE(r.body, kDevices);
        QCOMPARE(m_server->requests.size(), 3);
        QVERIFY(m_server->requests.at(0).contains("Bearer tok-1"));
        QVERIFY(m_server->requests.at(1).startsWith("POST /v1/session/refresh"));
        QVERIFY(!m_server->requests.at(1).contains("Bearer")); // the refresh token alone
        QVERIFY(m_server->requests.at(2).startsWith("GET /v1/devices"));
        QVERIFY(m_server->requests.at(2).contains("Bearer tok-2"));
        QCOMPARE(renewed.size(), 1);
        QCOMPARE(m_client->token(), QByteArray("tok-2"));
        QCOMPARE(m_client->renewal().refreshToken(), QByteArray("ref-2")); // rotated
        QVERIFY(m_client->renewal().expiresAtMs());
        QCOMPARE(*m_client->renewal().expiresAtMs(), qint64(4102444800000));
    }

    void theRefreshTokenGoesInTheBody() {
        m_server->script = {kExpired, refreshed("tok-2", "ref-2"),
                            ScriptedAnswer::respond(200, kDevices)};
        QVERIFY(run(m_client->devices()).ok());
        // The body of the last request is the retried GET's (none): look at the refresh
        // through a second round, which presents the rotated token.
        m_server->script = {kExpired, refreshed("tok-3", "ref-3"),
                            ScriptedAnswer::respond(200, kDevices)};
        m_server->requests.clear();
        QSignalSpy renewed(&m_client->renewal(), &SessionRenewal::renewed);
        QVERIFY(run(m_client->devices()).ok());
        QCOMPARE(renewed.size(), 1);
        QCOMPARE(m_client->renewal().refreshToken(), QByteArray("ref-3"));
        QVERIFY(m_server->requests.at(0).contains("Bearer tok-2"));
        QVERIFY(m_server->requests.at(2).contains("Bearer tok-3"));
    }

    void aRefusedRefreshEndsTheSessionAndTheCallFailsWithItsOwn401() {
        m_server->script = {kExpired, ScriptedAnswer::respond(401, R"({"error":"reused"})")};
        QSignalSpy expired(&m_client->renewal(), &SessionRenewal::expired);
        const ApiResult r = run(m_client->devices());
        QVERIFY(r.error);
        QCOMPARE(r.error->kind, ApiError::Kind::Unauthorized);
        QCOMPARE(r.error->message, QStringLiteral("token expired"));
        QCOMPARE(expired.size(), 1);
        QVERIFY(!m_client->renewal().canRenew());
        QCOMPARE(m_server->requests.size(), 2); // not sent again, not refreshed again
        // The next 401 has nothing to renew with: it fails at once.
        m_server->script = {kExpired};
        m_server->requests.clear();
        const ApiResult again = run(m_client->devices());
        QCOMPARE(again.error->kind, ApiError::Kind::Unauthorized);
        QCOMPARE(refreshRequests(), 0);
    }

    void anAnswerTheCheckRefusesIsNeverUsed() {
        m_client->renewal().setAnswerCheck([](const LoginAnswer &answer) -> std::optional<QString> {
            if (answer.token == "tok-evil")
                return QStringLiteral("the renewed identity names another account");
            return std::nullopt;
        });
        m_server->script = {kExpired, refreshed("tok-evil", "ref-evil"),
                            ScriptedAnswer::respond(200, kDevices)};
        QSignalSpy refused(&m_client->renewal(), &SessionRenewal::refused);
        QSignalSpy renewed(&m_client->renewal(), &SessionRenewal::renewed);
        const ApiResult r = run(m_client->devices());
        QVERIFY(r.error);
        QCOMPARE(r.error->kind, ApiError::Kind::Unauthorized);
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().first().toString(),
                 QStringLiteral("the renewed identity names another account"));
        QCOMPARE(renewed.size(), 0);
        QCOMPARE(m_client->token(), QByteArray("tok-1")); // never the refused one
        QVERIFY(!m_client->renewal().canRenew());
        QCOMPARE(m_server->requests.size(), 2);
    }

    void aMalformedRefreshAnswerIsRefused() {
        m_server->script = {kExpired, ScriptedAnswer::respond(200, R"({"token":"t"})")};
        QSignalSpy refused(&m_client->renewal(), &SessionRenewal::refused);
        const ApiResult r = run(m_client->devices());
        QCOMPARE(r.error->kind, ApiError::Kind::Unauthorized);
        QCOMPARE(refused.size(), 1);
        QVERIFY(refused.first().first().toString().contains(QStringLiteral("malformed")));
        QCOMPARE(m_client->token(), QByteArray("tok-1"));
    }

    // The refresh token may not have been used: it is kept for the next try, and the
    // session is not declared over.
    void aRefreshThatCannotReachTheCloudKeepsTheRefreshToken() {
        m_server->script = {kExpired, ScriptedAnswer::reset()};
        QSignalSpy expired(&m_client->renewal(), &SessionRenewal::expired);
        const ApiResult r = run(m_client->devices());
        QCOMPARE(r.error->kind, ApiError::Kind::Unauthorized);
        QCOMPARE(expired.size(), 0);
        QVERIFY(m_client->renewal().canRenew());
        QCOMPARE(m_client->renewal().refreshToken(), QByteArray("ref-1"));
        // ApiCall never sends it again; Qt's HTTP layer itself sends a request once more when
        // the kept-alive connection it used turns out closed, hence at most two.
        QVERIFY(refreshRequests() >= 1 && refreshRequests() <= 2);
    }

    // A call sent before a renewal, answered 401 after it, needs no other refresh.
    void aCallWithAnOlderTokenTriesAgainWithTheCurrentOne() {
        m_client->setToken("tok-5");
        std::optional<QByteArray> given;
        bool called = false;
        QObject context;
        m_client->renewal().renewAfterUnauthorized("tok-4", &context,
                                                   [&](std::optional<QByteArray> token) {
                                                       given = token;
                                                       called = true;
                                                   });
        QTRY_VERIFY(called);
        QCOMPARE(given, std::optional<QByteArray>("tok-5"));
        QCOMPARE(m_server->requests.size(), 0);
    }

    // Every call that meets a 401 while a refresh is in flight waits for that one: a second
    // refresh with the same token would be a replay (the cloud revokes the sign-in).
    void callsMeeting401MeanwhileShareTheRefreshInFlight() {
        m_server->script = {refreshed("tok-2", "ref-2")};
        QObject context;
        QList<std::optional<QByteArray>> given;
        for (int i = 0; i < 3; ++i)
            m_client->renewal().renewAfterUnauthorized(
                "tok-1", &context, [&](std::optional<QByteArray> token) { given << token; });
        QTRY_COMPARE(given.size(), 3);
        for (const auto &token : given)
            QCOMPARE(token, std::optional<QByteArray>("tok-2"));
        QCOMPARE(refreshRequests(), 1);
    }

    void theLoginTheRefreshAndTheSignOutNeverRenew() {
        m_server->script = {kExpired};
        QCOMPARE(run(m_client->login(QStringLiteral("a"), QStringLiteral("b"))).error->kind,
                 ApiError::Kind::Unauthorized);
        QCOMPARE(run(m_client->deleteSession()).error->kind, ApiError::Kind::Unauthorized);
        QCOMPARE(run(m_client->refreshSession("ref-1")).error->kind, ApiError::Kind::Unauthorized);
        QCOMPARE(refreshRequests(), 1); // the explicit one
        QCOMPARE(m_server->requests.size(), 3);
    }

    void endDropsTheSessionAndItsWaiters() {
        m_server->script = {ScriptedAnswer::stall()};
        QObject context;
        bool called = false;
        std::optional<QByteArray> given = "x";
        m_client->renewal().renewAfterUnauthorized("tok-1", &context,
                                                   [&](std::optional<QByteArray> token) {
                                                       given = token;
                                                       called = true;
                                                   });
        QTRY_COMPARE(refreshRequests(), 1);
        m_client->renewal().end();
        QTRY_VERIFY(called);
        QVERIFY(!given);
        QVERIFY(!m_client->renewal().canRenew());
    }

    void theTimerRenewsAFifthOfTheLifetimeBeforeTheExpiry() {
        QCOMPARE(SessionRenewal::renewalDelayMs(0, 3600 * 1000), qint64(3300 * 1000)); // 5 min
        QCOMPARE(SessionRenewal::renewalDelayMs(0, 600 * 1000), qint64(480 * 1000));   // 1/5
        QCOMPARE(SessionRenewal::renewalDelayMs(0, 20 * 1000), qint64(15 * 1000));     // 5 s
        QCOMPARE(SessionRenewal::renewalDelayMs(0, 3 * 1000), qint64(0));
        QCOMPARE(SessionRenewal::renewalDelayMs(10 * 1000, 5 * 1000), qint64(0)); // expired
    }

    void aTokenAboutToExpireIsRenewedByTheTimer() {
        m_server->script = {refreshed("tok-2", "ref-2")};
        QSignalSpy renewed(&m_client->renewal(), &SessionRenewal::renewed);
        m_client->renewal().begin("ref-1", QDateTime::currentMSecsSinceEpoch() + 1000);
        QVERIFY(renewed.wait(5000));
        QCOMPARE(m_client->token(), QByteArray("tok-2"));
        QCOMPARE(refreshRequests(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSessionRenewal)
#include "tst_session_renewal.moc"
