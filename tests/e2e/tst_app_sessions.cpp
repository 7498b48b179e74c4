// The app staying signed in (cloud-api.md §1 v2, automation.md v2), driven through its
// command line against the reference cloud, beside a real Secret Service of its own
// (ctest runs this through tests/secrets/with-keyring.sh): a sign-in with the password keeps
// the session in the keyring, and a later run resumes it by name, or the last one without
// --user; --no-remember keeps nothing; --sign-out revokes the session at the cloud and
// deletes the keyring entry and the account's data; with no secret store at all the app
// signs in with the password, says it cannot keep the session, and keeps nothing.
#include "JsonLines.h"
#include "Store.h"
#include "TestCloud.h"

#include <QCryptographicHash>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vf;

class AppSessionsTest : public QObject {
    Q_OBJECT

    QTemporaryDir cloudDir;
    cloud::test::TestCloud cloud;
    std::unique_ptr<QTemporaryDir> dir;

    struct Run {
        int exitCode = -1;
        QList<QJsonObject> log;
        QByteArray stderrText;
        int count(const QString &type) const {
            int n = 0;
            for (const QJsonObject &r : log)
                n += r.value("type").toString() == type;
            return n;
        }
    };

    QString passwordFile(const QString &user) {
        const QString path = dir->filePath(user + ".pw");
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(cloud.world().user(user)->password.toUtf8() + "\n");
        return path;
    }

    Run runApp(const QStringList &extra, bool noSecretStore = false) {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.remove("VERIFRAME_PASSWORD");
        if (noSecretStore) // no session bus: no Secret Service (nor KWallet) answers
            env.insert("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + dir->filePath("no-bus"));
        app.setProcessEnvironment(env);
        const QString log = dir->filePath("automation.jsonl");
        QFile::remove(log);
        QStringList args{"--data-dir",
                         dir->filePath("data"),
                         "--automation-log",
                         log,
                         "--server",
                         cloud.host().url().toString(),
                         "--device-roots",
                         cloudDir.filePath("trust/device-roots.pem"),
                         "--owner-authorities",
                         cloudDir.filePath("trust/owner-authorities.pem")};
        if (!extra.contains("--sign-out"))
            args << "--quit-when-idle";
        args << extra;
        app.start(QStringLiteral(VF_APP), args);
        Run run;
        if (!app.waitForFinished(240000)) {
            app.kill();
            app.waitForFinished();
        }
        run.exitCode = app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
        run.stderrText = app.readAllStandardError();
        run.log = e2e::readJsonLines(log);
        return run;
    }

    // The keyring's items of the app (QtKeychain: attribute `server` is the service).
    static int keptItems() {
        QProcess tool;
        tool.start("secret-tool", {"search", "--all", "server", "org.veriframe.Veriframe"});
        if (!tool.waitForFinished(20000))
            return -1;
        const QByteArray out = tool.readAllStandardOutput();
        return int(out.count("\nlabel = ") + out.startsWith("label = "));
    }

    // The kept refresh token of user at the test cloud, as the keyring holds it.
    QByteArray keptToken(const QString &user) {
        QUrl origin = cloud.host().url().adjusted(QUrl::RemovePath);
        const QString key = origin.toString(QUrl::FullyEncoded) + ' ' + cloud.userId(user);
        QProcess tool;
        tool.start("secret-tool", {"lookup", "server", "org.veriframe.Veriframe", "user", key});
        return tool.waitForFinished(20000) ? tool.readAllStandardOutput().trimmed() : QByteArray();
    }
    // Whether the reference cloud revoked the sign-in that refresh token belongs to (its
    // database, read beside it: the API has no call for that).
    std::optional<bool> signInRevoked(const QByteArray &keptToken) {
        const QString name = QStringLiteral("cloud-probe");
        std::optional<bool> revoked;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", name);
            db.setDatabaseName(cloudDir.filePath("cloud.sqlite"));
            if (db.open()) {
                // QtKeychain may hand binary secrets to the Secret Service in base64.
                for (const QByteArray &token : {keptToken, QByteArray::fromBase64(keptToken)}) {
                    QSqlQuery q(db);
                    q.prepare("SELECT si.revoked_ms FROM refresh_tokens rt JOIN sign_ins si "
                              "ON si.id = rt.sign_in WHERE rt.sha256 = ?");
                    q.addBindValue(QCryptographicHash::hash(token, QCryptographicHash::Sha256));
                    if (q.exec() && q.next())
                        revoked = !q.value(0).isNull();
                }
            }
        }
        QSqlDatabase::removeDatabase(name);
        return revoked;
    }

    int storedEvents(const QString &user) {
        QString error;
        auto store = store::Store::open(dir->filePath("data/client"), &error);
        return store ? store->events().count(cloud.userId(user)) : -1;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY2(qEnvironmentVariableIsSet("VF_PRIVATE_KEYRING"),
                 "run through tests/secrets/with-keyring.sh (ctest does)");
        QVERIFY(cloud.start(cloudDir.path()).isEmpty());
    }
    void init() {
        dir = std::make_unique<QTemporaryDir>();
        QVERIFY(dir->isValid());
        QCOMPARE(keptItems(), 0);
    }
    void cleanup() {
        // Whatever a test kept goes: the next starts with an empty keyring.
        for (const char *user : {"alice", "bob"})
            runApp({"--sign-out", "--user", user});
        QCOMPARE(keptItems(), 0);
    }

    void aSignInIsKeptAndALaterRunResumesItWithoutThePassword() {
        Run first = runApp({"--user", "alice", "--password-file", passwordFile("alice")});
        QCOMPARE(first.exitCode, 0);
        QCOMPARE(first.count("signed_in"), 1);
        QCOMPARE(keptItems(), 2); // alice's token and the index
        // By name, without a password.
        Run byName = runApp({"--user", "alice"});
        QVERIFY2(byName.exitCode == 0, byName.stderrText.constData());
        QCOMPARE(byName.count("signed_in"), 1);
        QCOMPARE(byName.log.first().value("user_id").toString(), cloud.userId("alice"));
        QVERIFY(byName.count("idle") >= 1);
        // Without --user: the account signed in last.
        Run last = runApp({});
        QVERIFY2(last.exitCode == 0, last.stderrText.constData());
        QCOMPARE(last.count("signed_in"), 1);
        // Each resume rotated the kept token: still one entry for alice.
        QCOMPARE(keptItems(), 2);
    }

    void twoAccountsAreKeptApartAndTheLastSignedInIsTheDefault() {
        QCOMPARE(runApp({"--user", "alice", "--password-file", passwordFile("alice")}).exitCode, 0);
        QCOMPARE(runApp({"--user", "bob", "--password-file", passwordFile("bob")}).exitCode, 0);
        QCOMPARE(keptItems(), 3);
        Run last = runApp({});
        QCOMPARE(last.exitCode, 0);
        QCOMPARE(last.log.first().value("user_id").toString(), cloud.userId("bob"));
        Run alice = runApp({"--user", "alice"});
        QCOMPARE(alice.exitCode, 0);
        QCOMPARE(alice.log.first().value("user_id").toString(), cloud.userId("alice"));
        // Resumed last, alice is now the default.
        QCOMPARE(runApp({}).log.first().value("user_id").toString(), cloud.userId("alice"));
    }

    void noRememberKeepsNothing() {
        Run run =
            runApp({"--user", "alice", "--password-file", passwordFile("alice"), "--no-remember"});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(keptItems(), 0);
        Run again = runApp({"--user", "alice"});
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.stderrText.contains("no kept session for alice"),
                 again.stderrText.constData());
        QCOMPARE(again.count("signed_in"), 0);
    }

    void signOutRevokesDeletesTheSecretAndTheData() {
        QCOMPARE(runApp({"--user", "alice", "--password-file", passwordFile("alice")}).exitCode, 0);
        QVERIFY(storedEvents("alice") > 0);
        const QByteArray kept = keptToken("alice");
        QVERIFY(!kept.isEmpty());
        QCOMPARE(signInRevoked(kept), std::optional<bool>(false));
        Run out = runApp({"--sign-out", "--user", "alice"});
        QVERIFY2(out.exitCode == 0, out.stderrText.constData());
        // Revoked at the cloud (DELETE /v1/session; the resume that got a token for it used
        // the kept refresh token, which rotation alone would not revoke).
        QCOMPARE(signInRevoked(kept), std::optional<bool>(true));
        QCOMPARE(keptItems(), 0);
        QCOMPARE(storedEvents("alice"), 0);
        // Nothing left to resume with.
        QCOMPARE(runApp({"--user", "alice"}).exitCode, 1);
        // Nothing kept: still exit 0, said on stderr.
        Run none = runApp({"--sign-out", "--user", "alice"});
        QCOMPARE(none.exitCode, 0);
        QVERIFY(none.stderrText.contains("no kept session"));
    }

    void withoutASecretStoreThePasswordIsAskedNextTime() {
        Run run = runApp({"--user", "alice", "--password-file", passwordFile("alice")},
                         /*noSecretStore=*/true);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.count("signed_in"), 1);
        QVERIFY2(run.stderrText.contains("cannot keep the session"), run.stderrText.constData());
        QCOMPARE(keptItems(), 0);
        // No file of the app's holds a token either: the data dir has no refresh token.
        Run again = runApp({"--user", "alice"}, true);
        QCOMPARE(again.exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(AppSessionsTest)
#include "tst_app_sessions.moc"
