#pragma once
// The PKI the fuzzers verify against: loaded from $VF_FUZZ_WORLD (written by fuzz_seeds, so
// the seed corpus chains to it), or made fresh when unset (the fuzzer then starts from
// unsigned inputs only).
#include "AttestationVerifier.h"
#include "TestPki.h"

#include <QDateTime>
#include <cstdlib>

namespace vf::fuzz {

struct World {
    pki::TestPki pki;
    std::shared_ptr<const trust::TrustAnchors> anchors;
    qint64 nowMs = 0;
};

inline World &world() {
    static World w = [] {
        World made;
        const char *dir = std::getenv("VF_FUZZ_WORLD");
        std::optional<pki::TestPki> loaded;
        if (dir)
            loaded = pki::TestPki::load(QString::fromLocal8Bit(dir));
        made.pki = loaded ? *loaded : pki::TestPki::create();
        made.anchors =
            trust::TrustAnchors::fromPem(made.pki.deviceRootsPem(), made.pki.ownerAuthoritiesPem())
                .anchors;
        // A fixed clock inside the world's validity keeps runs reproducible.
        made.nowMs =
            made.pki.authority.leaf.notBefore().toMSecsSinceEpoch() + 400LL * 24 * 3600 * 1000;
        return made;
    }();
    return w;
}

} // namespace vf::fuzz
