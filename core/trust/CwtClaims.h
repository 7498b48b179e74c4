#pragma once
// The CWT claim sets of trust.md §4 (owner and viewer claims) and §8 (identity).
#include <QByteArray>
#include <QCborMap>
#include <QString>
#include <optional>

namespace vf::trust {

struct OwnerClaim {
    QString subject;                 // 2 sub: the account this claim grants
    qint64 notBefore = 0;            // 5 nbf, seconds
    std::optional<qint64> expires;   // 4 exp, exclusive; absent: open-ended
    std::optional<qint64> issuedAt;  // 6 iat
    QByteArray cti;                  // 7, 16 bytes
    QCborMap confirmationKey;        // 8 cnf → {1: COSE_Key}: the COSE_Key
    QString deviceId;                // "dev"
    QString role;                    // "owner" / "viewer" (another value fails check 13)
    std::optional<QByteArray> grant; // viewer: the owner claim's cti

    // [nbf, exp) holds this time (seconds).
    bool windowContains(qint64 seconds) const {
        return seconds >= notBefore && (!expires || seconds < *expires);
    }
};

struct OwnerClaimParseResult {
    std::optional<OwnerClaim> claim;
    QString error;
};
OwnerClaimParseResult parseOwnerClaim(const QByteArray &cbor);

struct IdentityClaims {
    QString userId;   // 2 sub
    QString username; // "name"
    qint64 notBefore = 0;
    qint64 expires = 0;
};
struct IdentityParseResult {
    std::optional<IdentityClaims> identity;
    QString error;
};
IdentityParseResult parseIdentityClaims(const QByteArray &cbor);

} // namespace vf::trust
