// Per-item verification cost against the crypto floor, measured side by side in one run.
//   floor:      one signature verify with the same OpenSSL (same algorithm as the camera)
//               plus the SHA-256 of a 40 KB thumbnail: what any verifying client pays.
//   warm:       the whole §6 verification of a new event (its own attestation) with the
//               device chain and claim in the memo (the steady state at sync: many events
//               per camera and claim).
//   display:    the same bytes verified again for the same account, as the display gate does
//               at every display: served from the held verdict (no signature check), against
//               the display floor, the SHA-256 of the thumbnail alone.
//   new camera: first event of a camera and claim never seen before (its own leaf and
//               claim), in a client that has already seen other cameras of the vendor and
//               claims of the authority (intermediate and authority chain validated).
//   cold:       empty memo and empty certificate cache: every certificate parsed, every
//               path validated (the first event after start-up).
// Rounds alternate the measurements so that drift hits all alike; medians are printed with
// their ratio to the floor and the goals (warm <= 1.3x, cold <= 3.5x, display <= 1.3x the
// hash).
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
    double floor, warm, newCamera, cold, hashFloor, display;
};

// --only warm|new|cold: run one path alone, for profiling under callgrind.
QString g_only;

// Events of cameras never seen before: each has its own leaf certificate and owner claim.
QList<trust::VerificationRequest> newCameraEvents(pki::KeyType type, int count,
                                                  QList<EventFixture> &keepAlive) {
    TestWorld &world = TestWorld::instance();
    QList<trust::VerificationRequest> requests;
    for (int i = 0; i < count; ++i) {
        const pki::DeviceIdentity camera =
            world.pki.makeDevice(QStringLiteral("cam-bench-%1").arg(i), type);
        keepAlive.append(world.ownerEvent(camera));
        keepAlive.last().freeze();
    }
    for (EventFixture &e : keepAlive)
        requests.append(e.request());
    return requests;
}

// Other events of e's camera under e's claim: each its own attestation.
QList<trust::VerificationRequest> sameCameraEvents(const EventFixture &e, int count,
                                                   QList<EventFixture> &keepAlive) {
    QList<trust::VerificationRequest> requests;
    for (int i = 0; i < count; ++i) {
        EventFixture next = e;
        next.attestationBytes.reset();
        next.listedEventId = next.attestation.eventId = QStringLiteral("evt-bench-%1").arg(i);
        keepAlive.append(next);
        keepAlive.last().freeze();
    }
    for (EventFixture &event : keepAlive)
        requests.append(event.request());
    return requests;
}

Figures measure(const pki::DeviceIdentity &camera, int rounds, int perRound) {
    TestWorld &world = TestWorld::instance();
    EventFixture e = world.ownerEvent(camera);
    e.freeze();
    const trust::VerificationRequest request = e.request();
    QList<EventFixture> fixtures;
    const QList<trust::VerificationRequest> fresh =
        newCameraEvents(camera.key.type(), rounds * perRound, fixtures);
    QList<EventFixture> sameCameraFixtures;
    const QList<trust::VerificationRequest> events =
        sameCameraEvents(e, rounds * perRound, sameCameraFixtures);

    // The floor: the attestation's own signature check and the thumbnail hash, bare OpenSSL.
    const trust::CoseSign1 message =
        *trust::decodeCoseSign1(request.attestation, trust::CoseTags::Sign1).message;
    const qint64 alg = camera.key.coseAlg();
    EVP_PKEY *key = camera.key.get();
    volatile bool sink = false;

    trust::VerificationMemo memo;
    trust::AttestationVerifier warmVerifier(world.anchors, &memo);
    if (!warmVerifier.verify(request).verified() ||
        !warmVerifier.verify(fresh.first()).verified()) {
        std::fprintf(stderr, "bench setup: the events do not verify\n");
        std::exit(1);
    }
    // A long-running client: the memo persists, so the authority's chain (shared by every
    // claim) is known; each camera's own chain and claim are not.
    trust::VerificationMemo newCameraMemo;
    trust::AttestationVerifier newCameraVerifier(world.anchors, &newCameraMemo);
    const auto cold = [&] {
        trust::clearParsedCertificateCache();
        trust::VerificationMemo empty(16, 16);
        sink = trust::AttestationVerifier(world.anchors, &empty).verify(request).verified();
    };
    int next = 0;
    int nextEvent = 0;
    std::vector<double> floors, warms, newCameras, colds, hashFloors, displays;
    for (int r = 0; r < rounds; ++r) {
        if (g_only == QLatin1String("cold")) {
            colds.push_back(timeIt(perRound, cold));
            continue;
        }
        if (g_only == QLatin1String("new")) {
            newCameras.push_back(timeIt(
                perRound, [&] { sink = newCameraVerifier.verify(fresh.at(next++)).verified(); }));
            continue;
        }
        if (g_only == QLatin1String("warm")) {
            warms.push_back(timeIt(
                perRound, [&] { sink = warmVerifier.verify(events.at(nextEvent++)).verified(); }));
            continue;
        }
        if (g_only == QLatin1String("display")) {
            displays.push_back(
                timeIt(perRound, [&] { sink = warmVerifier.verify(request).verified(); }));
            continue;
        }
        floors.push_back(timeIt(perRound, [&] {
            sink = trust::verifyCoseSignature(message, key, alg) &&
                   !trust::sha256(e.thumbnail).isEmpty();
        }));
        warms.push_back(timeIt(
            perRound, [&] { sink = warmVerifier.verify(events.at(nextEvent++)).verified(); }));
        hashFloors.push_back(
            timeIt(perRound, [&] { sink = !trust::sha256(e.thumbnail).isEmpty(); }));
        displays.push_back(
            timeIt(perRound, [&] { sink = warmVerifier.verify(request).verified(); }));
        newCameras.push_back(timeIt(
            perRound, [&] { sink = newCameraVerifier.verify(fresh.at(next++)).verified(); }));
        colds.push_back(timeIt(perRound, cold));
    }
    (void)sink;
    return {median(floors), median(warms),      median(newCameras),
            median(colds),  median(hashFloors), median(displays)};
}

const char *verdict(double ratio, double goal) {
    return ratio <= goal ? "met" : "MISSED";
}

void print(const char *name, const Figures &f) {
    std::printf("%s  floor %6.1f us\n", name, f.floor);
    std::printf("%s  warm (new event)    %7.1f us = %5.2fx floor (goal <= 1.30: %s)\n", name,
                f.warm, f.warm / f.floor, verdict(f.warm / f.floor, 1.3));
    std::printf("%s  new camera          %7.1f us = %5.2fx floor (goal <= 3.50: %s)\n", name,
                f.newCamera, f.newCamera / f.floor, verdict(f.newCamera / f.floor, 3.5));
    std::printf("%s  cold (all parsed)   %7.1f us = %5.2fx floor (goal <= 3.50: %s)\n", name,
                f.cold, f.cold / f.floor, verdict(f.cold / f.floor, 3.5));
    std::printf("%s  display (held)      %7.1f us = %5.2fx the thumbnail's SHA-256 (%.1f us; "
                "goal <= 1.30: %s)\n",
                name, f.display, f.display / f.hashFloor, f.hashFloor,
                verdict(f.display / f.hashFloor, 1.3));
}
} // namespace

int main(int argc, char *argv[]) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const qsizetype only = app.arguments().indexOf(QStringLiteral("--only"));
    if (only > 0 && only + 1 < app.arguments().size())
        g_only = app.arguments().at(only + 1);
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
