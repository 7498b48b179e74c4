// libFuzzer target: the whole §6 verifier (attestation, claim, media, user) against a fixed
// PKI, and the streaming clip verifier on whatever it authorises. Besides memory safety it
// asserts the one property that matters: nothing is verified for an account the claim does
// not name, and only bytes whose hash the camera signed come out.
#include "ClipStreamVerifier.h"
#include "FuzzInput.h"
#include "FuzzWorld.h"

#include <cstdlib>

using namespace vf;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const auto input = fuzz::decode(
        QByteArrayView(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size)));
    if (!input)
        return 0;
    fuzz::World &w = fuzz::world();
    static trust::VerificationMemo memo(64, 64);
    trust::AttestationVerifier verifier(w.anchors, &memo);

    trust::VerificationRequest request;
    request.eventId = QString::fromLatin1(fuzz::kEvent);
    request.deviceId = QString::fromLatin1(fuzz::kDevice);
    request.attestation = input->attestation;
    request.claim = input->claim;
    request.role = (input->flags & 1) ? trust::MediaRole::Clip : trust::MediaRole::Thumbnail;
    request.media = (input->flags & 4) ? nullptr : &input->media;
    request.userId = QString::fromLatin1((input->flags & 2) ? fuzz::kViewer : fuzz::kOwner);
    request.nowMs = w.nowMs;
    const trust::Verdict verdict = verifier.verify(request);

    if (verdict.verified()) {
        if (verdict.evidence.claimSubject != request.userId ||
            verdict.evidence.observedSha256 != verdict.evidence.attestedMedia->sha256)
            std::abort(); // verified for someone else, or bytes the camera did not sign
    }
    if (verdict.authorisedForStream()) {
        trust::ClipStreamVerifier stream(*verdict.evidence.attestedMedia);
        QByteArray released;
        for (qsizetype at = 0; at < input->media.size(); at += 4096)
            released +=
                stream.feed(QByteArrayView(input->media)
                                .sliced(at, std::min<qsizetype>(4096, input->media.size() - at)));
        released += stream.finish();
        if (stream.state() == trust::ClipStreamVerifier::State::Complete &&
            released != input->media)
            std::abort();
    }
    return 0;
}
