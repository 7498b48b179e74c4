// The support bundle against a client synced with the incident on: it validates against
// docs/diagnostics-bundle.schema.json; it holds no media bytes (raw, base64 or hex, of any
// thumbnail the client saw), no token, no password and no real user ID; its traces and
// refusals match what veriframe-verify says for the same items.
#include "DiagnosticsBundle.h"
#include "E2eClient.h"
#include "Store.h"
#include "TestCloud.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace vf;

namespace {

// The subset of JSON Schema 2020-12 the bundle's schema uses: type (one or a list),
// required, properties, additionalProperties: false, items, enum, pattern, minimum,
// maximum and local $ref. Returns the first violation ("" when valid).
QString check(const QJsonValue &value, const QJsonObject &schema, const QJsonObject &root,
              const QString &at) {
    if (schema.contains("$ref")) {
        const QString ref = schema.value("$ref").toString();
        const QString name = ref.section('/', -1);
        return check(value, root.value("$defs").toObject().value(name).toObject(), root, at);
    }
    if (schema.contains("type")) {
        QStringList types;
        if (schema.value("type").isArray())
            for (const QJsonValue &t : schema.value("type").toArray())
                types << t.toString();
        else
            types << schema.value("type").toString();
        auto is = [&](const QString &t) {
            if (t == "object")
                return value.isObject();
            if (t == "array")
                return value.isArray();
            if (t == "string")
                return value.isString();
            if (t == "boolean")
                return value.isBool();
            if (t == "null")
                return value.isNull();
            if (t == "number")
                return value.isDouble();
            if (t == "integer")
                return value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
            return false;
        };
        if (std::none_of(types.begin(), types.end(), is))
            return at + ": not of type " + types.join('|');
    }
    if (value.isNull())
        return {};
    if (schema.contains("enum") && !schema.value("enum").toArray().contains(value))
        return at + ": not one of the enum";
    if (schema.contains("pattern") && value.isString() &&
        !QRegularExpression(schema.value("pattern").toString()).match(value.toString()).hasMatch())
        return at + ": does not match " + schema.value("pattern").toString();
    if (schema.contains("minimum") && value.toDouble() < schema.value("minimum").toDouble())
        return at + ": below minimum";
    if (schema.contains("maximum") && value.toDouble() > schema.value("maximum").toDouble())
        return at + ": above maximum";
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (const QJsonValue &r : schema.value("required").toArray())
            if (!o.contains(r.toString()))
                return at + ": missing " + r.toString();
        const QJsonObject props = schema.value("properties").toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (props.contains(it.key())) {
                const QString e =
                    check(it.value(), props.value(it.key()).toObject(), root, at + "." + it.key());
                if (!e.isEmpty())
                    return e;
            } else if (schema.value("additionalProperties") == QJsonValue(false)) {
                return at + ": unexpected " + it.key();
            }
        }
    }
    if (value.isArray() && schema.contains("items")) {
        const QJsonArray a = value.toArray();
        for (int i = 0; i < a.size(); ++i) {
            const QString e = check(a.at(i), schema.value("items").toObject(), root,
                                    at + "[" + QString::number(i) + "]");
            if (!e.isEmpty())
                return e;
        }
    }
    return {};
}

bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class DiagnosticsTest : public QObject {
    Q_OBJECT

    QTemporaryDir cloudDir;
    QTemporaryDir clientDir;
    cloud::test::TestCloud cloud;
    std::unique_ptr<e2e::E2eClient> client;
    QJsonObject bundle;
    QByteArray bundleText;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(cloud.start(cloudDir.path(), "mixup:0.3,tamper:0.1,forge:0.1").isEmpty());
        auto anchors = cloud.host().trustAnchors();
        QVERIFY(anchors.anchors);
        client =
            std::make_unique<e2e::E2eClient>(cloud.host().url(), clientDir.path(), anchors.anchors);
        QVERIFY(client->signIn("alice", cloud.world().user("alice")->password).isEmpty());
        // A second page: a request with a cursor in the network log.
        QVERIFY(client->session().events()->hasMore());
        client->session().events()->fetchMore();
        QTest::qWait(50);
        QVERIFY(client->waitIdle().isEmpty());
        QVERIFY(!client->displayAll().isEmpty());
        QVERIFY(client->waitDrained());
        sync::BundleOptions options;
        options.versions = {{"app", "test"}, {"qt", qVersion()}, {"openssl", "3"}, {"ffmpeg", "5"}};
        bundle = sync::buildDiagnosticsBundle(client->session(), options);
        bundleText = QJsonDocument(bundle).toJson();
    }

    void bundleValidatesAgainstItsSchema() {
        QFile f(QStringLiteral(VF_SOURCE_DIR "/docs/diagnostics-bundle.schema.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject schema = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(!schema.isEmpty());
        const QString error = check(bundle, schema, schema, "$");
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // And the checker is not vacuous: a broken bundle fails.
        QJsonObject broken = bundle;
        broken.insert("account", QJsonObject{{"user", cloud.userId("alice")}, {"state", 4}});
        QVERIFY(!check(broken, schema, schema, "$").isEmpty());
        QVERIFY(bundle.value("events").toArray().size() >= 50);
        QVERIFY(!bundle.value("network").toArray().isEmpty());
        QVERIFY(!bundle.value("audit").toArray().isEmpty());
    }

    // Each hour carries its refused total (the Diagnostics page draws it as is): the sum of
    // its reasons, and over all hours the bundle's refused events.
    void outcomesPerHourCarryTheirRefusedTotal() {
        int refusedEvents = 0;
        for (const QJsonValue &e : bundle.value("events").toArray())
            refusedEvents += e.toObject().value("state").toString() == "refused" ? 1 : 0;
        QVERIFY(refusedEvents > 0);
        int refusedInHours = 0;
        for (const QJsonValue &h : bundle.value("outcomes_per_hour").toArray()) {
            const QJsonObject hour = h.toObject();
            int sum = 0;
            for (const QJsonValue &n : hour.value("refused").toObject())
                sum += n.toInt();
            QCOMPARE(hour.value("refused_total").toInt(-1), sum);
            refusedInHours += sum;
        }
        QCOMPARE(refusedInHours, refusedEvents);
    }

    void bundleHoldsNoMediaNoTokensNoUserIds() {
        const QString account = client->session().userId();
        const auto session = cloud.session("alice");
        int thumbnails = 0;
        for (const QJsonObject &e : cloud.client().allEvents(session.token)) {
            const QByteArray bytes =
                cloud.client().get(e.value("thumbnail").toString(), session.token).body;
            QVERIFY(bytes.size() > 1000);
            ++thumbnails;
            QVERIFY(!bundleText.contains(bytes));
            QVERIFY(!bundleText.contains(bytes.toBase64()));
            QVERIFY(!bundleText.contains(bytes.toBase64().left(64)));
            QVERIFY(!bundleText.contains(bytes.toHex()));
            QVERIFY(!bundleText.contains(bytes.toHex().left(64)));
            QVERIFY(!bundleText.contains(bytes.mid(200, 48)));
        }
        QVERIFY(thumbnails > 0);
        // Verified bytes in the client's cache too.
        for (const auto &e : client->session().store()->events().page(account, {}, {}, 1000))
            if (const auto cached =
                    client->session().store()->media().load(account, e.thumbnailSha256)) {
                QVERIFY(!bundleText.contains(cached->toBase64().left(64)));
                QVERIFY(!bundleText.contains(cached->toHex().left(64)));
            }
        QVERIFY(!bundleText.contains(client->session().api().token()));
        QVERIFY(!bundleText.contains(session.token.toUtf8()));
        for (const cloud::DemoUser &u : cloud.world().users) {
            QVERIFY2(!bundleText.contains(u.userId.toUtf8()), qPrintable(u.username));
            QVERIFY(!bundleText.contains(u.password.toUtf8()));
        }
        // Pseudonyms: one per bundle salt.
        sync::BundleOptions again;
        again.versions = bundle.value("versions").toObject();
        const QJsonObject second = sync::buildDiagnosticsBundle(client->session(), again);
        QVERIFY(second.value("account").toObject().value("user") !=
                bundle.value("account").toObject().value("user"));
    }

    // cloud-api.md §7 v2: the bundle records cursors only as a hash (the network log's
    // paths), never verbatim, in no encoding.
    void bundleRecordsCursorsOnlyAsAHash() {
        const auto session = cloud.session("alice");
        const QString cursor =
            cloud.client()
                .get(QStringLiteral("/v1/events?limit=%1").arg(sync::EventSync::kDefaultPageSize),
                     session.token)
                .json()
                .value("next_cursor")
                .toString();
        QVERIFY(cursor.size() > 8);
        QVERIFY(!bundleText.contains(cursor.toUtf8()));
        QVERIFY(!bundleText.contains(QUrl::toPercentEncoding(cursor)));
        const QByteArray hash =
            QCryptographicHash::hash(cursor.toUtf8(), QCryptographicHash::Sha256).toHex();
        int hashed = 0;
        for (const QJsonValue &r : bundle.value("network").toArray()) {
            const QString path = r.toObject().value("path").toString();
            if (path.contains(QLatin1String("cursor="))) {
                QVERIFY2(path.contains(QLatin1String("cursor=sha256:") + QLatin1String(hash)),
                         qPrintable(path));
                ++hashed;
            }
        }
        QCOMPARE(hashed, 1);
    }

    void tracesMatchVeriframeVerify() {
        const QString account = client->session().userId();
        store::Store &store = *client->session().store();
        const auto session = cloud.session("alice");
        QTemporaryDir work;
        int compared = 0, refusedCompared = 0;
        for (const QJsonValue &v : bundle.value("events").toArray()) {
            const QJsonObject e = v.toObject();
            const auto row = store.events().find(
                account, {e.value("event_id").toString(), e.value("device_id").toString()});
            QVERIFY(row);
            if (row->claim.isEmpty() || row->state == store::VerificationState::Loading)
                continue;
            // The bytes the client judged: its cache for verified items, the cloud's (its
            // faults are deterministic) for refused ones.
            QByteArray media =
                row->state == store::VerificationState::Verified
                    ? store.media().load(account, row->thumbnailSha256).value_or(QByteArray())
                    : cloud.client().get(row->thumbnailUrl, session.token).body;
            if (media.isEmpty())
                continue;
            QVERIFY(writeFile(work.filePath("a"), row->attestation));
            QVERIFY(writeFile(work.filePath("c"), row->claim));
            QVERIFY(writeFile(work.filePath("m"), media));
            QProcess cli;
            cli.start(QStringLiteral(VF_VERIFY_BIN),
                      {"--device-roots", cloudDir.filePath("trust/device-roots.pem"),
                       "--owner-authorities", cloudDir.filePath("trust/owner-authorities.pem"),
                       "--user", account, "--attestation", work.filePath("a"), "--claim",
                       work.filePath("c"), "--media", work.filePath("m"), "--role", "thumbnail",
                       "--event-id", row->id, "--device-id", row->deviceId});
            QVERIFY(cli.waitForFinished(30000));
            const QJsonObject verdict =
                QJsonDocument::fromJson(cli.readAllStandardOutput()).object();
            if (row->state == store::VerificationState::Verified) {
                QCOMPARE(verdict.value("verdict").toString(), QStringLiteral("verified"));
                QCOMPARE(e.value("trace").toObject().value("verdict").toString(),
                         QStringLiteral("verified"));
                QCOMPARE(e.value("trace").toObject().value("checks").toArray().size(), 15);
            } else {
                QCOMPARE(verdict.value("verdict").toString(), QStringLiteral("refused"));
                QCOMPARE(verdict.value("reason").toString(), e.value("recorded_reason").toString());
                ++refusedCompared;
            }
            if (++compared >= 24)
                break;
        }
        QVERIFY(compared >= 10);
        QVERIFY(refusedCompared > 0);
    }
};

QTEST_MAIN(DiagnosticsTest)
#include "tst_diagnostics.moc"
