#include "OpenSsl.h"

#include <openssl/err.h>

namespace vf::trust {

QByteArray sha256(QByteArrayView data) {
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    if (EVP_Digest(data.data(), static_cast<size_t>(data.size()),
                   reinterpret_cast<unsigned char *>(out.data()), &len, EVP_sha256(),
                   nullptr) != 1 ||
        len != 32) {
        return {};
    }
    return out;
}

Sha256Stream::Sha256Stream()
    : m_ctx(EVP_MD_CTX_new()) {
    reset();
}

void Sha256Stream::reset() {
    EVP_DigestInit_ex(m_ctx.get(), EVP_sha256(), nullptr);
}

void Sha256Stream::add(QByteArrayView data) {
    EVP_DigestUpdate(m_ctx.get(), data.data(), static_cast<size_t>(data.size()));
}

QByteArray Sha256Stream::result() {
    QByteArray out(32, Qt::Uninitialized);
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len);
    return len == 32 ? out : QByteArray();
}

X509Ptr parseDerCertificate(QByteArrayView der) {
    if (der.isEmpty())
        return nullptr;
    const auto *p = reinterpret_cast<const unsigned char *>(der.data());
    const unsigned char *const end = p + der.size();
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert || p != end) {
        ERR_clear_error();
        return nullptr; // a certificate followed by extra bytes is not "one DER certificate"
    }
    return cert;
}

QString takeOpenSslErrors() {
    QString text;
    while (unsigned long code = ERR_get_error()) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        if (!text.isEmpty())
            text += QLatin1String("; ");
        text += QString::fromLatin1(buf);
    }
    return text;
}

} // namespace vf::trust
