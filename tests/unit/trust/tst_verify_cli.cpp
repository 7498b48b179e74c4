// veriframe-verify as scripts use it (automation.md): JSON on stdout, exit 0 verified,
// 1 refused, 2 usage or I/O error with a message on stderr.
#include "TestWorld.h"

#include <QCborValue>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace vf;
using namespace vf::test;

namespace {
TestWorld &world() {
    return TestWorld::instance();
}

struct Run {
    int exitCode = -1;
    QJsonObject json;
    QString stderrText;
    QByteArray stdoutBytes;
};
} // namespace

class TestVerifyCli : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes) {
        QFile file(m_dir.filePath(name));
        file.open(QIODevice::WriteOnly);
        file.write(bytes);
        return file.fileName();
    }

    QStringList argsFor(EventFixture &e) {
        const trust::VerificationRequest r = e.request();
        return {QStringLiteral("--device-roots"),
                write(QStringLiteral("d.pem"), world().pki.deviceRootsPem()),
                QStringLiteral("--owner-authorities"),
                write(QStringLiteral("a.pem"), world().pki.ownerAuthoritiesPem()),
                QStringLiteral("--user"),
                r.userId,
                QStringLiteral("--attestation"),
                write(QStringLiteral("att.cose"), r.attestation),
                QStringLiteral("--claim"),
                write(QStringLiteral("claim.cose"), r.claim),
                QStringLiteral("--media"),
                write(QStringLiteral("media.bin"), *r.media),
                QStringLiteral("--role"),
                trust::mediaRoleName(r.role),
                QStringLiteral("--event-id"),
                r.eventId,
                QStringLiteral("--device-id"),
                r.deviceId};
    }

    static Run run(const QStringList &args) {
        QProcess process;
        process.start(QStringLiteral(VF_VERIFY_BIN), args);
        process.waitForFinished(60000);
        Run r;
        r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        r.stdoutBytes = process.readAllStandardOutput();
        r.json = QJsonDocument::fromJson(r.stdoutBytes).object();
        r.stderrText = QString::fromUtf8(process.readAllStandardError());
        return r;
    }

    static QStringList replaced(QStringList args, const QString &flag, const QString &value) {
        args[args.indexOf(flag) + 1] = value;
        return args;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void verifiedOwner() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        const Run r = run(argsFor(e));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json, (QJsonObject{{"verdict", "verified"}, {"role", "owner"}}));
        QVERIFY(r.stdoutBytes.endsWith('\n'));
    }

    void verifiedViewerClip() {
        EventFixture e = world().ownerEvent(world().cameraEd25519);
        e.claim = world().viewerClaim(e, TestWorld::bob());
        e.userId = TestWorld::bob();
        e.role = trust::MediaRole::Clip;
        const Run r = run(argsFor(e));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json.value("role").toString(), QStringLiteral("viewer"));
    }

    void refusedForeign() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.userId = TestWorld::bob();
        const Run r = run(argsFor(e));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json.value("verdict").toString(), QStringLiteral("refused"));
        QCOMPARE(r.json.value("reason").toString(), QStringLiteral("foreign_owner"));
        QVERIFY(!r.json.value("detail").toString().isEmpty());
    }

    void emptyClaimFileIsClaimMissing() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.claimBytes = QByteArray();
        const Run r = run(argsFor(e));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json.value("reason").toString(), QStringLiteral("claim_missing"));
    }

    // --- v2: the CLI gives the verifier's v2 verdicts ---
    void v2ClaimExpUndefinedIsClaimUntrusted() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.claim.extra.insert(4, QCborValue(QCborSimpleType::Undefined));
        const Run r = run(argsFor(e));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json.value("reason").toString(), QStringLiteral("claim_untrusted"));
    }

    void v2WrongAttestedTypeIsMediaMismatch() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        e.attestation.media[0].type = QStringLiteral("image/png");
        const Run r = run(argsFor(e));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json.value("reason").toString(), QStringLiteral("media_mismatch"));
    }

    void v2RevokedIntermediateAndLargeList() {
        // A 1 MiB list (v1 refused anything over 16 KiB) revoking the camera's intermediate.
        EventFixture e = world().ownerEvent(world().cameraEd25519);
        pki::RevocationPayload list;
        list.seq = 3;
        list.issued = world().nowMs / 1000;
        list.devices << world().pki.deviceIntermediate.cert.sha256();
        for (int i = 0; i < 31000; ++i)
            list.devices << trust::sha256(QByteArray::number(i));
        const QByteArray bytes = world().pki.signRevocations(list);
        QVERIFY(bytes.size() > 1024 * 1024);
        const Run r = run(argsFor(e) << QStringLiteral("--revocations")
                                     << write(QStringLiteral("big.cose"), bytes));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json.value("reason").toString(), QStringLiteral("device_revoked"));
    }

    void nowSetsTheClock() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        const QStringList args = argsFor(e);
        // An hour-old capture seen from two hours earlier is 60 minutes in the future.
        const qint64 earlier = world().nowMs / 1000 - 2 * 3600;
        const Run r = run(args + QStringList{QStringLiteral("--now"), QString::number(earlier)});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json.value("reason").toString(), QStringLiteral("time_invalid"));
    }

    void revocationsFile() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        pki::RevocationPayload list;
        list.seq = 1;
        list.issued = world().nowMs / 1000;
        list.claims << e.claim.cti;
        const QStringList args = argsFor(e);
        const Run r = run(args + QStringList{QStringLiteral("--revocations"),
                                             write(QStringLiteral("rev.cose"),
                                                   world().pki.signRevocations(list))});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.json.value("reason").toString(), QStringLiteral("claim_revoked"));
        // A list that does not verify is an error, never silently "no revocations".
        const Run bad = run(args + QStringList{QStringLiteral("--revocations"),
                                               write(QStringLiteral("bad.cose"), "junk")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.stderrText.contains(QLatin1String("revocation list")));
        QVERIFY(bad.stdoutBytes.isEmpty());
    }

    void traceFlagAddsChecks() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        const Run r = run(argsFor(e) + QStringList{QStringLiteral("--trace")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.json.value("checks").toArray().size(), 15);
        QCOMPARE(r.json.value("attestation").toObject().value("path").toArray().size(), 3);
    }

    void usageErrors_data() {
        QTest::addColumn<QString>("flag");
        QTest::addColumn<QString>("value"); // empty: remove the flag
        QTest::addColumn<QString>("message");
        QTest::newRow("missing --user") << "--user" << QString() << "--user is required";
        QTest::newRow("missing --media") << "--media" << QString() << "--media is required";
        QTest::newRow("bad role") << "--role"
                                  << "poster"
                                  << "--role must be";
        QTest::newRow("unreadable attestation") << "--attestation"
                                                << "/nonexistent/att"
                                                << "cannot read";
        QTest::newRow("unreadable claim") << "--claim"
                                          << "/nonexistent/claim"
                                          << "cannot read";
        QTest::newRow("bad roots") << "--device-roots"
                                   << "/nonexistent/roots.pem"
                                   << "cannot read";
    }
    void usageErrors() {
        QFETCH(QString, flag);
        QFETCH(QString, value);
        QFETCH(QString, message);
        EventFixture e = world().ownerEvent(world().cameraP256);
        QStringList args = argsFor(e);
        if (value.isEmpty())
            args.remove(args.indexOf(flag), 2);
        else
            args = replaced(args, flag, value);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.stderrText.contains(message), qPrintable(r.stderrText));
        QVERIFY(r.stdoutBytes.isEmpty());
    }

    void otherUsageErrors() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        const QStringList args = argsFor(e);
        QCOMPARE(run(args + QStringList{QStringLiteral("--now"), QStringLiteral("soon")}).exitCode,
                 2);
        QCOMPARE(run(args + QStringList{QStringLiteral("--bogus")}).exitCode, 2);
        QCOMPARE(run(args + QStringList{QStringLiteral("stray")}).exitCode, 2);
        QCOMPARE(run({}).exitCode, 2);
        const Run help = run({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.stdoutBytes.contains("--owner-authorities"));
        const QString junkRoots = write(QStringLiteral("junk.pem"), "not a certificate");
        const Run junk = run(replaced(args, QStringLiteral("--device-roots"), junkRoots));
        QCOMPARE(junk.exitCode, 2);
        QVERIFY(junk.stderrText.contains(QLatin1String("no PEM certificate")));
    }

    void garbageInputsAreRefusalsNotCrashes() {
        EventFixture e = world().ownerEvent(world().cameraP256);
        const QStringList args = argsFor(e);
        for (const QByteArray &junk : {QByteArray(), QByteArray("\xff"), QByteArray(20000, 'a'),
                                       QByteArray::fromHex("d2845f")}) {
            const Run r = run(replaced(args, QStringLiteral("--attestation"),
                                       write(QStringLiteral("j.cose"), junk)));
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(r.json.value("reason").toString(), QStringLiteral("malformed"));
        }
        const Run emptyMedia =
            run(replaced(args, QStringLiteral("--media"), write(QStringLiteral("empty.bin"), {})));
        QCOMPARE(emptyMedia.json.value("reason").toString(), QStringLiteral("media_mismatch"));
    }
};

QTEST_GUILESS_MAIN(TestVerifyCli)
#include "tst_verify_cli.moc"
