#include "ProtocolPayloads.h"

#include <QCborArray>
#include <QCryptographicHash>

#include <openssl/rand.h>

namespace vf::pki {

namespace {

// CWT claim keys (RFC 8392 §3.1 and RFC 8747 for cnf).
constexpr qint64 kClaimSub = 2;
constexpr qint64 kClaimExp = 4;
constexpr qint64 kClaimNbf = 5;
constexpr qint64 kClaimIat = 6;
constexpr qint64 kClaimCti = 7;
constexpr qint64 kClaimCnf = 8;
constexpr qint64 kCnfCoseKey = 1;

QByteArray sha256Of(QByteArrayView bytes) {
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
}

QCborArray byteStrings(const QList<QByteArray> &items) {
    QCborArray array;
    for (const QByteArray &item : items)
        array.append(item);
    return array;
}

// The attack-test hooks shared by every payload: extra keys win over the regular ones, and
// removed keys go last so even a required key can be dropped.
template <typename Key>
QByteArray finish(QCborMap map, const QCborMap &extra, const QList<Key> &removeKeys) {
    for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
        map.insert(it.key(), it.value());
    for (const Key &key : removeKeys)
        map.remove(QCborValue(key));
    return map.toCborValue().toCbor();
}

} // namespace

MediaItem MediaItem::describe(const QString &role, const QString &type, const QByteArray &bytes,
                              qint64 segmentLength) {
    MediaItem item;
    item.role = role;
    item.type = type;
    item.length = bytes.size();
    item.sha256 = sha256Of(bytes);
    item.segmentLength = segmentLength;
    if (segmentLength > 0) {
        const QByteArrayView view(bytes);
        for (qint64 offset = 0; offset < view.size(); offset += segmentLength)
            item.segmentHashes.append(
                sha256Of(view.sliced(offset, qMin(segmentLength, view.size() - offset))));
    }
    return item;
}

QCborMap MediaItem::toCborMap() const {
    QCborMap map;
    map.insert(QStringLiteral("role"), role);
    map.insert(QStringLiteral("type"), type);
    map.insert(QStringLiteral("len"), length);
    map.insert(QStringLiteral("sha256"), sha256);
    if (segmentLength > 0) {
        map.insert(QStringLiteral("seg"), segmentLength);
        map.insert(QStringLiteral("segs"), byteStrings(segmentHashes));
    }
    return map;
}

QByteArray AttestationPayload::toCbor() const {
    QCborMap map;
    map.insert(QStringLiteral("v"), version);
    map.insert(QStringLiteral("evt"), eventId);
    map.insert(QStringLiteral("dev"), deviceId);
    map.insert(QStringLiteral("ts"), tsMs);
    map.insert(QStringLiteral("own"), ownerCti);
    if (!kind.isEmpty())
        map.insert(QStringLiteral("kind"), kind);
    QCborArray mediaArray;
    for (const MediaItem &item : media)
        mediaArray.append(item.toCborMap());
    map.insert(QStringLiteral("media"), mediaArray);
    return finish(map, extra, removeKeys);
}

QByteArray ClaimPayload::toCbor() const {
    QCborMap map;
    map.insert(kClaimSub, subject);
    map.insert(kClaimNbf, nbf);
    if (exp)
        map.insert(kClaimExp, *exp);
    if (iat)
        map.insert(kClaimIat, *iat);
    map.insert(kClaimCti, cti);
    map.insert(kClaimCnf, QCborMap{{kCnfCoseKey, cnfKey}});
    map.insert(QStringLiteral("dev"), deviceId);
    map.insert(QStringLiteral("role"), role);
    if (!grant.isEmpty())
        map.insert(QStringLiteral("grant"), grant);
    return finish(map, extra, removeKeys);
}

QByteArray IdentityPayload::toCbor() const {
    QCborMap map;
    map.insert(kClaimSub, userId);
    map.insert(QStringLiteral("name"), username);
    map.insert(kClaimNbf, nbf);
    map.insert(kClaimExp, exp);
    return map.toCborValue().toCbor();
}

QByteArray RevocationPayload::toCbor() const {
    QCborMap map;
    // QCborValue has no unsigned 64-bit constructor; seq stays far below 2^63 in practice.
    map.insert(QStringLiteral("seq"), qint64(seq));
    map.insert(QStringLiteral("issued"), issued);
    map.insert(QStringLiteral("devices"), byteStrings(devices));
    map.insert(QStringLiteral("claims"), byteStrings(claims));
    if (next)
        map.insert(QStringLiteral("next"), *next);
    return finish(map, extra, QList<QString>());
}

QByteArray randomCti() {
    QByteArray cti(16, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char *>(cti.data()), int(cti.size())) != 1)
        qFatal("vf::pki: RAND_bytes failed"); // never hand out a predictable claim ID
    return cti;
}

} // namespace vf::pki
