#pragma once
// The two pinned root sets of trust.md §1. They never come from the cloud: the app ships
// demo anchors and takes others by file. A device root can never anchor an owner claim and
// an authority root can never anchor an attestation, so each set has its own X509_STORE.
#include "OpenSsl.h"

#include <QList>
#include <QString>
#include <memory>

namespace vf::trust {

enum class RootSet { Device, OwnerAuthority };

class TrustAnchors {
public:
    struct LoadResult {
        std::shared_ptr<const TrustAnchors> anchors;
        QString error;
    };
    static LoadResult fromPem(const QByteArray &deviceRootsPem,
                              const QByteArray &ownerAuthoritiesPem);
    static LoadResult fromFiles(const QString &deviceRootsPath,
                                const QString &ownerAuthoritiesPath);

    ~TrustAnchors();
    TrustAnchors(const TrustAnchors &) = delete;
    TrustAnchors &operator=(const TrustAnchors &) = delete;

    X509_STORE *store(RootSet set) const;
    QList<QByteArray> rootsDer(RootSet set) const;
    // Unique per loaded set within the process: part of every memo key, so that results
    // computed under other anchors are never reused.
    quint64 epoch() const { return m_epoch; }
    // SHA-256 over both sets, for diagnostics.
    QByteArray fingerprint() const { return m_fingerprint; }

private:
    TrustAnchors() = default;
    X509StorePtr m_device;
    X509StorePtr m_authority;
    QList<QByteArray> m_deviceDer;
    QList<QByteArray> m_authorityDer;
    quint64 m_epoch = 0;
    QByteArray m_fingerprint;
};

// Every certificate in a PEM bundle, as DER; empty with error set on failure.
QList<QByteArray> readPemCertificates(const QByteArray &pem, QString *error);

} // namespace vf::trust
