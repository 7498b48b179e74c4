#include "CloudHost.h"

#include "CloudServer.h"

#include <QMetaObject>
#include <QPointer>

namespace vf::cloud {

CloudHost::CloudHost(CloudConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_faults(std::make_shared<LiveFaultPlan>(m_config.faults)) {
    m_thread.setObjectName(QStringLiteral("veriframe-cloud"));
}

CloudHost::~CloudHost() {
    stop();
}

CloudServer *CloudHost::launch() {
    m_thread.start();
    auto *server = new CloudServer(m_config, m_faults);
    server->moveToThread(&m_thread);
    m_starting = server;
    return server;
}

QString CloudHost::start() {
    if (m_server || m_starting)
        return QStringLiteral("already running");
    CloudServer *server = launch();
    QString error;
    QMetaObject::invokeMethod(
        server, [server, &error]() { error = server->start(); }, Qt::BlockingQueuedConnection);
    return finishStart(server, error);
}

void CloudHost::startAsync() {
    if (m_server || m_starting) {
        Q_EMIT failed(QStringLiteral("already running"));
        return;
    }
    CloudServer *server = launch();
    QPointer<CloudHost> self(this);
    QMetaObject::invokeMethod(server, [self, server]() {
        const QString error = server->start();
        // Back on the host's thread; dropped if the host is gone (its stop() has then
        // waited for this start and destroyed the server).
        if (self)
            QMetaObject::invokeMethod(
                self.data(), [self, server, error]() { self->finishStart(server, error); },
                Qt::QueuedConnection);
    });
}

QString CloudHost::finishStart(CloudServer *server, const QString &error) {
    if (server != m_starting)
        return QStringLiteral("stopped while starting"); // stop() already destroyed it
    m_starting = nullptr;
    if (!error.isEmpty()) {
        destroyOnItsThread(server);
        m_thread.quit();
        m_thread.wait();
        Q_EMIT failed(error);
        return error;
    }
    m_server = server;
    m_url = server->url();
    Q_EMIT started(m_url);
    return {};
}

void CloudHost::destroyOnItsThread(CloudServer *server) {
    // Queued behind a start() still running there, so it also waits for that to end.
    QMetaObject::invokeMethod(
        server, [server]() { delete server; }, Qt::BlockingQueuedConnection);
}

void CloudHost::stop() {
    for (CloudServer **slot : {&m_server, &m_starting}) {
        if (CloudServer *server = *slot) {
            *slot = nullptr;
            destroyOnItsThread(server);
        }
    }
    m_url.clear();
    if (m_thread.isRunning()) {
        m_thread.quit();
        m_thread.wait();
    }
}

const DemoWorld &CloudHost::world() const {
    static const DemoWorld kNone;
    return m_server ? m_server->world() : kNone;
}

void CloudHost::setFaultPlan(const FaultPlan &plan) {
    m_faults->set(plan);
}

QString CloudHost::setFaultSpec(const QString &spec) {
    QString error;
    auto plan = FaultPlan::parse(spec, m_config.seed, &error);
    if (!plan)
        return error;
    plan->setLatencyMs(faultPlan().latencyMs()); // the network stays what it was
    setFaultPlan(*plan);
    return {};
}

FaultPlan CloudHost::faultPlan() const {
    return *m_faults->snapshot();
}

QString CloudHost::publishRevocations(quint64 seq, const QByteArray &cose) {
    return m_server ? m_server->publishRevocations(seq, cose) : QStringLiteral("not running");
}

QString CloudHost::revoke(const QList<QByteArray> &certificateSha256s,
                          const QList<QByteArray> &claimCtis) {
    return m_server ? m_server->revoke(certificateSha256s, claimCtis)
                    : QStringLiteral("not running");
}

QString CloudHost::revokeDeviceIntermediate() {
    return m_server ? m_server->revoke({world().pki.deviceIntermediate.cert.sha256()}, {})
                    : QStringLiteral("not running");
}

QString CloudHost::publishConflictingRevocations() {
    return m_server ? m_server->publishConflictingRevocations() : QStringLiteral("not running");
}

QString CloudHost::deviceRootsPath() const {
    return m_config.dataDir + QStringLiteral("/trust/device-roots.pem");
}

QString CloudHost::ownerAuthoritiesPath() const {
    return m_config.dataDir + QStringLiteral("/trust/owner-authorities.pem");
}

vf::trust::TrustAnchors::LoadResult CloudHost::trustAnchors() const {
    return vf::trust::TrustAnchors::fromFiles(deviceRootsPath(), ownerAuthoritiesPath());
}

int CloudHost::storedReportCount(const QString &userId) const {
    return m_server ? m_server->storedReportCount(userId) : -1;
}

TrafficFigures CloudHost::traffic() const {
    return m_server ? m_server->traffic() : TrafficFigures{};
}

} // namespace vf::cloud
