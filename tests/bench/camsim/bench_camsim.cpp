// bench_camsim [--quick] [--dump DIR] [--threads N] [--preset X264_PRESET]
//
// Prints thumbnails per second (render + JPEG), the time to make a 4 s clip (render + x264 +
// fragmented MP4), and the estimated cold time to generate a demo world of 300 thumbnails and
// 30 clips, serially and on N worker threads (default: the machine's cores), the latter
// measured by actually doing it. --dump writes a sample frame, thumbnail and clip to DIR.
#include "ClipEncoder.h"
#include "SceneRenderer.h"
#include "SceneSpec.h"
#include "SegmentHasher.h"
#include "ThumbnailEncoder.h"

extern "C" {
#include <libavutil/log.h>
}

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace vf::camsim;

namespace {

constexpr qint64 kCaptureMs = 1714566896789;
constexpr int kWorldThumbnails = 300;
constexpr int kWorldClips = 30;

const char *const kLabels[] = {"person", "vehicle", "animal", "motion"};

SceneSpec sceneFor(int i) {
    const QString id = QStringLiteral("cam-%1").arg(i % 12, 4, 10, QLatin1Char('0'));
    return SceneSpec::forCamera(id, QStringLiteral("Camera %1").arg(i % 12),
                                QString::fromLatin1(kLabels[i % 4]), 42);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

void writeFile(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    av_log_set_level(AV_LOG_ERROR);

    QString dumpDir;
    ClipSettings clipSettings; // 640x360, 15 fps, 4 s
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const QStringList args = app.arguments();
    bool quick = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--quick")
            quick = true;
        else if (args[i] == u"--dump" && i + 1 < args.size())
            dumpDir = args[++i];
        else if (args[i] == u"--preset" && i + 1 < args.size())
            clipSettings.preset = args[++i];
        else if (args[i] == u"--threads" && i + 1 < args.size())
            threads = std::max(1, args[++i].toInt());
        else {
            std::fprintf(stderr,
                         "usage: bench_camsim [--quick] [--dump DIR] [--threads N] [--preset P]\n");
            return 2;
        }
    }

    const ThumbnailEncoder thumbs;
    const ClipEncoder clips(clipSettings);
    if (const QString error = ClipEncoder::validate(clipSettings); !error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }

    // Warm-up: first use loads codec tables and pages in code; "cold" below means a fresh
    // world, not a fresh process.
    if (!thumbs.encodeScene(sceneFor(0), kCaptureMs) ||
        !clips.encodeScene(sceneFor(0), kCaptureMs)) {
        std::fprintf(stderr, "warm-up encode failed\n");
        return 1;
    }

    // Thumbnails: render + encode, one thread.
    const int kThumbRuns = quick ? 30 : 200;
    qint64 thumbBytes = 0;
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < kThumbRuns; ++i) {
        const EncodeResult r = thumbs.encodeScene(sceneFor(i), kCaptureMs + i * 1000);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error));
            return 1;
        }
        thumbBytes += r.bytes.size();
    }
    const double thumbMs = timer.nsecsElapsed() / 1e6 / kThumbRuns;

    // Render alone, for the split.
    timer.restart();
    const SceneRenderer small(QSize(320, 180));
    for (int i = 0; i < kThumbRuns; ++i)
        (void)small.renderFrame(sceneFor(i), kCaptureMs, 0, 1);
    const double thumbRenderMs = timer.nsecsElapsed() / 1e6 / kThumbRuns;

    // Clips: 4 s, one thread, several runs.
    std::vector<double> clipMs;
    std::vector<double> clipRenderMs;
    qint64 clipBytes = 0;
    int clipSegments = 0;
    const int kClipRuns = quick ? 3 : 7;
    for (int i = 0; i < kClipRuns; ++i) {
        ClipStats stats;
        timer.restart();
        const EncodeResult r = clips.encodeScene(sceneFor(i), kCaptureMs + i * 1000, &stats);
        clipMs.push_back(timer.nsecsElapsed() / 1e6);
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error));
            return 1;
        }
        clipRenderMs.push_back(stats.renderNs / 1e6);
        clipBytes += r.bytes.size();
        clipSegments += static_cast<int>(SegmentHasher::segmentCount(
            r.bytes.size(), SegmentHasher::segmentLengthFor(r.bytes.size())));
    }
    const double clip4sMs = median(clipMs);

    // Hashing cost, for completeness (the camera signs these).
    const EncodeResult sample = clips.encodeScene(sceneFor(1), kCaptureMs);
    timer.restart();
    for (int i = 0; i < 50; ++i)
        (void)SegmentHasher(SegmentHasher::segmentLengthFor(sample.bytes.size()))
            .hash(sample.bytes);
    const double hashMs = timer.nsecsElapsed() / 1e6 / 50;

    const double serialWorldMs = kWorldThumbnails * thumbMs + kWorldClips * clip4sMs;

    // The demo world for real, on `threads` workers pulling jobs from a shared counter.
    std::atomic<int> next{0};
    std::atomic<bool> failed{false};
    timer.restart();
    {
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&] {
                for (int job = next++; job < kWorldThumbnails + kWorldClips; job = next++) {
                    const bool ok =
                        job < kWorldClips
                            ? clips.encodeScene(sceneFor(job), kCaptureMs + job * 60000).ok()
                            : thumbs.encodeScene(sceneFor(job), kCaptureMs + job * 60000).ok();
                    if (!ok)
                        failed = true;
                }
            });
        }
        for (auto &w : workers)
            w.join();
    }
    const double parallelWorldMs = timer.nsecsElapsed() / 1e6;
    if (failed) {
        std::fprintf(stderr, "an encode of the demo world failed\n");
        return 1;
    }

    std::printf("camsim benchmark (thumbnail 320x180 q80 MJPEG; clip 640x360 15 fps 4 s x264 %s "
                "crf %d, fragmented MP4)\n",
                qPrintable(clips.settings().preset), clips.settings().crf);
    std::printf("  thumbnails/s (render+encode, 1 thread): %8.1f   (%.2f ms each, %.2f ms render, "
                "avg %lld bytes)\n",
                1000.0 / thumbMs, thumbMs, thumbRenderMs, thumbBytes / kThumbRuns);
    std::printf("  4 s clip encode (render+encode, 1 thread): %6.1f ms median of %d   (%.1f ms "
                "render, avg %lld bytes, %.1f segments)\n",
                clip4sMs, kClipRuns, median(clipRenderMs), clipBytes / kClipRuns,
                double(clipSegments) / kClipRuns);
    std::printf("  segment hashing of a clip: %.2f ms\n", hashMs);
    std::printf("  demo world (%d thumbnails + %d clips), cold estimate, 1 thread: %8.0f ms\n",
                kWorldThumbnails, kWorldClips, serialWorldMs);
    std::printf("  demo world measured on %d worker thread(s):              %8.0f ms\n", threads,
                parallelWorldMs);

    if (!dumpDir.isEmpty()) {
        QDir().mkpath(dumpDir);
        const SceneSpec spec = sceneFor(0);
        SceneRenderer()
            .renderFrame(spec, kCaptureMs, 0, 15)
            .save(dumpDir + QStringLiteral("/frame-0000.png"));
        SceneRenderer()
            .renderFrame(spec, kCaptureMs, 30, 15)
            .save(dumpDir + QStringLiteral("/frame-0030.png"));
        writeFile(dumpDir + QStringLiteral("/thumbnail.jpg"),
                  thumbs.encodeScene(spec, kCaptureMs).bytes);
        writeFile(dumpDir + QStringLiteral("/clip.mp4"), clips.encodeScene(spec, kCaptureMs).bytes);
        std::printf("  samples written to %s\n", qPrintable(dumpDir));
    }
    return 0;
}
