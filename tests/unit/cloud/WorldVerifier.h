#pragma once
// The client's side of the story for the cloud tests: core/trust's AttestationVerifier loaded
// with the anchors the cloud wrote to DIR/trust, checking listing entries as a client would.
#include "AttestationVerifier.h"

#include <QJsonObject>

#include <memory>

namespace vf::cloud::test {

class WorldVerifier {
public:
    explicit WorldVerifier(const QString &dataDir);

    bool isValid() const { return m_verifier != nullptr; }
    QString error() const { return m_error; }
    const trust::TrustAnchors &anchors() const { return *m_anchors; }

    // The revocation list checks 4 and 11 use from now on (none until then).
    void setRevocations(std::shared_ptr<const trust::RevocationList> list, quint64 epoch) {
        m_verifier->setRevocations(std::move(list), epoch);
    }

    // entry: one element of GET /v1/events; bytes: the media as served.
    trust::Verdict verify(const QJsonObject &entry, trust::MediaRole role, const QByteArray &bytes,
                          const QString &userId) const;

private:
    std::shared_ptr<const trust::TrustAnchors> m_anchors;
    std::unique_ptr<trust::AttestationVerifier> m_verifier;
    QString m_error;
};

} // namespace vf::cloud::test
