#pragma once
// Runs a CloudServer on a thread of its own, so a GUI application can host the reference
// cloud in-process (its embedded default) without the cloud's work touching the UI thread.
// A cold demo world takes seconds to build: a GUI calls startAsync() and waits for started()
// or failed(); tools and tests may call the blocking start().
#include "CloudConfig.h"
#include "CloudTraffic.h"
#include "DemoWorld.h"
#include "TrustAnchors.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>

namespace vf::cloud {

class CloudServer;

class CloudHost : public QObject {
    Q_OBJECT
public:
    explicit CloudHost(CloudConfig config, QObject *parent = nullptr);
    ~CloudHost() override; // stops the server and joins its thread

    // Starts the thread and the server on it and waits until it listens. Empty on success,
    // else why not. Also emits started()/failed().
    QString start();
    // Returns at once; started() or failed() follows on this object's thread.
    void startAsync();
    // Stops the server (waiting for a start in progress) and joins the thread.
    void stop();

    bool isRunning() const { return m_server != nullptr; }
    QUrl url() const { return m_url; }
    // Valid while running; immutable while the server runs.
    const DemoWorld &world() const;

    // Replaces the fault plan in force: requests received after it returns are decided by
    // plan (a request already received keeps the plan it arrived under). Thread-safe: any
    // thread, running or not; it outlives stop() and applies to the next start() too.
    void setFaultPlan(const FaultPlan &plan);
    // As setFaultPlan, from a --fault spec with the host's seed, keeping the latency in
    // force; empty, or why spec is bad (the plan in force is then kept).
    QString setFaultSpec(const QString &spec);
    // The plan in force (a copy). Thread-safe.
    FaultPlan faultPlan() const;

    // Integrity reports the cloud stores for userId (every account's when empty): what
    // clients filed, duplicates counted once. -1 when not running. Call on the host's
    // thread (like start/stop); the count itself is read on that thread's own connection.
    int storedReportCount(const QString &userId) const;
    // What the cloud has delivered since it started (zeros when not running). Any thread.
    TrafficFigures traffic() const;

    // The trust anchors the cloud wrote to DIR/trust/ (automation.md), loaded as a client
    // loads them: from those local files, never over the network. Once started.
    QString deviceRootsPath() const;
    QString ownerAuthoritiesPath() const;
    vf::trust::TrustAnchors::LoadResult trustAnchors() const;
    // A newer revocation list (signed by the world's authority), served from now on. Any
    // thread: SQLite connections are per thread. Empty on success, else why not.
    QString publishRevocations(quint64 seq, const QByteArray &cose);
    // The cloud as revocation authority (cloud-api.md §6 v2), for tests; any thread, empty on
    // success, else why not. revoke publishes the next list (seq + 1, next = issued + 1 day,
    // padded with the --revocation-padding entries): the list in force plus these SHA-256
    // certificate fingerprints (camera leaves or intermediates) and claim ctis.
    QString revoke(const QList<QByteArray> &certificateSha256s,
                   const QList<QByteArray> &claimCtis = {});
    // revoke() of the world's device intermediate: every camera under it (trust.md §7 v2).
    QString revokeDeviceIntermediate();
    // The authority breaking trust.md §7 v2: from now until the next list is published (or
    // the cloud restarts), GET /v1/trust/revocations serves another payload under the seq in
    // force, the list in force without its revocations and issued a second later, signed by
    // the same authority. Never stored: the DB keeps one payload per seq.
    QString publishConflictingRevocations();

Q_SIGNALS:
    void started(const QUrl &url);
    void failed(const QString &error);

private:
    CloudServer *launch();
    QString finishStart(CloudServer *server, const QString &error);
    static void destroyOnItsThread(CloudServer *server);

    CloudConfig m_config;
    const std::shared_ptr<LiveFaultPlan> m_faults; // shared with the running server
    QThread m_thread;
    CloudServer *m_server = nullptr;   // running, lives on m_thread
    CloudServer *m_starting = nullptr; // start() in progress on m_thread
    QUrl m_url;
};

} // namespace vf::cloud
