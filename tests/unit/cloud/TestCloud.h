#pragma once
// A reference cloud hosted in-process for a test (CloudHost on its own thread, port 0) plus
// a client and the demo accounts' sessions.
#include "CloudHost.h"
#include "CloudTestClient.h"

#include <QHash>

#include <memory>

namespace vf::cloud::test {

class TestCloud {
public:
    static constexpr quint64 kSeed = 7;

    // Starts a demo cloud on dataDir (built on first use, reused after). Empty on success.
    // freshPki: a PKI of the world's own rather than the bundled demo PKI (CloudConfig).
    QString start(const QString &dataDir, const QString &faultSpec = {}, quint64 seed = kSeed,
                  bool freshPki = false);
    // As start(), with a config of the caller's (its data dir, demo flag, sizes, padding...).
    QString start(CloudConfig config);
    void stop();

    CloudHost &host() { return *m_host; }
    CloudTestClient &client() { return *m_client; }
    const DemoWorld &world() const { return m_host->world(); }
    QString userId(const QString &username) const;

    // A logged-in session per demo account (cached; logs in on first use).
    Session session(const QString &username);

private:
    std::unique_ptr<CloudHost> m_host;
    std::unique_ptr<CloudTestClient> m_client;
    QHash<QString, Session> m_sessions;
};

} // namespace vf::cloud::test
