#include "CoseSign1Builder.h"

#include <QCborArray>

namespace vf::pki {

namespace {

// COSE header labels (RFC 9052 §3.1, RFC 9360).
constexpr qint64 kLabelAlg = 1;
constexpr qint64 kLabelCrit = 2;
constexpr qint64 kLabelX5chain = 33;
constexpr qint64 kLabelContentType = 3;

constexpr QCborTag kTagCoseSign1 = QCborTag(18);
constexpr QCborTag kTagCwt = QCborTag(61);

QCborValue algValue(const KeyPair &key, const Sign1Options &opts) {
    if (!opts.algOverride.isUndefined())
        return opts.algOverride;
    return QCborValue(opts.alg.value_or(key.coseAlg()));
}

QCborValue x5chainValue(const QList<QByteArray> &x5chainDer, const Sign1Options &opts) {
    if (!opts.x5chainAsArray)
        return QCborValue(x5chainDer.value(0));
    QCborArray chain;
    for (const QByteArray &der : x5chainDer)
        chain.append(der);
    return chain;
}

} // namespace

QByteArray sigStructure(const QByteArray &protectedBytes, const QByteArray &payload,
                        const QByteArray &externalAad) {
    // QCborArray always encodes definite lengths, which RFC 9052 §4.4 requires here.
    return QCborArray{QStringLiteral("Signature1"), protectedBytes, externalAad, payload}
        .toCborValue()
        .toCbor();
}

QByteArray signCoseSign1(const QByteArray &payload, const KeyPair &key,
                         const QList<QByteArray> &x5chainDer, const Sign1Options &opts) {
    QCborMap protectedMap;
    QCborMap unprotectedMap = opts.unprotected;
    // QCborMap keeps insertion order, so the default protected header encodes as {1: alg, 33:
    // chain}, the layout of trust.md §2 and of the cose-wg examples.
    if (!opts.omitAlg)
        (opts.algInUnprotected ? unprotectedMap : protectedMap)
            .insert(kLabelAlg, algValue(key, opts));
    if (!opts.omitX5chain)
        (opts.x5chainInUnprotected ? unprotectedMap : protectedMap)
            .insert(kLabelX5chain, x5chainValue(x5chainDer, opts));
    if (opts.addCrit)
        protectedMap.insert(kLabelCrit, QCborArray{kLabelContentType});
    for (auto it = opts.extraProtected.constBegin(); it != opts.extraProtected.constEnd(); ++it)
        protectedMap.insert(it.key(), it.value());

    // RFC 9052 §3: an empty protected header is the zero-length bstr, not an encoded {}.
    const QByteArray protectedBytes =
        protectedMap.isEmpty() ? QByteArray() : protectedMap.toCborValue().toCbor();

    const QByteArray toBeSigned = sigStructure(protectedBytes, payload);
    const QByteArray signature = opts.signatureOverride ? *opts.signatureOverride
                                 : opts.derSignature    ? key.signDer(toBeSigned)
                                                        : key.sign(toBeSigned);
    if (signature.isEmpty())
        return {};

    const QCborValue payloadValue =
        opts.detachedPayload ? QCborValue(QCborValue::Null) : QCborValue(payload);
    const QCborArray sign1{protectedBytes, unprotectedMap, payloadValue, signature};

    switch (opts.tag) {
    case Sign1Options::Tag::None:
        return sign1.toCborValue().toCbor();
    case Sign1Options::Tag::Cose18:
        return QCborValue(kTagCoseSign1, sign1).toCbor();
    case Sign1Options::Tag::Cwt61Cose18:
        return QCborValue(kTagCwt, QCborValue(kTagCoseSign1, sign1)).toCbor();
    }
    return {};
}

} // namespace vf::pki
