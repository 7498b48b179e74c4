#pragma once

// The payloads of trust.md §4, §5, §7 and §8 as plain structs. Each encodes itself with
// toCbor(). In attestations and claims `extra` and `removeKeys` are applied last, so a test can
// add, override or drop any key and still sign the result correctly; for identity and
// revocation payloads a test signs its own CBOR with signCoseSign1 instead.

#include <QByteArray>
#include <QCborMap>
#include <QCborValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace vf::pki {

// One media map of an attestation (trust.md §5).
struct MediaItem {
    QString role; // "thumbnail" or "clip"
    QString type; // MIME type
    qint64 length = 0;
    QByteArray sha256;
    qint64 segmentLength = 0; // > 0: "seg" and "segs" are encoded
    QList<QByteArray> segmentHashes;

    // Hashes bytes whole and, when segmentLength > 0, per consecutive segment (last may be
    // shorter).
    static MediaItem describe(const QString &role, const QString &type, const QByteArray &bytes,
                              qint64 segmentLength = 0);

    QCborMap toCborMap() const;
};

// The attestation payload (trust.md §5): text keys.
struct AttestationPayload {
    int version = 1;
    QString eventId;
    QString deviceId;
    qint64 tsMs = 0;
    QByteArray ownerCti;
    QString kind; // empty: "kind" is omitted
    QList<MediaItem> media;
    QCborMap extra; // merged last: lets tests add/override keys
    QStringList removeKeys;

    QByteArray toCbor() const;
};

// The owner/viewer claim, a CWT claims map (trust.md §4): integer keys for registered claims.
struct ClaimPayload {
    QString subject;
    qint64 nbf = 0;
    std::optional<qint64> exp;
    std::optional<qint64> iat;
    QByteArray cti;
    QCborMap cnfKey; // COSE_Key, see KeyPair::coseKey()
    QString deviceId;
    QString role;
    QByteArray grant; // empty = absent
    QCborMap extra;
    QList<QCborValue> removeKeys;

    QByteArray toCbor() const;
};

// The identity token of the login answer (trust.md §8).
struct IdentityPayload {
    QString userId;
    QString username;
    qint64 nbf = 0;
    qint64 exp = 0;

    QByteArray toCbor() const;
};

// The revocation list payload (trust.md §7).
struct RevocationPayload {
    quint64 seq = 0;
    qint64 issued = 0;
    QList<QByteArray> devices;  // SHA-256 of revoked device leaf certificates (DER)
    QList<QByteArray> claims;   // revoked claim ctis
    std::optional<qint64> next; // v2: when the next list is due (seconds); absent when empty
    QCborMap extra;             // merged last: lets tests add/override keys

    QByteArray toCbor() const;
};

// A fresh 16-byte claim ID from the OpenSSL CSPRNG.
QByteArray randomCti();

} // namespace vf::pki
