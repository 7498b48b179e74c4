// vf_storm: the reconnect storm of the incident, on one machine. A reference cloud (in this
// process, on its own thread) with a crowd of accounts and cameras that all came back at
// once, the incident's faults (mixup, claim-swap, thumb-swap) at high rates, and many
// headless clients (vf_storm_client) of different accounts syncing through it at the same
// time. Mid-run some clients are killed with SIGKILL and started again, and the cloud
// answers 503 to everything for a stretch. Then it checks, from the files the clients and
// the cloud leave behind:
//   - no client's image provider was handed a thumbnail that is not its account's, or not
//     the camera's exact bytes (every `displayed` line against the cloud's own records);
//   - every refusal in a client's audit log is stored exactly once by the cloud, and the
//     cloud stores nothing else for that account.
// It prints the figures (and writes them as JSON with --report) and exits 0 when both hold.
// Defaults are the small storm CI runs; --full is the documented storm of docs/storm.md.
#include "CloudHost.h"
#include "JsonLines.h"
#include "Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <map>
#include <memory>

using namespace vf;

namespace {

struct StormOptions {
    int users = 200;
    int cameras = 2000;
    int eventsPerCamera = 3;
    int clients = 20;
    int kills = 4;
    int outageMs = 4000;
    QString faults = QStringLiteral("mixup:0.3,claim-swap:0.2,thumb-swap:0.2");
    int timeoutS = 900;
    quint64 seed = 11;
};

struct Client {
    int index = 0;
    QString username, password, dataDir, log, summary;
    std::unique_ptr<QProcess> process;
    int starts = 0;
    int killed = 0;
    bool done = false;
    int exitCode = -1;
};

struct ReportKey {
    QString eventId, role, reason;
    bool operator<(const ReportKey &o) const {
        return std::tie(eventId, role, reason) < std::tie(o.eventId, o.role, o.reason);
    }
};

// What the cloud itself knows, read from its database once the storm is over.
class CloudRecords {
public:
    explicit CloudRecords(const QString &dataDir)
        : m_dataDir(dataDir) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("storm-check"));
        m_db.setDatabaseName(dataDir + QStringLiteral("/cloud.sqlite"));
        m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        m_db.open();
    }
    bool isOpen() const { return m_db.isOpen(); }

    // The events an account may see: those whose owner or viewer claim names it.
    QSet<QString> eventsOf(const QString &userId) {
        QSet<QString> out;
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT e.id FROM events e JOIN claims c ON c.unlocks = e.own_cti"
                                 " WHERE c.user_id = ?"));
        q.addBindValue(userId);
        if (q.exec())
            while (q.next())
                out.insert(q.value(0).toString());
        return out;
    }
    // SHA-256 (hex) of the thumbnail the camera made for eventId.
    QString thumbnailSha256(const QString &eventId) {
        QSqlQuery q(m_db);
        q.prepare(
            QStringLiteral("SELECT file FROM media WHERE event_id = ? AND role = 'thumbnail'"));
        q.addBindValue(eventId);
        if (!q.exec() || !q.next())
            return {};
        QFile f(m_dataDir + u'/' + q.value(0).toString());
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QString::fromLatin1(
            QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
    }
    // The reports stored for an account.
    QList<QJsonObject> reportsOf(const QString &userId) {
        QList<QJsonObject> out;
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT body FROM reports WHERE user_id = ?"));
        q.addBindValue(userId);
        if (q.exec())
            while (q.next())
                out << QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
        return out;
    }

private:
    QString m_dataDir;
    QSqlDatabase m_db;
};

class Storm : public QObject {
public:
    Storm(StormOptions o, QString dataDir, QString clientBin)
        : m_o(std::move(o))
        , m_dir(std::move(dataDir))
        , m_clientBin(std::move(clientBin)) {}

    // Builds the world and starts the cloud; empty on success.
    QString prepare() {
        cloud::CloudConfig config;
        config.dataDir = m_dir + QStringLiteral("/cloud");
        config.demo = true;
        config.seed = m_o.seed;
        config.eventsPerCamera = 2; // the six demo cameras stay small
        config.clipsPerCamera = 0;
        config.crowd = {m_o.users, m_o.cameras, m_o.eventsPerCamera, m_o.clients};
        QString error;
        const auto plan = cloud::FaultPlan::parse(m_o.faults, m_o.seed, &error);
        if (!plan)
            return QStringLiteral("--faults: %1").arg(error);
        config.faults = *plan;
        m_host = std::make_unique<cloud::CloudHost>(config);
        QElapsedTimer build;
        build.start();
        error = m_host->start();
        if (!error.isEmpty())
            return error;
        m_buildMs = build.elapsed();
        for (int i = 0; i < m_o.clients; ++i) {
            Client c;
            c.index = i;
            c.username = cloud::CrowdSpec::username(i);
            const cloud::DemoUser *user = m_host->world().user(c.username);
            if (!user)
                return QStringLiteral("the world has no account %1").arg(c.username);
            c.password = user->password;
            c.dataDir = QStringLiteral("%1/client-%2").arg(m_dir).arg(i);
            c.log = c.dataDir + QStringLiteral("/automation.jsonl");
            c.summary = c.dataDir + QStringLiteral("/summary.json");
            QDir().mkpath(c.dataDir);
            m_clients.push_back(std::move(c));
        }
        return {};
    }

    // Runs the storm; quits the event loop when every client is done (or on timeout).
    void run() {
        m_clock.start();
        std::printf("storm: %d clients coming back at once\n", int(m_clients.size()));
        for (Client &c : m_clients)
            start(c);
        // The chaos follows the storm's progress, not the clock (20 clients take a while to
        // start on two cores): SIGKILLs spread from 10 % to 70 % of the expected deliveries,
        // and the outage from 35 %, so both land mid-sync and mid-report.
        m_expectedDeliveries = qint64((m_o.cameras + 1) / 2) * m_o.eventsPerCamera * 2;
        connect(&m_chaos, &QTimer::timeout, this, [this] { chaosStep(); });
        m_chaos.start(50);
        QTimer::singleShot(m_o.timeoutS * 1000, this, [this] {
            std::printf("storm: timed out after %d s\n", m_o.timeoutS);
            m_timedOut = true;
            for (Client &c : m_clients)
                if (c.process && c.process->state() != QProcess::NotRunning)
                    c.process->kill();
            QCoreApplication::exit(1);
        });
    }

    // Checks what happened; returns the number of violations, fills *report.
    int check(QJsonObject *report) {
        const qint64 wallMs = m_clock.elapsed();
        const cloud::TrafficFigures traffic = m_host->traffic();
        const cloud::DemoWorld &world = m_host->world();
        const QJsonObject worldFigures{{"users", int(world.users.size())},
                                       {"crowd", world.crowd.toString()},
                                       {"events", world.eventCount},
                                       {"build_ms", m_buildMs}};
        m_host->stop(); // the database is final from here
        CloudRecords cloud(m_dir + QStringLiteral("/cloud"));
        int violations = 0;
        auto violation = [&](const QString &what) {
            ++violations;
            if (violations <= 20)
                std::printf("VIOLATION: %s\n", qPrintable(what));
        };
        if (!cloud.isOpen())
            violation(QStringLiteral("cannot read the cloud's database"));
        qint64 displayed = 0, refusedLines = 0, reportsStored = 0, images = 0, imagesAsked = 0,
               eventsSeen = 0, recoveries = 0;
        std::map<QString, int> byReason;
        QHash<QString, QString> honestHash; // event → thumbnail SHA-256, read on demand
        for (Client &c : m_clients) {
            if (!c.done || c.exitCode != 0) {
                violation(
                    QStringLiteral("%1 did not finish (exit %2)").arg(c.username).arg(c.exitCode));
                continue;
            }
            const QList<QJsonObject> log = e2e::readJsonLines(c.log);
            QString account;
            for (const QJsonObject &r : log)
                if (r.value("type").toString() == QLatin1String("signed_in"))
                    account = r.value("user_id").toString();
            const QSet<QString> mine = cloud.eventsOf(account);
            if (account.isEmpty() || mine.isEmpty()) {
                violation(QStringLiteral("%1: no account or no events").arg(c.username));
                continue;
            }
            // 1. Nothing foreign, nothing altered reached the image provider's decoder.
            for (const QJsonObject &r : log) {
                const QString type = r.value("type").toString();
                if (type == QLatin1String("refused")) {
                    ++refusedLines;
                    ++byReason[r.value("reason").toString()];
                }
                if (type != QLatin1String("displayed"))
                    continue;
                ++displayed;
                const QString id = r.value("event_id").toString();
                if (!mine.contains(id)) {
                    violation(QStringLiteral("%1 displayed foreign event %2").arg(c.username, id));
                    continue;
                }
                if (!honestHash.contains(id))
                    honestHash.insert(id, cloud.thumbnailSha256(id));
                if (r.value("sha256").toString() != honestHash.value(id))
                    violation(
                        QStringLiteral("%1 displayed other bytes for %2").arg(c.username, id));
            }
            // 2. Every refusal stored exactly once, nothing else stored.
            QString error;
            const auto store = store::Store::open(c.dataDir, &error);
            if (!store) {
                violation(QStringLiteral("%1: store: %2").arg(c.username, error));
                continue;
            }
            store::AuditFilter everything;
            everything.limit = 10'000'000;
            std::map<ReportKey, int> audited, stored;
            for (const store::AuditEntry &a : store->audit().list(account, everything))
                ++audited[{a.eventId, a.role, a.reason}];
            for (const QJsonObject &r : cloud.reportsOf(account)) {
                ++stored[{r.value("event_id").toString(), r.value("role").toString(),
                          r.value("reason").toString()}];
                ++reportsStored;
            }
            for (const auto &[key, n] : audited) {
                if (n != 1)
                    violation(QStringLiteral("%1: %2 audited %3 times")
                                  .arg(c.username, key.eventId)
                                  .arg(n));
                const auto it = stored.find(key);
                if (it == stored.end())
                    violation(QStringLiteral("%1: refusal of %2 (%3) never reached the cloud")
                                  .arg(c.username, key.eventId, key.reason));
                else if (it->second != 1)
                    violation(QStringLiteral("%1: %2 stored %3 times by the cloud")
                                  .arg(c.username, key.eventId)
                                  .arg(it->second));
            }
            for (const auto &[key, n] : stored)
                if (!audited.count(key))
                    violation(
                        QStringLiteral("%1: the cloud holds a report of %2 no audit entry has")
                            .arg(c.username, key.eventId));
            const QJsonObject summary = [&] {
                QFile f(c.summary);
                return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object()
                                                   : QJsonObject();
            }();
            images += summary.value("images").toInt();
            imagesAsked += summary.value("images_asked").toInt();
            eventsSeen += summary.value("events").toInt();
            recoveries += summary.value("recoveries").toInt();
            // Pictures only for verified events: the provider said no to every other one.
            if (summary.value("images").toInt() > summary.value("verified").toInt())
                violation(QStringLiteral("%1: more pictures than verified events").arg(c.username));
        }
        int kills = 0, starts = 0;
        for (const Client &c : m_clients) {
            kills += c.killed;
            starts += c.starts;
        }
        QJsonObject reasons;
        for (const auto &[reason, n] : byReason)
            reasons.insert(reason, n);
        *report = QJsonObject{
            {"world", worldFigures},
            {"clients", int(m_clients.size())},
            {"client_starts", starts},
            {"kill9", kills},
            {"outage_ms", m_o.outageMs},
            {"faults", m_o.faults},
            {"wall_ms", wallMs},
            {"cloud", QJsonObject{{"requests", traffic.requests},
                                  {"answered_503", traffic.unavailable},
                                  {"event_entries_delivered", traffic.eventEntries},
                                  {"media_bodies_delivered", traffic.mediaBodies},
                                  {"reports_received", traffic.reportsReceived},
                                  {"deliveries", traffic.eventEntries + traffic.mediaBodies}}},
            {"clients_saw", QJsonObject{{"events", eventsSeen},
                                        {"displayed", displayed},
                                        {"refused", refusedLines},
                                        {"refused_by_reason", reasons},
                                        {"reports_stored", reportsStored},
                                        {"images_asked", imagesAsked},
                                        {"images", images},
                                        {"sync_recoveries", recoveries}}},
            {"violations", violations}};
        return violations;
    }

    bool timedOut() const { return m_timedOut; }

private:
    void start(Client &c) {
        c.process = std::make_unique<QProcess>();
        c.process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        c.process->setStandardOutputFile(QProcess::nullDevice());
        ++c.starts;
        QProcess *p = c.process.get();
        connect(p, &QProcess::finished, this, [this, &c, p](int code, QProcess::ExitStatus status) {
            if (c.process.get() != p)
                return; // an old, killed process of this client
            if (status == QProcess::CrashExit && m_killing.remove(&c)) {
                // We killed it: start again on the same data directory.
                QTimer::singleShot(300, this, [this, &c] { start(c); });
                return;
            }
            if (code == 1 && inOutage()) {
                // Sign-in refused with 503s: the user opens the app again a little later.
                QTimer::singleShot(1000, this, [this, &c] { start(c); });
                return;
            }
            c.done = true;
            c.exitCode = status == QProcess::NormalExit ? code : -1;
            std::printf("storm: %s done (exit %d) at %lld ms\n", qPrintable(c.username), c.exitCode,
                        m_clock.elapsed());
            for (const Client &other : m_clients)
                if (!other.done)
                    return;
            QCoreApplication::exit(0);
        });
        p->start(m_clientBin,
                 {"--server", m_host->url().toString(), "--data-dir", c.dataDir, "--user",
                  c.username, "--password", c.password, "--device-roots", m_host->deviceRootsPath(),
                  "--owner-authorities", m_host->ownerAuthoritiesPath(), "--log", c.log,
                  "--summary", c.summary, "--timeout-s", QString::number(m_o.timeoutS)});
    }

    void killOne() {
        QList<Client *> running;
        for (Client &c : m_clients)
            if (!c.done && c.process && c.process->state() == QProcess::Running &&
                !m_killing.contains(&c))
                running << &c;
        if (running.isEmpty())
            return;
        Client *victim = running.at(QRandomGenerator::global()->bounded(int(running.size())));
        m_killing.insert(victim);
        ++victim->killed;
        std::printf("storm: kill -9 %s at %lld ms\n", qPrintable(victim->username),
                    m_clock.elapsed());
        std::fflush(stdout);
        victim->process->kill(); // SIGKILL
    }

    void chaosStep() {
        const cloud::TrafficFigures t = m_host->traffic();
        const double progress =
            double(t.eventEntries + t.mediaBodies) / double(qMax<qint64>(1, m_expectedDeliveries));
        if (m_killsDone < m_o.kills &&
            progress >= 0.1 + 0.6 * double(m_killsDone) / double(qMax(1, m_o.kills))) {
            ++m_killsDone;
            killOne();
        }
        if (m_outageStartMs < 0 && progress >= 0.35 && m_o.outageMs > 0) {
            m_host->setFaultSpec(m_o.faults + QStringLiteral(",error:1"));
            m_outageStartMs = m_clock.elapsed();
            std::printf("storm: cloud answers 503 to everything for %d ms (at %.0f %%)\n",
                        m_o.outageMs, progress * 100);
            QTimer::singleShot(m_o.outageMs, this, [this] {
                m_host->setFaultSpec(m_o.faults);
                std::printf("storm: cloud back at %lld ms\n", m_clock.elapsed());
            });
        }
        if (m_killsDone >= m_o.kills && m_outageStartMs >= 0)
            m_chaos.stop();
    }

    // The outage, and the few seconds after it in which a sign-in may still meet a 503.
    bool inOutage() const {
        return m_outageStartMs >= 0 && m_clock.elapsed() < m_outageStartMs + m_o.outageMs + 3000;
    }

    StormOptions m_o;
    QString m_dir, m_clientBin;
    std::unique_ptr<cloud::CloudHost> m_host;
    std::vector<Client> m_clients;
    QSet<Client *> m_killing;
    QElapsedTimer m_clock;
    qint64 m_outageStartMs = -1;
    qint64 m_buildMs = 0;
    qint64 m_expectedDeliveries = 1;
    int m_killsDone = 0;
    QTimer m_chaos;
    bool m_timedOut = false;
};

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The reconnect storm (docs/storm.md)."));
    parser.addHelpOption();
    const QList<QCommandLineOption> options{
        {"full", "the documented storm: 1,000 accounts, 10,000 cameras, 20 events each"},
        {"users", "crowd accounts", "N"},
        {"cameras", "crowd cameras", "N"},
        {"events-per-camera", "events per crowd camera", "N"},
        {"clients", "concurrent clients (the heaviest accounts)", "N"},
        {"kills", "clients killed with SIGKILL and restarted", "N"},
        {"outage-ms", "how long the cloud answers 503 to everything", "MS"},
        {"faults", "the cloud's faults", "SPEC"},
        {"timeout-s", "give up after", "S"},
        {"data", "keep everything in DIR (default: a temporary directory)", "DIR"},
        {"report", "write the figures as JSON to FILE", "FILE"},
        {"client", "the vf_storm_client binary", "PATH"},
    };
    parser.addOptions(options);
    parser.process(app);
    StormOptions o;
    if (parser.isSet("full")) {
        o.users = 1000;
        o.cameras = 10000;
        o.eventsPerCamera = 20;
        o.clients = 20;
        o.kills = 8;
        o.outageMs = 10000;
        o.timeoutS = 3600;
    }
    auto intOption = [&](const char *name, int *target, int low, int high) {
        if (!parser.isSet(QString::fromLatin1(name)))
            return true;
        bool ok = false;
        const int v = parser.value(QString::fromLatin1(name)).toInt(&ok);
        if (!ok || v < low || v > high) {
            std::fprintf(stderr, "vf_storm: --%s must be an integer from %d to %d\n", name, low,
                         high);
            return false;
        }
        *target = v;
        return true;
    };
    if (!intOption("users", &o.users, 2, 100000) || !intOption("cameras", &o.cameras, 1, 1000000) ||
        !intOption("events-per-camera", &o.eventsPerCamera, 1, 1000) ||
        !intOption("clients", &o.clients, 1, 200) || !intOption("kills", &o.kills, 0, 1000) ||
        !intOption("outage-ms", &o.outageMs, 0, 600000) ||
        !intOption("timeout-s", &o.timeoutS, 10, 86400))
        return 2;
    if (parser.isSet("faults"))
        o.faults = parser.value("faults");
    if (o.clients >= o.users) {
        std::fprintf(stderr, "vf_storm: --clients must be fewer than --users\n");
        return 2;
    }
    QString clientBin = parser.value("client");
    if (clientBin.isEmpty())
        clientBin = QCoreApplication::applicationDirPath() + QStringLiteral("/vf_storm_client");
    QTemporaryDir temporary;
    const QString dir = parser.isSet("data") ? parser.value("data") : temporary.path();
    QDir().mkpath(dir);

    Storm storm(o, dir, clientBin);
    std::printf("storm: building the world (%d accounts, %d cameras, %d events each)\n", o.users,
                o.cameras, o.eventsPerCamera);
    std::fflush(stdout);
    const QString error = storm.prepare();
    if (!error.isEmpty()) {
        std::fprintf(stderr, "vf_storm: %s\n", qPrintable(error));
        return 1;
    }
    storm.run();
    app.exec();
    QJsonObject report;
    const int violations = storm.check(&report);
    const QByteArray json = QJsonDocument(report).toJson(QJsonDocument::Indented);
    std::printf("%s", json.constData());
    if (parser.isSet("report")) {
        QFile out(parser.value("report"));
        if (!out.open(QIODevice::WriteOnly) || out.write(json) != json.size())
            std::fprintf(stderr, "vf_storm: cannot write %s\n", qPrintable(out.fileName()));
    }
    std::printf(violations == 0 && !storm.timedOut() ? "storm: HOLDS\n" : "storm: FAILED\n");
    return violations == 0 && !storm.timedOut() ? 0 : 1;
}
