#include "ThumbnailEncoder.h"

#include "FfmpegHandles.h"
#include "FrameConverter.h"
#include "SceneRenderer.h"

#include <algorithm>
#include <cmath>

namespace vf::camsim {
namespace {

constexpr int kMinSide = 16;
constexpr int kMaxSide = 4096;

QString fail(const char *what, int ret) {
    return QStringLiteral("thumbnail: %1: %2").arg(QLatin1String(what), avErrorText(ret));
}

} // namespace

ThumbnailEncoder::ThumbnailEncoder(ThumbnailSettings settings)
    : m_settings(settings) {}

QString ThumbnailEncoder::validate(const ThumbnailSettings &s) {
    if (s.size.width() < kMinSide || s.size.height() < kMinSide || s.size.width() > kMaxSide ||
        s.size.height() > kMaxSide)
        return QStringLiteral("thumbnail: size must be %1..%2 pixels on a side (got %3x%4)")
            .arg(kMinSide)
            .arg(kMaxSide)
            .arg(s.size.width())
            .arg(s.size.height());
    if (s.quality < 1 || s.quality > 100)
        return QStringLiteral("thumbnail: quality must be 1..100 (got %1)").arg(s.quality);
    return QString();
}

int ThumbnailEncoder::qscaleForQuality(int quality) {
    const int q = std::clamp(quality, 1, 100);
    return static_cast<int>(std::lround(31.0 - (q - 1) * 29.0 / 99.0));
}

EncodeResult ThumbnailEncoder::encode(const QImage &image) const {
    if (const QString error = validate(m_settings); !error.isEmpty())
        return EncodeResult::failure(error);
    if (image.isNull())
        return EncodeResult::failure(QStringLiteral("thumbnail: no image (null QImage)"));

    const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
    if (!codec)
        return EncodeResult::failure(
            QStringLiteral("thumbnail: this FFmpeg build has no MJPEG encoder"));
    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    FramePtr frame(av_frame_alloc());
    PacketPtr packet(av_packet_alloc());
    if (!ctx || !frame || !packet)
        return EncodeResult::failure(QStringLiteral("thumbnail: out of memory"));

    const int qscale = qscaleForQuality(m_settings.quality);
    ctx->width = m_settings.size.width();
    ctx->height = m_settings.size.height();
    ctx->pix_fmt = AV_PIX_FMT_YUVJ420P; // baseline 4:2:0 JPEG: what every decoder reads
    ctx->color_range = AVCOL_RANGE_JPEG;
    ctx->colorspace = AVCOL_SPC_SMPTE170M;
    ctx->time_base = AVRational{1, 1};
    // Constant quantiser instead of a bit rate: a still image has no rate to control.
    ctx->flags |= AV_CODEC_FLAG_QSCALE;
    ctx->global_quality = FF_QP2LAMBDA * qscale;
    ctx->qmin = ctx->qmax = qscale;
    // No "Lavc59.x" comment segment: the bytes depend on the pixels and settings, not on the
    // library's version string, and the same scene always gives the same JPEG.
    ctx->flags |= AV_CODEC_FLAG_BITEXACT;
    ctx->thread_count = 1;

    int ret = avcodec_open2(ctx.get(), codec, nullptr);
    if (ret < 0)
        return EncodeResult::failure(fail("cannot open the MJPEG encoder", ret));

    FrameConverter converter(m_settings.size, AV_PIX_FMT_YUVJ420P);
    if (const QString error = converter.convert(image, frame.get()); !error.isEmpty())
        return EncodeResult::failure(QStringLiteral("thumbnail: ") + error);
    frame->pts = 0;
    frame->quality = ctx->global_quality;

    // The send/receive protocol: take what is ready after the frame, then drain. MJPEG has
    // no delay, so this is one frame in, one JPEG out, but nothing here relies on that.
    QByteArray jpeg;
    const auto collect = [&]() {
        int r = 0;
        while ((r = avcodec_receive_packet(ctx.get(), packet.get())) >= 0) {
            jpeg.append(reinterpret_cast<const char *>(packet->data), packet->size);
            av_packet_unref(packet.get());
        }
        return r;
    };
    ret = avcodec_send_frame(ctx.get(), frame.get());
    if (ret < 0)
        return EncodeResult::failure(fail("encoding failed", ret));
    if (ret = collect(); ret != AVERROR(EAGAIN) && ret != AVERROR_EOF)
        return EncodeResult::failure(fail("encoding failed", ret));
    ret = avcodec_send_frame(ctx.get(), nullptr);
    if (ret < 0)
        return EncodeResult::failure(fail("cannot flush the encoder", ret));
    if (ret = collect(); ret != AVERROR_EOF)
        return EncodeResult::failure(fail("encoding failed", ret));
    if (jpeg.size() < 4 || static_cast<quint8>(jpeg.at(0)) != 0xFF ||
        static_cast<quint8>(jpeg.at(1)) != 0xD8)
        return EncodeResult::failure(QStringLiteral("thumbnail: the encoder produced no JPEG"));
    return EncodeResult::success(std::move(jpeg));
}

EncodeResult ThumbnailEncoder::encodeScene(const SceneSpec &spec, qint64 captureTimeMs) const {
    if (const QString error = validate(m_settings); !error.isEmpty())
        return EncodeResult::failure(error);
    // The fps only positions frame 0's timestamp, which is the capture time at any rate.
    const QImage frame = SceneRenderer(m_settings.size).renderFrame(spec, captureTimeMs, 0, 1);
    return encode(frame);
}

} // namespace vf::camsim
