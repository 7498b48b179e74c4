// Tests of the signing side (tools/pki). Every check verifies with OpenSSL or decodes with
// QCborValue independently of the code under test, so a bug cannot hide behind itself.

#include "CoseSign1Builder.h"
#include "KeyPair.h"
#include "OpenSslHandles.h"
#include "ProtocolPayloads.h"
#include "TestPki.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

using namespace vf::pki;

namespace {

const unsigned char *bytes(const QByteArray &data) {
    return reinterpret_cast<const unsigned char *>(data.constData());
}

// r || s (32 + 32) back to the DER ECDSA-Sig-Value OpenSSL verifies: the test's own conversion,
// independent of the library's DER -> raw one.
QByteArray rawToDer(const QByteArray &raw) {
    if (raw.size() != 64)
        return {};
    EcdsaSigPtr sig(ECDSA_SIG_new());
    BIGNUM *r = BN_bin2bn(bytes(raw), 32, nullptr);
    BIGNUM *s = BN_bin2bn(bytes(raw) + 32, 32, nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return {};
    }
    const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    QByteArray der(length, '\0');
    auto *p = reinterpret_cast<unsigned char *>(der.data());
    i2d_ECDSA_SIG(sig.get(), &p);
    return der;
}

bool digestVerify(EVP_PKEY *key, const EVP_MD *md, const QByteArray &message,
                  const QByteArray &signature) {
    EvpMdCtxPtr ctx(EVP_MD_CTX_new());
    const bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) == 1 &&
                    EVP_DigestVerify(ctx.get(), bytes(signature), size_t(signature.size()),
                                     bytes(message), size_t(message.size())) == 1;
    ERR_clear_error();
    return ok;
}

// Verifies a COSE signature (raw r || s for EC keys) with a public key.
bool verifyCoseSignature(EVP_PKEY *publicKey, const QByteArray &message,
                         const QByteArray &signature) {
    if (EVP_PKEY_is_a(publicKey, "ED25519"))
        return digestVerify(publicKey, nullptr, message, signature);
    const QByteArray der = rawToDer(signature);
    return !der.isEmpty() && digestVerify(publicKey, EVP_sha256(), message, der);
}

// X509_V_OK or the X509_V_ERR_* code. Strict mode adds RFC 5280 profile checks (AKID/SKID,
// critical basicConstraints on CAs, keyUsage on CAs), which the test PKI must satisfy.
int verifyChain(const Certificate &leaf, const QList<Certificate> &untrusted,
                const Certificate &root) {
    X509StorePtr store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), root.get());
    STACK_OF(X509) *chain = sk_X509_new_null();
    for (const Certificate &cert : untrusted)
        sk_X509_push(chain, cert.get());
    X509StoreCtxPtr ctx(X509_STORE_CTX_new());
    X509_STORE_CTX_init(ctx.get(), store.get(), leaf.get(), chain);
    X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_X509_STRICT);
    const int ok = X509_verify_cert(ctx.get());
    const int error = X509_STORE_CTX_get_error(ctx.get());
    sk_X509_free(chain); // the stack only borrowed the certificates
    ERR_clear_error();
    return ok == 1 ? X509_V_OK : (error != X509_V_OK ? error : -1);
}

struct Sign1 {
    QList<QCborTag> tags;
    QCborArray array;
    QByteArray protectedBytes;
    QCborMap protectedMap;
    QCborMap unprotected;
    QCborValue payload;
    QByteArray signature;
};

Sign1 decodeSign1(const QByteArray &encoded) {
    QCborParserError error;
    QCborValue value = QCborValue::fromCbor(encoded, &error);
    Sign1 out;
    if (error.error != QCborError::NoError)
        return out;
    while (value.isTag()) {
        out.tags.append(value.tag());
        value = value.taggedValue();
    }
    out.array = value.toArray();
    out.protectedBytes = out.array.at(0).toByteArray();
    out.protectedMap = QCborValue::fromCbor(out.protectedBytes).toMap();
    out.unprotected = out.array.at(1).toMap();
    out.payload = out.array.at(2);
    out.signature = out.array.at(3).toByteArray();
    return out;
}

QList<qint64> integerKeys(const QCborMap &map) {
    QList<qint64> keys;
    for (const QCborValue &key : map.keys())
        keys.append(key.isInteger() ? key.toInteger() : -1'000'000);
    return keys;
}

QByteArray toBytes(const QCborArray &array, qsizetype i) {
    return array.at(i).toByteArray();
}

QJsonObject readVector(const QString &name) {
    QFile file(QStringLiteral(VF_TEST_DATA "/cose-wg/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QByteArray hexField(const QJsonObject &object, const char *name) {
    return QByteArray::fromHex(object.value(QLatin1String(name)).toString().toLatin1());
}

// A KeyPair for a published private key, through the PEM door the library offers.
KeyPair keyPairFrom(EVP_PKEY *pkey) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_PrivateKey(bio.get(), pkey, nullptr, nullptr, 0, nullptr, nullptr);
    return KeyPair::fromPrivatePem(bioContents(bio.get()));
}

EvpPkeyPtr p256FromComponents(const QByteArray &d, const QByteArray &x, const QByteArray &y) {
    const QByteArray point = QByteArray(1, '\x04') + x + y;
    BignumPtr priv(d.isEmpty() ? nullptr : BN_bin2bn(bytes(d), int(d.size()), nullptr));
    OSSL_PARAM_BLD *builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(builder, OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                     size_t(point.size()));
    if (priv)
        OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_PRIV_KEY, priv.get());
    OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(builder);
    EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *pkey = nullptr;
    if (ctx && EVP_PKEY_fromdata_init(ctx.get()) == 1)
        EVP_PKEY_fromdata(ctx.get(), &pkey, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    return EvpPkeyPtr(pkey);
}

bool hasCriticalExtension(const Certificate &cert, int nid) {
    const int index = X509_get_ext_by_NID(cert.get(), nid, -1);
    return index >= 0 && X509_EXTENSION_get_critical(X509_get_ext(cert.get(), index)) == 1;
}

bool hasExtension(const Certificate &cert, int nid) {
    return X509_get_ext_by_NID(cert.get(), nid, -1) >= 0;
}

QByteArray octets(const ASN1_OCTET_STRING *s) {
    return s ? QByteArray(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                          ASN1_STRING_length(s))
             : QByteArray();
}

AttestationPayload sampleAttestation(const DeviceIdentity &device) {
    AttestationPayload a;
    a.eventId = QStringLiteral("evt-1");
    a.deviceId = device.deviceId;
    a.tsMs = 1'700'000'000'123;
    a.ownerCti = QByteArray(16, '\x07');
    a.kind = QStringLiteral("motion");
    a.media = {MediaItem::describe(QStringLiteral("thumbnail"), QStringLiteral("image/jpeg"),
                                   QByteArray("jpeg bytes"))};
    return a;
}

} // namespace

class TestPkiTest : public QObject {
    Q_OBJECT

private:
    TestPki m_pki;
    DeviceIdentity m_p256Device;
    DeviceIdentity m_edDevice;

    void checkKeySignsAndVerifies(KeyType type, int rawSize, int alg);

private Q_SLOTS:
    void initTestCase();
    void p256KeySignsAndVerifies();
    void ed25519KeySignsAndVerifies();
    void coseKeysCarryThePublicKey();
    void keyPairPemCopiesAndRejects();
    void sigStructureMatchesCwtVector();
    void ed25519ReproducesCoseWgVector();
    void deviceChainsVerifyAgainstDeviceRootOnly();
    void authorityChainVerifiesAgainstAuthorityRootOnly();
    void ed25519CaWorld();
    void certificateProfile();
    void certificateRoundTrips();
    void certificateSpecKnobs();
    void subjectAltNames();
    void publicDerIsTheSubjectPublicKeyInfo();
    void makeDeviceOverrideSpec();
    void attestationHasProfileStructure();
    void sign1AlgKnobs();
    void sign1HeaderKnobs();
    void sign1PayloadSignatureAndTagKnobs();
    void mediaItemDescribe();
    void attestationPayloadEncoding();
    void claimPayloadEncoding();
    void identityAndRevocationEncoding();
    void authoritySigners();
    void saveLoadRoundTrip();
    void loadRejectsBrokenWorld();
};

void TestPkiTest::initTestCase() {
    m_pki = TestPki::create();
    QVERIFY(m_pki.isValid());
    m_p256Device = m_pki.makeDevice(QStringLiteral("cam-p256.01"), KeyType::P256);
    m_edDevice = m_pki.makeDevice(QStringLiteral("cam_ed25519-02"), KeyType::Ed25519);
    QVERIFY(!m_p256Device.leaf.isNull());
    QVERIFY(!m_edDevice.leaf.isNull());
}

void TestPkiTest::checkKeySignsAndVerifies(KeyType type, int rawSize, int alg) {
    const KeyPair key = KeyPair::generate(type);
    QVERIFY(!key.isNull());
    QCOMPARE(key.type(), type);
    QCOMPARE(key.coseAlg(), alg);
    QCOMPARE(key.rawPublicKey().size(), rawSize);

    const QByteArray message("the bytes of a Sig_structure");
    const QByteArray signature = key.sign(message);
    QCOMPARE(signature.size(), 64);
    QVERIFY(verifyCoseSignature(key.get(), message, signature));
    QVERIFY(!verifyCoseSignature(key.get(), message + "x", signature));
    QByteArray flipped = signature;
    flipped[10] = char(flipped.at(10) ^ 0x01);
    QVERIFY(!verifyCoseSignature(key.get(), message, flipped));
    // A different key must not verify it either.
    QVERIFY(!verifyCoseSignature(KeyPair::generate(type).get(), message, signature));
}

void TestPkiTest::p256KeySignsAndVerifies() {
    checkKeySignsAndVerifies(KeyType::P256, 65, -7);
    const KeyPair key = KeyPair::generate(KeyType::P256);
    QCOMPARE(key.rawPublicKey().at(0), '\x04');

    // signDer: the X.509 form, a complete DER ECDSA-Sig-Value that OpenSSL verifies as is.
    const QByteArray message("message");
    const QByteArray der = key.signDer(message);
    QCOMPARE(der.at(0), '\x30');
    QVERIFY(der.size() != 64);
    const unsigned char *p = bytes(der);
    EcdsaSigPtr parsed(d2i_ECDSA_SIG(nullptr, &p, long(der.size())));
    QVERIFY(parsed);
    QCOMPARE(p, bytes(der) + der.size());
    QVERIFY(digestVerify(key.get(), EVP_sha256(), message, der));

    // Many signatures: some r or s is shorter than 32 bytes now and then, and left padding
    // must keep every one of them verifiable.
    for (int i = 0; i < 64; ++i) {
        const QByteArray m = QByteArray::number(i);
        QVERIFY2(verifyCoseSignature(key.get(), m, key.sign(m)), qPrintable(QString::number(i)));
    }
}

void TestPkiTest::ed25519KeySignsAndVerifies() {
    checkKeySignsAndVerifies(KeyType::Ed25519, 32, -8);
    const KeyPair key = KeyPair::generate(KeyType::Ed25519);
    // Ed25519 is deterministic and has no DER form.
    QCOMPARE(key.sign("m"), key.sign("m"));
    QCOMPARE(key.signDer("m"), key.sign("m"));
}

void TestPkiTest::coseKeysCarryThePublicKey() {
    const KeyPair ec = KeyPair::generate(KeyType::P256);
    const QCborMap ec2 = ec.coseKey();
    QCOMPARE(integerKeys(ec2), (QList<qint64>{1, -1, -2, -3}));
    QCOMPARE(ec2.value(1).toInteger(), 2);
    QCOMPARE(ec2.value(-1).toInteger(), 1);
    QCOMPARE(ec2.value(-2).toByteArray(), ec.rawPublicKey().mid(1, 32));
    QCOMPARE(ec2.value(-3).toByteArray(), ec.rawPublicKey().mid(33, 32));

    const KeyPair ed = KeyPair::generate(KeyType::Ed25519);
    const QCborMap okp = ed.coseKey();
    QCOMPARE(integerKeys(okp), (QList<qint64>{1, -1, -2}));
    QCOMPARE(okp.value(1).toInteger(), 1);
    QCOMPARE(okp.value(-1).toInteger(), 6);
    QCOMPARE(okp.value(-2).toByteArray(), ed.rawPublicKey());

    // The raw key is the one OpenSSL holds (checked through the SubjectPublicKeyInfo).
    unsigned char raw[32];
    size_t length = sizeof raw;
    QCOMPARE(EVP_PKEY_get_raw_public_key(ed.get(), raw, &length), 1);
    QCOMPARE(QByteArray(reinterpret_cast<char *>(raw), int(length)), ed.rawPublicKey());
    QByteArray point(65, '\0');
    size_t pointLength = 0;
    QCOMPARE(EVP_PKEY_get_octet_string_param(ec.get(), OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY,
                                             reinterpret_cast<unsigned char *>(point.data()),
                                             size_t(point.size()), &pointLength),
             1);
    QCOMPARE(point.left(qsizetype(pointLength)), ec.rawPublicKey());
}

void TestPkiTest::keyPairPemCopiesAndRejects() {
    for (KeyType type : {KeyType::P256, KeyType::Ed25519}) {
        const KeyPair key = KeyPair::generate(type);
        const QByteArray pem = key.privatePem();
        QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
        const KeyPair loaded = KeyPair::fromPrivatePem(pem);
        QVERIFY(!loaded.isNull());
        QCOMPARE(loaded.type(), type);
        QCOMPARE(loaded.rawPublicKey(), key.rawPublicKey());
        QVERIFY(verifyCoseSignature(key.get(), "x", loaded.sign("x")));
        QVERIFY(key.publicPem().startsWith("-----BEGIN PUBLIC KEY-----"));

        // Copies share the key and outlive the original.
        KeyPair copy = key;
        QCOMPARE(copy.get(), key.get());
        {
            KeyPair temporary = KeyPair::generate(type);
            copy = temporary;
            copy = key;
        }
        QCOMPARE(copy.rawPublicKey(), key.rawPublicKey());
    }
    {
        KeyPair moved = KeyPair::generate(KeyType::P256);
        const KeyPair copy = moved;
        moved = KeyPair();
        QVERIFY(moved.isNull());
        QVERIFY(verifyCoseSignature(copy.get(), "y", copy.sign("y")));
    }

    QVERIFY(KeyPair::fromPrivatePem("garbage").isNull());
    QVERIFY(KeyPair::fromPrivatePem(QByteArray()).isNull());
    QVERIFY(KeyPair().isNull());
    QVERIFY(KeyPair().sign("x").isEmpty());
    // A valid key outside the profile (P-384) is refused rather than mislabelled.
    EvpPkeyPtr p384(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384"));
    QVERIFY(p384);
    QVERIFY(keyPairFrom(p384.get()).isNull());
}

void TestPkiTest::sigStructureMatchesCwtVector() {
    const QJsonObject vector = readVector(QStringLiteral("CWT/A_3.json"));
    QVERIFY(!vector.isEmpty());
    const QJsonObject input = vector.value(QLatin1String("input")).toObject();
    const QByteArray payload = hexField(input, "plaintext_hex");
    const QByteArray expected =
        hexField(vector.value(QLatin1String("intermediates")).toObject(), "ToBeSign_hex");
    QVERIFY(!payload.isEmpty());
    QCOMPARE(sigStructure(QByteArray::fromHex("A10126"), payload).toHex(), expected.toHex());

    // The vector's own signature verifies through the r || s -> DER path, which is the
    // inverse of what KeyPair::sign does.
    const QJsonObject jwk =
        input.value(QLatin1String("sign0")).toObject().value(QLatin1String("key")).toObject();
    const QByteArray cose = hexField(vector.value(QLatin1String("output")).toObject(), "cbor");
    const EvpPkeyPtr publicKey =
        p256FromComponents({}, hexField(jwk, "x_hex"), hexField(jwk, "y_hex"));
    QVERIFY(publicKey);
    QVERIFY(verifyCoseSignature(publicKey.get(), expected, cose.right(64)));

    // With the vector's key and {1: -7} as the only header, the builder reproduces the
    // vector's bytes up to the (randomised) ECDSA signature, which must verify.
    const KeyPair key = keyPairFrom(
        p256FromComponents(hexField(jwk, "d_hex"), hexField(jwk, "x_hex"), hexField(jwk, "y_hex"))
            .get());
    QVERIFY(!key.isNull());
    Sign1Options options;
    options.omitX5chain = true;
    const QByteArray ours = signCoseSign1(payload, key, {}, options);
    QCOMPARE(ours.size(), cose.size());
    QCOMPARE(ours.chopped(64).toHex(), cose.chopped(64).toHex());
    QVERIFY(verifyCoseSignature(publicKey.get(), expected, ours.right(64)));
}

void TestPkiTest::ed25519ReproducesCoseWgVector() {
    const QJsonObject vector = readVector(QStringLiteral("eddsa-examples/eddsa-sig-01.json"));
    QVERIFY(!vector.isEmpty());
    const QJsonObject input = vector.value(QLatin1String("input")).toObject();
    const QJsonObject jwk =
        input.value(QLatin1String("sign0")).toObject().value(QLatin1String("key")).toObject();
    const QByteArray seed = hexField(jwk, "d_hex");
    EvpPkeyPtr pkey(
        EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, bytes(seed), size_t(seed.size())));
    QVERIFY(pkey);
    const KeyPair key = keyPairFrom(pkey.get());
    QVERIFY(!key.isNull());
    QCOMPARE(key.rawPublicKey().toHex(), hexField(jwk, "x_hex").toHex());

    const QByteArray payload = input.value(QLatin1String("plaintext")).toString().toUtf8();
    const QByteArray toBeSigned =
        hexField(vector.value(QLatin1String("intermediates")).toObject(), "ToBeSign_hex");
    QCOMPARE(sigStructure(QByteArray::fromHex("A201270300"), payload).toHex(), toBeSigned.toHex());

    // Ed25519 is deterministic: protected {1: -8, 3: 0}, unprotected {4: h'3131'} must give
    // the vector's COSE_Sign1 byte for byte.
    Sign1Options options;
    options.omitX5chain = true;
    options.extraProtected.insert(3, 0);
    options.unprotected.insert(4, QByteArray("11"));
    const QByteArray expected = hexField(vector.value(QLatin1String("output")).toObject(), "cbor");
    QCOMPARE(signCoseSign1(payload, key, {}, options).toHex(), expected.toHex());
}

void TestPkiTest::deviceChainsVerifyAgainstDeviceRootOnly() {
    const Certificate &intermediate = m_pki.deviceIntermediate.cert;
    for (const DeviceIdentity *device : {&m_p256Device, &m_edDevice}) {
        QCOMPARE(verifyChain(device->leaf, {intermediate}, m_pki.deviceRoot.cert), X509_V_OK);
        QCOMPARE(verifyChain(device->leaf, {intermediate}, m_pki.authorityRoot.cert),
                 X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        QCOMPARE(verifyChain(device->leaf, {}, m_pki.deviceRoot.cert),
                 X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
        // The x5chain holds exactly leaf then intermediate.
        QCOMPARE(device->x5chain, (QList<QByteArray>{device->leaf.der(), intermediate.der()}));
    }
}

void TestPkiTest::authorityChainVerifiesAgainstAuthorityRootOnly() {
    QCOMPARE(verifyChain(m_pki.authority.leaf, {}, m_pki.authorityRoot.cert), X509_V_OK);
    QCOMPARE(verifyChain(m_pki.authority.leaf, {}, m_pki.deviceRoot.cert),
             X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
    QCOMPARE(m_pki.authority.x5chain, QList<QByteArray>{m_pki.authority.leaf.der()});
    // The authority leaf is a signing key, not a CA.
    QCOMPARE(X509_check_ca(m_pki.authority.leaf.get()), 0);
    QCOMPARE(X509_get_key_usage(m_pki.authority.leaf.get()), uint32_t(KU_DIGITAL_SIGNATURE));
}

void TestPkiTest::ed25519CaWorld() {
    TestPki::Options options;
    options.caKeyType = KeyType::Ed25519;
    const TestPki pki = TestPki::create(options);
    QVERIFY(pki.isValid());
    QCOMPARE(pki.deviceRoot.key.type(), KeyType::Ed25519);
    const DeviceIdentity device = pki.makeDevice(QStringLiteral("cam-3"), KeyType::P256);
    QCOMPARE(verifyChain(device.leaf, {pki.deviceIntermediate.cert}, pki.deviceRoot.cert),
             X509_V_OK);
    QCOMPARE(verifyChain(pki.authority.leaf, {}, pki.authorityRoot.cert), X509_V_OK);
    QCOMPARE(X509_get_signature_nid(device.leaf.get()), NID_ED25519);
    QCOMPARE(X509_get_signature_nid(pki.deviceRoot.cert.get()), NID_ED25519);
    // ...while a P-256 issuer signs with ECDSA-with-SHA256.
    QCOMPARE(X509_get_signature_nid(m_edDevice.leaf.get()), NID_ecdsa_with_SHA256);
    QCOMPARE(X509_get_signature_nid(m_pki.authority.leaf.get()), NID_ecdsa_with_SHA256);
}

void TestPkiTest::certificateProfile() {
    const Certificate &leaf = m_p256Device.leaf;
    const Certificate &intermediate = m_pki.deviceIntermediate.cert;
    const Certificate &root = m_pki.deviceRoot.cert;

    QCOMPARE(X509_get_version(leaf.get()), long(X509_VERSION_3));
    QCOMPARE(leaf.commonName(), QStringLiteral("cam-p256.01"));

    // Leaf: not a CA (critical CA:FALSE), critical keyUsage = digitalSignature only.
    QCOMPARE(X509_check_ca(leaf.get()), 0);
    QVERIFY(hasCriticalExtension(leaf, NID_basic_constraints));
    QVERIFY(hasCriticalExtension(leaf, NID_key_usage));
    QCOMPARE(X509_get_key_usage(leaf.get()), uint32_t(KU_DIGITAL_SIGNATURE));
    QCOMPARE(X509_get_extension_flags(leaf.get()) & EXFLAG_CA, 0u);

    // Intermediate: CA, pathlen 0, keyCertSign|cRLSign|digitalSignature.
    QCOMPARE(X509_check_ca(intermediate.get()), 1);
    QCOMPARE(X509_get_pathlen(intermediate.get()), 0L);
    QVERIFY(hasCriticalExtension(intermediate, NID_basic_constraints));
    QCOMPARE(X509_get_key_usage(intermediate.get()),
             uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN | KU_DIGITAL_SIGNATURE));
    // Root: self-signed CA without a path length limit.
    QCOMPARE(X509_check_issued(root.get(), root.get()), X509_V_OK);
    QCOMPARE(X509_check_ca(root.get()), 1);
    QCOMPARE(X509_get_pathlen(root.get()), -1L);

    // Key identifiers link each certificate to its issuer.
    QVERIFY(!octets(X509_get0_subject_key_id(leaf.get())).isEmpty());
    QCOMPARE(octets(X509_get0_authority_key_id(leaf.get())),
             octets(X509_get0_subject_key_id(intermediate.get())));
    QCOMPARE(octets(X509_get0_authority_key_id(intermediate.get())),
             octets(X509_get0_subject_key_id(root.get())));
    QCOMPARE(octets(X509_get0_authority_key_id(root.get())),
             octets(X509_get0_subject_key_id(root.get())));

    // The leaf holds the device key, and lives as long as its intermediate.
    QCOMPARE(EVP_PKEY_eq(X509_get0_pubkey(leaf.get()), m_p256Device.key.get()), 1);
    QCOMPARE(leaf.notBefore(), intermediate.notBefore());
    QCOMPARE(leaf.notAfter(), intermediate.notAfter());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QVERIFY(qAbs(root.notBefore().secsTo(now.addYears(-10))) < 120);
    QVERIFY(qAbs(root.notAfter().secsTo(now.addYears(10))) < 120);
}

void TestPkiTest::certificateRoundTrips() {
    const Certificate &leaf = m_edDevice.leaf;
    const QByteArray der = leaf.der();
    QCOMPARE(der.at(0), '\x30');
    QCOMPARE(leaf.sha256(), QCryptographicHash::hash(der, QCryptographicHash::Sha256));
    QCOMPARE(Certificate::fromDer(der).der(), der);
    QVERIFY(leaf.pem().startsWith("-----BEGIN CERTIFICATE-----"));
    QCOMPARE(Certificate::fromPem(leaf.pem()).der(), der);
    QVERIFY(Certificate::fromDer("not a certificate").isNull());
    QVERIFY(Certificate::fromDer(der.left(der.size() - 1)).isNull());
    QVERIFY(Certificate().der().isEmpty());

    const Certificate copy = leaf;
    QCOMPARE(copy.get(), leaf.get());
    QCOMPARE(m_pki.deviceRootsPem(), m_pki.deviceRoot.cert.pem());
    QCOMPARE(m_pki.ownerAuthoritiesPem(), m_pki.authorityRoot.cert.pem());
}

void TestPkiTest::certificateSpecKnobs() {
    const KeyPair subject = KeyPair::generate(KeyType::P256);
    const Issuer &ca = m_pki.deviceIntermediate;
    const auto issue = [&](const CertificateSpec &spec) {
        return issueCertificate(spec, subject, &ca.cert, ca.key);
    };

    CertificateSpec spec = m_pki.deviceLeafSpec(QStringLiteral("cam-x"));
    spec.omitKeyUsage = true;
    Certificate cert = issue(spec);
    QVERIFY(!cert.isNull());
    QVERIFY(!hasExtension(cert, NID_key_usage));
    QCOMPARE(X509_get_extension_flags(cert.get()) & EXFLAG_KUSAGE, 0u);
    QCOMPARE(verifyChain(cert, {ca.cert}, m_pki.deviceRoot.cert), X509_V_OK); // allowed by §3

    spec = m_pki.deviceLeafSpec(QStringLiteral("cam-x"));
    spec.keyUsage = KU_KEY_CERT_SIGN;
    cert = issue(spec);
    QVERIFY(!cert.isNull());
    QCOMPARE(X509_get_key_usage(cert.get()), uint32_t(KU_KEY_CERT_SIGN));
    spec.keyUsage = KU_KEY_AGREEMENT | KU_DECIPHER_ONLY;
    cert = issue(spec);
    QVERIFY(!cert.isNull());
    QCOMPARE(X509_get_key_usage(cert.get()), uint32_t(KU_KEY_AGREEMENT | KU_DECIPHER_ONLY));

    spec = m_pki.deviceLeafSpec(QStringLiteral("cam-x"));
    spec.includeBasicConstraints = false;
    cert = issue(spec);
    QVERIFY(!cert.isNull());
    QVERIFY(!hasExtension(cert, NID_basic_constraints));
    QCOMPARE(X509_check_ca(cert.get()), 0);

    spec = m_pki.deviceLeafSpec(QStringLiteral("cam-x"));
    spec.isCa = true; // a "leaf" that claims to be a CA
    spec.pathLength = 2;
    cert = issue(spec);
    QVERIFY(!cert.isNull());
    QVERIFY(X509_check_ca(cert.get()) >= 1);
    QCOMPARE(X509_get_pathlen(cert.get()), 2L);
    QCOMPARE(X509_get_key_usage(cert.get()),
             uint32_t(KU_KEY_CERT_SIGN | KU_CRL_SIGN | KU_DIGITAL_SIGNATURE));

    spec = m_pki.deviceLeafSpec(QStringLiteral("cam-x"));
    spec.serial = 0x1234;
    spec.notBefore = QDateTime(QDate(2020, 1, 2), QTime(3, 4, 5), Qt::UTC);
    spec.notAfter = QDateTime(QDate(2060, 6, 7), QTime(8, 9, 10), Qt::UTC); // GeneralizedTime
    cert = issue(spec);
    QVERIFY(!cert.isNull());
    QCOMPARE(ASN1_INTEGER_get(X509_get0_serialNumber(cert.get())), 0x1234L);
    QCOMPARE(cert.notBefore(), spec.notBefore);
    QCOMPARE(cert.notAfter(), spec.notAfter);
    // Random serials differ.
    spec.serial = 0;
    const Certificate first = issue(spec);
    const Certificate second = issue(spec);
    QVERIFY(!first.isNull() && !second.isNull());
    const BignumPtr a(ASN1_INTEGER_to_BN(X509_get0_serialNumber(first.get()), nullptr));
    const BignumPtr b(ASN1_INTEGER_to_BN(X509_get0_serialNumber(second.get()), nullptr));
    QVERIFY(BN_cmp(a.get(), b.get()) != 0);

    // Device IDs the protocol forbids can still be minted (trust.md §3 attack tests).
    const QString longId(100, QLatin1Char('a'));
    spec = m_pki.deviceLeafSpec(longId);
    QCOMPARE(issue(spec).commonName(), longId);
    spec.commonName = QStringLiteral("cam/../évil");
    QCOMPARE(issue(spec).commonName(), spec.commonName);
    spec.commonName = QString();
    cert = issue(spec);
    QVERIFY(!cert.isNull());
    QCOMPARE(X509_NAME_get_index_by_NID(X509_get_subject_name(cert.get()), NID_commonName, -1), -1);

    // A self-signed certificate signed by another key fails its own signature check.
    CertificateSpec selfSpec;
    selfSpec.commonName = QStringLiteral("rogue root");
    selfSpec.isCa = true;
    cert = issueCertificate(selfSpec, subject, nullptr, KeyPair::generate(KeyType::P256));
    QVERIFY(!cert.isNull());
    QCOMPARE(X509_verify(cert.get(), X509_get0_pubkey(cert.get())), 0);
    ERR_clear_error();
    cert = issueCertificate(selfSpec, subject, nullptr, subject);
    QCOMPARE(X509_verify(cert.get(), X509_get0_pubkey(cert.get())), 1);

    QTest::ignoreMessage(QtWarningMsg, "vf::pki: issueCertificate: null key or issuer");
    QVERIFY(issueCertificate(selfSpec, KeyPair(), nullptr, subject).isNull());
}

void TestPkiTest::subjectAltNames() {
    const KeyPair subject = KeyPair::generate(KeyType::P256);
    const Issuer &ca = m_pki.deviceIntermediate;
    const auto issue = [&](const CertificateSpec &spec) {
        return issueCertificate(spec, subject, &ca.cert, ca.key);
    };
    // Certificates without names carry no subjectAltName (the device profile is unchanged).
    QVERIFY(!hasExtension(m_p256Device.leaf, NID_subject_alt_name));

    // A TLS server certificate for loopback.
    CertificateSpec spec;
    spec.commonName = QStringLiteral("localhost");
    spec.dnsNames = {QStringLiteral("localhost"), QStringLiteral("cloud.example.test")};
    spec.ipAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    Certificate cert = issue(spec);
    QVERIFY(!cert.isNull());
    QVERIFY(hasExtension(cert, NID_subject_alt_name));
    QVERIFY(!hasCriticalExtension(cert, NID_subject_alt_name));
    int critical = -1;
    const GeneralNamesPtr names(static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert.get(), NID_subject_alt_name, &critical, nullptr)));
    QVERIFY(names);
    QStringList dns;
    QList<QByteArray> ips;
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(names.get(), i);
        if (name->type == GEN_DNS)
            dns << QString::fromLatin1(octets(name->d.dNSName));
        else if (name->type == GEN_IPADD)
            ips << octets(name->d.iPAddress);
    }
    QCOMPARE(dns, spec.dnsNames);
    QCOMPARE(ips, (QList<QByteArray>{QByteArray("\x7f\0\0\x01", 4),
                                     QByteArray(15, '\0') + QByteArray(1, '\x01')}));
    // OpenSSL's own name matching agrees.
    QCOMPARE(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);
    QCOMPARE(X509_check_host(cert.get(), "elsewhere.example.test", 0, 0, nullptr), 0);
    QCOMPARE(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
    QCOMPARE(X509_check_ip_asc(cert.get(), "::1", 0), 1);
    QCOMPARE(X509_check_ip_asc(cert.get(), "127.0.0.2", 0), 0);

    // An empty subject makes the names the only identity: the extension is then critical.
    spec.commonName = QString();
    cert = issue(spec);
    QVERIFY(!cert.isNull());
    QVERIFY(hasCriticalExtension(cert, NID_subject_alt_name));

    // An address that does not parse is an error, not a certificate without it.
    spec.ipAddresses = {QStringLiteral("127.0.0.256")};
    QTest::ignoreMessage(QtWarningMsg,
                         "vf::pki: not an IP address for subjectAltName: 127.0.0.256");
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("^vf::pki: issueCertificate failed")));
    QVERIFY(issue(spec).isNull());
    ERR_clear_error();
}

void TestPkiTest::publicDerIsTheSubjectPublicKeyInfo() {
    for (KeyType type : {KeyType::P256, KeyType::Ed25519}) {
        const KeyPair key = KeyPair::generate(type);
        const QByteArray der = key.publicDer();
        QCOMPARE(der.at(0), '\x30');
        // The PEM export is the same DER in base64.
        QByteArray body = key.publicPem();
        body.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "");
        QCOMPARE(QByteArray::fromBase64(body.simplified().replace(' ', "")), der);
        // It reads back as the same key.
        const unsigned char *p = bytes(der);
        const EvpPkeyPtr parsed(d2i_PUBKEY(nullptr, &p, long(der.size())));
        QVERIFY(parsed);
        QCOMPARE(EVP_PKEY_eq(parsed.get(), key.get()), 1);
        // A certificate for the key carries exactly these bytes as its subjectPublicKeyInfo,
        // so SHA-256 of publicDer() is the SPKI pin of a TLS server using the key.
        CertificateSpec spec;
        spec.commonName = QStringLiteral("spki");
        const Certificate cert = issueCertificate(spec, key, &m_pki.deviceIntermediate.cert,
                                                  m_pki.deviceIntermediate.key);
        QVERIFY(!cert.isNull());
        unsigned char *out = nullptr;
        const int length = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(cert.get()), &out);
        QVERIFY(length > 0);
        const QByteArray fromCert(reinterpret_cast<const char *>(out), length);
        OPENSSL_free(out);
        QCOMPARE(fromCert, der);
    }
    QVERIFY(KeyPair().publicDer().isEmpty());
}

void TestPkiTest::makeDeviceOverrideSpec() {
    CertificateSpec spec = m_pki.deviceLeafSpec(QStringLiteral("cam-old"));
    spec.notBefore = QDateTime::currentDateTimeUtc().addYears(-2);
    spec.notAfter = QDateTime::currentDateTimeUtc().addYears(-1);
    const DeviceIdentity expired =
        m_pki.makeDevice(QStringLiteral("cam-old"), KeyType::Ed25519, &spec);
    QCOMPARE(expired.key.type(), KeyType::Ed25519);
    QCOMPARE(verifyChain(expired.leaf, {m_pki.deviceIntermediate.cert}, m_pki.deviceRoot.cert),
             X509_V_ERR_CERT_HAS_EXPIRED);

    spec = m_pki.deviceLeafSpec(QStringLiteral("someone-else"));
    const DeviceIdentity renamed = m_pki.makeDevice(QStringLiteral("cam-7"), KeyType::P256, &spec);
    QCOMPARE(renamed.deviceId, QStringLiteral("cam-7"));
    QCOMPARE(renamed.leaf.commonName(), QStringLiteral("someone-else"));
}

void TestPkiTest::attestationHasProfileStructure() {
    for (const DeviceIdentity *device : {&m_p256Device, &m_edDevice}) {
        const AttestationPayload payload = sampleAttestation(*device);
        const QByteArray cose = TestPki::signAttestation(*device, payload);
        QCOMPARE(quint8(cose.at(0)), quint8(0xD2)); // tag 18
        QCOMPARE(quint8(cose.at(1)), quint8(0x84)); // array(4)

        const Sign1 s = decodeSign1(cose);
        QCOMPARE(s.tags, QList<QCborTag>{QCborTag(18)});
        QCOMPARE(s.array.size(), 4);
        QVERIFY(s.array.at(0).isByteArray());
        QVERIFY(s.array.at(1).isMap());
        QVERIFY(s.array.at(2).isByteArray());
        QVERIFY(s.array.at(3).isByteArray());
        QCOMPARE(integerKeys(s.protectedMap), (QList<qint64>{1, 33}));
        QCOMPARE(s.protectedMap.value(1).toInteger(), qint64(device->key.coseAlg()));
        const QCborArray chain = s.protectedMap.value(33).toArray();
        QCOMPARE(chain.size(), 2);
        QCOMPARE(toBytes(chain, 0), device->leaf.der());
        QCOMPARE(toBytes(chain, 1), m_pki.deviceIntermediate.cert.der());
        QVERIFY(s.unprotected.isEmpty());
        QCOMPARE(s.payload.toByteArray(), payload.toCbor());
        QCOMPARE(s.signature.size(), 64);
        QVERIFY(verifyCoseSignature(X509_get0_pubkey(device->leaf.get()),
                                    sigStructure(s.protectedBytes, payload.toCbor()), s.signature));
        // Re-encoding the decoded object gives the same bytes: nothing indefinite or odd.
        QCOMPARE(QCborValue::fromCbor(cose).toCbor(), cose);
    }
}

void TestPkiTest::sign1AlgKnobs() {
    const QByteArray payload("payload");
    const KeyPair &key = m_p256Device.key;
    const QList<QByteArray> &chain = m_p256Device.x5chain;

    Sign1Options o;
    o.alg = -8; // EdDSA claimed, ES256 signed
    Sign1 s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(s.protectedMap.value(1).toInteger(), -8);
    QVERIFY(verifyCoseSignature(key.get(), sigStructure(s.protectedBytes, payload), s.signature));

    o = {};
    o.algOverride = QStringLiteral("ES256");
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QVERIFY(s.protectedMap.value(1).isString());
    QCOMPARE(s.protectedMap.value(1).toString(), QStringLiteral("ES256"));

    o.algOverride = -999;
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(s.protectedMap.value(1).toInteger(), -999);

    o = {};
    o.omitAlg = true;
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(integerKeys(s.protectedMap), QList<qint64>{33});
    QVERIFY(s.unprotected.isEmpty());

    o = {};
    o.algInUnprotected = true;
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(integerKeys(s.protectedMap), QList<qint64>{33});
    QCOMPARE(integerKeys(s.unprotected), QList<qint64>{1});
    QCOMPARE(s.unprotected.value(1).toInteger(), -7);
}

void TestPkiTest::sign1HeaderKnobs() {
    const QByteArray payload("payload");
    const KeyPair &key = m_p256Device.key;
    const QList<QByteArray> &chain = m_p256Device.x5chain;

    // The default protected header is {1: -7, 33: [...]} in that order.
    Sign1 s = decodeSign1(signCoseSign1(payload, key, chain));
    QVERIFY(s.protectedBytes.startsWith(QByteArray::fromHex("A201261821")));

    Sign1Options o;
    o.x5chainInUnprotected = true;
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(integerKeys(s.protectedMap), QList<qint64>{1});
    QCOMPARE(integerKeys(s.unprotected), QList<qint64>{33});
    QCOMPARE(s.unprotected.value(33).toArray().size(), 2);

    o = {};
    o.x5chainAsArray = false;
    s = decodeSign1(signCoseSign1(payload, key, {chain.first()}, o));
    QVERIFY(s.protectedMap.value(33).isByteArray());
    QCOMPARE(s.protectedMap.value(33).toByteArray(), chain.first());
    // With several certificates only the leaf fits a single bstr.
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(s.protectedMap.value(33).toByteArray(), chain.first());

    // An array is kept even for a single certificate.
    s = decodeSign1(signCoseSign1(payload, key, {chain.first()}));
    QCOMPARE(s.protectedMap.value(33).toArray().size(), 1);

    o = {};
    o.omitX5chain = true;
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(integerKeys(s.protectedMap), QList<qint64>{1});
    QVERIFY(s.unprotected.isEmpty());

    o = {};
    o.addCrit = true;
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(integerKeys(s.protectedMap), (QList<qint64>{1, 33, 2}));
    QCOMPARE(s.protectedMap.value(2).toArray(), QCborArray{3});

    o = {};
    o.extraProtected.insert(4, QByteArray("kid"));
    o.extraProtected.insert(1, -35); // overrides the alg in place
    o.unprotected.insert(4, QByteArray("unprotected kid"));
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QCOMPARE(integerKeys(s.protectedMap), (QList<qint64>{1, 33, 4}));
    QCOMPARE(s.protectedMap.value(1).toInteger(), -35);
    QCOMPARE(s.protectedMap.value(4).toByteArray(), QByteArray("kid"));
    QCOMPARE(s.unprotected.value(4).toByteArray(), QByteArray("unprotected kid"));

    // Nothing protected: the zero-length bstr (0x40), not an encoded empty map.
    o = {};
    o.omitAlg = true;
    o.omitX5chain = true;
    const QByteArray bare = signCoseSign1(payload, key, chain, o);
    QCOMPARE(quint8(bare.at(2)), quint8(0x40));
    s = decodeSign1(bare);
    QVERIFY(s.protectedBytes.isEmpty());
    QVERIFY(verifyCoseSignature(key.get(), sigStructure({}, payload), s.signature));
}

void TestPkiTest::sign1PayloadSignatureAndTagKnobs() {
    const QByteArray payload("payload");
    const KeyPair &key = m_p256Device.key;
    const QList<QByteArray> &chain = m_p256Device.x5chain;

    Sign1Options o;
    o.detachedPayload = true;
    Sign1 s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QVERIFY(s.payload.isNull());
    QVERIFY(verifyCoseSignature(key.get(), sigStructure(s.protectedBytes, payload), s.signature));

    o = {};
    o.derSignature = true;
    s = decodeSign1(signCoseSign1(payload, key, chain, o));
    QVERIFY(s.signature.size() != 64);
    QCOMPARE(s.signature.at(0), '\x30');
    QVERIFY(digestVerify(key.get(), EVP_sha256(), sigStructure(s.protectedBytes, payload),
                         s.signature));

    o = {};
    o.tag = Sign1Options::Tag::None;
    QByteArray encoded = signCoseSign1(payload, key, chain, o);
    QCOMPARE(quint8(encoded.at(0)), quint8(0x84));
    s = decodeSign1(encoded);
    QVERIFY(s.tags.isEmpty());
    QCOMPARE(s.array.size(), 4);

    o.tag = Sign1Options::Tag::Cwt61Cose18;
    encoded = signCoseSign1(payload, key, chain, o);
    QVERIFY(encoded.startsWith(QByteArray::fromHex("D83DD284")));
    s = decodeSign1(encoded);
    QCOMPARE(s.tags, (QList<QCborTag>{QCborTag(61), QCborTag(18)}));
    QCOMPARE(s.payload.toByteArray(), payload);
    QVERIFY(verifyCoseSignature(key.get(), sigStructure(s.protectedBytes, payload), s.signature));
}

void TestPkiTest::mediaItemDescribe() {
    const QByteArray data("0123456789");
    const MediaItem whole =
        MediaItem::describe(QStringLiteral("clip"), QStringLiteral("video/mp4"), data);
    QCOMPARE(whole.length, 10);
    QCOMPARE(whole.sha256, QCryptographicHash::hash(data, QCryptographicHash::Sha256));
    QVERIFY(whole.segmentHashes.isEmpty());
    QVERIFY(!whole.toCborMap().contains(QStringLiteral("seg")));

    const MediaItem segmented =
        MediaItem::describe(QStringLiteral("clip"), QStringLiteral("video/mp4"), data, 4);
    QCOMPARE(segmented.segmentLength, 4);
    QCOMPARE(segmented.segmentHashes,
             (QList<QByteArray>{QCryptographicHash::hash("0123", QCryptographicHash::Sha256),
                                QCryptographicHash::hash("4567", QCryptographicHash::Sha256),
                                QCryptographicHash::hash("89", QCryptographicHash::Sha256)}));
    const QCborMap map = segmented.toCborMap();
    QCOMPARE(map.value(QStringLiteral("role")).toString(), QStringLiteral("clip"));
    QCOMPARE(map.value(QStringLiteral("type")).toString(), QStringLiteral("video/mp4"));
    QCOMPARE(map.value(QStringLiteral("len")).toInteger(), 10);
    QCOMPARE(map.value(QStringLiteral("sha256")).toByteArray(), segmented.sha256);
    QCOMPARE(map.value(QStringLiteral("seg")).toInteger(), 4);
    QCOMPARE(map.value(QStringLiteral("segs")).toArray().size(), 3);
    QCOMPARE(map.value(QStringLiteral("segs")).toArray().at(2).toByteArray(),
             segmented.segmentHashes.at(2));

    // Exact multiple: no empty trailing segment.
    QCOMPARE(MediaItem::describe({}, {}, QByteArray(8, 'x'), 4).segmentHashes.size(), 2);
}

void TestPkiTest::attestationPayloadEncoding() {
    AttestationPayload a = sampleAttestation(m_p256Device);
    QCborMap map = QCborValue::fromCbor(a.toCbor()).toMap();
    QStringList keys;
    for (const QCborValue &key : map.keys())
        keys << key.toString();
    QCOMPARE(keys, (QStringList{"v", "evt", "dev", "ts", "own", "kind", "media"}));
    QCOMPARE(map.value(QStringLiteral("v")).toInteger(), 1);
    QCOMPARE(map.value(QStringLiteral("evt")).toString(), QStringLiteral("evt-1"));
    QCOMPARE(map.value(QStringLiteral("dev")).toString(), m_p256Device.deviceId);
    QCOMPARE(map.value(QStringLiteral("ts")).toInteger(), 1'700'000'000'123);
    QCOMPARE(map.value(QStringLiteral("own")).toByteArray(), a.ownerCti);
    QCOMPARE(map.value(QStringLiteral("kind")).toString(), QStringLiteral("motion"));
    const QCborArray media = map.value(QStringLiteral("media")).toArray();
    QCOMPARE(media.size(), 1);
    QCOMPARE(media.at(0).toMap(), a.media.first().toCborMap());

    a.kind.clear();
    a.extra.insert(QStringLiteral("v"), 2);                     // override
    a.extra.insert(QStringLiteral("zzz"), QStringLiteral("?")); // add
    a.removeKeys = {QStringLiteral("own")};                     // drop a required key
    map = QCborValue::fromCbor(a.toCbor()).toMap();
    QVERIFY(!map.contains(QStringLiteral("kind")));
    QVERIFY(!map.contains(QStringLiteral("own")));
    QCOMPARE(map.value(QStringLiteral("v")).toInteger(), 2);
    QCOMPARE(map.value(QStringLiteral("zzz")).toString(), QStringLiteral("?"));
}

void TestPkiTest::claimPayloadEncoding() {
    ClaimPayload c;
    c.subject = QStringLiteral("user-1");
    c.nbf = 1000;
    c.cti = randomCti();
    c.cnfKey = m_p256Device.key.coseKey();
    c.deviceId = m_p256Device.deviceId;
    c.role = QStringLiteral("owner");
    QCborMap map = QCborValue::fromCbor(c.toCbor()).toMap();
    QCOMPARE(map.size(), 6);
    QCOMPARE(map.value(2).toString(), QStringLiteral("user-1"));
    QCOMPARE(map.value(5).toInteger(), 1000);
    QVERIFY(!map.contains(4));
    QVERIFY(!map.contains(6));
    QCOMPARE(map.value(7).toByteArray(), c.cti);
    QCOMPARE(map.value(8).toMap(), QCborMap({{1, c.cnfKey}}));
    QCOMPARE(map.value(QStringLiteral("dev")).toString(), m_p256Device.deviceId);
    QCOMPARE(map.value(QStringLiteral("role")).toString(), QStringLiteral("owner"));
    QVERIFY(!map.contains(QStringLiteral("grant")));

    c.exp = 2000;
    c.iat = 900;
    c.role = QStringLiteral("viewer");
    c.grant = QByteArray(16, '\x01');
    c.extra.insert(5, QStringLiteral("not an int"));
    c.removeKeys = {QCborValue(7), QCborValue(QStringLiteral("dev"))};
    map = QCborValue::fromCbor(c.toCbor()).toMap();
    QCOMPARE(map.value(4).toInteger(), 2000);
    QCOMPARE(map.value(6).toInteger(), 900);
    QCOMPARE(map.value(QStringLiteral("grant")).toByteArray(), c.grant);
    QVERIFY(map.value(5).isString());
    QVERIFY(!map.contains(7));
    QVERIFY(!map.contains(QStringLiteral("dev")));

    const QByteArray a = randomCti();
    QCOMPARE(a.size(), 16);
    QVERIFY(a != randomCti());
}

void TestPkiTest::identityAndRevocationEncoding() {
    const IdentityPayload identity{QStringLiteral("user-1"), QStringLiteral("alice"), 10, 20};
    QCborMap map = QCborValue::fromCbor(identity.toCbor()).toMap();
    QCOMPARE(map.size(), 4);
    QCOMPARE(map.value(2).toString(), QStringLiteral("user-1"));
    QCOMPARE(map.value(QStringLiteral("name")).toString(), QStringLiteral("alice"));
    QCOMPARE(map.value(5).toInteger(), 10);
    QCOMPARE(map.value(4).toInteger(), 20);

    const QByteArray fingerprint = m_p256Device.leaf.sha256();
    const RevocationPayload list{7, 1'700'000'000, {fingerprint}, {QByteArray(16, '\x02')}};
    map = QCborValue::fromCbor(list.toCbor()).toMap();
    QCOMPARE(map.size(), 4);
    QCOMPARE(map.value(QStringLiteral("seq")).toInteger(), 7);
    QCOMPARE(map.value(QStringLiteral("issued")).toInteger(), 1'700'000'000);
    QCOMPARE(map.value(QStringLiteral("devices")).toArray(), QCborArray{fingerprint});
    QCOMPARE(map.value(QStringLiteral("claims")).toArray(), QCborArray{QByteArray(16, '\x02')});
}

void TestPkiTest::authoritySigners() {
    ClaimPayload claim;
    claim.subject = QStringLiteral("user-1");
    claim.cti = randomCti();
    claim.cnfKey = m_edDevice.key.coseKey();
    claim.deviceId = m_edDevice.deviceId;
    claim.role = QStringLiteral("owner");
    const IdentityPayload identity{QStringLiteral("user-1"), QStringLiteral("alice"), 1, 2};
    const RevocationPayload list{1, 2, {}, {claim.cti}};

    const QList<std::pair<QByteArray, QByteArray>> signedObjects = {
        {m_pki.signClaim(claim), claim.toCbor()},
        {m_pki.signIdentity(identity), identity.toCbor()},
        {m_pki.signRevocations(list), list.toCbor()},
    };
    for (const auto &[cose, payload] : signedObjects) {
        const Sign1 s = decodeSign1(cose);
        QCOMPARE(s.tags, QList<QCborTag>{QCborTag(18)});
        QCOMPARE(s.protectedMap.value(1).toInteger(), -7);
        const QCborArray chain = s.protectedMap.value(33).toArray();
        QCOMPARE(chain.size(), 1);
        QCOMPARE(toBytes(chain, 0), m_pki.authority.leaf.der());
        QCOMPARE(s.payload.toByteArray(), payload);
        QVERIFY(verifyCoseSignature(X509_get0_pubkey(m_pki.authority.leaf.get()),
                                    sigStructure(s.protectedBytes, payload), s.signature));
        // Not verifiable with a device key.
        QVERIFY(!verifyCoseSignature(m_p256Device.key.get(),
                                     sigStructure(s.protectedBytes, payload), s.signature));
    }

    Sign1Options cwt;
    cwt.tag = Sign1Options::Tag::Cwt61Cose18;
    QCOMPARE(decodeSign1(m_pki.signClaim(claim, cwt)).tags,
             (QList<QCborTag>{QCborTag(61), QCborTag(18)}));
}

void TestPkiTest::saveLoadRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("world"));
    QVERIFY(m_pki.save(path));
    QCOMPARE(QFile::permissions(path + QStringLiteral("/device-root.key.pem")),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                 QFileDevice::WriteUser);

    const std::optional<TestPki> loaded = TestPki::load(path);
    QVERIFY(loaded.has_value());
    QVERIFY(loaded->isValid());
    const QList<std::pair<const Issuer *, const Issuer *>> issuers = {
        {&m_pki.deviceRoot, &loaded->deviceRoot},
        {&m_pki.deviceIntermediate, &loaded->deviceIntermediate},
        {&m_pki.authorityRoot, &loaded->authorityRoot},
    };
    for (const auto &[original, copy] : issuers) {
        QCOMPARE(copy->cert.der(), original->cert.der());
        QCOMPARE(copy->key.privatePem(), original->key.privatePem());
        QCOMPARE(copy->key.type(), original->key.type());
    }
    QCOMPARE(loaded->authority.leaf.der(), m_pki.authority.leaf.der());
    QCOMPARE(loaded->authority.key.privatePem(), m_pki.authority.key.privatePem());
    QCOMPARE(loaded->authority.x5chain, m_pki.authority.x5chain);

    // The reloaded world keeps working with the original anchors.
    const DeviceIdentity device = loaded->makeDevice(QStringLiteral("cam-9"), KeyType::P256);
    QCOMPARE(verifyChain(device.leaf, {m_pki.deviceIntermediate.cert}, m_pki.deviceRoot.cert),
             X509_V_OK);
    QCOMPARE(device.leaf.notAfter(), m_pki.deviceIntermediate.cert.notAfter());
    const Sign1 s = decodeSign1(loaded->signIdentity({"u", "n", 1, 2}));
    QVERIFY(verifyCoseSignature(X509_get0_pubkey(m_pki.authority.leaf.get()),
                                sigStructure(s.protectedBytes, s.payload.toByteArray()),
                                s.signature));

    // The anchor bundles for --device-roots / --owner-authorities.
    QFile roots(path + QStringLiteral("/device-roots.pem"));
    QVERIFY(roots.open(QIODevice::ReadOnly));
    QCOMPARE(Certificate::fromPem(roots.readAll()).der(), m_pki.deviceRoot.cert.der());
    QFile authorities(path + QStringLiteral("/owner-authorities.pem"));
    QVERIFY(authorities.open(QIODevice::ReadOnly));
    QCOMPARE(Certificate::fromPem(authorities.readAll()).der(), m_pki.authorityRoot.cert.der());
}

void TestPkiTest::loadRejectsBrokenWorld() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!TestPki::load(dir.filePath(QStringLiteral("missing"))).has_value());

    QVERIFY(m_pki.save(dir.path()));
    QVERIFY(TestPki::load(dir.path()).has_value());
    // A key that does not belong to its certificate.
    QFile key(dir.filePath(QStringLiteral("device-intermediate.key.pem")));
    QVERIFY(key.open(QIODevice::WriteOnly | QIODevice::Truncate));
    key.write(KeyPair::generate(KeyType::P256).privatePem());
    key.close();
    QVERIFY(!TestPki::load(dir.path()).has_value());

    QVERIFY(!TestPki().save(dir.filePath(QStringLiteral("empty"))));
}

QTEST_GUILESS_MAIN(TestPkiTest)
#include "tst_pki.moc"
