#include "ClipDecoderProbe.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
}

#include <QtEndian>
#include <cmath>
#include <cstring>
#include <memory>

namespace vf::camsim::test {
namespace {

// A read-only AVIOContext over the clip bytes.
class MemoryInput {
public:
    explicit MemoryInput(const QByteArray &bytes)
        : m_bytes(bytes) {
        constexpr int kSize = 32 * 1024;
        auto *buffer = static_cast<unsigned char *>(av_malloc(kSize));
        if (buffer)
            m_io = avio_alloc_context(buffer, kSize, 0, this, &MemoryInput::read, nullptr,
                                      &MemoryInput::seek);
        if (buffer && !m_io)
            av_free(buffer);
    }
    ~MemoryInput() {
        if (m_io) {
            av_freep(&m_io->buffer);
            avio_context_free(&m_io);
        }
    }
    AVIOContext *context() const { return m_io; }

private:
    static int read(void *opaque, uint8_t *buf, int size) {
        auto *self = static_cast<MemoryInput *>(opaque);
        const qint64 left = self->m_bytes.size() - self->m_pos;
        if (left <= 0)
            return AVERROR_EOF;
        const int n = static_cast<int>(std::min<qint64>(left, size));
        std::memcpy(buf, self->m_bytes.constData() + self->m_pos, static_cast<size_t>(n));
        self->m_pos += n;
        return n;
    }
    static int64_t seek(void *opaque, int64_t offset, int whence) {
        auto *self = static_cast<MemoryInput *>(opaque);
        qint64 base = 0;
        switch (whence & ~AVSEEK_FORCE) {
        case AVSEEK_SIZE:
            return self->m_bytes.size();
        case SEEK_SET:
            break;
        case SEEK_CUR:
            base = self->m_pos;
            break;
        case SEEK_END:
            base = self->m_bytes.size();
            break;
        default:
            return AVERROR(EINVAL);
        }
        if (base + offset < 0 || base + offset > self->m_bytes.size())
            return AVERROR(EINVAL);
        self->m_pos = base + offset;
        return self->m_pos;
    }

    const QByteArray &m_bytes;
    qint64 m_pos = 0;
    AVIOContext *m_io = nullptr;
};

struct InputDeleter {
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

QString avError(const char *what, int ret) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(ret, text, sizeof text);
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromUtf8(text));
}

void inspectFirstFrame(const AVFrame *frame, ProbeResult &r) {
    // Luma statistics: a uniform (blank, green, grey) first frame has a tiny spread.
    double sum = 0;
    double sumSq = 0;
    int lo = 255;
    int hi = 0;
    for (int y = 0; y < frame->height; ++y) {
        const uint8_t *row = frame->data[0] + static_cast<ptrdiff_t>(y) * frame->linesize[0];
        for (int x = 0; x < frame->width; ++x) {
            sum += row[x];
            sumSq += double(row[x]) * row[x];
            lo = std::min<int>(lo, row[x]);
            hi = std::max<int>(hi, row[x]);
        }
    }
    const double n = double(frame->width) * frame->height;
    r.firstFrameLumaStdDev = std::sqrt(std::max(0.0, sumSq / n - (sum / n) * (sum / n)));
    r.firstFrameLumaMin = lo;
    r.firstFrameLumaMax = hi;

    QImage image(frame->width, frame->height, QImage::Format_RGB32);
    SwsContext *sws = sws_getContext(
        frame->width, frame->height, static_cast<AVPixelFormat>(frame->format), frame->width,
        frame->height, AV_PIX_FMT_RGB32, SWS_POINT, nullptr, nullptr, nullptr);
    if (!sws)
        return;
    uint8_t *dst[1] = {image.bits()};
    const int dstStride[1] = {static_cast<int>(image.bytesPerLine())};
    sws_scale(sws, frame->data, frame->linesize, 0, frame->height, dst, dstStride);
    sws_freeContext(sws);
    r.firstFrame = image;
}

} // namespace

ProbeResult ClipDecoderProbe::probe(const QByteArray &mp4) {
    ProbeResult r;
    MemoryInput input(mp4);
    AVFormatContext *raw = avformat_alloc_context();
    if (!raw || !input.context()) {
        avformat_free_context(raw);
        r.error = QStringLiteral("out of memory");
        return r;
    }
    raw->pb = input.context();
    raw->flags |= AVFMT_FLAG_CUSTOM_IO;
    // avformat_open_input frees the context itself when it fails.
    int ret = avformat_open_input(&raw, nullptr, nullptr, nullptr);
    if (ret < 0) {
        r.error = avError("cannot open the clip", ret);
        return r;
    }
    std::unique_ptr<AVFormatContext, InputDeleter> format(raw);
    r.formatName = QString::fromUtf8(format->iformat->name);

    if ((ret = avformat_find_stream_info(format.get(), nullptr)) < 0) {
        r.error = avError("no stream info", ret);
        return r;
    }
    const int index = av_find_best_stream(format.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (index < 0) {
        r.error = avError("no video stream", index);
        return r;
    }
    const AVStream *stream = format->streams[index];
    if (stream->avg_frame_rate.den)
        r.fps = av_q2d(stream->avg_frame_rate);

    const AVCodec *decoder = avcodec_find_decoder(stream->codecpar->codec_id);
    if (!decoder) {
        r.error = QStringLiteral("no decoder");
        return r;
    }
    r.decoderName = QString::fromUtf8(decoder->name);
    std::unique_ptr<AVCodecContext, CodecDeleter> ctx(avcodec_alloc_context3(decoder));
    std::unique_ptr<AVFrame, FrameDeleter> frame(av_frame_alloc());
    std::unique_ptr<AVPacket, PacketDeleter> packet(av_packet_alloc());
    if (!ctx || !frame || !packet) {
        r.error = QStringLiteral("out of memory");
        return r;
    }
    avcodec_parameters_to_context(ctx.get(), stream->codecpar);
    ctx->thread_count = 1;
    if ((ret = avcodec_open2(ctx.get(), decoder, nullptr)) < 0) {
        r.error = avError("cannot open the decoder", ret);
        return r;
    }

    const auto receive = [&]() -> int {
        int rr = 0;
        while ((rr = avcodec_receive_frame(ctx.get(), frame.get())) >= 0) {
            if (r.frames == 0) {
                r.width = frame->width;
                r.height = frame->height;
                inspectFirstFrame(frame.get(), r);
            }
            if (frame->key_frame)
                ++r.keyframes;
            ++r.frames;
            av_frame_unref(frame.get());
        }
        return rr == AVERROR(EAGAIN) || rr == AVERROR_EOF ? 0 : rr;
    };

    while ((ret = av_read_frame(format.get(), packet.get())) >= 0) {
        if (packet->stream_index == index) {
            ret = avcodec_send_packet(ctx.get(), packet.get());
            av_packet_unref(packet.get());
            if (ret < 0 || (ret = receive()) < 0) {
                r.error = avError("decoding failed", ret);
                return r;
            }
        } else {
            av_packet_unref(packet.get());
        }
    }
    if (ret != AVERROR_EOF) {
        r.error = avError("demuxing failed", ret);
        return r;
    }
    avcodec_send_packet(ctx.get(), nullptr);
    if ((ret = receive()) < 0)
        r.error = avError("draining the decoder failed", ret);
    return r;
}

QStringList ClipDecoderProbe::topLevelBoxes(const QByteArray &mp4) {
    QStringList boxes;
    qint64 pos = 0;
    while (pos < mp4.size()) {
        if (mp4.size() - pos < 8)
            return {};
        quint64 size = qFromBigEndian<quint32>(mp4.constData() + pos);
        const QString type = QString::fromLatin1(mp4.constData() + pos + 4, 4);
        if (size == 1) { // 64-bit largesize follows the type
            if (mp4.size() - pos < 16)
                return {};
            size = qFromBigEndian<quint64>(mp4.constData() + pos + 8);
        } else if (size == 0) { // box extends to the end of the file
            size = static_cast<quint64>(mp4.size() - pos);
        }
        if (size < 8 || size > static_cast<quint64>(mp4.size() - pos))
            return {};
        boxes.append(type);
        pos += static_cast<qint64>(size);
    }
    return boxes;
}

} // namespace vf::camsim::test
