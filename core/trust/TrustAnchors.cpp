#include "TrustAnchors.h"

#include <QFile>
#include <atomic>
#include <openssl/pem.h>

namespace vf::trust {
namespace {
std::atomic<quint64> g_nextEpoch{1};

X509StorePtr makeStore(const QList<QByteArray> &roots) {
    X509StorePtr store(X509_STORE_new());
    for (const QByteArray &der : roots) {
        X509Ptr cert = parseDerCertificate(der);
        if (!cert || X509_STORE_add_cert(store.get(), cert.get()) != 1)
            return nullptr;
    }
    return store;
}

QByteArray readFile(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return {};
    }
    return file.readAll();
}
} // namespace

QList<QByteArray> readPemCertificates(const QByteArray &pem, QString *error) {
    QList<QByteArray> out;
    std::unique_ptr<BIO, OpenSslDeleter<BIO, BIO_free_all>> bio(
        BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    while (X509 *raw = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        X509Ptr cert(raw);
        unsigned char *der = nullptr;
        const int length = i2d_X509(cert.get(), &der);
        if (length > 0)
            out.append(QByteArray(reinterpret_cast<const char *>(der), length));
        OPENSSL_free(der);
    }
    takeOpenSslErrors(); // the loop ends on "no start line", which is not an error
    if (out.isEmpty())
        *error = QStringLiteral("no PEM certificate found");
    return out;
}

TrustAnchors::~TrustAnchors() = default;

TrustAnchors::LoadResult TrustAnchors::fromPem(const QByteArray &deviceRootsPem,
                                               const QByteArray &ownerAuthoritiesPem) {
    QString error;
    const QList<QByteArray> device = readPemCertificates(deviceRootsPem, &error);
    if (device.isEmpty())
        return {nullptr, QStringLiteral("device roots: %1").arg(error)};
    const QList<QByteArray> authority = readPemCertificates(ownerAuthoritiesPem, &error);
    if (authority.isEmpty())
        return {nullptr, QStringLiteral("owner-authority roots: %1").arg(error)};

    std::shared_ptr<TrustAnchors> anchors(new TrustAnchors);
    anchors->m_device = makeStore(device);
    anchors->m_authority = makeStore(authority);
    if (!anchors->m_device || !anchors->m_authority)
        return {nullptr, QStringLiteral("a trust anchor could not be loaded")};
    anchors->m_deviceDer = device;
    anchors->m_authorityDer = authority;
    anchors->m_epoch = g_nextEpoch.fetch_add(1);
    Sha256Stream hash;
    for (const QByteArray &der : device)
        hash.add(sha256(der));
    hash.add("|");
    for (const QByteArray &der : authority)
        hash.add(sha256(der));
    anchors->m_fingerprint = hash.result();
    return {std::move(anchors), {}};
}

TrustAnchors::LoadResult TrustAnchors::fromFiles(const QString &deviceRootsPath,
                                                 const QString &ownerAuthoritiesPath) {
    QString error;
    const QByteArray device = readFile(deviceRootsPath, &error);
    if (!error.isEmpty())
        return {nullptr, error};
    const QByteArray authority = readFile(ownerAuthoritiesPath, &error);
    if (!error.isEmpty())
        return {nullptr, error};
    LoadResult result = fromPem(device, authority);
    if (!result.anchors)
        result.error =
            QStringLiteral("%1 (%2, %3)").arg(result.error, deviceRootsPath, ownerAuthoritiesPath);
    return result;
}

X509_STORE *TrustAnchors::store(RootSet set) const {
    return set == RootSet::Device ? m_device.get() : m_authority.get();
}

QList<QByteArray> TrustAnchors::rootsDer(RootSet set) const {
    return set == RootSet::Device ? m_deviceDer : m_authorityDer;
}

} // namespace vf::trust
