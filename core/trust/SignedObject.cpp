#include "SignedObject.h"

namespace vf::trust {

AuthoritySignedObject verifyAuthoritySigned(QByteArrayView bytes, CoseTags tags,
                                            const TrustAnchors &anchors,
                                            const AuthorityChainValidator &validate,
                                            qint64 maxSize) {
    AuthoritySignedObject result;
    if (bytes.size() > maxSize) {
        result.error =
            QStringLiteral("%1 bytes, over the %2-byte limit").arg(bytes.size()).arg(maxSize);
        return result;
    }
    const CoseDecodeResult decoded = decodeCoseSign1(bytes, tags);
    if (!decoded.message) {
        result.error = decoded.error;
        return result;
    }
    const ProfileResult profile = checkVeriframeProfile(*decoded.message);
    if (!profile.headers) {
        result.error = profile.error;
        return result;
    }
    const QCborValue alg = profile.headers->alg;
    if (!alg.isInteger() ||
        (alg.toInteger() != CoseAlg::ES256 && alg.toInteger() != CoseAlg::EdDSA)) {
        result.error =
            QStringLiteral("algorithm %1 is not allowed").arg(alg.toVariant().toString());
        return result;
    }
    result.chain = validate
                       ? validate(profile.headers->x5chain)
                       : validateChain(profile.headers->x5chain, anchors, RootSet::OwnerAuthority);
    if (!result.chain.parseError.isEmpty()) {
        result.error = result.chain.parseError;
        return result;
    }
    if (!publicKeyMatchesAlgorithm(result.chain.leafKey.get(), alg.toInteger())) {
        result.error = QStringLiteral("algorithm %1 does not match the signer's key type")
                           .arg(alg.toInteger());
        return result;
    }
    if (!result.chain.valid) {
        result.error =
            QStringLiteral("not signed by an ownership authority: %1").arg(result.chain.error);
        return result;
    }
    if (!verifyCoseSignature(*decoded.message, result.chain.leafKey.get(), alg.toInteger())) {
        result.error = QStringLiteral("the authority signature does not verify");
        return result;
    }
    result.payload = decoded.message->payload;
    result.valid = true;
    return result;
}

} // namespace vf::trust
