#include "FakeTlsServer.h"

#include <QSslConfiguration>
#include <QSslSocket>

namespace vf::test {

TlsIdentity TlsIdentity::create() {
    TlsIdentity id;
    id.caKey = pki::KeyPair::generate(pki::KeyType::P256);
    pki::CertificateSpec caSpec;
    caSpec.commonName = QStringLiteral("Veriframe test TLS CA");
    caSpec.isCa = true;
    caSpec.pathLength = 0;
    id.ca = pki::issueCertificate(caSpec, id.caKey, nullptr, id.caKey);

    id.key = pki::KeyPair::generate(pki::KeyType::P256);
    pki::CertificateSpec leafSpec;
    leafSpec.commonName = QStringLiteral("localhost");
    leafSpec.dnsNames = {QStringLiteral("localhost")};
    leafSpec.ipAddresses = {QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    if (!id.ca.isNull())
        id.leaf = pki::issueCertificate(leafSpec, id.key, &id.ca, id.caKey);
    return id;
}

QSslCertificate TlsIdentity::qtCa() const {
    return QSslCertificate(ca.der(), QSsl::Der);
}

QSslCertificate TlsIdentity::qtLeaf() const {
    return QSslCertificate(leaf.der(), QSsl::Der);
}

QSslKey TlsIdentity::qtKey() const {
    return QSslKey(key.privatePem(), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

FakeTlsServer::FakeTlsServer(const TlsIdentity &identity, QObject *parent)
    : QSslServer(parent)
    , m_identity(identity) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(m_identity.qtLeaf());
    tls.setPrivateKey(m_identity.qtKey());
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificates
    setSslConfiguration(tls);
    // QSslServer hands a socket out only once its handshake has completed.
    connect(this, &QTcpServer::pendingConnectionAvailable, this, &FakeTlsServer::onConnection);
    connect(this, &QSslServer::startedEncryptionHandshake, this, [this] { ++connections; });
    connect(this, &QSslServer::errorOccurred, this, [this](QSslSocket *socket) {
        if (!socket->isEncrypted())
            ++failedHandshakes;
    });
    listen(QHostAddress::LocalHost, 0);
}

QString FakeTlsServer::baseUrl() const {
    return QStringLiteral("https://127.0.0.1:%1").arg(serverPort());
}

void FakeTlsServer::onConnection() {
    while (QTcpSocket *socket = nextPendingConnection()) {
        ++handshakes;
        serve(socket, this);
    }
}

} // namespace vf::test
