#include "RevocationList.h"

#include "OpenSsl.h"
#include "SignedObject.h"
#include "StrictCbor.h"

#include <QCborArray>
#include <QCborMap>
#include <QMutexLocker>
#include <limits>

namespace vf::trust {
namespace {
qint64 saturatingAdd(qint64 a, qint64 b) {
    qint64 sum = 0;
    if (__builtin_add_overflow(a, b, &sum))
        return b > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return sum;
}
} // namespace

qint64 RevocationList::staleAfter() const {
    return next ? saturatingAdd(*next, kRevocationStaleAfterNextSeconds)
                : saturatingAdd(issued, kRevocationStaleAfterIssuedSeconds);
}

RevocationParseResult verifyRevocationList(QByteArrayView bytes, const TrustAnchors &anchors,
                                           qint64 nowSeconds) {
    const auto fail = [](const QString &why) { return RevocationParseResult{std::nullopt, why}; };
    const AuthoritySignedObject signedList =
        verifyAuthoritySigned(bytes, CoseTags::Sign1, anchors, {}, kMaxRevocationListSize);
    if (!signedList.valid)
        return fail(signedList.error);
    if (!signedList.chain.validAt(nowSeconds))
        return fail(QStringLiteral("the list's certificate chain is not valid now"));
    const CborDecodeResult decoded = decodeStrictCbor(signedList.payload);
    if (!decoded.value)
        return fail(QStringLiteral("payload: %1").arg(decoded.error));
    if (!decoded.value->isMap())
        return fail(QStringLiteral("payload must be a CBOR map"));
    const QCborMap map = decoded.value->toMap();
    const QCborValue seq = map.value(QLatin1String("seq"));
    const QCborValue issued = map.value(QLatin1String("issued"));
    const QCborValue devices = map.value(QLatin1String("devices"));
    const QCborValue claims = map.value(QLatin1String("claims"));
    // v2: a "next" that is present stands for itself; undefined or null is a wrong type.
    const std::optional<QCborValue> next = fieldOf(map, QCborValue(QLatin1String("next")));
    if (!seq.isInteger() || seq.toInteger() < 0 || !issued.isInteger() || !devices.isArray() ||
        !claims.isArray()) {
        return fail(QStringLiteral("needs seq (uint), issued (int), devices and claims (arrays)"));
    }
    if (next && !next->isInteger())
        return fail(QStringLiteral("\"next\" must be an integer"));
    RevocationList list;
    list.seq = static_cast<quint64>(seq.toInteger());
    list.issued = issued.toInteger();
    if (next)
        list.next = next->toInteger();
    const QCborArray deviceArray = devices.toArray();
    list.devices.reserve(deviceArray.size());
    for (const QCborValue &fingerprint : deviceArray) {
        if (!fingerprint.isByteArray() || fingerprint.toByteArray().size() != 32)
            return fail(QStringLiteral("a device fingerprint is not 32 bytes"));
        list.devices.insert(fingerprint.toByteArray());
    }
    for (const QCborValue &cti : claims.toArray()) {
        if (!cti.isByteArray())
            return fail(QStringLiteral("a revoked claim ID is not a byte string"));
        list.claims.insert(cti.toByteArray());
    }
    list.payload = signedList.payload;
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
            verifyAuthoritySigned(bytes, CoseTags::Sign1, anchors, {}, kMaxRevocationListSize);
        if (!signedList.valid)
            return;
        parsed = verifyRevocationList(bytes, anchors, signedList.chain.validFrom);
        if (!parsed.list)
            return;
    }
    QMutexLocker lock(&m_mutex);
    m_current = std::make_shared<const RevocationList>(std::move(*parsed.list));
    m_held = true;
    ++m_epoch;
}

QByteArray RevocationBook::heldPayload() const {
    // The persisted bytes were verified when they were accepted; their payload is all the
    // same-seq rule needs, even when this run could not restore them (anchors changed).
    const CoseDecodeResult decoded = decodeCoseSign1(m_state->acceptedList(), CoseTags::Sign1);
    return decoded.message ? decoded.message->payload : QByteArray();
}

RevocationBook::Update RevocationBook::offer(const QByteArray &listBytes,
                                             const TrustAnchors &anchors, qint64 nowSeconds) {
    RevocationParseResult parsed = verifyRevocationList(listBytes, anchors, nowSeconds);
    if (!parsed.list)
        return {Outcome::RejectedInvalid, parsed.error, 0, {}};
    const quint64 seq = parsed.list->seq;
    if (parsed.list->issued > nowSeconds &&
        parsed.list->issued - nowSeconds > kMaxRevocationIssuedSkewSeconds) {
        return {Outcome::RejectedInvalid,
                QStringLiteral("seq %1 is issued %2 s ahead of the clock")
                    .arg(seq)
                    .arg(parsed.list->issued - nowSeconds),
                seq,
                {}};
    }
    const std::optional<quint64> highest = m_state->highestAcceptedSeq();
    if (highest && seq < *highest) {
        return {Outcome::RejectedRollback,
                QStringLiteral("seq %1 is lower than the accepted %2").arg(seq).arg(*highest),
                seq,
                {}};
    }
    if (highest && seq == *highest) {
        // An authority never signs two lists under one seq: the same payload is the same
        // list (whatever its signature bytes), another payload is a conflict and the held
        // list stays in force.
        if (parsed.list->payload == heldPayload())
            return {Outcome::Unchanged, {}, seq, {}};
        const QByteArray digest = sha256(parsed.list->payload);
        return {Outcome::RejectedConflict,
                QStringLiteral("seq %1 was already accepted with another payload (refused "
                               "payload SHA-256 %2)")
                    .arg(seq)
                    .arg(QString::fromLatin1(digest.toHex())),
                seq, digest};
    }
    if (!m_state->recordAccepted(seq, listBytes))
        return {Outcome::RejectedInvalid, QStringLiteral("could not persist the list"), seq, {}};
    QMutexLocker lock(&m_mutex);
    m_current = std::make_shared<const RevocationList>(std::move(*parsed.list));
    m_held = true;
    ++m_epoch;
    return {Outcome::Accepted, {}, seq, {}};
}

std::shared_ptr<const RevocationList> RevocationBook::current() const {
    QMutexLocker lock(&m_mutex);
    return m_current;
}

quint64 RevocationBook::epoch() const {
    QMutexLocker lock(&m_mutex);
    return m_epoch;
}

RevocationStatus RevocationBook::status(qint64 nowSeconds) const {
    QMutexLocker lock(&m_mutex);
    RevocationStatus status;
    status.held = m_held;
    if (!m_held)
        return status;
    status.seq = m_current->seq;
    status.issued = m_current->issued;
    status.next = m_current->next;
    status.staleAfter = m_current->staleAfter();
    status.stale = m_current->staleAt(nowSeconds);
    return status;
}

} // namespace vf::trust
