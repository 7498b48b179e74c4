// The app itself, headless (offscreen), against the reference cloud with every fault on,
// driven only through automation.md: --automation-log, --quit-when-idle, --screenshot.
// No `displayed` line for any foreign or tampered item, every refusal logged and reported,
// the screenshot not blank; the embedded default shows the incident refused live.
#include "JsonLines.h"
#include "TestCloud.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace vf;

namespace {

// A screenshot is "not blank" when it has many colours (tiles, text), not one fill.
int distinctColours(const QImage &image) {
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class AppE2eTest : public QObject {
    Q_OBJECT

    QTemporaryDir cloudDir;
    cloud::test::TestCloud cloud;
    QHash<QString, QByteArray> aliceHonest; // event → thumbnail SHA-256

    struct Run {
        int exitCode = -1;
        QList<QJsonObject> log;
        QImage screenshot;
        QByteArray stderrText;
    };
    Run runApp(const QStringList &extra, const QString &dir, const QString &password = {}) {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        env.remove("VERIFRAME_PASSWORD");
        if (!password.isEmpty())
            env.insert("VERIFRAME_PASSWORD", password);
        app.setProcessEnvironment(env);
        const QString log = dir + "/automation.jsonl";
        const QString shot = dir + "/screen.png";
        QStringList args{"--data-dir",   dir + "/data", "--automation-log", log, "--quit-when-idle",
                         "--screenshot", shot};
        // The person's keyring is not this test's (staying signed in: tst_app_sessions).
        args << extra << "--no-remember";
        app.start(QStringLiteral(VF_APP), args);
        Run run;
        if (!app.waitForFinished(240000)) {
            app.kill();
            app.waitForFinished();
        }
        run.exitCode = app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
        run.stderrText = app.readAllStandardError();
        run.log = e2e::readJsonLines(log);
        run.screenshot = QImage(shot);
        return run;
    }
    static QList<QJsonObject> ofType(const Run &run, const QString &type) {
        QList<QJsonObject> out;
        for (const QJsonObject &r : run.log)
            if (r.value("type").toString() == type)
                out << r;
        return out;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(cloud.start(cloudDir.path()).isEmpty());
        const auto session = cloud.session("alice");
        for (const QJsonObject &e : cloud.client().allEvents(session.token)) {
            const auto thumb = cloud.client().get(e.value("thumbnail").toString(), session.token);
            aliceHonest.insert(e.value("id").toString(),
                               QCryptographicHash::hash(thumb.body, QCryptographicHash::Sha256));
        }
        QVERIFY(!aliceHonest.isEmpty());
    }

    void everyFaultRefusedNothingForeignDisplayed_data() {
        QTest::addColumn<QString>("size");
        QTest::addColumn<QString>("theme");
        QTest::newRow("desktop light") << "1280x800"
                                       << "light";
        QTest::newRow("phone dark") << "390x844"
                                    << "dark";
    }
    void everyFaultRefusedNothingForeignDisplayed() {
        QFETCH(QString, size);
        QFETCH(QString, theme);
        QVERIFY(cloud
                    .start(cloudDir.path(),
                           "mixup:0.2,claim-swap:0.1,thumb-swap:0.1,tamper:0.1,forge:0.1")
                    .isEmpty());
        QTemporaryDir dir;
        QFile password(dir.filePath("pw"));
        QVERIFY(password.open(QIODevice::WriteOnly));
        password.write(cloud.world().user("alice")->password.toUtf8() + "\n");
        password.close();
        const Run run = runApp({"--server", cloud.host().url().toString(), "--user", "alice",
                                "--password-file", password.fileName(), "--device-roots",
                                cloudDir.filePath("trust/device-roots.pem"), "--owner-authorities",
                                cloudDir.filePath("trust/owner-authorities.pem"), "--size", size,
                                "--theme", theme},
                               dir.path());
        QVERIFY2(run.exitCode == 0, run.stderrText.constData());
        const auto signedIn = ofType(run, "signed_in");
        QCOMPARE(signedIn.size(), 1);
        QCOMPARE(signedIn.first().value("user_id").toString(), cloud.userId("alice"));
        QVERIFY(!ofType(run, "idle").isEmpty());

        const auto displayed = ofType(run, "displayed");
        QVERIFY(!displayed.isEmpty());
        for (const QJsonObject &d : displayed) {
            const QString id = d.value("event_id").toString();
            QVERIFY2(aliceHonest.contains(id), qPrintable("foreign item displayed: " + id));
            QCOMPARE(d.value("sha256").toString(),
                     QString::fromLatin1(aliceHonest.value(id).toHex()));
        }
        const auto refused = ofType(run, "refused");
        QVERIFY(!refused.isEmpty());
        QSet<QString> refusedIds, reportedIds;
        for (const QJsonObject &r : refused)
            refusedIds.insert(r.value("event_id").toString());
        for (const QJsonObject &r : ofType(run, "reported"))
            reportedIds.insert(r.value("event_id").toString());
        QCOMPARE(reportedIds, refusedIds); // every refusal reported (queued at least)
        for (const QJsonObject &d : displayed)
            QVERIFY(!refusedIds.contains(d.value("event_id").toString()));

        QVERIFY(!run.screenshot.isNull());
        const QStringList wh = size.split('x');
        QCOMPARE(run.screenshot.width(), wh.at(0).toInt());
        QVERIFY2(distinctColours(run.screenshot) > 200,
                 qPrintable(QString::number(distinctColours(run.screenshot))));
    }

    void embeddedDefaultShowsTheIncidentRefused() {
        QTemporaryDir dir;
        const Run run = runApp({"--fault", "mixup:0.3"}, dir.path());
        QVERIFY2(run.exitCode == 0, run.stderrText.constData());
        QCOMPARE(ofType(run, "signed_in").size(), 1);
        QVERIFY(!ofType(run, "displayed").isEmpty());
        const auto refused = ofType(run, "refused");
        QVERIFY(!refused.isEmpty());
        for (const QJsonObject &r : refused)
            QCOMPARE(r.value("reason").toString(), QStringLiteral("foreign_owner"));
        QVERIFY(distinctColours(run.screenshot) > 200);
    }

    void diagnosticModeHidesMediaAndExportsTheBundle() {
        // --diagnostic: the privacy screen is on, so no thumbnail reaches a decoder at all.
        QTemporaryDir dir;
        const Run run = runApp({"--fault", "mixup:0.3", "--diagnostic"}, dir.path());
        QVERIFY2(run.exitCode == 0, run.stderrText.constData());
        QVERIFY(!ofType(run, "refused").isEmpty());
        QCOMPARE(ofType(run, "displayed").size(), 0);

        // --export-diagnostics: the bundle after the first sync, then exit 0.
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        app.setProcessEnvironment(env);
        const QString bundlePath = dir.filePath("bundle.json");
        app.start(QStringLiteral(VF_APP), {"--data-dir", dir.filePath("data"), "--fault",
                                           "mixup:0.3", "--export-diagnostics", bundlePath});
        QVERIFY(app.waitForFinished(240000));
        QCOMPARE(app.exitCode(), 0);
        QFile f(bundlePath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject bundle = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(bundle.value("format").toString(), QStringLiteral("veriframe-diagnostics/1"));
        QVERIFY(bundle.value("events").toArray().size() > 0);
        QVERIFY(!bundle.value("versions").toObject().value("openssl").toString().isEmpty());
    }

    void filesAtRestArePrivate() {
        // Started under the usual umask 022, the app still writes nothing another user of
        // the computer can read: its data directory tree, the automation log, the screenshot
        // and the diagnostics bundle (trust.md §6 v2 review, point 6).
#ifdef Q_OS_UNIX
        const mode_t previous = ::umask(022);
        QTemporaryDir dir;
        const Run run =
            runApp({"--fault", "mixup:0.3", "--export-diagnostics", dir.filePath("bundle.json")},
                   dir.path());
        ::umask(previous);
        QVERIFY2(run.exitCode == 0, run.stderrText.constData());
        QVERIFY(QFile::exists(dir.filePath("bundle.json")));
        const QFileDevice::Permissions ownerGroupOther(0x7077); // not Qt's "user" bits
        const QFileDevice::Permissions privateDir =
            QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
        const QFileDevice::Permissions privateFile =
            QFileDevice::ReadOwner | QFileDevice::WriteOwner;
        int files = 0, pictures = 0;
        QDirIterator it(dir.path(), QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo info(it.next());
            const auto rights = info.permissions() & ownerGroupOther;
            if (info.isDir()) {
                QVERIFY2(rights == privateDir, qPrintable(info.filePath()));
                continue;
            }
            ++files;
            if (info.path().contains("/media/"))
                ++pictures;
            QVERIFY2(rights == privateFile, qPrintable(info.filePath()));
        }
        QVERIFY(files >= 6);
        QVERIFY(pictures > 0);
#else
        QSKIP("POSIX file modes");
#endif
    }

    void passwordFromTheEnvironment() {
        QVERIFY(cloud.start(cloudDir.path()).isEmpty());
        QTemporaryDir dir;
        const QStringList args{"--server",
                               cloud.host().url().toString(),
                               "--user",
                               "alice",
                               "--device-roots",
                               cloudDir.filePath("trust/device-roots.pem"),
                               "--owner-authorities",
                               cloudDir.filePath("trust/owner-authorities.pem")};
        const Run run = runApp(args, dir.path(), cloud.world().user("alice")->password);
        QVERIFY2(run.exitCode == 0, run.stderrText.constData());
        QCOMPARE(ofType(run, "signed_in").size(), 1);
        QCOMPARE(ofType(run, "signed_in").first().value("user_id").toString(),
                 cloud.userId("alice"));
        // --password-file wins over the environment.
        QTemporaryDir other;
        QFile wrong(other.filePath("pw"));
        QVERIFY(wrong.open(QIODevice::WriteOnly));
        wrong.write("not-the-password\n");
        wrong.close();
        const Run refused = runApp(QStringList(args) << "--password-file" << wrong.fileName(),
                                   other.path(), cloud.world().user("alice")->password);
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(ofType(refused, "signed_in").isEmpty());
    }

    // --server alone: the bundled demo anchors, with a warning. They trust the demo PKI's
    // worlds and nothing else: a cloud with a PKI of its own gets nothing displayed.
    void serverAloneTrustsOnlyTheBundledDemoRoots() {
        QVERIFY(cloud.start(cloudDir.path()).isEmpty());
        QTemporaryDir dir;
        const QString alicePassword = cloud.world().user("alice")->password;
        const Run run = runApp({"--server", cloud.host().url().toString(), "--user", "alice"},
                               dir.path(), alicePassword);
        QVERIFY2(run.exitCode == 0, run.stderrText.constData());
        QVERIFY(run.stderrText.contains("bundled demo anchors"));
        QVERIFY(!ofType(run, "displayed").isEmpty());
        for (const QJsonObject &d : ofType(run, "displayed"))
            QVERIFY(aliceHonest.contains(d.value("event_id").toString()));

        QTemporaryDir otherDir;
        cloud::test::TestCloud stranger;
        QVERIFY(stranger.start(otherDir.path(), {}, cloud::test::TestCloud::kSeed, true).isEmpty());
        QTemporaryDir dir2;
        const Run refused =
            runApp({"--server", stranger.host().url().toString(), "--user", "alice"}, dir2.path(),
                   stranger.world().user("alice")->password);
        QVERIFY(ofType(refused, "displayed").isEmpty());
        // Its identity token is signed by an authority the anchors do not know: the sign-in
        // itself is refused, before any event is fetched.
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(ofType(refused, "signed_in").isEmpty());
        QVERIFY2(refused.stderrText.contains("could not prove who you are"),
                 refused.stderrText.constData());
    }

    void badPasswordExitsOne() {
        QVERIFY(cloud.start(cloudDir.path()).isEmpty());
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const Run run =
            runApp({"--server", cloud.host().url().toString(), "--user", "alice", "--device-roots",
                    cloudDir.filePath("trust/device-roots.pem"), "--owner-authorities",
                    cloudDir.filePath("trust/owner-authorities.pem")},
                   dir.path());
        QCOMPARE(run.exitCode, 1); // no password: refused by the cloud
        QVERIFY(ofType(run, "displayed").isEmpty());
    }

    // Issue 17 #12: --help, --version and usage errors answer without a display (no
    // QT_QPA_PLATFORM, no DISPLAY, no WAYLAND_DISPLAY: QGuiApplication would abort).
    void helpAndUsageNeedNoDisplay() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        QProcess app;
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(VF_APP), {"--help"});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        const QByteArray usage = app.readAllStandardOutput();
        QVERIFY2(usage.contains("--server") && usage.contains("--data-dir"), usage.constData());
        app.start(QStringLiteral(VF_APP), {"--version"});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitCode(), 0);
        QVERIFY(app.readAllStandardOutput().startsWith("veriframe "));
        app.start(QStringLiteral(VF_APP), {"--server", "http://", "--user", "alice"});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 2);
        QVERIFY(app.readAllStandardError().contains("names no host"));
    }

    void usageErrorsExitTwo() {
        QProcess app;
        app.start(QStringLiteral(VF_APP), {"--no-such-flag"});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitCode(), 2);
        app.start(QStringLiteral(VF_APP), {"--server", "http://127.0.0.1:1", "--fault", "mixup:1"});
        QVERIFY(app.waitForFinished(30000));
        QCOMPARE(app.exitCode(), 2);
    }

    // cloud-api.md §7 v2, TLS off loopback: --server http:// only for a loopback host;
    // anything else (or no host at all) is a usage error, before any connection.
    void plainHttpOffLoopbackIsAUsageError_data() {
        QTest::addColumn<QString>("server");
        QTest::newRow("lan") << "http://192.168.1.10:8080";
        QTest::newRow("name") << "http://cloud.example";
        QTest::newRow("localhost lookalike") << "http://localhost.example:80";
        QTest::newRow("no host") << "http://";
        QTest::newRow("no host, a path") << "http:///x";
        QTest::newRow("user info") << "http://alice:pw@127.0.0.1:8080";
        QTest::newRow("https without host") << "https://";
    }
    void plainHttpOffLoopbackIsAUsageError() {
        QFETCH(QString, server);
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("QT_QPA_PLATFORM", "offscreen");
        app.setProcessEnvironment(env);
        QTemporaryDir dir;
        app.start(QStringLiteral(VF_APP), {"--server", server, "--user", "alice", "--data-dir",
                                           dir.path(), "--quit-when-idle"});
        QVERIFY(app.waitForFinished(30000));
        const QByteArray err = app.readAllStandardError();
        QVERIFY2(app.exitCode() == 2, err.constData());
        QVERIFY2(err.contains("--server"), err.constData());
    }

    // cloud-api.md §7 v2, a fatal first sync ends automation runs: exit 1 with the reason
    // on stderr at once, never idle, nothing displayed.
    void fatalFirstSyncEndsTheRun_data() {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("big-listing") << "big-listing:1" << QByteArray("more data than allowed");
        QTest::newRow("redirect") << "redirect:1" << QByteArray("redirect");
    }
    void fatalFirstSyncEndsTheRun() {
        QFETCH(QString, fault);
        QFETCH(QByteArray, reason);
        QTemporaryDir dir;
        QElapsedTimer clock;
        clock.start();
        const Run run = runApp({"--fault", fault}, dir.path());
        QVERIFY2(run.exitCode == 1, run.stderrText.constData());
        QVERIFY2(run.stderrText.contains(reason), run.stderrText.constData());
        QVERIFY(clock.elapsed() < 120000); // not the 180 s give-up
        QVERIFY(ofType(run, "idle").isEmpty());
        QVERIFY(ofType(run, "displayed").isEmpty());
    }
};

QTEST_GUILESS_MAIN(AppE2eTest)
#include "tst_app_e2e.moc"
