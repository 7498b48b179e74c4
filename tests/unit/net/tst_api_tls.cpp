// The API client over real TLS (FakeTlsServer: a QSslServer whose certificate for 127.0.0.1
// comes from a test CA minted at run time). Extra CAs in Options::caCertificates are trusted
// on top of the system CAs; a server whose CA is unknown fails the handshake and never
// answers; SPKI pins are sets of SHA-256 hashes of the server key's SubjectPublicKeyInfo, and
// a key outside the set ends the call with PinMismatch before the request is even sent.
#include "ApiClient.h"
#include "FakeTlsServer.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

using namespace vf::net;
using vf::test::FakeTlsServer;
using vf::test::ScriptedAnswer;
using vf::test::TlsIdentity;

namespace {

const QByteArray kBody = R"({"devices":[{"id":"cam-1","name":"the secret porch"}]})";

ApiResult run(ApiCall *call) {
    QSignalSpy spy(call, &ApiCall::finished);
    if (!call->isFinished())
        spy.wait(20000);
    return call->result();
}

// The pin of a peer certificate, computed exactly as ApiCall::checkPins does.
QByteArray pinOf(const QSslCertificate &peer) {
    return QCryptographicHash::hash(peer.publicKey().toDer(), QCryptographicHash::Sha256);
}

QByteArray sha256(const QByteArray &bytes) {
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

} // namespace

class TestApiTls : public QObject {
    Q_OBJECT
    TlsIdentity m_identity; // one CA and server key for the whole run (key generation is slow)
    FakeTlsServer *m_server = nullptr;

    // A client of the fake server; it trusts the test CA unless told otherwise.
    std::unique_ptr<ApiClient> client(const QList<QByteArray> &pins, bool trustTestCa = true) {
        ApiClient::Options options;
        options.baseUrl = QUrl(m_server->baseUrl());
        options.stallTimeoutMs = 5000;
        options.retryBaseDelayMs = 20;
        options.spkiPins = pins;
        if (trustTestCa)
            options.caCertificates = {m_identity.qtCa()};
        return std::make_unique<ApiClient>(options);
    }
    QByteArray rightPin() const { return pinOf(m_identity.qtLeaf()); }
    static QByteArray otherKeyPin() {
        return sha256(vf::pki::KeyPair::generate(vf::pki::KeyType::P256).publicDer());
    }

private Q_SLOTS:
    void initTestCase() {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        m_identity = TlsIdentity::create();
        QVERIFY(m_identity.isValid());
        QVERIFY(!m_identity.qtCa().isNull());
        QVERIFY(!m_identity.qtLeaf().isNull());
        QVERIFY(!m_identity.qtKey().isNull());
    }
    void init() {
        m_server = new FakeTlsServer(m_identity, this);
        QVERIFY(m_server->isListening());
        m_server->script = {ScriptedAnswer::respond(200, kBody)};
    }
    void cleanup() {
        delete m_server;
        m_server = nullptr;
    }

    void theServerCertificateIsForLoopback() {
        const QSslCertificate leaf = m_identity.qtLeaf();
        const auto names = leaf.subjectAlternativeNames();
        QCOMPARE(names.values(QSsl::AlternativeNameEntryType::DnsEntry),
                 QStringList{QStringLiteral("localhost")});
        QVERIFY(names.values(QSsl::AlternativeNameEntryType::IpAddressEntry)
                    .contains(QStringLiteral("127.0.0.1")));
        QCOMPARE(leaf.issuerInfo(QSslCertificate::CommonName),
                 m_identity.qtCa().subjectInfo(QSslCertificate::CommonName));
        // Qt's pin computation (the certificate's public key as DER) is the standard SPKI
        // pin: SHA-256 of the key's SubjectPublicKeyInfo, as tools/pki exports it.
        QCOMPARE(rightPin(), sha256(m_identity.key.publicDer()));
        QCOMPARE(rightPin().size(), 32);
        QVERIFY(rightPin() != pinOf(m_identity.qtCa()));
    }

    void extraCasAreAddedToTheSystemCas() {
        const auto c = client({});
        const QList<QSslCertificate> cas = c->sslConfiguration().caCertificates();
        QVERIFY(cas.contains(m_identity.qtCa()));
        for (const QSslCertificate &system : QSslConfiguration::systemCaCertificates())
            QVERIFY2(cas.contains(system), qPrintable(system.subjectDisplayName()));
        // Without extra CAs the client keeps Qt's default configuration.
        ApiClient::Options plain;
        plain.baseUrl = QUrl(m_server->baseUrl());
        QVERIFY(!ApiClient(plain).sslConfiguration().caCertificates().contains(m_identity.qtCa()));
    }

    // (a) The test CA trusted, no pins: an ordinary 200 over https.
    void trustedCaAnswersOverHttps() {
        const auto c = client({});
        const ApiResult r = run(c->devices());
        QVERIFY2(r.ok(), r.error ? qPrintable(r.error->describe()) : "");
        QCOMPARE(r.httpStatus, 200);
        QCOMPARE(r.body, kBody);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(m_server->requests.size(), 1);
        QVERIFY(m_server->requests.last().startsWith("GET /v1/devices "));
        QCOMPARE(m_server->handshakes, 1);
    }

    // The certificate's DNS name works as well as its IP address.
    void localhostMatchesTheCertificate() {
        ApiClient::Options options;
        options.baseUrl = QUrl(QStringLiteral("https://localhost:%1").arg(m_server->serverPort()));
        options.caCertificates = {m_identity.qtCa()};
        options.spkiPins = {rightPin()};
        options.getAttempts = 1;
        ApiClient c(options);
        const ApiResult r = run(c.devices());
        QVERIFY2(r.ok(), r.error ? qPrintable(r.error->describe()) : "");
        QCOMPARE(r.body, kBody);
    }

    // (b) The right pin: OK, and again on the same client.
    void rightPinAnswers() {
        const auto c = client({rightPin()});
        for (int i = 0; i < 2; ++i) {
            const ApiResult r = run(c->devices());
            QVERIFY2(r.ok(), r.error ? qPrintable(r.error->describe()) : "");
            QCOMPARE(r.httpStatus, 200);
            QCOMPARE(r.body, kBody);
        }
        QCOMPARE(m_server->requests.size(), 2);
    }

    // (c) A wrong pin: PinMismatch, not retried, and nothing of the answer delivered. The
    // request itself never leaves the client: the pins are checked on `encrypted`, before
    // Qt sends it, so the server has nothing to answer.
    void wrongPinIsRefusedBeforeTheRequest() {
        const auto c = client({otherKeyPin()});
        for (int i = 0; i < 2; ++i) { // a second call must not slip through a cached connection
            ApiCall *call = c->devices();
            const ApiResult r = run(call);
            QVERIFY(call->isFinished());
            QVERIFY(!r.ok());
            QCOMPARE(r.error->kind, ApiError::Kind::PinMismatch);
            QVERIFY(!r.error->retryable());
            QCOMPARE(r.attempts, 1);
            QCOMPARE(r.httpStatus, 0);
            QVERIFY(r.body.isEmpty());
            QVERIFY(r.contentRange.isEmpty());
            QVERIFY(r.error->describe().contains(QLatin1String("pinned")));
        }
        QVERIFY(m_server->requests.isEmpty());
        // POSTs too: the report body is not sent to an unpinned server.
        const ApiResult post = run(c->postReport(R"({"report_id":"private"})"));
        QCOMPARE(post.error->kind, ApiError::Kind::PinMismatch);
        QVERIFY(post.body.isEmpty());
        QVERIFY(m_server->requests.isEmpty());
        QVERIFY(m_server->lastBody.isEmpty());
        // The calls did reach this server's TLS layer (a PinMismatch only comes from a
        // completed client handshake: the CA check passed, the key did not).
        QVERIFY(m_server->connections >= 3);
    }

    // (d) The CA unknown (system CAs only): the handshake fails, a Network error, no 200.
    void unknownCaFailsTheHandshake() {
        const auto c = client({}, false);
        const ApiResult r = run(c->devices());
        QVERIFY(!r.ok());
        QCOMPARE(r.error->kind, ApiError::Kind::Network);
        QCOMPARE(r.httpStatus, 0);
        QVERIFY(r.body.isEmpty());
        QVERIFY2(r.error->message.contains(QLatin1String("SSL"), Qt::CaseInsensitive),
                 qPrintable(r.error->message));
        QVERIFY(m_server->requests.isEmpty());
        QCOMPARE(m_server->handshakes, 0);
        // A pin does not replace the CA check: the right pin with an unknown CA still fails.
        const auto pinned = client({rightPin()}, false);
        const ApiResult p = run(pinned->devices());
        QCOMPARE(p.error->kind, ApiError::Kind::Network);
        QCOMPARE(p.httpStatus, 0);
        QVERIFY(p.body.isEmpty());
        QVERIFY(m_server->requests.isEmpty());
    }

    // (e) Pins are a set: another key's pin next to the right one (a key rollover) is OK,
    // whatever the order.
    void anyPinOfTheSetAnswers() {
        const QByteArray other = otherKeyPin();
        for (const QList<QByteArray> &pins :
             {QList<QByteArray>{other, rightPin()}, QList<QByteArray>{rightPin(), other}}) {
            const auto c = client(pins);
            const ApiResult r = run(c->devices());
            QVERIFY2(r.ok(), r.error ? qPrintable(r.error->describe()) : "");
            QCOMPARE(r.body, kBody);
        }
        QCOMPARE(m_server->requests.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestApiTls)
#include "tst_api_tls.moc"
