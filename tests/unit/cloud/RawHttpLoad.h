#pragma once
// A loopback load generator: N keep-alive connections opened at once, each sending GET
// requests one after the other until a total is reached. QNetworkAccessManager caps a host
// at six connections, so "100 concurrent clients" needs raw sockets. Used by the API tests
// (every client answered) and by bench_cloud (requests per second).
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace vf::cloud::test {

struct LoadResult {
    int answered = 0; // requests with a complete HTTP answer
    int ok = 0;       // of which status 200
    int failed = 0;   // connection errors, timeouts
    qint64 elapsedMs = 0;
    double requestsPerSecond() const {
        return elapsedMs > 0 ? 1000.0 * answered / double(elapsedMs) : 0.0;
    }
};

// Sends total GETs of paths (round robin) with "Authorization: Bearer token" over
// connections concurrent sockets to base (http://127.0.0.1:PORT). Gives up after timeoutMs.
LoadResult runLoad(const QUrl &base, const QString &token, const QStringList &paths,
                   int connections, int total, int timeoutMs = 60'000);

} // namespace vf::cloud::test
