// bench_app [--quick] [--seed N] [--cache DIR] [--rounds N] [--plays N]
//
// Issue 5's benchmark: what the user waits for, verified vs unverified, measured side by side in
// one run against the reference cloud hosted in-process (CloudHost, default demo world: six
// cameras, 50 events each, 2 s 320x180 clips; alice sees 100 events), as the app hosts it.
//   1. First screen: from ClientSession::signIn until the 24 newest thumbnails of the Events tab
//      are decoded for display. A fresh ClientSession on a fresh data directory each play (empty
//      memo, empty parsed-certificate cache), EventSync page size 24; once the session is idle
//      (identity checked, revocations fetched, the first page listed and its 24 thumbnails
//      fetched, judged and cached), each of the 24 newest events goes through
//      VerifiedMediaGate::releaseThumbnail into app::decodeThumbnail (QImageReader, at the
//      tile's sourceSize), on a pool of as many threads as the app's image provider uses.
//      Verified: ClientSession as the app runs it. Unverified: the same, with
//      ClientOptions::verifierForBenchmarks set to a stand-in that checks nothing (below), so the
//      sync and the display gate skip every check of the media. The identity token at sign-in
//      and the revocation list are still verified in both variants: they are not media checks.
//   2. Clip time to first frame: one session signed in as alice and idle (so the clip's
//      attestation and claim are in the memo, as when the user taps a tile already shown), the
//      newest event with a clip. Verified: ClientSession::openClip, i.e. VerifiedClipStream
//      (authorisation, Range requests of kChunkBytes, segment hashes) feeding a
//      VerifiedClipBuffer read by FfmpegClipDecoder into a QVideoSink, from the stream's start()
//      until the decoder's firstFrame. Unverified: the same decoder, buffer and sink fed the same
//      bytes fetched with ApiClient::mediaRange (same ApiClient, same chunk size) with no check
//      at all; its length is known up front (as a listing could give it), so its decoder opens
//      at the same point as the verified one's.
// Each part: one unmeasured warm-up play of each variant, then rounds; a round is a few plays of
// each variant (3 for the first screen, 11 for the clip; --plays N sets both), the variants
// alternating play by play (which one goes first alternates too), and its figure per variant is
// the median of its plays. Printed: the medians of the round figures, their ratio against the
// goal (first screen <= 1.05, issue 17; clip <= 1.1), and each round's verified/unverified pair; as
// context, the first screen's process CPU and the clip's fastest plays (both less at the mercy of
// other processes on a shared machine than the wall-clock medians). --quick: 3 rounds (CI, a few
// seconds); default 9
// (--rounds N). Timings are never asserted: the exit status is non-zero only for a functional
// failure (a sign-in or sync that did not complete, a tile not released or not decoded, a clip
// that did not play or whose bytes differ).
//
// The world is built once and reused from the cache folder ($VERIFRAME_BENCH_CACHE, --cache, or a
// fixed folder in the build tree). The clients' data directories are made there too (not in
// /tmp, see bench_sync) and removed at the end.
#include "CloudHost.h"

#include "ApiClient.h"
#include "CertificateChain.h"
#include "ClientSession.h"
#include "FfmpegClipDecoder.h"
#include "MediaVerifier.h"
#include "OpenSsl.h"
#include "Store.h"
#include "ThumbnailDecoder.h"
#include "UncheckedMediaVerifier.h"
#include "VerifiedClipBuffer.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGuiApplication>
#include <QImage>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QVideoSink>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

using namespace vf;

namespace {

constexpr int kTiles = 24;             // the first screen of the Events tab
constexpr int kPlayTimeoutMs = 60'000; // per play; a functional failure past it
const QSize kTileSourceSize(640, 0);   // qml/EventTile.qml: sourceSize.width 640
// Verified / unverified. The first screen's is issue 17's (a thumbnail shown again costs its
// hash, a memo lookup and the owner check, not a second signature check); the clip's issue 5's.
constexpr double kScreenGoal = 1.05;
constexpr double kClipGoal = 1.1;
// Plays of each variant per round (the round's figure is their median): a load spike on this
// shared machine then moves one play, not the round. A clip's first frame (a few ms) is the
// more sensitive to the scheduler, and a play costs little.
constexpr int kScreenPlays = 3;
constexpr int kClipPlays = 11;

// The clients' data directories, kept until the end (see bench_sync: deleting files in a
// benchmark's loop makes later inode allocations slower on this machine's ext4).
std::vector<std::unique_ptr<QTemporaryDir>> g_dataDirs;
QString g_dataRoot;

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

double msSince(const QElapsedTimer &t) {
    return double(t.nsecsElapsed()) / 1e6;
}

// The machine's load average (others' builds and tests share its cores): what to read the
// figures against.
QString loadAverage() {
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() >= 3 ? QString::fromLatin1(parts[0] + ' ' + parts[1] + ' ' + parts[2])
                             : QStringLiteral("unknown");
}

// CPU time of the whole process (client and in-process cloud), in ms.
double cpuMs() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}

const char *verdict(bool met) {
    return met ? "met" : "MISSED";
}

using vf::bench::UncheckedMediaVerifier;

enum class Variant { Verified, Unverified };

const char *variantName(Variant v) {
    return v == Variant::Verified ? "verified" : "unverified";
}

// ---------------------------------------------------------------------------------------
// The world

struct World {
    std::unique_ptr<cloud::CloudHost> host;
    QString dir;
    std::shared_ptr<const trust::TrustAnchors> anchors;
    cloud::DemoUser alice;
};

std::optional<World> hostWorld(const QString &cacheRoot, quint64 seed, QString *error) {
    World w;
    w.dir = QDir(cacheRoot).filePath(QStringLiteral("app-demo-s%1").arg(seed));
    QDir().mkpath(w.dir);
    cloud::CloudConfig config;
    config.dataDir = w.dir;
    config.demo = true;
    config.seed = seed; // the default world size: 50 events per camera, every clip
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
    const cloud::DemoWorld &world = w.host->world();
    std::printf("  world %s: %d events (%d per camera), %d clips; %s in %lld ms\n",
                qPrintable(QDir(w.dir).dirName()), world.eventCount, world.eventsPerCamera,
                world.clipCount, world.reused ? "reused" : "built",
                static_cast<long long>(startMs));
    std::fflush(stdout);
    return w;
}

sync::ClientOptions clientOptions(const World &w) {
    sync::ClientOptions options;
    options.server = w.host->url();
    options.dataDir = newDataDir();
    options.anchors = w.anchors;
    return options;
}

// Signs in and spins an event loop until the session is idle; empty on success.
QString signInUntilIdle(sync::ClientSession &session, const World &w, QElapsedTimer *clock,
                        double *signedInMs) {
    QString problem;
    QEventLoop loop;
    QObject::connect(&session, &sync::ClientSession::signInFailed, &loop,
                     [&](const QString &code, const QString &message) {
                         problem = QStringLiteral("sign-in refused (%1): %2").arg(code, message);
                         loop.quit();
                     });
    QObject::connect(&session, &sync::ClientSession::signedIn, &loop, [&] {
        if (signedInMs)
            *signedInMs = msSince(*clock);
    });
    QObject::connect(&session, &sync::ClientSession::idle, &loop, &QEventLoop::quit);
    QTimer::singleShot(kPlayTimeoutMs, &loop, [&] {
        problem = QStringLiteral("not idle after %1 s (%2)")
                      .arg(kPlayTimeoutMs / 1000)
                      .arg(session.lastError());
        loop.quit();
    });
    clock->start();
    session.signIn(w.alice.username, w.alice.password);
    loop.exec();
    if (problem.isEmpty() && !session.isIdle())
        problem = QStringLiteral("the session stopped before it was idle");
    return problem;
}

// ---------------------------------------------------------------------------------------
// 1. First screen

struct ScreenPlay {
    bool ok = false;
    QString error;
    double totalMs = 0;    // sign-in until the 24th thumbnail is decoded
    double signedInMs = 0; // identity token checked
    double idleMs = 0;     // the first page's thumbnails fetched, judged and cached
    double cpuMs = 0;      // process CPU (client and in-process cloud) over totalMs
    QSize tileSize;
};

ScreenPlay firstScreenPlay(const World &w, Variant variant,
                           const std::shared_ptr<const sync::MediaVerifier> &standIn,
                           QThreadPool &decodePool) {
    ScreenPlay r;
    // A fresh client: empty memo (per session) and parsed-certificate cache, both variants.
    trust::clearParsedCertificateCache();
    sync::ClientOptions options = clientOptions(w);
    options.sync.pageSize = kTiles;
    if (variant == Variant::Unverified)
        options.verifierForBenchmarks = standIn;
    sync::ClientSession session(options);
    QString error;
    if (!session.open(&error)) {
        r.error = QStringLiteral("store: %1").arg(error);
        return r;
    }

    QElapsedTimer clock;
    const double cpu0 = cpuMs();
    r.error = signInUntilIdle(session, w, &clock, &r.signedInMs);
    if (!r.error.isEmpty())
        return r;
    r.idleMs = msSince(clock);

    // The Events tab's first screen: the 24 newest events, each released through the gate
    // and decoded as the image provider does, on its pool.
    const QList<store::StoredEvent> events =
        session.store()->events().page(session.userId(), {}, std::nullopt, kTiles);
    const std::shared_ptr<sync::VerifiedMediaGate> gate = session.gate();
    std::vector<QImage> images(size_t(events.size()));
    std::vector<QString> errors(size_t(events.size()));
    std::vector<sync::VerifiedMediaGate::Outcome> outcomes(size_t(events.size()));
    for (qsizetype i = 0; i < events.size(); ++i) {
        decodePool.start([&, i] {
            const size_t k = size_t(i);
            outcomes[k] =
                gate->releaseThumbnail(events[i].key(),
                                       [&](const QByteArray &bytes) {
                                           app::DecodedThumbnail decoded =
                                               app::decodeThumbnail(bytes, kTileSourceSize);
                                           images[k] = std::move(decoded.image);
                                           errors[k] = decoded.error;
                                       })
                    .outcome;
        });
    }
    decodePool.waitForDone();
    r.totalMs = msSince(clock);
    r.cpuMs = cpuMs() - cpu0;

    if (events.size() != kTiles) {
        r.error =
            QStringLiteral("%1 events in the store, %2 expected").arg(events.size()).arg(kTiles);
        return r;
    }
    for (size_t k = 0; k < images.size(); ++k) {
        if (outcomes[k] != sync::VerifiedMediaGate::Outcome::Released || images[k].isNull()) {
            r.error = QStringLiteral("tile %1 (%2) not shown: outcome %3 %4")
                          .arg(k)
                          .arg(events[qsizetype(k)].id)
                          .arg(int(outcomes[k]))
                          .arg(errors[k]);
            return r;
        }
    }
    r.tileSize = images.front().size();
    r.ok = true;
    return r;
}

// ---------------------------------------------------------------------------------------
// 2. Clip time to first frame

// The unverified variant's fetcher: the clip's bytes with ApiClient::mediaRange in
// VerifiedClipStream's chunk size, in order, straight into the buffer, with no check at all.
// Bench-only code: nothing like it exists in the app.
class UncheckedClipFetch : public QObject {
public:
    UncheckedClipFetch(net::ApiClient &api, QString path, qint64 total,
                       std::shared_ptr<media::VerifiedClipBuffer> buffer)
        : m_api(api)
        , m_path(std::move(path))
        , m_total(total)
        , m_buffer(std::move(buffer)) {}
    ~UncheckedClipFetch() override {
        // Forgotten first, so that the cancelled call's finished() is ignored.
        if (net::ApiCall *call = std::exchange(m_call, nullptr))
            call->cancel();
    }

    std::function<void(const QString &)> onFailed;
    std::function<void(qint64 offset)> onBytes; // after bytes at offset went into the buffer

    void start() { requestNext(); }

private:
    void requestNext() {
        if (m_requested >= m_total) {
            m_buffer->markComplete();
            return;
        }
        const qint64 to = qMin(m_total, m_requested + sync::VerifiedClipStream::kChunkBytes) - 1;
        m_call = m_api.mediaRange(m_path, m_requested, to);
        net::ApiCall *call = m_call;
        connect(call, &net::ApiCall::finished, this, [this, call] { onChunk(call); });
    }

    void onChunk(net::ApiCall *call) {
        call->deleteLater();
        if (call != m_call)
            return;
        m_call = nullptr;
        const net::ApiResult &result = call->result();
        if (!result.ok() || result.body.isEmpty() || !m_buffer->append(result.body, m_requested)) {
            if (onFailed)
                onFailed(result.ok() ? QStringLiteral("bad chunk") : result.error->describe());
            return;
        }
        if (onBytes)
            onBytes(m_requested);
        m_requested += result.body.size();
        requestNext();
    }

    net::ApiClient &m_api;
    QString m_path;
    qint64 m_total;
    std::shared_ptr<media::VerifiedClipBuffer> m_buffer;
    net::ApiCall *m_call = nullptr;
    qint64 m_requested = 0;
};

struct ClipPlay {
    bool ok = false;
    QString error;
    double firstFrameMs = 0;   // start() until firstFrame
    double decoderStartMs = 0; // start() until the decoder was started (verified: the
                               // authorisation ran in between)
    double firstBytesMs = 0;   // start() until the first bytes were in the buffer
    QSize frameSize;
};

ClipPlay clipPlay(sync::ClientSession &session, const store::StoredEvent &event, qint64 total,
                  Variant variant) {
    ClipPlay r;
    QVideoSink sink;
    media::FfmpegClipDecoder decoder;
    decoder.setVideoSink(&sink);
    std::shared_ptr<media::VerifiedClipBuffer> buffer;
    std::unique_ptr<sync::VerifiedClipStream> stream;
    std::unique_ptr<UncheckedClipFetch> fetch;

    QEventLoop loop;
    QElapsedTimer clock;
    bool gotFrame = false;
    QObject::connect(&decoder, &media::ClipDecoder::firstFrame, &loop, [&] {
        r.firstFrameMs = msSince(clock);
        gotFrame = true;
        loop.quit();
    });
    QObject::connect(&decoder, &media::ClipDecoder::error, &loop, [&](const QString &message) {
        r.error = QStringLiteral("decoder: %1").arg(message);
        loop.quit();
    });
    const auto fail = [&](const QString &message) {
        if (r.error.isEmpty())
            r.error = message;
        loop.quit();
    };
    QTimer::singleShot(kPlayTimeoutMs, &loop, [&] {
        fail(QStringLiteral("no first frame after %1 s").arg(kPlayTimeoutMs / 1000));
    });

    if (variant == Variant::Verified) {
        // As the app's ClipPlayer does it.
        stream = session.openClip(event.key());
        if (!stream) {
            r.error = QStringLiteral("openClip gave no stream");
            return r;
        }
        QObject::connect(stream.get(), &sync::VerifiedClipStream::verifiedBytes, &loop,
                         [&](const QByteArray &bytes, qint64 offset) {
                             if (offset == 0)
                                 r.firstBytesMs = msSince(clock);
                             if (!buffer || !buffer->append(bytes, offset))
                                 fail(QStringLiteral("verified bytes out of order"));
                         });
        QObject::connect(stream.get(), &sync::VerifiedClipStream::completed, &loop, [&] {
            if (buffer)
                buffer->markComplete();
        });
        QObject::connect(stream.get(), &sync::VerifiedClipStream::refused, &loop,
                         [&](const QString &reason, const QString &detail) {
                             if (buffer)
                                 buffer->markRefused();
                             fail(QStringLiteral("clip refused: %1 %2").arg(reason, detail));
                         });
        QObject::connect(stream.get(), &sync::VerifiedClipStream::failed, &loop,
                         [&](const QString &message) {
                             fail(QStringLiteral("clip stream failed: %1").arg(message));
                         });
        clock.start();
        stream->start(); // the authorisation (every check but the bytes), then the first Range
        if (stream->state() != sync::VerifiedClipStream::State::Streaming) {
            r.error = r.error.isEmpty() ? QStringLiteral("the stream did not start") : r.error;
            return r;
        }
        buffer = std::make_shared<media::VerifiedClipBuffer>(stream->totalBytes());
    } else {
        buffer = std::make_shared<media::VerifiedClipBuffer>(total);
        fetch = std::make_unique<UncheckedClipFetch>(session.api(), event.clipUrl, total, buffer);
        fetch->onFailed = [&](const QString &message) {
            fail(QStringLiteral("unchecked fetch failed: %1").arg(message));
        };
        fetch->onBytes = [&](qint64 offset) {
            if (offset == 0)
                r.firstBytesMs = msSince(clock);
        };
        clock.start();
        fetch->start(); // the first Range request
    }
    if (!decoder.open(buffer)) {
        r.error = QStringLiteral("the decoder did not open the buffer");
        return r;
    }
    decoder.start();
    r.decoderStartMs = msSince(clock);
    loop.exec();
    // Decoder first (it reads the buffer), then what feeds it.
    decoder.stop();
    stream.reset();
    fetch.reset();
    buffer->abort();
    QCoreApplication::processEvents(); // the cancelled calls' deleteLater
    if (gotFrame && r.error.isEmpty()) {
        r.frameSize = sink.videoFrame().size();
        r.ok = r.frameSize.isValid();
        if (!r.ok)
            r.error = QStringLiteral("the sink holds no frame");
    }
    return r;
}

// Every byte of the clip, through the verified stream or unchecked; empty on failure.
QByteArray wholeClip(sync::ClientSession &session, const store::StoredEvent &event, Variant variant,
                     qint64 total, QString *error) {
    QByteArray bytes;
    QEventLoop loop;
    QTimer::singleShot(kPlayTimeoutMs, &loop, &QEventLoop::quit);
    if (variant == Variant::Verified) {
        std::unique_ptr<sync::VerifiedClipStream> stream = session.openClip(event.key());
        if (!stream) {
            *error = QStringLiteral("openClip gave no stream");
            return {};
        }
        bool complete = false;
        QObject::connect(stream.get(), &sync::VerifiedClipStream::verifiedBytes, &loop,
                         [&](const QByteArray &b, qint64) { bytes += b; });
        QObject::connect(stream.get(), &sync::VerifiedClipStream::completed, &loop, [&] {
            complete = true;
            loop.quit();
        });
        QObject::connect(stream.get(), &sync::VerifiedClipStream::refused, &loop,
                         [&](const QString &reason, const QString &detail) {
                             *error = QStringLiteral("clip refused: %1 %2").arg(reason, detail);
                             loop.quit();
                         });
        QObject::connect(stream.get(), &sync::VerifiedClipStream::failed, &loop,
                         [&](const QString &message) {
                             *error = message;
                             loop.quit();
                         });
        stream->start();
        if (stream->state() == sync::VerifiedClipStream::State::Streaming)
            loop.exec();
        if (!complete && error->isEmpty())
            *error = QStringLiteral("the verified stream did not complete");
        return complete ? bytes : QByteArray();
    }
    auto buffer = std::make_shared<media::VerifiedClipBuffer>(total);
    UncheckedClipFetch fetch(session.api(), event.clipUrl, total, buffer);
    fetch.onFailed = [&](const QString &message) {
        *error = message;
        loop.quit();
    };
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (buffer->isComplete())
            loop.quit();
    });
    poll.start(5);
    fetch.start();
    loop.exec();
    if (!buffer->isComplete()) {
        if (error->isEmpty())
            *error = QStringLiteral("the unchecked fetch did not complete");
        return {};
    }
    qint64 status = 0;
    return buffer->read(0, total, &status);
}

// ---------------------------------------------------------------------------------------
// Rounds

struct Comparison {
    bool ok = false;
    double verified = 0;
    double unverified = 0;
    std::vector<double> paired;
    double ratio() const { return unverified > 0 ? verified / unverified : 0; }
};

QString pairsText(const std::vector<double> &pairs) {
    QString out;
    for (double p : pairs)
        out += QString::asprintf(" %.2f", p);
    return out;
}

QString roundLabel(int round) {
    return round == 0 ? QStringLiteral("warm-up") : QStringLiteral("round %1").arg(round);
}

// Rounds of plays: round 0 is one unmeasured play of each variant; every other round is
// `plays` pairs, the variants alternating (which goes first alternates from pair to pair and
// round to round), and the round's figure for a variant is the median of its plays. Prints a
// line per variant and round (the median play's details); gives the medians of the round
// figures, each round's verified/unverified pair, and each round's median plays.
template <typename Play> struct Rounds {
    Comparison comparison;
    std::vector<Play> medianPlays[2]; // [0] verified, [1] unverified; measured rounds only
    std::vector<Play> allPlays[2];    // every play of the measured rounds
};

template <typename Play, typename Run, typename Value, typename Describe>
Rounds<Play> runRounds(const char *part, int rounds, int plays, Run run, Value value,
                       Describe describe) {
    Rounds<Play> out;
    std::vector<double> figures[2];
    for (int round = 0; round <= rounds; ++round) {
        const int n = round == 0 ? 1 : plays;
        std::vector<Play> got[2];
        for (int i = 0; i < n; ++i) {
            const bool verifiedFirst = (round + i) % 2 == 0;
            for (Variant v : {verifiedFirst ? Variant::Verified : Variant::Unverified,
                              verifiedFirst ? Variant::Unverified : Variant::Verified}) {
                Play p = run(v);
                if (!p.ok) {
                    std::fprintf(stderr, "bench_app: %s, %s, %s: %s\n", part, variantName(v),
                                 qPrintable(roundLabel(round)), qPrintable(p.error));
                    return out;
                }
                got[v == Variant::Verified ? 0 : 1].push_back(std::move(p));
            }
        }
        double figure[2] = {0, 0};
        for (int k = 0; k < 2; ++k) {
            std::sort(got[k].begin(), got[k].end(),
                      [&](const Play &a, const Play &b) { return value(a) < value(b); });
            const Play &mid = got[k][got[k].size() / 2];
            figure[k] = value(mid);
            const QString spread =
                n > 1 ? QString::asprintf("median of %d: %.1f..%.1f", n, value(got[k].front()),
                                          value(got[k].back()))
                      : QStringLiteral("1 play");
            std::printf("  %-8s %-10s %7.1f ms  (%s; %s)\n", qPrintable(roundLabel(round)),
                        variantName(k == 0 ? Variant::Verified : Variant::Unverified), figure[k],
                        qPrintable(spread), qPrintable(describe(mid)));
            if (round > 0) {
                figures[k].push_back(figure[k]);
                out.medianPlays[k].push_back(mid);
                out.allPlays[k].insert(out.allPlays[k].end(), got[k].begin(), got[k].end());
            }
        }
        std::fflush(stdout);
        if (round > 0)
            out.comparison.paired.push_back(figure[0] / figure[1]);
    }
    out.comparison.ok = true;
    out.comparison.verified = median(figures[0]);
    out.comparison.unverified = median(figures[1]);
    return out;
}

template <typename Play, typename Field>
double medianOf(const std::vector<Play> &plays, Field field) {
    std::vector<double> v;
    for (const Play &p : plays)
        v.push_back(field(p));
    return median(std::move(v));
}

Comparison measureFirstScreen(const World &w, int rounds, int plays) {
    const auto standIn = std::make_shared<const UncheckedMediaVerifier>();
    // As many threads as the app's image provider decodes on (VerifiedImageProvider).
    QThreadPool decodePool;
    decodePool.setMaxThreadCount(qBound(2, QThread::idealThreadCount(), 4));
    const auto total = [](const ScreenPlay &r) { return r.totalMs; };
    const Rounds<ScreenPlay> out = runRounds<ScreenPlay>(
        "first screen", rounds, plays,
        [&](Variant v) { return firstScreenPlay(w, v, standIn, decodePool); }, total,
        [](const ScreenPlay &r) {
            return QString::asprintf("signed in at %5.1f ms, idle at %5.1f ms, %d tiles released "
                                     "and decoded in %4.1f ms, %dx%d; cpu %5.1f ms",
                                     r.signedInMs, r.idleMs, kTiles, r.totalMs - r.idleMs,
                                     r.tileSize.width(), r.tileSize.height(), r.cpuMs);
        });
    if (out.comparison.ok) {
        const auto idle = [](const ScreenPlay &r) { return r.idleMs; };
        const auto decode = [](const ScreenPlay &r) { return r.totalMs - r.idleMs; };
        const double decodeV = medianOf(out.medianPlays[0], decode);
        const double decodeU = medianOf(out.medianPlays[1], decode);
        std::printf("  medians: idle at %.1f ms verified, %.1f ms unverified; the %d tiles "
                    "released and decoded in %.1f ms verified, %.1f ms unverified (ratio %.2f)\n",
                    medianOf(out.medianPlays[0], idle), medianOf(out.medianPlays[1], idle), kTiles,
                    decodeV, decodeU, decodeU > 0 ? decodeV / decodeU : 0.0);
        // CPU time is less at the mercy of other processes than wall time (on a shared machine
        // the first screen mostly waits for a core): the verification's cost in CPU.
        const auto cpu = [](const ScreenPlay &r) { return r.cpuMs; };
        const double cpuV = medianOf(out.allPlays[0], cpu);
        const double cpuU = medianOf(out.allPlays[1], cpu);
        std::printf("  process CPU per first screen (client and in-process cloud), median of every "
                    "play: %.1f ms verified, %.1f ms unverified, ratio %.2f\n",
                    cpuV, cpuU, cpuU > 0 ? cpuV / cpuU : 0.0);
    }
    return out.comparison;
}

Comparison measureClip(const World &w, int rounds, int plays) {
    // One session as the app has it when the user taps a tile: signed in and idle.
    sync::ClientOptions options = clientOptions(w);
    sync::ClientSession session(options);
    QString error;
    if (!session.open(&error)) {
        std::fprintf(stderr, "bench_app: clip: store: %s\n", qPrintable(error));
        return {};
    }
    QElapsedTimer clock;
    error = signInUntilIdle(session, w, &clock, nullptr);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "bench_app: clip: %s\n", qPrintable(error));
        return {};
    }
    std::optional<store::StoredEvent> event;
    for (const store::StoredEvent &e :
         session.store()->events().page(session.userId(), {}, std::nullopt, 1000)) {
        if (!e.clipUrl.isEmpty() && e.state == store::VerificationState::Verified) {
            event = e;
            break;
        }
    }
    if (!event) {
        std::fprintf(stderr, "bench_app: clip: alice has no verified event with a clip\n");
        return {};
    }

    // The clip through the verified stream, then the same bytes unchecked (both unmeasured):
    // the variants must decode the very same bytes.
    const QByteArray verifiedBytes = wholeClip(session, *event, Variant::Verified, 0, &error);
    if (verifiedBytes.isEmpty()) {
        std::fprintf(stderr, "bench_app: clip: %s\n", qPrintable(error));
        return {};
    }
    const qint64 total = verifiedBytes.size();
    const QByteArray uncheckedBytes =
        wholeClip(session, *event, Variant::Unverified, total, &error);
    if (uncheckedBytes != verifiedBytes) {
        std::fprintf(stderr,
                     "bench_app: clip: the unchecked bytes differ from the verified ones "
                     "(%s)\n",
                     qPrintable(error));
        return {};
    }
    std::printf("  event %s (%s), clip %lld bytes = %lld chunk(s) of at most %lld KiB, the same "
                "bytes in both variants\n",
                qPrintable(event->id), qPrintable(event->deviceName), static_cast<long long>(total),
                static_cast<long long>((total + sync::VerifiedClipStream::kChunkBytes - 1) /
                                       sync::VerifiedClipStream::kChunkBytes),
                static_cast<long long>(sync::VerifiedClipStream::kChunkBytes / 1024));
    std::fflush(stdout);

    const Rounds<ClipPlay> out = runRounds<ClipPlay>(
        "clip", rounds, plays, [&](Variant v) { return clipPlay(session, *event, total, v); },
        [](const ClipPlay &r) { return r.firstFrameMs; },
        [](const ClipPlay &r) {
            return QString::asprintf("decoder started at %4.2f ms, first bytes in the buffer at "
                                     "%4.2f ms; frame %dx%d",
                                     r.decoderStartMs, r.firstBytesMs, r.frameSize.width(),
                                     r.frameSize.height());
        });
    if (out.comparison.ok) {
        const auto toDecoder = [](const ClipPlay &r) { return r.decoderStartMs; };
        const auto toBytes = [](const ClipPlay &r) { return r.firstBytesMs; };
        std::printf("  medians: decoder started at %.2f ms verified (after the authorisation), "
                    "%.2f ms unverified; first bytes in the buffer at %.2f ms verified (hash "
                    "checked), %.2f ms unverified\n",
                    medianOf(out.medianPlays[0], toDecoder),
                    medianOf(out.medianPlays[1], toDecoder), medianOf(out.medianPlays[0], toBytes),
                    medianOf(out.medianPlays[1], toBytes));
        // The lower envelope: a play that no other process disturbed (on a shared machine a
        // first frame of a few ms is often a scheduler slice late, in either variant).
        const auto earlier = [](const ClipPlay &a, const ClipPlay &b) {
            return a.firstFrameMs < b.firstFrameMs;
        };
        const double fastV =
            std::min_element(out.allPlays[0].begin(), out.allPlays[0].end(), earlier)->firstFrameMs;
        const double fastU =
            std::min_element(out.allPlays[1].begin(), out.allPlays[1].end(), earlier)->firstFrameMs;
        std::printf("  fastest play: %.2f ms verified, %.2f ms unverified, ratio %.2f\n", fastV,
                    fastU, fastU > 0 ? fastV / fastU : 0.0);
    }
    return out.comparison;
}

} // namespace

int main(int argc, char **argv) {
    // QVideoSink needs a QGuiApplication, not a window: headless by default.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    av_log_set_level(AV_LOG_ERROR);

    bool quick = false;
    quint64 seed = 1;
    int rounds = -1;
    int plays = -1; // per variant and round; default kScreenPlays and kClipPlays
    QString cache =
        qEnvironmentVariable("VERIFRAME_BENCH_CACHE", QStringLiteral(VF_BENCH_CACHE_DIR));
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--quick") {
            quick = true;
        } else if (args[i] == u"--seed" && i + 1 < args.size()) {
            seed = args[++i].toULongLong();
        } else if (args[i] == u"--cache" && i + 1 < args.size()) {
            cache = args[++i];
        } else if (args[i] == u"--rounds" && i + 1 < args.size() && args[i + 1].toInt() > 0) {
            rounds = args[++i].toInt();
        } else if (args[i] == u"--plays" && i + 1 < args.size() && args[i + 1].toInt() > 0) {
            plays = args[++i].toInt();
        } else {
            std::fprintf(stderr, "usage: bench_app [--quick] [--seed N] [--cache DIR] [--rounds N] "
                                 "[--plays N]\n");
            return 2;
        }
    }
    if (rounds < 0)
        rounds = quick ? 3 : 9;
    const int screenPlays = plays > 0 ? plays : kScreenPlays;
    const int clipPlays = plays > 0 ? plays : kClipPlays;

    std::printf("bench_app: what the user waits for, verified vs unverified, against the "
                "in-process reference cloud (%d cores, seed %llu%s)\n",
                QThread::idealThreadCount(), static_cast<unsigned long long>(seed),
                quick ? ", quick" : "");
    std::printf("  world cache %s; load average %s\n", qPrintable(QDir(cache).absolutePath()),
                qPrintable(loadAverage()));
    std::fflush(stdout);
    QElapsedTimer total;
    total.start();
    g_dataRoot = QDir(cache).filePath(QStringLiteral("app-clients"));
    QDir().mkpath(g_dataRoot);
    removeStaleDataDirs();

    QString error;
    std::optional<World> w = hostWorld(cache, seed, &error);
    if (!w) {
        std::fprintf(stderr, "bench_app: cloud: %s\n", qPrintable(error));
        return 1;
    }

    std::printf("first screen: sign-in until the %d newest thumbnails are decoded (ClientSession, "
                "page size %d, a fresh data dir each play; released through the gate and decoded "
                "on the image provider's %d threads); a warm-up, then %d round(s) of %d play(s) "
                "of each variant, alternating\n",
                kTiles, kTiles, qBound(2, QThread::idealThreadCount(), 4), rounds, screenPlays);
    std::fflush(stdout);
    const Comparison screen = measureFirstScreen(*w, rounds, screenPlays);
    if (screen.ok) {
        std::printf("first screen (24 tiles)  verified %.1f ms  unverified %.1f ms  ratio %.3f "
                    "(goal <= %.2f)\n",
                    screen.verified, screen.unverified, screen.ratio(), kScreenGoal);
        std::printf("first screen  per-round pairs verified/unverified:%s (median %.2f)\n",
                    qPrintable(pairsText(screen.paired)), median(screen.paired));
    }
    std::fflush(stdout);

    std::printf("clip time to first frame: VerifiedClipStream -> VerifiedClipBuffer -> "
                "FfmpegClipDecoder -> QVideoSink vs the same bytes by mediaRange unchecked "
                "(one session, signed in and idle); a warm-up, then %d round(s) of %d play(s) of "
                "each variant, alternating\n",
                rounds, clipPlays);
    std::fflush(stdout);
    const Comparison clip = measureClip(*w, rounds, clipPlays);
    if (clip.ok) {
        std::printf("clip time to first frame  verified %.1f ms  unverified %.1f ms  ratio %.3f "
                    "(goal <= %.2f)\n",
                    clip.verified, clip.unverified, clip.ratio(), kClipGoal);
        std::printf("clip  per-round pairs verified/unverified:%s (median %.2f)\n",
                    qPrintable(pairsText(clip.paired)), median(clip.paired));
    }

    std::printf("summary (%.1f s; load average %s)\n", double(total.elapsed()) / 1000.0,
                qPrintable(loadAverage()));
    if (screen.ok)
        std::printf("  first screen verified/unverified %.3f (goal <= %.2f): %s\n", screen.ratio(),
                    kScreenGoal, verdict(screen.ratio() <= kScreenGoal));
    else
        std::printf("  first screen: FAILED (see above)\n");
    if (clip.ok)
        std::printf("  clip time to first frame verified/unverified %.3f (goal <= %.2f): %s\n",
                    clip.ratio(), kClipGoal, verdict(clip.ratio() <= kClipGoal));
    else
        std::printf("  clip time to first frame: FAILED (see above)\n");
    std::fflush(stdout);
    // The cloud stops before the clients' data directories go (said, with the time it took, so
    // that a slow disk is not mistaken for a hang).
    QElapsedTimer cleanup;
    cleanup.start();
    w.reset();
    const qint64 stopMs = cleanup.restart();
    const size_t dirs = g_dataDirs.size();
    g_dataDirs.clear();
    std::printf("  (cloud stopped in %.1f s; removed %zu client data directories in %.1f s)\n",
                double(stopMs) / 1000.0, dirs, double(cleanup.elapsed()) / 1000.0);
    return screen.ok && clip.ok ? 0 : 1;
}
