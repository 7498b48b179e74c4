// Sessions that last (cloud-api.md §1 v2) on the reference cloud: the login's expiry and
// refresh token, a token refused once expired, refresh tokens that rotate, a replayed one
// revoking its whole sign-in, DELETE /v1/session, garbage refresh bodies, --token-ttl, and a
// version 1 database migrated in place. The cloud runs on a clock the test moves: nothing
// here sleeps or measures time.
#include "CloudDatabase.h"
#include "IdentityToken.h"
#include "TestCloud.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>

using namespace vf::cloud;
using namespace vf::cloud::test;

namespace {

constexpr qint64 kTtlS = 600;

QByteArray refreshBody(const QString &refreshToken) {
    return QJsonDocument(QJsonObject{{QStringLiteral("refresh_token"), refreshToken}}).toJson();
}

QString str(const QJsonObject &o, const char *key) {
    return o.value(QLatin1String(key)).toString();
}

} // namespace

class TestCloudSessions : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestCloud m_cloud;
    // The cloud's clock, in ms since the epoch; starts at the real time so identities carry
    // a sensible window.
    std::shared_ptr<std::atomic<qint64>> m_nowMs =
        std::make_shared<std::atomic<qint64>>(QDateTime::currentMSecsSinceEpoch());

    CloudTestClient &client() { return m_cloud.client(); }
    void advance(qint64 ms) { *m_nowMs += ms; }

    QString startCloud() {
        CloudConfig config;
        config.dataDir = m_dir.path();
        config.demo = true;
        config.seed = TestCloud::kSeed;
        config.sessions.tokenTtlS = kTtlS;
        config.sessions.clockMs = [now = m_nowMs] { return now->load(); };
        return m_cloud.start(std::move(config));
    }

    // The login answer of a demo account (200 checked).
    QJsonObject signIn(const QString &username) {
        const DemoUser *user = m_cloud.world().user(username);
        if (!user)
            return {};
        const HttpResult r =
            client().post(QStringLiteral("/v1/session"),
                          QJsonDocument(QJsonObject{{QStringLiteral("username"), user->username},
                                                    {QStringLiteral("password"), user->password}})
                              .toJson());
        return r.status == 200 ? r.json() : QJsonObject();
    }
    HttpResult refresh(const QString &refreshToken) {
        return client().post(QStringLiteral("/v1/session/refresh"), refreshBody(refreshToken));
    }
    int devicesStatus(const QString &token) {
        return client().get(QStringLiteral("/v1/devices"), token).status;
    }
    HttpResult signOut(const QString &token) {
        return client().send("DELETE", QStringLiteral("/v1/session"), {}, token, {});
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString error = startCloud();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { m_cloud.stop(); }

    void loginAnswersExpiryAndRefreshToken() {
        const QJsonObject o = signIn(QStringLiteral("alice"));
        QCOMPARE(o.keys(),
                 (QStringList{"expires_at", "identity", "refresh_token", "token", "user_id"}));
        QVERIFY(o.value(QStringLiteral("expires_at")).isDouble());
        QCOMPARE(o.value(QStringLiteral("expires_at")).toInteger(), m_nowMs->load() + kTtlS * 1000);
        QCOMPARE(str(o, "refresh_token").size(), 64);
        QVERIFY(str(o, "refresh_token") != str(o, "token"));
        QCOMPARE(str(o, "user_id"), m_cloud.userId(QStringLiteral("alice")));
    }

    void anExpiredTokenIsRefused() {
        const QJsonObject o = signIn(QStringLiteral("bob"));
        const QString token = str(o, "token");
        const qint64 expiresAt = o.value(QStringLiteral("expires_at")).toInteger();
        QCOMPARE(devicesStatus(token), 200);
        *m_nowMs = expiresAt - 1;
        QCOMPARE(devicesStatus(token), 200);
        *m_nowMs = expiresAt;
        for (const QString &path : {QStringLiteral("/v1/devices"), QStringLiteral("/v1/events"),
                                    QStringLiteral("/v1/trust/revocations")}) {
            const HttpResult r = client().get(path, token);
            QVERIFY2(r.status == 401, qPrintable(path));
            QVERIFY(r.header("content-type").startsWith("application/json"));
            QVERIFY2(str(r.json(), "error").contains(QLatin1String("expired")), r.body.constData());
            QCOMPARE(r.header("www-authenticate"), QByteArray("Bearer"));
        }
        // Its refresh token still renews the sign-in: that is what it is for.
        const HttpResult renewed = refresh(str(o, "refresh_token"));
        QCOMPARE(renewed.status, 200);
        QCOMPARE(devicesStatus(str(renewed.json(), "token")), 200);
    }

    void refreshAnswersLikeALoginAndRotates() {
        const QJsonObject login = signIn(QStringLiteral("alice"));
        QString refreshToken = str(login, "refresh_token");
        QStringList seenTokens{str(login, "token")};
        QStringList seenRefreshTokens{refreshToken};
        const auto anchors = m_cloud.host().trustAnchors();
        QVERIFY2(anchors.anchors, qPrintable(anchors.error));
        for (int round = 0; round < 3; ++round) {
            advance(kTtlS * 1000 / 2);
            const HttpResult r = refresh(refreshToken);
            QCOMPARE(r.status, 200);
            const QJsonObject o = r.json();
            QCOMPARE(o.keys(), login.keys());
            QCOMPARE(str(o, "user_id"), str(login, "user_id"));
            QCOMPARE(o.value(QStringLiteral("expires_at")).toInteger(),
                     m_nowMs->load() + kTtlS * 1000);
            QVERIFY(!seenTokens.contains(str(o, "token")));
            QVERIFY(!seenRefreshTokens.contains(str(o, "refresh_token")));
            // A fresh identity, checked as the client checks a login's (trust.md §8).
            const auto identity = vf::trust::verifyIdentityToken(
                QByteArray::fromBase64(str(o, "identity").toLatin1()), QStringLiteral("alice"),
                *anchors.anchors, m_nowMs->load() / 1000);
            QVERIFY2(identity.valid, qPrintable(identity.detail));
            QCOMPARE(identity.userId, str(login, "user_id"));
            QCOMPARE(devicesStatus(str(o, "token")), 200);
            seenTokens << str(o, "token");
            seenRefreshTokens << str(o, "refresh_token");
            refreshToken = str(o, "refresh_token");
        }
    }

    void aReplayedRefreshTokenRevokesTheWholeSignIn() {
        const QJsonObject login = signIn(QStringLiteral("alice"));
        const QJsonObject other = signIn(QStringLiteral("alice")); // another device
        const HttpResult first = refresh(str(login, "refresh_token"));
        QCOMPARE(first.status, 200);
        const QJsonObject current = first.json();
        QCOMPARE(devicesStatus(str(current, "token")), 200);
        QCOMPARE(devicesStatus(str(login, "token")), 200); // runs out on its own, not revoked
        // The used token again (a thief's copy, or the owner's after the thief's refresh).
        const HttpResult replay = refresh(str(login, "refresh_token"));
        QCOMPARE(replay.status, 401);
        QVERIFY(replay.json().contains(QStringLiteral("error")));
        // Every token of that sign-in stops working: both access tokens, the live refresh one.
        QCOMPARE(devicesStatus(str(login, "token")), 401);
        QCOMPARE(devicesStatus(str(current, "token")), 401);
        QCOMPARE(refresh(str(current, "refresh_token")).status, 401);
        // The account's other sign-in is another family: untouched.
        QCOMPARE(devicesStatus(str(other, "token")), 200);
        QCOMPARE(refresh(str(other, "refresh_token")).status, 200);
    }

    void racingRefreshesOfOneTokenAreAReplay() {
        // Two refreshes with one token at once: one may rotate it, the other is then a replay,
        // and the sign-in ends either way; never two live families from one token.
        const QJsonObject login = signIn(QStringLiteral("carol"));
        QNetworkAccessManager network;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 2; ++i) {
            QNetworkRequest request(client().base().resolved(QUrl("/v1/session/refresh")));
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
            replies << network.post(request, refreshBody(str(login, "refresh_token")));
        }
        QList<int> statuses;
        QStringList tokens;
        for (QNetworkReply *reply : replies) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            QVERIFY(reply->isFinished() || finished.wait(30'000));
            statuses << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            tokens << str(QJsonDocument::fromJson(reply->readAll()).object(), "token");
            reply->deleteLater();
        }
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses, (QList<int>{200, 401}));
        for (const QString &token : std::as_const(tokens))
            if (!token.isEmpty())
                QCOMPARE(devicesStatus(token), 401);
        QCOMPARE(devicesStatus(str(login, "token")), 401);
    }

    void unknownAndExpiredRefreshTokensAreRefused() {
        QCOMPARE(refresh(QString(64, QLatin1Char('0'))).status, 401);
        const QJsonObject login = signIn(QStringLiteral("bob"));
        // An access token is not a refresh token.
        QCOMPARE(refresh(str(login, "token")).status, 401);
        QCOMPARE(devicesStatus(str(login, "token")), 200); // ... and refusing it revoked nothing
        const qint64 signedInAt = m_nowMs->load();
        *m_nowMs = signedInAt + 90LL * 24 * 3600 * 1000;
        const HttpResult late = refresh(str(login, "refresh_token"));
        QCOMPARE(late.status, 401);
        QVERIFY(late.json().contains(QStringLiteral("error")));
        // One millisecond within its 90 days it would still have worked.
        const QJsonObject again = signIn(QStringLiteral("bob"));
        advance(90LL * 24 * 3600 * 1000 - 1);
        QCOMPARE(refresh(str(again, "refresh_token")).status, 200);
    }

    void deleteRevokesTheTokenAndItsRefreshToken() {
        const QJsonObject login = signIn(QStringLiteral("alice"));
        const QJsonObject other = signIn(QStringLiteral("alice"));
        const HttpResult r = signOut(str(login, "token"));
        QCOMPARE(r.status, 204);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(devicesStatus(str(login, "token")), 401);
        QCOMPARE(refresh(str(login, "refresh_token")).status, 401);
        QCOMPARE(signOut(str(login, "token")).status, 401); // already signed out
        QCOMPARE(devicesStatus(str(other, "token")), 200);  // another sign-in: untouched
        const HttpResult anonymous = signOut({});
        QCOMPARE(anonymous.status, 401);
        QVERIFY(anonymous.json().contains(QStringLiteral("error")));
        QCOMPARE(signOut(QStringLiteral("not-a-token")).status, 401);
    }

    void deleteWithAnExpiredTokenStillSignsOut() {
        // Signing out only takes access away, so a token past its expiry may still end the
        // sign-in that its refresh token would otherwise keep alive.
        const QJsonObject login = signIn(QStringLiteral("carol"));
        advance(kTtlS * 1000);
        QCOMPARE(devicesStatus(str(login, "token")), 401);
        QCOMPARE(signOut(str(login, "token")).status, 204);
        QCOMPARE(refresh(str(login, "refresh_token")).status, 401);
    }

    void badRefreshBodiesAre400() {
        for (const QByteArray &bad :
             {QByteArray("not json"), QByteArray("[1,2]"), QByteArray("{}"), QByteArray(),
              QByteArray(R"({"refresh_token":5})"), QByteArray(R"({"refresh_token":""})"),
              QByteArray(R"({"refresh_token":null})"), QByteArray(R"({"refresh_token":["x"]})"),
              QByteArray(R"({"refresh_token":"x")"), QByteArray(70 * 1024, '{')}) {
            const HttpResult r = client().post(QStringLiteral("/v1/session/refresh"), bad);
            QVERIFY2(r.status == 400, bad.left(40).constData());
            QVERIFY(r.json().contains(QStringLiteral("error")));
        }
        QCOMPARE(client().get(QStringLiteral("/v1/session/refresh")).status, 405);
        QCOMPARE(client().send("PUT", QStringLiteral("/v1/session"), {}, {}, {}).status, 405);
        // ... and the cloud still answers.
        QVERIFY(!signIn(QStringLiteral("alice")).isEmpty());
    }

    void tokenTtlFlag() {
        const auto parse = [](const QString &ttl) {
            return CloudConfig::fromArguments({QStringLiteral("--listen"),
                                               QStringLiteral("127.0.0.1:0"),
                                               QStringLiteral("--data"), QStringLiteral("/x"),
                                               QStringLiteral("--token-ttl"), ttl});
        };
        QCOMPARE(CloudConfig().sessions.tokenTtlS, qint64(3600));
        QCOMPARE(parse(QStringLiteral("120")).config->sessions.tokenTtlS, qint64(120));
        QCOMPARE(parse(QStringLiteral("7776000")).config->sessions.tokenTtlS, qint64(7'776'000));
        for (const char *bad : {"0", "-5", "7776001", "1h", "", "99999999999999999999"}) {
            const auto parsed = parse(QLatin1String(bad));
            QVERIFY2(!parsed.config, bad);
            QVERIFY2(parsed.error.startsWith(QLatin1String("--token-ttl")), bad);
        }
        QVERIFY(CloudConfig::usage().contains(QLatin1String("--token-ttl SECONDS")));
        // A config filled in directly is refused at start too.
        CloudConfig config;
        config.dataDir = m_dir.path() + QStringLiteral("/never");
        config.sessions.tokenTtlS = 0;
        CloudHost host(config);
        QVERIFY(host.start().contains(QLatin1String("--token-ttl")));
    }

    // Last: it restarts the cloud on a database turned back into schema version 1.
    void aVersion1DatabaseIsMigrated() {
        const QString alice = m_cloud.userId(QStringLiteral("alice"));
        m_cloud.stop();
        {
            // Version 1 as it was: sessions without sign-in or expiry, no sign-in tables.
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("downgrade"));
            db.setDatabaseName(m_dir.path() + QStringLiteral("/cloud.sqlite"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *statement :
                 {"DROP TABLE refresh_tokens", "DROP INDEX sessions_by_sign_in",
                  "CREATE TABLE sessions_v1(token TEXT PRIMARY KEY, user_id TEXT NOT NULL"
                  " REFERENCES users(id), created_ms INTEGER NOT NULL)",
                  "DROP TABLE sessions", "DROP TABLE sign_ins",
                  "ALTER TABLE sessions_v1 RENAME TO sessions", "PRAGMA user_version = 1"})
                QVERIFY2(q.exec(QLatin1String(statement)), qPrintable(q.lastError().text()));
            q.prepare(QStringLiteral("INSERT INTO sessions VALUES('v1-token', ?, 1)"));
            q.addBindValue(alice);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("downgrade"));
        const QString error = startCloud();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        {
            CloudDatabase database(m_dir.path() + QStringLiteral("/cloud.sqlite"));
            QSqlQuery q(database.connection());
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), CloudDatabase::kSchemaVersion);
            QVERIFY(
                q.exec(QStringLiteral("SELECT expires_ms FROM sessions WHERE token = 'v1-token'")));
            QVERIFY(q.next()); // kept, expired
            QCOMPARE(q.value(0).toLongLong(), 0);
        }
        // The world is reused; a token that never expired does now, and sign-ins work.
        QCOMPARE(m_cloud.userId(QStringLiteral("alice")), alice);
        const HttpResult old =
            client().get(QStringLiteral("/v1/devices"), QStringLiteral("v1-token"));
        QCOMPARE(old.status, 401);
        QVERIFY(str(old.json(), "error").contains(QLatin1String("expired")));
        QCOMPARE(signOut(QStringLiteral("v1-token")).status, 401);
        const QJsonObject login = signIn(QStringLiteral("alice"));
        QCOMPARE(devicesStatus(str(login, "token")), 200);
        const HttpResult renewed = refresh(str(login, "refresh_token"));
        QCOMPARE(renewed.status, 200);
        QCOMPARE(signOut(str(renewed.json(), "token")).status, 204);
    }
};

QTEST_GUILESS_MAIN(TestCloudSessions)
#include "tst_cloud_sessions.moc"
