#include "TestCloud.h"

namespace vf::cloud::test {

QString TestCloud::start(const QString &dataDir, const QString &faultSpec, quint64 seed,
                         bool freshPki) {
    stop();
    CloudConfig config;
    config.dataDir = dataDir;
    config.demo = true;
    config.seed = seed;
    config.freshPki = freshPki;
    QString error;
    const auto plan = FaultPlan::parse(faultSpec, seed, &error);
    if (!plan)
        return error;
    config.faults = *plan;
    return start(std::move(config));
}

QString TestCloud::start(CloudConfig config) {
    stop();
    m_host = std::make_unique<CloudHost>(std::move(config));
    const QString error = m_host->start();
    if (!error.isEmpty())
        return error;
    m_client = std::make_unique<CloudTestClient>(m_host->url());
    return {};
}

void TestCloud::stop() {
    m_sessions.clear();
    m_client.reset();
    m_host.reset();
}

QString TestCloud::userId(const QString &username) const {
    const DemoUser *u = m_host->world().user(username);
    return u ? u->userId : QString();
}

Session TestCloud::session(const QString &username) {
    if (!m_sessions.contains(username)) {
        const DemoUser *u = m_host->world().user(username);
        if (!u)
            return {};
        if (const auto s = m_client->login(u->username, u->password))
            m_sessions.insert(username, *s);
    }
    return m_sessions.value(username);
}

} // namespace vf::cloud::test
