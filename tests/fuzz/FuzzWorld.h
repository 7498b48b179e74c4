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

// The revocation list the fuzzers' book holds before each input (seq kHeldRevocationSeq),
// and fuzz_seeds's lists: one revoked device fingerprint and one claim ID made of seq's byte.
inline constexpr quint64 kHeldRevocationSeq = 2;
inline constexpr qint64 kMaxRevocationBytes = 4LL * 1024 * 1024; // trust.md §2 v2
inline pki::RevocationPayload seedRevocations(quint64 seq, qint64 issuedSeconds) {
    pki::RevocationPayload list;
    list.seq = seq;
    list.issued = issuedSeconds;
    list.devices << QByteArray(32, char(seq));
    list.claims << QByteArray(16, char(seq));
    return list;
}

} // namespace vf::fuzz
