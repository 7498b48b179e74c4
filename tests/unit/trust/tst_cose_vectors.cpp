// The COSE signature layer against the public cose-wg vectors (tests/data/cose-wg, public
// domain): pass vectors verify, fail vectors do not, and algorithms outside the Veriframe
// profile (ES384, ES512, Ed448) are never accepted. The profile rules sit above this layer
// and refuse every vector, since none carries an x5chain.
#include "CoseSign1.h"
#include "PublicKey.h"

#include <QCborMap>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace vf::trust;

namespace {
QByteArray keyBytes(const QJsonObject &key, const QString &name) {
    if (key.contains(name + QStringLiteral("_hex")))
        return QByteArray::fromHex(key.value(name + QStringLiteral("_hex")).toString().toLatin1());
    return QByteArray::fromBase64(key.value(name).toString().toLatin1(),
                                  QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// JWK (as the vectors write it) to COSE_Key.
QCborMap coseKeyFromJwk(const QJsonObject &jwk) {
    QCborMap key;
    const QString kty = jwk.value(QStringLiteral("kty")).toString();
    const QString crv = jwk.value(QStringLiteral("crv")).toString();
    if (kty == QLatin1String("EC")) {
        key.insert(1, 2);
        key.insert(-1, crv == QLatin1String("P-256") ? 1 : crv == QLatin1String("P-384") ? 2 : 3);
        key.insert(-2, keyBytes(jwk, QStringLiteral("x")));
        key.insert(-3, keyBytes(jwk, QStringLiteral("y")));
    } else {
        key.insert(1, 1);
        key.insert(-1, crv == QLatin1String("Ed25519") ? 6 : 7);
        key.insert(-2, keyBytes(jwk, QStringLiteral("x")));
    }
    return key;
}

struct Vector {
    QString file;
    QJsonObject json;
    bool shouldFail() const { return json.value(QStringLiteral("fail")).toBool(); }
    QJsonObject signer() const {
        return json.value(QStringLiteral("input"))
            .toObject()
            .value(QStringLiteral("sign0"))
            .toObject();
    }
    QByteArray cbor() const {
        return QByteArray::fromHex(json.value(QStringLiteral("output"))
                                       .toObject()
                                       .value(QStringLiteral("cbor"))
                                       .toString()
                                       .toLatin1());
    }
};

QList<Vector> loadVectors() {
    QList<Vector> vectors;
    const QDir root(QStringLiteral(VF_TEST_DATA "/cose-wg"));
    for (const QString &dir : {QStringLiteral("sign1-tests"), QStringLiteral("ecdsa-examples"),
                               QStringLiteral("eddsa-examples"), QStringLiteral("CWT")}) {
        const QDir folder(root.filePath(dir));
        for (const QString &name : folder.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            QFile file(folder.filePath(name));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            vectors.append(
                {dir + QLatin1Char('/') + name, QJsonDocument::fromJson(file.readAll()).object()});
        }
    }
    return vectors;
}

// The generic layer's verdict for a vector: decode, take alg, verify with the vector key.
bool verifiesWithVectorKey(const Vector &v) {
    const CoseDecodeResult decoded = decodeCoseSign1(v.cbor(), CoseTags::Sign1OrCwt);
    if (!decoded.message)
        return false;
    const std::optional<qint64> alg = headerAlgorithm(*decoded.message);
    const EvpPkeyPtr key =
        publicKeyFromCoseKey(coseKeyFromJwk(v.signer().value(QStringLiteral("key")).toObject()));
    if (!alg || !key)
        return false;
    const QByteArray external =
        QByteArray::fromHex(v.signer().value(QStringLiteral("external")).toString().toLatin1());
    return verifyCoseSignature(*decoded.message, key.get(), *alg, external);
}
} // namespace

class TestCoseVectors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void vectorsArePresent() {
        QCOMPARE(loadVectors().size(), 16);
        QVERIFY(QFile::exists(QStringLiteral(VF_TEST_DATA "/cose-wg/LICENSE")));
    }

    void signatureLayer_data() {
        QTest::addColumn<int>("index");
        QTest::addColumn<bool>("expectVerified");
        const QList<Vector> vectors = loadVectors();
        for (int i = 0; i < vectors.size(); ++i) {
            const Vector &v = vectors.at(i);
            const QString alg = v.signer().value(QStringLiteral("alg")).toString();
            const QString crv = v.signer()
                                    .value(QStringLiteral("key"))
                                    .toObject()
                                    .value(QStringLiteral("crv"))
                                    .toString();
            const bool inProfile =
                (alg == QLatin1String("ES256") && crv == QLatin1String("P-256")) ||
                (alg == QLatin1String("EdDSA") && crv == QLatin1String("Ed25519"));
            QTest::newRow(qPrintable(v.file)) << i << (inProfile && !v.shouldFail());
        }
    }

    void signatureLayer() {
        QFETCH(int, index);
        QFETCH(bool, expectVerified);
        const Vector v = loadVectors().at(index);
        QCOMPARE(verifiesWithVectorKey(v), expectVerified);
    }

    void sigStructureMatchesVectors() {
        for (const Vector &v : loadVectors()) {
            const CoseDecodeResult decoded = decodeCoseSign1(v.cbor(), CoseTags::Sign1OrCwt);
            if (!decoded.message)
                continue; // sign-fail-01's unknown tag
            const QByteArray expected =
                QByteArray::fromHex(v.json.value(QStringLiteral("intermediates"))
                                        .toObject()
                                        .value(QStringLiteral("ToBeSign_hex"))
                                        .toString()
                                        .toLatin1());
            const QByteArray external = QByteArray::fromHex(
                v.signer().value(QStringLiteral("external")).toString().toLatin1());
            if (v.shouldFail())
                continue; // the failures alter the message after ToBeSign was computed
            const QByteArray signedProtected = decoded.message->protectedHeader.isEmpty()
                                                   ? QByteArray()
                                                   : decoded.message->protectedBytes;
            QCOMPARE(sigStructure(signedProtected, decoded.message->payload, external).toHex(),
                     expected.toHex());
        }
    }

    void unknownTagIsRejected() {
        const Vector v = loadVectors().at(0); // sign1-tests/sign-fail-01: tag 998
        QVERIFY(v.file.endsWith(QLatin1String("sign-fail-01.json")));
        const CoseDecodeResult decoded = decodeCoseSign1(v.cbor(), CoseTags::Sign1OrCwt);
        QVERIFY(!decoded.message);
        QVERIFY(decoded.error.contains(QLatin1String("tag")));
    }

    void untaggedIsAccepted() {
        for (const Vector &v : loadVectors()) {
            if (v.file.endsWith(QLatin1String("sign-pass-03.json"))) {
                QVERIFY(!v.cbor().startsWith('\xd2'));
                QVERIFY(verifiesWithVectorKey(v));
                return;
            }
        }
        QFAIL("sign-pass-03 not found");
    }

    void profileRefusesEveryVector() {
        // Veriframe needs alg and x5chain in the protected header: no public vector has
        // x5chain, and sign-pass-01 even keeps alg unprotected.
        for (const Vector &v : loadVectors()) {
            const CoseDecodeResult decoded = decodeCoseSign1(v.cbor(), CoseTags::Sign1OrCwt);
            if (!decoded.message)
                continue;
            const ProfileResult profile = checkVeriframeProfile(*decoded.message);
            QVERIFY2(!profile.headers, qPrintable(v.file));
            if (v.file.endsWith(QLatin1String("sign-pass-01.json")))
                QVERIFY(profile.error.contains(QLatin1String("protected header only")));
        }
    }

    void cwtTagIsAcceptedOnlyForCwt() {
        const Vector v = loadVectors().constLast(); // CWT/A_3.json is tagged 18
        QVERIFY(v.file.startsWith(QLatin1String("CWT/")));
        QByteArray cwt = v.cbor();
        cwt.prepend(QByteArray::fromHex("d83d")); // 61(18(...))
        QVERIFY(decodeCoseSign1(cwt, CoseTags::Sign1OrCwt).message.has_value());
        QVERIFY(!decodeCoseSign1(cwt, CoseTags::Sign1).message.has_value());
        QByteArray untaggedInCwt = cwt;
        untaggedInCwt.remove(2, 1); // 61([...]) without the inner 18
        QVERIFY(!decodeCoseSign1(untaggedInCwt, CoseTags::Sign1OrCwt).message.has_value());
    }

    void trailingAndTruncatedBytesAreRejected() {
        const QByteArray good = loadVectors().constLast().cbor();
        QVERIFY(decodeCoseSign1(good, CoseTags::Sign1).message.has_value());
        QVERIFY(!decodeCoseSign1(good + QByteArray(1, '\0'), CoseTags::Sign1).message.has_value());
        for (qsizetype n = 0; n < good.size(); ++n)
            QVERIFY(!decodeCoseSign1(good.first(n), CoseTags::Sign1).message.has_value());
    }
};

QTEST_GUILESS_MAIN(TestCoseVectors)
#include "tst_cose_vectors.moc"
