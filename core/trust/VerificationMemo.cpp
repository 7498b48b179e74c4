#include "VerificationMemo.h"

#include "OpenSsl.h"

#include <QtEndian>

namespace vf::trust {

namespace {
void addNumber(Sha256Stream &hash, quint64 value) {
    char bytes[8];
    qToBigEndian(value, bytes);
    hash.add(QByteArrayView(bytes, sizeof bytes));
}

void addField(Sha256Stream &hash, QByteArrayView field) {
    addNumber(hash, quint64(field.size()));
    hash.add(field);
}
} // namespace

VerificationMemo::VerificationMemo(qsizetype chainCapacity, qsizetype claimCapacity,
                                   qsizetype verdictCapacity)
    : chains(chainCapacity)
    , claims(claimCapacity)
    , verdicts(verdictCapacity) {}

QByteArray VerificationMemo::key(const QByteArray &contentSha256, RootSet set, quint64 anchorsEpoch,
                                 quint64 revocationEpoch) {
    QByteArray key = contentSha256;
    key.append(set == RootSet::Device ? 'D' : 'A');
    char epochs[16];
    qToBigEndian(anchorsEpoch, epochs);
    qToBigEndian(revocationEpoch, epochs + 8);
    key.append(epochs, sizeof epochs);
    return key;
}

QByteArray VerificationMemo::verdictKey(QByteArrayView attestation, QByteArrayView claim,
                                        const QByteArray &mediaSha256, MediaRole role,
                                        quint64 anchorsEpoch, quint64 revocationEpoch) {
    Sha256Stream hash;
    addField(hash, "veriframe held verdict 1");
    addField(hash, attestation);
    addField(hash, claim);
    addField(hash, mediaSha256);
    addField(hash, mediaRoleName(role).toUtf8());
    addField(hash, requiredMediaType(role).toUtf8());
    addNumber(hash, anchorsEpoch);
    addNumber(hash, revocationEpoch);
    return hash.result();
}

void VerificationMemo::clear() {
    chains.clear();
    claims.clear();
    verdicts.clear();
}

} // namespace vf::trust
