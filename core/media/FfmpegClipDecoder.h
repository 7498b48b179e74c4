#pragma once
// ClipDecoder with FFmpeg: fragmented MP4 (the mov demuxer, forced: no format probing) with
// one H.264 video stream (libavcodec's own h264 decoder), converted to QVideoFrames.
//
// Nothing here ever reads bytes from anywhere but a VerifiedClipBuffer: the demuxer's only
// input is a custom AVIOContext whose read callback is VerifiedClipBuffer::read() and whose
// seek callback moves within the clip's attested length (AVSEEK_SIZE answers it). No file,
// URL or protocol is ever opened, so nothing reaches the decoder without a verified verdict
// for the signed-in account.
//
// Streaming: reads block until the verified bytes at the read position have arrived, so the
// first frame needs only the header, the first moof and the first samples, not the whole
// clip. While the clip is still streaming at open, the demuxer indexes fragments as it reaches
// them (AVFMT_FLAG_IGNIDX) instead of walking every moof first (which would wait for the last
// byte); durationMs() then grows fragment by fragment. A seek ahead of the verified bytes
// waits for them.
//
// Frames: Format_BGRX8888 (QImage::Format_RGB32's byte order on little-endian hosts),
// converted by swscale on the worker thread with the stream's colour matrix and range. One
// plane in the most common texture format renders the same on every Qt 6.4 path: the RHI
// backends (including software OpenGL, llvmpipe), QVideoFrame::toImage() and
// QVideoFrame::paint() with QPainter. With YUV420P the 6.4 shaders and CPU converters would
// each apply their own reading of the colour space and range (untagged streams differ between
// them); for camera clips (320x180 .. 1080p) the conversion costs little.
//
// Bounds (Limits): at most maxStreams streams, at least one video stream, H.264 only, frames
// at most maxWidth x maxHeight (also libavcodec's max_pixels), headers that claim at most
// maxSamples samples and no more than the clip has bytes (FfmpegClipReader's header gate).
// Violations, malformed input and refused clips end in error(), never a crash.
//
// The worker thread's demuxing and decoding is FfmpegClipReader's, which the fuzz target
// fuzz_mp4_demux drives without a thread, a sink or an event loop.
#include "ClipDecoder.h"
#include "FfmpegClipReader.h"

#include <QMutex>
#include <QPointer>
#include <QVideoFrame>
#include <QWaitCondition>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace vf::media {

class FfmpegClipDecoder final : public ClipDecoder {
    Q_OBJECT
public:
    using Limits = FfmpegClipLimits; // 3840 x 2160, 4 streams, 2^20 samples

    explicit FfmpegClipDecoder(QObject *parent = nullptr);
    explicit FfmpegClipDecoder(Limits limits, QObject *parent = nullptr);
    ~FfmpegClipDecoder() override;

    bool open(std::shared_ptr<VerifiedClipBuffer> buffer) override;
    void setVideoSink(QVideoSink *sink) override;
    QVideoSink *videoSink() const override;
    void start() override;
    void pause() override;
    void resume() override;
    void seek(qint64 ms) override;
    void setSpeed(double speed) override;
    double speed() const override;
    void stop() override;
    State state() const override { return m_state; }
    qint64 durationMs() const override { return m_durationMs.load(); }
    qint64 positionMs() const override { return m_positionMs.load(); }

    const Limits &limits() const { return m_limits; }
    // Frames emitted (frameReady) since open(), and frames the worker presented but that were
    // superseded before the owner thread got to them (a busy GUI thread shows the newest).
    int framesDelivered() const { return m_framesDelivered; }
    int framesSuperseded() const { return m_framesSuperseded.load(); }

private:
    friend class FfmpegClipWorker;

    // Shared with the worker thread, under m_mutex.
    struct Control {
        bool stop = false;
        bool paused = false;
        double speed = 1.0;
        std::optional<qint64> seekMs;
        quint64 seekSerial = 0; // seeks requested so far
        quint64 serial = 0;     // any change the worker's waits must notice
    };
    // The newest presented frame, waiting for the owner thread.
    struct Mailbox {
        QVideoFrame frame;
        qint64 positionMs = 0;
        quint64 seekSerial = 0;
        bool posted = false;
    };

    void changeControl(const std::function<void(Control &)> &change);
    void updateState();
    void joinWorker();
    void resetSession();

    // From the worker thread: runs fn on the owner thread unless the session has ended.
    void post(quint64 session, std::function<void()> fn);
    // Worker thread: the newest presented frame; only one delivery is queued at a time.
    void postFrame(quint64 session, const QVideoFrame &frame, qint64 positionMs,
                   quint64 seekSerial);

    // Owner thread.
    void deliverFrame();
    void onHeaderRead();
    void onDuration(qint64 ms);
    void onFinished(quint64 seekSerial);
    void onError(const QString &message, bool refused);

    const Limits m_limits;
    std::shared_ptr<VerifiedClipBuffer> m_buffer;
    QPointer<QVideoSink> m_sink;
    QThread *m_thread = nullptr;

    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    Control m_control;
    Mailbox m_mailbox;

    std::atomic<bool> m_cancel{false};
    std::atomic<qint64> m_durationMs{0};
    std::atomic<qint64> m_positionMs{0};
    std::atomic<int> m_framesSuperseded{0};
    std::chrono::steady_clock::time_point m_startedAt;

    // Owner thread only.
    State m_state = State::Idle;
    bool m_opened = false;  // open() accepted a buffer
    bool m_started = false; // start() since open()
    bool m_headerRead = false;
    bool m_paused = false;
    bool m_finished = false;
    bool m_stopped = false;
    bool m_failed = false;
    quint64 m_seekSerial = 0;
    int m_framesDelivered = 0;
    quint64 m_session = 0; // open() count: events of an earlier session are dropped
};

} // namespace vf::media
