#pragma once
// RAII for the few OpenSSL objects the trust core touches, and small helpers.
// No cryptography is written here: hashing and signatures are OpenSSL's.
#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>
#include <openssl/evp.h>
#include <openssl/x509.h>

namespace vf::trust {

template <typename T, void (*Free)(T *)> struct OpenSslDeleter {
    void operator()(T *p) const { Free(p); }
};
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, OpenSslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslDeleter<X509, X509_free>>;
using X509StorePtr = std::unique_ptr<X509_STORE, OpenSslDeleter<X509_STORE, X509_STORE_free>>;
using X509StoreCtxPtr =
    std::unique_ptr<X509_STORE_CTX, OpenSslDeleter<X509_STORE_CTX, X509_STORE_CTX_free>>;

// SHA-256 through OpenSSL's EVP (the same code path the benchmark's floor uses).
QByteArray sha256(QByteArrayView data);

// Incremental SHA-256 for streamed clips.
class Sha256Stream {
public:
    Sha256Stream();
    void add(QByteArrayView data);
    QByteArray result(); // finishes; the object may be reset() and reused
    void reset();

private:
    EvpMdCtxPtr m_ctx;
};

// Parses exactly one DER certificate: trailing bytes or a parse error give nullptr.
X509Ptr parseDerCertificate(QByteArrayView der);

// Drains OpenSSL's error queue into one line for details and logs.
QString takeOpenSslErrors();

} // namespace vf::trust
