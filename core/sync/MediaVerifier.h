#pragma once
// What the pipeline asks before any bytes go on: "may these bytes be shown to this account?"
// The app has exactly one implementation, AttestationMediaVerifier (core/trust's verifier).
// The interface exists so that the benchmarks can measure the same pipeline with the checks
// taken out (ClientOptions::verifierForBenchmarks, which exists only in trees built with
// VERIFRAME_BENCH_SEAMS, never in the packaged app); the check-free stand-ins live in
// tests/bench/sync and tests/bench/app and are never linked into the app.
#include "AttestationVerifier.h"

namespace vf::sync {

class MediaVerifier {
public:
    virtual ~MediaVerifier() = default;
    // Thread-safe: called from the worker pool and the image provider's threads at once.
    virtual vf::trust::Verdict verify(const vf::trust::VerificationRequest &request) const = 0;
};

class AttestationMediaVerifier final : public MediaVerifier {
public:
    explicit AttestationMediaVerifier(const vf::trust::AttestationVerifier &verifier)
        : m_verifier(verifier) {}
    vf::trust::Verdict verify(const vf::trust::VerificationRequest &request) const override {
        return m_verifier.verify(request);
    }

private:
    const vf::trust::AttestationVerifier &m_verifier;
};

} // namespace vf::sync
