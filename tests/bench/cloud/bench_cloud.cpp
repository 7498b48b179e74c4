// bench_cloud [--quick] [--seed N]
//
// Builds a demo world cold in a temporary directory (timed), restarts on it (timed), then
// measures requests per second for GET /v1/events?limit=50 and for thumbnails at 1 and at 100
// concurrent keep-alive loopback connections, and prints the 100-vs-1 ratio. The server runs
// in-process on its own thread (CloudHost), exactly as the app hosts it.
#include "CloudHost.h"
#include "CloudServer.h"
#include "CloudTestClient.h"
#include "RawHttpLoad.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>

using namespace vf::cloud;
using namespace vf::cloud::test;

namespace {

struct Pair {
    double one = 0;
    double hundred = 0;
};

Pair measure(const QUrl &url, const QString &token, const QStringList &paths, int total,
             const char *what) {
    Pair p;
    for (int connections : {1, 100}) {
        // Warm-up: page cache, SQLite statement cache, worker threads.
        runLoad(url, token, paths, connections, qMin(total / 10 + connections, total));
        const LoadResult r = runLoad(url, token, paths, connections, total, 120'000);
        const double rps = r.requestsPerSecond();
        (connections == 1 ? p.one : p.hundred) = rps;
        std::printf(
            "  %-10s %3d connection(s): %8.0f req/s  (%d requests, %d ok, %d failed, %lld ms)\n",
            what, connections, rps, total, r.ok, r.failed, static_cast<long long>(r.elapsedMs));
    }
    std::printf("  %-10s ratio 100-conn / 1-conn throughput: %.2f\n", what,
                p.one > 0 ? p.hundred / p.one : 0.0);
    return p;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    bool quick = false;
    quint64 seed = 1;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--quick") {
            quick = true;
        } else if (args[i] == u"--seed" && i + 1 < args.size()) {
            seed = args[++i].toULongLong();
        } else {
            std::fprintf(stderr, "usage: bench_cloud [--quick] [--seed N]\n");
            return 2;
        }
    }
    QTemporaryDir dir;
    CloudConfig config;
    config.dataDir = dir.path();
    config.demo = true;
    config.seed = seed;

    std::printf("cloud benchmark (loopback, demo world seed %llu, %d server worker threads)\n",
                static_cast<unsigned long long>(seed), CloudServer::kWorkerThreads);
    QElapsedTimer t;
    t.start();
    auto host = std::make_unique<CloudHost>(config);
    QString error = host->start();
    if (!error.isEmpty()) {
        std::fprintf(stderr, "bench_cloud: %s\n", qPrintable(error));
        return 1;
    }
    std::printf(
        "  cold demo world: %lld ms to build (%d events, media and PKI), %lld ms to listening\n",
        static_cast<long long>(host->world().buildMs), host->world().eventCount,
        static_cast<long long>(t.elapsed()));
    host.reset();
    t.restart();
    host = std::make_unique<CloudHost>(config);
    error = host->start();
    if (!error.isEmpty()) {
        std::fprintf(stderr, "bench_cloud: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("  warm restart (world reused): %lld ms to listening\n",
                static_cast<long long>(t.elapsed()));

    const DemoUser *alice = host->world().user(QStringLiteral("alice"));
    CloudTestClient client(host->url());
    const auto session = client.login(alice->username, alice->password);
    if (!session) {
        std::fprintf(stderr, "bench_cloud: login failed\n");
        return 1;
    }
    QStringList thumbnails;
    for (const QJsonObject &e : client.allEvents(session->token, QStringLiteral("limit=200")))
        thumbnails << e.value(QStringLiteral("thumbnail")).toString();

    const int listings = quick ? 300 : 3000;
    const int thumbs = quick ? 500 : 5000;
    measure(host->url(), session->token, {QStringLiteral("/v1/events?limit=50")}, listings,
            "listing");
    measure(host->url(), session->token, thumbnails, thumbs, "thumbnail");
    return 0;
}
