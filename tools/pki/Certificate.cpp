#include "Certificate.h"

#include <QCryptographicHash>

#include <openssl/pem.h>

namespace vf::pki {

namespace {

// ASN1_TIME has no direct conversion to seconds in OpenSSL 3.0; its difference to the epoch
// does the job without timegm(), which is not portable.
QDateTime toDateTime(const ASN1_TIME *time) {
    Asn1TimePtr epoch(ASN1_TIME_set(nullptr, 0));
    int days = 0;
    int seconds = 0;
    if (!time || !epoch || ASN1_TIME_diff(&days, &seconds, epoch.get(), time) != 1)
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(days) * 86400 + seconds, Qt::UTC);
}

} // namespace

Certificate::Certificate(X509Ptr cert)
    : m_cert(std::move(cert)) {}

Certificate::Certificate(const Certificate &other) {
    if (other.m_cert && X509_up_ref(other.m_cert.get()) == 1)
        m_cert.reset(other.m_cert.get());
}

Certificate &Certificate::operator=(const Certificate &other) {
    if (this != &other)
        *this = Certificate(other);
    return *this;
}

Certificate Certificate::fromDer(const QByteArray &der) {
    const auto *p = reinterpret_cast<const unsigned char *>(der.constData());
    X509Ptr cert(d2i_X509(nullptr, &p, long(der.size())));
    if (!cert)
        takeOpenSslErrors();
    return Certificate(std::move(cert));
}

Certificate Certificate::fromPem(const QByteArray &pem) {
    BioPtr bio = readOnlyBio(pem);
    X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!cert)
        takeOpenSslErrors();
    return Certificate(std::move(cert));
}

QByteArray Certificate::der() const {
    if (!m_cert)
        return {};
    const int length = i2d_X509(m_cert.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray out(length, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(out.data());
    if (i2d_X509(m_cert.get(), &p) != length)
        return {};
    return out;
}

QByteArray Certificate::pem() const {
    if (!m_cert)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), m_cert.get()) != 1)
        return {};
    return bioContents(bio.get());
}

QByteArray Certificate::sha256() const {
    const QByteArray encoded = der();
    return encoded.isEmpty() ? QByteArray()
                             : QCryptographicHash::hash(encoded, QCryptographicHash::Sha256);
}

QString Certificate::subjectAttribute(int nid) const {
    if (!m_cert)
        return {};
    const X509_NAME *subject = X509_get_subject_name(m_cert.get());
    const int index = X509_NAME_get_index_by_NID(subject, nid, -1);
    if (index < 0)
        return {};
    const ASN1_STRING *value = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, index));
    unsigned char *utf8 = nullptr;
    const int length = ASN1_STRING_to_UTF8(&utf8, value);
    if (length < 0)
        return {};
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(utf8), length);
    OPENSSL_free(utf8);
    return text;
}

QString Certificate::commonName() const {
    return subjectAttribute(NID_commonName);
}

QString Certificate::organization() const {
    return subjectAttribute(NID_organizationName);
}

QDateTime Certificate::notBefore() const {
    return m_cert ? toDateTime(X509_get0_notBefore(m_cert.get())) : QDateTime();
}

QDateTime Certificate::notAfter() const {
    return m_cert ? toDateTime(X509_get0_notAfter(m_cert.get())) : QDateTime();
}

} // namespace vf::pki
