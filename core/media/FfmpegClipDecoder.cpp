#include "FfmpegClipDecoder.h"

#include "VerifiedClipBuffer.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/mem.h>
#include <libswscale/swscale.h>
}

#include <QThread>
#include <QVideoFrameFormat>
#include <QVideoSink>
#include <algorithm>
#include <cmath>

namespace vf::media {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// The worker's waits are sliced so that it notices a refused buffer within this, even while
// it paces or is paused (the owner thread drops frames of a refused clip at once anyway).
constexpr auto kSlice = 20ms;
// A frame later than this behind the pacing clock (the verified bytes stalled) resets the
// clock instead of rushing through the backlog.
constexpr auto kMaxLateness = 500ms;
// The demuxer's read buffer: small, so that playback starts as soon as bytes arrive.
constexpr int kIoBufferBytes = 32 * 1024;
// Consecutive packets the decoder may reject before the clip counts as undecodable.
constexpr int kMaxBadPackets = 16;

struct FormatDeleter {
    void operator()(AVFormatContext *f) const { avformat_close_input(&f); }
};
struct CodecDeleter {
    void operator()(AVCodecContext *c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
    void operator()(AVFrame *f) const { av_frame_free(&f); }
};
struct PacketDeleter {
    void operator()(AVPacket *p) const { av_packet_free(&p); }
};
struct SwsDeleter {
    void operator()(SwsContext *s) const { sws_freeContext(s); }
};
struct IoDeleter {
    void operator()(AVIOContext *io) const {
        av_freep(&io->buffer);
        avio_context_free(&io);
    }
};

QString avError(const QString &what, int ret) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(ret, text, sizeof text);
    return QStringLiteral("%1: %2").arg(what, QString::fromUtf8(text));
}

int swsColorspace(AVColorSpace space) {
    switch (space) {
    case AVCOL_SPC_BT709:
        return SWS_CS_ITU709;
    case AVCOL_SPC_FCC:
        return SWS_CS_FCC;
    case AVCOL_SPC_SMPTE240M:
        return SWS_CS_SMPTE240M;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL:
        return SWS_CS_BT2020;
    default: // BT.601 (SMPTE 170M, BT.470BG) and untagged: what swscale and camsim assume
        return SWS_CS_ITU601;
    }
}

// The J ("JPEG", full range) formats are the plain ones with a range; swscale warns about them.
AVPixelFormat withoutJ(AVPixelFormat format, bool *fullRange) {
    switch (format) {
    case AV_PIX_FMT_YUVJ420P:
        *fullRange = true;
        return AV_PIX_FMT_YUV420P;
    case AV_PIX_FMT_YUVJ422P:
        *fullRange = true;
        return AV_PIX_FMT_YUV422P;
    case AV_PIX_FMT_YUVJ444P:
        *fullRange = true;
        return AV_PIX_FMT_YUV444P;
    default:
        return format;
    }
}

} // namespace

// Runs on the worker thread: demux, decode, convert, pace, present.
class FfmpegClipWorker {
public:
    FfmpegClipWorker(FfmpegClipDecoder *q, std::shared_ptr<VerifiedClipBuffer> buffer,
                     quint64 session)
        : q(q)
        , m_buffer(std::move(buffer))
        , m_session(session)
        , m_limits(q->m_limits)
        , m_startedAt(q->m_startedAt) {}

    void run();

private:
    enum class Next { Frame, End, Failed, Stopped };

    static int readPacket(void *opaque, uint8_t *buf, int size);
    static int64_t seekIo(void *opaque, int64_t offset, int whence);
    static int interrupted(void *opaque);

    bool cancelled() const { return q->m_cancel.load(); }
    // Why an FFmpeg call failed: stopped (empty), refused, closed, or FFmpeg's reason.
    QString failure(const QString &what, int ret) const;
    void fail(const QString &message);

    QString openInput();
    QString openDecoder();
    Next decodeNext(AVFrame *out, QString *error);
    QString seekTo(qint64 ms);
    QString convert(const AVFrame *frame, QVideoFrame *out);
    qint64 toMs(int64_t pts) const;
    qint64 frameEndMs(const AVFrame *frame, qint64 startMs) const;
    void publishDuration(qint64 ms);
    // Waits for a control change, a refusal or the deadline; true when the deadline came.
    bool waitUntil(Clock::time_point deadline, quint64 seenSerial);

    FfmpegClipDecoder *const q;
    const std::shared_ptr<VerifiedClipBuffer> m_buffer;
    const quint64 m_session;
    const FfmpegClipDecoder::Limits m_limits;
    const Clock::time_point m_startedAt;

    qint64 m_ioPos = 0;
    std::unique_ptr<AVIOContext, IoDeleter> m_io;
    std::unique_ptr<AVFormatContext, FormatDeleter> m_format;
    std::unique_ptr<AVCodecContext, CodecDeleter> m_codec;
    std::unique_ptr<AVPacket, PacketDeleter> m_packet;
    std::unique_ptr<SwsContext, SwsDeleter> m_sws;
    struct SwsKey {
        int width = 0, height = 0, format = -1, space = -1;
        bool fullRange = false;
        bool operator==(const SwsKey &) const = default;
    } m_swsKey;
    int m_streamIndex = -1;
    AVRational m_timeBase{1, 1000};
    int64_t m_origin = 0; // the stream's first timestamp: position 0
    double m_frameRate = 0;
    bool m_draining = false;
    int m_badPackets = 0;
    qint64 m_publishedDuration = 0;
};

int FfmpegClipWorker::readPacket(void *opaque, uint8_t *buf, int size) {
    auto *self = static_cast<FfmpegClipWorker *>(opaque);
    const qint64 n = self->m_buffer->read(self->m_ioPos, reinterpret_cast<char *>(buf), size,
                                          &self->q->m_cancel);
    if (n > 0) {
        self->m_ioPos += n;
        return static_cast<int>(n);
    }
    if (n == VerifiedClipBuffer::kEnd)
        return AVERROR_EOF;
    return AVERROR_EXIT; // refused, aborted or stopped: failure() tells which
}

int64_t FfmpegClipWorker::seekIo(void *opaque, int64_t offset, int whence) {
    auto *self = static_cast<FfmpegClipWorker *>(opaque);
    const qint64 total = self->m_buffer->totalBytes();
    qint64 base = 0;
    switch (whence & ~AVSEEK_FORCE) {
    case AVSEEK_SIZE:
        return total;
    case SEEK_SET:
        break;
    case SEEK_CUR:
        base = self->m_ioPos;
        break;
    case SEEK_END:
        base = total;
        break;
    default:
        return AVERROR(EINVAL);
    }
    // Anywhere in the attested length; reading ahead of the verified bytes waits for them.
    if (offset < -base || offset > total - base)
        return AVERROR(EINVAL);
    self->m_ioPos = base + offset;
    return self->m_ioPos;
}

int FfmpegClipWorker::interrupted(void *opaque) {
    return static_cast<FfmpegClipWorker *>(opaque)->cancelled() ? 1 : 0;
}

QString FfmpegClipWorker::failure(const QString &what, int ret) const {
    if (cancelled())
        return {};
    switch (m_buffer->state()) {
    case VerifiedClipBuffer::State::Refused:
        return QStringLiteral("the clip was refused");
    case VerifiedClipBuffer::State::Aborted:
        return QStringLiteral("the clip was closed");
    default:
        return avError(what, ret);
    }
}

void FfmpegClipWorker::fail(const QString &message) {
    if (cancelled() || message.isEmpty())
        return; // stop(): no signal
    const bool refused = m_buffer->isRefused();
    const QString text = refused ? QStringLiteral("the clip was refused") : message;
    q->post(m_session, [q = q, text, refused] { q->onError(text, refused); });
}

QString FfmpegClipWorker::openInput() {
    auto *ioBuffer = static_cast<unsigned char *>(av_malloc(kIoBufferBytes));
    if (!ioBuffer)
        return QStringLiteral("out of memory");
    AVIOContext *io =
        avio_alloc_context(ioBuffer, kIoBufferBytes, 0, this, &FfmpegClipWorker::readPacket,
                           nullptr, &FfmpegClipWorker::seekIo);
    if (!io) {
        av_free(ioBuffer);
        return QStringLiteral("out of memory");
    }
    m_io.reset(io);

    AVFormatContext *raw = avformat_alloc_context();
    if (!raw)
        return QStringLiteral("out of memory");
    raw->pb = m_io.get();
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    raw->interrupt_callback = AVIOInterruptCB{&FfmpegClipWorker::interrupted, this};
    // Still streaming: index fragments as they come instead of walking every moof first
    // (which would wait for the whole clip before the first frame).
    if (!m_buffer->isComplete())
        raw->flags |= AVFMT_FLAG_IGNIDX;
    // The mov/mp4 demuxer only: no probing, so no other demuxer ever sees these bytes.
    const AVInputFormat *mp4 = av_find_input_format("mp4");
    if (!mp4) {
        avformat_free_context(raw);
        return QStringLiteral("this FFmpeg has no MP4 demuxer");
    }
    AVDictionary *options = nullptr;
    // Bounds what the demuxer allocates; the clearer maxStreams check follows the open.
    av_dict_set_int(&options, "max_streams", std::max(32, m_limits.maxStreams + 1), 0);
    // avformat_open_input frees the context itself when it fails.
    const int ret = avformat_open_input(&raw, nullptr, mp4, &options);
    av_dict_free(&options);
    if (ret < 0)
        return failure(QStringLiteral("not a playable clip"), ret);
    m_format.reset(raw);

    if (int(m_format->nb_streams) > m_limits.maxStreams)
        return QStringLiteral("the clip has %1 streams (at most %2)")
            .arg(m_format->nb_streams)
            .arg(m_limits.maxStreams);
    for (unsigned i = 0; i < m_format->nb_streams; ++i) {
        const AVStream *st = m_format->streams[i];
        if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && m_streamIndex < 0)
            m_streamIndex = int(i);
        else
            m_format->streams[i]->discard = AVDISCARD_ALL;
    }
    if (m_streamIndex < 0)
        return QStringLiteral("the clip has no video stream");
    const AVStream *st = m_format->streams[m_streamIndex];
    if (st->codecpar->codec_id != AV_CODEC_ID_H264)
        return QStringLiteral("the clip's video is %1, not H.264")
            .arg(QString::fromUtf8(avcodec_get_name(st->codecpar->codec_id)));
    if (st->codecpar->width > m_limits.maxWidth || st->codecpar->height > m_limits.maxHeight)
        return QStringLiteral("the clip's frames are %1x%2 (at most %3x%4)")
            .arg(st->codecpar->width)
            .arg(st->codecpar->height)
            .arg(m_limits.maxWidth)
            .arg(m_limits.maxHeight);
    if (st->time_base.num <= 0 || st->time_base.den <= 0)
        return QStringLiteral("the clip's video has no time base");
    m_timeBase = st->time_base;
    m_origin = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
    if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
        m_frameRate = av_q2d(st->avg_frame_rate);
    return {};
}

QString FfmpegClipWorker::openDecoder() {
    if (!m_format || m_streamIndex < 0)
        return QStringLiteral("the clip is not open");
    const AVStream *st = m_format->streams[m_streamIndex];
    const AVCodec *decoder = avcodec_find_decoder(AV_CODEC_ID_H264);
    if (!decoder)
        return QStringLiteral("this FFmpeg has no H.264 decoder");
    m_codec.reset(avcodec_alloc_context3(decoder));
    m_packet.reset(av_packet_alloc());
    if (!m_codec || !m_packet)
        return QStringLiteral("out of memory");
    int ret = avcodec_parameters_to_context(m_codec.get(), st->codecpar);
    if (ret < 0)
        return avError(QStringLiteral("bad codec parameters"), ret);
    m_codec->pkt_timebase = st->time_base;
    m_codec->max_pixels = int64_t(m_limits.maxWidth) * m_limits.maxHeight;
    m_codec->thread_count = 2;
    if ((ret = avcodec_open2(m_codec.get(), decoder, nullptr)) < 0)
        return avError(QStringLiteral("cannot open the H.264 decoder"), ret);
    return {};
}

FfmpegClipWorker::Next FfmpegClipWorker::decodeNext(AVFrame *out, QString *error) {
    for (;;) {
        int ret = avcodec_receive_frame(m_codec.get(), out);
        if (ret >= 0)
            return Next::Frame;
        if (ret == AVERROR_EOF)
            return Next::End;
        if (ret != AVERROR(EAGAIN)) {
            *error = failure(QStringLiteral("decoding failed"), ret);
            return error->isEmpty() ? Next::Stopped : Next::Failed;
        }
        if (m_draining)
            return Next::End;

        ret = av_read_frame(m_format.get(), m_packet.get());
        if (ret < 0) {
            // A read callback error surfaces as EOF too: tell the real end from the rest.
            const bool trueEnd = ret == AVERROR_EOF && !cancelled() && !m_format->pb->error &&
                                 m_buffer->isComplete();
            if (!trueEnd) {
                *error =
                    failure(QStringLiteral("reading the clip failed"),
                            ret == AVERROR_EOF && m_format->pb->error ? m_format->pb->error : ret);
                return error->isEmpty() ? Next::Stopped : Next::Failed;
            }
            m_draining = true;
            avcodec_send_packet(m_codec.get(), nullptr);
            continue;
        }
        if (m_packet->stream_index != m_streamIndex) {
            av_packet_unref(m_packet.get());
            continue;
        }
        ret = avcodec_send_packet(m_codec.get(), m_packet.get());
        av_packet_unref(m_packet.get());
        if (ret == AVERROR_INVALIDDATA && ++m_badPackets <= kMaxBadPackets)
            continue;
        if (ret < 0 && ret != AVERROR(EAGAIN)) {
            *error = failure(QStringLiteral("the clip cannot be decoded"), ret);
            return error->isEmpty() ? Next::Stopped : Next::Failed;
        }
        m_badPackets = 0;
        // Keep the stream's growing duration (fragments reveal it as they are read).
        const AVStream *st = m_format->streams[m_streamIndex];
        if (st->duration > 0 && st->duration != AV_NOPTS_VALUE)
            publishDuration(av_rescale_q(st->duration, m_timeBase, AVRational{1, 1000}));
    }
}

QString FfmpegClipWorker::seekTo(qint64 ms) {
    const int64_t target = m_origin + av_rescale_q(ms, AVRational{1, 1000}, m_timeBase);
    int ret = av_seek_frame(m_format.get(), m_streamIndex, target, AVSEEK_FLAG_BACKWARD);
    if (ret < 0) // before the first keyframe, or an index that does not know target yet
        ret = avformat_seek_file(m_format.get(), m_streamIndex, INT64_MIN, target, INT64_MAX, 0);
    if (ret < 0)
        return failure(QStringLiteral("cannot seek"), ret);
    avcodec_flush_buffers(m_codec.get());
    m_draining = false;
    return {};
}

qint64 FfmpegClipWorker::toMs(int64_t pts) const {
    if (pts == AV_NOPTS_VALUE)
        return 0;
    return std::max<qint64>(0, av_rescale_q(pts - m_origin, m_timeBase, AVRational{1, 1000}));
}

qint64 FfmpegClipWorker::frameEndMs(const AVFrame *frame, qint64 startMs) const {
    if (frame->pkt_duration > 0)
        return startMs + av_rescale_q(frame->pkt_duration, m_timeBase, AVRational{1, 1000});
    if (m_frameRate > 0)
        return startMs + qint64(std::llround(1000.0 / m_frameRate));
    return startMs;
}

void FfmpegClipWorker::publishDuration(qint64 ms) {
    if (ms <= m_publishedDuration)
        return;
    m_publishedDuration = ms;
    q->m_durationMs.store(ms);
    q->post(m_session, [q = q, ms] { q->onDuration(ms); });
}

QString FfmpegClipWorker::convert(const AVFrame *frame, QVideoFrame *out) {
    if (frame->width <= 0 || frame->height <= 0 || frame->width > m_limits.maxWidth ||
        frame->height > m_limits.maxHeight)
        return QStringLiteral("a frame is %1x%2 (at most %3x%4)")
            .arg(frame->width)
            .arg(frame->height)
            .arg(m_limits.maxWidth)
            .arg(m_limits.maxHeight);
    SwsKey key;
    key.width = frame->width;
    key.height = frame->height;
    key.fullRange = frame->color_range == AVCOL_RANGE_JPEG;
    key.format = withoutJ(static_cast<AVPixelFormat>(frame->format), &key.fullRange);
    key.space = swsColorspace(frame->colorspace);
    if (!m_sws || !(key == m_swsKey)) {
        m_sws.reset(sws_getContext(key.width, key.height, static_cast<AVPixelFormat>(key.format),
                                   key.width, key.height, AV_PIX_FMT_BGRA, SWS_BILINEAR, nullptr,
                                   nullptr, nullptr));
        if (!m_sws)
            return QStringLiteral("cannot convert frames of format %1")
                .arg(QString::fromUtf8(av_get_pix_fmt_name(AVPixelFormat(frame->format))));
        const int *coefficients = sws_getCoefficients(key.space);
        // Output: full-range RGB (the last argument pair is brightness/contrast/saturation).
        sws_setColorspaceDetails(m_sws.get(), coefficients, key.fullRange ? 1 : 0,
                                 sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16);
        m_swsKey = key;
    }

    QVideoFrameFormat format(QSize(frame->width, frame->height),
                             QVideoFrameFormat::Format_BGRX8888);
    if (m_frameRate > 0)
        format.setFrameRate(m_frameRate);
    QVideoFrame video(format);
    if (!video.map(QVideoFrame::WriteOnly))
        return QStringLiteral("out of memory for a %1x%2 frame")
            .arg(frame->width)
            .arg(frame->height);
    uint8_t *dst[4] = {video.bits(0), nullptr, nullptr, nullptr};
    const int dstStride[4] = {video.bytesPerLine(0), 0, 0, 0};
    // AV_PIX_FMT_BGRA writes an opaque alpha: exactly the X byte QImage::Format_RGB32 wants.
    const int rows =
        sws_scale(m_sws.get(), frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    video.unmap();
    if (rows != frame->height)
        return QStringLiteral("converting a frame failed");
    *out = video;
    return {};
}

bool FfmpegClipWorker::waitUntil(Clock::time_point deadline, quint64 seenSerial) {
    QMutexLocker lock(&q->m_mutex);
    for (;;) {
        if (q->m_control.serial != seenSerial || q->m_control.stop || cancelled())
            return false;
        if (m_buffer->state() == VerifiedClipBuffer::State::Refused)
            return false;
        const auto now = Clock::now();
        if (now >= deadline)
            return true;
        const auto slice = std::min<Clock::duration>(deadline - now, kSlice);
        q->m_wake.wait(&q->m_mutex,
                       QDeadlineTimer(std::chrono::duration_cast<std::chrono::nanoseconds>(slice),
                                      Qt::PreciseTimer));
    }
}

void FfmpegClipWorker::run() {
    QString error = openInput();
    // A cancelled open returns no error (stop() wants no signal) and no format context.
    if (error.isEmpty() && !cancelled())
        error = openDecoder();
    if (!error.isEmpty() || cancelled()) {
        fail(error);
        return;
    }
    q->post(m_session, [q = q] { q->onHeaderRead(); });
    {
        const AVStream *st = m_format->streams[m_streamIndex];
        if (st->duration > 0 && st->duration != AV_NOPTS_VALUE)
            publishDuration(av_rescale_q(st->duration, m_timeBase, AVRational{1, 1000}));
        else if (m_format->duration > 0)
            publishDuration(av_rescale_q(m_format->duration, AV_TIME_BASE_Q, {1, 1000}));
    }

    std::unique_ptr<AVFrame, FrameDeleter> decoded(av_frame_alloc());
    std::unique_ptr<AVFrame, FrameDeleter> skipped(av_frame_alloc()); // last one before a seek
    if (!decoded || !skipped) {
        fail(QStringLiteral("out of memory"));
        return;
    }

    struct Held {
        QVideoFrame frame;
        qint64 positionMs = 0;
        bool valid = false;
    } held;
    std::optional<qint64> discardBefore; // after a seek: decode but do not show earlier frames
    bool haveSkipped = false;
    bool atEnd = false;
    bool firstPresented = false;
    bool presentAtOnce = true;
    bool showOne = false; // after a seek: present one frame even while paused
    Clock::time_point anchorWall = Clock::now();
    qint64 anchorMs = 0;
    qint64 lastPresentedMs = -1;
    double speed = 1.0;
    bool paused = false;
    quint64 seenSerial = ~quint64(0);
    quint64 seekSerial = 0;

    for (;;) {
        FfmpegClipDecoder::Control control;
        {
            QMutexLocker lock(&q->m_mutex);
            control = q->m_control;
            q->m_control.seekMs.reset();
        }
        if (control.stop || cancelled())
            return;
        if (m_buffer->state() == VerifiedClipBuffer::State::Refused ||
            m_buffer->state() == VerifiedClipBuffer::State::Aborted) {
            fail(failure(QString(), 0));
            return;
        }
        if (control.serial != seenSerial) {
            seenSerial = control.serial;
            if (control.speed != speed || control.paused != paused) {
                // Re-anchor the clock at the frame on screen: the next one is due one
                // (scaled) frame interval from now.
                anchorWall = Clock::now();
                anchorMs = lastPresentedMs >= 0 ? lastPresentedMs : 0;
                presentAtOnce = lastPresentedMs < 0;
            }
            speed = control.speed;
            paused = control.paused;
        }
        if (control.seekMs) {
            seekSerial = control.seekSerial;
            error = seekTo(*control.seekMs);
            if (!error.isEmpty() || cancelled()) {
                fail(error);
                return;
            }
            held = Held{};
            discardBefore = *control.seekMs;
            haveSkipped = false;
            atEnd = false;
            presentAtOnce = true;
            showOne = true;
            continue;
        }
        if ((paused && !showOne) || atEnd) {
            waitUntil(Clock::now() + kSlice, seenSerial);
            continue;
        }

        if (!held.valid) {
            const Next next = decodeNext(decoded.get(), &error);
            if (next == Next::Stopped)
                return;
            if (next == Next::Failed) {
                fail(error);
                return;
            }
            if (next == Next::End) {
                if (discardBefore && haveSkipped) {
                    // Sought past the last frame: show the last frame.
                    error = convert(skipped.get(), &held.frame);
                    if (!error.isEmpty()) {
                        fail(error);
                        return;
                    }
                    held.positionMs = toMs(skipped->best_effort_timestamp);
                    held.valid = true;
                    av_frame_unref(skipped.get());
                    haveSkipped = false;
                    discardBefore.reset();
                    presentAtOnce = true;
                } else {
                    discardBefore.reset();
                    atEnd = true;
                    q->post(m_session, [q = q, seekSerial] { q->onFinished(seekSerial); });
                    continue;
                }
            } else {
                const qint64 ms = toMs(decoded->best_effort_timestamp);
                publishDuration(frameEndMs(decoded.get(), ms));
                if (discardBefore && ms < *discardBefore) {
                    av_frame_unref(skipped.get());
                    av_frame_move_ref(skipped.get(), decoded.get());
                    haveSkipped = true;
                    continue;
                }
                discardBefore.reset();
                av_frame_unref(skipped.get());
                haveSkipped = false;
                error = convert(decoded.get(), &held.frame);
                av_frame_unref(decoded.get());
                if (!error.isEmpty()) {
                    fail(error);
                    return;
                }
                held.positionMs = ms;
                held.valid = true;
            }
        }

        // Pace on a steady clock: the frame at position p is due at
        // anchorWall + (p - anchorMs) / speed. The anchor moves only on start, seek, pause,
        // resume, speed changes and stalls, so wake-up latencies do not add up.
        const auto now = Clock::now();
        Clock::time_point due = now;
        if (presentAtOnce) {
            presentAtOnce = false;
            anchorWall = now;
            anchorMs = held.positionMs;
        } else {
            const double aheadMs = double(held.positionMs - anchorMs) / speed;
            due = anchorWall + std::chrono::duration_cast<Clock::duration>(
                                   std::chrono::duration<double, std::milli>(aheadMs));
            if (now - due > kMaxLateness) {
                // The verified bytes stalled: carry on from here instead of rushing.
                due = now;
                anchorWall = now;
                anchorMs = held.positionMs;
            }
        }
        if (due > now && !waitUntil(due, seenSerial))
            continue; // a control change or a refusal: re-evaluate, keeping the frame

        q->m_positionMs.store(held.positionMs);
        q->postFrame(m_session, held.frame, held.positionMs, seekSerial);
        lastPresentedMs = held.positionMs;
        held = Held{};
        showOne = false;
        if (!firstPresented) {
            firstPresented = true;
            const qint64 sinceStart =
                std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_startedAt)
                    .count();
            q->post(m_session, [q = q, sinceStart] { Q_EMIT q->firstFrame(sinceStart); });
        }
    }
}

// ---------------------------------------------------------------------------------------------

FfmpegClipDecoder::FfmpegClipDecoder(QObject *parent)
    : FfmpegClipDecoder(Limits{}, parent) {}

FfmpegClipDecoder::FfmpegClipDecoder(Limits limits, QObject *parent)
    : ClipDecoder(parent)
    , m_limits(limits) {}

FfmpegClipDecoder::~FfmpegClipDecoder() {
    joinWorker();
}

void FfmpegClipDecoder::post(quint64 session, std::function<void()> fn) {
    QMetaObject::invokeMethod(
        this,
        [this, session, fn = std::move(fn)] {
            if (session == m_session)
                fn();
        },
        Qt::QueuedConnection);
}

void FfmpegClipDecoder::postFrame(quint64 session, const QVideoFrame &frame, qint64 positionMs,
                                  quint64 seekSerial) {
    bool needPost = false;
    {
        QMutexLocker lock(&m_mutex);
        if (m_mailbox.posted && m_mailbox.frame.isValid())
            m_framesSuperseded.fetch_add(1);
        m_mailbox.frame = frame;
        m_mailbox.positionMs = positionMs;
        m_mailbox.seekSerial = seekSerial;
        needPost = !m_mailbox.posted;
        m_mailbox.posted = true;
    }
    if (needPost)
        post(session, [this] { deliverFrame(); });
}

void FfmpegClipDecoder::deliverFrame() {
    Mailbox mail;
    {
        QMutexLocker lock(&m_mutex);
        mail = std::exchange(m_mailbox, Mailbox{});
    }
    if (!mail.frame.isValid() || m_stopped || m_failed || mail.seekSerial != m_seekSerial)
        return;
    if (!m_buffer || m_buffer->isRefused())
        return; // a refused clip stops at once, whatever the worker had in flight
    ++m_framesDelivered;
    if (QVideoSink *sink = m_sink.data()) {
        // QVideoSink is not documented as thread-safe: set frames on the sink's own thread.
        if (sink->thread() == QThread::currentThread())
            sink->setVideoFrame(mail.frame);
        else
            QMetaObject::invokeMethod(
                sink, [sink, frame = mail.frame] { sink->setVideoFrame(frame); },
                Qt::QueuedConnection);
    }
    Q_EMIT frameReady(mail.frame);
    Q_EMIT positionChanged(mail.positionMs);
}

void FfmpegClipDecoder::onHeaderRead() {
    m_headerRead = true;
    updateState();
}

void FfmpegClipDecoder::onDuration(qint64 ms) {
    Q_EMIT durationChanged(ms);
}

void FfmpegClipDecoder::onFinished(quint64 seekSerial) {
    if (seekSerial != m_seekSerial || m_stopped || m_failed)
        return;
    m_finished = true;
    updateState();
    Q_EMIT finished();
}

void FfmpegClipDecoder::onError(const QString &message, bool refused) {
    if (m_stopped || m_failed)
        return;
    m_failed = true;
    // A refused clip leaves nothing on screen (the app shows the refusal instead).
    if (refused && m_sink)
        m_sink->setVideoFrame(QVideoFrame());
    updateState();
    Q_EMIT error(message);
}

void FfmpegClipDecoder::changeControl(const std::function<void(Control &)> &change) {
    {
        QMutexLocker lock(&m_mutex);
        change(m_control);
        ++m_control.serial;
    }
    m_wake.wakeAll();
}

void FfmpegClipDecoder::updateState() {
    State s = State::Idle;
    if (m_failed)
        s = State::Failed;
    else if (m_stopped)
        s = State::Stopped;
    else if (!m_started)
        s = State::Idle;
    else if (!m_headerRead)
        s = State::Opening;
    else if (m_paused)
        s = State::Paused;
    else if (m_finished)
        s = State::Finished;
    else
        s = State::Playing;
    if (s == m_state)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void FfmpegClipDecoder::joinWorker() {
    if (!m_thread)
        return;
    {
        QMutexLocker lock(&m_mutex);
        m_control.stop = true;
        ++m_control.serial;
    }
    m_cancel.store(true);
    m_wake.wakeAll();
    if (m_buffer)
        m_buffer->wakeReaders();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void FfmpegClipDecoder::resetSession() {
    ++m_session; // events the old worker queued are dropped
    QMutexLocker lock(&m_mutex);
    Control fresh;
    fresh.speed = m_control.speed; // a player setting: it outlives the clip
    m_control = fresh;
    m_mailbox = Mailbox{};
}

bool FfmpegClipDecoder::open(std::shared_ptr<VerifiedClipBuffer> buffer) {
    if (!buffer)
        return false;
    if (m_state != State::Idle && m_state != State::Stopped && m_state != State::Failed)
        return false;
    joinWorker();
    resetSession();
    m_buffer = std::move(buffer);
    m_cancel.store(false);
    m_durationMs.store(0);
    m_positionMs.store(0);
    m_framesSuperseded.store(0);
    m_framesDelivered = 0;
    m_opened = true;
    m_started = m_headerRead = m_paused = m_finished = m_stopped = m_failed = false;
    m_seekSerial = 0;
    updateState();
    return true;
}

void FfmpegClipDecoder::setVideoSink(QVideoSink *sink) {
    m_sink = sink;
}

QVideoSink *FfmpegClipDecoder::videoSink() const {
    return m_sink.data();
}

void FfmpegClipDecoder::start() {
    if (!m_opened || m_started || m_stopped || m_failed)
        return;
    m_started = true;
    m_startedAt = std::chrono::steady_clock::now();
    auto worker = std::make_shared<FfmpegClipWorker>(this, m_buffer, m_session);
    m_thread = QThread::create([worker] { worker->run(); });
    m_thread->setObjectName(QStringLiteral("vf-clip-decoder"));
    m_thread->start();
    updateState();
}

void FfmpegClipDecoder::pause() {
    if (!m_opened || m_stopped || m_failed || m_paused)
        return;
    m_paused = true;
    changeControl([](Control &c) { c.paused = true; });
    updateState();
}

void FfmpegClipDecoder::resume() {
    if (!m_opened || m_stopped || m_failed || !m_paused)
        return;
    m_paused = false;
    changeControl([](Control &c) { c.paused = false; });
    updateState();
}

void FfmpegClipDecoder::seek(qint64 ms) {
    if (!m_opened || m_stopped || m_failed)
        return;
    ms = std::max<qint64>(0, ms);
    const quint64 serial = ++m_seekSerial;
    m_finished = false;
    changeControl([ms, serial](Control &c) {
        c.seekMs = ms;
        c.seekSerial = serial;
    });
    updateState();
}

void FfmpegClipDecoder::setSpeed(double speed) {
    if (!std::isfinite(speed))
        return;
    speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    changeControl([speed](Control &c) { c.speed = speed; });
}

double FfmpegClipDecoder::speed() const {
    QMutexLocker lock(&m_mutex);
    return m_control.speed;
}

void FfmpegClipDecoder::stop() {
    joinWorker();
    if (m_opened && !m_stopped) {
        resetSession(); // nothing the worker queued before it ended is emitted
        m_stopped = true;
        updateState();
    }
}

} // namespace vf::media
