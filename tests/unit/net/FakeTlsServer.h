#pragma once
// A scripted HTTPS server on loopback: FakeHttpServer's answers (HttpScript) over TLS, so the
// API client's CA trust and SPKI pinning meet a real handshake. Its certificate, for
// 127.0.0.1 and localhost, is issued at run time by a fresh test CA (tools/pki); nothing is
// read from or written to disk.
#include "FakeHttpServer.h"

#include "Certificate.h"
#include "KeyPair.h"

#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>

namespace vf::test {

// A test CA (P-256, self-signed) and the TLS server identity it issued: a P-256 key and a
// leaf with CN=localhost and subjectAltName DNS:localhost, IP:127.0.0.1, IP:::1.
struct TlsIdentity {
    pki::KeyPair caKey;
    pki::Certificate ca;
    pki::KeyPair key;
    pki::Certificate leaf;

    static TlsIdentity create();
    bool isValid() const { return !ca.isNull() && !leaf.isNull(); }

    QSslCertificate qtCa() const;   // for ApiClient::Options::caCertificates
    QSslCertificate qtLeaf() const; // what the server presents
    QSslKey qtKey() const;
};

class FakeTlsServer : public QSslServer, public HttpScript {
    Q_OBJECT
public:
    // Listens on 127.0.0.1 (a free port) at once, with the given identity.
    explicit FakeTlsServer(const TlsIdentity &identity, QObject *parent = nullptr);

    QString baseUrl() const; // https://127.0.0.1:<port>
    const TlsIdentity &identity() const { return m_identity; }

    int connections = 0;      // connections whose client started a TLS handshake
    int handshakes = 0;       // connections that completed the TLS handshake
    int failedHandshakes = 0; // connections that failed before it completed

private:
    void onConnection();

    TlsIdentity m_identity;
};

} // namespace vf::test
