// AppOptions::parse, the automation.md command line: the v2 flags of staying signed in
// (--no-remember, --sign-out) and their rules, beside the flags they combine with.
#include "AppOptions.h"

#include <QTest>

using vf::app::AppOptions;

class TestAppOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void theDefaultRemembersAndSignsNobodyOut() {
        const auto parsed = AppOptions::parse({});
        QVERIFY(parsed.options);
        QVERIFY(parsed.options->embedded());
        QVERIFY(!parsed.options->noRemember);
        QVERIFY(!parsed.options->signOut);
    }

    void noRememberAndSignOutAreRead() {
        const auto parsed = AppOptions::parse(
            {"--server", "http://127.0.0.1:8080", "--user", "alice", "--no-remember"});
        QVERIFY2(parsed.options, qPrintable(parsed.error));
        QVERIFY(parsed.options->noRemember);
        QCOMPARE(parsed.options->user, QStringLiteral("alice"));
        const auto out = AppOptions::parse({"--server", "https://cloud.example", "--sign-out"});
        QVERIFY2(out.options, qPrintable(out.error));
        QVERIFY(out.options->signOut);
        QVERIFY(out.options->user.isEmpty()); // the last account signed in
    }

    // The embedded cloud has a new address each run: no session of it is ever kept.
    void signOutNeedsAServer() {
        const auto parsed = AppOptions::parse({"--sign-out"});
        QVERIFY(!parsed.options);
        QVERIFY(parsed.error.contains(QStringLiteral("--sign-out needs --server")));
    }

    void theUsageNamesTheNewFlags() {
        const QString usage = AppOptions::usage();
        QVERIFY(usage.contains(QStringLiteral("--no-remember")));
        QVERIFY(usage.contains(QStringLiteral("--sign-out")));
    }

    void aPasswordIsOptionalWithAUser() {
        AppOptions options =
            *AppOptions::parse({"--server", "http://127.0.0.1:1", "--user", "alice"}).options;
        QCOMPARE(vf::app::resolvePassword(options, QString()), QString());
        QVERIFY(options.password.isEmpty()); // the kept session is looked for instead
    }
};

QTEST_GUILESS_MAIN(TestAppOptions)
#include "tst_app_options.moc"
