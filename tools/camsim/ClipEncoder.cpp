#include "ClipEncoder.h"

#include "FfmpegHandles.h"
#include "FrameConverter.h"
#include "MemoryOutput.h"
#include "SceneRenderer.h"

#include <QStringList>
#include <algorithm>
#include <chrono>
#include <exception>

namespace vf::camsim {
namespace {

constexpr qint64 kMaxDurationMs = 10 * 60 * 1000;

// Fragment at every keyframe, write an empty moov up front (no sample tables that would need
// the whole clip first), and make fragment offsets relative to their own moof: the layout
// Media Source Extensions and progressive players expect from a live stream.
constexpr const char *kMovFlags = "frag_keyframe+empty_moov+default_base_moof";

qint64 nanosSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() -
                                                                start)
        .count();
}

QString fail(const QString &what, int ret) {
    return QStringLiteral("clip: %1: %2").arg(what, avErrorText(ret));
}

bool isX264Preset(const QString &preset) {
    static const QStringList presets = {
        QStringLiteral("ultrafast"), QStringLiteral("superfast"), QStringLiteral("veryfast"),
        QStringLiteral("faster"),    QStringLiteral("fast"),      QStringLiteral("medium"),
        QStringLiteral("slow"),      QStringLiteral("slower"),    QStringLiteral("veryslow")};
    return presets.contains(preset);
}

} // namespace

ClipEncoder::ClipEncoder(ClipSettings settings)
    : m_settings(std::move(settings)) {}

QString ClipEncoder::validate(const ClipSettings &s) {
    const int w = s.size.width();
    const int h = s.size.height();
    // 4:2:0 chroma needs even dimensions; x264 refuses odd ones.
    if (w < 16 || h < 16 || w > 3840 || h > 2160 || w % 2 || h % 2)
        return QStringLiteral("clip: size must be even and 16x16..3840x2160 (got %1x%2)")
            .arg(w)
            .arg(h);
    if (s.fps < 1 || s.fps > 60)
        return QStringLiteral("clip: fps must be 1..60 (got %1)").arg(s.fps);
    if (s.durationMs <= 0 || s.durationMs > kMaxDurationMs)
        return QStringLiteral("clip: duration must be 1..%1 ms (got %2)")
            .arg(kMaxDurationMs)
            .arg(s.durationMs);
    if (s.keyframeIntervalMs <= 0 || s.keyframeIntervalMs > 60 * 1000)
        return QStringLiteral("clip: keyframe interval must be 1..60000 ms (got %1)")
            .arg(s.keyframeIntervalMs);
    if (!isX264Preset(s.preset))
        return QStringLiteral("clip: unknown x264 preset \"%1\"").arg(s.preset);
    if (s.crf < 0 || s.crf > 51)
        return QStringLiteral("clip: crf must be 0..51 (got %1)").arg(s.crf);
    if (s.threads < 0 || s.threads > 16)
        return QStringLiteral("clip: threads must be 0..16 (got %1)").arg(s.threads);
    return QString();
}

int ClipEncoder::frameCount(const ClipSettings &s) {
    if (!validate(s).isEmpty())
        return 0;
    return static_cast<int>(std::max<qint64>(1, (s.durationMs * s.fps + 500) / 1000));
}

EncodeResult ClipEncoder::encode(const FrameSource &source, ClipStats *stats) const {
    ClipStats local;
    ClipStats &st = stats ? *stats : local;
    st = ClipStats();
    const auto started = std::chrono::steady_clock::now();

    const ClipSettings &s = m_settings;
    if (const QString error = validate(s); !error.isEmpty())
        return EncodeResult::failure(error);
    if (!source)
        return EncodeResult::failure(QStringLiteral("clip: no frame source"));
    const int frames = frameCount(s);
    const int gop =
        std::max(1, static_cast<int>((qint64(s.keyframeIntervalMs) * s.fps + 500) / 1000));

    const AVCodec *codec = avcodec_find_encoder_by_name("libx264");
    if (!codec)
        return EncodeResult::failure(
            QStringLiteral("clip: this FFmpeg build has no libx264 encoder"));

    // Declared before the format context so it outlives it: the context writes through it.
    MemoryOutput output;
    if (!output.context())
        return EncodeResult::failure(QStringLiteral("clip: out of memory (I/O buffer)"));

    AVFormatContext *rawFormat = nullptr;
    int ret = avformat_alloc_output_context2(&rawFormat, nullptr, "mp4", nullptr);
    OutputFormatPtr format(rawFormat);
    if (ret < 0 || !format)
        return EncodeResult::failure(fail(QStringLiteral("no mp4 muxer"), ret));
    format->pb = output.context();
    // BITEXACT: no "Lavf" encoder tag or wall-clock creation time in the file, so with one
    // build the same frames always mux to the same bytes (and the same signed hashes).
    format->flags |= AVFMT_FLAG_CUSTOM_IO | AVFMT_FLAG_BITEXACT;

    CodecContextPtr ctx(avcodec_alloc_context3(codec));
    FramePtr frame(av_frame_alloc());
    PacketPtr packet(av_packet_alloc());
    if (!ctx || !frame || !packet)
        return EncodeResult::failure(QStringLiteral("clip: out of memory"));

    ctx->width = s.size.width();
    ctx->height = s.size.height();
    ctx->sample_aspect_ratio = AVRational{1, 1};
    ctx->pix_fmt = AV_PIX_FMT_YUV420P;
    ctx->color_range = AVCOL_RANGE_MPEG;
    ctx->colorspace = AVCOL_SPC_SMPTE170M;
    ctx->color_primaries = AVCOL_PRI_SMPTE170M;
    ctx->color_trc = AVCOL_TRC_SMPTE170M;
    ctx->time_base = AVRational{1, s.fps};
    ctx->framerate = AVRational{s.fps, 1};
    // Fixed GOP: a keyframe every gop frames and none in between (scenecut=0 below), so
    // every fragment is exactly one interval long, whatever moves in the scene. (x264 clamps
    // keyint_min to gop/2+1; without scene cuts that bound is never used.)
    ctx->gop_size = gop;
    ctx->keyint_min = gop;
    ctx->max_b_frames = 0;
    ctx->thread_count = s.threads;
    ctx->flags |= AV_CODEC_FLAG_BITEXACT;
    // MP4 keeps SPS/PPS in the avcC box of the moov, which empty_moov writes up front.
    if (format->oformat->flags & AVFMT_GLOBALHEADER)
        ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;

    AvDictionary codecOptions;
    codecOptions.set("preset", s.preset);
    // zerolatency: no lookahead, no B-frames, no frame threads; a frame in is a frame out.
    codecOptions.set("tune", QStringLiteral("zerolatency"));
    codecOptions.set("crf", QString::number(s.crf));
    codecOptions.set("x264-params", QStringLiteral("scenecut=0:open-gop=0"));
    ret = avcodec_open2(ctx.get(), codec, codecOptions.address());
    if (ret < 0)
        return EncodeResult::failure(fail(QStringLiteral("cannot open libx264"), ret));
    if (const QString unused = codecOptions.leftoverKeys(); !unused.isEmpty())
        return EncodeResult::failure(
            QStringLiteral("clip: libx264 ignored the options %1").arg(unused));

    AVStream *stream = avformat_new_stream(format.get(), nullptr);
    if (!stream)
        return EncodeResult::failure(QStringLiteral("clip: cannot add the video stream"));
    ret = avcodec_parameters_from_context(stream->codecpar, ctx.get());
    if (ret < 0)
        return EncodeResult::failure(fail(QStringLiteral("cannot copy stream parameters"), ret));
    stream->time_base = ctx->time_base; // a hint: the muxer picks its own timescale
    stream->avg_frame_rate = ctx->framerate;

    AvDictionary muxOptions;
    muxOptions.set("movflags", QString::fromLatin1(kMovFlags));
    ret = avformat_write_header(format.get(), muxOptions.address());
    if (ret < 0)
        return EncodeResult::failure(fail(QStringLiteral("cannot write the MP4 header"), ret));
    if (const QString unused = muxOptions.leftoverKeys(); !unused.isEmpty())
        return EncodeResult::failure(
            QStringLiteral("clip: the mp4 muxer ignored the options %1").arg(unused));

    // Moves every packet the encoder has ready into the muxer. 0 when the encoder wants more
    // input or is drained, else the error.
    const auto drain = [&]() -> int {
        int r = 0;
        while ((r = avcodec_receive_packet(ctx.get(), packet.get())) >= 0) {
            if (packet->flags & AV_PKT_FLAG_KEY)
                ++st.keyframes;
            av_packet_rescale_ts(packet.get(), ctx->time_base, stream->time_base);
            packet->stream_index = stream->index;
            r = av_interleaved_write_frame(format.get(), packet.get()); // takes the reference
            if (r < 0)
                return r;
        }
        return r == AVERROR(EAGAIN) || r == AVERROR_EOF ? 0 : r;
    };

    FrameConverter converter(s.size, AV_PIX_FMT_YUV420P);
    for (int i = 0; i < frames; ++i) {
        const auto renderStart = std::chrono::steady_clock::now();
        QImage image;
        // The source is caller code; an exception must become an error, not a crash in the
        // middle of FFmpeg state.
        try {
            image = source(i);
        } catch (const std::exception &e) {
            return EncodeResult::failure(
                QStringLiteral("clip: frame %1: the frame source failed: %2")
                    .arg(i)
                    .arg(QString::fromLocal8Bit(e.what())));
        } catch (...) {
            return EncodeResult::failure(
                QStringLiteral("clip: frame %1: the frame source failed").arg(i));
        }
        st.renderNs += nanosSince(renderStart);
        if (image.isNull())
            return EncodeResult::failure(
                QStringLiteral("clip: frame %1: the frame source gave no image").arg(i));

        if (const QString error = converter.convert(image, frame.get()); !error.isEmpty())
            return EncodeResult::failure(QStringLiteral("clip: frame %1: %2").arg(i).arg(error));
        frame->pts = i;
        ret = avcodec_send_frame(ctx.get(), frame.get());
        if (ret < 0)
            return EncodeResult::failure(fail(QStringLiteral("encoding frame %1").arg(i), ret));
        if ((ret = drain()) < 0)
            return EncodeResult::failure(fail(QStringLiteral("writing frame %1").arg(i), ret));
        ++st.frames;
    }

    ret = avcodec_send_frame(ctx.get(), nullptr);
    if (ret < 0)
        return EncodeResult::failure(fail(QStringLiteral("cannot flush libx264"), ret));
    if ((ret = drain()) < 0)
        return EncodeResult::failure(fail(QStringLiteral("writing the last frames"), ret));
    ret = av_write_trailer(format.get());
    if (ret < 0)
        return EncodeResult::failure(fail(QStringLiteral("cannot finish the MP4"), ret));

    st.rewrittenBytes = output.rewrittenBytes();
    st.encodeNs = nanosSince(started) - st.renderNs;
    return EncodeResult::success(output.takeBytes());
}

EncodeResult ClipEncoder::encodeScene(const SceneSpec &spec, qint64 captureTimeMs,
                                      ClipStats *stats) const {
    const SceneRenderer renderer(m_settings.size);
    const int fps = m_settings.fps;
    return encode([&](int index) { return renderer.renderFrame(spec, captureTimeMs, index, fps); },
                  stats);
}

} // namespace vf::camsim
