// Clip playback from verified bytes only: the append-only VerifiedClipBuffer and the FFmpeg
// decoder behind ClipDecoder, fed in chunks the way VerifiedClipStream releases segments.
#include "ClipDecoderProbe.h"
#include "ClipEncoder.h"
#include "FfmpegClipDecoder.h"
#include "FfmpegClipReader.h"
#include "SceneSpec.h"
#include "VerifiedClipBuffer.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/log.h>
}

#include <QElapsedTimer>
#include <QImage>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QVideoFrameFormat>
#include <QVideoSink>
#include <atomic>
#include <cstring>
#include <memory>

using namespace vf::media;
using vf::camsim::ClipEncoder;
using vf::camsim::ClipSettings;
using vf::camsim::SceneSpec;

namespace {

constexpr qint64 kCaptureMs = 1714566896789;
constexpr int kFps = 10;
constexpr qint64 kDurationMs = 2000;
constexpr int kFrames = kFps * kDurationMs / 1000;

QByteArray demoClip() {
    static const QByteArray clip = [] {
        ClipSettings settings;
        settings.size = QSize(320, 180);
        settings.fps = kFps;
        settings.durationMs = kDurationMs;
        const auto spec = SceneSpec::forCamera(
            QStringLiteral("cam-0001"), QStringLiteral("Front Door"), QStringLiteral("person"));
        const auto result = ClipEncoder(settings).encodeScene(spec, kCaptureMs);
        if (!result)
            qFatal("cannot encode the test clip: %s", qPrintable(result.error));
        return result.bytes;
    }();
    return clip;
}

std::shared_ptr<VerifiedClipBuffer> fullBuffer(const QByteArray &bytes) {
    auto buffer = std::make_shared<VerifiedClipBuffer>(bytes.size());
    buffer->append(bytes, 0);
    buffer->markComplete();
    return buffer;
}

// Releases a clip into a buffer in chunks on a timer, like VerifiedClipStream::verifiedBytes
// on the GUI thread. stopAt < size leaves the rest unreleased.
class ChunkFeeder : public QObject {
public:
    ChunkFeeder(std::shared_ptr<VerifiedClipBuffer> buffer, QByteArray bytes, int chunks,
                int intervalMs, qint64 stopAt = -1)
        : m_buffer(std::move(buffer))
        , m_bytes(std::move(bytes))
        , m_chunk(std::max<qint64>(1, (m_bytes.size() + chunks - 1) / chunks))
        , m_stopAt(stopAt < 0 ? m_bytes.size() : stopAt) {
        connect(&m_timer, &QTimer::timeout, this, [this] { feedOne(); });
        m_timer.setInterval(intervalMs);
    }
    void start() { m_timer.start(); }
    void halt() { m_timer.stop(); }
    qint64 fed() const { return m_fed; }
    bool done() const { return m_fed >= m_stopAt; }

private:
    void feedOne() {
        const qint64 n = std::min(m_chunk, m_stopAt - m_fed);
        if (n > 0 && m_buffer->append(m_bytes.mid(m_fed, n), m_fed))
            m_fed += n;
        if (m_fed >= m_bytes.size())
            m_buffer->markComplete();
        if (m_fed >= m_stopAt)
            m_timer.stop();
    }

    std::shared_ptr<VerifiedClipBuffer> m_buffer;
    QByteArray m_bytes;
    qint64 m_chunk;
    qint64 m_stopAt;
    qint64 m_fed = 0;
    QTimer m_timer;
};

// What a decoder emitted.
struct Recorder {
    explicit Recorder(ClipDecoder &decoder) {
        QObject::connect(&decoder, &ClipDecoder::frameReady, &decoder,
                         [this](const QVideoFrame &frame) {
                             ++frames;
                             lastFrame = frame;
                         });
        QObject::connect(&decoder, &ClipDecoder::positionChanged, &decoder,
                         [this](qint64 ms) { positions.append(ms); });
        QObject::connect(&decoder, &ClipDecoder::firstFrame, &decoder,
                         [this](qint64 ms) { firstFrameMs = ms; });
        QObject::connect(&decoder, &ClipDecoder::finished, &decoder, [this] { ++finished; });
        QObject::connect(&decoder, &ClipDecoder::error, &decoder,
                         [this](const QString &message) { errors.append(message); });
        QObject::connect(&decoder, &ClipDecoder::stateChanged, &decoder,
                         [this](ClipDecoder::State s) { states.append(s); });
    }
    int frames = 0;
    QVideoFrame lastFrame;
    QList<qint64> positions;
    qint64 firstFrameMs = -1;
    int finished = 0;
    QStringList errors;
    QList<ClipDecoder::State> states;
};

// The frame's pixels as a QImage (RGB32), read through a mapping.
QImage imageOf(QVideoFrame frame) {
    if (!frame.map(QVideoFrame::ReadOnly))
        return {};
    const QImage image = QImage(frame.bits(0), frame.width(), frame.height(), frame.bytesPerLine(0),
                                QImage::Format_RGB32)
                             .copy();
    frame.unmap();
    return image;
}

double differingShare(const QImage &a, const QImage &b, int threshold) {
    if (a.size() != b.size() || a.isNull())
        return 1.0;
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    qint64 differing = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto *pa = reinterpret_cast<const QRgb *>(x.constScanLine(row));
        const auto *pb = reinterpret_cast<const QRgb *>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col) {
            const int d = std::max({std::abs(qRed(pa[col]) - qRed(pb[col])),
                                    std::abs(qGreen(pa[col]) - qGreen(pb[col])),
                                    std::abs(qBlue(pa[col]) - qBlue(pb[col]))});
            differing += d > threshold;
        }
    }
    return double(differing) / (double(x.width()) * x.height());
}

// A fragmented MP4 with `streams` AAC audio streams (silence) and no video.
QByteArray audioOnlyMp4(int streams) {
    QByteArray out;
    AVFormatContext *oc = nullptr;
    if (avformat_alloc_output_context2(&oc, nullptr, "mp4", nullptr) < 0 || !oc)
        return out;
    const AVCodec *aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
    AVCodecContext *enc = aac ? avcodec_alloc_context3(aac) : nullptr;
    AVFrame *frame = av_frame_alloc();
    AVPacket *packet = av_packet_alloc();
    const auto cleanup = [&](bool keep) {
        av_packet_free(&packet);
        av_frame_free(&frame);
        avcodec_free_context(&enc);
        if (oc->pb) {
            uint8_t *data = nullptr;
            const int size = avio_close_dyn_buf(oc->pb, &data);
            if (keep && size > 0)
                out = QByteArray(reinterpret_cast<const char *>(data), size);
            av_free(data);
            oc->pb = nullptr;
        }
        avformat_free_context(oc);
        return out;
    };
    if (!enc || !frame || !packet)
        return cleanup(false);
    enc->sample_fmt = AV_SAMPLE_FMT_FLTP;
    enc->sample_rate = 8000;
    enc->bit_rate = 24000;
    enc->time_base = AVRational{1, 8000};
    av_channel_layout_default(&enc->ch_layout, 1);
    enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    bool ok = avcodec_open2(enc, aac, nullptr) >= 0;
    for (int i = 0; ok && i < streams; ++i) {
        AVStream *st = avformat_new_stream(oc, nullptr);
        ok = st && avcodec_parameters_from_context(st->codecpar, enc) >= 0;
        if (ok)
            st->time_base = enc->time_base;
    }
    AVDictionary *options = nullptr;
    av_dict_set(&options, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
    ok = ok && avio_open_dyn_buf(&oc->pb) >= 0 && avformat_write_header(oc, &options) >= 0;
    av_dict_free(&options);
    for (int n = 0; ok && n <= 8; ++n) {
        if (n < 8) {
            frame->nb_samples = enc->frame_size;
            frame->format = enc->sample_fmt;
            av_channel_layout_copy(&frame->ch_layout, &enc->ch_layout);
            ok = av_frame_get_buffer(frame, 0) >= 0;
            if (!ok)
                break;
            std::memset(frame->data[0], 0, size_t(frame->linesize[0]));
            frame->pts = qint64(n) * enc->frame_size;
            ok = avcodec_send_frame(enc, frame) >= 0;
            av_frame_unref(frame);
        } else {
            avcodec_send_frame(enc, nullptr);
        }
        while (ok && avcodec_receive_packet(enc, packet) >= 0) {
            for (int s = 0; s < streams; ++s) {
                AVPacket *copy = av_packet_clone(packet);
                copy->stream_index = s;
                av_packet_rescale_ts(copy, enc->time_base, oc->streams[s]->time_base);
                ok = ok && av_interleaved_write_frame(oc, copy) >= 0;
                av_packet_free(&copy);
            }
            av_packet_unref(packet);
        }
    }
    if (ok)
        ok = av_write_trailer(oc) >= 0;
    return cleanup(ok);
}

// Waits (spinning the event loop) for cond, at most ms.
template <typename Cond> bool waitFor(Cond cond, int ms) {
    QElapsedTimer timer;
    timer.start();
    while (!cond()) {
        if (timer.elapsed() > ms)
            return false;
        QTest::qWait(5);
    }
    return true;
}

} // namespace

class TstMedia : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        av_log_set_level(AV_LOG_QUIET); // the garbage cases make FFmpeg talk
        QVERIFY(!demoClip().isEmpty());
        qRegisterMetaType<QVideoFrame>();
    }

    // --- VerifiedClipBuffer -----------------------------------------------------------------

    void bufferAcceptsOnlyTheNextBytes() {
        VerifiedClipBuffer buffer(10);
        QCOMPARE(buffer.totalBytes(), 10);
        QVERIFY(!buffer.append("abc", 1)); // a gap
        QVERIFY(buffer.append("abc", 0));
        QVERIFY(!buffer.append("cd", 2)); // an overlap
        QVERIFY(!buffer.append("d", 0));
        QVERIFY(buffer.append(QByteArray(), 3));
        QVERIFY(!buffer.append("defghijk", 3)); // past the attested length
        QVERIFY(!buffer.markComplete());        // not all bytes yet
        QVERIFY(buffer.append("defg", 3));
        QVERIFY(buffer.append("hij", 7));
        QCOMPARE(buffer.size(), 10);
        QCOMPARE(buffer.state(), VerifiedClipBuffer::State::Streaming);
        QVERIFY(buffer.markComplete());
        QVERIFY(buffer.markComplete());
        QVERIFY(!buffer.append("k", 10));

        // Reads span chunks and stop at the end.
        qint64 status = 0;
        QCOMPARE(buffer.read(1, 8, &status), QByteArray("bcdefghi"));
        QCOMPARE(status, 8);
        QCOMPARE(buffer.read(8, 100, &status), QByteArray("ij"));
        QCOMPARE(buffer.read(10, 4, &status), QByteArray());
        QCOMPARE(status, VerifiedClipBuffer::kEnd);
        QCOMPARE(buffer.read(-1, 4, &status), QByteArray());
        QCOMPARE(status, VerifiedClipBuffer::kEnd);

        // A refusal drops everything, even after completion.
        buffer.markRefused();
        QVERIFY(buffer.isRefused());
        QCOMPARE(buffer.size(), 0);
        QCOMPARE(buffer.read(0, 4, &status), QByteArray());
        QCOMPARE(status, VerifiedClipBuffer::kRefused);
        QVERIFY(!buffer.append("a", 0));

        VerifiedClipBuffer absurd(VerifiedClipBuffer::kMaxTotalBytes + 1);
        QCOMPARE(absurd.totalBytes(), 0);
        QVERIFY(!absurd.append("a", 0));
    }

    void bufferReadsBlockUntilBytesRefusalAbortOrCancel() {
        auto buffer = std::make_shared<VerifiedClipBuffer>(8);
        qint64 status = 0;
        QCOMPARE(buffer->read(0, 4, &status, QDeadlineTimer(30)), QByteArray());
        QCOMPARE(status, VerifiedClipBuffer::kTimedOut);

        const auto readInThread = [](std::shared_ptr<VerifiedClipBuffer> b, qint64 pos,
                                     const std::atomic<bool> *cancel, std::atomic<qint64> *out) {
            return QThread::create([b, pos, cancel, out] {
                char bytes[8];
                out->store(b->read(pos, bytes, sizeof bytes, cancel));
            });
        };

        // Bytes wake the reader; it gets what is there, not a full buffer's worth.
        std::atomic<qint64> result{99};
        std::unique_ptr<QThread> reader(readInThread(buffer, 2, nullptr, &result));
        reader->start();
        QVERIFY(!reader->wait(100));
        QVERIFY(buffer->append("ab", 0));
        QVERIFY(!reader->wait(50)); // still nothing at 2
        QVERIFY(buffer->append("cde", 2));
        QVERIFY(reader->wait(2000));
        QCOMPARE(result.load(), 3);

        // Cancel flag plus wakeReaders.
        std::atomic<bool> cancel{false};
        reader.reset(readInThread(buffer, 5, &cancel, &result));
        reader->start();
        QVERIFY(!reader->wait(50));
        cancel = true;
        buffer->wakeReaders();
        QVERIFY(reader->wait(2000));
        QCOMPARE(result.load(), VerifiedClipBuffer::kCancelled);

        // Refusal, at once.
        reader.reset(readInThread(buffer, 5, nullptr, &result));
        reader->start();
        QVERIFY(!reader->wait(50));
        buffer->markRefused();
        QVERIFY(reader->wait(2000));
        QCOMPARE(result.load(), VerifiedClipBuffer::kRefused);

        // Abort (close), at once.
        auto other = std::make_shared<VerifiedClipBuffer>(8);
        reader.reset(readInThread(other, 0, nullptr, &result));
        reader->start();
        QVERIFY(!reader->wait(50));
        other->abort();
        QVERIFY(reader->wait(2000));
        QCOMPARE(result.load(), VerifiedClipBuffer::kAborted);
        QVERIFY(!other->append("a", 0));
    }

    // --- FfmpegClipDecoder ------------------------------------------------------------------

    void streamsEveryFrameIntoASinkWithoutAWindow() {
        const QByteArray clip = demoClip();
        auto buffer = std::make_shared<VerifiedClipBuffer>(clip.size());
        // ~1.6 s to release the clip: the first frame must not wait for all of it.
        ChunkFeeder feeder(buffer, clip, 16, 100);
        QVideoSink sink;
        int sinkFrames = 0;
        connect(&sink, &QVideoSink::videoFrameChanged, this, [&](const QVideoFrame &f) {
            if (f.isValid())
                ++sinkFrames;
        });
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        qint64 fedAtFirstFrame = -1;
        connect(&decoder, &ClipDecoder::firstFrame, this,
                [&] { fedAtFirstFrame = buffer->size(); });
        decoder.setVideoSink(&sink);
        QCOMPARE(decoder.videoSink(), &sink);
        QVERIFY(decoder.open(buffer));
        QCOMPARE(decoder.state(), ClipDecoder::State::Idle);
        feeder.start();
        decoder.start();
        QCOMPARE(decoder.state(), ClipDecoder::State::Opening);

        QVERIFY2(waitFor([&] { return rec.finished > 0 || !rec.errors.isEmpty(); }, 15000),
                 "no end of playback");
        QVERIFY2(rec.errors.isEmpty(), qPrintable(rec.errors.join(QStringLiteral("; "))));
        QCOMPARE(rec.finished, 1);
        QCOMPARE(decoder.state(), ClipDecoder::State::Finished);

        // Every frame, in order, at 320x180, in the format the header promises.
        QCOMPARE(decoder.framesDelivered() + decoder.framesSuperseded(), kFrames);
        QVERIFY2(rec.frames >= kFrames - 2, qPrintable(QString::number(rec.frames)));
        QCOMPARE(rec.frames, decoder.framesDelivered());
        QCOMPARE(sinkFrames, rec.frames);
        QCOMPARE(rec.positions.size(), rec.frames);
        for (qsizetype i = 1; i < rec.positions.size(); ++i)
            QVERIFY(rec.positions[i] > rec.positions[i - 1]);
        QCOMPARE(rec.positions.first(), 0);
        QCOMPARE(rec.positions.last(), kDurationMs - 1000 / kFps);
        QCOMPARE(decoder.positionMs(), rec.positions.last());
        QCOMPARE(decoder.durationMs(), kDurationMs);
        QCOMPARE(rec.lastFrame.size(), QSize(320, 180));
        QCOMPARE(rec.lastFrame.pixelFormat(), QVideoFrameFormat::Format_BGRX8888);
        QCOMPARE(QVideoFrameFormat::imageFormatFromPixelFormat(rec.lastFrame.pixelFormat()),
                 QImage::Format_RGB32);
        QCOMPARE(sink.videoFrame().size(), QSize(320, 180));
        QCOMPARE(sink.videoSize(), QSize(320, 180));

        // Streaming: the first frame came while most of the clip was still unreleased.
        QVERIFY(rec.firstFrameMs >= 0);
        qInfo("first frame after %lld ms with %lld of %lld bytes released", rec.firstFrameMs,
              fedAtFirstFrame, qint64(clip.size()));
        QVERIFY2(
            fedAtFirstFrame > 0 && fedAtFirstFrame < clip.size(),
            qPrintable(QStringLiteral("%1 of %2 bytes").arg(fedAtFirstFrame).arg(clip.size())));
        QCOMPARE(rec.states.first(), ClipDecoder::State::Opening);
        QVERIFY(rec.states.contains(ClipDecoder::State::Playing));

        decoder.stop();
        QCOMPARE(decoder.state(), ClipDecoder::State::Stopped);
    }

    void framesShowTheScene() {
        const QByteArray clip = demoClip();
        const auto probe = vf::camsim::test::ClipDecoderProbe::probe(clip);
        QVERIFY2(probe.error.isEmpty(), qPrintable(probe.error));
        FfmpegClipDecoder decoder;
        QVideoFrame first;
        connect(&decoder, &ClipDecoder::frameReady, this, [&](const QVideoFrame &f) {
            if (!first.isValid())
                first = f;
        });
        QVERIFY(decoder.open(fullBuffer(clip)));
        decoder.start();
        QVERIFY(waitFor([&] { return first.isValid(); }, 10000));
        decoder.stop();
        const QImage mapped = imageOf(first);
        QCOMPARE(mapped.size(), QSize(320, 180));
        // Same pixels as FFmpeg's own decode (nearest-neighbour chroma there, bilinear here).
        const double share = differingShare(mapped, probe.firstFrame, 24);
        QVERIFY2(share < 0.02, qPrintable(QString::number(share)));
        // And Qt's own conversion (what QVideoFrame::paint and toImage use) agrees.
        const QImage viaQt = first.toImage();
        QCOMPARE(viaQt.size(), QSize(320, 180));
        QVERIFY(differingShare(viaQt, mapped, 8) < 0.01);
    }

    void timesTooLargeForMillisecondsAreNeverNegative() {
        // fuzz_mp4_demux's finding: a fragment whose decode time (tfdt) is 4 x 10^17 ticks of a
        // 1-tick-per-second track made the duration in ms overflow to a negative number. Every
        // time the reader gives stays non-negative, and frames end no earlier than they start.
        QByteArray clip = demoClip();
        const auto at = [&](const char *type) {
            const qsizetype t = clip.indexOf(type);
            if (t < 0)
                qFatal("no %s box in the demo clip", type);
            return t;
        };
        const auto put = [&](qsizetype offset, quint64 value, int bytes) {
            for (int i = 0; i < bytes; ++i)
                clip[offset + i] = char(value >> (8 * (bytes - 1 - i)));
        };
        QCOMPARE(int(clip.at(at("mdhd") + 4)), 0); // version 0: 32-bit fields
        put(at("mdhd") + 16, 1, 4);                // timescale: 1 tick per second
        QCOMPARE(int(clip.at(at("tfdt") + 4)), 1); // version 1: a 64-bit decode time
        put(at("tfdt") + 8, 0x0600000000000000ULL, 8);

        vf::media::FfmpegClipReader reader(fullBuffer(clip), {});
        QList<qint64> durations;
        reader.setDurationCallback([&](qint64 ms) { durations.append(ms); });
        QCOMPARE(reader.openInput(), QString());
        QCOMPARE(reader.openDecoder(), QString());
        QVERIFY(reader.headerDurationMs() >= 0);
        std::unique_ptr<AVFrame, void (*)(AVFrame *)> frame(av_frame_alloc(),
                                                            [](AVFrame *f) { av_frame_free(&f); });
        QString error;
        int frames = 0;
        while (reader.decodeNext(frame.get(), &error) == vf::media::FfmpegClipReader::Next::Frame) {
            ++frames;
            const qint64 ms = reader.toMs(frame->best_effort_timestamp);
            QVERIFY(ms >= 0);
            QVERIFY(reader.frameEndMs(frame.get(), ms) >= ms);
            av_frame_unref(frame.get());
        }
        QCOMPARE(error, QString());
        // The patched fragment's pictures are intact (the next fragment's times go back).
        QVERIFY(frames >= kFrames / 2);
        QVERIFY(reader.headerDurationMs() >= 0);
        for (qint64 ms : durations)
            QVERIFY2(ms >= 0, qPrintable(QString::number(ms)));
    }

    void readerDecodesWithoutAThreadOrASink() {
        // FfmpegClipReader, the worker's demux and decode (and fuzz_mp4_demux's entry point),
        // driven directly: every frame in order, then the end; a seek lands on a keyframe.
        vf::media::FfmpegClipReader reader(fullBuffer(demoClip()), {});
        qint64 duration = 0;
        reader.setDurationCallback([&](qint64 ms) { duration = ms; });
        QCOMPARE(reader.openInput(), QString());
        QCOMPARE(reader.openDecoder(), QString());
        std::unique_ptr<AVFrame, void (*)(AVFrame *)> frame(av_frame_alloc(),
                                                            [](AVFrame *f) { av_frame_free(&f); });
        QList<qint64> positions;
        QString error;
        vf::media::FfmpegClipReader::Next next;
        while ((next = reader.decodeNext(frame.get(), &error)) ==
               vf::media::FfmpegClipReader::Next::Frame) {
            positions.append(reader.toMs(frame->best_effort_timestamp));
            if (positions.size() == 1) {
                QVideoFrame video;
                QCOMPARE(reader.convert(frame.get(), &video), QString());
                QCOMPARE(video.size(), QSize(320, 180));
            }
            av_frame_unref(frame.get());
        }
        QCOMPARE(next, vf::media::FfmpegClipReader::Next::End);
        QCOMPARE(error, QString());
        QCOMPARE(positions.size(), kFrames);
        for (int i = 0; i < kFrames; ++i)
            QCOMPARE(positions.at(i), qint64(i) * 1000 / kFps);
        QVERIFY(std::max(duration, reader.headerDurationMs()) >= kDurationMs - 1000 / kFps);

        QCOMPARE(reader.seekTo(1500), QString());
        QCOMPARE(reader.decodeNext(frame.get(), &error), vf::media::FfmpegClipReader::Next::Frame);
        QCOMPARE(reader.toMs(frame->best_effort_timestamp), qint64(1000)); // the keyframe before
    }

    void doubleSpeedPlaysFaster() {
        const QByteArray clip = demoClip();
        const auto playTime = [&](double speed) -> qint64 {
            FfmpegClipDecoder decoder;
            Recorder rec(decoder);
            decoder.setSpeed(speed);
            decoder.open(fullBuffer(clip));
            QElapsedTimer timer;
            timer.start();
            decoder.start();
            if (!waitFor([&] { return rec.finished > 0 || !rec.errors.isEmpty(); }, 15000))
                return -1;
            return rec.errors.isEmpty() && rec.frames >= kFrames - 2 ? timer.elapsed() : -1;
        };
        const qint64 normal = playTime(1.0);
        const qint64 fast = playTime(2.0);
        QVERIFY(normal > 0 && fast > 0);
        qInfo("1x: %lld ms, 2x: %lld ms", normal, fast);
        // Loose: about half; only "clearly faster" is asserted (shared CI cores).
        QVERIFY2(fast < normal * 0.8, qPrintable(QStringLiteral("%1 vs %2").arg(fast).arg(normal)));
        QVERIFY(normal >= 1500); // 1x is paced, not as fast as possible

        FfmpegClipDecoder decoder;
        decoder.setSpeed(10);
        QCOMPARE(decoder.speed(), ClipDecoder::kMaxSpeed);
        decoder.setSpeed(0.1);
        QCOMPARE(decoder.speed(), ClipDecoder::kMinSpeed);
        decoder.setSpeed(qQNaN());
        QCOMPARE(decoder.speed(), ClipDecoder::kMinSpeed);
    }

    void seekNearTheEndThenFinished() {
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(demoClip())));
        decoder.start();
        QVERIFY(waitFor([&] { return rec.frames > 0; }, 10000));
        decoder.seek(1800);
        const qsizetype before = rec.positions.size();
        QVERIFY(waitFor([&] { return rec.finished > 0 || !rec.errors.isEmpty(); }, 10000));
        QVERIFY(rec.errors.isEmpty());
        const QList<qint64> after = rec.positions.mid(before);
        QVERIFY2(!after.isEmpty() && after.size() <= 3, qPrintable(QString::number(after.size())));
        QCOMPARE(after.first(), 1800);
        QCOMPARE(after.last(), 1900);

        // From Finished, a seek plays again; past the end it shows the last frame.
        decoder.seek(5000);
        QCOMPARE(decoder.state(), ClipDecoder::State::Playing);
        QVERIFY(waitFor([&] { return rec.finished > 1; }, 10000));
        QCOMPARE(rec.positions.last(), 1900);
        decoder.seek(0);
        QVERIFY(waitFor([&] { return rec.positions.last() == 0; }, 10000));
        QVERIFY(rec.errors.isEmpty());
    }

    void seekWhileStreamingWaitsForTheBytes() {
        const QByteArray clip = demoClip();
        auto buffer = std::make_shared<VerifiedClipBuffer>(clip.size());
        ChunkFeeder feeder(buffer, clip, 20, 60);
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        QVERIFY(decoder.open(buffer));
        feeder.start();
        decoder.start();
        QVERIFY(waitFor([&] { return rec.frames > 0; }, 10000));
        decoder.seek(1500); // probably beyond the fragments read so far
        QVERIFY(waitFor([&] { return rec.finished > 0 || !rec.errors.isEmpty(); }, 10000));
        QVERIFY2(rec.errors.isEmpty(), qPrintable(rec.errors.join(QStringLiteral("; "))));
        QVERIFY(rec.positions.contains(1500));
        QCOMPARE(rec.positions.last(), 1900);
    }

    void pauseHoldsAndResumeContinues() {
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(demoClip())));
        decoder.start();
        QVERIFY(waitFor([&] { return rec.frames >= 3; }, 10000));
        decoder.pause();
        QCOMPARE(decoder.state(), ClipDecoder::State::Paused);
        QTest::qWait(50); // a frame already on its way may still land
        const int held = rec.frames;
        QTest::qWait(400);
        QCOMPARE(rec.frames, held);
        // A seek while paused shows its frame and stays paused.
        decoder.seek(1000);
        QVERIFY(waitFor([&] { return rec.positions.last() == 1000; }, 5000));
        QTest::qWait(300);
        QCOMPARE(rec.positions.last(), 1000);
        QCOMPARE(decoder.state(), ClipDecoder::State::Paused);
        decoder.resume();
        QCOMPARE(decoder.state(), ClipDecoder::State::Playing);
        QVERIFY(waitFor([&] { return rec.finished > 0; }, 10000));
        QCOMPARE(rec.positions.last(), 1900);
        QVERIFY(rec.errors.isEmpty());
    }

    void refusalMidStreamStopsAtOnce() {
        const QByteArray clip = demoClip();
        auto buffer = std::make_shared<VerifiedClipBuffer>(clip.size());
        // The first ~60 % is released, then the stream stalls (the next segment is bad).
        ChunkFeeder feeder(buffer, clip, 10, 30, clip.size() * 6 / 10);
        QVideoSink sink;
        FfmpegClipDecoder decoder;
        decoder.setVideoSink(&sink);
        Recorder rec(decoder);
        QVERIFY(decoder.open(buffer));
        feeder.start();
        decoder.start();
        QVERIFY(waitFor([&] { return rec.frames >= 2; }, 10000));
        QVERIFY(sink.videoFrame().isValid());
        buffer->markRefused(); // VerifiedClipStream::refused
        const int atRefusal = rec.frames;
        QVERIFY(waitFor([&] { return !rec.errors.isEmpty(); }, 2000));
        QCOMPARE(rec.errors.size(), 1);
        QVERIFY2(rec.errors.first().contains(u"refused"), qPrintable(rec.errors.first()));
        QCOMPARE(decoder.state(), ClipDecoder::State::Failed);
        QCOMPARE(rec.frames, atRefusal);
        QVERIFY(!sink.videoFrame().isValid()); // nothing left on screen
        QTest::qWait(300);
        QCOMPARE(rec.frames, atRefusal);
        QCOMPARE(rec.finished, 0);
    }

    void stopWhileBlockedReturnsPromptly() {
        const QByteArray clip = demoClip();
        auto buffer = std::make_shared<VerifiedClipBuffer>(clip.size());
        QVERIFY(buffer->append(clip.left(100), 0)); // not even the whole header
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        QVERIFY(decoder.open(buffer));
        decoder.start();
        QTest::qWait(200);
        QCOMPARE(decoder.state(), ClipDecoder::State::Opening);
        QElapsedTimer timer;
        timer.start();
        decoder.stop();
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(decoder.state(), ClipDecoder::State::Stopped);
        QTest::qWait(50);
        QVERIFY(rec.errors.isEmpty());

        // Blocked mid-clip (after frames): same. The buffer stays usable for another player.
        QVERIFY(buffer->append(clip.mid(100, clip.size() / 2 - 100), 100));
        QVERIFY(decoder.open(buffer));
        decoder.start();
        QVERIFY(waitFor([&] { return rec.frames > 0; }, 10000));
        QTest::qWait(1500); // it has run out of bytes by now
        timer.restart();
        decoder.stop();
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        const int framesAtStop = rec.frames;
        QTest::qWait(100);
        QCOMPARE(rec.frames, framesAtStop);
        QVERIFY(rec.errors.isEmpty());
        QCOMPARE(buffer->state(), VerifiedClipBuffer::State::Streaming);

        // Destroying a blocked decoder is just as prompt.
        timer.restart();
        {
            FfmpegClipDecoder blocked;
            blocked.open(buffer);
            blocked.start();
            QTest::qWait(100);
        }
        QVERIFY(timer.elapsed() < 1500);
    }

    void badInputIsAnErrorNotACrash_data() {
        QTest::addColumn<QByteArray>("bytes");
        QByteArray random(64 * 1024, Qt::Uninitialized);
        QRandomGenerator rng(42);
        rng.fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
        QTest::newRow("random") << random;
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("this is not a clip at all");
        QTest::newRow("truncated header") << demoClip().left(200);
        // A box claiming to be huge, then nothing.
        QTest::newRow("giant box") << QByteArray::fromHex("ffffffff6d6f6f76") + QByteArray(32, 0);
    }
    void badInputIsAnErrorNotACrash() {
        QFETCH(QByteArray, bytes);
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(bytes)));
        decoder.start();
        QVERIFY(waitFor([&] { return !rec.errors.isEmpty() || rec.finished > 0; }, 10000));
        QCOMPARE(rec.errors.size(), 1);
        QCOMPARE(rec.frames, 0);
        QCOMPARE(decoder.state(), ClipDecoder::State::Failed);
    }

    void corruptVideoDataDoesNotCrash() {
        // Flip bytes in the middle of the clip (inside the media data): decode what decodes.
        QByteArray clip = demoClip();
        QRandomGenerator rng(7);
        for (int i = 0; i < 200; ++i) {
            const qsizetype at = clip.size() / 4 + rng.bounded(int(clip.size() / 2));
            clip[at] = char(rng.bounded(256));
        }
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        decoder.setSpeed(4);
        QVERIFY(decoder.open(fullBuffer(clip)));
        decoder.start();
        QVERIFY(waitFor([&] { return !rec.errors.isEmpty() || rec.finished > 0; }, 10000));
    }

    void aClipWithoutVideoIsRefused() {
        const QByteArray audio = audioOnlyMp4(1);
        QVERIFY(!audio.isEmpty());
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(audio)));
        decoder.start();
        QVERIFY(waitFor([&] { return !rec.errors.isEmpty(); }, 10000));
        QVERIFY2(rec.errors.first().contains(u"no video stream"), qPrintable(rec.errors.first()));
        QCOMPARE(rec.frames, 0);
    }

    void tooManyStreamsAreRefused() {
        const QByteArray audio = audioOnlyMp4(6);
        QVERIFY(!audio.isEmpty());
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(audio)));
        decoder.start();
        QVERIFY(waitFor([&] { return !rec.errors.isEmpty(); }, 10000));
        QCOMPARE(rec.frames, 0);
        QVERIFY2(rec.errors.first().contains(u"6 streams (at most 4)"),
                 qPrintable(rec.errors.first()));
    }

    void framesOverTheLimitAreRefused() {
        FfmpegClipDecoder::Limits limits;
        limits.maxWidth = 160;
        limits.maxHeight = 90;
        FfmpegClipDecoder decoder(limits);
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(demoClip())));
        decoder.start();
        QVERIFY(waitFor([&] { return !rec.errors.isEmpty(); }, 10000));
        QVERIFY2(rec.errors.first().contains(u"at most 160x90"), qPrintable(rec.errors.first()));
        QCOMPARE(rec.frames, 0);
    }

    // fuzz_mp4_demux found a 4.7 KB clip whose track run claimed 83,886,085 samples: FFmpeg's
    // mov demuxer allocated and filled its index for all of them (2.8 GB). The header gate
    // refuses headers that claim more samples than the clip has bytes, wherever they sit.
    void headersClaimingTooManySamplesAreRefused_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        // Sets the 4 bytes at fieldOffset from the nth box of a type (its type's offset).
        const auto patch = [](QByteArray bytes, const char *type, int nth, int fieldOffset,
                              quint32 value) {
            qsizetype at = -1;
            for (int i = 0; i <= nth; ++i)
                at = bytes.indexOf(type, at + 1);
            if (at < 0)
                qFatal("no %s box in the demo clip", type);
            for (int i = 0; i < 4; ++i)
                bytes[at + fieldOffset + i] = char(value >> (24 - 8 * i));
            return bytes;
        };
        const QByteArray clip = demoClip();
        const QString claims = QStringLiteral("claims");
        QTest::newRow("first trun") << patch(clip, "trun", 0, 8, 83886085) << claims;
        QTest::newRow("last trun") << patch(clip, "trun", 1, 8, 0x00ffffff) << claims;
        QTest::newRow("constant stsz") << patch(clip, "stsz", 0, 12, 0x7fffffff) << claims;
        // udta's place is as good as any: FFmpeg reads a box by its type wherever it sits.
        const QByteArray elst = patch(clip, "udta", 0, 0, 0x656c7374); // "elst"
        QTest::newRow("elst") << patch(elst, "elst", 0, 8, 100000) << claims;
        QTest::newRow("cmov") << patch(clip, "udta", 0, 0, 0x636d6f76)
                              << QStringLiteral("compressed headers");
    }
    void headersClaimingTooManySamplesAreRefused() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        FfmpegClipDecoder decoder;
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(bytes)));
        decoder.start();
        QVERIFY(waitFor([&] { return !rec.errors.isEmpty() || rec.finished > 0; }, 10000));
        QCOMPARE(rec.errors.size(), 1);
        QVERIFY2(rec.errors.first().contains(reason), qPrintable(rec.errors.first()));
        QCOMPARE(rec.frames, 0);
    }

    void theSampleLimitCountsEveryFragment() {
        // The demo clip's two fragments claim 10 samples each.
        FfmpegClipDecoder::Limits limits;
        limits.maxSamples = 10;
        FfmpegClipDecoder decoder(limits);
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(demoClip())));
        decoder.start();
        QVERIFY(waitFor([&] { return !rec.errors.isEmpty() || rec.finished > 0; }, 10000));
        QCOMPARE(rec.errors.size(), 1);
        QVERIFY2(rec.errors.first().contains(u"claims 20 samples"), qPrintable(rec.errors.first()));
        QVERIFY2(rec.errors.first().contains(u"at most 10 samples"),
                 qPrintable(rec.errors.first()));
    }

    void openRulesAndStates() {
        FfmpegClipDecoder decoder;
        QVERIFY(!decoder.open(nullptr));
        decoder.start(); // nothing opened: nothing happens
        QCOMPARE(decoder.state(), ClipDecoder::State::Idle);
        Recorder rec(decoder);
        QVERIFY(decoder.open(fullBuffer(demoClip())));
        decoder.pause(); // paused before it even starts: opens, shows nothing yet
        decoder.start();
        QVERIFY(!decoder.open(fullBuffer(demoClip()))); // busy
        QVERIFY(waitFor([&] { return decoder.state() == ClipDecoder::State::Paused; }, 5000));
        QTest::qWait(200);
        QCOMPARE(rec.frames, 0);
        decoder.resume();
        QVERIFY(waitFor([&] { return rec.finished > 0; }, 10000));
        QCOMPARE(rec.frames + decoder.framesSuperseded(), kFrames);
        decoder.stop();
        decoder.stop();
        QCOMPARE(decoder.state(), ClipDecoder::State::Stopped);
        QVERIFY(decoder.open(fullBuffer(demoClip()))); // reopen after stop
        QCOMPARE(decoder.state(), ClipDecoder::State::Idle);
        QCOMPARE(decoder.framesDelivered(), 0);
    }
};

QTEST_MAIN(TstMedia)
#include "tst_media.moc"
