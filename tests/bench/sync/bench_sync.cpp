// bench_sync [--quick] [--seed N] [--cache DIR] [--only verified|unverified|throughput|memory]
//            [--workers N]
//
// Issue 4's benchmark, measured side by side in one run against the reference cloud hosted
// in-process (CloudHost, demo world, as the app hosts it):
//   1. Sync throughput, verified vs unverified: the client pipeline (EventSync with every
//      page followed, on a fresh store, signed in as alice with U from the verified identity
//      token) until idle with all of alice's events verified, once with the real
//      AttestationMediaVerifier and once with a stand-in that checks nothing. Rounds
//      alternate A B A B ... (fresh store, fresh memo, empty certificate cache each), after
//      one unmeasured warm-up of each; the medians and their ratio are printed with the goal
//      (verified >= 0.95x unverified), with each round's pair ratio (steadier when the
//      machine's load drifts), the median time of one verify call and the process CPU per
//      event (the cloud runs in-process, as in the app: its CPU is counted too).
//      Then the same rounds with a 20 ms round trip on every request (the cloud's latency
//      knob): on loopback the cloud shares the cores and the sync is CPU-bound, the worst
//      case; against a real cloud the client waits and the checks run in the waits.
//   2. Memory growth: bench_sync runs itself as a client process (--child-sync, below) that
//      signs in (ClientSession, as the app does), syncs every page until idle, loads the
//      Events model and scrolls two pages, then reports VmRSS and VmHWM; on a world where
//      alice sees ~1k events and on one where she sees ~10k, alternating (the cloud hosted on
//      that world for the run, one cloud at a time), three runs of each (one with --quick);
//      medians (goal: RSS growth <= 1.5x). Each run also
//      says how its RSS splits (anonymous / file-backed, malloc in use / free, RSS after
//      malloc_trim) and the most thumbnails it held at once (fetched, not yet judged).
// --quick: the same at small sizes, for CI. Timings are never asserted: the exit status is
// non-zero only for a functional failure (a sync that did not complete, a count mismatch).
//
// Worlds are built once per size and reused from the cache folder ($VERIFRAME_BENCH_CACHE,
// --cache, or a fixed folder in the build tree), one subfolder per size: the cloud rebuilds a
// folder whose counts differ.
//
// --only: one part alone, for profiling (perf record): the throughput rounds of one variant,
// or the memory part. --workers N: the sync's verification threads (EventSync::Options::
// workerThreads; default 0, one per core, as in the app), to see how the figures move.
//
// Hidden child mode (one client process, for a clean RSS):
//   bench_sync --child-sync N --server URL --data-dir D --device-roots F
//              --owner-authorities F --user NAME --password PW
// prints one JSON line {"events":..,"verified":..,"vmrss_kb":..,"vmhwm_kb":..,"sync_ms":..}.
#include "CloudHost.h"
#include "CloudTestClient.h"

#include "ApiClient.h"
#include "AttestationVerifier.h"
#include "AutomationLog.h"
#include "CertificateChain.h"
#include "ClientSession.h"
#include "CloudJson.h"
#include "EventSync.h"
#include "EventsModel.h"
#include "IdentityToken.h"
#include "MediaVerifier.h"
#include "OpenSsl.h"
#include "Store.h"
#include "UncheckedMediaVerifier.h"
#include "VerificationMemo.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <memory>
#include <vector>

using namespace vf;

namespace {

constexpr int kRoundTimeoutMs = 600'000;

// --only verified|unverified|throughput|memory (empty: everything).
QString g_only;
// --workers N: EventSync::Options::workerThreads (0, the app's default: one per core).
int g_workers = 0;

// The clients' data directories (stores, cached thumbnails): in the cache folder rather than
// /tmp, and all kept until the process ends. On ext4 without a journal (this machine) a new
// inode skips those deleted in the last ~30 s (recently_deleted in the inode bitmap scan):
// with the stores in /tmp, where compilers create and delete files all the time, or deleted
// between rounds, that scan was up to a fifth of all CPU samples and grew round by round.
std::vector<std::unique_ptr<QTemporaryDir>> g_dataDirs;
QString g_dataRoot; // where they are made (set by main)

// Data directories left by a run that did not end normally (older than an hour, so that a
// run in progress on the same cache keeps its own).
void removeStaleDataDirs() {
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const QFileInfoList stale =
        QDir(g_dataRoot)
            .entryInfoList({QStringLiteral("client-*")}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &dir : stale)
        if (dir.lastModified().toUTC() < cutoff)
            QDir(dir.filePath()).removeRecursively();
}

QString newDataDir() {
    g_dataDirs.push_back(std::make_unique<QTemporaryDir>(
        QDir(g_dataRoot).filePath(QStringLiteral("client-XXXXXX"))));
    return g_dataDirs.back()->path();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

qint64 cpuMs() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (qint64(u.ru_utime.tv_sec) + u.ru_stime.tv_sec) * 1000 +
           (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

// Spins an event loop until call finished (or timeoutMs passed).
void waitFinished(net::ApiCall *call, int timeoutMs) {
    if (call->isFinished())
        return;
    QEventLoop loop;
    QObject::connect(call, &net::ApiCall::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

using vf::bench::UncheckedMediaVerifier;

// Wraps either variant alike (two clock reads per call) to record how long each verify
// call took on its worker thread.
class TimedMediaVerifier final : public sync::MediaVerifier {
public:
    TimedMediaVerifier(const sync::MediaVerifier &inner, qsizetype capacity)
        : m_inner(inner)
        , m_ns(size_t(capacity), 0) {}

    trust::Verdict verify(const trust::VerificationRequest &request) const override {
        QElapsedTimer t;
        t.start();
        trust::Verdict v = m_inner.verify(request);
        const qint64 ns = t.nsecsElapsed();
        const size_t i = m_next.fetch_add(1, std::memory_order_relaxed);
        if (i < m_ns.size())
            m_ns[i] = ns;
        return v;
    }

    double medianMicros() const {
        const size_t n = std::min(m_next.load(), m_ns.size());
        std::vector<double> us;
        us.reserve(n);
        for (size_t i = 0; i < n; ++i)
            us.push_back(double(m_ns[i]) / 1000.0);
        return median(std::move(us));
    }

private:
    const sync::MediaVerifier &m_inner;
    mutable std::vector<qint64> m_ns;
    mutable std::atomic<size_t> m_next{0};
};

struct Login {
    QString account; // U, from the verified identity token
    QByteArray token;
    QString error;
};

// POST /v1/session, then U from the identity token, as ClientSession::onLogin does.
Login signIn(net::ApiClient &api, const QString &username, const QString &password,
             const trust::TrustAnchors &anchors) {
    Login out;
    net::ApiCall *call = api.login(username, password);
    waitFinished(call, 30'000);
    const std::unique_ptr<net::ApiCall> owned(call);
    if (!call->isFinished() || !call->result().ok()) {
        out.error = call->isFinished() ? call->result().error->describe()
                                       : QStringLiteral("no answer to the login");
        return out;
    }
    const auto answer = net::parseLoginAnswer(call->result().body);
    if (!answer.value) {
        out.error = answer.error;
        return out;
    }
    const trust::IdentityVerdict identity = trust::verifyIdentityToken(
        answer.value->identity, username, anchors, QDateTime::currentSecsSinceEpoch());
    if (!identity.valid || identity.userId != answer.value->userId) {
        out.error = QStringLiteral("identity token refused: %1").arg(identity.detail);
        return out;
    }
    out.account = identity.userId;
    out.token = answer.value->token;
    return out;
}

// ---------------------------------------------------------------------------------------
// Worlds

struct WorldSize {
    int eventsPerCamera = 0;
    int clipsPerCamera = 0;
};

struct HostedWorld {
    std::unique_ptr<cloud::CloudHost> host;
    QString dir;
    std::shared_ptr<const trust::TrustAnchors> anchors;
    cloud::DemoUser alice;
    int aliceEvents = 0; // what alice sees, by paging /v1/events
};

// Starts the cloud on the world of this size (built on first use). knownAliceEvents < 0:
// counts alice's events by paging the listing and prints what the world is; else takes it.
std::optional<HostedWorld> hostWorld(const QString &cacheRoot, WorldSize size, quint64 seed,
                                     QString *error, int knownAliceEvents = -1) {
    HostedWorld w;
    w.dir = QDir(cacheRoot).filePath(QStringLiteral("sync-e%1-c%2-s%3")
                                         .arg(size.eventsPerCamera)
                                         .arg(size.clipsPerCamera)
                                         .arg(seed));
    QDir().mkpath(w.dir);
    cloud::CloudConfig config;
    config.dataDir = w.dir;
    config.demo = true;
    config.seed = seed;
    config.eventsPerCamera = size.eventsPerCamera;
    config.clipsPerCamera = size.clipsPerCamera;
    QElapsedTimer t;
    t.start();
    w.host = std::make_unique<cloud::CloudHost>(config);
    *error = w.host->start();
    if (!error->isEmpty())
        return std::nullopt;
    const qint64 startMs = t.elapsed();
    const cloud::DemoUser *alice = w.host->world().user(QStringLiteral("alice"));
    if (!alice) {
        *error = QStringLiteral("the demo world in %1 has no alice").arg(w.dir);
        return std::nullopt;
    }
    w.alice = *alice;
    const auto loaded = w.host->trustAnchors();
    if (!loaded.anchors) {
        *error = loaded.error;
        return std::nullopt;
    }
    w.anchors = loaded.anchors;
    if (knownAliceEvents >= 0) {
        w.aliceEvents = knownAliceEvents;
        return w;
    }
    cloud::test::CloudTestClient client(w.host->url());
    const auto session = client.login(alice->username, alice->password);
    if (!session) {
        *error = QStringLiteral("alice cannot log in to %1").arg(w.dir);
        return std::nullopt;
    }
    w.aliceEvents = int(client.allEvents(session->token, QStringLiteral("limit=200")).size());
    const cloud::DemoWorld &world = w.host->world();
    std::printf(
        "  world %-22s %6d events (%d per camera, clips %d), alice sees %d; %s in %lld ms\n",
        qPrintable(QDir(w.dir).dirName()), world.eventCount, world.eventsPerCamera,
        world.clipsPerCamera, w.aliceEvents, world.reused ? "reused" : "built",
        static_cast<long long>(startMs));
    std::fflush(stdout);
    return w;
}

// ---------------------------------------------------------------------------------------
// 1. Throughput

enum class Variant { Verified, Unverified };

const char *variantName(Variant v) {
    return v == Variant::Verified ? "verified" : "unverified";
}

struct RoundResult {
    bool ok = false;
    QString error;
    int events = 0;
    qint64 elapsedMs = 0;
    qint64 lastPageMs = 0; // when the last listing page arrived
    qint64 cpuMs = 0;      // process CPU (client and in-process cloud) during the round
    double eventsPerSecond = 0;
    double verifyMedianUs = 0;
    int peakInFlight = 0; // most thumbnails fetching or waiting for / in verification at once
};

RoundResult syncRound(const HostedWorld &w, Variant variant, int pageSize) {
    RoundResult r;
    QString error;
    auto store = store::Store::open(newDataDir(), &error);
    if (!store) {
        r.error = QStringLiteral("store: %1").arg(error);
        return r;
    }
    net::ApiClient::Options apiOptions;
    apiOptions.baseUrl = w.host->url();
    net::ApiClient api(apiOptions);
    const Login login = signIn(api, w.alice.username, w.alice.password, *w.anchors);
    if (login.account.isEmpty()) {
        r.error = QStringLiteral("sign-in: %1").arg(login.error);
        return r;
    }
    api.setToken(login.token);

    // A fresh client: empty memo, empty parsed-certificate cache (both variants alike).
    trust::clearParsedCertificateCache();
    trust::VerificationMemo memo;
    trust::AttestationVerifier attestationVerifier(w.anchors, &memo);
    sync::AttestationMediaVerifier real(attestationVerifier);
    UncheckedMediaVerifier unchecked;
    const sync::MediaVerifier &inner =
        variant == Variant::Verified ? static_cast<const sync::MediaVerifier &>(real) : unchecked;
    TimedMediaVerifier timed(inner, qsizetype(w.aliceEvents) * 2 + 16);
    sync::AutomationLog log; // disabled, as in the app when no log was asked for

    sync::SyncContext context;
    context.account = login.account;
    context.store = store.get();
    context.verifier = &timed;
    context.log = &log;
    context.appVersion = QStringLiteral(VERIFRAME_VERSION);
    sync::EventSync::Options options;
    options.pageSize = pageSize;
    options.followAllPages = true;
    options.workerThreads = g_workers;

    int refused = 0;
    int failed = 0;
    QString firstProblem;
    QElapsedTimer t;
    {
        sync::EventSync sync(api, context, options);
        QEventLoop loop;
        QObject::connect(&sync, &sync::EventSync::idleChanged, &loop, [&](bool idle) {
            if (idle && !sync.hasMore())
                loop.quit();
        });
        QObject::connect(&sync, &sync::EventSync::pageLoaded, &loop,
                         [&](const QStringList &, bool hasMore) {
                             if (!hasMore)
                                 r.lastPageMs = t.elapsed();
                         });
        QObject::connect(&sync, &sync::EventSync::eventVerified, &loop,
                         [&] { r.peakInFlight = std::max(r.peakInFlight, sync.inFlight()); });
        QObject::connect(&sync, &sync::EventSync::listingFailed, &loop,
                         [&](const net::ApiError &e) {
                             firstProblem = QStringLiteral("listing failed: %1").arg(e.describe());
                             loop.quit();
                         });
        QObject::connect(&sync, &sync::EventSync::eventRefused, &loop,
                         [&](const QString &id, const QString &, const QString &reason) {
                             if (refused++ == 0)
                                 firstProblem = QStringLiteral("%1 refused: %2").arg(id, reason);
                         });
        QObject::connect(&sync, &sync::EventSync::itemFailed, &loop,
                         [&](const QString &id, const QString &, const QString &message) {
                             if (failed++ == 0 && firstProblem.isEmpty())
                                 firstProblem = QStringLiteral("%1 failed: %2").arg(id, message);
                         });
        QTimer::singleShot(kRoundTimeoutMs, &loop, [&] {
            firstProblem = QStringLiteral("not idle after %1 s").arg(kRoundTimeoutMs / 1000);
            loop.quit();
        });
        const qint64 cpu0 = cpuMs();
        t.start();
        sync.refresh();
        loop.exec();
        r.elapsedMs = t.elapsed();
        r.cpuMs = cpuMs() - cpu0;
        if (!sync.isIdle() && firstProblem.isEmpty())
            firstProblem = QStringLiteral("the sync stopped before it was idle");
    } // the sync cancels and joins its workers here

    // Every event of alice in the store, and every one verified.
    const int stored = store->events().count(login.account);
    int verified = 0;
    for (const store::StoredEvent &e :
         store->events().page(login.account, {}, std::nullopt, w.aliceEvents + 1000))
        verified += e.state == store::VerificationState::Verified;
    r.events = verified;
    r.verifyMedianUs = timed.medianMicros();
    if (!firstProblem.isEmpty()) {
        r.error =
            QStringLiteral("%1 (%2 refused, %3 failed)").arg(firstProblem).arg(refused).arg(failed);
    } else if (stored != w.aliceEvents || verified != w.aliceEvents) {
        r.error = QStringLiteral("the store holds %1 events, %2 verified; the cloud lists %3")
                      .arg(stored)
                      .arg(verified)
                      .arg(w.aliceEvents);
    } else {
        r.ok = true;
        r.eventsPerSecond = r.elapsedMs > 0 ? 1000.0 * verified / double(r.elapsedMs) : 0;
    }
    return r;
}

struct Throughput {
    bool ok = false;
    double verified = 0;
    double unverified = 0;
    double verifyUs = 0;
    double standInUs = 0;
    double cpuUs[2] = {0, 0};   // process CPU per event, verified and unverified
    std::vector<double> paired; // verified / unverified of each round's pair
    double ratio() const { return unverified > 0 ? verified / unverified : 0; }
};

Throughput measureThroughput(const HostedWorld &w, int rounds, int pageSize) {
    Throughput out;
    std::vector<double> rate[2], verifyUs[2], cpuUs[2];
    const Variant order[2] = {Variant::Verified, Variant::Unverified};
    // Round 0 warms up (the cloud's page cache and statements, the code paths); not counted.
    for (int round = 0; round <= rounds; ++round) {
        for (Variant v : order) {
            if ((g_only == u"verified" || g_only == u"unverified") &&
                g_only != QLatin1String(variantName(v)))
                continue;
            const RoundResult r = syncRound(w, v, pageSize);
            if (!r.ok) {
                std::fprintf(stderr, "bench_sync: %s sync, round %d: %s\n", variantName(v), round,
                             qPrintable(r.error));
                return out;
            }
            std::printf("  %-7s %-10s %5d events in %5lld ms = %5.0f ev/s  (last page at %4lld ms, "
                        "cpu %4.0f us/event, verify call median %5.1f us, peak in flight %d)\n",
                        round == 0 ? "warm-up" : qPrintable(QStringLiteral("round %1").arg(round)),
                        variantName(v), r.events, static_cast<long long>(r.elapsedMs),
                        r.eventsPerSecond, static_cast<long long>(r.lastPageMs),
                        1000.0 * double(r.cpuMs) / r.events, r.verifyMedianUs, r.peakInFlight);
            std::fflush(stdout);
            if (round == 0)
                continue;
            const int k = v == Variant::Verified ? 0 : 1;
            rate[k].push_back(r.eventsPerSecond);
            verifyUs[k].push_back(r.verifyMedianUs);
            cpuUs[k].push_back(1000.0 * double(r.cpuMs) / r.events);
        }
        if (round > 0 && rate[0].size() == rate[1].size() && !rate[1].empty())
            out.paired.push_back(rate[0].back() / rate[1].back());
    }
    out.ok = true;
    out.verified = median(rate[0]);
    out.unverified = median(rate[1]);
    out.verifyUs = median(verifyUs[0]);
    out.standInUs = median(verifyUs[1]);
    out.cpuUs[0] = median(cpuUs[0]);
    out.cpuUs[1] = median(cpuUs[1]);
    return out;
}

// ---------------------------------------------------------------------------------------
// 2. Memory, in a child process per size

struct ChildResult {
    bool ok = false;
    QString error;
    int events = 0;
    qint64 rssKb = 0;
    qint64 hwmKb = 0;
    qint64 syncMs = 0;
    QJsonObject all; // the child's whole answer, for the diagnostics line
};

ChildResult runChild(const HostedWorld &w) {
    ChildResult out;
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    const QStringList args = {
        QStringLiteral("--child-sync"),
        QString::number(w.aliceEvents),
        QStringLiteral("--server"),
        w.host->url().toString(),
        QStringLiteral("--data-dir"),
        newDataDir(),
        QStringLiteral("--device-roots"),
        QDir(w.dir).filePath(QStringLiteral("trust/device-roots.pem")),
        QStringLiteral("--owner-authorities"),
        QDir(w.dir).filePath(QStringLiteral("trust/owner-authorities.pem")),
        QStringLiteral("--user"),
        w.alice.username,
        QStringLiteral("--password"),
        w.alice.password,
        QStringLiteral("--workers"),
        QString::number(g_workers),
    };
    child.start(QCoreApplication::applicationFilePath(), args);
    if (!child.waitForFinished(kRoundTimeoutMs)) {
        child.kill();
        child.waitForFinished();
        out.error =
            QStringLiteral("the client process did not finish in %1 s").arg(kRoundTimeoutMs / 1000);
        return out;
    }
    const QByteArray err = child.readAllStandardError().trimmed();
    if (child.exitStatus() != QProcess::NormalExit || child.exitCode() != 0) {
        out.error = QStringLiteral("the client process failed (exit %1): %2")
                        .arg(child.exitCode())
                        .arg(QString::fromLocal8Bit(err));
        return out;
    }
    const QList<QByteArray> lines = child.readAllStandardOutput().trimmed().split('\n');
    const QJsonObject o = QJsonDocument::fromJson(lines.last()).object();
    out.events = o.value(QStringLiteral("verified")).toInt();
    out.rssKb = o.value(QStringLiteral("vmrss_kb")).toInteger();
    out.hwmKb = o.value(QStringLiteral("vmhwm_kb")).toInteger();
    out.syncMs = o.value(QStringLiteral("sync_ms")).toInteger();
    out.all = o;
    out.ok = out.rssKb > 0 && out.events == w.aliceEvents;
    if (!out.ok)
        out.error = QStringLiteral("unexpected answer from the client process: %1")
                        .arg(QString::fromUtf8(lines.last()));
    return out;
}

struct Memory {
    bool ok = false;
    int events[2] = {0, 0};
    double rssMb[2] = {0, 0};
    double hwmMb[2] = {0, 0};
    double rssRatio() const { return rssMb[0] > 0 ? rssMb[1] / rssMb[0] : 0; }
    double hwmRatio() const { return hwmMb[0] > 0 ? hwmMb[1] / hwmMb[0] : 0; }
};

// One cloud at a time, as the app hosts it: each run starts the cloud on its world, runs the
// client process against it and stops it.
Memory measureMemory(const QString &cache, const WorldSize sizes[2], quint64 seed, int rounds) {
    Memory out;
    std::vector<double> rss[2], hwm[2];
    int aliceEvents[2] = {-1, -1};
    for (int k = 0; k < 2; ++k) {
        QString error;
        const std::optional<HostedWorld> w = hostWorld(cache, sizes[k], seed, &error);
        if (!w) {
            std::fprintf(stderr, "bench_sync: cloud: %s\n", qPrintable(error));
            return out;
        }
        aliceEvents[k] = w->aliceEvents;
    }
    for (int round = 1; round <= rounds; ++round) {
        for (int k = 0; k < 2; ++k) {
            QString error;
            const std::optional<HostedWorld> w =
                hostWorld(cache, sizes[k], seed, &error, aliceEvents[k]);
            if (!w) {
                std::fprintf(stderr, "bench_sync: cloud: %s\n", qPrintable(error));
                return out;
            }
            const ChildResult r = runChild(*w);
            if (!r.ok) {
                std::fprintf(stderr, "bench_sync: client process, %d events: %s\n", w->aliceEvents,
                             qPrintable(r.error));
                return out;
            }
            const auto mb = [&](const char *key) {
                return double(r.all.value(QLatin1String(key)).toInteger()) / 1024.0;
            };
            // Where the RSS is: anonymous vs file-backed (libraries), malloc's heap in use vs
            // freed but kept, and the RSS once malloc gave its free pages back.
            std::printf(
                "  round %d %5d events: VmRSS %6.1f MB  VmHWM %6.1f MB  (synced in %5lld "
                "ms, peak in flight %4lld; anon %5.1f MB, file %4.1f MB; heap %4.1f MB in "
                "use, %5.1f MB free; %5.1f MB after malloc_trim)\n",
                round, r.events, mb("vmrss_kb"), mb("vmhwm_kb"), static_cast<long long>(r.syncMs),
                static_cast<long long>(r.all.value(QLatin1String("peak_in_flight")).toInteger()),
                mb("rss_anon_kb"), mb("rss_file_kb"), mb("heap_in_use_kb"), mb("heap_free_kb"),
                mb("rss_after_trim_kb"));
            std::fflush(stdout);
            out.events[k] = r.events;
            rss[k].push_back(mb("vmrss_kb"));
            hwm[k].push_back(mb("vmhwm_kb"));
        }
    }
    out.ok = true;
    for (int k = 0; k < 2; ++k) {
        out.rssMb[k] = median(rss[k]);
        out.hwmMb[k] = median(hwm[k]);
    }
    return out;
}

QHash<QString, qint64> procStatusKb() {
    QHash<QString, qint64> out;
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !line.endsWith(" kB"))
            continue;
        out.insert(QString::fromLatin1(line.left(colon)),
                   line.mid(colon + 1).chopped(3).trimmed().toLongLong());
    }
    return out;
}

// The client process: ClientSession as the app runs it (every page followed), then the
// Events model loaded and scrolled two pages, then its RSS.
int childMain(QCoreApplication &app, const QStringList &args) {
    auto value = [&](const char *name) {
        const qsizetype i = args.indexOf(QString::fromLatin1(name));
        return i > 0 && i + 1 < args.size() ? args.at(i + 1) : QString();
    };
    const int expected = value("--child-sync").toInt();
    const auto anchors =
        trust::TrustAnchors::fromFiles(value("--device-roots"), value("--owner-authorities"));
    if (!anchors.anchors) {
        std::fprintf(stderr, "bench_sync child: %s\n", qPrintable(anchors.error));
        return 2;
    }
    sync::ClientOptions options;
    options.server = QUrl(value("--server"));
    options.dataDir = value("--data-dir");
    options.anchors = anchors.anchors;
    options.sync.followAllPages = true;
    options.sync.workerThreads = value("--workers").toInt();
    sync::ClientSession session(options);
    QString error;
    if (!session.open(&error)) {
        std::fprintf(stderr, "bench_sync child: %s\n", qPrintable(error));
        return 1;
    }
    int exitCode = 0;
    QObject::connect(&session, &sync::ClientSession::signInFailed, &app,
                     [&](const QString &code, const QString &message) {
                         std::fprintf(stderr, "bench_sync child: sign-in refused (%s): %s\n",
                                      qPrintable(code), qPrintable(message));
                         exitCode = 1;
                         app.exit(1);
                     });
    // Thumbnails fetching or queued for verification, at most (each holds its bytes).
    int peakInFlight = 0;
    QObject::connect(&session, &sync::ClientSession::signedIn, &app, [&] {
        sync::EventSync *events = session.events();
        QObject::connect(events, &sync::EventSync::eventVerified, &app, [&peakInFlight, events] {
            peakInFlight = std::max(peakInFlight, events->inFlight());
        });
    });
    QObject::connect(&session, &sync::ClientSession::idle, &app, [&] {
        if (!session.events()->hasMore())
            app.exit(0);
    });
    QTimer::singleShot(kRoundTimeoutMs, &app, [&] {
        std::fprintf(stderr, "bench_sync child: not idle after %d s\n", kRoundTimeoutMs / 1000);
        exitCode = 3;
        app.exit(3);
    });
    QElapsedTimer t;
    t.start();
    session.signIn(value("--user"), value("--password"));
    app.exec();
    const qint64 syncMs = t.elapsed();
    if (exitCode != 0)
        return exitCode;

    const QString account = session.userId();
    store::Store &store = *session.store();
    const int stored = store.events().count(account);
    int verified = 0;
    {
        std::optional<store::EventCursor> after;
        for (;;) {
            const QList<store::StoredEvent> page = store.events().page(account, {}, after, 500);
            if (page.isEmpty())
                break;
            after =
                store::EventCursor{page.last().timestampMs, page.last().id, page.last().deviceId};
            for (const store::StoredEvent &e : page)
                verified += e.state == store::VerificationState::Verified;
        }
    }

    // What a user does next: the Events tab, scrolled down two pages, every role read.
    model::EventsModel events;
    events.setSource(&store, account);
    for (int i = 0; i < 2 && events.canFetchMore({}); ++i)
        events.fetchMore({});
    const QList<int> roles = events.roleNames().keys();
    qsizetype touched = 0;
    for (int row = 0; row < events.rowCount(); ++row)
        for (int role : roles)
            touched += events.data(events.index(row), role).isValid();
    QCoreApplication::processEvents();

    const QHash<QString, qint64> status = procStatusKb();
    // Where the RSS is: the heap in use vs freed but kept by malloc, and what is left after
    // malloc hands its free pages back (diagnostics only; the figure is VmRSS above).
    const struct mallinfo2 heap = mallinfo2();
    malloc_trim(0);
    const QHash<QString, qint64> trimmed = procStatusKb();
    const QJsonObject o{
        {QStringLiteral("events"), stored},
        {QStringLiteral("verified"), verified},
        {QStringLiteral("model_rows"), events.rowCount()},
        {QStringLiteral("model_values"), qint64(touched)},
        {QStringLiteral("vmrss_kb"), status.value(QStringLiteral("VmRSS"))},
        {QStringLiteral("vmhwm_kb"), status.value(QStringLiteral("VmHWM"))},
        {QStringLiteral("rss_anon_kb"), status.value(QStringLiteral("RssAnon"))},
        {QStringLiteral("rss_file_kb"), status.value(QStringLiteral("RssFile"))},
        {QStringLiteral("heap_in_use_kb"), qint64((heap.uordblks + heap.hblkhd) / 1024)},
        {QStringLiteral("heap_free_kb"), qint64(heap.fordblks / 1024)},
        {QStringLiteral("rss_after_trim_kb"), trimmed.value(QStringLiteral("VmRSS"))},
        {QStringLiteral("sync_ms"), syncMs},
        {QStringLiteral("peak_in_flight"), peakInFlight},
    };
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
    if (stored != expected || verified != expected) {
        std::fprintf(stderr, "bench_sync child: %d events stored, %d verified, %d expected\n",
                     stored, verified, expected);
        return 4;
    }
    return 0;
}

// A round trip to a cloud region from a home connection (cable/fibre; 4G is nearer 50 ms).
constexpr int kRoundTripMs = 20;

const char *verdict(bool met) {
    return met ? "met" : "MISSED";
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.contains(QStringLiteral("--child-sync")))
        return childMain(app, args);

    bool quick = false;
    quint64 seed = 1;
    QString cache =
        qEnvironmentVariable("VERIFRAME_BENCH_CACHE", QStringLiteral(VF_BENCH_CACHE_DIR));
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--quick") {
            quick = true;
        } else if (args[i] == u"--seed" && i + 1 < args.size()) {
            seed = args[++i].toULongLong();
        } else if (args[i] == u"--cache" && i + 1 < args.size()) {
            cache = args[++i];
        } else if (args[i] == u"--workers" && i + 1 < args.size()) {
            g_workers = args[++i].toInt();
        } else if (args[i] == u"--only" && i + 1 < args.size() &&
                   QStringList{"verified", "unverified", "throughput", "memory"}.contains(
                       args[i + 1])) {
            g_only = args[++i];
        } else {
            std::fprintf(stderr, "usage: bench_sync [--quick] [--seed N] [--cache DIR] "
                                 "[--only verified|unverified|throughput|memory] [--workers N]\n");
            return 2;
        }
    }
    // Sizes: alice owns two of the six cameras, so she sees 2 x eventsPerCamera events.
    const WorldSize throughputWorld = quick ? WorldSize{150, 0} : WorldSize{1000, 0};
    const WorldSize smallWorld = quick ? WorldSize{150, 0} : WorldSize{500, 0};
    const WorldSize largeWorld = quick ? WorldSize{750, 0} : WorldSize{5000, 0};
    const int rounds = quick ? 1 : 5;     // throughput rounds of each variant
    const int memoryRuns = quick ? 1 : 3; // client processes per size
    const int pageSize = 200;

    std::printf("bench_sync: sync pipeline against the in-process reference cloud (%d cores, "
                "seed %llu%s)\n",
                QThread::idealThreadCount(), static_cast<unsigned long long>(seed),
                quick ? ", quick" : "");
    std::printf("  world cache %s\n", qPrintable(QDir(cache).absolutePath()));
    std::fflush(stdout);
    QElapsedTimer total;
    total.start();
    bool failed = false;

    g_dataRoot = QDir(cache).filePath(QStringLiteral("clients"));
    QDir().mkpath(g_dataRoot);
    removeStaleDataDirs();
    const bool runThroughput = g_only != u"memory";
    const bool runMemory = g_only.isEmpty() || g_only == u"memory";
    const bool bothVariants = g_only.isEmpty() || g_only == u"throughput";

    // 1. Throughput, verified vs unverified.
    Throughput tp, rtt;
    if (runThroughput) {
        std::printf("sync throughput: EventSync (all pages, page size %d), fresh store each round, "
                    "%d round(s) of each after a warm-up\n",
                    pageSize, rounds);
        QString error;
        std::optional<HostedWorld> w = hostWorld(cache, throughputWorld, seed, &error);
        if (!w) {
            std::fprintf(stderr, "bench_sync: cloud: %s\n", qPrintable(error));
            return 1;
        }
        if (w->aliceEvents != 2 * throughputWorld.eventsPerCamera) {
            std::fprintf(stderr, "bench_sync: alice sees %d events, %d expected\n", w->aliceEvents,
                         2 * throughputWorld.eventsPerCamera);
            failed = true;
        }
        tp = measureThroughput(*w, rounds, pageSize);
        failed = failed || !tp.ok;
        if (tp.ok && bothVariants) {
            std::printf(
                "sync  verified %.0f ev/s  unverified %.0f ev/s  ratio %.2f (goal >= 0.95: %s)\n",
                tp.verified, tp.unverified, tp.ratio(), verdict(tp.ratio() >= 0.95));
            QString pairs;
            for (double p : tp.paired)
                pairs += QString::asprintf(" %.2f", p);
            std::printf("sync  per-round pairs verified/unverified:%s (median %.2f)\n",
                        qPrintable(pairs), median(tp.paired));
            std::printf("sync  verify call median: %.1f us verified, %.1f us stand-in (SHA-256 "
                        "only); %.1f us of checks per event\n",
                        tp.verifyUs, tp.standInUs, tp.verifyUs - tp.standInUs);
            std::printf("sync  process CPU per event (client and in-process cloud): %.0f us "
                        "verified, %.0f us unverified\n",
                        tp.cpuUs[0], tp.cpuUs[1]);
        }
        std::fflush(stdout);
        // 1b. The same rounds with a network's round trip on every request. On loopback the
        // cloud shares the two cores and the sync is CPU-bound, so the checks' CPU shows one
        // for one (the worst case above); against a real cloud the client mostly waits, and
        // the checks run in those waits.
        if (tp.ok && bothVariants) {
            cloud::FaultPlan plan = w->host->faultPlan();
            plan.setLatencyMs(kRoundTripMs);
            w->host->setFaultPlan(plan);
            std::printf("sync throughput with a %d ms round trip on every request:\n",
                        kRoundTripMs);
            rtt = measureThroughput(*w, rounds, pageSize);
            plan.setLatencyMs(0);
            w->host->setFaultPlan(plan);
            failed = failed || !rtt.ok;
            if (rtt.ok)
                std::printf("sync  %d ms round trip: verified %.0f ev/s  unverified %.0f ev/s  "
                            "ratio %.2f (goal >= 0.95: %s)\n",
                            kRoundTripMs, rtt.verified, rtt.unverified, rtt.ratio(),
                            verdict(rtt.ratio() >= 0.95));
            std::fflush(stdout);
        }
    }

    // 2. Memory: a client process per size, the sizes alternating.
    Memory mem;
    if (runMemory) {
        std::printf("memory: one client process per run (ClientSession, all pages, then the Events "
                    "model scrolled two pages), %d run(s) per size, medians\n",
                    memoryRuns);
        const WorldSize sizes[2] = {smallWorld, largeWorld};
        mem = measureMemory(cache, sizes, seed, memoryRuns);
        failed = failed || !mem.ok;
        if (mem.ok) {
            for (int k = 0; k < 2; ++k)
                std::printf("memory  %5d events: VmRSS %6.1f MB  VmHWM %6.1f MB\n", mem.events[k],
                            mem.rssMb[k], mem.hwmMb[k]);
            std::printf("memory  %d -> %d events: RSS %.2fx (goal <= 1.50: %s), peak (VmHWM) "
                        "%.2fx\n",
                        mem.events[0], mem.events[1], mem.rssRatio(),
                        verdict(mem.rssRatio() <= 1.5), mem.hwmRatio());
        }
    }

    std::printf("summary (%lld s)\n", static_cast<long long>(total.elapsed() / 1000));
    if (runThroughput && bothVariants) {
        if (tp.ok)
            std::printf("  sync throughput verified/unverified, loopback (CPU-bound worst case) "
                        "%.2f (goal >= 0.95): %s\n",
                        tp.ratio(), verdict(tp.ratio() >= 0.95));
        else
            std::printf("  sync throughput: FAILED (see above)\n");
        if (rtt.ok)
            std::printf("  sync throughput verified/unverified, %d ms round trip %.2f (goal >= "
                        "0.95): %s\n",
                        kRoundTripMs, rtt.ratio(), verdict(rtt.ratio() >= 0.95));
    }
    if (runMemory) {
        if (mem.ok)
            std::printf("  memory growth %d -> %d events %.2fx (goal <= 1.50): %s\n", mem.events[0],
                        mem.events[1], mem.rssRatio(), verdict(mem.rssRatio() <= 1.5));
        else
            std::printf("  memory growth: FAILED (see above)\n");
    }
    // The clients' data directories go now (deleting tens of thousands of files takes a
    // while on a slow disk: said, so that the wait is not mistaken for a hang).
    QElapsedTimer cleanup;
    cleanup.start();
    const size_t dirs = g_dataDirs.size();
    g_dataDirs.clear();
    std::printf("  (removed %zu client data directories in %.1f s)\n", dirs,
                double(cleanup.elapsed()) / 1000.0);
    return failed ? 1 : 0;
}
