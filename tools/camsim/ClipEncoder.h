#pragma once
// H.264 clips in fragmented MP4, written to memory. The fragments start at every keyframe
// (one a second by default) behind an empty moov, so a client can play and verify the clip
// segment by segment while it streams (cloud-api.md: Range requests; trust.md §5 "segs").
//
// Re-entrant: encode() is const and builds its own codec, muxer and I/O per call, so worker
// threads can encode clips in parallel. FFmpeg's own global state (log level, callbacks) is
// left to the application; x264 logs its summary at AV_LOG_INFO unless the application
// lowers av_log_set_level().
#include "EncodeResult.h"
#include "SceneSpec.h"

#include <QImage>
#include <QSize>
#include <QString>
#include <functional>

namespace vf::camsim {

struct ClipSettings {
    QSize size = QSize(640, 360); // even, 16..3840 x 16..2160
    int fps = 15;                 // 1..60
    qint64 durationMs = 4000;     // 1 ms .. 10 min; frame count rounds to nearest frame
    // A keyframe, hence a new MP4 fragment, this often: 1 s keeps fragments small enough to
    // stream and seek in while costing little compression at these sizes.
    int keyframeIntervalMs = 1000;
    // x264 speed/size trade-off (see bench_camsim for the measured cost).
    QString preset = QStringLiteral("veryfast");
    int crf = 26; // 0..51, x264's constant rate factor; ~26 is visually clean for the scenes
    // Fixed encoder threads. 1 by default: parallelism comes from encoding several clips on
    // worker threads, and x264's output depends on its thread count, so "auto" (0) would make
    // the bytes, hence the signed hashes, depend on the host's core count.
    int threads = 1;
};

// Per-clip measurements, for the benchmark and for tests.
struct ClipStats {
    int frames = 0;
    int keyframes = 0;
    qint64 renderNs = 0;       // producing the QImages (the frame source)
    qint64 encodeNs = 0;       // colour conversion, x264 and muxing
    qint64 rewrittenBytes = 0; // bytes the muxer patched after writing them (0 = pure stream)
};

class ClipEncoder {
public:
    // Returns frame frameIndex (0-based) of the clip; any size (it is scaled).
    using FrameSource = std::function<QImage(int frameIndex)>;

    explicit ClipEncoder(ClipSettings settings = {});

    const ClipSettings &settings() const { return m_settings; }

    // Why settings cannot work, or an empty string.
    static QString validate(const ClipSettings &settings);

    // Frames in a clip of these settings (0 when they are invalid).
    static int frameCount(const ClipSettings &settings);

    // Encodes frameCount() frames pulled from source. stats, when given, is filled in.
    EncodeResult encode(const FrameSource &source, ClipStats *stats = nullptr) const;

    // Renders the event's scene at settings().size, frame i at captureTimeMs + i/fps.
    EncodeResult encodeScene(const SceneSpec &spec, qint64 captureTimeMs,
                             ClipStats *stats = nullptr) const;

private:
    ClipSettings m_settings;
};

} // namespace vf::camsim
