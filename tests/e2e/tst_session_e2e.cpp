// Sessions that last (cloud-api.md §1 v2), the client core against the reference cloud
// with a clock the test moves: an expired token is renewed once, however many calls meet
// the 401 together (a second refresh with the same token would be a replay, and the cloud
// would revoke the sign-in), and the sync goes on; a refresh the cloud refuses asks for the
// password again and keeps the verified events; a renewed identity the client cannot accept
// signs out; signing out revokes the session at the cloud.
#include "E2eClient.h"
#include "FakeHttpServer.h"
#include "Store.h"
#include "TestCloud.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace vf;
using vf::cloud::test::TestCloud;
using vf::e2e::E2eClient;
using vf::test::FakeHttpServer;
using vf::test::ScriptedAnswer;

class SessionE2eTest : public QObject {
    Q_OBJECT

    QTemporaryDir cloudDir;
    TestCloud cloud;
    std::shared_ptr<const trust::TrustAnchors> anchors;
    std::unique_ptr<QTemporaryDir> clientDir;
    // The cloud's clock runs this far from the real one.
    static inline std::atomic<qint64> s_offsetMs = 0;

    QString password(const QString &user) const { return cloud.world().user(user)->password; }

    std::unique_ptr<E2eClient> newClient() {
        return std::make_unique<E2eClient>(cloud.host().url(), clientDir->path(), anchors);
    }

    // Signs in while the cloud's clock is two hours behind: the token, an hour long, looks
    // expired to the client at once, which renews it (still on the cloud's late clock); then
    // the cloud's clock is set right, and the renewed token has expired too (the identity,
    // a day long, is valid throughout). The next proactive renewal is a minute away.
    QString signInThenExpire(E2eClient &client, const QString &user) {
        QSignalSpy renewed(&client.session(), &sync::ClientSession::sessionRenewed);
        s_offsetMs = -2 * 3600 * 1000;
        QString error = client.signIn(user, password(user));
        if (error.isEmpty() && renewed.isEmpty() && !renewed.wait(10000))
            error = QStringLiteral("the token that looked expired was not renewed");
        s_offsetMs = 0;
        return error;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(cloudDir.isValid());
        cloud::CloudConfig config;
        config.dataDir = cloudDir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        config.sessions.clockMs = [] {
            return QDateTime::currentMSecsSinceEpoch() + s_offsetMs.load();
        };
        const QString error = cloud.start(std::move(config));
        QVERIFY2(error.isEmpty(), qPrintable(error));
        auto loaded = cloud.host().trustAnchors();
        QVERIFY2(loaded.anchors, qPrintable(loaded.error));
        anchors = loaded.anchors;
    }

    void init() {
        s_offsetMs = 0;
        clientDir = std::make_unique<QTemporaryDir>();
        QVERIFY(clientDir->isValid());
    }

    void theLoginKeepsTheRefreshTokenAndTheExpiry() {
        auto client = newClient();
        QCOMPARE(client->signIn(QStringLiteral("alice"), password(QStringLiteral("alice"))),
                 QString());
        net::SessionRenewal &renewal = client->session().api().renewal();
        QVERIFY(renewal.canRenew());
        QVERIFY(renewal.expiresAtMs());
        const qint64 left = *renewal.expiresAtMs() - QDateTime::currentMSecsSinceEpoch();
        QVERIFY2(left > 3500 * 1000 && left <= 3600 * 1000, qPrintable(QString::number(left)));
    }

    // The revocations, the listing and the reports all meet the 401 at once: one refresh.
    void anExpiredTokenIsRenewedOnceAndTheSyncGoesOn() {
        auto client = newClient();
        QCOMPARE(signInThenExpire(*client, QStringLiteral("alice")), QString());
        sync::ClientSession &session = client->session();
        QSignalSpy renewed(&session, &sync::ClientSession::sessionRenewed);
        QSignalSpy failed(&session, &sync::ClientSession::signInFailed);
        const QByteArray before = session.api().token();
        const int renewedBefore = int(renewed.size());
        session.refresh();
        QCOMPARE(client->waitIdle(), QString());
        QCOMPARE(failed.size(), 0);
        QCOMPARE(session.state(), sync::ClientSession::State::Ready);
        QVERIFY2(renewed.size() - renewedBefore == 1,
                 "more than one refresh for one expiry: a replay would revoke the sign-in");
        QVERIFY(session.api().token() != before);
        // The renewed token works at the cloud, and the rotated refresh token is the one held.
        const QByteArray refreshToken = renewed.last().first().toByteArray();
        QCOMPARE(session.api().renewal().refreshToken(), refreshToken);
        QCOMPARE(cloud.client().get(QStringLiteral("/v1/devices"), session.api().token()).status,
                 200);
        QVERIFY(session.store()->events().count(session.userId()) > 0);
    }

    // The refresh token was used elsewhere (stolen and replayed, say): the cloud revokes the
    // sign-in; the client asks for the password again and keeps the verified events.
    void aRevokedSignInAsksForThePasswordAndKeepsTheEvents() {
        auto client = newClient();
        QCOMPARE(client->signIn(QStringLiteral("bob"), password(QStringLiteral("bob"))), QString());
        sync::ClientSession &session = client->session();
        const QString account = session.userId();
        const int stored = session.store()->events().count(account);
        QVERIFY(stored > 0);
        const QByteArray stolen = session.api().renewal().refreshToken();
        QVERIFY(!stolen.isEmpty());
        // Someone else renews with it first (rotation), then the client presents it: a replay.
        const auto first = cloud.client().post(QStringLiteral("/v1/session/refresh"),
                                               R"({"refresh_token":")" + stolen + R"("})");
        QCOMPARE(first.status, 200);
        QSignalSpy failed(&session, &sync::ClientSession::signInFailed);
        session.api().renewal().renewNow();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().toString(), QStringLiteral("session_expired"));
        // The thief's renewed token dies with the sign-in too.
        const QByteArray thief = QJsonDocument::fromJson(first.body)["token"].toString().toUtf8();
        QCOMPARE(cloud.client().get(QStringLiteral("/v1/devices"), thief).status, 401);
        QCOMPARE(session.state(), sync::ClientSession::State::Failed);
        QVERIFY(!session.api().renewal().canRenew());
        QVERIFY(session.api().token().isEmpty());
        QCOMPARE(session.store()->events().count(account), stored);
    }

    // trust.md §8 for every refresh (cloud-api.md §1 v2): a cloud that renews alice's
    // session with an identity naming another account, or one its authority did not sign,
    // signs her out at once; nothing more is sent in her name. A scripted cloud, with
    // identities signed by the demo world's ownership authority (the client's anchors).
    void aRenewedIdentityThatIsNotTheAccountsSignsOut_data() {
        QTest::addColumn<QString>("sub");  // "alice", "bob" or "forged"
        QTest::addColumn<QString>("name"); // the identity's username
        QTest::addColumn<QString>("detail");
        QTest::newRow("another account, same name") << "bob"
                                                    << "alice"
                                                    << "the renewed identity names another account";
        QTest::newRow("another account") << "bob"
                                         << "bob"
                                         << "";
        QTest::newRow("not signed by the authority") << "forged"
                                                     << "alice"
                                                     << "";
    }
    void aRenewedIdentityThatIsNotTheAccountsSignsOut() {
        QFETCH(QString, sub);
        QFETCH(QString, name);
        QFETCH(QString, detail);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        auto identity = [&](const QString &user, const QString &username) {
            pki::IdentityPayload p;
            p.userId = cloud.userId(user);
            p.username = username;
            p.nbf = now - 60;
            p.exp = now + 3600;
            return cloud.world().pki.signIdentity(p).toBase64();
        };
        auto answer = [&](const QByteArray &token, const QString &userId,
                          const QByteArray &identity, const QByteArray &refreshToken) {
            return ScriptedAnswer::respond(
                200, R"({"token":")" + token + R"(","user_id":")" + userId.toUtf8() +
                         R"(","identity":")" + identity + R"(","expires_at":)" +
                         QByteArray::number((now + 3600) * 1000) + R"(,"refresh_token":")" +
                         refreshToken + R"("})");
        };
        QByteArray renewedIdentity;
        if (sub == QLatin1String("forged")) {
            // Well formed, but signed by a key of the test's own, not the authority's.
            const pki::TestPki other = pki::TestPki::create();
            pki::IdentityPayload p;
            p.userId = cloud.userId(QStringLiteral("alice"));
            p.username = name;
            p.nbf = now - 60;
            p.exp = now + 3600;
            renewedIdentity = other.signIdentity(p).toBase64();
        } else {
            renewedIdentity = identity(sub, name);
        }
        const QString renewedUser = cloud.userId(sub == QLatin1String("bob") ? sub : "alice");
        FakeHttpServer server;
        server.script = {
            answer("tok-1", cloud.userId(QStringLiteral("alice")),
                   identity(QStringLiteral("alice"), QStringLiteral("alice")), "ref-1"),
            ScriptedAnswer::respond(401, R"({"error":"token expired"})"),
            answer("tok-2", renewedUser, renewedIdentity, "ref-2"),
        };
        E2eClient client(QUrl(server.baseUrl()), clientDir->path(), anchors);
        sync::ClientSession &session = client.session();
        QSignalSpy failed(&session, &sync::ClientSession::signInFailed);
        QSignalSpy renewed(&session, &sync::ClientSession::sessionRenewed);
        session.signIn(QStringLiteral("alice"), QStringLiteral("pw"));
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().toString(), QStringLiteral("identity_mismatch"));
        if (!detail.isEmpty())
            QVERIFY2(failed.first().at(1).toString().contains(detail),
                     qPrintable(failed.first().at(1).toString()));
        QCOMPARE(renewed.size(), 0);
        QVERIFY(session.userId().isEmpty());
        QVERIFY(session.api().token().isEmpty());
        QVERIFY(!session.api().renewal().canRenew());
        // Nothing after the refusal: login, the 401, the refresh.
        const qsizetype sent = server.requests.size();
        QTest::qWait(300);
        QCOMPARE(server.requests.size(), sent);
        QVERIFY(server.requests.at(2).startsWith("POST /v1/session/refresh"));
    }

    // A later run resumes the kept sign-in with its refresh token alone (automation.md v2,
    // --user NAME without a password), on the same data directory as a restart would.
    void aKeptSessionResumesWithoutThePassword() {
        QString userId;
        QByteArray refreshToken;
        {
            auto first = newClient();
            QCOMPARE(first->signIn(QStringLiteral("alice"), password(QStringLiteral("alice"))),
                     QString());
            userId = first->session().userId();
            refreshToken = first->session().api().renewal().refreshToken();
        }
        auto client = newClient();
        sync::ClientSession &session = client->session();
        QSignalSpy renewed(&session, &sync::ClientSession::sessionRenewed);
        QSignalSpy signedIn(&session, &sync::ClientSession::signedIn);
        session.resume(QStringLiteral("alice"), userId, refreshToken);
        QCOMPARE(client->waitIdle(), QString());
        QCOMPARE(session.state(), sync::ClientSession::State::Ready);
        QCOMPARE(session.userId(), userId);
        QCOMPARE(session.username(), QStringLiteral("alice"));
        QCOMPARE(signedIn.size(), 1);
        QCOMPARE(renewed.size(), 1); // the rotated refresh token, to keep
        QVERIFY(renewed.first().first().toByteArray() != refreshToken);
        QVERIFY(session.store()->events().count(userId) > 0);
        QCOMPARE(client->recordsOfType(QStringLiteral("signed_in")).size(), 1);
    }

    // The kept token is checked like a login: the renewed identity must name the account
    // it was kept for, a used token asks for the password, and no cloud keeps it for later.
    void aResumeThatIsNotPossibleFailsLikeASignIn() {
        const QString alice = cloud.userId(QStringLiteral("alice"));
        auto signedInToken = [&] {
            auto c = newClient();
            if (!c->signIn(QStringLiteral("alice"), password(QStringLiteral("alice"))).isEmpty())
                return QByteArray();
            return c->session().api().renewal().refreshToken();
        };
        {
            // Kept as bob's: the cloud renews alice's sign-in, whose identity names alice.
            auto client = newClient();
            QSignalSpy failed(&client->session(), &sync::ClientSession::signInFailed);
            client->session().resume(QStringLiteral("alice"), cloud.userId(QStringLiteral("bob")),
                                     signedInToken());
            QVERIFY(failed.wait(10000));
            QCOMPARE(failed.first().first().toString(), QStringLiteral("identity_mismatch"));
            QVERIFY(client->session().userId().isEmpty());
            QVERIFY(client->session().api().token().isEmpty());
        }
        {
            // Already used (rotated): the cloud revokes the sign-in; the password is needed.
            const QByteArray used = signedInToken();
            QCOMPARE(cloud.client()
                         .post(QStringLiteral("/v1/session/refresh"),
                               R"({"refresh_token":")" + used + R"("})")
                         .status,
                     200);
            auto client = newClient();
            QSignalSpy failed(&client->session(), &sync::ClientSession::signInFailed);
            client->session().resume(QStringLiteral("alice"), alice, used);
            QVERIFY(failed.wait(10000));
            QCOMPARE(failed.first().first().toString(), QStringLiteral("session_expired"));
            QCOMPARE(client->session().state(), sync::ClientSession::State::Failed);
        }
        {
            // No cloud: a network failure; the refresh token is not spent.
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost));
            const QUrl nowhere(QStringLiteral("http://127.0.0.1:%1").arg(closed.serverPort()));
            closed.close();
            E2eClient client(nowhere, clientDir->path(), anchors,
                             [](sync::ClientOptions &o) { o.retryBaseDelayMs = 10; });
            QSignalSpy failed(&client.session(), &sync::ClientSession::signInFailed);
            client.session().resume(QStringLiteral("alice"), alice, "ref-kept");
            QVERIFY(failed.wait(10000));
            QCOMPARE(failed.first().first().toString(), QStringLiteral("network"));
            QVERIFY(client.session().api().renewal().canRenew());
        }
    }

    // The person types a password while a kept session is being resumed: the resume is
    // dropped, and only the account typed starts (never the kept one after it).
    void aPasswordSignInDuringAResumeStartsOnlyTheTypedAccount() {
        QByteArray aliceToken;
        {
            auto first = newClient();
            QCOMPARE(first->signIn(QStringLiteral("alice"), password(QStringLiteral("alice"))),
                     QString());
            aliceToken = first->session().api().renewal().refreshToken();
        }
        auto client = newClient();
        sync::ClientSession &session = client->session();
        QSignalSpy signedIn(&session, &sync::ClientSession::signedIn);
        session.resume(QStringLiteral("alice"), cloud.userId(QStringLiteral("alice")), aliceToken);
        QCOMPARE(client->signIn(QStringLiteral("bob"), password(QStringLiteral("bob"))), QString());
        QTest::qWait(500); // a resume left running would answer in this time
        QCOMPARE(signedIn.size(), 1);
        QCOMPARE(signedIn.first().first().toString(), cloud.userId(QStringLiteral("bob")));
        QCOMPARE(session.userId(), cloud.userId(QStringLiteral("bob")));
        QCOMPARE(session.username(), QStringLiteral("bob"));
    }

    void signingOutRevokesTheSessionAtTheCloud() {
        auto client = newClient();
        QCOMPARE(client->signIn(QStringLiteral("alice"), password(QStringLiteral("alice"))),
                 QString());
        sync::ClientSession &session = client->session();
        const QByteArray token = session.api().token();
        const QByteArray refreshToken = session.api().renewal().refreshToken();
        QCOMPARE(cloud.client().get(QStringLiteral("/v1/devices"), token).status, 200);
        session.signOut();
        QTRY_COMPARE(cloud.client().get(QStringLiteral("/v1/devices"), token).status, 401);
        const auto refresh = cloud.client().post(QStringLiteral("/v1/session/refresh"),
                                                 R"({"refresh_token":")" + refreshToken + R"("})");
        QCOMPARE(refresh.status, 401);
        QVERIFY(!session.api().renewal().canRenew());
    }
};

QTEST_GUILESS_MAIN(SessionE2eTest)
#include "tst_session_e2e.moc"
