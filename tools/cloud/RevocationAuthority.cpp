#include "RevocationAuthority.h"

#include "CoseSign1.h"

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QCryptographicHash>
#include <QDateTime>
#include <QSet>

namespace vf::cloud {

namespace {

// The byte strings of a payload array; nullopt when it is not an array of byte strings.
std::optional<QList<QByteArray>> byteStrings(const QCborValue &value) {
    if (!value.isArray())
        return std::nullopt;
    QList<QByteArray> out;
    const QCborArray array = value.toArray();
    out.reserve(array.size());
    for (const QCborValue &v : array) {
        if (!v.isByteArray())
            return std::nullopt;
        out << v.toByteArray();
    }
    return out;
}

} // namespace

RevocationAuthority::RevocationAuthority(CloudDatabase &database, const pki::TestPki &pki,
                                         quint64 seed, int padding)
    : m_repository(database, QString())
    , m_pki(pki)
    , m_seed(seed)
    , m_padding(qMax(0, padding)) {}

QList<QByteArray> RevocationAuthority::paddingEntries(quint64 seed, int count) {
    QList<QByteArray> out;
    out.reserve(qMax(0, count));
    const QByteArray prefix =
        "veriframe-cloud revocation padding|" + QByteArray::number(seed) + '|';
    for (int i = 0; i < count; ++i)
        out << QCryptographicHash::hash(prefix + QByteArray::number(i), QCryptographicHash::Sha256);
    return out;
}

std::optional<RevocationAuthority::InForce> RevocationAuthority::inForce(QString *error) const {
    const auto stored = m_repository.latestRevocationList();
    if (!stored) {
        *error = QStringLiteral("no revocation list is published");
        return std::nullopt;
    }
    const auto decoded = trust::decodeCoseSign1(stored->cose, trust::CoseTags::Sign1);
    const QCborMap payload =
        decoded.message ? QCborValue::fromCbor(decoded.message->payload).toMap() : QCborMap();
    const auto devices = byteStrings(payload.value(QStringLiteral("devices")));
    const auto claims = byteStrings(payload.value(QStringLiteral("claims")));
    if (!devices || !claims || !payload.value(QStringLiteral("issued")).isInteger()) {
        *error =
            QStringLiteral("the revocation list in force (seq %1) cannot be read").arg(stored->seq);
        return std::nullopt;
    }
    InForce list;
    list.seq = stored->seq;
    list.issued = payload.value(QStringLiteral("issued")).toInteger();
    if (const QCborValue next = payload.value(QStringLiteral("next")); next.isInteger())
        list.next = next.toInteger();
    const QList<QByteArray> padding = paddingEntries(m_seed, int(devices->size()));
    const QSet<QByteArray> paddingSet(padding.cbegin(), padding.cend());
    for (const QByteArray &d : *devices) {
        if (paddingSet.contains(d))
            ++list.padding;
        else
            list.real.devices << d;
    }
    list.real.claims = *claims;
    return list;
}

QByteArray RevocationAuthority::sign(quint64 seq, qint64 issued, const Entries &real) const {
    pki::RevocationPayload payload;
    payload.seq = seq;
    payload.issued = issued;
    payload.next = issued + kNextAfterSeconds;
    payload.devices = real.devices + paddingEntries(m_seed, m_padding);
    payload.claims = real.claims;
    return m_pki.signRevocations(payload);
}

bool RevocationAuthority::ensurePublished(QString *error) {
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (!m_repository.latestRevocationList()) {
        // The demo world revokes nothing; seq 1 is still a signed, verifiable list.
        return m_repository.addRevocations(1, sign(1, now, {}), error);
    }
    const auto list = inForce(error);
    if (!list)
        return false;
    const bool nextPassed = list->next && now >= *list->next;
    if (list->padding == m_padding && !nextPassed)
        return true; // the same list as before: same seq, same bytes
    return m_repository.addRevocations(list->seq + 1, sign(list->seq + 1, now, list->real), error);
}

std::optional<quint64> RevocationAuthority::revoke(const Entries &added, QString *error) {
    auto list = inForce(error);
    if (!list)
        return std::nullopt;
    Entries real = list->real;
    for (const QByteArray &d : added.devices)
        if (!real.devices.contains(d))
            real.devices << d;
    for (const QByteArray &c : added.claims)
        if (!real.claims.contains(c))
            real.claims << c;
    const quint64 seq = list->seq + 1;
    if (!m_repository.addRevocations(seq, sign(seq, QDateTime::currentSecsSinceEpoch(), real),
                                     error))
        return std::nullopt;
    return seq;
}

std::optional<RevocationAuthority::SignedList>
RevocationAuthority::conflictingTwin(QString *error) const {
    const auto list = inForce(error);
    if (!list)
        return std::nullopt;
    return SignedList{list->seq, sign(list->seq, list->issued + 1, {})};
}

} // namespace vf::cloud
