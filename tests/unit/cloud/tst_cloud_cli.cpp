// The veriframe-cloud executable as other programs use it (automation.md): flags, the
// "listening on" line, the files it writes, exit status 2 on bad flags, a clean stop on
// SIGTERM.
#include "CloudTestClient.h"
#include "CoseSign1.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace vf::cloud::test;

namespace {

const QString kExe = QStringLiteral(VF_CLOUD_EXE);

// Starts the cloud and waits for its "listening on" line; the URL or empty.
QUrl startAndWait(QProcess &p, const QStringList &args, int timeoutMs = 90'000) {
    p.start(kExe, args);
    if (!p.waitForStarted(10'000))
        return {};
    QByteArray out;
    QElapsedTimer t;
    t.start();
    static const QRegularExpression line(
        QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+)$"),
        QRegularExpression::MultilineOption);
    while (t.elapsed() < timeoutMs && p.state() == QProcess::Running) {
        p.waitForReadyRead(500);
        out += p.readAllStandardOutput();
        const auto m = line.match(QString::fromUtf8(out));
        if (m.hasMatch())
            return QUrl(m.captured(1));
    }
    return {};
}

void stop(QProcess &p) {
    p.terminate();
    if (!p.waitForFinished(10'000)) {
        p.kill();
        p.waitForFinished();
    }
}

} // namespace

class TestCloudCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void helpPrintsUsage() {
        QProcess p;
        p.start(kExe, {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray out = p.readAllStandardOutput();
        QVERIFY(out.contains("usage: veriframe-cloud --listen"));
        for (const char *flag :
             {"--data", "--demo", "--seed", "--fault", "mixup", "stale-claim",
              "--events-per-camera", "--clips-per-camera", "--revocation-padding", "--token-ttl"})
            QVERIFY2(out.contains(flag), flag);
    }

    void badFlagsExit2_data() {
        QTest::addColumn<QStringList>("args");
        const QString d = QDir::tempPath() + QStringLiteral("/vf-cloud-cli-never-created");
        const QString l = QStringLiteral("127.0.0.1:0");
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("listen without value") << QStringList{"--listen"};
        QTest::newRow("no data") << QStringList{"--listen", l};
        QTest::newRow("no listen") << QStringList{"--data", d};
        QTest::newRow("not loopback") << QStringList{"--listen", "10.1.2.3:0", "--data", d};
        QTest::newRow("not an address") << QStringList{"--listen", "example.org:0", "--data", d};
        QTest::newRow("bad port") << QStringList{"--listen", "127.0.0.1:70000", "--data", d};
        QTest::newRow("no port") << QStringList{"--listen", "127.0.0.1", "--data", d};
        QTest::newRow("unknown fault")
            << QStringList{"--listen", l, "--data", d, "--fault", "bogus:1"};
        QTest::newRow("bad probability")
            << QStringList{"--listen", l, "--data", d, "--fault", "mixup:2"};
        QTest::newRow("bad fault item")
            << QStringList{"--listen", l, "--data", d, "--fault", "mixup"};
        QTest::newRow("bad seed") << QStringList{"--listen", l, "--data", d, "--seed", "-1"};
        QTest::newRow("no events")
            << QStringList{"--listen", l, "--data", d, "--demo", "--events-per-camera", "0"};
        QTest::newRow("too many events")
            << QStringList{"--listen", l, "--data", d, "--demo", "--events-per-camera", "100001"};
        QTest::newRow("events not a number")
            << QStringList{"--listen", l, "--data", d, "--demo", "--events-per-camera", "lots"};
        QTest::newRow("events without value")
            << QStringList{"--listen", l, "--data", d, "--demo", "--events-per-camera"};
        QTest::newRow("negative clips")
            << QStringList{"--listen", l, "--data", d, "--demo", "--clips-per-camera", "-1"};
        QTest::newRow("clips not a number")
            << QStringList{"--listen", l, "--data", d, "--demo", "--clips-per-camera", "2.5"};
        QTest::newRow("unknown flag") << QStringList{"--listen", l, "--data", d, "--frobnicate"};
        // cloud-api.md §6 v2: a padded list must stay under the client's 4 MiB.
        QTest::newRow("negative padding")
            << QStringList{"--listen", l, "--data", d, "--revocation-padding", "-1"};
        QTest::newRow("padding over 4 MiB")
            << QStringList{"--listen", l, "--data", d, "--revocation-padding", "100001"};
        QTest::newRow("absurd padding")
            << QStringList{"--listen", l, "--data", d, "--revocation-padding", "99999999999"};
        QTest::newRow("padding not a number")
            << QStringList{"--listen", l, "--data", d, "--revocation-padding", "1e3"};
        QTest::newRow("padding without value")
            << QStringList{"--listen", l, "--data", d, "--revocation-padding"};
        // cloud-api.md §1 v2: a token lives at least a second, at most as long as the refresh
        // token that renews it.
        QTest::newRow("zero token ttl")
            << QStringList{"--listen", l, "--data", d, "--token-ttl", "0"};
        QTest::newRow("token ttl over 90 days")
            << QStringList{"--listen", l, "--data", d, "--token-ttl", "7776001"};
        QTest::newRow("token ttl with a unit")
            << QStringList{"--listen", l, "--data", d, "--token-ttl", "1h"};
        QTest::newRow("token ttl without value")
            << QStringList{"--listen", l, "--data", d, "--token-ttl"};
    }

    void badFlagsExit2() {
        QFETCH(QStringList, args);
        QProcess p;
        p.start(kExe, args);
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        const QByteArray err = p.readAllStandardError();
        QVERIFY(err.startsWith("veriframe-cloud: "));
        // The message names the flag at fault.
        for (const char *flag :
             {"--events-per-camera", "--clips-per-camera", "--revocation-padding", "--token-ttl"})
            if (args.contains(QLatin1String(flag)))
                QVERIFY2(err.startsWith(QByteArray("veriframe-cloud: ") + flag), err.constData());
        QVERIFY(p.readAllStandardOutput().isEmpty());
        QVERIFY(!QDir(QDir::tempPath() + QStringLiteral("/vf-cloud-cli-never-created")).exists());
    }

    void bareCloudListensAndWritesTrustFiles() {
        QTemporaryDir dir;
        QProcess p;
        const QUrl url = startAndWait(p, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                          QStringLiteral("--data"), dir.path()});
        QVERIFY2(url.isValid(), p.readAllStandardError().constData());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("trust/device-roots.pem"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("trust/owner-authorities.pem"))));
        QFile users(dir.filePath(QStringLiteral("users.json")));
        QVERIFY(users.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(users.readAll()).array().isEmpty());
        CloudTestClient client(url);
        QCOMPARE(client.get(QStringLiteral("/v1/events")).status, 401);
        stop(p);
        QCOMPARE(p.exitCode(), 0);
    }

    void demoCloudServesItsUsers() {
        QTemporaryDir dir;
        QProcess p;
        QElapsedTimer t;
        t.start();
        const QUrl url = startAndWait(
            p, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"), QStringLiteral("--data"),
                dir.path(), QStringLiteral("--demo"), QStringLiteral("--seed"), QStringLiteral("3"),
                QStringLiteral("--fault"), QStringLiteral("slow:0.01")});
        QVERIFY2(url.isValid(), p.readAllStandardError().constData());
        qInfo("cold --demo start to 'listening on': %lld ms", t.elapsed());
        for (const char *file :
             {"trust/device-roots.pem", "trust/owner-authorities.pem", "users.json"})
            QVERIFY2(QFile::exists(dir.filePath(QLatin1String(file))), file);
        QFile users(dir.filePath(QStringLiteral("users.json")));
        QVERIFY(users.open(QIODevice::ReadOnly));
        const QJsonArray list = QJsonDocument::fromJson(users.readAll()).array();
        QCOMPARE(list.size(), 3);
        CloudTestClient client(url);
        for (const QJsonValue &v : list) {
            const QJsonObject u = v.toObject();
            const auto s = client.login(u.value(QStringLiteral("username")).toString(),
                                        u.value(QStringLiteral("password")).toString());
            QVERIFY(s.has_value());
            QCOMPARE(s->userId, u.value(QStringLiteral("user_id")).toString());
            QVERIFY(!client.allEvents(s->token, QStringLiteral("limit=200")).isEmpty());
        }
        stop(p);
        QCOMPARE(p.exitCode(), 0);

        // A second run on the same DIR reuses the world.
        QProcess again;
        t.restart();
        QVERIFY(
            startAndWait(again, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                 QStringLiteral("--data"), dir.path(), QStringLiteral("--demo")})
                .isValid());
        qInfo("warm --demo start: %lld ms", t.elapsed());
        stop(again);
        QVERIFY(again.readAllStandardError().contains("reused world"));
    }

    void worldSizeFlagsAndRebuildOnOtherCounts() {
        QTemporaryDir dir;
        // Each run: the log line on stderr and what alice sees.
        struct Run {
            QByteArray log;
            int aliceEvents = -1;
            int aliceClips = -1;
        };
        auto run = [&dir](const QStringList &extra) {
            Run out;
            QProcess p;
            const QUrl url = startAndWait(
                p, QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                               QStringLiteral("--data"), dir.path(), QStringLiteral("--demo")} +
                       extra);
            if (url.isValid()) {
                QFile users(dir.filePath(QStringLiteral("users.json")));
                users.open(QIODevice::ReadOnly);
                QJsonObject alice;
                for (const QJsonValue &v : QJsonDocument::fromJson(users.readAll()).array())
                    if (v.toObject().value(QStringLiteral("username")) == QLatin1String("alice"))
                        alice = v.toObject();
                CloudTestClient client(url);
                if (const auto s =
                        client.login(alice.value(QStringLiteral("username")).toString(),
                                     alice.value(QStringLiteral("password")).toString())) {
                    const QList<QJsonObject> events =
                        client.allEvents(s->token, QStringLiteral("limit=200"));
                    out.aliceEvents = int(events.size());
                    out.aliceClips = 0;
                    for (const QJsonObject &e : events)
                        out.aliceClips += e.value(QStringLiteral("clip")).isString() ? 1 : 0;
                }
            }
            stop(p);
            out.log = p.readAllStandardError();
            return out;
        };
        const QStringList small = {QStringLiteral("--events-per-camera"), QStringLiteral("4"),
                                   QStringLiteral("--clips-per-camera"), QStringLiteral("1")};
        Run r = run(small);
        QVERIFY2(r.log.contains("created world"), r.log.constData());
        QVERIFY2(r.log.contains("24 events (4 per camera)"), r.log.constData());
        QCOMPARE(r.aliceEvents, 8); // her two cameras
        QVERIFY(r.aliceClips <= 2); // one per camera at most (none when all four are sound)

        // Same counts: reused.
        r = run(small);
        QVERIFY2(r.log.contains("reused world"), r.log.constData());
        QCOMPARE(r.aliceEvents, 8);

        // Other counts (here: the default clips): the old world is not served, it is rebuilt.
        r = run({QStringLiteral("--events-per-camera"), QStringLiteral("5")});
        QVERIFY2(r.log.contains("rebuilding"), r.log.constData());
        QVERIFY2(r.log.contains("created world"), r.log.constData());
        QCOMPARE(r.aliceEvents, 10);
        QVERIFY(r.aliceClips >= 1);

        // Only the clip count differs: rebuilt too.
        r = run({QStringLiteral("--events-per-camera"), QStringLiteral("5"),
                 QStringLiteral("--clips-per-camera"), QStringLiteral("0")});
        QVERIFY2(r.log.contains("created world"), r.log.constData());
        QVERIFY2(r.log.contains(", 0 clips"), r.log.constData());
        QCOMPARE(r.aliceEvents, 10);
        QCOMPARE(r.aliceClips, 0);
    }

    void revocationPaddingFlagPadsTheServedList() {
        QTemporaryDir dir;
        // The served list's (seq, device entries) for one run with --revocation-padding.
        auto run = [&dir](const QString &padding) -> std::pair<qint64, qsizetype> {
            QProcess p;
            const QUrl url =
                startAndWait(p, {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                 QStringLiteral("--data"), dir.path(), QStringLiteral("--demo"),
                                 QStringLiteral("--events-per-camera"), QStringLiteral("1"),
                                 QStringLiteral("--clips-per-camera"), QStringLiteral("0"),
                                 QStringLiteral("--revocation-padding"), padding});
            std::pair<qint64, qsizetype> out{-1, -1};
            QFile users(dir.filePath(QStringLiteral("users.json")));
            if (url.isValid() && users.open(QIODevice::ReadOnly)) {
                const QJsonObject u =
                    QJsonDocument::fromJson(users.readAll()).array().first().toObject();
                CloudTestClient client(url);
                if (const auto s = client.login(u.value(QStringLiteral("username")).toString(),
                                                u.value(QStringLiteral("password")).toString())) {
                    const HttpResult r =
                        client.get(QStringLiteral("/v1/trust/revocations"), s->token);
                    const auto cose =
                        vf::trust::decodeCoseSign1(r.body, vf::trust::CoseTags::Sign1);
                    const QCborMap payload =
                        cose.message ? QCborValue::fromCbor(cose.message->payload).toMap()
                                     : QCborMap();
                    out = {payload.value(QStringLiteral("seq")).toInteger(-1),
                           payload.value(QStringLiteral("devices")).toArray().size()};
                }
            }
            stop(p);
            return out;
        };
        QCOMPARE(run(QStringLiteral("50")), (std::pair<qint64, qsizetype>{1, 50}));
        QCOMPARE(run(QStringLiteral("50")), (std::pair<qint64, qsizetype>{1, 50}));
        QCOMPARE(run(QStringLiteral("0")), (std::pair<qint64, qsizetype>{2, 0}));
    }
};

QTEST_GUILESS_MAIN(TestCloudCli)
#include "tst_cloud_cli.moc"
