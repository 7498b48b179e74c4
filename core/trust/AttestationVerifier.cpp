#include "AttestationVerifier.h"

#include "CoseSign1.h"
#include "CwtClaims.h"
#include "PublicKey.h"
#include "SignedObject.h"

#include <QElapsedTimer>
#include <QMutexLocker>

namespace vf::trust {
namespace {
qint64 floorDiv(qint64 value, qint64 divisor) {
    const qint64 quotient = value / divisor;
    return (value % divisor != 0 && value < 0) ? quotient - 1 : quotient;
}

QString hex(const QByteArray &bytes) {
    return QString::fromLatin1(bytes.toHex());
}

// Runs the checks in order and records each in the verdict's trace.
class CheckSequence {
public:
    explicit CheckSequence(Verdict &verdict)
        : m_verdict(verdict) {}

    // check returns an empty string when it passes, else the human detail.
    template <typename Check> bool run(Reason reason, Check &&check) {
        QElapsedTimer timer;
        timer.start();
        const QString failure = check();
        const bool passed = failure.isNull();
        m_verdict.trace.append({reason, passed, timer.nsecsElapsed() / 1000});
        if (!passed) {
            m_verdict.reason = reason;
            m_verdict.detail = failure;
        }
        return passed;
    }

private:
    Verdict &m_verdict;
};

// Segment hashes of whole bytes, for check 8 on a complete clip.
QString compareSegments(const MediaDescriptor &media, const QByteArray &bytes) {
    for (qsizetype i = 0; i < media.segmentHashes.size(); ++i) {
        const QByteArrayView segment =
            QByteArrayView(bytes)
                .sliced(i * media.segmentLength)
                .first(
                    std::min<qint64>(media.segmentLength, bytes.size() - i * media.segmentLength));
        if (sha256(segment) != media.segmentHashes.at(i))
            return QStringLiteral("segment %1 does not match its attested hash").arg(i);
    }
    return {};
}

// The checks a held verdict runs again at every use (fromHeld), shared with the full path
// so that both name a refusal with the same words.

QList<QByteArray> fingerprints(const QList<QByteArray> &x5chainDer) {
    QList<QByteArray> out;
    out.reserve(x5chainDer.size());
    for (const QByteArray &der : x5chainDer)
        out.append(sha256(der));
    return out;
}

// 4: the leaf, v2 also an intermediate (a whole camera line). Every certificate of the
// built path and of the x5chain as sent is looked up.
QString deviceRevocation(const RevocationList &revoked, const ChainValidation &chain,
                         const QList<QByteArray> &x5chainSha256) {
    if (revoked.revokesDevice(chain.leafSha256))
        return QStringLiteral("device certificate %1 is revoked").arg(hex(chain.leafSha256));
    for (const CertificateInfo &cert : chain.path) {
        if (revoked.revokesDevice(cert.sha256))
            return QStringLiteral("certificate %1 (%2) above the device is revoked")
                .arg(hex(cert.sha256), cert.subject);
    }
    for (const QByteArray &fingerprint : x5chainSha256) {
        if (revoked.revokesDevice(fingerprint))
            return QStringLiteral("x5chain certificate %1 is revoked").arg(hex(fingerprint));
    }
    return {};
}

// 6
QString eventMismatch(const QString &attestedEventId, const QString &attestedDeviceId,
                      const QString &leafCommonName, const VerificationRequest &request) {
    if (attestedEventId != request.eventId)
        return QStringLiteral("attested event %1, listed as %2")
            .arg(attestedEventId, request.eventId);
    if (attestedDeviceId != request.deviceId)
        return QStringLiteral("attested device %1, listed as %2")
            .arg(attestedDeviceId, request.deviceId);
    if (attestedDeviceId != leafCommonName)
        return QStringLiteral("attested device %1, signed by certificate of %2")
            .arg(attestedDeviceId, leafCommonName);
    return {};
}

// 7
QString captureInTheFuture(qint64 timestampMs, qint64 nowMs) {
    if (timestampMs > nowMs && timestampMs - nowMs > AttestationVerifier::kMaxClockSkewMs)
        return QStringLiteral("captured %1 s in the future").arg((timestampMs - nowMs) / 1000);
    return {};
}

// 10, its one clock-dependent part: the authority chain now.
QString authorityNotValidNow(const CheckedClaim &checked, qint64 nowMs) {
    if (!checked.signature.chain.validAt(floorDiv(nowMs, 1000)))
        return QStringLiteral("the authority certificate chain is not valid now");
    return {};
}

// 11: the claim, v2 or the owner claim a share derives from (its grant; looked up whatever
// the role says, so a grant never outlives a revoked cti).
QString claimRevocation(const RevocationList &revoked, const OwnerClaim &claim) {
    if (revoked.revokesClaim(claim.cti))
        return QStringLiteral("claim %1 is revoked").arg(hex(claim.cti));
    if (claim.grant && revoked.revokesClaim(*claim.grant))
        return QStringLiteral("the owner claim %1 this share derives from is revoked")
            .arg(hex(*claim.grant));
    return {};
}

// 15: never memoised, runs for every account at every display.
QString foreignOwner(const OwnerClaim &claim, const QString &userId) {
    return claim.subject != userId ? QStringLiteral("the claim grants another account") : QString();
}
} // namespace

AttestationVerifier::AttestationVerifier(std::shared_ptr<const TrustAnchors> anchors,
                                         VerificationMemo *memo)
    : m_anchors(std::move(anchors))
    , m_memo(memo) {
    m_snapshot.revocations = std::make_shared<RevocationList>();
}

void AttestationVerifier::setRevocations(std::shared_ptr<const RevocationList> list,
                                         quint64 epoch) {
    QMutexLocker lock(&m_mutex);
    m_snapshot.revocations = list ? std::move(list) : std::make_shared<RevocationList>();
    m_snapshot.revocationEpoch = epoch;
}

AttestationVerifier::Snapshot AttestationVerifier::snapshot() const {
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

std::shared_ptr<const ChainValidation>
AttestationVerifier::deviceChain(const QList<QByteArray> &x5chain, const Snapshot &s) const {
    QByteArray key;
    if (m_memo) {
        key = VerificationMemo::key(chainDigest(x5chain), RootSet::Device, m_anchors->epoch(),
                                    s.revocationEpoch);
        if (auto hit = m_memo->chains.find(key))
            return hit;
    }
    auto result =
        std::make_shared<ChainValidation>(validateChain(x5chain, *m_anchors, RootSet::Device));
    if (m_memo)
        m_memo->chains.insert(key, result);
    return result;
}

std::shared_ptr<const CheckedClaim> AttestationVerifier::checkedClaim(const QByteArray &claimBytes,
                                                                      const Snapshot &s) const {
    QByteArray key;
    if (m_memo) {
        key = VerificationMemo::key(sha256(claimBytes), RootSet::OwnerAuthority, m_anchors->epoch(),
                                    s.revocationEpoch);
        if (auto hit = m_memo->claims.find(key))
            return hit;
    }
    auto checked = std::make_shared<CheckedClaim>();
    const auto authorityChain = [&](const QList<QByteArray> &x5chain) {
        const QByteArray chainKey = VerificationMemo::key(
            chainDigest(x5chain), RootSet::OwnerAuthority, m_anchors->epoch(), s.revocationEpoch);
        if (auto hit = m_memo->chains.find(chainKey))
            return *hit;
        auto validation = std::make_shared<ChainValidation>(
            validateChain(x5chain, *m_anchors, RootSet::OwnerAuthority));
        m_memo->chains.insert(chainKey, validation);
        return *validation;
    };
    checked->signature =
        m_memo ? verifyAuthoritySigned(claimBytes, CoseTags::Sign1OrCwt, *m_anchors, authorityChain)
               : verifyAuthoritySigned(claimBytes, CoseTags::Sign1OrCwt, *m_anchors);
    if (!checked->signature.valid) {
        checked->error = checked->signature.error;
    } else {
        OwnerClaimParseResult parsed = parseOwnerClaim(checked->signature.payload);
        checked->claim = std::move(parsed.claim);
        checked->error = parsed.error;
    }
    if (m_memo)
        m_memo->claims.insert(key, checked);
    return checked;
}

Verdict AttestationVerifier::verify(const VerificationRequest &request) const {
    const Snapshot state = snapshot();
    if (!m_memo || !request.media)
        return verifyInFull(request, state, QByteArray(), nullptr);

    // The display path (trust.md §6's caching rule): the media bytes are hashed, and a
    // verdict held under the full content it was computed from serves what content alone
    // decided. Only verified verdicts are held; refusals always take the full path.
    const QByteArray observedSha256 = sha256(*request.media);
    const QByteArray key =
        VerificationMemo::verdictKey(request.attestation, request.claim, observedSha256,
                                     request.role, m_anchors->epoch(), state.revocationEpoch);
    if (const auto held = m_memo->verdicts.find(key)) {
        if (std::optional<Verdict> verdict = fromHeld(*held, request, state))
            return std::move(*verdict);
    }
    auto held = std::make_shared<HeldVerdict>();
    Verdict verdict = verifyInFull(request, state, observedSha256, held.get());
    if (verdict.verified()) {
        held->verdict = verdict;
        m_memo->verdicts.insert(key, std::move(held));
    }
    return verdict;
}

std::optional<Verdict> AttestationVerifier::fromHeld(const HeldVerdict &held,
                                                     const VerificationRequest &request,
                                                     const Snapshot &state) const {
    Verdict verdict = held.verdict;
    const OwnerClaim &claim = *held.claim->claim;
    for (CheckTrace &step : verdict.trace) {
        QElapsedTimer timer;
        timer.start();
        QString failure;
        switch (step.check) {
        case Reason::DeviceRevoked:
            if (!state.revocations->devices.isEmpty())
                failure =
                    deviceRevocation(*state.revocations, *held.deviceChain, held.x5chainSha256);
            break;
        case Reason::EventMismatch:
            failure =
                eventMismatch(verdict.evidence.attestedEventId, verdict.evidence.attestedDeviceId,
                              held.deviceChain->leafCommonName, request);
            break;
        case Reason::TimeInvalid:
            failure = captureInTheFuture(verdict.evidence.captureTimeMs, request.nowMs);
            break;
        case Reason::ClaimUntrusted:
            failure = authorityNotValidNow(*held.claim, request.nowMs);
            break;
        case Reason::ClaimRevoked:
            failure = claimRevocation(*state.revocations, claim);
            break;
        case Reason::ForeignOwner:
            failure = foreignOwner(claim, request.userId);
            break;
        default: // decided by the content in the key: not run again
            step.micros = 0;
            step.memoised = true;
            continue;
        }
        step.micros = timer.nsecsElapsed() / 1000;
        if (failure.isNull())
            continue;
        if (step.check != Reason::ForeignOwner)
            return std::nullopt; // a refusal: the full path names it as a cold verify would
        // The last check: everything before it passed, as in the full path.
        step.passed = false;
        verdict.reason = Reason::ForeignOwner;
        verdict.detail = failure;
        verdict.role = GrantRole::None;
    }
    return verdict;
}

Verdict AttestationVerifier::verifyInFull(const VerificationRequest &request, const Snapshot &state,
                                          const QByteArray &observedSha256,
                                          HeldVerdict *held) const {
    Verdict verdict;
    Evidence &evidence = verdict.evidence;
    CheckSequence checks(verdict);

    // 1 malformed: the COSE structure, the profile (§2), the payload (§5), the x5chain DER.
    std::optional<CoseSign1> message;
    std::optional<ProfileHeaders> headers;
    std::optional<AttestationPayload> payload;
    // The chain is parsed and validated once, memoised by its content's SHA-256: the DER
    // parse (check 1), the key type (2) and the path (3) all read this one result.
    std::shared_ptr<const ChainValidation> chain;
    if (!checks.run(Reason::Malformed, [&]() -> QString {
            if (request.attestation.size() > kMaxSignedObjectSize)
                return QStringLiteral("the attestation is %1 bytes, over the 16 KiB limit")
                    .arg(request.attestation.size());
            CoseDecodeResult decoded = decodeCoseSign1(request.attestation, CoseTags::Sign1);
            if (!decoded.message)
                return decoded.error;
            message = std::move(decoded.message);
            ProfileResult profile = checkVeriframeProfile(*message);
            if (!profile.headers)
                return profile.error;
            headers = std::move(profile.headers);
            AttestationParseResult parsed = parseAttestationPayload(message->payload);
            if (!parsed.payload)
                return parsed.error;
            payload = std::move(parsed.payload);
            evidence.attestedEventId = payload->eventId;
            evidence.attestedDeviceId = payload->deviceId;
            evidence.captureTimeMs = payload->timestampMs;
            evidence.ownerCti = payload->ownerCti;
            chain = deviceChain(headers->x5chain, state);
            if (!chain->parseError.isEmpty())
                return chain->parseError;
            return {};
        })) {
        return verdict;
    }

    // 2 unsupported_algorithm: -7 or -8, and the leaf key is of that type.
    qint64 alg = 0;
    if (!checks.run(Reason::UnsupportedAlgorithm, [&]() -> QString {
            if (!headers->alg.isInteger() || (headers->alg.toInteger() != CoseAlg::ES256 &&
                                              headers->alg.toInteger() != CoseAlg::EdDSA)) {
                return QStringLiteral("algorithm %1 is neither ES256 (-7) nor EdDSA (-8)")
                    .arg(headers->alg.toVariant().toString());
            }
            alg = headers->alg.toInteger();
            evidence.algorithm =
                alg == CoseAlg::ES256 ? QStringLiteral("ES256") : QStringLiteral("EdDSA");
            if (!publicKeyMatchesAlgorithm(chain->leafKey.get(), alg))
                return QStringLiteral("%1 does not match the device key type (%2)")
                    .arg(evidence.algorithm, keyKindName(chain->leafKeyKind));
            return {};
        })) {
        return verdict;
    }

    // 3 device_untrusted: path to a device root at the capture time, leaf rules, CN rule.
    if (!checks.run(Reason::DeviceUntrusted, [&]() -> QString {
            evidence.devicePath = chain->path;
            if (!chain->valid)
                return chain->error;
            if (!chain->validAt(floorDiv(payload->timestampMs, 1000)))
                return QStringLiteral("the device certificate chain is not valid at the capture "
                                      "time");
            return {};
        })) {
        return verdict;
    }

    // 4 device_revoked
    if (!checks.run(Reason::DeviceRevoked, [&]() -> QString {
            const RevocationList &revoked = *state.revocations;
            if (revoked.devices.isEmpty())
                return {};
            return deviceRevocation(revoked, *chain, fingerprints(headers->x5chain));
        })) {
        return verdict;
    }

    // 5 signature_invalid
    if (!checks.run(Reason::SignatureInvalid, [&]() -> QString {
            m_signatureChecks.fetch_add(1, std::memory_order_relaxed);
            if (!verifyCoseSignature(*message, chain->leafKey.get(), alg))
                return QStringLiteral("the attestation signature does not verify with the device "
                                      "key");
            return {};
        })) {
        return verdict;
    }

    // 6 event_mismatch
    if (!checks.run(Reason::EventMismatch, [&]() -> QString {
            return eventMismatch(payload->eventId, payload->deviceId, chain->leafCommonName,
                                 request);
        })) {
        return verdict;
    }

    // 7 time_invalid
    if (!checks.run(Reason::TimeInvalid, [&]() -> QString {
            return captureInTheFuture(payload->timestampMs, request.nowMs);
        })) {
        return verdict;
    }

    // 8 media_mismatch
    const MediaDescriptor *media = payload->mediaFor(request.role);
    if (!checks.run(Reason::MediaMismatch, [&]() -> QString {
            if (!media)
                return QStringLiteral("the attestation has no %1").arg(mediaRoleName(request.role));
            evidence.attestedMedia = *media;
            // v2: the attested type names the one decoder the bytes may reach.
            if (media->type != requiredMediaType(request.role))
                return QStringLiteral("the %1 is attested as \"%2\", not %3")
                    .arg(mediaRoleName(request.role), media->type, requiredMediaType(request.role));
            if (!request.media)
                return {}; // streamed: ClipStreamVerifier checks the bytes as they arrive
            const QByteArray &bytes = *request.media;
            evidence.observedLength = bytes.size();
            if (bytes.size() != media->length)
                return QStringLiteral("%1 bytes received, %2 attested")
                    .arg(bytes.size())
                    .arg(media->length);
            evidence.observedSha256 = observedSha256.isEmpty() ? sha256(bytes) : observedSha256;
            if (evidence.observedSha256 != media->sha256)
                return QStringLiteral("SHA-256 %1 differs from the attested %2")
                    .arg(hex(evidence.observedSha256), hex(media->sha256));
            return compareSegments(*media, bytes);
        })) {
        return verdict;
    }

    // 9 claim_missing
    if (!checks.run(Reason::ClaimMissing, [&]() -> QString {
            return request.claim.isEmpty() ? QStringLiteral("the entry carries no owner claim")
                                           : QString();
        })) {
        return verdict;
    }

    // 10 claim_untrusted: authority chain valid now, signature, alg, CWT structure.
    std::shared_ptr<const CheckedClaim> checked;
    if (!checks.run(Reason::ClaimUntrusted, [&]() -> QString {
            checked = checkedClaim(request.claim, state);
            evidence.claimPath = checked->signature.chain.path;
            if (!checked->claim)
                return checked->error;
            if (const QString notNow = authorityNotValidNow(*checked, request.nowMs);
                !notNow.isNull())
                return notNow;
            const OwnerClaim &c = *checked->claim;
            evidence.claimCti = c.cti;
            evidence.claimRole = c.role;
            evidence.claimSubject = c.subject;
            evidence.claimDeviceId = c.deviceId;
            evidence.claimNotBefore = c.notBefore;
            evidence.claimExpires = c.expires;
            return {};
        })) {
        return verdict;
    }
    const OwnerClaim &claim = *checked->claim;

    // 11 claim_revoked
    if (!checks.run(Reason::ClaimRevoked,
                    [&]() -> QString { return claimRevocation(*state.revocations, claim); })) {
        return verdict;
    }

    // 12 claim_device_mismatch
    if (!checks.run(Reason::ClaimDeviceMismatch, [&]() -> QString {
            if (claim.deviceId != payload->deviceId)
                return QStringLiteral("the claim is for device %1, the attestation is from %2")
                    .arg(claim.deviceId, payload->deviceId);
            if (!coseKeyIsAcceptable(claim.confirmationKey))
                return QStringLiteral("the claim's key (cnf) is a weak (small-order or "
                                      "non-canonical) Ed25519 key");
            if (!coseKeyMatches(claim.confirmationKey, chain->leafRawKey))
                return QStringLiteral("the claim's key (cnf) is not the device certificate's key");
            return {};
        })) {
        return verdict;
    }

    // 13 claim_not_bound
    if (!checks.run(Reason::ClaimNotBound, [&]() -> QString {
            if (claim.role == QLatin1String("owner")) {
                if (claim.cti != payload->ownerCti)
                    return QStringLiteral("the camera recorded under ownership %1, not %2")
                        .arg(hex(payload->ownerCti), hex(claim.cti));
                verdict.role = GrantRole::Owner;
                return {};
            }
            if (claim.role == QLatin1String("viewer")) {
                if (!claim.grant || *claim.grant != payload->ownerCti)
                    return QStringLiteral("the share derives from ownership %1, not %2")
                        .arg(hex(claim.grant.value_or(QByteArray())), hex(payload->ownerCti));
                verdict.role = GrantRole::Viewer;
                return {};
            }
            return QStringLiteral("unknown claim role \"%1\"").arg(claim.role);
        })) {
        verdict.role = GrantRole::None;
        return verdict;
    }

    // 14 outside_ownership_window
    if (!checks.run(Reason::OutsideOwnershipWindow, [&]() -> QString {
            if (!claim.windowContains(floorDiv(payload->timestampMs, 1000)))
                return QStringLiteral("captured outside the claim's window");
            return {};
        })) {
        verdict.role = GrantRole::None;
        return verdict;
    }

    // 15 foreign_owner
    if (!checks.run(Reason::ForeignOwner,
                    [&]() -> QString { return foreignOwner(claim, request.userId); })) {
        verdict.role = GrantRole::None;
        return verdict;
    }

    verdict.reason = Reason::None;
    verdict.detail.clear();
    verdict.mediaPending = request.media == nullptr;
    if (held) {
        held->deviceChain = chain;
        held->x5chainSha256 = fingerprints(headers->x5chain);
        held->claim = checked;
    }
    return verdict;
}

} // namespace vf::trust
