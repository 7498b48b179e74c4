#include "FfmpegClipReader.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libavutil/mem.h>
#include <libswscale/swscale.h>
}

#include <QVideoFrame>
#include <QVideoFrameFormat>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace vf::media {
namespace {

// The demuxer's read buffer: small, so that playback starts as soon as bytes arrive.
constexpr int kIoBufferBytes = 32 * 1024;
// Consecutive packets the decoder may reject before the clip counts as undecodable.
constexpr int kMaxBadPackets = 16;
// A top-level box other than mdat is read whole by the header gate: this big at most (a
// camera clip's moov and moof boxes are a few KB; an hour's unfragmented moov a few MB).
constexpr qint64 kMaxHeaderBoxBytes = 16 * 1024 * 1024;
// openGate(): the headers claim too much, or cannot be checked.
constexpr qint64 kGateRefused = -100;

quint64 be32(const char *p) {
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (quint64(u[0]) << 24) | (quint64(u[1]) << 16) | (quint64(u[2]) << 8) | u[3];
}

quint64 be64(const char *p) {
    return (be32(p) << 32) | be32(p + 4);
}

// A box type as be32() reads it.
constexpr quint64 fourcc(const char (&type)[5]) {
    return (quint64(quint8(type[0])) << 24) | (quint64(quint8(type[1])) << 16) |
           (quint64(quint8(type[2])) << 8) | quint8(type[3]);
}

// What one top-level box's bytes claim. FFmpeg's mov demuxer parses a box by its type wherever
// it sits, so every occurrence of a type counts, at the field offsets FFmpeg reads (from the
// type): trun sample_count at +8, stsz/stz2 sample_count at +12, elst entry_count at +8.
// `bytes` may run on past the box (a box at its end reads its fields from what follows);
// types are looked for only within the first `boxBytes`.
struct Claims {
    qint64 samples = 0;
    qint64 edits = 0;
    bool compressed = false;
};

Claims claimsOf(const QByteArray &bytes, qsizetype boxBytes) {
    Claims claims;
    const char *d = bytes.constData();
    const auto field = [&](qsizetype at) -> qint64 {
        return at + 4 <= bytes.size() ? qint64(be32(d + at)) : 0;
    };
    // One load and one switch per position (every byte of every box passes through here):
    // five memcmp calls per byte were a fifth of fuzz_mp4_demux's time.
    for (qsizetype t = 4; t + 4 <= boxBytes; ++t) {
        switch (be32(d + t)) {
        case fourcc("trun"):
            claims.samples += field(t + 8);
            break;
        case fourcc("stsz"):
        case fourcc("stz2"):
            claims.samples += field(t + 12);
            break;
        case fourcc("elst"):
            claims.edits += field(t + 8);
            break;
        case fourcc("cmov"):
            claims.compressed = true;
            break;
        default:
            break;
        }
    }
    return claims;
}

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

void FfmpegClipReader::FormatDeleter::operator()(AVFormatContext *f) const {
    avformat_close_input(&f);
}
void FfmpegClipReader::CodecDeleter::operator()(AVCodecContext *c) const {
    avcodec_free_context(&c);
}
void FfmpegClipReader::PacketDeleter::operator()(AVPacket *p) const {
    av_packet_free(&p);
}
void FfmpegClipReader::SwsDeleter::operator()(SwsContext *s) const {
    sws_freeContext(s);
}
void FfmpegClipReader::IoDeleter::operator()(AVIOContext *io) const {
    av_freep(&io->buffer);
    avio_context_free(&io);
}

FfmpegClipReader::FfmpegClipReader(std::shared_ptr<VerifiedClipBuffer> buffer,
                                   FfmpegClipLimits limits, const std::atomic<bool> *cancel)
    : m_buffer(std::move(buffer))
    , m_limits(limits)
    , m_cancel(cancel) {}

FfmpegClipReader::~FfmpegClipReader() = default;

AVRational FfmpegClipReader::timeBase() const {
    return AVRational{m_timeBaseNum, m_timeBaseDen};
}

qint64 FfmpegClipReader::ticksToMs(int64_t ticks) const {
    if (ticks < 0 || m_timeBaseNum <= 0 || m_timeBaseDen <= 0)
        return -1;
    // av_rescale_q gives INT64_MIN when the result does not fit.
    const int64_t ms = av_rescale_q(ticks, timeBase(), AVRational{1, 1000});
    return ms < 0 ? -1 : ms;
}

qint64 FfmpegClipReader::streamDurationMs() const {
    return ticksToMs(m_format->streams[m_streamIndex]->duration); // AV_NOPTS_VALUE is negative
}

int FfmpegClipReader::readPacket(void *opaque, uint8_t *buf, int size) {
    auto *self = static_cast<FfmpegClipReader *>(opaque);
    // Only bytes of boxes that passed the header gate reach the demuxer.
    qint64 n = self->m_ioPos < self->m_gateEnd ? 1 : self->openGate(self->m_ioPos);
    if (n > 0)
        n = self->m_buffer->read(self->m_ioPos, reinterpret_cast<char *>(buf),
                                 std::min<qint64>(size, self->m_gateEnd - self->m_ioPos),
                                 self->m_cancel);
    if (n > 0) {
        self->m_ioPos += n;
        return static_cast<int>(n);
    }
    if (n == VerifiedClipBuffer::kEnd)
        return AVERROR_EOF;
    if (n == kGateRefused)
        return AVERROR_INVALIDDATA; // failure() tells why
    return AVERROR_EXIT;            // refused, aborted or stopped: failure() tells which
}

qint64 FfmpegClipReader::readExactly(qint64 pos, qint64 n, QByteArray *out) {
    out->resize(n);
    for (qint64 got = 0; got < n;) {
        const qint64 r = m_buffer->read(pos + got, out->data() + got, n - got, m_cancel);
        if (r <= 0)
            return r;
        got += r;
    }
    return n;
}

qint64 FfmpegClipReader::refuse(const QString &why) {
    m_gateError = why;
    return kGateRefused;
}

qint64 FfmpegClipReader::openGate(qint64 pos) {
    if (!m_gateError.isEmpty())
        return kGateRefused;
    const qint64 total = m_buffer->totalBytes();
    if (pos >= total)
        return VerifiedClipBuffer::kEnd;
    while (m_gateEnd <= pos) {
        QByteArray header;
        qint64 status = readExactly(m_gateEnd, std::min<qint64>(16, total - m_gateEnd), &header);
        if (status <= 0)
            return status;
        quint64 size = header.size() >= 8 ? be32(header.constData()) : 0;
        qint64 headerBytes = 8;
        if (header.size() < 8 || (size == 1 && header.size() < 16)) {
            m_gateEnd = total; // a tail too short for a box header holds no box
            break;
        }
        if (size == 1) {
            size = be64(header.constData() + 8);
            headerBytes = 16;
        } else if (size == 0) {
            size = quint64(total - m_gateEnd); // to the end of the clip
        }
        if (size < quint64(headerBytes))
            return refuse(QStringLiteral("the box at byte %1 is malformed").arg(m_gateEnd));
        const qint64 end = size > quint64(total - m_gateEnd) ? total : m_gateEnd + qint64(size);
        if (header.mid(4, 4) != "mdat") {
            if (end - m_gateEnd > kMaxHeaderBoxBytes)
                return refuse(QStringLiteral("the %1 box at byte %2 has %3 bytes (at most %4)")
                                  .arg(QString::fromLatin1(header.mid(4, 4).toHex()))
                                  .arg(m_gateEnd)
                                  .arg(end - m_gateEnd)
                                  .arg(kMaxHeaderBoxBytes));
            QByteArray box;
            status = readExactly(m_gateEnd, std::min<qint64>(total, end + 16) - m_gateEnd, &box);
            if (status <= 0)
                return status;
            const Claims claims = claimsOf(box, end - m_gateEnd);
            if (claims.compressed)
                return refuse(QStringLiteral("the clip has compressed headers (cmov)"));
            m_claimedSamples += claims.samples;
            m_claimedEdits += claims.edits;
            const qint64 budget = std::min<qint64>(m_limits.maxSamples, total);
            if (m_claimedEdits >= budget || m_claimedSamples > budget / (1 + m_claimedEdits))
                return refuse(QStringLiteral("the clip claims %1 samples and %2 edits in %3 "
                                             "bytes (at most %4 samples)")
                                  .arg(m_claimedSamples)
                                  .arg(m_claimedEdits)
                                  .arg(total)
                                  .arg(budget));
        }
        m_gateEnd = end;
    }
    return 1;
}

int64_t FfmpegClipReader::seekIo(void *opaque, int64_t offset, int whence) {
    auto *self = static_cast<FfmpegClipReader *>(opaque);
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

int FfmpegClipReader::interrupted(void *opaque) {
    return static_cast<FfmpegClipReader *>(opaque)->cancelled() ? 1 : 0;
}

QString FfmpegClipReader::failure(const QString &what, int ret) const {
    if (cancelled())
        return {};
    switch (m_buffer->state()) {
    case VerifiedClipBuffer::State::Refused:
        return QStringLiteral("the clip was refused");
    case VerifiedClipBuffer::State::Aborted:
        return QStringLiteral("the clip was closed");
    default:
        if (!m_gateError.isEmpty())
            return QStringLiteral("%1: %2").arg(what, m_gateError);
        return avError(what, ret);
    }
}

QString FfmpegClipReader::openInput() {
    auto *ioBuffer = static_cast<unsigned char *>(av_malloc(kIoBufferBytes));
    if (!ioBuffer)
        return QStringLiteral("out of memory");
    AVIOContext *io =
        avio_alloc_context(ioBuffer, kIoBufferBytes, 0, this, &FfmpegClipReader::readPacket,
                           nullptr, &FfmpegClipReader::seekIo);
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
    raw->interrupt_callback = AVIOInterruptCB{&FfmpegClipReader::interrupted, this};
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
    if (!m_gateError.isEmpty()) // the demuxer stopped at a refused box but found a header
        return failure(QStringLiteral("not a playable clip"), AVERROR_INVALIDDATA);

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
    m_timeBaseNum = st->time_base.num;
    m_timeBaseDen = st->time_base.den;
    m_origin = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
    if (st->avg_frame_rate.num > 0 && st->avg_frame_rate.den > 0)
        m_frameRate = av_q2d(st->avg_frame_rate);
    return {};
}

QString FfmpegClipReader::openDecoder() {
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
    m_codec->thread_count = std::max(1, m_limits.decoderThreads);
    if ((ret = avcodec_open2(m_codec.get(), decoder, nullptr)) < 0)
        return avError(QStringLiteral("cannot open the H.264 decoder"), ret);
    return {};
}

FfmpegClipReader::Next FfmpegClipReader::decodeNext(AVFrame *out, QString *error) {
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
        if (m_onDuration) {
            const qint64 ms = streamDurationMs();
            if (ms > 0)
                m_onDuration(ms);
        }
    }
}

QString FfmpegClipReader::seekTo(qint64 ms) {
    int64_t target = 0;
    if (__builtin_add_overflow(
            m_origin, av_rescale_q(std::max<qint64>(0, ms), AVRational{1, 1000}, timeBase()),
            &target))
        return QStringLiteral("cannot seek: the clip's times are out of range");
    int ret = av_seek_frame(m_format.get(), m_streamIndex, target, AVSEEK_FLAG_BACKWARD);
    if (ret < 0) // before the first keyframe, or an index that does not know target yet
        ret = avformat_seek_file(m_format.get(), m_streamIndex, INT64_MIN, target, INT64_MAX, 0);
    if (ret < 0)
        return failure(QStringLiteral("cannot seek"), ret);
    avcodec_flush_buffers(m_codec.get());
    m_draining = false;
    return {};
}

qint64 FfmpegClipReader::toMs(int64_t pts) const {
    if (pts == AV_NOPTS_VALUE)
        return 0;
    int64_t ticks = 0;
    if (__builtin_sub_overflow(pts, m_origin, &ticks))
        return 0;
    return std::max<qint64>(0, ticksToMs(ticks));
}

qint64 FfmpegClipReader::frameEndMs(const AVFrame *frame, qint64 startMs) const {
    qint64 durationMs = 0;
    if (frame->pkt_duration > 0)
        durationMs = std::max<qint64>(0, ticksToMs(frame->pkt_duration));
    else if (m_frameRate > 0)
        durationMs = qint64(std::llround(1000.0 / m_frameRate));
    qint64 endMs = 0;
    if (__builtin_add_overflow(startMs, durationMs, &endMs))
        return std::numeric_limits<qint64>::max();
    return endMs;
}

qint64 FfmpegClipReader::headerDurationMs() const {
    if (!m_format || m_streamIndex < 0)
        return 0;
    const qint64 ms = streamDurationMs();
    if (ms > 0)
        return ms;
    if (m_format->duration > 0) // AV_NOPTS_VALUE is negative
        return av_rescale_q(m_format->duration, AV_TIME_BASE_Q, {1, 1000});
    return 0;
}

QString FfmpegClipReader::convert(const AVFrame *frame, QVideoFrame *out) {
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

} // namespace vf::media
