#include "RevocationList.h"

#include "SignedObject.h"
#include "StrictCbor.h"

#include <QCborArray>
#include <QCborMap>
#include <QMutexLocker>

namespace vf::trust {

RevocationParseResult verifyRevocationList(QByteArrayView bytes, const TrustAnchors &anchors,
                                           qint64 nowSeconds) {
    const auto fail = [](const QString &why) { return RevocationParseResult{std::nullopt, why}; };
    const AuthoritySignedObject signedList = verifyAuthoritySigned(bytes, CoseTags::Sign1, anchors);
    if (!signedList.valid)
        return fail(signedList.error);
    if (!signedList.chain.validAt(nowSeconds))
        return fail(QStringLiteral("the list's certificate chain is not valid now"));
    const CborDecodeResult decoded = decodeStrictCbor(signedList.payload);
    if (!decoded.value || !decoded.value->isMap())
        return fail(QStringLiteral("payload must be a CBOR map"));
    const QCborMap map = decoded.value->toMap();
    const QCborValue seq = map.value(QLatin1String("seq"));
    const QCborValue issued = map.value(QLatin1String("issued"));
    const QCborValue devices = map.value(QLatin1String("devices"));
    const QCborValue claims = map.value(QLatin1String("claims"));
    if (!seq.isInteger() || seq.toInteger() < 0 || !issued.isInteger() || !devices.isArray() ||
        !claims.isArray()) {
        return fail(QStringLiteral("needs seq (uint), issued (int), devices and claims (arrays)"));
    }
    RevocationList list;
    list.seq = static_cast<quint64>(seq.toInteger());
    list.issued = issued.toInteger();
    for (const QCborValue &fingerprint : devices.toArray()) {
        if (!fingerprint.isByteArray() || fingerprint.toByteArray().size() != 32)
            return fail(QStringLiteral("a device fingerprint is not 32 bytes"));
        list.devices.insert(fingerprint.toByteArray());
    }
    for (const QCborValue &cti : claims.toArray()) {
        if (!cti.isByteArray())
            return fail(QStringLiteral("a revoked claim ID is not a byte string"));
        list.claims.insert(cti.toByteArray());
    }
    return {std::move(list), {}};
}

QByteArray InMemoryRevocationState::acceptedList() const {
    QMutexLocker lock(&m_mutex);
    return m_bytes;
}

std::optional<quint64> InMemoryRevocationState::highestAcceptedSeq() const {
    QMutexLocker lock(&m_mutex);
    return m_seq;
}

bool InMemoryRevocationState::recordAccepted(quint64 seq, const QByteArray &listBytes) {
    QMutexLocker lock(&m_mutex);
    m_seq = seq;
    m_bytes = listBytes;
    return true;
}

RevocationBook::RevocationBook(RevocationState *state)
    : m_state(state)
    , m_current(std::make_shared<RevocationList>()) {}

void RevocationBook::restore(const TrustAnchors &anchors, qint64 nowSeconds) {
    const QByteArray bytes = m_state->acceptedList();
    if (bytes.isEmpty())
        return;
    // A stored list whose chain has since expired still revokes what it names: dropping
    // revocations because time passed would be the unsafe reading.
    RevocationParseResult parsed = verifyRevocationList(bytes, anchors, nowSeconds);
    if (!parsed.list) {
        const AuthoritySignedObject signedList =
            verifyAuthoritySigned(bytes, CoseTags::Sign1, anchors);
        if (!signedList.valid)
            return;
        parsed = verifyRevocationList(bytes, anchors, signedList.chain.validFrom);
        if (!parsed.list)
            return;
    }
    QMutexLocker lock(&m_mutex);
    m_current = std::make_shared<const RevocationList>(std::move(*parsed.list));
    ++m_epoch;
}

RevocationBook::Update RevocationBook::offer(const QByteArray &listBytes,
                                             const TrustAnchors &anchors, qint64 nowSeconds) {
    RevocationParseResult parsed = verifyRevocationList(listBytes, anchors, nowSeconds);
    if (!parsed.list)
        return {Outcome::RejectedInvalid, parsed.error};
    const quint64 seq = parsed.list->seq;
    const std::optional<quint64> highest = m_state->highestAcceptedSeq();
    if (highest && seq < *highest) {
        return {Outcome::RejectedRollback,
                QStringLiteral("seq %1 is lower than the accepted %2").arg(seq).arg(*highest), seq};
    }
    if (highest && seq == *highest && m_state->acceptedList() == listBytes)
        return {Outcome::Unchanged, {}, seq};
    if (!m_state->recordAccepted(seq, listBytes))
        return {Outcome::RejectedInvalid, QStringLiteral("could not persist the list"), seq};
    QMutexLocker lock(&m_mutex);
    m_current = std::make_shared<const RevocationList>(std::move(*parsed.list));
    ++m_epoch;
    return {Outcome::Accepted, {}, seq};
}

std::shared_ptr<const RevocationList> RevocationBook::current() const {
    QMutexLocker lock(&m_mutex);
    return m_current;
}

quint64 RevocationBook::epoch() const {
    QMutexLocker lock(&m_mutex);
    return m_epoch;
}

} // namespace vf::trust
