#include "VerificationMemo.h"

#include <QtEndian>

namespace vf::trust {

VerificationMemo::VerificationMemo(qsizetype chainCapacity, qsizetype claimCapacity)
    : chains(chainCapacity)
    , claims(claimCapacity) {}

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

void VerificationMemo::clear() {
    chains.clear();
    claims.clear();
}

} // namespace vf::trust
