// Per-item verification cost against the crypto floor, measured side by side in one run.
//   floor: one signature verify with the same OpenSSL (same algorithm as the camera) plus
//          the SHA-256 of a 40 KB thumbnail: what any verifying client must pay per item.
//   warm:  the whole §6 verification with the device chain and claim in the memo
//          (the steady state: many events per camera and claim).
//   cold:  the whole verification with an empty memo (first event of a camera).
// Rounds alternate floor / warm / cold so that drift hits all three alike; medians are
// printed with their ratio to the floor and the goal (warm <= 1.3x, cold <= 3.5x).
#include "TestWorld.h"

#include "CoseSign1.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>

using namespace vf;
using namespace vf::test;

namespace {
double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

template <typename F> double timeIt(int n, F &&f) {
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < n; ++i)
        f();
    return double(t.nsecsElapsed()) / 1000.0 / n; // microseconds per call
}

struct Figures {
    double floor, warm, cold;
};

Figures measure(const pki::DeviceIdentity &camera, int rounds, int perRound) {
    TestWorld &world = TestWorld::instance();
    EventFixture e = world.ownerEvent(camera);
    e.freeze();
    const trust::VerificationRequest request = e.request();

    // The floor: the attestation's own signature check and the thumbnail hash, bare OpenSSL.
    const trust::CoseSign1 message =
        *trust::decodeCoseSign1(request.attestation, trust::CoseTags::Sign1).message;
    const qint64 alg = camera.key.coseAlg();
    EVP_PKEY *key = camera.key.get();
    volatile bool sink = false;

    trust::VerificationMemo memo;
    trust::AttestationVerifier warmVerifier(world.anchors, &memo);
    if (!warmVerifier.verify(request).verified()) {
        std::fprintf(stderr, "bench setup: the event does not verify\n");
        std::exit(1);
    }
    std::vector<double> floors, warms, colds;
    for (int r = 0; r < rounds; ++r) {
        floors.push_back(timeIt(perRound, [&] {
            sink = trust::verifyCoseSignature(message, key, alg) &&
                   !trust::sha256(e.thumbnail).isEmpty();
        }));
        warms.push_back(timeIt(perRound, [&] { sink = warmVerifier.verify(request).verified(); }));
        colds.push_back(timeIt(perRound, [&] {
            trust::VerificationMemo fresh(16, 16);
            trust::AttestationVerifier coldVerifier(world.anchors, &fresh);
            sink = coldVerifier.verify(request).verified();
        }));
    }
    (void)sink;
    return {median(floors), median(warms), median(colds)};
}

void print(const char *name, const Figures &f) {
    std::printf("%-8s floor %7.1f us | warm %7.1f us = %4.2fx (goal <= 1.30) %s | cold %7.1f us = "
                "%4.2fx (goal <= 3.50) %s\n",
                name, f.floor, f.warm, f.warm / f.floor, f.warm / f.floor <= 1.3 ? "met" : "MISSED",
                f.cold, f.cold / f.floor, f.cold / f.floor <= 3.5 ? "met" : "MISSED");
}
} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int rounds = quick ? 3 : 15;
    const int perRound = quick ? 20 : 200;
    TestWorld &world = TestWorld::instance();
    std::printf(
        "bench_trust: per-item verification vs the crypto floor (%d rounds x %d, medians)\n",
        rounds, perRound);
    print("ES256", measure(world.cameraP256, rounds, perRound));
    print("EdDSA", measure(world.cameraEd25519, rounds, perRound));
    return 0;
}
