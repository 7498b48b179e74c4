#include "CwtClaims.h"

#include "StrictCbor.h"

namespace vf::trust {
namespace {
// CWT claim keys (RFC 8392 §4) used by the protocol.
constexpr int kSub = 2;
constexpr int kExp = 4;
constexpr int kNbf = 5;
constexpr int kIat = 6;
constexpr int kCti = 7;
constexpr int kCnf = 8;
constexpr int kCnfCoseKey = 1; // RFC 8747 §3.1
constexpr int kCtiLength = 16;

std::optional<QCborMap> decodeMap(const QByteArray &cbor, QString *error) {
    const CborDecodeResult decoded = decodeStrictCbor(cbor);
    if (!decoded.value) {
        *error = QStringLiteral("claims: %1").arg(decoded.error);
        return std::nullopt;
    }
    if (!decoded.value->isMap()) {
        *error = QStringLiteral("claims must be a map");
        return std::nullopt;
    }
    return decoded.value->toMap();
}
} // namespace

OwnerClaimParseResult parseOwnerClaim(const QByteArray &cbor) {
    QString error;
    const auto fail = [](const QString &why) { return OwnerClaimParseResult{std::nullopt, why}; };
    const std::optional<QCborMap> map = decodeMap(cbor, &error);
    if (!map)
        return fail(error);

    OwnerClaim claim;
    const QCborValue sub = map->value(kSub);
    const QCborValue nbf = map->value(kNbf);
    // Optional claims: a key present as undefined or null is a wrong type, never "absent"
    // (trust.md §2 v2): `exp: undefined` must not make an open-ended claim.
    const std::optional<QCborValue> exp = fieldOf(*map, kExp);
    const std::optional<QCborValue> iat = fieldOf(*map, kIat);
    const QCborValue cti = map->value(kCti);
    const QCborValue cnf = map->value(kCnf);
    const QCborValue dev = map->value(QLatin1String("dev"));
    const QCborValue role = map->value(QLatin1String("role"));
    const std::optional<QCborValue> grant = fieldOf(*map, QCborValue(QLatin1String("grant")));
    if (!sub.isString())
        return fail(QStringLiteral("sub (2) must be text"));
    if (!nbf.isInteger())
        return fail(QStringLiteral("nbf (5) is required"));
    if (exp && !exp->isInteger())
        return fail(QStringLiteral("exp (4) must be an integer"));
    if (iat && !iat->isInteger())
        return fail(QStringLiteral("iat (6) must be an integer"));
    if (!cti.isByteArray() || cti.toByteArray().size() != kCtiLength)
        return fail(QStringLiteral("cti (7) must be 16 bytes"));
    if (!cnf.isMap() || !cnf.toMap().value(kCnfCoseKey).isMap())
        return fail(QStringLiteral("cnf (8) must hold a COSE_Key"));
    if (!dev.isString())
        return fail(QStringLiteral("\"dev\" (text) is required"));
    if (!role.isString())
        return fail(QStringLiteral("\"role\" (text) is required"));
    if (grant && !grant->isByteArray())
        return fail(QStringLiteral("\"grant\" must be a byte string"));

    claim.subject = sub.toString();
    claim.notBefore = nbf.toInteger();
    if (exp)
        claim.expires = exp->toInteger();
    if (iat)
        claim.issuedAt = iat->toInteger();
    claim.cti = cti.toByteArray();
    claim.confirmationKey = cnf.toMap().value(kCnfCoseKey).toMap();
    claim.deviceId = dev.toString();
    claim.role = role.toString();
    if (grant)
        claim.grant = grant->toByteArray();
    return {std::move(claim), {}};
}

IdentityParseResult parseIdentityClaims(const QByteArray &cbor) {
    QString error;
    const auto fail = [](const QString &why) { return IdentityParseResult{std::nullopt, why}; };
    const std::optional<QCborMap> map = decodeMap(cbor, &error);
    if (!map)
        return fail(error);
    const QCborValue sub = map->value(kSub);
    const QCborValue name = map->value(QLatin1String("name"));
    const QCborValue nbf = map->value(kNbf);
    const QCborValue exp = map->value(kExp);
    // exp is required here: an identity that never expires would outlive every session.
    if (!sub.isString() || !name.isString() || !nbf.isInteger() || !exp.isInteger())
        return fail(QStringLiteral("identity needs sub (2), \"name\", nbf (5) and exp (4)"));
    return {IdentityClaims{sub.toString(), name.toString(), nbf.toInteger(), exp.toInteger()}, {}};
}

} // namespace vf::trust
