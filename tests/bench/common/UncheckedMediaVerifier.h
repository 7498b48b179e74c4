#pragma once
// The benchmarks' stand-in for the verifier: it checks NOTHING and says every item may be
// shown to the account that asked, in exactly the form MediaCache::storeVerified accepts
// (verified, claim subject = the account, SHA-256 and length of these bytes). It exists only
// to measure what the checks cost inside the same pipeline (given through
// ClientOptions::verifierForBenchmarks or EventSync's context). It lives in tests/bench and
// must never be linked into the app, the client core or any other target.
#include "MediaVerifier.h"
#include "OpenSsl.h"

namespace vf::bench {

class UncheckedMediaVerifier final : public vf::sync::MediaVerifier {
public:
    vf::trust::Verdict verify(const vf::trust::VerificationRequest &request) const override {
        vf::trust::Verdict v;
        v.reason = vf::trust::Reason::None;
        v.role = vf::trust::GrantRole::Owner;
        v.mediaPending = request.media == nullptr;
        v.evidence.attestedEventId = request.eventId;
        v.evidence.attestedDeviceId = request.deviceId;
        v.evidence.claimSubject = request.userId;
        v.evidence.claimDeviceId = request.deviceId;
        v.evidence.claimRole = QStringLiteral("owner");
        if (request.media) {
            vf::trust::MediaDescriptor media;
            media.role = request.role;
            media.type = QStringLiteral("image/jpeg");
            media.length = request.media->size();
            media.sha256 = vf::trust::sha256(*request.media);
            v.evidence.observedSha256 = media.sha256;
            v.evidence.observedLength = media.length;
            v.evidence.attestedMedia = media;
        }
        return v;
    }
};

} // namespace vf::bench
