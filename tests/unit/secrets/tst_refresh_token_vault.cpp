// RefreshTokenVault against a real Secret Service: gnome-keyring-daemon on a private session
// bus, started by tests/secrets/with-keyring.sh (ctest runs this test through it). What the
// store holds is also asked of the Secret Service directly, with secret-tool (libsecret),
// not only through the vault. The state without any secret store is the child process
// vf_vault_operations_probe's, run with no session bus; a locked keyring's, run in a
// keyring of its own.
#include "RefreshTokenVault.h"

#include <QDirIterator>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using vf::secrets::RefreshTokenVault;
using vf::secrets::SecretStoreStatus;
using vf::secrets::SessionAccount;

namespace {

constexpr int kAnswerMs = 20000;

SessionAccount account(const char *server, const char *userId) {
    return SessionAccount::atServer(QUrl(QString::fromLatin1(server)), QString::fromLatin1(userId));
}

QByteArray freshToken() {
    return "rt-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

// secret-tool's output and exit status (0: found) for the given attributes.
struct SecretTool {
    int exitCode = -1;
    QByteArray output;
};

SecretTool secretTool(const QStringList &arguments) {
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"), arguments);
    if (!tool.waitForFinished(kAnswerMs))
        return {};
    return {tool.exitStatus() == QProcess::NormalExit ? tool.exitCode() : -1,
            tool.readAllStandardOutput()};
}

// QtKeychain's Secret Service items: attribute `server` is the service, `user` the key.
SecretTool lookUpItem(const QString &key) {
    return secretTool({QStringLiteral("lookup"), QStringLiteral("server"),
                       RefreshTokenVault::kService, QStringLiteral("user"), key});
}

int itemsOfTheService() {
    const SecretTool search = secretTool({QStringLiteral("search"), QStringLiteral("--all"),
                                          QStringLiteral("server"), RefreshTokenVault::kService});
    return int(search.output.count("\nlabel = ") + search.output.startsWith("label = "));
}

} // namespace

class TestRefreshTokenVault : public QObject {
    Q_OBJECT

    struct Loaded {
        SecretStoreStatus status = SecretStoreStatus::Unavailable;
        QByteArray token;
    };

    RefreshTokenVault m_vault;

    SecretStoreStatus store(const SessionAccount &who, const QByteArray &token) {
        QSignalSpy spy(&m_vault, &RefreshTokenVault::stored);
        m_vault.store(who, token);
        if (!spy.wait(kAnswerMs))
            return SecretStoreStatus::Unavailable;
        return spy.at(0).at(1).value<SecretStoreStatus>();
    }
    Loaded load(const SessionAccount &who) {
        QSignalSpy spy(&m_vault, &RefreshTokenVault::loaded);
        m_vault.load(who);
        if (!spy.wait(kAnswerMs))
            return {};
        return {spy.at(0).at(1).value<SecretStoreStatus>(), spy.at(0).at(2).toByteArray()};
    }
    SecretStoreStatus remove(const SessionAccount &who) {
        QSignalSpy spy(&m_vault, &RefreshTokenVault::removed);
        m_vault.remove(who);
        if (!spy.wait(kAnswerMs))
            return SecretStoreStatus::Unavailable;
        return spy.at(0).at(1).value<SecretStoreStatus>();
    }
    QList<SessionAccount> listAccounts() {
        QSignalSpy spy(&m_vault, &RefreshTokenVault::accountsListed);
        m_vault.listAccounts();
        if (!spy.wait(kAnswerMs) ||
            spy.at(0).at(1).value<SecretStoreStatus>() != SecretStoreStatus::Ok)
            return {SessionAccount{QStringLiteral("listing failed"), QString()}};
        return spy.at(0).at(0).value<QList<SessionAccount>>();
    }

private Q_SLOTS:
    void initTestCase() {
        // The tests write and delete entries of the app's own service: never in a person's
        // keyring.
        QVERIFY2(qEnvironmentVariableIsSet("VF_PRIVATE_KEYRING"),
                 "run through tests/secrets/with-keyring.sh (ctest does)");
    }

    // Every test starts and ends with nothing of the service in the store.
    void init() { QCOMPARE(itemsOfTheService(), 0); }
    void cleanup() {
        for (const SessionAccount &who : listAccounts())
            QCOMPARE(remove(who), SecretStoreStatus::Ok);
        QCOMPARE(itemsOfTheService(), 0);
    }

    void anAccountIsItsCloudsOriginAndItsUserId() {
        const SessionAccount a = account("https://Cloud.Example:443/api/v1?x=1#f", "u1");
        QCOMPARE(a.origin, QStringLiteral("https://cloud.example"));
        QCOMPARE(a.keychainKey(), QStringLiteral("https://cloud.example u1"));
        QCOMPARE(account("https://user:pw@cloud.example/", "u1"), a);
        QCOMPARE(account("http://127.0.0.1:8443", "u1").origin,
                 QStringLiteral("http://127.0.0.1:8443"));
        QVERIFY(account("http://cloud.example", "u1") != a);
        QVERIFY(account("https://cloud.example:8443", "u1") != a);
        QVERIFY(!account("not a url", "u1").isValid());
    }

    void aStoredTokenLoadsBackAndIsInTheSecretService() {
        const SessionAccount alice = account("https://cloud-a.test", "alice");
        const QByteArray token = freshToken();
        QCOMPARE(store(alice, token), SecretStoreStatus::Ok);

        const Loaded loaded = load(alice);
        QCOMPARE(loaded.status, SecretStoreStatus::Ok);
        QCOMPARE(loaded.token, token);
        // In the Secret Service itself (one item for the token, one for the index) ...
        QCOMPARE(lookUpItem(alice.keychainKey()).exitCode, 0);
        QCOMPARE(itemsOfTheService(), 2);
        QCOMPARE(listAccounts(), QList<SessionAccount>{alice});
        // ... and in no file in plain text (the keyring's own file is encrypted).
        QDirIterator files(QDir::homePath(), QDir::Files | QDir::Hidden,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
            const QByteArray bytes = file.readAll();
            QVERIFY2(!bytes.contains(token), qPrintable(file.fileName()));
            QVERIFY2(!bytes.contains(token.toBase64()), qPrintable(file.fileName()));
        }
    }

    void storingAgainReplacesTheToken() {
        const SessionAccount alice = account("https://cloud-a.test", "alice");
        const QByteArray first = freshToken();
        const QByteArray rotated = freshToken();
        QCOMPARE(store(alice, first), SecretStoreStatus::Ok);
        QCOMPARE(store(alice, rotated), SecretStoreStatus::Ok);

        const Loaded loaded = load(alice);
        QCOMPARE(loaded.status, SecretStoreStatus::Ok);
        QCOMPARE(loaded.token, rotated);
        QCOMPARE(listAccounts(), QList<SessionAccount>{alice});
        QCOMPARE(itemsOfTheService(), 2);
    }

    // A later run finds an account by the name typed (--user NAME) and, without one, takes
    // the one signed in last: the index keeps the username and the order of sign-ins.
    void theIndexKeepsUsernamesAndTheLastSignInLast() {
        SessionAccount alice = account("https://cloud-a.test", "u-alice");
        alice.username = QStringLiteral("alice");
        SessionAccount bob = account("https://cloud-a.test", "u-bob");
        bob.username = QStringLiteral("bob");
        QCOMPARE(store(alice, freshToken()), SecretStoreStatus::Ok);
        QCOMPARE(store(bob, freshToken()), SecretStoreStatus::Ok);
        QList<SessionAccount> listed = listAccounts();
        QCOMPARE(listed, (QList<SessionAccount>{alice, bob}));
        QCOMPARE(listed.at(0).username, QStringLiteral("alice"));
        QCOMPARE(listed.at(1).username, QStringLiteral("bob"));
        // alice signs in again, under a name written another way: last, with that name.
        alice.username = QStringLiteral("Alice");
        QCOMPARE(store(alice, freshToken()), SecretStoreStatus::Ok);
        listed = listAccounts();
        QCOMPARE(listed, (QList<SessionAccount>{bob, alice}));
        QCOMPARE(listed.at(1).username, QStringLiteral("Alice"));
        QCOMPARE(itemsOfTheService(), 3); // two tokens and the index
    }

    void removeLeavesNothingOfTheAccount() {
        const SessionAccount alice = account("https://cloud-a.test", "alice");
        QCOMPARE(store(alice, freshToken()), SecretStoreStatus::Ok);
        QCOMPARE(remove(alice), SecretStoreStatus::Ok);

        const Loaded loaded = load(alice);
        QCOMPARE(loaded.status, SecretStoreStatus::NotFound);
        QVERIFY(loaded.token.isEmpty());
        QCOMPARE(lookUpItem(alice.keychainKey()).exitCode, 1);
        QCOMPARE(listAccounts(), QList<SessionAccount>{});
        // The last account gone, the index goes too: no entry of the app is left.
        QCOMPARE(itemsOfTheService(), 0);
        // Removing what is not there is not an error: nothing of it is left either.
        QCOMPARE(remove(alice), SecretStoreStatus::Ok);
    }

    void anAccountNeverStoredIsNotFound() {
        QCOMPARE(store(account("https://cloud-a.test", "alice"), freshToken()),
                 SecretStoreStatus::Ok);
        const Loaded loaded = load(account("https://cloud-a.test", "bob"));
        QCOMPARE(loaded.status, SecretStoreStatus::NotFound);
        QVERIFY(loaded.token.isEmpty());
    }

    void accountsAreIndependentAcrossUsersAndClouds() {
        // The same user id at two clouds is two accounts; two users at one cloud too.
        const SessionAccount aliceAtA = account("https://cloud-a.test", "alice");
        const SessionAccount aliceAtB = account("https://cloud-b.test", "alice");
        const SessionAccount bobAtA = account("https://cloud-a.test", "bob");
        const QByteArray tokenAliceA = freshToken();
        const QByteArray tokenAliceB = freshToken();
        const QByteArray tokenBobA = freshToken();
        QCOMPARE(store(aliceAtA, tokenAliceA), SecretStoreStatus::Ok);
        QCOMPARE(store(aliceAtB, tokenAliceB), SecretStoreStatus::Ok);
        QCOMPARE(store(bobAtA, tokenBobA), SecretStoreStatus::Ok);
        QCOMPARE(load(aliceAtA).token, tokenAliceA);
        QCOMPARE(load(aliceAtB).token, tokenAliceB);
        QCOMPARE(load(bobAtA).token, tokenBobA);
        QCOMPARE(listAccounts(), (QList<SessionAccount>{aliceAtA, aliceAtB, bobAtA}));

        QCOMPARE(remove(aliceAtA), SecretStoreStatus::Ok);
        QCOMPARE(load(aliceAtA).status, SecretStoreStatus::NotFound);
        QCOMPARE(load(aliceAtB).token, tokenAliceB);
        QCOMPARE(load(bobAtA).token, tokenBobA);
        QCOMPARE(listAccounts(), (QList<SessionAccount>{aliceAtB, bobAtA}));
    }

    void operationsAskedTogetherRunInOrderAndLoseNoUpdate() {
        // Each store and remove rewrites the index: run at once, two of them would both read
        // the old index and the second write would drop the first's account.
        const SessionAccount alice = account("https://cloud-a.test", "alice");
        const SessionAccount bob = account("https://cloud-a.test", "bob");
        const SessionAccount carol = account("https://cloud-b.test", "carol");
        QStringList order;
        connect(&m_vault, &RefreshTokenVault::stored, this,
                [&](const SessionAccount &who) { order << u"stored "_qs + who.userId; });
        connect(&m_vault, &RefreshTokenVault::removed, this,
                [&](const SessionAccount &who) { order << u"removed "_qs + who.userId; });
        QSignalSpy listed(&m_vault, &RefreshTokenVault::accountsListed);

        m_vault.store(alice, freshToken());
        m_vault.store(bob, freshToken());
        m_vault.store(carol, freshToken());
        m_vault.remove(bob);
        m_vault.listAccounts();
        QVERIFY(m_vault.isBusy());
        QVERIFY(listed.wait(kAnswerMs));
        disconnect(&m_vault, nullptr, this, nullptr);

        QCOMPARE(order, (QStringList{u"stored alice"_qs, u"stored bob"_qs, u"stored carol"_qs,
                                     u"removed bob"_qs}));
        QCOMPARE(listed.at(0).at(1).value<SecretStoreStatus>(), SecretStoreStatus::Ok);
        QCOMPARE(listed.at(0).at(0).value<QList<SessionAccount>>(),
                 (QList<SessionAccount>{alice, carol}));
        QVERIFY(!m_vault.isBusy());
    }

    void withoutASecretStoreEveryOperationIsUnavailableAndNothingIsWritten_data() {
        QTest::addColumn<QString>("desktop");
        QTest::addColumn<QString>("kdeVersion");
        // Any desktop but KDE: the Secret Service through libsecret.
        QTest::newRow("Secret Service") << QString() << QString();
        // KDE 4: KWallet over D-Bus, the path where QtKeychain's plaintext fallback, were it
        // on, would write the token to a QSettings file in the child's home.
        QTest::newRow("KWallet") << u"KDE"_qs << u"4"_qs;
    }

    void withoutASecretStoreEveryOperationIsUnavailableAndNothingIsWritten() {
        QFETCH(QString, desktop);
        QFETCH(QString, kdeVersion);
        // No session bus: no secret store can answer. The child's home is empty and its own.
        QTemporaryDir home;
        QVERIFY(home.isValid());
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                           u"unix:path="_qs + home.filePath(QStringLiteral("no-bus")));
        for (const char *name :
             {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"}) {
            environment.insert(QString::fromLatin1(name), home.path());
        }
        environment.remove(QStringLiteral("DISPLAY"));
        if (!desktop.isEmpty()) {
            environment.insert(QStringLiteral("XDG_CURRENT_DESKTOP"), desktop);
            environment.insert(QStringLiteral("KDE_SESSION_VERSION"), kdeVersion);
        }

        const QByteArray token = freshToken();
        QProcess probe;
        probe.setProcessEnvironment(environment);
        probe.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        probe.start(QStringLiteral(VF_VAULT_OPERATIONS_PROBE), {QString::fromLatin1(token)});
        QVERIFY(probe.waitForFinished(2 * kAnswerMs));
        QCOMPARE(probe.exitStatus(), QProcess::NormalExit);
        QCOMPARE(probe.exitCode(), 0);
        QCOMPARE(
            QString::fromLatin1(probe.readAllStandardOutput()).split(u'\n'),
            (QStringList{u"store Unavailable"_qs, u"load Unavailable"_qs, u"remove Unavailable"_qs,
                         u"list Unavailable"_qs, u"done"_qs, QString()}));
        QCOMPARE(
            QDir(home.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
            QStringList{});
        // Nor did the token reach the Secret Service that this process does have.
        QCOMPARE(itemsOfTheService(), 0);
    }

    void aLockedKeyringRefusesToStoreAndHidesItsEntries() {
        // A keyring of its own (a second with-keyring.sh), locked before the probe runs; with
        // no display the unlock prompt cannot open, as when a person dismisses it.
        const QByteArray token = freshToken();
        QProcess probe;
        probe.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        probe.start(
            QStringLiteral(VF_WITH_KEYRING),
            {QStringLiteral("sh"), QStringLiteral("-c"),
             QStringLiteral("dbus-send --session --print-reply --dest=org.freedesktop.secrets "
                            "/org/freedesktop/secrets "
                            "org.freedesktop.Secret.Service.Lock "
                            "array:objpath:/org/freedesktop/secrets/collection/login >/dev/null "
                            "&& exec \"$0\" \"$@\""),
             QStringLiteral(VF_VAULT_OPERATIONS_PROBE), QString::fromLatin1(token)});
        QVERIFY(probe.waitForFinished(2 * kAnswerMs));
        QCOMPARE(probe.exitStatus(), QProcess::NormalExit);
        QCOMPARE(probe.exitCode(), 0);
        // Storing is refused, so the app says it cannot stay signed in. The Secret Service
        // shows no entry of a locked collection: reading finds nothing and removing deletes
        // nothing, both without an error (docs/client-core.md, "Where the refresh token
        // lives").
        QCOMPARE(QString::fromLatin1(probe.readAllStandardOutput()).split(u'\n'),
                 (QStringList{u"store Denied"_qs, u"load NotFound"_qs, u"remove Ok"_qs,
                              u"list Ok"_qs, u"done"_qs, QString()}));
    }
};

QTEST_GUILESS_MAIN(TestRefreshTokenVault)
#include "tst_refresh_token_vault.moc"
