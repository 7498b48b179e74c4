#pragma once
// Makes or reloads the world a cloud serves. A demo world (--demo) is built once per data
// dir, deterministically from the seed: the PKI (saved with TestPki::save under DIR/world),
// three accounts, six cameras with mixed ES256/Ed25519 keys, owner claims, a viewer share, a
// camera transferred three days before creation, and eventsPerCamera (default 50) events per
// camera over seven days, each with a real JPEG thumbnail and (but for sound events, and
// only for the clipsPerCamera newest when that is set) a fragmented H.264 clip, attested by
// its camera with the cti of the owner claim it held at capture. Later runs reuse it, unless
// it was built with other counts: then it is rebuilt (the seed alone never forces that).
#include "CloudConfig.h"
#include "CloudDatabase.h"
#include "DemoWorld.h"

#include <optional>

namespace vf::cloud {

class DemoWorldBuilder {
public:
    static constexpr int kEventsPerCamera = CloudConfig::kDefaultEventsPerCamera; // default
    static constexpr qint64 kHistoryMs = 7LL * 24 * 3600 * 1000;
    static constexpr qint64 kTransferAgoMs = 3LL * 24 * 3600 * 1000;
    static constexpr int kClipDurationMs = 2000;
    static constexpr int kClipFps = 10;

    struct Settings {
        quint64 seed = 1;
        int eventsPerCamera = kEventsPerCamera;      // 1..CloudConfig::kMaxEventsPerCamera
        int clipsPerCamera = CloudConfig::kAllClips; // -1: all; N: the N newest non-sound
        bool freshPki = false; // true: mint a PKI; false: the bundled demo PKI
        CrowdSpec crowd;
        int revocationPadding = 0; // 0..CloudConfig::kMaxRevocationPadding
        static Settings from(const CloudConfig &config) {
            return {config.seed,     config.eventsPerCamera, config.clipsPerCamera,
                    config.freshPki, config.crowd,           config.revocationPadding};
        }
    };

    DemoWorldBuilder(CloudDatabase &database, QString dataDir, Settings settings);
    DemoWorldBuilder(CloudDatabase &database, QString dataDir, quint64 seed)
        : DemoWorldBuilder(database, std::move(dataDir), Settings{seed}) {}

    // Loads what DIR holds; builds the demo content when demo is set and DIR has none (or
    // one of other counts: wiped and rebuilt, with a warning), or just a PKI (no accounts)
    // otherwise. Publishes the revocation list (RevocationAuthority::ensurePublished, padded
    // with revocationPadding entries). Then writes DIR/trust/*.pem and DIR/users.json.
    std::optional<DemoWorld> ensure(bool demo, QString *error);

    // The user ID of a demo account: stable for a seed, so worlds built with the same seed
    // name their accounts alike.
    static QString userIdFor(const QString &username, quint64 seed);

    // The demo PKI shipped in tools/cloud/demo-pki (compiled in): its roots are the anchors
    // the app bundles (resources/trust), so an app started with --server alone trusts a demo
    // cloud. Its private keys are public: demo only. nullopt only if the build lost it.
    static std::optional<pki::TestPki> bundledDemoPki();

private:
    std::optional<DemoWorld> load(QString *error);
    bool build(DemoWorld &world, bool demo, QString *error);
    bool writeFiles(const DemoWorld &world, QString *error) const;
    bool ensureRevocations(const DemoWorld &world, QString *error);

    CloudDatabase &m_db;
    QString m_dataDir;
    quint64 m_seed;
    int m_eventsPerCamera;
    int m_clipsPerCamera;
    bool m_freshPki;
    CrowdSpec m_crowd;
    int m_revocationPadding;
};

} // namespace vf::cloud
