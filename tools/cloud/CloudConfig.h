#pragma once
// How a reference cloud runs: the flags of `veriframe-cloud` (automation.md), also filled in
// directly by the app and the tests when they host the cloud in-process.
#include "CrowdSpec.h"
#include "FaultPlan.h"
#include "SessionPolicy.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>

#include <optional>

namespace vf::cloud {

struct CloudConfig {
    // The demo world's size (--events-per-camera, --clips-per-camera).
    static constexpr int kDefaultEventsPerCamera = 50;
    static constexpr int kMaxEventsPerCamera = 100'000;
    static constexpr int kAllClips = -1;
    // --revocation-padding N (cloud-api.md §6 v2): N random 32-byte entries added to every
    // revocation list. Each is a 34-byte CBOR bstr, so the maximum pads the payload to
    // 3.4 MB, leaving ~0.79 MB of the client's 4 MiB limit (trust.md §2 v2) for the COSE
    // envelope (~1 KB) and ~23,000 real revocations.
    static constexpr int kMaxRevocationPadding = 100'000;

    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 0; // 0: the system picks a free port
    QString dataDir;
    bool demo = false;
    quint64 seed = 1;
    // Events per camera, 1..kMaxEventsPerCamera, spread over the last seven days.
    int eventsPerCamera = kDefaultEventsPerCamera;
    // kAllClips: every event but sound ones has a clip. N >= 0: only the N newest non-sound
    // events of each camera have one; the others list clip null and attest no clip.
    int clipsPerCamera = kAllClips;
    // --fresh-pki: mint a PKI of the world's own instead of the bundled demo PKI (whose roots
    // the app trusts by default). A world built with the other kind is rebuilt.
    bool freshPki = false;
    // --crowd USERS:CAMERAS:EVENTS[:HEAVY]: accounts and cameras added to the demo world.
    CrowdSpec crowd;
    int revocationPadding = 0; // 0..kMaxRevocationPadding
    FaultPlan faults; // the plan at start; CloudHost::setFaultPlan replaces it while running
    // --token-ttl SECONDS; in-process hosts (tests) may also give it a clock of their own.
    SessionPolicy sessions;

    // A nested type could not hold an optional of its (then incomplete) enclosing class.
    struct ParseResult;

    // arguments without the program name:
    // --listen HOST:PORT --data DIR [--demo] [--seed N] [--fault SPEC]
    // [--events-per-camera N] [--clips-per-camera N] [--revocation-padding N]
    // [--token-ttl SECONDS]
    static ParseResult fromArguments(const QStringList &arguments);
    static QString usage();

    // Why the world size is out of range, or empty (checked by fromArguments and again by
    // the world builder, for configs filled in directly).
    QString worldSizeProblem() const;
    // Why revocationPadding is out of range, or empty (checked likewise).
    QString revocationPaddingProblem() const;
};

struct CloudConfig::ParseResult {
    std::optional<CloudConfig> config;
    QString error;     // set when config is empty and help is false
    bool help = false; // --help: print usage(), exit 0
};

} // namespace vf::cloud
