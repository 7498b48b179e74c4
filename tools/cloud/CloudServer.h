#pragma once
// The reference cloud on one thread: QHttpServer routes in front of CloudApi. The server's
// thread only parses requests and writes answers; every handler runs on a worker pool and
// its reply comes back to this thread through a QFuture continuation, so a slow listing or a
// large clip never holds up the other connections.
#include "ApiRequest.h"
#include "CloudConfig.h"
#include "CloudReply.h"
#include "CloudTraffic.h"
#include "DemoWorld.h"

#include <QObject>
#include <QThreadPool>
#include <QUrl>

#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

namespace vf::cloud {

class CloudApi;
class CloudDatabase;

class CloudServer : public QObject {
    Q_OBJECT
public:
    // Threads answering requests: SQLite reads and file reads block, so a few more than the
    // cores keep the CPUs busy while some wait.
    static constexpr int kWorkerThreads = 6;

    explicit CloudServer(CloudConfig config, QObject *parent = nullptr);
    // faults: the plan in force, shared with the caller (CloudHost), who may replace it at any
    // time; config.faults is ignored then.
    CloudServer(CloudConfig config, std::shared_ptr<LiveFaultPlan> faults,
                QObject *parent = nullptr);
    ~CloudServer() override;

    // Opens DIR, builds or reuses the world, writes the trust files and listens. Empty on
    // success, else why the cloud cannot run. Call on the thread the server lives on.
    QString start();

    QUrl url() const { return m_url; }
    const DemoWorld &world() const { return m_world; }
    const CloudConfig &config() const { return m_config; } // faults: the plan at start

    // The fault plan for requests received after it returns. Any thread, any time.
    void setFaultPlan(const FaultPlan &plan) { m_faults->set(plan); }
    FaultPlan faultPlan() const { return *m_faults->snapshot(); }

    // Integrity reports stored (for userId; every account's when empty); -1 when not started
    // or on a database error. Any thread once start() has returned.
    int storedReportCount(const QString &userId) const;
    // What has been delivered so far. Any thread.
    TrafficFigures traffic() const { return m_traffic.figures(); }
    // Serves cose as the revocation list from now on; empty on success, else why not.
    QString publishRevocations(quint64 seq, const QByteArray &cose);
    // As the authority (RevocationAuthority): publishes seq + 1 with these certificate
    // fingerprints and claim ctis added, padded as at start. Empty on success, else why not.
    QString revoke(const QList<QByteArray> &certificateSha256s, const QList<QByteArray> &claimCtis);
    // Serves a conflicting same-seq list until the next list is published or a restart.
    QString publishConflictingRevocations();

private:
    using Handler = std::function<CloudReply(const ApiRequest &)>;
    struct Method {
        QByteArray name;
        Handler handler;
    };

    void addRoutes();
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                  const QList<Method> &methods);

    CloudConfig m_config;
    std::shared_ptr<LiveFaultPlan> m_faults; // never null
    DemoWorld m_world;
    std::unique_ptr<CloudDatabase> m_database;
    std::unique_ptr<CloudApi> m_api;
    // Declared after the API: destroyed (and joined) before it, so no worker outlives it.
    QThreadPool m_pool;
    QHttpServer *m_http = nullptr; // child of this
    quint64 m_serial = 0;
    CloudTraffic m_traffic;
    QUrl m_url;
};

} // namespace vf::cloud
