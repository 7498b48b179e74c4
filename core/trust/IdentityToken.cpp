#include "IdentityToken.h"

#include "CwtClaims.h"
#include "SignedObject.h"

namespace vf::trust {

IdentityVerdict verifyIdentityToken(QByteArrayView token, const QString &typedUsername,
                                    const TrustAnchors &anchors, qint64 nowSeconds) {
    IdentityVerdict verdict;
    const AuthoritySignedObject signedToken =
        verifyAuthoritySigned(token, CoseTags::Sign1OrCwt, anchors);
    if (!signedToken.valid) {
        verdict.detail = signedToken.error;
        return verdict;
    }
    if (!signedToken.chain.validAt(nowSeconds)) {
        verdict.detail = QStringLiteral("the identity's certificate chain is not valid now");
        return verdict;
    }
    const IdentityParseResult parsed = parseIdentityClaims(signedToken.payload);
    if (!parsed.identity) {
        verdict.detail = parsed.error;
        return verdict;
    }
    if (nowSeconds < parsed.identity->notBefore || nowSeconds >= parsed.identity->expires) {
        verdict.detail = QStringLiteral("the identity is outside its validity window");
        return verdict;
    }
    if (parsed.identity->username != typedUsername) {
        verdict.detail = QStringLiteral("the identity names another user");
        return verdict;
    }
    verdict.valid = true;
    verdict.userId = parsed.identity->userId;
    verdict.username = parsed.identity->username;
    return verdict;
}

} // namespace vf::trust
