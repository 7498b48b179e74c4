#include "CloudServer.h"

#include "CloudApi.h"
#include "CloudDatabase.h"
#include "DemoWorldBuilder.h"
#include "RevocationAuthority.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QtConcurrent>

namespace vf::cloud {

namespace {

void writeReply(QHttpServerResponder &responder, const CloudReply &reply) {
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    if (reply.status != 204) {
        responder.writeHeader("Content-Type", reply.contentType);
        responder.writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    }
    for (const auto &h : reply.headers)
        responder.writeHeader(h.first, h.second);
    responder.writeBody(reply.body);
}

// The drip fault: status line, headers and the first byte now, then one byte per interval
// until the body is out or the client hangs up. The responder stays alive meanwhile.
void writeDripping(const std::shared_ptr<QHttpServerResponder> &responder, QTcpSocket *socket,
                   const CloudReply &reply, int intervalMs) {
    responder->writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder->writeHeader("Content-Type", reply.contentType);
    responder->writeHeader("Content-Length", QByteArray::number(reply.body.size()));
    for (const auto &h : reply.headers)
        responder->writeHeader(h.first, h.second);
    responder->writeBody(reply.body.left(1));
    auto *timer = new QTimer(socket);
    auto sent = std::make_shared<qsizetype>(1);
    QObject::connect(timer, &QTimer::timeout, socket, [responder, socket, timer, sent, reply] {
        if (*sent >= reply.body.size() || socket->state() != QAbstractSocket::ConnectedState) {
            timer->deleteLater();
            return;
        }
        responder->writeBody(reply.body.mid(*sent, 1));
        ++*sent;
    });
    timer->start(intervalMs);
}

// A handler that throws answers 500 instead of leaving the client waiting forever.
CloudReply guarded(const std::function<CloudReply(const ApiRequest &)> &handler,
                   const ApiRequest &request) {
    try {
        return handler(request);
    } catch (const std::exception &e) {
        return CloudReply::error(
            500, QStringLiteral("internal error: %1").arg(QString::fromLocal8Bit(e.what())));
    } catch (...) {
        return CloudReply::error(500, QStringLiteral("internal error"));
    }
}

} // namespace

CloudServer::CloudServer(CloudConfig config, QObject *parent)
    : CloudServer(config, std::make_shared<LiveFaultPlan>(config.faults), parent) {}

CloudServer::CloudServer(CloudConfig config, std::shared_ptr<LiveFaultPlan> faults, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_faults(faults ? std::move(faults) : std::make_shared<LiveFaultPlan>(m_config.faults))
    , m_http(new QHttpServer(this)) {
    m_pool.setMaxThreadCount(kWorkerThreads);
    // Workers keep their SQLite connection for the server's lifetime; a thread that expired
    // would leave its connection behind, so they never expire.
    m_pool.setExpiryTimeout(-1);
}

CloudServer::~CloudServer() {
    // Stop accepting, then let running handlers finish before the API they use goes away.
    delete m_http;
    m_http = nullptr;
    m_pool.waitForDone();
    m_api.reset();
    m_database.reset();
}

QString CloudServer::start() {
    if (const QString problem = m_config.sessions.problem(); !problem.isEmpty())
        return problem;
    m_database =
        std::make_unique<CloudDatabase>(m_config.dataDir + QStringLiteral("/cloud.sqlite"));
    QString error;
    DemoWorldBuilder builder(*m_database, m_config.dataDir,
                             DemoWorldBuilder::Settings::from(m_config));
    auto world = builder.ensure(m_config.demo, &error);
    if (!world)
        return error;
    m_world = std::move(*world);
    m_api = std::make_unique<CloudApi>(*m_database, m_config.dataDir, m_world, m_faults,
                                       m_config.sessions);
    m_api->setTraffic(&m_traffic);
    addRoutes();
    const quint16 port = m_http->listen(m_config.address, m_config.port);
    if (port == 0)
        return QStringLiteral("cannot listen on %1:%2")
            .arg(m_config.address.toString())
            .arg(m_config.port);
    m_url = QUrl(QStringLiteral("http://%1:%2")
                     .arg(m_config.address.protocol() == QAbstractSocket::IPv6Protocol
                              ? QStringLiteral("[%1]").arg(m_config.address.toString())
                              : m_config.address.toString())
                     .arg(port));
    return {};
}

QString CloudServer::publishRevocations(quint64 seq, const QByteArray &cose) {
    QString error;
    if (!m_api)
        return QStringLiteral("not running");
    return m_api->publishRevocations(seq, cose, &error) ? QString() : error;
}

QString CloudServer::revoke(const QList<QByteArray> &certificateSha256s,
                            const QList<QByteArray> &claimCtis) {
    if (!m_api)
        return QStringLiteral("not running");
    QString error;
    RevocationAuthority authority(*m_database, m_world.pki, m_world.seed,
                                  m_config.revocationPadding);
    return authority.revoke({certificateSha256s, claimCtis}, &error) ? QString() : error;
}

QString CloudServer::publishConflictingRevocations() {
    if (!m_api)
        return QStringLiteral("not running");
    QString error;
    const RevocationAuthority authority(*m_database, m_world.pki, m_world.seed,
                                        m_config.revocationPadding);
    const auto twin = authority.conflictingTwin(&error);
    if (!twin)
        return error;
    m_api->serveConflictingRevocations(twin->seq, twin->cose);
    return {};
}

int CloudServer::storedReportCount(const QString &userId) const {
    return m_api ? m_api->reportCount(userId) : -1;
}

void CloudServer::addRoutes() {
    CloudApi *api = m_api.get();
    m_http->route(
        "/v1/session", [this, api](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
            dispatch(req, std::move(resp),
                     {{"POST", [api](const ApiRequest &r) { return api->login(r); }},
                      {"DELETE", [api](const ApiRequest &r) { return api->signOut(r); }}});
        });
    m_http->route("/v1/session/refresh", [this, api](const QHttpServerRequest &req,
                                                     QHttpServerResponder &&resp) {
        dispatch(req, std::move(resp),
                 {{"POST", [api](const ApiRequest &r) { return api->refreshSession(r); }}});
    });
    m_http->route("/v1/devices",
                  [this, api](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                      dispatch(req, std::move(resp),
                               {{"GET", [api](const ApiRequest &r) { return api->devices(r); }}});
                  });
    m_http->route("/v1/events",
                  [this, api](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                      dispatch(req, std::move(resp),
                               {{"GET", [api](const ApiRequest &r) { return api->events(r); }}});
                  });
    m_http->route("/v1/media/<arg>/<arg>", [this, api](const QString &eventId, const QString &role,
                                                       const QHttpServerRequest &req,
                                                       QHttpServerResponder &&resp) {
        dispatch(req, std::move(resp), {{"GET", [api, eventId, role](const ApiRequest &r) {
                                             return api->media(r, eventId, role);
                                         }}});
    });
    m_http->route("/v1/integrity-reports", [this, api](const QHttpServerRequest &req,
                                                       QHttpServerResponder &&resp) {
        dispatch(req, std::move(resp),
                 {{"POST", [api](const ApiRequest &r) { return api->fileReport(r); }},
                  {"GET", [api](const ApiRequest &r) { return api->listReports(r); }}});
    });
    m_http->route("/v1/trust/revocations", [this, api](const QHttpServerRequest &req,
                                                       QHttpServerResponder &&resp) {
        dispatch(req, std::move(resp),
                 {{"GET", [api](const ApiRequest &r) { return api->revocations(r); }}});
    });
    m_http->setMissingHandler([](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
        writeReply(resp, CloudReply::error(
                             404, QStringLiteral("no such endpoint: %1").arg(req.url().path())));
    });
}

void CloudServer::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                           const QList<Method> &methods) {
    ApiRequest r = ApiRequest::from(request, ++m_serial);
    ++m_traffic.requests;
    Handler handler;
    QByteArrayList allowed;
    for (const Method &m : methods) {
        allowed << m.name;
        if (m.name == r.method)
            handler = m.handler;
    }
    if (!handler) {
        CloudReply reply = CloudReply::error(
            405, QStringLiteral("%1 not allowed here").arg(QString::fromLatin1(r.method)));
        reply.headers << qMakePair(QByteArray("Allow"), allowed.join(", "));
        writeReply(responder, reply);
        return;
    }
    // The plan in force now decides every fault of this request, even if it is replaced
    // while a worker computes the answer.
    r.faults = m_faults->snapshot();
    if (FaultInjector::failsRequest(*r.faults, r.serial)) {
        CloudReply reply =
            CloudReply::error(503, QStringLiteral("service unavailable (injected fault)"));
        reply.headers << qMakePair(QByteArray("Retry-After"), QByteArray("1"));
        ++m_traffic.unavailable;
        writeReply(responder, reply);
        return;
    }
    // The responder writes to the connection's socket and must be used on this thread; it
    // waits here (shared, so the continuation stays copyable) while a worker computes the
    // reply. The client may hang up meanwhile: then the socket is gone and the reply dropped.
    const bool delayed = FaultInjector::delaysRequest(*r.faults, r.serial);
    const int delayMs = (delayed ? FaultPlan::kSlowDelayMs : 0) + r.faults->latencyMs();
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = shared->socket();
    // The answer comes back to this thread with a queued call, not a QFuture continuation:
    // under load Qt 6.4.2 ran a .then(this, ...) continuation twice and crashed
    // (QFutureInterfaceBase::reportStarted on a used promise).
    const int dripIntervalMs =
        FaultInjector::dripsRequest(*r.faults, r.serial) ? FaultPlan::kDripIntervalMs : 0;
    auto run = [this, r = std::move(r), handler, shared, socket, dripIntervalMs]() {
        m_pool.start([this, handler, r, shared, socket, dripIntervalMs]() {
            const CloudReply reply = guarded(handler, r);
            QMetaObject::invokeMethod(
                this,
                [shared, socket, reply, dripIntervalMs] {
                    if (!socket || !socket->isOpen())
                        return;
                    if (dripIntervalMs > 0 && reply.body.size() > 1)
                        writeDripping(shared, socket, reply, dripIntervalMs);
                    else
                        writeReply(*shared, reply);
                },
                Qt::QueuedConnection);
        });
    };
    if (delayMs > 0)
        QTimer::singleShot(delayMs, this, run);
    else
        run();
}

} // namespace vf::cloud
