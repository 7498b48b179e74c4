// bench_media [--quick] [--kbps N]
//
// Time to the first frame of a clip (640x360, 15 fps, 4 s, camsim's fragmented H.264):
//   - "all at once": the whole clip is verified and in the buffer before start();
//   - "streamed": the bytes are released in 16 KiB pieces at N kbit/s (default 4000), the way
//     VerifiedClipStream releases segments as their hashes match, and start() comes with the
//     first byte.
// Prints the medians and two ratios: streamed vs all-at-once (what streaming costs the
// decoder) and download-then-play vs streamed (what streaming saves the viewer).
#include "ClipEncoder.h"
#include "FfmpegClipDecoder.h"
#include "SceneSpec.h"
#include "VerifiedClipBuffer.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace vf::media;

namespace {

constexpr qint64 kCaptureMs = 1714566896789;
constexpr qint64 kPieceBytes = 16 * 1024;

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Milliseconds from start() to the first frame; -1 on failure. pieceIntervalMs < 0: the buffer
// is filled and complete before start().
double timeToFirstFrame(const QByteArray &clip, double pieceIntervalMs) {
    auto buffer = std::make_shared<VerifiedClipBuffer>(clip.size());
    FfmpegClipDecoder decoder;
    QEventLoop loop;
    double result = -1;
    QElapsedTimer clock;
    QObject::connect(&decoder, &ClipDecoder::firstFrame, &loop, [&] {
        result = double(clock.nsecsElapsed()) / 1e6;
        loop.quit();
    });
    QObject::connect(&decoder, &ClipDecoder::error, &loop, [&](const QString &message) {
        std::fprintf(stderr, "decoder error: %s\n", qPrintable(message));
        loop.quit();
    });
    QTimer feeder;
    feeder.setTimerType(Qt::PreciseTimer);
    qint64 fed = 0;
    const auto feedOne = [&] {
        const qint64 n = std::min<qint64>(kPieceBytes, clip.size() - fed);
        if (n > 0 && buffer->append(clip.mid(fed, n), fed))
            fed += n;
        if (fed == clip.size()) {
            buffer->markComplete();
            feeder.stop();
        }
    };
    if (pieceIntervalMs < 0) {
        while (fed < clip.size())
            feedOne();
    } else {
        QObject::connect(&feeder, &QTimer::timeout, &loop, feedOne);
        feeder.setInterval(std::max(1, int(pieceIntervalMs + 0.5)));
    }
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    decoder.open(buffer);
    clock.start();
    if (pieceIntervalMs >= 0) {
        feedOne(); // the first piece arrives with start()
        feeder.start();
    }
    decoder.start();
    loop.exec();
    decoder.stop();
    return result;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    av_log_set_level(AV_LOG_ERROR);
    const QStringList args = app.arguments();
    const bool quick = args.contains(QStringLiteral("--quick"));
    double kbps = 4000;
    if (const qsizetype i = args.indexOf(QStringLiteral("--kbps")); i >= 0 && i + 1 < args.size())
        kbps = std::max(100.0, args.at(i + 1).toDouble());
    const int runs = quick ? 3 : 15;

    vf::camsim::ClipSettings settings;
    settings.size = QSize(640, 360);
    settings.fps = 15;
    settings.durationMs = 4000;
    const auto spec = vf::camsim::SceneSpec::forCamera(
        QStringLiteral("cam-0001"), QStringLiteral("Front Door"), QStringLiteral("person"));
    const auto clip = vf::camsim::ClipEncoder(settings).encodeScene(spec, kCaptureMs);
    if (!clip) {
        std::fprintf(stderr, "%s\n", qPrintable(clip.error));
        return 1;
    }
    const double pieceIntervalMs = double(kPieceBytes) * 8.0 / kbps; // kbit/s = bits per ms
    const double downloadMs =
        double((clip.bytes.size() + kPieceBytes - 1) / kPieceBytes - 1) * pieceIntervalMs;

    timeToFirstFrame(clip.bytes, -1); // warm-up: FFmpeg's and Qt's first-use costs
    std::vector<double> whole;
    std::vector<double> streamed;
    for (int i = 0; i < runs; ++i) {
        const double a = timeToFirstFrame(clip.bytes, -1);
        const double b = timeToFirstFrame(clip.bytes, pieceIntervalMs);
        if (a < 0 || b < 0) {
            std::fprintf(stderr, "a run failed\n");
            return 1;
        }
        whole.push_back(a);
        streamed.push_back(b);
    }
    const double w = median(whole);
    const double s = median(streamed);
    std::printf("media benchmark (clip 640x360 15 fps 4 s, %lld bytes; streamed in 16 KiB pieces "
                "at %.0f kbit/s; median of %d)\n",
                qint64(clip.bytes.size()), kbps, runs);
    std::printf("  time to first frame, all at once:  %8.1f ms\n", w);
    std::printf("  time to first frame, streamed:     %8.1f ms\n", s);
    std::printf("  download, then play:               %8.1f ms (%.1f ms to release every byte)\n",
                downloadMs + w, downloadMs);
    std::printf("  ratio streamed / all at once:      %8.2fx\n", s / std::max(0.001, w));
    std::printf("  ratio download-then-play / streamed: %6.2fx\n",
                (downloadMs + w) / std::max(0.001, s));
    return 0;
}
